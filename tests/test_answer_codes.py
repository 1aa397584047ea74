"""The survey reader's answer bytes (`readers.skm._answers`: one byte per answer cell of calamine's rectangle,
made once) against the row-by-row path they replace: the rows holding a blank, the rows without any answer (where
a row of sums or averages may stand), and the IKM counted from them (`model.survey.survey_summary`) must be the
same as without them, on any cells — blanks, answers as floats or ints, text, bools, NaN, sums, summary labels."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_iku.errors import InputError
from xl_iku.model.survey import survey_summary
from xl_iku.readers import skm
from xl_iku.rules.ikm import ikm_summary

CODES = [f"U{i}" for i in range(1, 10)]
_ANSWER = st.sampled_from([1.0, 2.0, 3.0, 4.0, 1, 2, 3, 4, "", ""])
_ODD = st.sampled_from([True, False, float("nan"), 0.0, 5.0, 2.5, 12.0, 3.25, "3", "x", "#N/A", None, -1.0])


@st.composite
def sheets(draw):
    """A Data SKM sheet as calamine gives it: a header, respondents (blanks ""), sometimes an odd cell, fully blank
    rows, blanks that run across rows, and a summary block (a label row, a row of sums or averages) below."""
    count = draw(st.integers(1, 60))
    body = []
    for n in range(count):
        answers = draw(st.lists(_ANSWER, min_size=9, max_size=9))
        if draw(st.integers(0, 9)) == 0:
            answers = [""] * 9
        elif draw(st.integers(0, 5)) == 0:  # blanks at the end of one row and the start of the next
            cut = draw(st.integers(1, 8))
            answers = answers[:cut] + [""] * (9 - cut)
            if body:
                body[-1][2 + 9 - cut:] = [""] * cut
        body.append([f"{n % 28 + 1:02d}/05/2025", draw(st.sampled_from(["KTP", "Akta", ""]))] + answers)
    for _ in range(draw(st.integers(0, 3))):
        i, j = draw(st.integers(0, count - 1)), draw(st.integers(2, 10))
        body[i][j] = draw(_ODD)
    tail = draw(st.sampled_from(["none", "label", "sums", "averages", "label+sums"]))
    if "label" in tail:
        body.append(["Jumlah nilai per unsur", ""] + [""] * 9)
    if "sums" in tail:
        body.append(["", ""] + [float(300 + j) for j in range(9)])
    if tail == "averages":
        body.append(["", ""] + [3.25 + j / 100 for j in range(9)])
    return [["Tanggal", "Jenis Layanan", *CODES]] + body


def _read(values, monkeypatch, with_codes: bool):
    """(rows, left_out, first summary, IKM or error) of one reading, with or without the answer bytes."""
    with monkeypatch.context() as patch:
        if not with_codes:
            patch.setattr(skm, "_answer_codes", lambda out: None)
        try:
            table = skm.survey_from_rows("Data SKM", values)
        except InputError as error:
            return ("error", str(error))
        assert (table.answer_codes is not None) == with_codes
        try:
            result = survey_summary(table)
        except InputError as error:
            result = str(error)
        return table.rows, table.left_out, result


def _same(a, b) -> bool:
    """Equal, NaN equal to NaN (a NaN cell is kept as it is in the rows)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@settings(max_examples=200)  # ~0.01 s each: more than the suite's default 5
@given(sheets())
def test_answer_bytes_read_as_the_rows_do(values):
    monkeypatch = pytest.MonkeyPatch()
    try:
        fast = _read(values, monkeypatch, True)
        slow = _read(values, monkeypatch, False)
    finally:
        monkeypatch.undo()
    assert _same(fast, slow)
    if len(fast) == 3 and not isinstance(fast[2], str):  # counted: numpy's path gives the same IKM
        assert fast[2] == ikm_summary([list(r) for r in fast[0]])


def test_the_bytes_follow_the_rows_kept():
    """Two respondents, a summary label and a row of sums below: the bytes are the respondents' (2 × 9) and say
    which cells are blank; the IKM counted from them is numpy's on the same rows."""
    values = [["Tanggal", "Layanan", *CODES],
              ["01/05/2025", "KTP", 4.0, "", 3.0, 3.0, 2.0, 1.0, 4.0, 4.0, ""],
              ["02/05/2025", "KTP", "", 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 4.0, 3.0],
              ["Jumlah", "", "", "", "", "", "", "", "", "", ""],
              ["", "", 8.0, 6.0, 9.0, 7.0, 8.0, 7.0, 8.0, 8.0, 6.0]]
    table = skm.survey_from_rows("Data SKM", values)
    assert table.answer_codes == bytes([4, 0, 3, 3, 2, 1, 4, 4, 0, 0, 2, 3, 1, 2, 3, 4, 4, 3])
    assert table.rows[0] == (4.0, None, 3.0, 3.0, 2.0, 1.0, 4.0, 4.0, None)
    assert len(table.left_out) == 2
    assert survey_summary(table) == ikm_summary([list(r) for r in table.rows])


@pytest.mark.parametrize("width", [1, 3, 9])
def test_rows_without_answer_and_rows_with_a_blank(width):
    """The two searches over the bytes against the row-by-row tests they replace, runs across rows included."""
    import random

    rng = random.Random(width)
    rows = [tuple(rng.choice([0, 0, 1, 2, 3, 4, 255]) for _ in range(width)) for _ in range(400)]
    codes = bytes(b for row in rows for b in row)
    assert skm._rows_without_answer(codes, width) == [i for i, r in enumerate(rows) if not set(r) & {1, 2, 3, 4}]
    assert skm._rows_with(codes, 0, width) == [i for i, r in enumerate(rows) if 0 in r]
