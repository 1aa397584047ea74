"""SKM survey sheets: find the unsur columns by their headers and hand the answers to the rules.

Uses python-calamine, the fastest reader measured here (design.md): a 100,000-respondent sheet reads in well under
a second where openpyxl takes several. Headers are matched by unsur code (``U1``, ``U1 Persyaratan``, ``U1\\n...``)
or by the unsur's name, case- and spacing-insensitively, in any column order.
"""

from __future__ import annotations

import os
import re
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..cells import address, column_letter, parse_range
from ..errors import InputError
from ..rules.ikm import UNSUR_14_2017, IkmResult, ikm_summary

DEFAULT_SHEET = "Data SKM"
_HEADER_SCAN_ROWS = 30
_CODE = re.compile(r"^u\s*(\d{1,2})\b")
_NAME_TO_CODE = {re.sub(r"[^a-z]", "", name.lower()): code for code, name in UNSUR_14_2017}


#: Respondent profile and grouping columns an SKM sheet may carry (normalised header → canonical name).
PROFILE_COLUMNS = {
    "jenis kelamin": "Jenis Kelamin",
    "usia": "Usia",
    "umur": "Usia",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "jenis layanan": "Jenis Layanan",
    "layanan": "Jenis Layanan",
    "tanggal": "Tanggal",
    "periode": "Periode",
    "unit": "Unit",
    "unit layanan": "Unit",
}


@dataclass(frozen=True)
class SurveyTable:
    """Answers as read, plus where each came from so errors can name the cell."""

    sheet: str
    codes: list[str]
    names: list[str]
    columns: list[int]  # 1-based sheet column of each unsur, in code order
    first_row: int  # 1-based sheet row of the first answer row
    rows: list[list[Any]]  # answers only, in code order, "" already turned into None
    profiles: dict[str, list[Any]] = field(default_factory=dict)  # canonical name → one value per row
    # every other headed column as (header text, 0-based column), read from `records` (the raw rows of `rows`) only
    # when asked for (`values_of`): read_skm shows them, the IKM commands never pay for them
    others: list[tuple[str, int]] = field(default_factory=list)
    records: Sequence[Sequence[Any]] = field(default=(), repr=False, compare=False)

    def values_of(self, column: int) -> list[Any]:
        """One value per answer row from a 0-based sheet column of `records`, blanks as None."""
        return [(r[column] if column < len(r) and r[column] != "" else None) for r in self.records]

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1

    def locate(self, error: InputError) -> InputError:
        if error.column is None:
            return error.located(f"Sheet '{self.sheet}'")
        column = self.columns[error.column - 1]
        if error.row is None:
            return error.located(f"Sheet '{self.sheet}', kolom {column_letter(column)}")
        return error.located(f"Sheet '{self.sheet}', sel {address(self.first_row + error.row - 1, column)}")


def unsur_code(header: Any) -> str | None:
    """"U3", "u3 Waktu", "Waktu Penyelesaian" → "U3"; anything else → None."""
    if header is None:
        return None
    text = " ".join(str(header).split()).lower()
    if not text:
        return None
    match = _CODE.match(text)
    if match:
        return f"U{int(match.group(1))}"
    return _NAME_TO_CODE.get(re.sub(r"[^a-z]", "", text))


def read_survey(path: str | os.PathLike, sheet: str | None = None, cell_range: str | None = None) -> SurveyTable:
    """Read a survey sheet. Without a range the header row is found; with one, the range holds answers only
    (a first row of unsur headers inside it is recognised and used)."""
    from python_calamine import CalamineWorkbook

    if not os.path.isfile(path):
        raise InputError(f"Berkas '{path}' tidak ditemukan. Periksa nama dan foldernya.")
    try:
        book = CalamineWorkbook.from_path(os.fspath(path))
    except Exception as error:  # calamine raises its own types for corrupt/unsupported files
        raise InputError(f"Berkas '{path}' tidak dapat dibaca sebagai buku kerja Excel ({error}).") from None
    name = _pick_sheet(book, sheet)
    values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    if cell_range:
        return _from_range(name, values, cell_range)
    return survey_from_rows(name, values)


def survey_summary(table: SurveyTable, weight: Any = None) -> IkmResult:
    try:
        return ikm_summary(table.rows, weight=weight, names=table.names, codes=table.codes)
    except InputError as error:
        raise table.locate(error) from None


def _pick_sheet(book: Any, sheet: str | None) -> str:
    names = list(book.sheet_names)
    if sheet is not None:
        for candidate in names:
            if candidate.strip().lower() == sheet.strip().lower():
                return candidate
        raise InputError(f"Sheet '{sheet}' tidak ada. Sheet yang tersedia: {', '.join(names)}.")
    for candidate in names:
        if candidate.strip().lower() == DEFAULT_SHEET.lower():
            return candidate
    for candidate in names:
        rows = book.get_sheet_by_name(candidate).to_python(nrows=_HEADER_SCAN_ROWS)
        if any(_header_columns(row) for row in rows):
            return candidate
    return names[0]


def _header_columns(row: Sequence[Any]) -> dict[str, int]:
    """code → 0-based column, if this row looks like an unsur header (at least two unsur found)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        code = unsur_code(cell) if isinstance(cell, str) else None
        if code and code not in found:
            found[code] = index
    return found if len(found) >= 2 else {}


def survey_from_rows(sheet: str, values: Sequence[Sequence[Any]]) -> SurveyTable:
    """A survey from a sheet's values (row 1 first), however they were read: calamine, openpyxl or xlwings."""
    for header_index, row in enumerate(values[:_HEADER_SCAN_ROWS]):
        found = _header_columns(row)
        if found:
            break
    else:
        raise InputError(
            f"Sheet '{sheet}': baris judul unsur (U1 … U9 atau nama unsur) tidak ditemukan di {_HEADER_SCAN_ROWS} "
            "baris pertama. Beri judul kolom U1 … U9, atau sebutkan rentangnya dengan --range."
        )
    codes = sorted(found, key=lambda c: int(c[1:]))
    expected = [f"U{i}" for i in range(1, len(codes) + 1)]
    if codes != expected:
        missing = sorted(set(expected) - set(codes), key=lambda c: int(c[1:]))
        raise InputError(
            f"Sheet '{sheet}' baris {header_index + 1}: kolom unsur tidak lengkap, {', '.join(missing)} tidak "
            "ditemukan. Beri judul setiap kolom jawaban U1, U2, … tanpa loncatan."
        )
    header = values[header_index]
    names = [_name_of(code, header[found[code]], len(codes)) for code in codes]
    columns = [found[c] for c in codes]
    rows = _answers(values[header_index + 1:], columns)
    profile_columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = " ".join(str(cell).split()).lower() if cell is not None else ""
        if key in PROFILE_COLUMNS and PROFILE_COLUMNS[key] not in profile_columns:
            profile_columns[PROFILE_COLUMNS[key]] = index
    data = values[header_index + 1:header_index + 1 + len(rows)]
    profiles = {
        name: [(r[i] if i < len(r) and r[i] != "" else None) for r in data] for name, i in profile_columns.items()
    }
    used = set(columns) | set(profile_columns.values())
    others = [(" ".join(str(cell).split()), i) for i, cell in enumerate(header)
              if i not in used and cell is not None and str(cell).strip()]
    return SurveyTable(sheet, codes, names, [c + 1 for c in columns], header_index + 2, rows, profiles, others, data)


def _from_range(sheet: str, values: list[list[Any]], cell_range: str) -> SurveyTable:
    top, left, bottom, right = parse_range(cell_range)
    block = [list(r[left - 1:right]) for r in values[top - 1:bottom]]
    columns = list(range(left - 1, right))
    width = right - left + 1
    first_row = top
    if block and (found := _header_columns(block[0])) and len(found) == width:
        codes = sorted(found, key=lambda c: int(c[1:]))
        order = [found[c] for c in codes]
        names = [_name_of(c, block[0][found[c]], len(codes)) for c in codes]
        columns = [left - 1 + i for i in order]
        block = [[r[i] if i < len(r) else None for i in order] for r in block[1:]]
        first_row += 1
    else:
        codes = [f"U{i}" for i in range(1, width + 1)]
        names = ([n for _, n in UNSUR_14_2017] if width == len(UNSUR_14_2017) else list(codes))
        block = [r + [None] * (width - len(r)) for r in block]
    rows = [[None if v == "" else v for v in r] for r in block]
    return SurveyTable(sheet, codes, names, [c + 1 for c in columns], first_row, _strip_trailing(rows))


def _answers(rows: Sequence[Sequence[Any]], columns: list[int]) -> list[Sequence[Any]]:
    """The answer cells of each row, in code order, with calamine's "" for an empty cell turned into None.

    Done with C-level helpers (itemgetter, `in`) and a Python loop only for the few rows that hold a blank: this
    is most of the reading time of a 100,000-respondent survey after calamine itself.
    """
    width = max(columns) + 1
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    out = []
    for row in rows:
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        cells = pick(row)
        if "" in cells:
            cells = tuple(None if v == "" else v for v in cells)
        out.append(cells)
    return _strip_trailing(out)


def _strip_trailing(rows: list[list[Any]]) -> list[list[Any]]:
    end = len(rows)
    while end and all(v is None for v in rows[end - 1]):
        end -= 1
    return rows[:end]


def _name_of(code: str, header: Any, count: int) -> str:
    """The unsur's name for reports: the 14/2017 name in a nine-unsur survey, else the header's own words."""
    standard = dict(UNSUR_14_2017)
    if count == len(UNSUR_14_2017) and code in standard:
        return standard[code]
    text = " ".join(str(header).split())
    rest = _CODE.sub("", text.lower(), count=1).strip(" -:.")
    return text[len(text) - len(rest):].strip() if rest else code


__all__ = ["SurveyTable", "read_survey", "survey_from_rows", "survey_summary", "unsur_code", "PROFILE_COLUMNS"]
