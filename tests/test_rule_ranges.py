"""A baseline, target or typed realisasi of an indicator whose realisasi comes by rule (SKM → IKM, AKIP → Nilai
AKIP) outside what that rule can produce is noted at its cell (855 typed for 85,5 was only 'turun dari target
2026'); inside the range, and for indicators of no rule, nothing is said about range."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_iku.model import IkuPlan
from xl_iku.model.checks import consistency_warnings
from xl_iku.model.plan import Indikator, Instansi

YEARS = (2025, 2026, 2027)
COLUMNS = {"indikator": 6, "kondisi awal 2024": 9, "target 2025": 10, "target 2026": 11, "target 2027": 12,
           "realisasi 2025": 16, "realisasi 2026": 17, "realisasi 2027": 18}
LETTERS = {9: "I", 10: "J", 11: "K", 12: "L", 16: "P", 17: "Q", 18: "R"}
RANGES = {"SKM": ("IKM", 25, 100), "AKIP": ("Nilai AKIP", 0, 100), "": (None, None, None)}

values = st.one_of(st.none(), st.floats(-50, 1200, allow_nan=False).map(lambda v: round(v, 2)),
                   st.sampled_from([0, 25, 24.99, 100, 100.01, 855, 8.5]))


def plan(sumber, kondisi_awal, targets, realisasi):
    ind = Indikator(row=3, kode_tujuan="T1", tujuan="T", kode_sasaran="S1", sasaran="S", kode="I1", nama="Ukuran",
                    kondisi_awal=kondisi_awal, target=dict(zip(YEARS, targets)),
                    realisasi=dict(zip(YEARS, realisasi)), sumber_realisasi=sumber, definisi="d", penjelasan="p")
    return IkuPlan(Instansi("Kantor", "Kabupaten", "2025–2027"), 2024, YEARS, (ind,))


@settings(max_examples=60, deadline=None)
@given(sumber=st.sampled_from(sorted(RANGES)), kondisi_awal=values, targets=st.lists(values, min_size=3, max_size=3),
       realisasi=st.lists(values, min_size=3, max_size=3))
def test_values_outside_the_rule_range_are_noted_at_their_cell(sumber, kondisi_awal, targets, realisasi):
    what, low, high = RANGES[sumber]
    notes = [n for n in consistency_warnings(plan(sumber, kondisi_awal, targets, realisasi), COLUMNS)
             if "di luar rentang" in n.pesan]
    cells = [(9, kondisi_awal)] + list(zip((10, 11, 12), targets)) + list(zip((16, 17, 18), realisasi))
    expected = [f"{LETTERS[c]}3" for c, v in cells if what and v is not None and not low <= v <= high]
    assert sorted(n.cell for n in notes) == sorted(expected)
    for n in notes:
        assert f"di luar rentang {what} {low}–{high} (realisasinya dari {sumber})" in n.pesan


@pytest.mark.parametrize("sumber, value, fragment", [
    ("SKM", 855, "Target 2026 (855,00) untuk Indikator 'Ukuran' (I1) di luar rentang IKM 25–100"),
    ("AKIP", 750, "Target 2026 (750,00) untuk Indikator 'Ukuran' (I1) di luar rentang Nilai AKIP 0–100"),
])
def test_the_note_names_value_indicator_and_range(sumber, value, fragment):
    notes = consistency_warnings(plan(sumber, 80, [80, value, 81], [None] * 3), COLUMNS)
    assert [n.cell for n in notes if fragment in n.pesan] == ["K3"]
