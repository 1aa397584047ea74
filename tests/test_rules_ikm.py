"""IKM rules (domain_rules.md §1): computed against an independent per-unsur mean, boundaries, every bad input."""

import math
import random

import numpy as np
import pytest

import xl_iku
import xl_iku.rules.ikm
from xl_iku import InputError, ikm_category, ikm_counts, ikm_nrr, ikm_score, ikm_summary


def independent_ikm(rows, weight=None):
    """Straight from the regulation text, by hand: per unsur sum/count of the answers given."""
    columns = list(zip(*rows))
    nrr = []
    for col in columns:
        given = [v for v in col if v is not None]
        nrr.append(sum(given) / len(given))
    w = weight if weight is not None else 1 / len(columns)
    return sum(v * w for v in nrr) * 25, nrr


def responses_with_means(means, n=1000):
    """Rows whose column means are exactly `means` (means given to 3 decimals with n=1000)."""
    cols = []
    for m in means:
        total = round(m * n)
        base, extra = divmod(total, n)  # `extra` answers of base+1, the rest base
        cols.append([base + 1] * extra + [base] * (n - extra))
    return [list(r) for r in zip(*cols)]


def test_blank_is_not_answered_per_unsur():
    rows = [[4, 3, None], [3, None, 2], [None, 3, 2], [4, 4, 1]]
    assert ikm_counts(rows) == [3, 3, 3]
    assert ikm_nrr(rows) == pytest.approx([11 / 3, 10 / 3, 5 / 3])
    assert ikm_score(rows) == pytest.approx((11 / 3 + 10 / 3 + 5 / 3) / 3 * 25)
    # blanks as empty strings and NaN are the same as None
    assert ikm_score([[4, 3, ""], [3, "  ", 2], [math.nan, 3, 2], [4, 4, 1]]) == pytest.approx(ikm_score(rows))


def test_mean_of_all_answers_is_not_the_ikm():
    rows = [[4, 1], [4, None], [4, None]]
    assert ikm_score(rows) == pytest.approx((4 + 1) / 2 * 25)
    assert ikm_score(rows) != pytest.approx(np.nanmean(np.array(rows, dtype=float)) * 25)


@pytest.mark.parametrize("seed", range(5))
def test_random_surveys_match_independent_computation(seed):
    rng = random.Random(seed)
    rows = [[rng.choice([1, 2, 3, 4, 4, 3, None]) for _ in range(9)] for _ in range(rng.randint(30, 400))]
    for col in range(9):
        rows[0][col] = rng.choice([1, 2, 3, 4])
    expected, nrr = independent_ikm(rows)
    assert ikm_score(rows) == pytest.approx(expected, rel=1e-12)
    assert ikm_nrr(rows) == pytest.approx(nrr, rel=1e-12)
    assert ikm_score(np.array(rows, dtype=float)) == pytest.approx(expected, rel=1e-12)
    assert ikm_score([[float(v) if v is not None else None for v in r] for r in rows]) == pytest.approx(expected)


# Report-style worked examples (NRR per unsur to 3 decimals, IKM as printed to 2 decimals), worked by hand:
# 9 unsur exact 1/9: Σ NRR 28,663 / 9 × 25 = 79,6194 → 79,62; the same with the rounded 0,111 gives 79,5398 →
# 79,54 (why legacy reports differ); 0,11 on all-3 answers gives 74,25; 14 unsur with KEP/25/2004's 0,071:
# Σ NRR 43,98 × 0,071 × 25 = 78,0645 → 78,06.
WORKED = [
    ((3.211, 3.105, 2.987, 3.562, 3.201, 3.244, 3.398, 2.901, 3.054), None, 79.62),
    ((3.211, 3.105, 2.987, 3.562, 3.201, 3.244, 3.398, 2.901, 3.054), 0.111, 79.54),
    ((3.000, 3.000, 3.000, 3.000, 3.000, 3.000, 3.000, 3.000, 3.000), 0.11, 74.25),
    ((3.12, 3.05, 2.98, 3.10, 3.21, 3.33, 3.27, 3.30, 3.18, 3.09, 3.24, 3.01, 2.95, 3.15), 0.071, 78.06),
]


@pytest.mark.parametrize("means, weight, printed", WORKED)
def test_reproduces_reports_to_two_decimals(means, weight, printed):
    rows = responses_with_means(means)
    assert ikm_nrr(rows) == pytest.approx(means, abs=1e-9)
    expected = sum(means) * (weight if weight else 1 / len(means)) * 25
    assert xl_iku.round_half_up(expected) == printed  # the table itself is consistent
    assert xl_iku.round_half_up(ikm_score(rows, weight=weight)) == printed


def test_weight_accepts_indonesian_text_and_rejects_nonsense():
    rows = responses_with_means([3.0] * 9, n=10)
    assert ikm_score(rows, weight="0,111") == pytest.approx(27 * 0.111 * 25)
    for bad in (0, -0.1, 1.5, "x"):
        with pytest.raises(InputError, match="[Bb]obot"):
            ikm_score(rows, weight=bad)
    with pytest.raises(InputError, match="mendekati 1"):
        ikm_score(rows, weight=0.071)  # a 14-unsur weight on a 9-unsur survey


@pytest.mark.parametrize(
    "score, code, label",
    [
        (100, "A", "Sangat baik"), (88.31, "A", "Sangat baik"), (88.305, "A", "Sangat baik"),
        (88.30, "B", "Baik"), (88.3049, "B", "Baik"), (76.61, "B", "Baik"), (76.605, "B", "Baik"),
        (76.60, "C", "Kurang baik"), (76.6049, "C", "Kurang baik"), (65.00, "C", "Kurang baik"),
        (64.995, "C", "Kurang baik"), (64.99, "D", "Tidak baik"), (64.9949, "D", "Tidak baik"),
        (25, "D", "Tidak baik"), ("88,31", "A", "Sangat baik"),
    ],
)
def test_mutu_boundaries(score, code, label):
    category = ikm_category(score)
    assert (category.code, category.label) == (code, label)


@pytest.mark.parametrize(
    "score, code",
    [(81.26, "A"), (81.25, "B"), (81.255, "A"), (62.51, "B"), (62.50, "C"), (43.76, "C"), (43.75, "D"), (25, "D")],
)
def test_legacy_kep25_table(score, code):
    assert ikm_category(score, table="kep25/2004").code == code
    assert ikm_category(score, table=xl_iku.MUTU_KEP25_2004).code == code


def test_float_noise_does_not_move_a_boundary():
    # 0.1 + 0.2 style noise: 88.305 computed as 88.30499999999999 is still 88.31
    assert ikm_category(88.30499999999999).code == "A"


@pytest.mark.parametrize("score", [24.99, 100.01, -1, float("nan"), float("inf"), "abc", None, True])
def test_category_rejects_out_of_range(score):
    with pytest.raises(InputError):
        ikm_category(score)


@pytest.mark.parametrize(
    "cell, pattern",
    [
        (0, "jawaban 0 di luar skala 1–4"),
        (5, "jawaban 5 di luar skala 1–4"),
        (2.5, "jawaban 2,5 bukan bilangan bulat"),
        (0.5, "jawaban 0,5 bukan bilangan bulat"),
        # a formula's float noise is shown digit for digit, never rounded back to the whole number it is not
        (2.0000000001, "jawaban 2,0000000001 bukan bilangan bulat"),
        (3.9999999999999996, "jawaban 3,9999999999999996 bukan bilangan bulat"),
        ("2.0000000001", "jawaban 2,0000000001 bukan bilangan bulat"),
        ("x", "teks 'x' bukan jawaban"),
        ("2,5", "jawaban 2,5 bukan bilangan bulat"),  # the decimal comma read as the point is
        (True, "nilai logika TRUE bukan jawaban"),
        (False, "nilai logika FALSE bukan jawaban"),
        (float("inf"), "bukan angka yang sah"),
        ("#N/A", "nilai galat Excel #N/A bukan jawaban"),
        ("nan", "teks 'nan' bukan jawaban"),  # numpy would read it as a blank
        (" inf ", "bukan angka yang sah"),
    ],
)
def test_bad_answers_name_row_column_and_unsur(cell, pattern):
    rows = [[3] * 9 for _ in range(4)]
    rows[2][7] = cell
    with pytest.raises(InputError) as info:
        ikm_score(rows)
    message = str(info.value)
    assert "Baris 3, kolom 8 (U8 Penanganan Pengaduan, Saran dan Masukan)" in message
    assert pattern in message
    assert (info.value.row, info.value.column) == (3, 8)
    assert isinstance(info.value, ValueError)


def test_text_answers_that_are_valid_are_accepted():
    assert ikm_score([["3", " 4 "], [2, "1"]]) == pytest.approx(ikm_score([[3, 4], [2, 1]]))
    # the decimal comma of a sheet set to Indonesian, as the decimal point is
    assert ikm_score([["3,0", " 4,00 "], ["2.0", "1,0"]]) == pytest.approx(ikm_score([[3, 4], [2, 1]]))


@pytest.mark.parametrize("text", ["2,5", "3,0,0", "1.000,0"])
def test_text_with_a_decimal_comma_that_is_no_whole_answer_is_refused(text):
    with pytest.raises(InputError, match="bukan bilangan bulat|bukan jawaban yang dikenal"):
        ikm_score([[3, text], [2, 1]])


def test_date_is_rejected():
    import datetime

    with pytest.raises(InputError, match="tanggal"):
        ikm_score([[3, datetime.date(2025, 1, 3)]])


def test_unsur_without_answers_is_an_error():
    with pytest.raises(InputError, match=r"Kolom 2 \(U2 .*\): tidak berisi satu jawaban pun"):
        ikm_score([[3, None, 4] + [3] * 6, [4, "", 4] + [3] * 6])


@pytest.mark.parametrize("empty", [[], [[]], np.empty((0, 9))])
def test_empty_range_is_an_error(empty):
    with pytest.raises(InputError, match="kosong"):
        ikm_score(empty)


def test_ragged_rows_are_an_error():
    with pytest.raises(InputError, match="Baris 2 berisi 2 kolom"):
        ikm_score([[3, 3, 3], [3, 3]])


def test_summary_counts_respondents_and_ranks_weakest():
    rows = [[4, 2, 3], [4, 1, 3], [None, None, None], [3, None, 2]]
    result = ikm_summary(rows, names=["Satu", "Dua", "Tiga"], codes=["U1", "U2", "U3"])
    assert result.responden == 3
    assert [u.kode for u in result.weakest()] == ["U2", "U3", "U1"]
    assert [u.n for u in result.unsur] == [3, 2, 3]
    assert result.ikm == pytest.approx(ikm_score(rows))
    assert sum(u.nrr_tertimbang for u in result.unsur) * 25 == pytest.approx(result.ikm)
    assert result.category == ikm_category(result.ikm)


def test_by_group_equals_each_group_computed_alone():
    rng = random.Random(9)
    rows = [[rng.choice([1, 2, 3, 4, None]) for _ in range(9)] for _ in range(300)]
    for col in range(9):
        rows[0][col] = rows[1][col] = 3
    groups = ["A" if i % 3 else "B" for i in range(300)]
    groups[0], groups[1] = "A", "B"
    rows.append([None] * 9)  # a blank-only group: no respondent, not listed
    groups.append("kosong")
    results = xl_iku.rules.ikm.ikm_by_group(rows, groups)
    assert set(results) == {"A", "B"}
    for key in ("A", "B"):
        alone = ikm_summary([r for r, g in zip(rows, groups) if g == key])
        assert results[key].ikm == pytest.approx(alone.ikm, rel=1e-12)
        assert results[key].responden == alone.responden
        assert [u.n for u in results[key].unsur] == [u.n for u in alone.unsur]


def test_by_group_reports_a_group_with_an_unanswered_unsur():
    rows = [[3, 4], [4, None], [2, 3]]
    results = xl_iku.rules.ikm.ikm_by_group(rows, ["x", "y", "x"], names=["Satu", "Dua"], codes=["U1", "U2"])
    assert results["x"].ikm == pytest.approx((2.5 + 3.5) / 2 * 25)
    assert isinstance(results["y"], InputError) and "U2 Dua tidak berisi satu jawaban pun" in str(results["y"])


def test_pooled_totals_are_not_an_average_of_averages():
    a = [[4, 4], [4, 4]]
    b = [[1, 2], [2, 1], [1, 1], [2, 2]]
    sa, sb = ikm_summary(a), ikm_summary(b)
    pooled = xl_iku.rules.ikm.ikm_from_totals(
        [x.nrr * x.n + y.nrr * y.n for x, y in zip(sa.unsur, sb.unsur)],
        [x.n + y.n for x, y in zip(sa.unsur, sb.unsur)], 6, ["Satu", "Dua"], ["U1", "U2"])
    assert pooled.ikm == pytest.approx(ikm_score(a + b))
    assert pooled.ikm != pytest.approx((sa.ikm + sb.ikm) / 2)
