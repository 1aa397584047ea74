"""Excel 97–2003 workbooks (.xls), read with xlrd: python-calamine shows an error value (``#DIV/0!``) as an empty
cell, which would silently count as "not answered", and allocates the sheet's whole rectangle (a stray value at
IV65536 costs over a gigabyte for a file of a few kilobytes). xlrd reports each cell's type, errors included, and
with ragged rows holds only the cells that exist; a .xls sheet has at most 65.536 rows, so its pure-Python speed is
bounded. (A .xls formula always carries its computed value: "never computed" cannot occur.)
"""

from __future__ import annotations

from typing import Any

from .xlsx_scan import SheetScan


def read_xls(path: str, name: str) -> tuple[SheetScan, list[list[Any]]]:
    """One sheet's extent, problem cells and values (rows as long as their last cell, as `xlsx_scan.CellValues.sparse_rows`)."""
    import xlrd

    book = xlrd.open_workbook(path, on_demand=True, ragged_rows=True)
    try:
        sheet = book.sheet_by_name(name)
        scan, rows = SheetScan(max_row=sheet.nrows), []
        for r in range(sheet.nrows):
            types, values = sheet.row_types(r), sheet.row_values(r)
            row = []
            for c, (kind, value) in enumerate(zip(types, values)):
                if kind == xlrd.XL_CELL_ERROR:
                    scan.problems[(r + 1, c + 1)] = xlrd.error_text_from_code.get(value, "#N/A")
                row.append(_value(kind, value, book.datemode))
            while row and row[-1] == "":
                row.pop()
            scan.max_column = max(scan.max_column, len(row))
            rows.append(row)
        return scan, rows
    finally:
        book.release_resources()


def sheet_names(path: str) -> list[str]:
    import xlrd

    book = xlrd.open_workbook(path, on_demand=True)
    try:
        return book.sheet_names()
    finally:
        book.release_resources()


def hidden_sheets(path: str) -> frozenset[str]:
    """Sheets hidden or very hidden (xlrd keeps each sheet's visibility from the workbook stream: 0 is visible)."""
    import xlrd

    book = xlrd.open_workbook(path, on_demand=True)
    try:
        shown = getattr(book, "_sheet_visibility", [])
        return frozenset(n for n, v in zip(book.sheet_names(), shown) if v)
    finally:
        book.release_resources()


def _value(kind: int, value: Any, datemode: int) -> Any:
    import xlrd

    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() else value
    if kind == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(value, datemode)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_TEXT:
        return value
    return ""  # empty, blank, or an error (reported in the scan)
