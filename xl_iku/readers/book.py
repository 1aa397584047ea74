"""A saved workbook's input sheets read without loading the workbook: values as last computed (python-calamine),
merged ranges, never-computed formulas and error values from the sheet's own XML (`xlsx_scan`), in time and memory
that follow the cells that hold something.

python-calamine builds a dense block from A1 to the last cell holding a value, so one stray value at XFD1048576
would ask it for 17 billion cells. A sheet whose stated extent is far larger than the cells it holds is read
sparsely instead (`xlsx_scan.CellValues.sparse_rows`): a style-only cell, however far away, costs nothing.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..errors import InputError
from ..package import Package, PackageError
from .xlsx_scan import (
    DENSE_CELL_LIMIT,
    CellValues,
    blank_totals,
    canonical,
    error_cells,
    extent,
    totals_rows,
    uncomputed_formula,
)

_MERGE = re.compile(rb"""<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']+)""")


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
        self.cells = CellValues(self.package)

    @property
    def sheet_names(self) -> list[str]:
        return list(self.entries)

    def close(self) -> None:
        self.package.close()

    def __enter__(self) -> InputBook:
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
        # inflated once for the checks and the extent (29 MB for 50,000 rows), in one spelling (`canonical`)
        data = canonical(self.xml(name))
        errors = {}
        if check_formulas:
            missing = uncomputed_formula(data)
            if missing:
                raise InputError(
                    f"Sheet '{name}', sel {missing}: rumus belum punya nilai terhitung. Buka dan simpan berkas di "
                    "Excel (atau LibreOffice) dahulu, atau ganti rumusnya dengan angka."
                )
            errors = error_cells(data)
        totals = totals_rows(self.package, self.entries[name].part)  # an Excel Table's totals row: no data
        last_row, last_column = extent(data)  # the rectangle calamine would allocate, not what <dimension> states
        if last_row * last_column > DENSE_CELL_LIMIT:
            rows = self.cells.sparse_rows(data)
            blank_totals(rows, totals, blank)
            return rows
        del data  # calamine inflates the part itself: never hold both
        rows = self._calamine_rows(name, blank)
        if errors:  # calamine shows an Excel error value as an empty cell: put its text back
            for (r, c), text in errors.items():
                rows.extend([] for _ in range(r - len(rows)))
                row = rows[r - 1]
                row.extend([blank] * (c - len(row)))
                row[c - 1] = text
        blank_totals(rows, totals, blank)
        return rows

    def head(self, name: str) -> bytes:
        """The start of a sheet's part (where `<dimension>` is), without inflating a large sheet whole."""
        try:
            with self.package.zip.open(self.entries[name].part) as stream:
                return stream.read(4096)
        except Exception as error:
            raise unreadable(self.path, str(error)) from None

    def number_formats(self, name: str) -> dict[tuple[int, int], str]:
        """Number format codes of the sheet's cells (`CellValues.number_formats`), for the Data IKU reader."""
        return self.cells.number_formats(self.xml(name))

    def merged(self, name: str) -> tuple[str, ...]:
        # any prefix, quote style, spacing or attribute order (`<x:mergeCell ref = 'A1:B2'/>`)
        return tuple(m.decode() for m in _MERGE.findall(self.xml(name)))

    def _calamine_rows(self, name: str, blank: Any) -> list[list[Any]]:
        from .calamine import open_calamine

        try:
            if self._calamine is None:
                self._calamine = open_calamine(self.path)
            rows = self._calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as error:  # calamine raises its own types for corrupt files
            raise unreadable(self.path, f"sheet '{name}': {error}") from None
        if blank == "":
            return rows
        return [[blank if v == "" else v for v in row] if "" in row else row for row in rows]


def unreadable(path: str, why: str) -> InputError:
    """The message for a workbook that cannot be read: what the file checks find (a damaged part named), else why."""
    from ..files import unreadable_reason

    reason = unreadable_reason(path, (".xlsx", ".xlsm"))
    return InputError(reason or f"Berkas '{path}' tidak dapat dibaca sebagai buku kerja Excel ({why}). Periksa apakah "
                      "berkas itu utuh (tidak terpotong saat disalin atau diunduh), atau simpan ulang di Excel.")
