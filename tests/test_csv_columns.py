"""A CSV export kept column by column (issue 21 item 12): `csv_source.ColumnRows` gives back exactly the rows the
file holds, however a column is stored, and the survey read from it is the survey read from the same rows as plain
lists; the rows cost what their columns hold, not a Python list per row."""

from __future__ import annotations

import csv
import random
import tracemalloc
from dataclasses import fields

import pytest

from xl_iku.readers.csv_source import BLOCK, ColumnRows, read_csv
from xl_iku.readers.skm import read_survey, survey_from_rows
from xl_iku.readers.sources import open_source

CODES = [f"U{i}" for i in range(1, 10)]


def _expected(text: str):
    """A cell as the reader documents it: a whole number of up to nine digits as a number, NULL empty, else text."""
    digits = text[1:] if text.startswith("-") else text
    if digits.isascii() and digits.isdigit() and 1 <= len(digits) <= 9:
        return int(text)
    return "" if text == "NULL" else text


def export_csv(path, rows: int, seed: int = 1, ragged: bool = False, summary: bool = False):
    """A form export of `rows` respondents whose columns take every storage form: labels and answers (few distinct
    values), unique names and suggestions (text), unique numbers, numbers mixed with text, a text holding NUL."""
    rng = random.Random(seed)
    lines = [["Timestamp", "Nama", "No", "No HP", "Jenis Kelamin", "Jenis Layanan", *CODES, "Saran"]]
    for n in range(1, rows + 1):
        line = [f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}/2025 {rng.randrange(24)}:{rng.randrange(60):02}",
                f"Responden {n}-{rng.randrange(10**6)}", str(n),
                rng.choice([f"08{rng.randrange(10**10):010}", str(rng.randrange(10**6)), "NULL", ""]),
                rng.choice(["Laki-laki", "Perempuan", "NULL"]), rng.choice(["KTP", "Akta", "KK"]),
                *(rng.choice(["1", "2", "3", "4", "", "NULL", "Baik"]) if n % 97 == 0 else rng.choice("12334")
                  for _ in CODES),
                rng.choice(["", "cepat", "ramah sekali", f"saran {n}", "a\x00b" if n == 4100 else "ok", "-5", "007"])]
        if ragged and n % 500 == 0:
            line = line[:rng.randrange(0, len(line))]  # a short line, now and then an empty one
        lines.append(line)
    if summary:
        lines += [["Jumlah", "", "", "", "", "", *(["300"] * 9)], ["Rata-rata", "", "", "", "", "", *(["3"] * 9)]]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    return path, [[_expected(cell) for cell in line] for line in lines]


@pytest.mark.parametrize("ragged", [False, True])
def test_rows_come_back_as_the_file_holds_them(tmp_path, ragged):
    path, expected = export_csv(tmp_path / "f.csv", 2 * BLOCK + 123, ragged=ragged)
    rows = read_csv(path)
    assert isinstance(rows, ColumnRows) and len(rows) == len(expected)
    assert list(rows) == expected
    kinds = {chunk.kind for block in rows._blocks for chunk in block.chunks}
    assert kinds == {"codes", "text", "mixed", "values"} | ({"ints"} if not ragged else set())  # every form used
    assert rows[-1] == expected[-1] and rows[BLOCK] == expected[BLOCK] and rows[5] == expected[5]
    view = rows[BLOCK - 7:2 * BLOCK + 9]  # a view across block boundaries, and a view of it
    assert list(view) == expected[BLOCK - 7:2 * BLOCK + 9] and list(view[3:20]) == expected[BLOCK - 4:BLOCK + 13]
    assert view.lengths() == [len(line) for line in expected[BLOCK - 7:2 * BLOCK + 9]]
    for column in (0, 2, 3, 6, 15, 16, 17):
        want = [line[column] if column < len(line) else None for line in expected[BLOCK - 7:2 * BLOCK + 9]]
        assert view.column(column) == want
        assert [v for _, part in view.column_blocks(column) for v in part] == want
        assert [offset for offset, _ in view.column_blocks(column)] == [0, 7, 7 + BLOCK]
    picked = [tuple(line[c] if c < len(line) else "" for c in (8, 6, 16)) for line in expected[1:]]
    assert rows[1:].pick([8, 6, 16]) == picked
    with pytest.raises(IndexError):
        rows[len(expected)]


@pytest.mark.parametrize("ragged, summary, zero_blank", [(False, False, False), (True, True, False),
                                                         (False, True, True)])
def test_survey_from_stored_rows_is_the_survey_from_lists(tmp_path, ragged, summary, zero_blank):
    path, _ = export_csv(tmp_path / "f.csv", BLOCK + 500, seed=3, ragged=ragged, summary=summary)
    source = open_source(path)
    name = source.sheet_names[0]
    stored = read_survey(path, zero_blank=zero_blank, other_unsur=True)
    plain = survey_from_rows(name, [list(row) for row in source.values(name)], zero_blank=zero_blank,
                             other_unsur=True)
    # every field a table is compared by (not `records`, the rows as read, nor `answer_codes`, made from a
    # rectangle of rows only: a cache of `rows`, which are compared)
    assert [getattr(stored, f.name) for f in fields(stored) if f.compare] == \
        [getattr(plain, f.name) for f in fields(plain) if f.compare]
    assert stored.rows == plain.rows and stored.profiles == plain.profiles and stored.left_out == plain.left_out
    assert [stored.values_of(c) for _, c in stored.others] == [plain.values_of(c) for _, c in plain.others]
    assert stored.others and (stored.left_out if summary else not stored.left_out)


def test_rows_cost_what_their_columns_hold(tmp_path):
    """Kept as Python lists, an export's rows cost several times its bytes (≈ 5× here); kept column by column,
    less than the file itself."""
    path, _ = export_csv(tmp_path / "f.csv", 20_000, seed=5)
    tracemalloc.start()
    rows = read_csv(path)
    kept, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(rows) == 20_001
    assert kept < 0.5 * path.stat().st_size, (kept, path.stat().st_size)
