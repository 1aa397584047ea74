"""Where survey values come from: an .xlsx/.xlsm workbook (`book.InputBook`, the one .xlsx reader: python-calamine
guarded by a scan of the sheet's XML), an .ods workbook (python-calamine guarded by `ods_scan`), an .xls workbook
(xlrd) or a CSV export.

One small interface (sheet names, a sheet's values, its problem cells) so the survey reader decides nothing about
file formats, in the manner of pandas' io/excel engines. Every workbook format keeps one rule: an Excel error value
or a formula never computed is a problem cell (an error naming it), never a blank; a stray value far away costs only
what the cells holding data cost.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import FileError
from .book import InputBook
from .calamine import open_calamine
from .csv_source import read_csv
from .ods_scan import scan_ods
from .xls_scan import hidden_sheets, read_xls, sheet_names
from .xlsx_scan import DENSE_CELL_LIMIT, SheetScan

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


def open_source(path: str | os.PathLike) -> Source | InputBook:
    from ..files import check_readable

    check_readable(path, SURVEY_SUFFIXES)  # missing, a folder, empty, truncated, encrypted: one message each
    suffix = os.path.splitext(str(path))[1].lower()
    return {".csv": CsvSource, ".xls": XlsSource, ".ods": OdsSource}.get(suffix, InputBook)(path)


class XlsSource(Source):
    """An Excel 97–2003 file, through xlrd (`xls_scan`): its values and problem cells in one reading."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        try:
            self.sheet_names = sheet_names(self.path)
            self.hidden = hidden_sheets(self.path)
        except Exception as error:  # xlrd raises its own types for corrupt files
            raise FileError.unreadable(path, error) from None
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
            raise FileError.unreadable(path, error) from None
        self.sheet_names = list(self.scans)
        self.hidden = frozenset(hidden)  # table:display="false": never chosen by the sheet search
        self.dense = all(scan.dense_cells <= DENSE_CELL_LIMIT for scan in self.scans.values())
        self._book: Any = None
        self._sparse: dict[str, list[list[Any]]] = {}

    def values(self, name: str, nrows: int | None = None) -> list[list[Any]]:
        if self.dense:
            from python_calamine import CalamineError

            try:
                if self._book is None:
                    self._book = open_calamine(self.path)
                sheet = self._book.get_sheet_by_name(name)
                return sheet.to_python(nrows=nrows) if nrows is not None else sheet.to_python(skip_empty_area=False)
            except CalamineError as error:
                raise FileError.unreadable(self.path, error) from None
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
