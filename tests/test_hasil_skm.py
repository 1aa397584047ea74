"""Hasil SKM: formulas evaluated by a formula engine with the xl-iku functions agree with the rules and with a
computation by hand; breakdowns and periods on survey data the product never saw; LibreOffice shows no error."""

import random

import openpyxl
import pytest
from iku_books import office_book
from pycel import ExcelCompiler
from skm_books import LAYANAN, ikm_by_hand, semester, survey_rows, write_survey

from xl_iku import UNSUR_14_2017, ikm_category, ikm_score
from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
CODES = [c for c, _ in UNSUR_14_2017]
PROFILE = ["Tanggal", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]


def labelled(ws, column=1):
    """label text → row, for the summary block of Hasil SKM."""
    return {ws.cell(r, column).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, column).value}


def section(ws, title):
    """Rows of a breakdown section: label → (responden, ikm, mutu)."""
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == title) + 2
    out = {}
    for r in range(start, ws.max_row + 1):
        if not isinstance(ws.cell(r, 1).value, int):
            break
        out[ws.cell(r, 2).value] = (ws.cell(r, 4).value, ws.cell(r, 5).value, ws.cell(r, 6).value)
    return out


@pytest.fixture(scope="module")
def survey():
    return survey_rows(seed=11)


@pytest.fixture
def book(tmp_path, survey):
    """An office's workbook with an unseen survey: unsur columns shuffled, profile columns around them."""
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    headers = PROFILE[:2] + random.Random(4).sample(CODES, 9) + PROFILE[2:]
    write_survey(wb.create_sheet("Data SKM"), survey, headers)
    wb["Instansi"]["A20"], wb["Instansi"]["B20"] = "Populasi SKM", 900
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    return path


def test_template_formulas_agree_with_the_rules(root, tmp_path):
    template = root / "templates" / "IKU_Wotu.xlsx"
    data = openpyxl.load_workbook(template)["Data SKM"]
    answers = [[data.cell(r, c).value for c in range(7, 16)] for r in range(2, data.max_row + 1)]
    engine = ExcelCompiler(filename=str(template), plugins=["pycel_xliku"])
    ws = openpyxl.load_workbook(template)["Hasil SKM"]
    rows = labelled(ws)
    ikm_cell = f"D{rows['Indeks Kepuasan Masyarakat (IKM)']}"
    assert engine.evaluate(f"Hasil SKM!{ikm_cell}") == pytest.approx(ikm_score(answers), rel=1e-12)
    assert engine.evaluate(f"Hasil SKM!D{rows['Mutu pelayanan']}") == ikm_category(ikm_score(answers)).code
    assert engine.evaluate(f"Hasil SKM!D{rows['Kinerja unit pelayanan']}") == ikm_category(ikm_score(answers)).label
    assert engine.evaluate(f"Hasil SKM!G{rows['Jumlah NRR tertimbang']}") * 25 == pytest.approx(ikm_score(answers))
    population = rows["Populasi penerima layanan"]
    assert engine.evaluate(f"Hasil SKM!D{population}") == 1500
    assert engine.evaluate(f"Hasil SKM!D{population + 1}") == 306  # Krejcie–Morgan, N = 1500
    assert engine.evaluate(f"Hasil SKM!D{population + 2}") == "Cukup"
    # the values stored beside the formulas are the same numbers
    stored = openpyxl.load_workbook(template, data_only=True)["Hasil SKM"]
    assert stored[ikm_cell].value == pytest.approx(ikm_score(answers), rel=1e-12)
    for row in range(6, 15):
        assert stored.cell(row, 5).value == pytest.approx(engine.evaluate(f"Hasil SKM!E{row}"), rel=1e-12)


def test_unseen_survey_numbers_match_a_computation_by_hand(book, survey):
    ikm, nrr = ikm_by_hand(survey)
    ws = openpyxl.load_workbook(book, data_only=True)["Hasil SKM"]
    rows = labelled(ws)
    assert ws.cell(rows["Indeks Kepuasan Masyarakat (IKM)"], 4).value == pytest.approx(ikm, rel=1e-12)
    assert ws.cell(rows["Mutu pelayanan"], 4).value == ikm_category(ikm).code
    assert ws.cell(rows["Jumlah responden"], 4).value == 240
    for offset, code in enumerate(CODES):  # listed in code order although the sheet shuffles them
        assert ws.cell(6 + offset, 2).value == code
        assert ws.cell(6 + offset, 5).value == pytest.approx(nrr[code], rel=1e-12)
        assert ws.cell(6 + offset, 4).value == sum(r[code] is not None for r in survey)
    weakest = sorted(nrr, key=nrr.get)[:3]
    start = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("Unsur dengan NRR")) + 1
    assert [ws.cell(start + i, 2).value for i in range(3)] == weakest
    by_layanan = section(ws, "IKM per Jenis Layanan")
    assert set(by_layanan) == set(LAYANAN)
    for layanan in LAYANAN:
        subset = [r for r in survey if r["Jenis Layanan"] == layanan]
        assert by_layanan[layanan][0] == len(subset)
        assert by_layanan[layanan][1] == pytest.approx(ikm_by_hand(subset)[0], rel=1e-12)
    by_period = section(ws, "IKM per Periode")
    assert list(by_period) == ["2024 Semester I", "2024 Semester II", "2025 Semester I", "2025 Semester II"]
    for label, (count, value, _) in by_period.items():
        subset = [r for r in survey if semester(r["Tanggal"]) == label]
        assert count == len(subset) and value == pytest.approx(ikm_by_hand(subset)[0], rel=1e-12)
    by_sex = section(ws, "IKM per Jenis Kelamin")
    assert list(by_sex) == ["Laki-laki", "Perempuan", "(tidak diisi)"]
    by_age = section(ws, "IKM per Usia")
    assert by_age["< 20 tahun"][0] == sum(r["Usia"] == 17 for r in survey)


def test_shuffled_unsur_formulas_evaluate_right(book, survey):
    engine = ExcelCompiler(filename=str(book), plugins=["pycel_xliku"])
    ws = openpyxl.load_workbook(book)["Hasil SKM"]
    rows = labelled(ws)
    formula = ws.cell(rows["Indeks Kepuasan Masyarakat (IKM)"], 4).value
    assert formula.startswith("=IKM_SCORE('Data SKM'!$C$2:$K$241")
    assert engine.evaluate(f"Hasil SKM!D{rows['Indeks Kepuasan Masyarakat (IKM)']}") == pytest.approx(
        ikm_by_hand(survey)[0], rel=1e-12)
    for offset, code in enumerate(CODES):
        assert engine.evaluate(f"Hasil SKM!E{6 + offset}") == pytest.approx(ikm_by_hand(survey)[1][code])


def test_split_answer_columns_fall_back_to_native_formula(tmp_path, survey):
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    headers = CODES[:4] + ["Jenis Layanan"] + CODES[4:] + ["Tanggal"]
    write_survey(wb.create_sheet("Data SKM"), survey, headers)
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    ws = openpyxl.load_workbook(path)["Hasil SKM"]
    rows = labelled(ws)
    assert ws.cell(rows["Indeks Kepuasan Masyarakat (IKM)"], 4).value == "=G15*25"
    engine = ExcelCompiler(filename=str(path), plugins=["pycel_xliku"])
    assert engine.evaluate(f"Hasil SKM!D{rows['Indeks Kepuasan Masyarakat (IKM)']}") == pytest.approx(
        ikm_by_hand(survey)[0], rel=1e-12)
    note = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == "belum diisi"]
    assert note  # no population given: the page says so, a cell past the print area (A:H) where to enter it
    assert "'Populasi SKM'" in ws.cell(note[0], 13).value
    assert ws.print_area.split("!")[1].startswith("$A$1:$H$")


def test_bad_answer_in_survey_stops_regeneration_with_the_cell(tmp_path, survey, capsys):
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    write_survey(wb.create_sheet("Data SKM"), survey, PROFILE + CODES)
    wb["Data SKM"]["I30"] = 7  # U3, row 30
    wb.save(path)
    assert main(["regenerate", str(path)]) == 2
    assert "Sheet 'Data SKM', sel I30 (U3 Waktu Penyelesaian): jawaban 7 di luar skala 1–4" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_libreoffice_shows_no_error_cell(book, tmp_path):
    from xl_iku.pdf import convert

    out = tmp_path / "lo"
    out.mkdir()
    convert(book, "xlsx", out)  # LibreOffice opens it as a reader without the add-in would
    ws = openpyxl.load_workbook(out / book.name, data_only=True)["Hasil SKM"]
    errors = [c.coordinate for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and (c.value.startswith("#") or c.value.startswith("Err:"))]
    assert errors == []
    rows = labelled(ws)
    assert ws.cell(rows["Indeks Kepuasan Masyarakat (IKM)"], 4).value == pytest.approx(ikm_by_hand(
        survey_rows(seed=11))[0], rel=1e-9)
