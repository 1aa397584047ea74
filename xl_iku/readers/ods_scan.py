"""What python-calamine cannot be trusted with in an OpenDocument spreadsheet (.ods), found in one streaming pass.

As in .xlsx (`xlsx_scan`): calamine shows an error value (``#DIV/0!``, LibreOffice's ``Err:502``) and a formula
without a stored value as an empty cell, which would silently count as "not answered"; and it allocates the
rectangle from A1 to the farthest cell, for every sheet when the file is opened, so a stray value far away asks
for gigabytes (or is refused above 10⁸ cells, the whole file with it). One pass over ``content.xml`` finds, per
sheet, the extent of the cells holding something and the problem cells; a sheet too large for the dense reader is
then read from the same pass, cell by cell. The same pass says which sheets are hidden (a table style with
``table:display="false"``, in ``content.xml`` or ``styles.xml``), so the search for the survey sheet passes them
over as it does in .xlsx and .xls.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import Any
from xml.etree.ElementTree import iterparse

from .xlsx_scan import SheetScan

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_SHEET, _ROW = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_ROWS_REPEATED, _COLUMNS_REPEATED = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
_NAME, _FORMULA = f"{{{_TABLE}}}name", f"{{{_TABLE}}}formula"
_TYPE, _CALC_TYPE = f"{{{_OFFICE}}}value-type", f"{{{_CALCEXT}}}value-type"
_PARAGRAPH = f"{{{_TEXT}}}p"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_STYLE, _TABLE_PROPERTIES = f"{{{_STYLE_NS}}}style", f"{{{_STYLE_NS}}}table-properties"
_STYLE_NAME, _FAMILY, _PARENT = (f"{{{_STYLE_NS}}}name", f"{{{_STYLE_NS}}}family",
                                 f"{{{_STYLE_NS}}}parent-style-name")
_DISPLAY, _TABLE_STYLE = f"{{{_TABLE}}}display", f"{{{_TABLE}}}style-name"


def scan_ods(path: str, values_of: str | None = None, hidden: set[str] | None = None,
             ) -> tuple[dict[str, SheetScan], list[list[Any]] | None]:
    """Every sheet's extent and problems; with `values_of`, that sheet's values too (rows of the cells that exist,
    each only as long as its last cell holding data, as `xlsx_scan.CellValues.sparse_rows` gives them); `hidden`,
    when given, receives the names of the sheets hidden in the file."""
    scans: dict[str, SheetScan] = {}
    cells: dict[tuple[int, int], Any] = {}
    styles: dict[str, tuple[str | None, str | None]] = {}  # table style → (display, parent style)
    sheet_styles: dict[str, str] = {}
    scan, name, row, column, rows_repeated = SheetScan(max_column=0), "", 0, 0, 1
    with zipfile.ZipFile(path) as package, package.open("content.xml") as stream:
        if hidden is not None and "styles.xml" in package.namelist():
            with package.open("styles.xml") as common:
                for _, element in iterparse(common):
                    _table_style(element, styles)
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _SHEET:
                    name, row, scan = element.get(_NAME, ""), 0, SheetScan(max_column=0)
                    scans[name] = scan
                    sheet_styles[name] = element.get(_TABLE_STYLE, "")
                elif tag == _ROW:
                    column, rows_repeated = 0, int(element.get(_ROWS_REPEATED, "1"))
                continue
            if tag in _CELLS:
                repeated = int(element.get(_COLUMNS_REPEATED, "1"))
                kind = element.get(_TYPE)
                text = "\n".join("".join(p.itertext()) for p in element if p.tag == _PARAGRAPH)  # not a comment
                if kind is not None or text:
                    scan.max_row = max(scan.max_row, row + rows_repeated)
                    scan.max_column = max(scan.max_column, column + repeated)
                    problem = _problem(element, kind, text)
                    for c in range(column + 1, column + repeated + 1) if problem or name == values_of else ():
                        for r in range(row + 1, row + rows_repeated + 1):
                            if problem:
                                scan.problems[(r, c)] = problem
                            else:
                                cells[(r, c)] = _value(element, kind, text)
                column += repeated
                element.clear()
            elif tag == _ROW:
                row += rows_repeated
                element.clear()
            elif tag == _STYLE:
                _table_style(element, styles)
    if hidden is not None:
        hidden.update(n for n, style in sheet_styles.items() if _display(style, styles) == "false")
    return scans, (_rows(cells) if values_of is not None else None)


def _table_style(element, styles: dict[str, tuple[str | None, str | None]]) -> None:
    """Remember a table style's display (shown or hidden) and the style it inherits from."""
    if element.tag != _STYLE or element.get(_FAMILY) != "table":
        return
    properties = element.find(_TABLE_PROPERTIES)
    display = properties.get(_DISPLAY) if properties is not None else None
    styles[element.get(_STYLE_NAME, "")] = (display, element.get(_PARENT))


def _display(style: str | None, styles: dict[str, tuple[str | None, str | None]]) -> str | None:
    """A table style's display, inherited from its parents when it does not say (a loop of parents: shown)."""
    seen = set()
    while style and style in styles and style not in seen:
        seen.add(style)
        display, style = styles[style]
        if display is not None:
            return display
    return None


def _problem(element, kind: str | None, text: str) -> str | None:
    if element.get(_CALC_TYPE) == "error":
        return text or "#N/A"
    if element.get(_FORMULA) is not None and kind is None:
        return "rumus"
    return None


def _value(element, kind: str | None, text: str) -> Any:
    if kind in ("float", "percentage", "currency"):
        number = float(element.get(f"{{{_OFFICE}}}value"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        return dt.datetime.fromisoformat(element.get(f"{{{_OFFICE}}}date-value"))
    if kind == "boolean":
        return element.get(f"{{{_OFFICE}}}boolean-value") == "true"
    return element.get(f"{{{_OFFICE}}}string-value", text)


def _rows(cells: dict[tuple[int, int], Any]) -> list[list[Any]]:
    out: list[list[Any]] = [[] for _ in range(max((r for r, _ in cells), default=0))]
    for (r, c), value in cells.items():
        line = out[r - 1]
        line.extend([""] * (c - len(line)))
        line[c - 1] = value
    return out
