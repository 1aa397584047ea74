"""Survey data as offices hold it: a form service's xlsx and CSV (question headers, answers as words, timestamps,
profile questions), an SKM web application's export (title rows, respondent labels, 0 for blank, summary formulas)
and a paper-entry sheet mixing numbers and words. Each gives the IKM of the same survey typed as numbers."""

import json
import shutil
import sys

import openpyxl
import pytest
from conftest import ROOT
from skm_books import ikm_by_hand, semester, survey_rows

from xl_iku import UNSUR_14_2017, ikm_nrr, ikm_score, udfs
from xl_iku.cli import main
from xl_iku.readers.skm import read_survey
from xl_iku.rules.answers import GENERIC_LABELS, OFFICIAL_LABELS, label_value

sys.path.insert(0, str(ROOT / "tools"))
import make_form_sample as forms  # noqa: E402  (the builders the shipped sample is made with)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
CODES = [c for c, _ in UNSUR_14_2017]


@pytest.fixture(scope="module")
def rows():
    return survey_rows(seed=21, count=180)


def ikm_json(capsys, *args):
    assert main(["ikm", *map(str, args), "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def same_as_numbers(result, rows):
    ikm, nrr = ikm_by_hand(rows)
    assert result["ikm"] == pytest.approx(ikm, rel=1e-12)
    assert {u["kode"]: u["nrr"] for u in result["unsur"]} == pytest.approx(nrr, rel=1e-12)
    assert {u["kode"]: u["n"] for u in result["unsur"]} == {c: sum(r[c] is not None for r in rows) for c in CODES}


# --- answer labels (rules) -------------------------------------------------------------------------------------------

def test_every_official_label_means_its_position_in_every_form():
    for code, labels in OFFICIAL_LABELS.items():
        for value, label in enumerate(labels, start=1):
            for written in (label, label.upper(), f" {label.lower()} ", f"{'abcd'[value - 1]}. {label}",
                            f"({'abcd'[value - 1]}) {label}", f"{value} - {label}"):
                assert label_value(written) == value, (code, written)
    for value, label in enumerate(GENERIC_LABELS, start=1):
        assert label_value(label) == value
    assert label_value("Sangat sopan dan sangat ramah") == 4
    assert label_value("Ada tapi tidak berfungsi") == 2


@pytest.mark.parametrize("text", ["d. Sesuai", "Sesuaiii", "Sangat tidak sesuai", "5. Gratis", "#N/A"])
def test_labels_never_guessed(text):
    assert label_value(text) is None


def test_udf_reads_words_over_a_range_with_unknown_unsur(rows):
    numeric = [[r[c] for c in CODES] for r in rows[:60]]
    words = [[forms.OFFICIAL_LABELS[c][v - 1] if v else None for c, v in zip(CODES, line)] for line in numeric]
    mixed = [[w if (i + j) % 2 else n for j, (w, n) in enumerate(zip(wl, nl))]
             for i, (wl, nl) in enumerate(zip(words, numeric))]
    assert udfs.IKM_SCORE(words) == pytest.approx(ikm_score(numeric), rel=1e-12)
    assert udfs.IKM_SCORE(mixed) == pytest.approx(ikm_score(numeric), rel=1e-12)
    assert udfs.IKM_NRR(words)[0] == pytest.approx(ikm_nrr(numeric), rel=1e-12)
    # one label set in every column (the unsur of a column is not needed to read it)
    generic = [[GENERIC_LABELS[v - 1] if v else None for v in line] for line in numeric]
    assert udfs.IKM_SCORE(generic) == pytest.approx(ikm_score(numeric), rel=1e-12)


def test_unknown_text_names_the_cell_and_the_labels_of_its_column(tmp_path, capsys, rows):
    path = forms.write_form_xlsx(tmp_path / "f.xlsx", rows[:20])
    wb = openpyxl.load_workbook(path)
    wb.active["I7"] = "Lumayan cepat"  # U3 Waktu Penyelesaian
    wb.save(path)
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Sheet 'Jawaban Formulir 1', sel I7 (U3 Waktu Penyelesaian): teks 'Lumayan cepat'" in err
    assert "Tidak cepat (1), Kurang cepat (2), Cepat (3), Sangat cepat (4)" in err


# --- form service ----------------------------------------------------------------------------------------------------

def test_form_xlsx_question_headers_words_timestamp_and_profile(tmp_path, capsys, rows):
    path = forms.write_form_xlsx(tmp_path / "formulir.xlsx", rows)
    same_as_numbers(ikm_json(capsys, path), rows)
    table = read_survey(path)
    assert table.codes == CODES
    assert table.headers[7] == forms.QUESTIONS["U8"] and table.headers[8] == forms.QUESTIONS["U9"]
    assert set(table.profiles) == {"Tanggal", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan", "Jenis Layanan"}
    assert main(["ikm", str(path), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "O  Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?  →  U8 Penanganan" in out
    assert "A  Stempel waktu  →  Tanggal" in out and "P  Saran dan masukan  →  tidak dipakai" in out
    # the timestamp is the survey date: periods in skm
    assert main(["skm", str(path), "--json"]) == 0
    groups = {g["periode"]: g for g in json.loads(capsys.readouterr().out)["berkas"]}
    for label in {semester(r["Tanggal"]) for r in rows}:
        subset = [r for r in rows if semester(r["Tanggal"]) == label]
        assert groups[label]["responden"] == len(subset)
        assert groups[label]["ikm"] == pytest.approx(ikm_by_hand(subset)[0], rel=1e-12)


@pytest.mark.parametrize("delimiter, bom", [(",", False), (",", True), (";", True), (";", False)])
def test_form_csv(tmp_path, capsys, rows, delimiter, bom):
    path = forms.write_form_csv(tmp_path / "formulir.csv", rows, delimiter=delimiter, bom=bom)
    same_as_numbers(ikm_json(capsys, path), rows)
    assert main(["skm", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    by_period = {g["periode"]: g["responden"] for g in result["berkas"]}
    assert by_period == {label: sum(semester(r["Tanggal"]) == label for r in rows)
                         for label in {semester(r["Tanggal"]) for r in rows}}
    assert result["gabungan"]["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)


def test_form_generic_scale(tmp_path, capsys, rows):
    same_as_numbers(ikm_json(capsys, forms.write_form_xlsx(tmp_path / "f.xlsx", rows, generic=True)), rows)


def test_hasil_skm_from_a_form_sheet_in_the_workbook(root, tmp_path, rows):
    """Data SKM pasted from a form (question headers, words): regenerate reads it, shows what matched to what, and
    its per-unsur formulas read the words."""
    from pycel import ExcelCompiler


    path = tmp_path / "IKU.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index("Data SKM")
    wb.remove(wb["Data SKM"])
    ws = wb.create_sheet("Data SKM", index)
    headers, table = forms.form_table(rows)
    ws.append(headers)
    for line in table:
        ws.append([v if v != "" else None for v in line])
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    hasil = openpyxl.load_workbook(path)["Hasil SKM"]
    ikm, nrr = ikm_by_hand(rows)
    values = {hasil.cell(r, 2).value: r for r in range(6, 15)}
    for code in CODES:
        assert hasil.cell(values[code], 5).value.startswith("=IKM_NRR(")
    title = "Kolom jawaban di sheet 'Data SKM'"
    start = next(r for r in range(1, hasil.max_row + 1) if hasil.cell(r, 1).value == title)
    listed = {hasil.cell(r, 1).value: hasil.cell(r, 3).value for r in range(start + 2, start + 11)}
    assert listed == {c: forms.QUESTIONS[c] for c in CODES}
    bare = tmp_path / "tanpa_nilai.xlsx"
    openpyxl.load_workbook(path).save(bare)  # no stored values: the engine must compute every formula
    compiler = ExcelCompiler(filename=str(bare), plugins=["pycel_xliku"])
    for code in CODES:
        assert compiler.evaluate(f"'Hasil SKM'!E{values[code]}") == pytest.approx(nrr[code], rel=1e-12)
        assert compiler.evaluate(f"'Hasil SKM'!D{values[code]}") == sum(r[code] is not None for r in rows)


# --- web application -------------------------------------------------------------------------------------------------

def test_webapp_export_title_rows_labels_zero_and_summary_rows(tmp_path, capsys, rows):
    path = forms.write_webapp(tmp_path / "rekap.xlsx", rows)
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert "jawaban 0 di luar skala" in err and "--nol-kosong" in err
    same_as_numbers(ikm_json(capsys, path, "--nol-kosong"), rows)
    assert main(["ikm", str(path), "--nol-kosong"]) == 0
    captured = capsys.readouterr()
    last = 5 + len(rows)
    for offset, label in enumerate(["Jumlah Nilai / Unsur", "Rata-Rata / Unsur", "Rata-Rata Tertimbang / Unsur",
                                    "IKM UNIT PELAYANAN"], start=1):
        assert f"baris {last + offset} ('{label}')" in captured.out
    assert "Responden: 180" in captured.out


@pytest.mark.libreoffice
def test_webapp_export_saved_by_a_spreadsheet_program(tmp_path, capsys, rows):
    """The summary rows then hold computed sums and averages: still not respondents."""
    from xl_iku.pdf import convert

    source = forms.write_webapp(tmp_path / "rekap.xlsx", rows)
    saved = tmp_path / "disimpan"
    saved.mkdir()
    convert(source, "xlsx", saved)
    same_as_numbers(ikm_json(capsys, saved / "rekap.xlsx", "--nol-kosong"), rows)


def test_summary_row_inside_the_data_is_an_error(tmp_path, capsys, rows):
    path = forms.write_webapp(tmp_path / "rekap.xlsx", rows[:30])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_rows(20)
    ws["B20"] = "Jumlah sementara"
    wb.save(path)
    assert main(["ikm", str(path), "--nol-kosong"]) == 2
    assert "baris 20 ('Jumlah sementara') tampak sebagai baris ringkasan" in capsys.readouterr().err


# --- paper entry -----------------------------------------------------------------------------------------------------

def test_paper_entry_mixing_numbers_and_words(tmp_path, capsys, rows):
    path = forms.write_paper(tmp_path / "kertas.xlsx", rows)
    values = [c.value for c in openpyxl.load_workbook(path).active["C"][1:]]
    assert any(isinstance(v, str) for v in values) and any(isinstance(v, int) for v in values)
    same_as_numbers(ikm_json(capsys, path), rows)


def test_shipped_form_sample_is_the_generated_one_and_matches_the_numeric_sample(root, tmp_path, capsys):
    shipped = root / "workbooks" / "SKM_Wotu_Formulir.xlsx"
    fresh = tmp_path / "formulir.xlsx"
    forms.main(str(fresh))
    a, b = openpyxl.load_workbook(shipped).active, openpyxl.load_workbook(fresh).active
    assert [[c.value for c in r] for r in a.iter_rows()] == [[c.value for c in r] for r in b.iter_rows()]
    numeric = ikm_json(capsys, root / "workbooks" / "SKM_Wotu.xlsx")
    assert ikm_json(capsys, shipped) == numeric


def test_summary_row_typed_under_data_skm_is_left_out_and_noted(root, tmp_path, capsys):
    path = tmp_path / "IKU.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", path)
    before = ikm_json(capsys, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Data SKM"]
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 7).value is not None)
    ws.cell(last + 2, 1, "Rata-rata")
    for c in range(7, 16):
        ws.cell(last + 2, c, 3.25)
    wb.save(path)
    assert ikm_json(capsys, path) == before
    assert main(["regenerate", str(path)]) == 0
    catatan = openpyxl.load_workbook(path)["Catatan"]
    notes = [str(c.value) for row in catatan.iter_rows() for c in row if c.value]
    assert any(f"baris {last + 2} ('Rata-rata')" in n for n in notes)
