"""The IKM counted without numpy (`rules.ikm.ikm_summary_counted`, what `xl-iku ikm` uses when numpy is not loaded)
gives exactly `ikm_summary`'s result, or declines (None) and leaves the cell-by-cell checks to numpy's path: a bool
is never an answer 1, NaN never a blank, 0/5/2.5/"3" never counted."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from xl_iku.errors import InputError
from xl_iku.rules.ikm import ikm_summary, ikm_summary_counted


def drawn(seed: int) -> list:
    rng = random.Random(seed)
    width = rng.randint(1, 11)
    rows = [[rng.choice([1, 2, 3, 4, 1.0, 2.0, 3.0, 4.0, None]) for _ in range(width)] for _ in range(rng.randint(1, 60))]
    if rng.random() < 0.3:
        rows.append([None] * width)  # a row without answers is no respondent
    return [tuple(row) if rng.random() < 0.5 else row for row in rows]


@pytest.mark.parametrize("seed", range(40))
def test_counting_gives_the_same_result(seed):
    rows = drawn(seed)
    try:
        expected = ikm_summary([list(r) for r in rows])
    except InputError:  # an unsur without answers: the careful path says which, counting declines
        assert ikm_summary_counted(rows) is None
        return
    assert ikm_summary_counted(rows) == expected
    codes = [f"U{i}" for i in range(1, len(rows[0]) + 1)]
    assert ikm_summary_counted(rows, "0,111" if len(codes) == 9 else None, names=codes, codes=codes) == \
        ikm_summary([list(r) for r in rows], "0,111" if len(codes) == 9 else None, names=codes, codes=codes)


@pytest.mark.parametrize("cell", [True, False, float("nan"), 0, 5, 2.5, "3", -1.0, 1.0000001],
                         ids=["true", "false", "nan", "zero", "five", "half", "text", "negative", "almost-one"])
def test_anything_but_an_answer_or_a_blank_declines(cell):
    rows = [[1.0, 2.0, 3.0], [4.0, cell, None]]
    assert ikm_summary_counted(rows) is None


@pytest.mark.parametrize("rows", [[], [[]], [[1.0, 2.0], [3.0]], [1.0, 2.0], "1234", [[1.0], "1"]],
                         ids=["empty", "no-columns", "ragged", "one-level", "text", "a-text-row"])
def test_shapes_it_does_not_count_decline(rows):
    assert ikm_summary_counted(rows) is None


def test_names_of_another_length_decline():
    assert ikm_summary_counted([[1.0, 2.0]], names=["A", "B", "C"]) is None


def test_ikm_command_counts_without_importing_numpy(tmp_path):
    """`xl-iku ikm` on a clean survey never imports numpy (~0.1 s of its start) nor the IKU plan's modules (~7 ms),
    and gives the IKM numpy gives."""
    from skm_books import ikm_by_hand, survey_rows
    from test_hostile_input_3 import survey_file

    rows = survey_rows(seed=33, count=60)
    path = survey_file(tmp_path / "s.xlsx", rows)
    code = ("import runpy, sys; sys.argv = ['xl-iku', 'ikm', sys.argv[1], '--json']\n"
            "try:\n    runpy.run_module('xl_iku.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\nprint('numpy' in sys.modules)\n"
            "print(sorted(m for m in ('xl_iku.model.plan', 'xl_iku.rules.rencana') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    result, numpy_loaded, unneeded = done.stdout.strip().splitlines()
    assert numpy_loaded == "False", done.stderr[-800:]
    assert unneeded == "[]"  # the IKU plan's types and the plan years: imported on first use, not by `ikm`
    assert json.loads(result)["ikm"] == pytest.approx(ikm_by_hand(rows)[0], abs=1e-9)


# -- the counted path against numpy's, on any cells (hypothesis) ------------------------------------------------------

from decimal import Decimal  # noqa: E402
from fractions import Fraction  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ANSWER = st.sampled_from([1, 2, 3, 4, 1.0, 2.0, 3.0, 4.0, None, None])
_ODD = st.one_of(
    st.sampled_from([True, False, 0, 5, 0.0, -1, 2.5, 1.0000001, 0.9999999, float("nan"), float("inf"), "", "3",
                     "1", "nan", Decimal(2), Decimal(1), Fraction(3), Fraction(7, 2)]),
    st.floats(allow_nan=True), st.integers(-3, 8), st.text(max_size=3), st.booleans())


@st.composite
def surveys(draw):
    """Rows of answers (1–4 as int or float, blanks), lists or tuples, and sometimes a cell that is not one."""
    width = draw(st.integers(1, 10))
    rows = draw(st.lists(st.lists(_ANSWER, min_size=width, max_size=width), min_size=1, max_size=40))
    if draw(st.booleans()):
        i, j = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, width - 1))
        rows[i][j] = draw(_ODD)
    return [tuple(r) if draw(st.booleans()) else r for r in rows]


def _careful(rows):
    """numpy's path (what `ikm_summary` does once numpy is loaded): the result, or the error it raises."""
    try:
        return ikm_summary([list(r) for r in rows])
    except InputError as error:
        return error


@settings(max_examples=300)  # fast: more than the suite's default 5
@given(surveys())
def test_counted_is_numpys_result_or_declines(rows):
    """Whatever the cells, counting gives numpy's result exactly, or declines where numpy finds an error (a bool, a
    NaN, text, 0, 5, 2.5, an unsur without answers): never a number numpy would not give. A TRUE among the answers
    (it reads 1) is the case the type check on the cells that read 1 is there for."""
    counted = ikm_summary_counted(rows)
    careful = _careful(rows)
    if counted is None:
        cells = [c for r in rows for c in r]
        assert isinstance(careful, InputError) or any(type(c) not in (int, float, type(None)) for c in cells)
    else:
        assert not isinstance(careful, InputError), careful
        assert counted == careful


@settings(max_examples=100)
@given(surveys(), st.sampled_from([True, False]))
def test_a_logical_value_is_never_counted(rows, value):
    """TRUE reads 1 and FALSE 0 by equality: counted, either would change the IKM without a word."""
    rows = [list(r) for r in rows]
    rows[len(rows) // 2][0] = value
    assert ikm_summary_counted(rows) is None
    assert isinstance(_careful(rows), InputError)


def test_a_true_among_many_ones_is_found():
    """The type check looks only at the cells whose byte is 1: a TRUE hidden among 10,000 ones (float and int) and
    other answers is one of them."""
    rows = [[1.0, 2, 3.0, 4], [1, 1.0, None, 4.0]] * 5000
    assert ikm_summary_counted(rows) == ikm_summary(rows)
    rows[7777] = [1.0, 2, True, 4]
    assert ikm_summary_counted(rows) is None
    import numpy as np

    rows[7777] = [1.0, 2, np.True_, 4]  # numpy's True_ reads 1 too, and is no int or float
    assert ikm_summary_counted(rows) is None
    rows[7777] = [1.0, 2, np.float64(3.0), 4]  # a number equal to 3 is the answer 3, as numpy's path reads it
    assert ikm_summary_counted(rows) == ikm_summary(rows)


@pytest.mark.parametrize("width", [1, 2, 9])
def test_blank_rows_are_the_rows_of_blanks_only(width):
    """Respondents are the rows holding any answer: the rows of zero bytes that start a row, never a run of blanks
    across two rows (the end of one respondent's row and the start of the next)."""
    from xl_iku.rules.ikm import zero_rows

    rng = random.Random(width)
    rows = [[rng.choice([0, 0, 0, 1, 4]) for _ in range(width)] for _ in range(500)]
    flat = bytes(b for row in rows for b in row)
    assert zero_rows(flat, width) == [i for i, row in enumerate(rows) if not any(row)]
