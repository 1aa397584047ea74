"""A survey's answers as read (`SurveyTable`: where each answer came from, so errors name the cell), and
its IKM (`survey_summary`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter, methodcaller
from typing import Any

from ..cells import address, column_letter
from ..errors import CellError, InputError, SheetError
from ..rules.ikm import (
    IkmResult,
    answer_byte,
    answer_bytes,
    answer_matrix,
    ikm_summary,
    ikm_summary_bytes,
    ikm_summary_counted,
)

ZERO_OPTION = "--nol-kosong"


@dataclass(frozen=True)
class SurveyTable:
    """Answers as read, plus where each came from so errors can name the cell."""

    sheet: str
    codes: list[str]
    names: list[str]
    columns: list[int]  # 1-based sheet column of each unsur, in code order
    first_row: int  # 1-based sheet row of the first answer row
    rows: list[list[Any]]  # answers only, in code order, "" already turned into None
    # canonical name → one value per row: a dict, or `Profiles` (read from `records` each time one is asked for)
    profiles: Mapping[str, list[Any]] = field(default_factory=dict)
    # every other headed column as (header text, 0-based column), read from `records` (the raw rows of `rows`) only
    # when asked for (`values_of`): read_skm shows them, the IKM commands never pay for them
    others: list[tuple[str, int]] = field(default_factory=list)
    records: Sequence[Sequence[Any]] = field(default=(), repr=False, compare=False)
    headers: list[str] = field(default_factory=list)  # each unsur column's header as written, in code order
    #: what the header row was read as: (column letter, header text, what it became: "U3 …", "Tanggal", or "", and
    #: by which rule, as RULE_NAMES words it)
    matched: list[tuple[str, str, str, str]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # rows below the table that are not respondents, described
    zero_blank: bool = False  # 0 was read as "not answered" (--nol-kosong)
    #: how the reading went where a rule read more than one cell: numbered columns taken in the regulation's order,
    #: a group header, columns left out as empty, "Waktu" holding dates (--verbose, Hasil SKM)
    notes: list[str] = field(default_factory=list)
    header_row: int | None = None  # 1-based sheet row of the unsur headers, when the sheet has them
    #: one byte per cell of `rows`, row by row (0 blank, 1–4 the answer by equality, 255 anything else), when the
    #: reader made them (calamine's rectangle: `readers.skm._answers`): the IKM counts these instead of looking
    #: every cell up again
    answer_codes: bytes | None = field(default=None, repr=False, compare=False)

    def values_of(self, column: int) -> list[Any]:
        """One value per answer row from a 0-based sheet column of `records`, blanks as None."""
        return column_cells(self.records, column)

    @cached_property
    def answers(self) -> Any:
        """The answers validated once, as a float matrix (NaN = not answered): the summary and every breakdown of
        the Hasil SKM report read this instead of converting and checking the same rows again. A bad answer raises
        the rules' InputError, as `ikm_summary(rows)` would (`locate` it to name the sheet cell)."""
        columns = self.byte_columns
        if columns is not None and all(column.count(0) < len(column) for column in columns):
            import numpy as np  # kept one byte a cell, every cell a plain answer, every unsur answered

            matrix = _side_by_side(columns, len(self.rows), float)
            matrix[matrix == 0] = np.nan
            return matrix
        rows = self.rows if isinstance(self.rows, (list, tuple)) else list(self.rows)
        matrix = answer_matrix(rows, [c if n == c else f"{c} {n}" for c, n in zip(self.codes, self.names)])
        _check_not_a_number(self, matrix)
        return matrix

    @cached_property
    def byte_columns(self) -> list[bytes] | None:
        """Each unsur's answers as bytes (`rules.ikm.answer_byte`: 1–4, 0 = not answered), when the rows are kept
        one byte a cell (`readers.csv_source.AnswerRows`) and every cell is a plain answer; else None."""
        return _byte_columns(self)

    @cached_property
    def answer_bytes(self) -> Any:
        """The answers validated once as a uint8 matrix, one byte an answer (1–4, 0 = not answered): what the
        breakdowns by group count (`rules.ikm.ikm_by_group_coded`), a ninth of the float matrix. Rows of plain
        answers are coded directly; anything else goes through `answers` (which names a bad cell, raising the rules'
        InputError as `answers` does), as does an unsur nobody answered."""
        import numpy as np

        if "answers" in self.__dict__:  # the float matrix is there already: the same answers, coded from it
            return np.nan_to_num(self.answers, nan=0.0).astype(np.uint8)
        # kept one byte a cell (csv_source.AnswerRows): the columns side by side, not kept beside the matrix
        columns = self.__dict__["byte_columns"] if "byte_columns" in self.__dict__ else _byte_columns(self)
        coded: Any = _side_by_side(columns, len(self.rows), np.uint8) if columns else answer_bytes(self.rows)
        if coded is None or not coded.any(axis=0).all():
            coded = np.nan_to_num(self.answers, nan=0.0).astype(np.uint8)
        return coded

    def require_respondents(self) -> None:
        """A sheet with unsur headers and no answer below them is a template not filled in yet: say so (the rules'
        "Rentang jawaban kosong" speaks of a range nobody chose)."""
        if self.header_row is not None and not any(any(v is not None for v in row) for row in self.rows):
            raise SheetError(
                self.sheet, f"judul kolom unsur ada di baris {self.header_row}, tetapi belum ada responden di "
                "bawahnya. Isi satu baris per responden (jawaban 1–4), atau pilih berkas yang sudah berisi jawaban.")

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1

    def locate(self, error: InputError) -> InputError:
        """A rule's error on the answers (row/column inside them) at its sheet cell: a `CellError`, or a
        `SheetError` when it is about a whole column or the table."""
        if error.column is None:
            return error.located(sheet=self.sheet)
        column = self.columns[error.column - 1]
        if error.row is None:
            return error.located(f"Sheet '{self.sheet}', kolom {column_letter(column)}", sheet=self.sheet)
        row = error.row
        value = self.rows[row - 1][error.column - 1] if row <= len(self.rows) else None
        if is_zero(value):  # exports that write a missing answer as 0: say how to read them
            error = InputError(f"{error.message} Bila aplikasi survei menulis 0 untuk jawaban kosong, jalankan "
                               f"dengan {ZERO_OPTION} agar 0 dibaca sebagai tidak dijawab.",
                               row=row, column=error.column, subject=error.subject)
        return error.located(sheet=self.sheet, cell=address(self.first_row + row - 1, column))


def survey_summary(table: SurveyTable, weight: Any = None) -> IkmResult:
    table.require_respondents()
    try:
        columns = table.byte_columns if "answers" not in table.__dict__ else None
        if columns is not None:  # a CSV's answers, one byte each: counted without building a row
            counted = ikm_summary_bytes(columns, weight, names=table.names, codes=table.codes)
            if counted is not None:
                return counted
        elif "answers" not in table.__dict__ and "numpy" not in sys.modules:
            # every answer 1–4 or blank: counted without numpy (`xl-iku ikm` never imports it); else the matrix,
            # whose conversion checks every cell (NaN among them) and names the first wrong one
            counted = ikm_summary_counted(table.rows, weight, names=table.names, codes=table.codes,
                                          cell_bytes=table.answer_codes)
            if counted is not None:
                return counted
        return ikm_summary(table.answers, weight=weight, names=table.names, codes=table.codes)
    except InputError as error:
        raise table.locate(error) from None


class Profiles(Mapping):
    """A survey's profile columns (canonical name → one value per answer row, None for a blank), read from the rows
    each time a caller asks for one, never kept: `xl-iku ikm` never reads them, and a large export's `Tanggal`
    (every timestamp distinct) is read a block at a time (`profile_blocks`) by the callers that go through it."""

    def __init__(self, records: Sequence[Sequence[Any]], columns: Mapping[str, int]) -> None:
        self._records = records
        self._columns = dict(columns)

    def __getitem__(self, name: str) -> list[Any]:
        return column_cells(self._records, self._columns[name])

    def __contains__(self, name: object) -> bool:  # Mapping's own would read the column to answer
        return name in self._columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"Profiles({self._columns!r})"

    def blocks(self, name: str) -> Iterator[list[Any]]:
        """The column `name` as `self[name]` gives it, a block of rows at a time (the whole column when the rows
        are not kept in blocks)."""
        stored = getattr(self._records, "column_blocks", None)  # a CSV kept column by column (ColumnRows)
        if stored is None:
            yield self[name]
            return
        for _, values in stored(self._columns[name]):
            yield [None if v == "" else v for v in values]


def profile_blocks(table: SurveyTable, name: str) -> Iterator[list[Any]]:
    """One profile column of `table`, a block of rows at a time (`Profiles.blocks`; a plain dict's column whole)."""
    blocks = getattr(table.profiles, "blocks", None)
    if blocks is not None:
        yield from blocks(name)
    else:
        yield table.profiles[name]


def _byte_columns(table: SurveyTable) -> list[bytes] | None:
    column_bytes = getattr(table.rows, "column_bytes", None)
    if column_bytes is None:
        return None
    columns = [column_bytes(j, answer_byte) for j in range(len(table.codes))]
    return None if None in columns else columns


def _side_by_side(columns: list[bytes], rows: int, dtype: Any) -> Any:
    """Byte columns (one byte a row) as the columns of a `rows` × len(columns) matrix of `dtype`."""
    import numpy as np

    matrix = np.empty((rows, len(columns)), dtype=dtype)
    for j, column in enumerate(columns):
        matrix[:, j] = np.frombuffer(column, dtype=np.uint8)
    return matrix


def column_cells(rows: Sequence[Sequence[Any]], index: int) -> list[Any]:
    """One column's cells, None for an empty one (calamine's "" or beyond a short row of a sparse read)."""
    stored = getattr(rows, "column", None)  # a CSV kept column by column (readers.csv_source.ColumnRows)
    if stored is not None:
        return [None if v == "" else v for v in stored(index)]
    if min(map(len, rows), default=0) > index:
        cells = list(map(itemgetter(index), rows))
        try:
            return list(map(_NO_BLANK.get, cells, cells))  # "" → None in C (every value hashable: calamine's are)
        except TypeError:  # a value that cannot be a dict key (a list from another reader): one by one
            return [None if v == "" else v for v in cells]
    return [(r[index] if index < len(r) and r[index] != "" else None) for r in rows]


_NO_BLANK = {"": None}


def is_zero(value: Any) -> bool:
    """A 0 as an export writes a missing answer (number or text; never False): read as blank with --nol-kosong."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value == 0
    return isinstance(value, str) and value.strip() in ("0", "0.0", "0,0")


def _check_not_a_number(table: SurveyTable, matrix: Any) -> None:
    """A cell holding NaN (a value some libraries write for "no number", `<v>nan</v>`) is not a blank: calamine reads
    it as a float NaN, which the matrix would count as "not answered". Found from the matrix itself: its NaN count
    is the blanks' count unless such a cell is there (counted in C over the rows holding a NaN), then named."""
    import numpy as np

    blank = np.isnan(matrix)
    nan = int(np.count_nonzero(blank))
    if not nan:
        return
    holding = np.flatnonzero(blank.any(axis=1)).tolist()  # the rows with a blank: a few per cent of a survey
    if nan == sum(map(_COUNT_NONE, map(table.rows.__getitem__, holding))):
        return
    for r in holding:
        for c, value in enumerate(table.rows[r]):
            if isinstance(value, float) and value != value:
                raise CellError(table.sheet, address(table.first_row + r, table.columns[c]),
                                "berisi NaN (bukan angka), bukan jawaban: program yang menulis berkas ini menaruh NaN "
                                "untuk nilai yang tidak ada. Kosongkan sel itu bila tidak dijawab, atau isi jawabannya "
                                "(1–4).", row=r + 1, column=c + 1)


_COUNT_NONE = methodcaller("count", None)  # a row's blanks, counted in C
