"""A shareable copy for readers without the add-in (Bupati, Inspektorat, DPRD; Excel, LibreOffice, phone viewers).

Every xl-iku function is replaced by its value: in the generated sheets from a fresh computation (the same layouts
as regeneration), elsewhere from the value Excel last stored or, for a plain call on cells and numbers, computed
here. Native formulas stay (with their values) unless the input sheets are left out, when everything is valued so
nothing points at a sheet that is gone. Formats, merges, charts and print setup come along.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from . import udfs
from .errors import InputError
from .layout.base import SheetLayout
from .bookdata import INPUT_SHEETS, book_data
from .workbook import load, save_with_layouts

FUNCTIONS = ("IKM_SCORE", "IKM_NRR", "IKM_CATEGORY", "IKM_LABEL", "AKIP_SCORE", "AKIP_CATEGORY", "AKIP_LABEL",
             "CAPAIAN")
_CALL = re.compile(r"(?:_xldudf_)?\b(" + "|".join(FUNCTIONS) + r")\s*\(", re.IGNORECASE)
_PLAIN_CALL = re.compile(r"^=\s*(?:_xldudf_)?([A-Z_]+)\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)


def uses_xl_iku(formula: str) -> bool:
    return bool(_CALL.search(formula))


def valued(layout: SheetLayout, everything: bool) -> SheetLayout:
    """The layout with xl-iku formulas (or all formulas) replaced by the values computed for them."""
    cells = {}
    for pos, cell in layout.cells.items():
        if cell.formula and (everything or uses_xl_iku(cell.value)):
            cell = replace(cell, value=cell.cached, formula=False, cached=None)
        cells[pos] = cell
    return replace(layout, cells=cells)


def export(path: str | os.PathLike, out: str | os.PathLike, with_inputs: bool = True, pdf: bool = False) -> Path:
    source, target = Path(path), Path(out)
    if target.resolve() == source.resolve():
        raise InputError("Salinan harus ditulis ke berkas lain (-o SALINAN.xlsx), agar buku kerja asli tetap utuh.")
    if target.suffix.lower() != ".xlsx":
        raise InputError(f"'{target.name}': salinan untuk dibagikan disimpan sebagai .xlsx (tanpa makro).")
    book = load(source)
    data = book_data(book, source)
    layouts = [valued(layout, everything=not with_inputs) for layout in data.layouts()]
    generated = {layout.name for layout in layouts}
    stored = _stored_values(source)
    for sheet in book.worksheets:
        if sheet.title not in generated:
            _value_user_formulas(sheet, stored, everything=not with_inputs)
    if not with_inputs:
        for name in INPUT_SHEETS:
            for sheet in list(book.worksheets):
                if sheet.title.strip().lower() == name.lower():
                    book.remove(sheet)
    if hasattr(book, "vba_archive"):
        book.vba_archive = None  # a shareable copy carries no macros
    save_with_layouts(book, layouts, target)
    if pdf:
        from .layout import is_generated
        from .pdf import export_pdf

        export_pdf(target, target.with_suffix(".pdf"), is_generated)
    return target


def _stored_values(path: Path):
    import openpyxl

    return openpyxl.load_workbook(path, data_only=True)


def _value_user_formulas(sheet, stored, everything: bool) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type != "f" or not isinstance(cell.value, str):
                continue
            if not (everything or uses_xl_iku(cell.value)):
                continue
            value = stored[sheet.title][cell.coordinate].value
            if value is None and uses_xl_iku(cell.value):
                value = _evaluate_call(cell.value, stored, sheet.title, cell.coordinate)
            if value is None:
                raise InputError(
                    f"Sheet '{sheet.title}', sel {cell.coordinate}: rumus belum punya nilai terhitung. Buka dan "
                    "simpan berkas di Excel dahulu, lalu buat salinan lagi."
                )
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"


def _evaluate_call(formula: str, stored, sheet: str, coordinate: str):
    """=FUNC(A1:B9, C3, 0.111, "negatif") computed with xl-iku; anything more complex needs Excel's stored value."""
    match = _PLAIN_CALL.match(formula)
    if not match or match.group(1).upper() not in FUNCTIONS:
        return None
    args = [a.strip() for a in _split_args(match.group(2))]
    values = [_argument(a, stored, sheet) for a in args]
    if any(v is _UNKNOWN for v in values):
        return None
    result = getattr(udfs, match.group(1).upper())(*values)
    if isinstance(result, str) and result.startswith("#XL-IKU!"):
        raise InputError(f"Sheet '{sheet}', sel {coordinate}: {result[len('#XL-IKU! '):]}")
    while isinstance(result, list):
        result = result[0]
    return result


_UNKNOWN = object()
_REF = re.compile(r"^(?:'?([^'!]+)'?!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$", re.IGNORECASE)


def _argument(text: str, stored, sheet: str):
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    try:
        return float(text)
    except ValueError:
        pass
    match = _REF.match(text)
    if not match:
        return _UNKNOWN
    name = match.group(1) or sheet
    if name not in stored.sheetnames:
        return _UNKNOWN
    ws = stored[name]
    if match.group(4):
        rows = ws[f"{match.group(2)}{match.group(3)}:{match.group(4)}{match.group(5)}"]
        return [[c.value for c in r] for r in rows]
    return ws[f"{match.group(2)}{match.group(3)}"].value


def _split_args(text: str) -> list[str]:
    out, depth, current, quoted = [], 0, "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if not quoted and ch in "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            out.append(current)
            current = ""
        else:
            current += ch
    return out + [current] if current or out else out
