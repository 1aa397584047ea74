"""Where survey values come from: an .xlsx/.xlsm or .ods workbook (python-calamine, guarded by a scan of the
sheet's XML), an .xls workbook (xlrd) or a CSV export.

One small interface (sheet names, a sheet's values, its problem cells) so the survey reader decides nothing about
file formats, in the manner of pandas' io/excel engines. Every workbook format keeps one rule: an Excel error value
or a formula never computed is a problem cell (an error naming it), never a blank; a stray value far away costs only
what the cells holding data cost.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import InputError
from ..package import Package
from .calamine import open_calamine
from .csv_source import read_csv
from .ods_scan import scan_ods
from .xls_scan import hidden_sheets, read_xls, sheet_names
from .xlsx_scan import DENSE_CELL_LIMIT, CellValues, SheetScan, blank_totals, scan_sheet, totals_rows

#: What a survey file may be: the sources below, one per kind.
SURVEY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


class Source:
    """An opened survey file."""

    sheet_names: list[str]
    #: sheet → rows the source itself keeps out of the values (an Excel Table's totals row), described
    left_out: dict[str, list[str]] = {}
    #: sheets hidden or very hidden in the workbook: the search for the survey sheet never picks one
    hidden: frozenset[str] = frozenset()

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        raise NotImplementedError

    def problems(self, name: str) -> dict[tuple[int, int], str]:
        """(row, column) 1-based → "rumus" (formula never computed) or an Excel error text, for cells the values
        show as empty."""
        return {}


def open_source(path: str | os.PathLike) -> Source:
    from ..files import check_readable

    check_readable(path, SURVEY_SUFFIXES)  # missing, a folder, empty, truncated, encrypted: one message each
    suffix = os.path.splitext(str(path))[1].lower()
    return {".csv": CsvSource, ".xls": XlsSource, ".ods": OdsSource}.get(suffix, WorkbookSource)(path)


def _unreadable(path: str | os.PathLike, error: Exception) -> InputError:
    return InputError(f"Berkas '{path}' tidak dapat dibaca sebagai buku kerja ({error}). Periksa apakah berkas itu "
                      "utuh (tidak terpotong saat disalin atau diunduh), atau buka lalu simpan ulang di Excel atau "
                      "LibreOffice.")


class WorkbookSource(Source):
    def __init__(self, path: str | os.PathLike):
        from python_calamine import SheetVisibleEnum

        self.path = os.fspath(path)
        self.left_out = {}
        try:
            self.book = open_calamine(self.path)
        except Exception as error:  # calamine raises its own types for corrupt/unsupported files
            raise _unreadable(path, error) from None
        self.sheet_names = list(self.book.sheet_names)
        self.hidden = frozenset(m.name for m in self.book.sheets_metadata if m.visible != SheetVisibleEnum.Visible)
        self.package: Package | None = None
        self.parts: dict[str, str] = {}
        if self.path.lower().endswith((".xlsx", ".xlsm")):
            try:
                self.package = Package(self.path)
                self.parts = {sheet.name: sheet.part for sheet in self.package.sheets()}
            except Exception:  # calamine opened it: leave the guard out rather than refuse a readable file
                self.parts = {}
        self._scans: dict[str, SheetScan] = {}
        self._sparse_rows: dict[str, list[list[Any]]] = {}
        self._totals_rows: dict[str, list[tuple[int, int, int, str]]] = {}

    def _scan(self, name: str) -> SheetScan | None:
        if name not in self.parts:
            return None
        if name not in self._scans:
            self._scans[name] = scan_sheet(self.package, self.parts[name], keep_above=DENSE_CELL_LIMIT)
        return self._scans[name]

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        scan = self._scan(name)
        if scan is not None and scan.dense_cells > DENSE_CELL_LIMIT:
            values = self._sparse(name, scan)
            return values[:nrows] if nrows is not None else values
        sheet = self.book.get_sheet_by_name(name)
        values = sheet.to_python(nrows=nrows) if nrows is not None else sheet.to_python(skip_empty_area=False)
        self.left_out[name] = blank_totals(values, self._totals(name), "")  # never a respondent
        return values

    def _totals(self, name: str) -> list[tuple[int, int, int, str]]:
        if name not in self.parts:
            return []
        if name not in self._totals_rows:
            self._totals_rows[name] = totals_rows(self.package, self.parts[name])
        return self._totals_rows[name]

    def _sparse(self, name: str, scan: SheetScan) -> list[list[Any]]:
        """A sheet too large for calamine, cell by cell; problem cells blank, as calamine shows them. Read once:
        the sheet is looked at for its header, then read."""
        if name not in self._sparse_rows:
            data, scan.data = scan.data or self.package.read(self.parts[name], keep=False), None
            rows = CellValues(self.package).sparse_rows(data)
            del data
            self.left_out[name] = blank_totals(rows, self._totals(name))
            for r, c in scan.problems:
                if r <= len(rows) and c <= len(rows[r - 1]):
                    rows[r - 1][c - 1] = None
            self._sparse_rows[name] = rows
        return self._sparse_rows[name]

    def problems(self, name: str) -> dict[tuple[int, int], str]:
        scan = self._scan(name)
        return scan.problems if scan is not None else {}


class XlsSource(Source):
    """An Excel 97–2003 file, through xlrd (`xls_scan`): its values and problem cells in one reading."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        try:
            self.sheet_names = sheet_names(self.path)
            self.hidden = hidden_sheets(self.path)
        except Exception as error:  # xlrd raises its own types for corrupt files
            raise _unreadable(path, error) from None
        self._read: dict[str, tuple[SheetScan, list[list[Any]]]] = {}

    def _sheet(self, name: str) -> tuple[SheetScan, list[list[Any]]]:
        if name not in self._read:
            self._read[name] = read_xls(self.path, name)
        return self._read[name]

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        values = self._sheet(name)[1]
        return values[:nrows] if nrows is not None else values

    def problems(self, name: str) -> dict[tuple[int, int], str]:
        return self._sheet(name)[0].problems


class OdsSource(Source):
    """An OpenDocument spreadsheet: the scan of ``content.xml`` (`ods_scan`) first, since python-calamine loads
    every sheet's whole rectangle when it opens the file; calamine then reads the values unless some sheet is too
    large for it, when the scan reads them."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        try:
            hidden: set[str] = set()
            self.scans, _ = scan_ods(self.path, hidden=hidden)
        except Exception as error:  # not a zip, no content.xml, broken XML
            raise _unreadable(path, error) from None
        self.sheet_names = list(self.scans)
        self.hidden = frozenset(hidden)  # table:display="false": never chosen by the sheet search
        self.dense = all(scan.dense_cells <= DENSE_CELL_LIMIT for scan in self.scans.values())
        self._book: WorkbookSource | None = None
        self._sparse: dict[str, list[list[Any]]] = {}

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        if self.dense:
            if self._book is None:
                self._book = WorkbookSource(self.path)
            return self._book.values(name, nrows)
        if name not in self._sparse:  # the sheet is looked at for its header, then read: one pass each
            self._sparse[name] = scan_ods(self.path, values_of=name)[1] or []
        values = self._sparse[name]
        return values[:nrows] if nrows is not None else values

    def problems(self, name: str) -> dict[tuple[int, int], str]:
        return self.scans[name].problems


class CsvSource(Source):
    """A form service's CSV export, read as a stream (`csv_source`): encodings, separators and stray quotes there.
    Its values are kept column by column (`csv_source.ColumnRows`), read as rows; `nrows` is a view of the first."""

    def __init__(self, path: str | os.PathLike):
        self.rows = read_csv(path)
        self.sheet_names = [os.path.splitext(os.path.basename(os.fsdecode(path)))[0]]

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        return self.rows[:nrows] if nrows is not None else self.rows
