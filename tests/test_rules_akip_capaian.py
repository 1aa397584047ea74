"""Nilai AKIP (domain_rules.md §2) and capaian (§3)."""

import pytest

from xl_iku import (
    InputError,
    IntervalTable,
    akip_category,
    akip_lke_points,
    akip_points_total,
    akip_score,
    capaian,
    capaian_rating,
)


def test_akip_score_is_the_offices_formula():
    assert akip_score(80, 70, 60, 50) == pytest.approx(0.30 * 80 + 0.30 * 70 + 0.15 * 60 + 0.25 * 50)
    assert akip_score(80, 80, 80, 80) == 80.0  # exactly: 0,15 × 80 must not become 12,000000000000002
    assert akip_score("75,5", 70, 60, 50) == pytest.approx(0.30 * 75.5 + 21 + 9 + 12.5)


def test_points_are_summed_not_weighted_again():
    # an LHE printing 24,5 · 20,1 · 9,75 · 15,2 has Nilai AKIP 69,55
    assert akip_points_total(24.5, 20.1, 9.75, 15.2) == pytest.approx(69.55)
    # the same evaluation as component scores gives the same total
    assert akip_score(24.5 / 0.30, 20.1 / 0.30, 9.75 / 0.15, 15.2 / 0.25) == pytest.approx(69.55)


@pytest.mark.parametrize("values, part", [
    ((31, 20, 10, 20), "Perencanaan"), ((20, 20, 15.5, 20), "Pelaporan"), ((20, 20, 10, 26), "Evaluasi"),
])
def test_points_above_component_maximum_are_rejected(values, part):
    with pytest.raises(InputError, match=part):
        akip_points_total(*values)


def test_lke_subcomponents():
    assert akip_lke_points("pelaporan", 3, 4.5, 7.5) == 15
    with pytest.raises(InputError, match="kualitas"):
        akip_lke_points("perencanaan", 6, 9.5, 15)


@pytest.mark.parametrize("bad", [-0.1, 100.1, "x", None, True, float("nan"), float("inf")])
def test_akip_score_rejects_bad_components(bad):
    with pytest.raises(InputError, match="Perencanaan"):
        akip_score(bad, 70, 70, 70)


@pytest.mark.parametrize("value, code, label", [
    (100, "AA", "Sangat Memuaskan"), (90.01, "AA", "Sangat Memuaskan"), (90, "A", "Memuaskan"),
    (80.01, "A", "Memuaskan"), (80, "BB", "Sangat Baik"), (70.01, "BB", "Sangat Baik"), (70, "B", "Baik"),
    (60.01, "B", "Baik"), (60, "CC", "Cukup"), (50.01, "CC", "Cukup"), (50, "C", "Kurang"),
    (30.01, "C", "Kurang"), (30, "D", "Sangat Kurang"), (0, "D", "Sangat Kurang"), ("75,5", "BB", "Sangat Baik"),
])
def test_official_predikat_boundaries(value, code, label):
    category = akip_category(value)
    assert (category.code, category.label) == (code, label)


def test_boundary_survives_float_noise_of_the_formula():
    assert akip_category(akip_score(80, 80, 80, 80)).code == "BB"
    assert akip_category(80.00000000000001).code == "BB"


@pytest.mark.parametrize("bad", [-0.01, 100.01, "abc", None])
def test_predikat_rejects_out_of_range(bad):
    with pytest.raises(InputError, match="Nilai AKIP"):
        akip_category(bad)


OFFICE_TEXT = [  # the office's printed table: closed both ends, with gaps
    [90, 100, "AA", "Sangat memuaskan"], [81, 89, "A", "Memuaskan"], [70, 79, "BB", "Sangat Baik"],
    [60, 69, "B", "Baik"], [50, 59, "CC", "Cukup"], [40, 49, "C", "Kurang"], [1, 30, "D", "Sangat Kurang"],
]


def test_user_interval_table():
    assert akip_category(70, OFFICE_TEXT).code == "BB"  # officially B; the office's text says BB
    assert akip_category(90, OFFICE_TEXT).code == "AA"
    assert akip_category(75, IntervalTable.from_rows(OFFICE_TEXT)).label == "Sangat Baik"
    for gap in (79.5, 35, 0.5):
        with pytest.raises(InputError, match="celah|di luar"):
            akip_category(gap, OFFICE_TEXT)


def test_user_interval_table_errors():
    with pytest.raises(InputError, match="^Baris 1, kolom 1: batas bawah 60,00 lebih besar"):
        akip_category(50, [[60, 50, "X", "salah"]])
    with pytest.raises(InputError, match="kosong"):
        akip_category(50, [[None, None, None, None]])


@pytest.mark.parametrize("target, realisasi, polaritas, expected", [
    (80, 88, "positif", 110.0), (80, 60, "positif", 75.0), (10, 8, "negatif", 120.0), (10, 12, "negatif", 80.0),
    ("71,2", "71,2", None, 100.0), (10, 8, " Negatif ", 120.0), (10, 8, "", 80.0),
])
def test_capaian(target, realisasi, polaritas, expected):
    assert capaian(target, realisasi, polaritas) == pytest.approx(expected)


def test_capaian_cap():
    assert capaian(80, 120, cap=120) == 120
    assert capaian(80, 40, cap="120") == 50


@pytest.mark.parametrize("target, realisasi, polaritas, pattern", [
    (0, 5, "positif", "Target bernilai 0"), (10, None, "positif", "Realisasi"), (10, "n/a", "positif", "Realisasi"),
    (float("nan"), 5, "positif", "Target"), (10, float("inf"), "positif", "Realisasi"), (10, 5, "naik", "Polaritas"),
    ("1.234", 5, "positif", "ambigu"),
])
def test_capaian_errors(target, realisasi, polaritas, pattern):
    with pytest.raises(InputError, match=pattern):
        capaian(target, realisasi, polaritas)


@pytest.mark.parametrize("value, rating", [
    (120, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90, "Tinggi"), (76, "Tinggi"), (75, "Sedang"), (66, "Sedang"),
    (65, "Rendah"), (51, "Rendah"), (50, "Sangat Rendah"), (-10, "Sangat Rendah"),
])
def test_capaian_rating_scale(value, rating):
    assert capaian_rating(value).code == rating
