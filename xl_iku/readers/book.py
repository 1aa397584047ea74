"""The one reader of a saved .xlsx/.xlsm workbook: values as last computed (python-calamine), merged ranges,
never-computed formulas and error values from the sheet's own XML (`xlsx_scan`), in time and memory that follow
the cells that hold something. The input book's sheets (regenerate, export, pdf, pk, rekap: `rows`) and a survey
(`xl-iku ikm`/`skm`, as one of `sources`' survey sources: `values`, `problems`) are read by it alike.

python-calamine builds a dense block from A1 to the farthest cell holding a value, so one stray value at
XFD1048576 would ask it for 17 billion cells and abort the process. Every sheet is scanned first
(`xlsx_scan.scan_sheet`: its extent as calamine would place its cells, its problem cells); one whose rectangle holds
more than `DENSE_CELL_LIMIT` cells is read sparsely instead (`xlsx_scan.CellValues.sparse_rows`): a style-only
cell, however far away, costs nothing. What calamine or the package refuse is the file's error (`FileError`).
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from typing import Any
from xml.etree import ElementTree

from ..cells import address
from ..errors import CellError, FileError
from ..package import Package, PackageError
from .xlsx_scan import DENSE_CELL_LIMIT, CellValues, SheetScan, blank_totals, scan_sheet, totals_rows

_MERGE = re.compile(rb"""<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']+)""")
#: What reading a part of the package may raise besides PackageError: a member that does not inflate or fails its
#: checksum, one cut short, one the workbook names but the zip does not hold, a styles part that is not XML.
_PART_ERRORS = (PackageError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ElementTree.ParseError)
SUFFIXES = (".xlsx", ".xlsm")


class InputBook:
    """Sheet names and per-sheet values of a saved .xlsx/.xlsm (`bookdata.read_book`, the survey sources)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        try:
            self.package = Package(self.path)
            self.entries = {s.name: s for s in self.package.sheets()}
        except _PART_ERRORS as error:
            raise unreadable(self.path, error) from None
        #: sheets hidden or very hidden in the workbook: the search for the survey sheet never picks one
        self.hidden = frozenset(name for name, entry in self.entries.items() if entry.state != "visible")
        #: sheet → rows kept out of the values (an Excel Table's totals row), described
        self.left_out: dict[str, list[str]] = {}
        self.cells = CellValues(self.package)
        self._calamine: Any = None
        self._scans: dict[str, SheetScan] = {}
        self._sparse: dict[str, list[list[Any]]] = {}

    @property
    def sheet_names(self) -> list[str]:
        return list(self.entries)

    def close(self) -> None:
        self.package.close()

    def __enter__(self) -> InputBook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the input book's sheets ------------------------------------------------------------------------------------

    def rows(self, name: str, check_formulas: bool = True, blank: Any = None) -> list[list[Any]]:
        """The sheet's values, row 1 first, empty cells `blank` (None, or calamine's own "" when the reader copes
        with it: copying 50,000 rows to change it costs time). With `check_formulas`, a formula never computed is
        an error and an Excel error value reads as its text (`#DIV/0!`), as on the openpyxl and xlwings paths."""
        scan = self._scan(name)
        if check_formulas:
            missing = [cell for cell, what in scan.problems.items() if what == "rumus"]
            if missing:
                first = min(missing)
                raise CellError.uncomputed(name, address(*first) if first[0] else "?", path=self.path)
        if scan.dense_cells > DENSE_CELL_LIMIT:
            rows = self._read_sparse(name, scan)  # error values read as their text, formulas without one empty
            if blank is not None:
                rows = [[blank if v is None else v for v in row] if None in row else row for row in rows]
            blank_totals(rows, self._totals(name), blank)
            return rows
        rows = self._dense(name, None)
        if blank != "":
            rows = [[blank if v == "" else v for v in row] if "" in row else row for row in rows]
        if check_formulas:  # calamine shows an Excel error value as an empty cell: put its text back
            for (r, c), text in scan.problems.items():
                if text != "rumus" and r:
                    rows.extend([] for _ in range(r - len(rows)))
                    row = rows[r - 1]
                    row.extend([blank] * (c - len(row)))
                    row[c - 1] = text
        blank_totals(rows, self._totals(name), blank)
        return rows

    def xml(self, name: str) -> bytes:
        """The sheet's part, kept in memory only while the caller holds it."""
        try:
            return self.package.read(self.entries[name].part, keep=False)
        except _PART_ERRORS as error:
            raise unreadable(self.path, error, self.entries[name].part) from None

    def number_formats(self, name: str) -> dict[tuple[int, int], str]:
        """Number format codes of the sheet's cells (`CellValues.number_formats`), for the Data IKU reader."""
        data = self.xml(name)
        try:  # the styles part: missing, damaged or not XML is the file's error
            return self.cells.number_formats(data)
        except _PART_ERRORS as error:
            raise unreadable(self.path, error) from None

    def merged(self, name: str) -> tuple[str, ...]:
        # any prefix, quote style, spacing or attribute order (`<x:mergeCell ref = 'A1:B2'/>`)
        return tuple(m.decode() for m in _MERGE.findall(self.xml(name)))

    # -- a survey source (`sources.Source`) ---------------------------------------------------------------------------

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        """The sheet's values as calamine gives them (empty cells ""; read sparsely, None), problem cells empty:
        `problems` says what they hold."""
        scan = self._scan(name)
        if scan.dense_cells > DENSE_CELL_LIMIT:
            if name not in self._sparse:  # read once: a survey sheet is looked at for its header, then read
                rows = self._read_sparse(name, scan)
                self.left_out[name] = blank_totals(rows, self._totals(name))
                for r, c in scan.problems:  # empty, as calamine shows them
                    if 1 <= r <= len(rows) and 1 <= c <= len(rows[r - 1]):
                        rows[r - 1][c - 1] = None
                self._sparse[name] = rows
            rows = self._sparse[name]
            return rows[:nrows] if nrows is not None else rows
        rows = self._dense(name, nrows)
        self.left_out[name] = blank_totals(rows, self._totals(name), "")  # never a respondent
        return rows

    def problems(self, name: str) -> dict[tuple[int, int], str]:
        """(row, column) 1-based → "rumus" (formula never computed) or an Excel error text, for cells the values
        show as empty."""
        return self._scan(name).problems

    # -- one reading of each sheet ------------------------------------------------------------------------------------

    def _scan(self, name: str) -> SheetScan:
        """The sheet's extent and problem cells (`scan_sheet`), once; the part kept when it will be read sparsely."""
        if name not in self._scans:
            part = self.entries[name].part
            try:
                self._scans[name] = scan_sheet(self.package, part, keep_above=DENSE_CELL_LIMIT)
            except _PART_ERRORS as error:
                raise unreadable(self.path, error, part) from None
        return self._scans[name]

    def _read_sparse(self, name: str, scan: SheetScan) -> list[list[Any]]:
        """A sheet too large for calamine, cell by cell (error values as their text), from the part the scan kept."""
        data, scan.data = scan.data or self.xml(name), None
        try:  # shared strings, styles, the workbook's date system: a part missing or damaged is the file's error
            return self.cells.sparse_rows(data)
        except _PART_ERRORS as error:
            raise unreadable(self.path, error) from None

    def _dense(self, name: str, nrows: int | None) -> list[list[Any]]:
        """calamine's rectangle from A1, empty cells "" (the first `nrows` rows only, when given)."""
        from python_calamine import CalamineError

        from .calamine import open_calamine

        try:
            if self._calamine is None:
                self._calamine = open_calamine(self.path)
            sheet = self._calamine.get_sheet_by_name(name)
            return sheet.to_python(nrows=nrows) if nrows is not None else sheet.to_python(skip_empty_area=False)
        except CalamineError as error:
            raise unreadable(self.path, error, self.entries[name].part) from None
        except OSError as error:
            raise FileError.from_os(error, self.path) from None

    def _totals(self, name: str) -> list[tuple[int, int, int, str]]:
        try:
            return totals_rows(self.package, self.entries[name].part)
        except _PART_ERRORS as error:
            raise unreadable(self.path, error) from None


def unreadable(path: str | os.PathLike, error: Exception | str, part: str | None = None) -> FileError:
    """The error for a workbook that cannot be read: what the file checks find first (not a zip, cut short,
    encrypted, no workbook part: raised as such), else the reading library's own words (a part that does not inflate
    named as damaged)."""
    from ..files import check_readable

    check_readable(path, SUFFIXES)
    return FileError.unreadable(path, error, part=part)
