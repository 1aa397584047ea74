"""Realisasi, capaian and Nilai AKIP in a fresh workbook, regenerated and exported; the export recalculated by
LibreOffice shows no error cell and the numbers of an independent computation."""

import datetime as dt

import openpyxl
import pytest
from iku_books import INSTANSI, write_data, write_instansi
from pycel import ExcelCompiler
from skm_books import ikm_by_hand, survey_rows, write_survey

from xl_iku import UNSUR_14_2017
from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
CODES = [c for c, _ in UNSUR_14_2017]


def indicator(code, name, polaritas, targets, realisasi=None, sumber=None):
    row = {"Kode Tujuan": "T1", "Tujuan": "Tujuan satu", "Kode Sasaran": "S1", "Sasaran": "Sasaran satu",
           "Kode Indikator": code, "Indikator": name, "Satuan": "Persen", "Polaritas": polaritas,
           "Kondisi Awal 2024": 50, "Sumber Realisasi": sumber, "Definisi Operasional": "d", "Penjelasan": "p"}
    row.update({f"Target {y}": t for y, t in zip(range(2025, 2030), targets)})
    row.update({f"Realisasi {y}": r for y, r in (realisasi or {}).items()})
    return row


ROWS = [
    indicator("A", "Cakupan layanan", "positif", [80, 82, 84, 86, 88], {2025: 88}),
    indicator("B", "Waktu layanan (hari)", "negatif", [10, 10, 9, 8, 7], {2025: 8, 2026: "12"}),
    indicator("C", "Kasus baru", "positif", [0, 1, 1, 1, 1], {2025: 5}),
    indicator("D", "Nilai AKIP", "positif", [70, 72, 74, 76, 78], sumber="AKIP"),
    indicator("E", "Indeks Kepuasan Masyarakat", "positif", [80, 81, 82, 83, 84], sumber="skm"),
]
AKIP = [  # 2025 as component scores, 2026 as the LHE's points, 2027 as LKE sub-component points
    {"Tahun": 2025, "Jenis Isian": "Nilai 0–100", "Perencanaan": 80, "Pengukuran": 75, "Pelaporan": 70,
     "Evaluasi Internal": 65},
    {"Tahun": 2026, "Jenis Isian": "Poin LHE", "Perencanaan": 24.5, "Pengukuran": 20.1, "Pelaporan": 9.75,
     "Evaluasi Internal": 15.2},
    {"Tahun": 2027, "Jenis Isian": "Poin LHE", "Perencanaan - Keberadaan": 6, "Perencanaan - Kualitas": 8,
     "Perencanaan - Pemanfaatan": 12, "Pengukuran": 22, "Pelaporan": 11, "Evaluasi Internal": 18},
]


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "kinerja.xlsx"
    assert main(["init", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb, dict(INSTANSI, Periode="2025–2029"))
    ws = wb["Data IKU"]
    headers = [ws.cell(1, c).value for c in range(1, ws.max_column + 1)]
    write_data(wb, ROWS, headers)
    akip = wb["AKIP"]
    akip_headers = [akip.cell(1, c).value for c in range(1, akip.max_column + 1)]
    for r, row in enumerate(AKIP, start=2):
        for c, h in enumerate(akip_headers, start=1):
            akip.cell(r, c, row.get(h))
    survey = [dict(r, Tanggal=dt.datetime(2025, 1 + i % 12, 5)) for i, r in enumerate(survey_rows(seed=3, count=90))]
    skm = wb["Data SKM"]
    write_survey(skm, survey, [skm.cell(1, c).value for c in range(1, skm.max_column + 1)])
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    return path, survey


def capaian_rows(ws):
    """(indicator code, year) → (target, realisasi, capaian, kategori, keterangan)."""
    out, code = {}, None
    for r in range(6, ws.max_row + 1):
        if ws.cell(r, 5).value is None:
            break
        if ws.cell(r, 2).value:
            code = ws.cell(r, 2).value.rsplit("(", 1)[1].rstrip(")")
        out[(code, ws.cell(r, 5).value)] = tuple(ws.cell(r, c).value for c in range(6, 11))
    return out


def test_capaian_sheet(book):
    path, survey = book
    ws = openpyxl.load_workbook(path, data_only=True)["Capaian Kinerja"]
    rows = capaian_rows(ws)
    assert rows[("A", 2025)][:4] == (80, 88, pytest.approx(110.0), "Sangat Tinggi")
    assert rows[("A", 2026)] == (82, None, None, None, "belum ada realisasi")  # not 0 %
    assert rows[("B", 2025)][2] == pytest.approx(120.0)  # negatif: (2 − 8/10) × 100
    assert rows[("B", 2026)][2:4] == (pytest.approx(80.0), "Tinggi")  # (2 − 12/10) × 100
    assert rows[("C", 2025)][2] is None and "Target bernilai 0" in rows[("C", 2025)][4]
    akip_2025 = 0.3 * 80 + 0.3 * 75 + 0.15 * 70 + 0.25 * 65
    assert rows[("D", 2025)][1:3] == (pytest.approx(akip_2025), pytest.approx(akip_2025 / 70 * 100))
    assert rows[("D", 2025)][4] == "hasil evaluasi AKIP 2025"  # what the number is, not where it sits
    assert rows[("D", 2026)][1] == pytest.approx(69.55)
    assert rows[("D", 2027)][1] == pytest.approx(26 + 22 + 11 + 18)
    assert rows[("E", 2025)][1] == pytest.approx(ikm_by_hand(survey)[0], rel=1e-12)
    assert rows[("E", 2026)][1] is None
    formulas = openpyxl.load_workbook(path)["Capaian Kinerja"]
    assert formulas["H6"].value == '=CAPAIAN(F6,G6,"positif")'
    grafik = openpyxl.load_workbook(path)["Grafik Capaian"]
    assert len(grafik._charts) == len(ROWS) and not formulas._charts  # a line chart per indicator, on its own sheet
    links = [c.value for row in grafik.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] == "="]
    assert "='Capaian Kinerja'!F6" in links and "='Capaian Kinerja'!G6" in links  # the chart follows the table


def test_nilai_akip_sheet_scores_and_points(book):
    path, _ = book
    values = openpyxl.load_workbook(path, data_only=True)["Nilai AKIP"]
    formulas = openpyxl.load_workbook(path)["Nilai AKIP"]
    by_year = {values.cell(r, 1).value: r for r in range(6, 9)}
    r25, r26, r27 = by_year[2025], by_year[2026], by_year[2027]
    assert values.cell(r25, 7).value == pytest.approx(73.25)
    assert formulas.cell(r25, 7).value == f"=AKIP_SCORE(C{r25},D{r25},E{r25},F{r25})"
    assert values.cell(r26, 7).value == pytest.approx(69.55)  # the LHE's own total
    assert formulas.cell(r26, 7).value == f"=SUM(C{r26}:F{r26})"  # points are not weighted again
    assert values.cell(r26, 2).value == "Poin LHE"
    assert formulas.cell(r27, 3).value == "=SUM('AKIP'!$H$4:$J$4)"
    assert [values.cell(r, 8).value for r in (r25, r26, r27)] == ["BB", "B", "BB"]
    assert values.cell(r25, 10).value == 70 and values.cell(r25, 11).value == pytest.approx(73.25 / 70 * 100)
    # the same evaluation as scores and as points gives the same Nilai AKIP
    from xl_iku import akip_points_total, akip_score

    assert akip_score(24.5 / 0.3, 20.1 / 0.3, 9.75 / 0.15, 15.2 / 0.25) == pytest.approx(
        akip_points_total(24.5, 20.1, 9.75, 15.2))
    engine = ExcelCompiler(filename=str(path), plugins=["pycel_xliku"])
    for r in (r25, r26, r27):
        for col in "GHIK":
            expected = values[f"{col}{r}"].value
            got = engine.evaluate(f"Nilai AKIP!{col}{r}")
            assert got == (pytest.approx(expected) if isinstance(expected, float) else expected)


@pytest.mark.parametrize("cell, value, expected", [
    # 31 points of Perencanaan in 2026 (points): above its 30, and scores typed as points are the likely mix-up
    ("C3", 31, "Sheet 'AKIP', sel C3: Poin Perencanaan Kinerja 31,00 di luar rentang 0–30. Bila yang diisi nilai "
               "0–100 per komponen, ubah jenis isian menjadi 'Nilai 0–100'."),
    ("E3", 80, "Sheet 'AKIP', sel E3: Poin Pelaporan Kinerja 80,00 di luar rentang 0–15."),
    ("F2", 120, "Sheet 'AKIP', sel F2: Nilai Evaluasi Akuntabilitas Kinerja Internal 120,00 di luar rentang 0–100. "
                "Nilai per komponen paling tinggi 100"),
    # 2027 by LKE sub-components: the sub-component's own cell (was always Keberadaan's)
    ("I4", 10, "Sheet 'AKIP', sel I4: Poin kualitas perencanaan 10,00 di luar rentang 0–9."),
    ("J4", 16, "Sheet 'AKIP', sel J4: Poin pemanfaatan perencanaan 16,00 di luar rentang 0–15."),
])
def test_bad_akip_input_names_the_cell(book, capsys, cell, value, expected):
    path, _ = book
    wb = openpyxl.load_workbook(path)
    wb["AKIP"][cell] = value
    wb.save(path)
    assert main(["regenerate", str(path)]) == 2
    assert expected in capsys.readouterr().err


def _libreoffice_values(path, tmp_path):
    from xl_iku.pdf import convert

    out = tmp_path / "lo"
    out.mkdir(exist_ok=True)
    convert(path, "xlsx", out, recalc=True)  # forced recalculation: every formula computed by LibreOffice
    return openpyxl.load_workbook(out / path.name, data_only=True)


@pytest.mark.libreoffice
@pytest.mark.parametrize("flags", [[], ["--tanpa-input"]])
def test_export_recalculated_by_libreoffice(book, tmp_path, flags):
    path, survey = book
    wb = openpyxl.load_workbook(path)
    own = wb.create_sheet("Olahan Staf")  # a user's own xl-iku call, never computed by Excel
    own["A1"] = "=IKM_SCORE('Data SKM'!G2:O91)"
    own["A2"] = "=AKIP_CATEGORY(80)"
    wb.save(path)
    copy = tmp_path / "salinan.xlsx"
    assert main(["export", str(path), "-o", str(copy), *flags]) == 0
    shared = openpyxl.load_workbook(copy)
    leftovers = [(ws.title, c.coordinate) for ws in shared for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.startswith("=") and any(
                     f in c.value.upper() for f in ("IKM_", "AKIP_", "CAPAIAN("))]
    assert leftovers == []
    if flags:
        assert not {"Instansi", "Data IKU", "Data SKM", "AKIP"} & set(shared.sheetnames)
    values = _libreoffice_values(copy, tmp_path)
    errors = [(ws.title, c.coordinate, c.value) for ws in values for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and (c.value.startswith("#") or c.value.startswith("Err:"))]
    assert errors == []
    ikm = ikm_by_hand(survey)[0]
    hasil = values["Hasil SKM"]
    label_rows = {hasil.cell(r, 1).value: r for r in range(1, hasil.max_row + 1)}
    assert hasil.cell(label_rows["Indeks Kepuasan Masyarakat (IKM)"], 4).value == pytest.approx(ikm, rel=1e-9)
    assert hasil.cell(label_rows["Jumlah NRR tertimbang"], 7).value * 25 == pytest.approx(ikm, rel=1e-9)
    for offset, code in enumerate(CODES):  # native AVERAGE recomputed by LibreOffice
        assert hasil.cell(6 + offset, 5).value == pytest.approx(ikm_by_hand(survey)[1][code], rel=1e-9)
    capaian = capaian_rows(values["Capaian Kinerja"])
    assert capaian[("B", 2025)][2] == pytest.approx(120.0) and capaian[("A", 2026)][2] is None
    akip = values["Nilai AKIP"]
    assert [akip.cell(r, 7).value for r in (6, 7)] == [pytest.approx(73.25), pytest.approx(69.55)]
    assert values["Olahan Staf"]["A1"].value == pytest.approx(ikm_by_hand(survey[:90])[0], rel=1e-9)
    assert values["Olahan Staf"]["A2"].value == "BB"


def test_export_refuses_to_overwrite_the_workbook(book, capsys):
    path, _ = book
    assert main(["export", str(path), "-o", str(path)]) == 2
    assert "tidak akan ditimpa" in capsys.readouterr().err  # the one rule for every command (xl_iku/files.py)
