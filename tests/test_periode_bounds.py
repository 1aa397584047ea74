"""`init --periode` and the Target columns of Data IKU: one planning period, within sane years (rules/rencana.py)."""

import pytest
from iku_books import office_book
from openpyxl import load_workbook

from xl_iku.cli import main
from xl_iku.rules.rencana import FIRST_YEAR, LAST_YEAR, MAX_TARGET_YEARS


@pytest.mark.parametrize("periode, fragment", [
    ("1000-9999", "tahun 1000 di luar rentang"),
    ("2025-2125", "tahun 2125 di luar rentang"),
    ("2025-2050", "terlalu panjang (26 tahun)"),
    ("2029-2025", "tidak dikenali"),
    ("2025", "tidak dikenali"),
])
def test_init_refuses_periods_no_plan_has(tmp_path, capsys, periode, fragment):
    path = tmp_path / "baru.xlsx"
    assert main(["init", str(path), "--periode", periode]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: ") and fragment in err
    if "tidak dikenali" not in fragment:  # says what is accepted
        assert f"{FIRST_YEAR}–{LAST_YEAR}" in err and f"paling banyak {MAX_TARGET_YEARS} tahun" in err
    assert not path.exists()


@pytest.mark.parametrize("periode", ["2025-2029", "2021-2026", "2025-2025"])
def test_init_accepts_planning_periods(tmp_path, periode):
    path = tmp_path / "baru.xlsx"
    assert main(["init", str(path), "--periode", periode]) == 0
    first, last = map(int, periode.split("-"))
    header = [c.value for c in load_workbook(path)["Data IKU"][1]]
    assert [h for h in header if h and h.startswith("Target ")] == [f"Target {y}" for y in range(first, last + 1)]


def test_data_iku_with_a_target_year_out_of_range_is_refused(tmp_path, capsys):
    path = tmp_path / "buku.xlsx"
    office_book(path)
    book = load_workbook(path)
    sheet = book["Data IKU"]
    for cell in sheet[1]:
        if cell.value == "Target 2029":
            cell.value = "Target 9999"
    book.save(path)
    before = path.read_bytes()
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Sheet 'Data IKU', baris 1 (kolom Target): tahun 9999 di luar rentang" in err
    assert path.read_bytes() == before
