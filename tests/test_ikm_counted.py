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
    """`xl-iku ikm` on a clean survey never imports numpy (~0.1 s of its start), and gives the IKM numpy gives."""
    from skm_books import ikm_by_hand, survey_rows
    from test_hostile_input_3 import survey_file

    rows = survey_rows(seed=33, count=60)
    path = survey_file(tmp_path / "s.xlsx", rows)
    code = ("import runpy, sys; sys.argv = ['xl-iku', 'ikm', sys.argv[1], '--json']\n"
            "try:\n    runpy.run_module('xl_iku.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\nprint('numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    result, numpy_loaded = done.stdout.strip().splitlines()
    assert numpy_loaded == "False", done.stderr[-800:]
    assert json.loads(result)["ikm"] == pytest.approx(ikm_by_hand(rows)[0], abs=1e-9)
