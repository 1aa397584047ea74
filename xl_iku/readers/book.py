"""A saved workbook's input sheets read without loading the workbook: values as last computed (python-calamine),
merged ranges and never-computed formulas from the sheet's own XML, in time and memory that follow the cells that
hold something.

python-calamine builds a dense block from A1 to the last cell holding a value, so one stray value at XFD1048576
would ask it for 17 billion cells. A sheet whose stated extent is far larger than the cells it holds is read here
instead, cell by cell, into ragged rows (a style-only cell, however far away, holds nothing and costs nothing).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html import unescape
from typing import Any
from xml.etree import ElementTree

from ..cells import column_index
from ..errors import InputError
from ..package import MAIN, Package, PackageError, shared_strings

#: A sheet is read by calamine when its dense block is at most this many cells, or a few times its cell count.
DENSE_LIMIT = 2_000_000
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
CELL_END = re.compile(rb"</(?:\w+:)?c>")
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+)(\d+)"[^>]*?\st="e"[^>]*>(.*?)</(?:\w+:)?c>', re.S)
_STORED = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>")
_BUILTIN_DATES = set(range(14, 23)) | {45, 46, 47}
_EPOCH = dt.datetime(1899, 12, 30)


class InputBook:
    """Sheet names and per-sheet values of a saved .xlsx/.xlsm, for `bookdata.read_book`."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        try:
            self.package = Package(self.path)
            self.entries = {s.name: s for s in self.package.sheets()}
        except PackageError as error:
            raise unreadable(self.path, str(error)) from None
        self._calamine = None
        self._date_styles: list[bool] | None = None
        self._strings: list[str] | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.entries)

    def close(self) -> None:
        self.package.close()

    def __enter__(self) -> "InputBook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def xml(self, name: str) -> bytes:
        """The sheet's part, kept in memory only while the caller holds it (`rows` inflates it once)."""
        try:
            return self.package.read(self.entries[name].part, keep=False)
        except PackageError as error:
            raise unreadable(self.path, str(error)) from None

    def rows(self, name: str, check_formulas: bool = True, blank: Any = None) -> list[list[Any]]:
        """The sheet's values, row 1 first, empty cells `blank` (None, or calamine's own "" when the reader copes
        with it: copying 50,000 rows to change it costs time). With `check_formulas`, a formula never computed is
        an error and an Excel error value reads as its text (`#DIV/0!`), as on the openpyxl and xlwings paths."""
        data = self.xml(name) if check_formulas else None  # inflated once for both checks (29 MB for 50,000 rows)
        errors = {}
        if data is not None:
            missing = uncomputed_formula(data)
            if missing:
                raise InputError(
                    f"Sheet '{name}', sel {missing}: rumus belum punya nilai terhitung. Buka dan simpan berkas di "
                    "Excel (atau LibreOffice) dahulu, atau ganti rumusnya dengan angka."
                )
            errors = error_cells(data)
        if dense_size(self.head(name)) > DENSE_LIMIT:
            data = self.xml(name) if data is None else data
            if dense_size(data) > 4 * cell_count(data):
                return self.sparse_rows(data)
        del data  # calamine inflates the part itself: never hold both
        rows = self._calamine_rows(name, blank)
        if errors:  # calamine shows an Excel error value as an empty cell: put its text back
            for (r, c), text in errors.items():
                rows.extend([] for _ in range(r - len(rows)))
                row = rows[r - 1]
                row.extend([blank] * (c - len(row)))
                row[c - 1] = text
        return rows

    def head(self, name: str) -> bytes:
        """The start of a sheet's part (where `<dimension>` is), without inflating a large sheet whole."""
        try:
            with self.package.zip.open(self.entries[name].part) as stream:
                return stream.read(4096)
        except Exception as error:
            raise unreadable(self.path, str(error)) from None

    def merged(self, name: str) -> tuple[str, ...]:
        return tuple(m.decode() for m in re.findall(rb"<(?:\w+:)?mergeCell\s+ref=\"([^\"]+)\"", self.xml(name)))

    def _calamine_rows(self, name: str, blank: Any) -> list[list[Any]]:
        from python_calamine import CalamineWorkbook

        try:
            if self._calamine is None:
                self._calamine = CalamineWorkbook.from_path(self.path)
            rows = self._calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as error:  # calamine raises its own types for corrupt files
            raise unreadable(self.path, f"sheet '{name}': {error}") from None
        if blank == "":
            return rows
        return [[blank if v == "" else v for v in row] if "" in row else row for row in rows]

    def sparse_rows(self, data: bytes) -> list[list[Any]]:
        """Cell by cell: only cells holding a value are kept; rows in between are empty lists."""
        found: dict[int, dict[int, Any]] = {}
        row_number = 0
        for row in _ROW.finditer(data):
            r = re.search(rb'\sr="(\d+)"', row.group(1))
            row_number = int(r.group(1)) if r else row_number + 1
            column = 0
            for cell in _CELL.finditer(row.group(2) or b""):
                attrs = " " + cell.group(1).decode()
                ref = re.search(r'\sr="([A-Z]+)\d+"', attrs)
                column = column_index(ref.group(1)) if ref else column + 1
                value = self._value(attrs, cell.group(2) or b"")
                if value is not None:
                    found.setdefault(row_number, {})[column] = value
        rows: list[list[Any]] = []
        for r in range(1, max(found, default=0) + 1):
            cells = found.get(r)
            rows.append([cells.get(c) for c in range(1, max(cells) + 1)] if cells else [])
        return rows

    def _value(self, attrs: str, body: bytes) -> Any:
        kind_match = re.search(r'\st="(\w+)"', attrs)
        kind = kind_match.group(1) if kind_match else "n"
        if kind == "inlineStr":
            return "".join(_text(t) for t in re.findall(rb"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>", body, re.S))
        stored = re.search(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", body, re.S)
        if stored is None:
            return None
        text = _text(stored.group(1))
        if kind == "s":
            return self.strings()[int(text)]
        if kind == "b":
            return text == "1"
        if kind in ("str", "e"):
            return text
        if kind == "d":
            return dt.datetime.fromisoformat(text)
        number = float(text)
        style = re.search(r'\ss="(\d+)"', attrs)
        if style and int(style.group(1)) < len(self.date_styles()) and self.date_styles()[int(style.group(1))]:
            return _EPOCH + dt.timedelta(days=number)
        return number

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = shared_strings(self.package)
        return self._strings

    def date_styles(self) -> list[bool]:
        """Per cellXfs index: does it show numbers as dates?"""
        if self._date_styles is None:
            from openpyxl.styles.numbers import is_date_format

            rel = next((r for r in self.package.rels(self.package.workbook_part) if r.type.endswith("/styles")), None)
            self._date_styles = []
            if rel is not None:
                root = ElementTree.fromstring(self.package.read(rel.target))
                formats = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iter(f"{{{MAIN}}}numFmt")}
                for xf in root.find(f"{{{MAIN}}}cellXfs") or []:
                    fmt = int(xf.get("numFmtId", 0))
                    self._date_styles.append(fmt in _BUILTIN_DATES or (fmt in formats and is_date_format(formats[fmt])))
        return self._date_styles


def unreadable(path: str, why: str) -> InputError:
    """The message for a workbook that cannot be read: what the file checks find (a damaged part named), else why."""
    from ..files import unreadable_reason

    reason = unreadable_reason(path, (".xlsx", ".xlsm"))
    return InputError(reason or f"Berkas '{path}' tidak dapat dibaca sebagai buku kerja Excel ({why}). Periksa apakah "
                      "berkas itu utuh (tidak terpotong saat disalin atau diunduh), atau simpan ulang di Excel.")


def _text(raw: bytes) -> str:
    return unescape(raw.decode("utf-8"))


def sheet_data(data: bytes) -> tuple[int, int]:
    """Where the cells are (formulas elsewhere, e.g. a sparkline's `<xm:f>`, are not cell formulas).

    The end tag is looked for from the part's end (it is near there; a regex from the start walks every `<` of
    a 29 MB survey sheet), and confirmed; anything unusual falls back to the regex search."""
    start = re.search(rb"<(?:\w+:)?sheetData\b", data)
    end = None
    near = data.rfind(b"sheetData>")
    if near != -1:
        opening = data.rfind(b"<", 0, near)
        end = _SHEET_DATA_END.fullmatch(data, opening, near + len(b"sheetData>")) if opening != -1 else None
    if end is None:
        end = _SHEET_DATA_END.search(data)
    return (start.start() if start else 0), (end.start() if end else 0)


_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>")


def formula_tags(data: bytes, first: int, last: int) -> list[re.Match]:
    """Each cell formula's opening tag (`<f>`, `<f t="shared" …/>`, `<x:f>`) between `first` and `last`, in order:
    what `FORMULA.finditer(data, first, last)` gives, found with bytes.find (a regex that starts at `<` stops at
    each of the millions of tags of a large survey sheet; a survey of typed answers has no `<f` at all)."""
    found = []
    for needle in (b"<f", b":f"):
        pos = data.find(needle, first, last)
        while pos != -1:
            start = pos if needle == b"<f" else data.rfind(b"<", first, pos)
            match = FORMULA.match(data, start, last) if start != -1 else None
            if match is not None and match.end() == pos + 3:
                found.append(match)
            pos = data.find(needle, pos + 2, last)
    return sorted(found, key=lambda m: m.start())


def cell_count(data: bytes) -> int:
    """Cells holding a value (an upper bound is enough: it only decides how the sheet is read)."""
    return data.count(b"</v>") + data.count(b"</is>") + data.count(b":v>")


def dense_size(data: bytes) -> int:
    """The cells of the block from A1 to the sheet's stated extent (`<dimension>`); unknown → huge."""
    found = _DIMENSION.search(data, 0, 4096)
    if not found or not found.group(2):
        return 1 << 40
    last_col, last_row = (found.group(3), found.group(4)) if found.group(3) else (found.group(1), found.group(2))
    return column_index(last_col.decode()) * int(last_row)


def error_cells(data: bytes) -> dict[tuple[int, int], str]:
    """(row, column) → the Excel error value a cell holds (`#DIV/0!`), as the openpyxl and xlwings paths see it."""
    if b't="e"' not in data:
        return {}
    out = {}
    for cell in _ERROR_CELL.finditer(data):
        value = re.search(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>", cell.group(3))
        out[(int(cell.group(2)), column_index(cell.group(1).decode()))] = _text(value.group(1)) if value else "#N/A"
    return out


def uncomputed_formula(data: bytes) -> str | None:
    """The first cell whose formula has no stored result (written by a library, never opened in Excel)."""
    first, last = sheet_data(data)
    for found in formula_tags(data, first, last):
        start = max(data.rfind(b"<c ", 0, found.start()), data.rfind(b":c ", 0, found.start()))
        end = CELL_END.search(data, found.end())
        cell = data[start:end.end() if end else len(data)]
        head = cell[:cell.find(b">")]
        if _STORED.search(cell) is None and b't="str"' not in head:
            ref = re.search(rb'\sr="([A-Z]+\d+)"', head)
            return ref.group(1).decode() if ref else "?"
    return None
