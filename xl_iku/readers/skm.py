"""SKM survey sheets: find the unsur columns by their headers and hand the answers to the rules.

Uses python-calamine, the fastest reader measured here (design.md): a 100,000-respondent sheet reads in well under
a second where openpyxl takes several (an .xlsx is first scanned for what calamine hides or cannot size:
`xlsx_scan`). Headers are matched by rule, the patterns in one table (`HEADER_PATTERNS`): by unsur code (``U1``,
``U1 Persyaratan``, ``Unsur 1``), by the unsur's name, by the subject of a questionnaire question (`rules.answers`),
case- and spacing-insensitively, in any column order; by a block of numbered question columns (``pertanyaan1`` …)
or a group header over unlabeled columns (``NILAI UNSUR``), in the regulation's order. Nothing is guessed: what a
rule read is said in `matched` and `notes`.
The same reading serves the CLI, the batch, `Data SKM` regeneration (`survey_from_rows`) and `read_skm`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import contains, itemgetter
from typing import Any

from ..cells import address, column_letter, parse_range
from ..errors import CellError, InputError, SheetError
from ..model.survey import Profiles, SurveyTable, is_zero, survey_summary
from ..rules.answers import profile_of, subject_unsur
from ..rules.ikm import UNSUR_14_2017, zero_rows
from ..rules.periode import parse_date
from .sources import open_source

DEFAULT_SHEET = "Data SKM"
_HEADER_SCAN_ROWS = 30
_NAME_TO_CODE = {re.sub(r"[^a-z]", "", name.lower()): code for code, name in UNSUR_14_2017}
STANDARD_CODES = tuple(code for code, _ in UNSUR_14_2017)
_STANDARD_NAMES = dict(UNSUR_14_2017)
#: What the error for a survey without the nine unsur offers (the CLI option's name).
OTHER_UNSUR_OPTION = "--unsur-sendiri"
#: A row whose label begins with one of these words is a summary under the table (web-application exports).
SUMMARY_WORDS = ("jumlah", "total", "rata", "rerata", "nrr", "ikm", "nilai", "mutu", "kinerja", "kategori", "bobot",
                 "indeks", "tertimbang", "konversi", "keterangan", "catatan", "skor", "persentase")


class NotASurvey(SheetError):
    """No sheet of the file has an unsur header: a folder's other workbooks are skipped on this, not failed."""


#: Every header pattern the reader knows, in one table (rules as data). Each reads a header's normalised text: lower
#: case, runs of spaces as one space. `kode`, `unsur` and `urut` carry the unsur's number.
HEADER_PATTERNS: dict[str, re.Pattern[str]] = {
    # U1, "u1 Persyaratan", U10 (a database's u1 … u15)
    "kode": re.compile(r"^u\s*(\d{1,2})\b"),
    # "Unsur 1", "Unsur-1", "UNSUR1"
    "unsur": re.compile(r"^unsur\s*[-_.:]?\s*(\d{1,2})\b"),
    # a numbered question column of a database or form builder: pertanyaan1, tblhasilsurvei_pertanyaan1, p1, q1,
    # soal1 (a prefix ending in a question word, then its number)
    "urut": re.compile(r"^((?:.*[^a-z])?(?:pertanyaan|soal|tanya|butir|item|kuesioner|jawaban|nilai|p|q))"
                       r"[\s_.\-]*(\d{1,2})$"),
    # one header over the answer columns, merged or followed by blank header cells
    "kelompok": re.compile(r"^(?:nilai )?(?:per )?unsur(?: pelayanan)?$|^jawaban (?:per )?unsur$"),
    # a column that is the survey date only when it holds dates (else "Waktu" is U3's subject)
    "waktu": re.compile(r"^waktu$"),
    # a results table's headers (NRR per unit, the index and its grade): not respondents' answers
    "hasil": re.compile(r"^(?:nilai )?(?:ikm|indeks|nilai indeks|indeks kepuasan)\b"),
    "mutu": re.compile(r"^(?:mutu|kategori|kinerja)\b"),
}

#: What each rule is called where a reading is described (--verbose, Hasil SKM).
RULE_NAMES = {
    "kode": "kode unsur",
    "unsur": "kata unsur dan nomornya",
    "nama": "nama unsur PermenPANRB 14/2017",
    "pokok": "pokok pertanyaan kuesioner",
    "urut": "kolom bernomor urut",
    "kelompok": "judul kelompok di atas kolom jawaban",
    "profil": "judul profil responden",
    "waktu": "kolom berisi tanggal",
}

#: The rule of a column whose header is a question's subject only: weaker evidence of a header row.
_WEAK = "pokok"
_NUMBERED = ("kode", "unsur")


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).lower()


def _unsur_match(header: Any) -> tuple[str | None, str | None]:
    """(code, rule) of one header cell, by the first rule that reads it."""
    if header is None:
        return None, None
    text = _norm(header)
    if not text:
        return None, None
    for rule in _NUMBERED:
        match = HEADER_PATTERNS[rule].match(text)
        if match:
            return f"U{int(match.group(1))}", rule
    if profile_of(text):
        return None, None
    code = _NAME_TO_CODE.get(re.sub(r"[^a-z]", "", text))
    if code:
        return code, "nama"
    code = subject_unsur(text)
    return (code, _WEAK) if code else (None, None)


def read_survey(path: str | os.PathLike, sheet: str | None = None, cell_range: str | None = None, *,
                zero_blank: bool = False, other_unsur: bool = False) -> SurveyTable:
    """Read a survey sheet (.xlsx/.xlsm/.xls/.ods, or a form's .csv export). Without a range the header row is
    found; with one, the range holds answers only (a first row of unsur headers inside it is recognised and used).

    `zero_blank`: 0 means not answered (web-application exports). `other_unsur`: the survey's unsur are not the nine
    of PermenPANRB 14/2017 (the weight is then 1/n of the unsur found), instead of an error naming the missing ones.
    """
    source = open_source(path)
    name = _pick_sheet(source, sheet)
    values = source.values(name)
    options = dict(problems=source.problems(name), zero_blank=zero_blank, other_unsur=other_unsur)
    if cell_range:
        return _from_range(name, values, cell_range, **options)
    table = survey_from_rows(name, values, **options)
    kept_out = source.left_out.get(name)  # an Excel Table's totals row: never a respondent
    return replace(table, left_out=kept_out + table.left_out) if kept_out else table


def _pick_sheet(source: Any, sheet: str | None) -> str:
    names = list(source.sheet_names)
    if isinstance(sheet, int) and not isinstance(sheet, bool):  # a position, as pandas.read_excel takes it
        if -len(names) <= sheet < len(names):
            return names[sheet]
        raise SheetError(str(sheet), f"Sheet ke-{sheet} tidak ada: berkas ini berisi {len(names)} sheet "
                         f"({', '.join(names)}). Sheet pertama adalah 0.", where="")
    if sheet is not None:
        for candidate in names:
            if candidate.strip().lower() == sheet.strip().lower():
                return candidate
        raise SheetError.missing(sheet, names)
    # a hidden or very hidden sheet is never searched (a macro's or an old copy's), only named with --sheet
    shown = [n for n in names if n not in getattr(source, "hidden", ())] or names
    for candidate in shown:
        if candidate.strip().lower() == DEFAULT_SHEET.lower():
            return candidate
    for candidate in shown:
        if survey_header(source.values(candidate, nrows=_HEADER_SCAN_ROWS)) is not None:
            return candidate
    return shown[0]


def survey_header(values: Sequence[Sequence[Any]]) -> int | None:
    """The 0-based index of the unsur header row among the first rows, or None (not a survey sheet)."""
    header = _find_header(values)
    return header.index if header is not None else None


#: A header row by questions alone must name at least this many unsur: a row of other text (an IKU sheet's
#: "ketepatan waktu" and "sarana prasarana") is not taken for a questionnaire.
_MIN_SUBJECTS = 5


@dataclass
class _Header:
    """A header row as the rules read it."""

    index: int  # 0-based row
    found: dict[str, list[int]]  # code → 0-based columns
    rules: dict[int, str]  # 0-based column → the rule (key of RULE_NAMES) that made it an unsur
    notes: list[str] = field(default_factory=list)  # sentences describing rules over several columns
    skip: int = 0  # rows under the header that are part of it (a numbering row 1 … n under a group header)


def _find_header(values: Sequence[Sequence[Any]]) -> _Header | None:
    rows = values[:_HEADER_SCAN_ROWS]
    for index, row in enumerate(rows):
        read = _row_header(row)
        if read is not None:
            return _Header(index, *read)
        group = _group_header(values, index)
        if group is not None:
            return group
    return None


def _turned(values: Sequence[Sequence[Any]]) -> tuple[int, int, int] | None:
    """(column, first row, last row), 0-based, of unsur headers written down one column instead of across one row
    (a survey laid out one respondent per column): five unsur or more named there by a strong rule."""
    rows = values[:_HEADER_SCAN_ROWS]
    for column in range(min(_TURNED_COLUMNS, max((len(r) for r in rows), default=0))):
        hits = {}
        for index, row in enumerate(rows):
            cell = row[column] if column < len(row) else None
            code, rule = _unsur_match(cell) if isinstance(cell, str) else (None, None)
            if code and rule != _WEAK:
                hits.setdefault(code, index)
        if len(hits) >= _MIN_SUBJECTS and _answers_across(rows[i][column + 1:] for i in hits.values()):
            return column, min(hits.values()), max(hits.values())
    return None


def _answers_across(cells_right: Iterable[Sequence[Any]]) -> bool:
    """Whether the numbers beside turned headers are answers (whole 1–4, respondents side by side), not a results
    table written downwards (an NRR of 3,12 per unsur)."""
    numbers = [c for line in cells_right for c in line
               if isinstance(c, (int, float)) and not isinstance(c, bool)]
    return len(numbers) >= 2 and all(c in _VALID for c in numbers)


#: Columns searched for unsur headers written downwards (a label column or two comes first, e.g. No, Unsur)
_TURNED_COLUMNS = 5


def _row_header(row: Sequence[Any]) -> tuple[dict[str, list[int]], dict[int, str]] | None:
    """(code → columns, column → rule), if this row looks like an unsur header: two unsur by a numbered, named or
    numbered-block rule, or five by the subject of their question."""
    found: dict[str, list[int]] = {}
    rules: dict[int, str] = {}
    strong = set()
    for index, cell in enumerate(row):
        code, rule = _unsur_match(cell) if isinstance(cell, str) else (None, None)
        if code:
            found.setdefault(code, []).append(index)
            rules[index] = rule
            if rule != _WEAK:
                strong.add(code)
    for index, code in _numbered_block(row, set(rules)):
        found.setdefault(code, []).append(index)
        rules[index] = "urut"
        strong.add(code)
    return (found, rules) if len(strong) >= 2 or len(found) >= _MIN_SUBJECTS else None


def _numbered_block(row: Sequence[Any], taken: set[int]) -> list[tuple[int, str]]:
    """Columns side by side under one prefix whose numbers run 1 … n (pertanyaan1 … pertanyaan9): U1 … Un in that
    order. A run that starts elsewhere (Pertanyaan 0 …) or skips a number is not one; two runs with different
    prefixes in one row are ambiguous: neither is read."""
    runs: list[tuple[str, list[tuple[int, int]]]] = []  # (prefix, [(column, number)]) of side-by-side headers
    for index, cell in enumerate(row):
        match = (HEADER_PATTERNS["urut"].match(_norm(cell))
                 if isinstance(cell, str) and index not in taken else None)
        if match is None:
            continue
        if runs and runs[-1][0] == match.group(1) and runs[-1][1][-1][0] == index - 1:
            runs[-1][1].append((index, int(match.group(2))))
        else:
            runs.append((match.group(1), [(index, int(match.group(2)))]))
    blocks = [run for _, run in runs
              if len(run) >= 2 and [n for _, n in run] == list(range(1, len(run) + 1))]
    return [(index, f"U{number}") for index, number in blocks[0]] if len(blocks) == 1 else []


def _group_header(values: Sequence[Sequence[Any]], index: int) -> _Header | None:
    """A group header (NILAI UNSUR, UNSUR PELAYANAN) over unlabeled answer columns: the cell and the blank header
    cells after it, up to the next header or the last column that holds data, are U1 … Un left to right.

    A row of unsur headers under it is the header instead (the row below is then read); a row of the running
    numbers 1 … n under it belongs to the header."""
    row = values[index]
    below = values[index + 1] if index + 1 < len(values) else []
    if _row_header(below) is not None:
        return None
    body = values[index + 1:]
    width = max((len(r) for r in values[index:index + 50]), default=0)
    for column, cell in enumerate(row):
        if not (isinstance(cell, str) and HEADER_PATTERNS["kelompok"].match(_norm(cell))):
            continue
        end = column + 1
        while end < width and (end >= len(row) or not _filled(row[end])):
            end += 1
        while end > column + 1 and not _has_values(body, end - 1):
            end -= 1  # trailing blank-headed columns with no data are no part of it
        columns = list(range(column, end))
        if len(columns) < 2:  # one column under "Unsur" is a list of unsur names, not a group of answers
            continue
        numbering = [below[c] if c < len(below) else None for c in columns]
        # 1 … n with n above 4 cannot be a respondent's answers (1–4): a numbering row
        skip = int(len(columns) > 4 and all(_number_is(v, i) for i, v in enumerate(numbering, start=1)))
        codes = [f"U{i}" for i in range(1, len(columns) + 1)]
        note = (f"Kolom {column_letter(column + 1)}–{column_letter(end)} di bawah judul kelompok "
                f"'{_short(cell)}' ({address(index + 1, column + 1)}) dibaca sebagai {codes[0]} … {codes[-1]} dari "
                "kiri ke kanan: urutan diambil sebagai urutan unsur PermenPANRB 14/2017.")
        return _Header(index, {c: [i] for c, i in zip(codes, columns)}, {i: "kelompok" for i in columns}, [note],
                       skip)
    return None


def _number_is(value: Any, number: int) -> bool:
    if isinstance(value, str):
        value = value.strip()
        return value == str(number)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == number


def _filled(value: Any) -> bool:
    return value is not None and not (value.__class__ is str and not value.strip())


def _has_values(rows: Sequence[Sequence[Any]], column: int, zero_blank: bool = False) -> bool:
    """Whether a column holds anything below the header (stops at the first value)."""
    for row in rows:
        if len(row) > column:
            value = row[column]
            if _filled(value) and not (zero_blank and is_zero(value)):
                return True
    return False


def _check_codes(sheet: str, row: int, header: Sequence[Any], found: dict[str, list[int]],
                 other_unsur: bool, empty: dict[str, int] | None = None) -> list[str]:
    """The unsur codes in order, after the header rules: one column per unsur; the nine of 14/2017 unless asked.
    `empty`: codes whose only column was left out as empty from top to bottom (named when one of the nine)."""
    for code, columns in found.items():
        if len(columns) > 1:
            cells = " dan ".join(f"{address(row, c + 1)} ('{_short(header[c])}')" for c in columns[:2])
            raise SheetError(sheet,
                f"kolom {cells} sama-sama dibaca sebagai {code} {_standard_name(code)}. Satu unsur "
                "hanya boleh satu kolom: hapus kolom yang dobel atau ubah judulnya."
            )
    codes = sorted(found, key=lambda c: int(c[1:]))
    if other_unsur:
        return codes
    empty = empty or {}
    missing = [c for c in STANDARD_CODES if c not in found]
    extra = [c for c in codes if c not in STANDARD_CODES]
    if missing or extra:
        problem = []
        if missing:
            problem.append(", ".join(f"{c} {_standard_name(c)}" + (
                f" (kolom {column_letter(empty[c] + 1)} kosong seluruhnya)" if c in empty else "")
                for c in missing) + " tidak ditemukan")
        if extra:
            problem.append("bukan unsur PermenPANRB 14/2017: " + ", ".join(extra))
        raise SheetError(sheet,
            "kolom unsur tidak sesuai sembilan unsur PermenPANRB 14/2017 "
            f"({'; '.join(problem)}). Beri judul setiap kolom jawaban (U1 … U9, nama unsur, atau pertanyaannya). "
            f"Bila survei kantor memang memakai unsur lain, jalankan dengan {OTHER_UNSUR_OPTION} "
            f"(bobot tiap unsur 1/{len(codes)}).", where=f"Sheet '{sheet}' baris {row}"
        )
    return codes


class ResultsTable(NotASurvey):
    """A sheet of computed results (NRR per unit, IKM, Mutu), not respondents' answers."""


def _results_table(sheet: str, rows: Sequence[Sequence[Any]], body: Sequence[Sequence[Any]] | None = None,
                   columns: Sequence[int] = (), first: int = 0) -> None:
    """Refuse a results table: a header row (among `rows`) with an index header (IKM, Nilai Indeks) and a grade
    header (Mutu); when the unsur columns are known (`body` below the one header row given, `columns`), with
    fractions in them (NRR, NRR tertimbang) where answers are whole numbers."""
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        texts = [_norm(c) for c in row if isinstance(c, str) and c.strip()]
        found = {rule: next((t for t in texts if HEADER_PATTERNS[rule].match(t)), None) for rule in ("hasil", "mutu")}
        if not all(found.values()):
            continue
        if body is not None and not any(isinstance(line[c], float) and not line[c].is_integer()
                                        for line in body[:200] for c in columns if c < len(line)):
            return
        raise ResultsTable(sheet,
            f"Sheet '{sheet}' adalah tabel hasil olahan, bukan jawaban responden: baris {first + index + 1} berjudul "
            f"'{found['hasil']}' dan '{found['mutu']}'" + (", dan nilai unsurnya pecahan (NRR atau NRR tertimbang)"
                                                          if body is not None else "")
            + ". IKM dihitung dari jawaban tiap responden (satu baris per responden, jawaban 1–4): pakai sheet atau "
            "berkas jawaban survei, bukan rekap hasilnya.", where="")


def survey_from_rows(sheet: str, values: Sequence[Sequence[Any]], *,
                     problems: dict[tuple[int, int], str] | None = None, zero_blank: bool = False,
                     other_unsur: bool = False) -> SurveyTable:
    """A survey from a sheet's values (row 1 first), however they were read: calamine, openpyxl, xlwings, CSV.

    The header row may sit below title rows; the table ends at the last respondent before a summary row (a label
    such as "Jumlah Nilai / Unsur", or a row of sums/averages); rows left out below it are listed in `left_out`.
    Columns empty from top to bottom are not unsur (a database's unused u10 … u15), when any respondent is there.
    """
    found_header = _find_header(values)
    if found_header is None:
        _results_table(sheet, values)
        turned = _turned(values)
        raise NotASurvey(sheet,
            "baris judul unsur (U1 … U9, Unsur 1 … Unsur 9, nama unsur, atau pertanyaan "
            f"kuesioner) tidak ditemukan di {_HEADER_SCAN_ROWS} baris pertama. " + (
                f"Judul unsur tersusun ke bawah di kolom {column_letter(turned[0] + 1)} (baris {turned[1] + 1}–"
                f"{turned[2] + 1}): tabelnya terbalik. Susun satu responden per baris dan satu unsur per kolom "
                "(salin tabelnya, lalu Tempel Spesial dengan Transpose dicentang)."
                if turned else "Beri judul kolom U1 … U9, atau sebutkan rentangnya dengan --range.")
        )
    header_index = found_header.index
    header = values[header_index]
    found = {code: list(columns) for code, columns in found_header.found.items()}
    rules = dict(found_header.rules)
    notes = list(found_header.notes)
    body = values[header_index + 1 + found_header.skip:]
    _results_table(sheet, [header], body, [c for cs in found.values() for c in cs], header_index)
    date_columns = _date_columns(header, body, found)
    for code, columns in list(found.items()):
        kept = [c for c in columns if c not in date_columns]
        if kept:
            found[code] = kept
        else:
            del found[code]
    empty: dict[str, int] = {}
    if not any(_has_values(body, c, zero_blank) for cs in found.values() for c in cs):
        # no respondent yet (a template): a database's spare columns (pertanyaan10) cannot be told empty
        # from unanswered, so with the nine all there the others wait for answers ("belum ada responden")
        if not other_unsur and all(c in found for c in STANDARD_CODES):
            found = {c: found[c] for c in STANDARD_CODES}
    else:
        for code, columns in list(found.items()):
            kept = [c for c in columns if _has_values(body, c, zero_blank)]
            if len(kept) < len(columns):
                empty[code] = [c for c in columns if c not in kept][-1]
                if kept:
                    found[code] = kept
                else:
                    del found[code]
        if empty:
            dropped = sorted(empty.values())
            notes.append(f"Kolom {', '.join(column_letter(c + 1) for c in dropped)} "
                         f"({', '.join(repr(_short(header[c])) for c in dropped)}) kosong dari atas sampai bawah: "
                         "bukan unsur, tidak dipakai.")
    codes = _check_codes(sheet, header_index + 1, header, found, other_unsur, empty)
    columns = [found[c][0] for c in codes]
    names = [_name_of(code, header[found[code][0]] if rules.get(found[code][0]) != "kelompok" else None, len(codes))
             for code in codes]
    numbered = [c for c in columns if rules.get(c) == "urut"]
    if numbered:
        first, last = min(numbered), max(numbered)
        notes.append(f"Kolom {column_letter(first + 1)}–{column_letter(last + 1)} ('{_short(header[first])}' … "
                     f"'{_short(header[last])}') bernomor urut: urutan diambil sebagai urutan unsur "
                     f"PermenPANRB 14/2017 ({codes[columns.index(first)]} … {codes[columns.index(last)]}).")
    profile_columns: dict[str, int] = {}
    matched = []
    for index, cell in enumerate(header):
        if index in date_columns:
            profile_columns.setdefault("Tanggal", index)
            matched.append((column_letter(index + 1), _short(str(cell), 80), "Tanggal", RULE_NAMES["waktu"]))
            notes.append(f"Kolom {column_letter(index + 1)} ('{_short(cell)}') berisi tanggal: dibaca sebagai Tanggal "
                         "survei, bukan U3 Waktu Penyelesaian.")
            continue
        if not _filled(cell) and index not in rules:
            continue
        code = next((c for c in codes if found[c][0] == index), None)
        profile = None if code or index in columns else profile_of(str(cell))
        if profile and profile not in profile_columns:
            profile_columns[profile] = index
        else:
            profile = None
        target = f"{code} {names[codes.index(code)]}" if code else (profile or "")
        rule = RULE_NAMES[rules[index]] if code else (RULE_NAMES["profil"] if profile else "")
        if index in empty.values():
            rule = "kosong seluruhnya"
        matched.append((column_letter(index + 1), _short(str(cell) if _filled(cell) else "(kosong)", 80), target,
                        rule))
    rows, answer_codes = _answers(body, columns, zero_blank)
    first_row = header_index + 2 + found_header.skip
    rows, left_out = _table_end(sheet, body, rows, first_row, set(columns), set(profile_columns.values()),
                                answer_codes)
    if answer_codes is not None:
        answer_codes = answer_codes[:len(rows) * len(columns)]  # the respondents' rows, as `rows`
    _check_problems(sheet, problems or {}, columns, first_row, len(rows))
    data = body[:len(rows)]
    profiles = Profiles(data, profile_columns)  # read when a caller asks (skm's groups, read_skm), not for `ikm`
    used = set(columns) | set(profile_columns.values())
    others = [(" ".join(str(cell).split()), i) for i, cell in enumerate(header)
              if i not in used and cell is not None and str(cell).strip()]
    headers = [_header_text(header, c, found_header) for c in columns]
    return SurveyTable(sheet, codes, names, [c + 1 for c in columns], first_row, rows, profiles, others, data,
                       headers=headers, matched=matched, left_out=left_out, zero_blank=zero_blank, notes=notes,
                       header_row=header_index + 1, answer_codes=answer_codes)


def _header_text(header: Sequence[Any], column: int, found: _Header) -> str:
    """An answer column's header as written; under a group header, the group's words and the column's place."""
    if found.rules.get(column) == "kelompok":
        first = min(found.rules)
        return f"{' '.join(str(header[first]).split())} ({column - first + 1})"
    return " ".join(str(header[column]).split())


def _date_columns(header: Sequence[Any], body: Sequence[Sequence[Any]], found: dict[str, list[int]]) -> set[int]:
    """Columns whose header reads as the survey date only when they hold dates ("Waktu"), and do."""
    out = set()
    for index, cell in enumerate(header):
        if isinstance(cell, str) and HEADER_PATTERNS["waktu"].match(_norm(cell)):
            sample = [v for v in (row[index] for row in body[:50] if len(row) > index) if _filled(v)]
            if sample and all(isinstance(v, dt.date) or (isinstance(v, str) and parse_date(v)) for v in sample):
                out.add(index)
    return out


def _from_range(sheet: str, values: list[list[Any]], cell_range: str, *,
                problems: dict[tuple[int, int], str] | None = None, zero_blank: bool = False,
                other_unsur: bool = False) -> SurveyTable:
    top, left, bottom, right = parse_range(cell_range)
    block = [list(r[left - 1:right]) for r in values[top - 1:bottom]]
    columns = list(range(left - 1, right))
    width = right - left + 1
    first_row = top
    headers: list[str] = []
    read = _row_header(block[0]) if block else None
    if read and sum(map(len, read[0].values())) == width:
        found = read[0]
        codes = _check_codes(sheet, top, [None] * (left - 1) + block[0],
                             {c: [i + left - 1 for i in cols] for c, cols in found.items()}, other_unsur)
        order = [found[c][0] for c in codes]
        names = [_name_of(c, block[0][found[c][0]], len(codes)) for c in codes]
        headers = [" ".join(str(block[0][i]).split()) for i in order]
        columns = [left - 1 + i for i in order]
        block = [[r[i] if i < len(r) else None for i in order] for r in block[1:]]
        first_row += 1
    else:
        if width != len(STANDARD_CODES) and not other_unsur:
            raise InputError(
                f"Rentang {cell_range} berisi {width} kolom jawaban, sedangkan survei PermenPANRB 14/2017 memiliki "
                f"sembilan unsur. Pilih sembilan kolom U1 … U9, atau jalankan dengan {OTHER_UNSUR_OPTION} bila "
                f"survei kantor memang memakai unsur lain (bobot tiap unsur 1/{width})."
            )
        codes = [f"U{i}" for i in range(1, width + 1)]
        names = ([n for _, n in UNSUR_14_2017] if width == len(UNSUR_14_2017) else list(codes))
        block = [r + [None] * (width - len(r)) for r in block]
    rows = [[None if v == "" or (zero_blank and is_zero(v)) else v for v in r] for r in block]
    rows = _strip_trailing(rows)
    _check_problems(sheet, problems or {}, columns, first_row, len(rows))
    return SurveyTable(sheet, codes, names, [c + 1 for c in columns], first_row, rows, headers=headers,
                       zero_blank=zero_blank, header_row=top if headers else None)


def _check_problems(sheet: str, problems: dict[tuple[int, int], str], columns: list[int], first_row: int,
                    count: int) -> None:
    """An answer cell whose formula was never computed, or that holds an Excel error, is an error: the fast reader
    shows both as empty, and counting them as "not answered" would change the IKM without a word."""
    wanted = {c + 1 for c in columns}
    bad = sorted((r, c) for r, c in problems if c in wanted and first_row <= r < first_row + count)
    if not bad:
        return
    r, c = bad[0]
    what = problems[(r, c)]
    if what == "rumus":
        raise CellError.uncomputed(sheet, address(r, c), instead="atau ganti rumusnya dengan jawabannya")
    raise CellError(sheet, address(r, c), f"berisi nilai galat Excel {what}, bukan jawaban: rumus di sel ini gagal "
                    "dihitung. Perbaiki rumusnya atau ganti dengan jawabannya (1–4, atau kosong bila tidak dijawab).")


def _table_end(sheet: str, body: Sequence[Sequence[Any]], rows: list[Sequence[Any]], first_row: int,
               answer_columns: set[int], profile_columns: set[int],
               codes: bytes | None = None) -> tuple[list[Sequence[Any]], list[str]]:
    """Answer rows up to the last respondent above the first summary row, and the rows left out below, described.

    A summary row is a row whose label (text in the first column, or in a column that is neither answer nor
    profile: No, Responden) begins with a summary word while its profile cells are empty (a respondent's free-text
    suggestion "Nilai pelayanan baik" is not a summary), or a row of sums or averages. A summary row with
    respondents still below it is an error (which rows would count is then not clear).
    """
    skip = frozenset(answer_columns) | frozenset(profile_columns - {0})
    profile = frozenset(profile_columns)
    summary = _first_summary(body, rows, skip, profile, codes)
    end = summary if summary is not None else len(rows)
    if summary is not None:
        below = next((i for i in range(summary + 1, len(rows))
                      if any(v is not None for v in rows[i]) and not _is_summary(body[i], rows[i], skip, profile)),
                     None)
        if below is not None:
            raise SheetError(sheet,
                f"Sheet '{sheet}' baris {first_row + summary} ('{_short(_label(body[summary], skip))}') "
                f"tampak sebagai baris ringkasan, tetapi baris {first_row + below} di bawahnya masih berisi jawaban. "
                "Pindahkan baris ringkasan ke bawah seluruh data responden, atau hapus.", where="")
    kept = _strip_trailing(rows[:end])  # a list, or a CSV's answers still kept one byte a cell
    left_out = []
    for index in range(len(kept), len(body)):
        line = body[index]
        filled = next(((c, v) for c, v in enumerate(line) if v not in (None, "")), None)
        if filled:
            what = _label(line, skip) or f"{address(first_row + index, filled[0] + 1)}: {filled[1]}"
            left_out.append(f"baris {first_row + index} ('{_short(what)}')")
    return kept, left_out


_VALID = frozenset({1, 2, 3, 4})


def _first_summary(body: Sequence[Sequence[Any]], rows: list[Sequence[Any]], skip: frozenset[int],
                   profile: frozenset[int], codes: bytes | None = None) -> int | None:
    """Index of the first summary row, column by column rather than row by row: a 100,000-row survey pays a few
    C-level passes, not a Python loop over every cell (`codes`: the answers' bytes from `_answers`, when made)."""
    width = max((len(line) for line in body[:1]), default=0)
    # a CSV kept column by column (csv_source.ColumnRows): its columns read a block at a time, no rows built
    stored = getattr(body, "column_blocks", None)
    row_lengths = body.lengths() if stored else list(map(len, body))
    lengths = set(row_lengths)  # one length when calamine read the sheet (its rectangle)
    found = []
    for column in _label_columns(width, skip):
        if stored:
            pieces = stored(column)
        elif min(lengths, default=0) > column:
            pieces = [(0, list(map(itemgetter(column), body)))]
        else:
            pieces = [(0, [line[column] if len(line) > column else None for line in body])]
        found.append(next((i for offset, values in pieces
                           if (i := _first_label(values, offset, body, profile - {column})) is not None), None))
    # a row with no valid answer at all is the only one that can be a row of sums or averages
    unanswered = (_rows_without_answer(codes, len(rows[0])) if codes is not None and rows
                  else compress(range(len(rows)), map(_VALID.isdisjoint, rows)))  # rows picked in C
    found.append(next((i for i in unanswered if _sums_or_averages(rows[i])), None))
    if max(lengths, default=0) > width:  # rows longer than the first (a sparse read) are looked at one by one
        found.append(next((index for index in range(len(body)) if row_lengths[index] > width
                           and _is_summary(body[index], rows[index], skip, profile)), None))
    return min((i for i in found if i is not None), default=None)


def _first_label(values: Sequence[Any], offset: int, body: Sequence[Sequence[Any]],
                 profile: frozenset[int]) -> int | None:
    """The first row (`offset` + index in `values`, one column's cells) labelled as a summary, its profile empty."""
    # each distinct label is judged once (a Tanggal column holds a few hundred dates in 100,000 rows)
    labels = {v for v in set(values) if v.__class__ is str and _summary_label(v)}
    return next((offset + i for i, v in enumerate(values) if v in labels and _no_profile(body[offset + i], profile)),
                None) if labels else None


def _is_summary(line: Sequence[Any], answers: Sequence[Any], skip: frozenset[int], profile: frozenset[int]) -> bool:
    for column in _label_columns(len(line), skip):
        value = line[column]
        if value.__class__ is str and _summary_label(value) and _no_profile(line, profile - {column}):
            return True
    return _VALID.isdisjoint(answers) and _sums_or_averages(answers)


def _no_profile(line: Sequence[Any], columns: frozenset[int]) -> bool:
    return all(line[c] in (None, "") for c in columns if c < len(line))


def _sums_or_averages(answers: Sequence[Any]) -> bool:
    given = [v for v in answers if v is not None]
    return len(given) >= 2 and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and (v > 4 or (v > 0 and v != int(v)))
        for v in given)


@lru_cache(maxsize=1024)
def _summary_label(text: str) -> bool:
    word = re.match(r"[a-z]+", text.lower())
    return bool(word) and word.group(0) in SUMMARY_WORDS


def _label(line: Sequence[Any], skip: frozenset[int]) -> str:
    """The first text outside the skipped columns (a respondent label, a summary label)."""
    for index in _label_columns(len(line), skip):
        value = line[index]
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


@lru_cache(maxsize=64)
def _label_columns(width: int, skip: frozenset[int]) -> tuple[int, ...]:
    return tuple(i for i in range(width) if i not in skip)


def _short(text: Any, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _standard_name(code: str) -> str:
    return _STANDARD_NAMES.get(code, "")


def _answers(rows: Sequence[Sequence[Any]], columns: list[int],
             zero_blank: bool = False) -> tuple[list[Sequence[Any]], bytes | None]:
    """The answer cells of each row, in code order, with calamine's "" for an empty cell turned into None; and, for
    a rectangle of rows (calamine's), one byte per answer cell, row by row (`_answer_codes`), else None.

    Done with C-level helpers (itemgetter, a dict lookup per cell) and a Python loop only for the few rows that hold
    a blank: this is most of the reading time of a 100,000-respondent survey after calamine itself. The bytes are
    made once and read three times: the rows holding a blank are found in them, the rows without any answer (the
    only ones that can be sums or averages), and the IKM counts them (`model.survey.survey_summary`) instead of
    looking every cell up again.
    """
    kept = getattr(rows, "answer_rows", None)  # a CSV kept column by column: its answers stay one byte a cell
    if kept is not None:
        return kept(columns, _blank_or_zero if zero_blank else _blank), None
    width = max(columns) + 1
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    stored = getattr(rows, "pick", None)  # the columns picked without building rows
    if stored or (not zero_blank and len(columns) > 1 and rows and min(map(len, rows)) >= width):
        # calamine's rectangle: every row picked in C, only the rows holding a blank looked at in Python
        out = stored(columns) if stored else list(map(pick, rows))
        if zero_blank:
            return [tuple(None if v == "" or is_zero(v) else v for v in cells)
                    if "" in cells or 0 in cells or "0" in cells else cells for cells in out], None
        codes = None if stored else _answer_codes(out)
        # the rows holding a blank: from the bytes when blanks are few (a find per such row), else a test per row
        blanks = (_rows_with(codes, 0, len(columns)) if codes is not None and codes.count(0) * 8 <= len(codes)
                  else compress(range(len(out)), map(contains, out, repeat(""))))
        try:
            for index in blanks:
                out[index] = tuple(map(_NO_BLANK.get, out[index], out[index]))  # "" → None in C
        except TypeError:  # a value that cannot be a dict key (a list from another reader): one by one
            for index in compress(range(len(out)), map(contains, out, repeat(""))):
                out[index] = tuple(None if v == "" else v for v in out[index])
        return out, codes
    out = []
    blank = (None,) * len(columns)
    for row in rows:
        if not row:  # a sparse read's empty row
            out.append(blank)
            continue
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        cells = pick(row)
        if "" in cells or (zero_blank and (0 in cells or not _NUMBER_TYPES.issuperset(map(type, cells)))):
            cells = tuple(None if v == "" or (zero_blank and is_zero(v)) else v for v in cells)
        out.append(cells)
    return out, None


_NO_BLANK = {"": None}
#: Cells that are no text: with --nol-kosong a row holding anything else is looked at cell by cell (`is_zero`: the
#: texts "0", "0.0", "0,0" are zeros too)
_NUMBER_TYPES = frozenset({int, float, type(None)})
#: An answer cell's byte: 0 blank ("" or None), 1–4 the answer (by equality, as `_VALID` and the IKM's own lookup
#: read it: 1.0 and 1 alike, and TRUE too, which the IKM then refuses by its type), 255 anything else.
_CODES = {1.0: 1, 2.0: 2, 3.0: 3, 4.0: 4, "": 0, None: 0}
_OTHER = 255
_IS_ANSWER = bytes([0, 1, 1, 1, 1]) + bytes(251)  # 1–4 → 1, every other byte → 0


def _answer_codes(out: list[Sequence[Any]]) -> bytes | None:
    """One byte per cell of the answer tuples, row by row (`_CODES`), looked up in C; None when a cell cannot be
    looked up (a value that is no dict key: not from calamine)."""
    try:
        try:  # every cell an answer or a blank: one argument a lookup (~4 ms less on 900,000 cells)
            return bytes(map(_CODES.__getitem__, chain.from_iterable(out)))
        except KeyError:  # text, 0, 5, NaN somewhere: 255 for each such cell
            return bytes(map(_CODES.get, chain.from_iterable(out), repeat(_OTHER)))
    except TypeError:
        return None


def _rows_with(codes: bytes, value: int, width: int) -> list[int]:
    """The rows (`width` bytes each) holding the byte `value`, in order: one find per such row."""
    found = []
    pos = codes.find(value)
    while pos != -1:
        row = pos // width
        found.append(row)
        pos = codes.find(value, (row + 1) * width)
    return found


def _rows_without_answer(codes: bytes, width: int) -> list[int]:
    """The rows (`width` bytes each) in which no cell is an answer 1–4, in order: what `_VALID.isdisjoint` tells
    row by row, as the rows of zeros in the answer mask."""
    return zero_rows(codes.translate(_IS_ANSWER), width)


def _blank(value: Any) -> Any:
    return None if value == "" else value


def _blank_or_zero(value: Any) -> Any:
    return None if value == "" or is_zero(value) else value


def _strip_trailing(rows: list[list[Any]]) -> list[list[Any]]:
    end = len(rows)
    while end and all(v is None for v in rows[end - 1]):
        end -= 1
    return rows[:end]


def _name_of(code: str, header: Any, count: int) -> str:
    """The unsur's name for reports: the 14/2017 name in a nine-unsur survey, else the header's own words."""
    if count == len(UNSUR_14_2017) and code in _STANDARD_NAMES:
        return _STANDARD_NAMES[code]
    if header is None:
        return code
    text = " ".join(str(header).split())
    rest = text.lower()
    for rule in _NUMBERED:
        rest = HEADER_PATTERNS[rule].sub("", rest, count=1)
    rest = rest.strip(" -:.")
    return text[len(text) - len(rest):].strip() if rest else code


__all__ = ["SurveyTable", "NotASurvey", "ResultsTable", "HEADER_PATTERNS", "RULE_NAMES", "read_survey",
           "survey_from_rows", "survey_summary", "survey_header"]
