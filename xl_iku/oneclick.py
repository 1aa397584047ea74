"""One-click regeneration inside Excel: read the open workbook, build the same layouts, write them live.

Called by the classic "Run main" route (`workbooks/IKU_Wotu.py` → `main()`) and by the xlwings Lite/Server script
`buat_ulang_iku` (excel/lite/main.py). Thin over `readers`, `checks`, `layout` and `writers.xlwings_writer`; it never
saves the file (Excel does), so nothing openpyxl cannot carry is ever at risk.
"""

from __future__ import annotations

from typing import Any

from .bookdata import read_book
from .cells import date_from_serial
from .errors import InputError
from .layout import iku_layouts
from .layout.lke import default_lke_sheet, default_lke_year
from .model import Catatan
from .model.grid import SheetGrid, normalise
from .model.plan import DATA_SHEET, INSTANSI_DATE_KEYS, INSTANSI_SHEET
from .writers.xlwings_writer import write_layout


def regenerate_book(book: Any) -> tuple[list[str], list[Catatan]]:
    """Rebuild the generated sheets of an open xlwings Book; return their names and the consistency warnings."""
    data = read_book([s.name for s in book.sheets], lambda name: sheet_grid(book.sheets[name]),
                     lambda name: list(sheet_grid(book.sheets[name]).rows))
    layouts = iku_layouts(data)
    for layout in layouts:
        write_layout(book, layout)
    if data.lke is None:  # a book made before the LKE existed receives the default sheet, unanswered
        write_layout(book, default_lke_sheet(default_lke_year(data.plan.instansi.tahun_pk, data.plan.tahun_target)))
    return [layout.name for layout in layouts], data.notes


def run(book: Any) -> str:
    """Regenerate and tell the user how it went, in a message box; errors never leave a half-built sheet unsaid."""
    try:
        names, notes = regenerate_book(book)
    except InputError as error:
        message = f"Tabel tidak dibuat ulang.\n\n{error}"
        book.app.alert(message, title="xl-iku")
        return message
    message = f"Sheet hasil sudah dibuat ulang: {', '.join(names)}."
    if notes:
        message += f"\n\nAda {len(notes)} catatan konsistensi: lihat sheet 'Catatan'."
    book.app.alert(message, title="xl-iku")
    return message


def sheet_grid(sheet: Any) -> SheetGrid:
    """Values from row 1/column A, whatever the used range's origin; Excel date serials in Instansi become dates."""
    used = sheet.used_range
    values = used.options(ndim=2, err_to_str=True).value or []  # "#DIV/0!" is named, never read as a blank
    top, left = used.row, used.column
    rows = [[None] * (left - 1) + list(r) for r in values]
    rows = [[] for _ in range(top - 1)] + rows
    if sheet.name.strip().lower() == INSTANSI_SHEET.lower():
        rows = [_date_value(r) for r in rows]
    formats = _number_formats(sheet, rows) if normalise(sheet.name) == normalise(DATA_SHEET) else {}
    return SheetGrid(sheet.name, rows, formats=formats)


def _number_formats(sheet: Any, rows: list[list[Any]]) -> dict[tuple[int, int], str]:
    """Number formats of Data IKU's number cells (how a target was written: `0.000`, `0.0%`): a column's at once
    when all its cells share one, else cell by cell (a range of mixed formats reports none). Runtimes that cannot
    read formats synchronously (xlwings Lite) raise: the numbers then print with the decimals they hold."""
    numeric: dict[int, list[int]] = {}
    for r, row in enumerate(rows[1:], start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numeric.setdefault(c, []).append(r)
    formats = {}
    try:
        for c, numbered in numeric.items():
            shared = sheet.range((numbered[0], c), (numbered[-1], c)).number_format
            for r in numbered:
                code = shared if shared is not None else sheet.range((r, c)).number_format
                if code and code != "General":
                    formats[(r, c)] = code
    except Exception:  # noqa: BLE001 - any runtime's refusal means the same: no formats, numbers as they are
        return {}
    return formats


_DATE_KEYS = {key.lower() for key in INSTANSI_DATE_KEYS}  # Excel sends a date as a serial number


def _date_value(row: list[Any]) -> list[Any]:
    if len(row) > 1 and str(row[0]).strip().lower() in _DATE_KEYS and isinstance(row[1], (int, float)) \
            and not isinstance(row[1], bool):
        return [row[0], date_from_serial(row[1]), *row[2:]]
    return row
