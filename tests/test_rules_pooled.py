"""Pooled IKM, written once in rules/ (`xl-iku skm`'s combined figure and the roll-up's kabupaten IKM): the same
number as the IKM of all respondents' answers together, never the average of the surveys' IKM."""

import numpy as np
import pytest

from xl_iku.rules.ikm import UNSUR_14_2017, ikm_pooled, ikm_summary

CODES = [c for c, _ in UNSUR_14_2017]
NAMES = [n for _, n in UNSUR_14_2017]


def _totals(rows):
    matrix = np.array(rows, dtype=float)
    given = ~np.isnan(matrix)
    return np.nansum(matrix, axis=0).tolist(), given.sum(axis=0).tolist(), int(given.any(axis=1).sum())


def test_pooled_is_the_ikm_of_all_answers_together():
    rng = np.random.default_rng(19)
    small = rng.integers(1, 5, size=(7, 9)).astype(float).tolist()
    large = rng.integers(3, 5, size=(200, 9)).astype(float).tolist()
    large[3][2] = float("nan")  # an unanswered question counts in no unsur's mean
    pooled = ikm_pooled([_totals(small), _totals(large)], NAMES, CODES)
    together = ikm_summary(small + [[None if v != v else v for v in row] for row in large], names=NAMES,
                           codes=CODES)
    assert pooled.ikm == pytest.approx(together.ikm) and pooled.responden == 207
    assert [u.n for u in pooled.unsur] == [u.n for u in together.unsur]
    large_alone = ikm_summary([[None if v != v else v for v in row] for row in large], names=NAMES, codes=CODES)
    averaged = (ikm_summary(small, names=NAMES, codes=CODES).ikm + large_alone.ikm) / 2
    assert pooled.ikm != pytest.approx(averaged)  # the small survey does not weigh as much as the large one
