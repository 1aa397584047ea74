"""A CSV export reads back as it was written, whatever it holds (issue 21 items 5, 12 and 15 as a class).

Random tables — headers that carry the other separators and quotes in their text (a question "Menurut Anda, …" in
a semicolon file), cells with quotes, separators, line breaks and non-ASCII letters, whole numbers, "NULL", columns
of a few repeated labels or of many distinct texts, sometimes past the reader's 4,096-row blocks — are written by
Python's csv module with comma, semicolon or tab, in UTF-8 (with or without BOM), UTF-16 or Windows' cp1252, and
must come back cell for cell: whole numbers as numbers, "NULL" as empty, every other text as written.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from xl_iku.readers.csv_source import BLOCK, read_csv, separator  # noqa: E402

#: letters each encoding can write; cp1252's are single bytes that never read as UTF-8 side by side (a cp1252 line
#: that happens to be valid UTF-8 is read as UTF-8: the reader decodes line by line, UTF-8 first)
LETTERS = {"utf-8": "abcXYZ 019,;\t\"'\n.:-éñÖ€ąŋ中", "utf-8-sig": "abc 19,;\t\"\n-é中", "utf-16": "aZ 7,;\t\"\n中é",
           "cp1252": "abcXYZ 019,;\t\"'\n.:-éñÖü"}


@st.composite
def tables(draw):
    encoding = draw(st.sampled_from(sorted(LETTERS)))
    text = st.text(alphabet=LETTERS[encoding], max_size=12).filter(lambda t: t.count("\n") <= 3)
    width = draw(st.integers(2, 6))
    header = draw(st.lists(text.filter(bool), min_size=width, max_size=width))
    kinds = draw(st.lists(st.sampled_from(["labels", "numbers", "texts"]), min_size=width, max_size=width))
    labels = draw(st.lists(text, min_size=1, max_size=4)) + ["NULL", "", "3"]
    count = draw(st.integers(1, 30))
    rows = []
    for _ in range(count):
        row = []
        for kind in kinds:
            if kind == "labels":
                row.append(draw(st.sampled_from(labels)))
            elif kind == "numbers":
                row.append(str(draw(st.integers(-10**10, 10**10))))
            else:
                row.append(draw(text))
        rows.append(row)
    if draw(st.booleans()):  # past the first block, with many distinct texts in the text columns
        rows = [[f"{cell}{n}" if kind == "texts" else cell for cell, kind in zip(row, kinds)]
                for n, row in enumerate((rows * (BLOCK // count + 2))[:BLOCK + draw(st.integers(1, 40))])]
    return encoding, draw(st.sampled_from([",", ";", "\t"])), [header] + rows


WHOLE = re.compile(r"-?[0-9]{1,9}")


def value(text: str):
    """What a cell is once read: a whole number (nine digits at most) as a number, as Excel opens it; NULL as
    empty; else the text."""
    return int(text) if WHOLE.fullmatch(text) else "" if text == "NULL" else text


@settings(max_examples=60)
@given(tables())
def test_a_csv_reads_back_as_written(tmp_path_factory, table):
    encoding, sep, rows = table
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "ekspor.csv"
    path.write_bytes(stream.getvalue().encode(encoding))
    assert list(read_csv(path)) == [[value(cell) for cell in row] for row in rows]


def test_a_semicolon_file_whose_questions_hold_commas():
    """The first case the property found: Excel set to Indonesian separates by ";" and quotes nothing, so the
    header's commas outnumbered its semicolons and the whole file was read as one column."""
    header = "Timestamp;" + ";".join(f"U{i}. Menurut Anda, bagaimana pelayanan, secara umum?" for i in range(1, 10))
    assert separator([header + "\r\n", "1/2/2025;" + ";".join("3" * 9) + "\r\n"]) == ";"
    assert separator(['"Menurut Anda; bagaimana";"B;C";D\r\n', "1,5;2;3\r\n", "2,5;1;4\r\n"]) == ";"
    assert separator(['"Anda; bagaimana; sekali",B\r\n', "1,2\r\n"]) == ","
