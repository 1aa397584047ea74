"""Survey-reader defects of the hostile-input issue: answers silently dropped (uncomputed formula, Excel error value),
duplicate or missing unsur columns, folders holding more than surveys (hidden copies, lock files, duplicates), and a
far-away cell that made the reader allocate 512 GiB. Each case fails on the code before the fix."""

import json
import os
import resource
import shutil
import subprocess
import sys

import openpyxl
import pytest
from skm_books import ikm_by_hand, survey_rows, write_survey

from xl_iku import UNSUR_14_2017, udfs
from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
CODES = [c for c, _ in UNSUR_14_2017]


def survey_file(path, rows, headers=None, sheet="Data SKM", edit=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    write_survey(ws, rows, headers or ["Tanggal", "Jenis Layanan"] + CODES)
    if edit:
        edit(ws)
    wb.save(path)
    return path


def uncomputed(ws):
    ws["E6"] = "=1/0"  # openpyxl stores no value: Excel never computed it


def error_value(ws):
    ws["G9"] = "#DIV/0!"
    ws["G9"].data_type = "e"


# --- item 2: one rule on every path --------------------------------------------------------------------------------

@pytest.mark.parametrize("edit, cell, fragment", [
    (uncomputed, "E6", "rumus belum punya nilai terhitung"),
    (error_value, "G9", "galat Excel #DIV/0!"),
])
def test_uncomputed_formula_or_error_value_is_an_error_in_ikm_and_skm(tmp_path, capsys, edit, cell, fragment):
    path = survey_file(tmp_path / "s.xlsx", survey_rows(seed=1, count=40), edit=edit)
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"Sheet 'Data SKM', sel {cell}" in err and fragment in err
    good = survey_file(tmp_path / "baik.xlsx", survey_rows(seed=2, count=30))
    assert main(["skm", str(path), str(good), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert [f["berkas"] for f in result["gagal"]] == [str(path)]
    assert f"sel {cell}" in result["gagal"][0]["alasan"] and fragment in result["gagal"][0]["alasan"]
    assert result["gabungan"]["responden"] == 30


@pytest.mark.parametrize("edit, cell, fragment", [
    (uncomputed, "H5", "rumus belum punya nilai terhitung"),
    (error_value, "H5", "galat Excel #DIV/0!"),
])
def test_uncomputed_formula_or_error_value_stops_regenerate(root, tmp_path, capsys, edit, cell, fragment):
    path = tmp_path / "IKU.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Data SKM"]
    assert ws["H1"].value == "U2"
    if edit is uncomputed:
        ws["H5"] = "=1/0"
    else:
        ws["H5"] = "#DIV/0!"
        ws["H5"].data_type = "e"
    wb.save(path)
    before = path.read_bytes()
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"Sheet 'Data SKM', sel {cell}" in err and fragment in err
    assert path.read_bytes() == before


def test_error_value_in_udf_range_says_what_it_is():
    result = udfs.IKM_SCORE([[3.0] * 9, [3.0, "#DIV/0!"] + [3.0] * 7])
    assert result.startswith("#XL-IKU! Baris 2, kolom 2") and "galat Excel #DIV/0!" in result


# --- item 3: one column per unsur, the nine unless asked -------------------------------------------------------------

@pytest.mark.parametrize("second, where", [
    ("U3", "L1 ('U3')"),
    ("Waktu Penyelesaian", "L1 ('Waktu Penyelesaian')"),
    ("Saran tentang kecepatan waktu pelayanan", "L1 ('Saran tentang kecepatan waktu pelayanan')"),
])
def test_two_columns_for_one_unsur_name_both_cells(tmp_path, capsys, second, where):
    rows = [dict(r, **{second: r["U3"] or 3}) for r in survey_rows(seed=4, count=10)]  # both columns hold answers
    path = survey_file(tmp_path / "s.xlsx", rows, headers=["Tanggal", "Jenis Layanan"] + CODES + [second])
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert "E1 ('U3')" in err and where in err and "U3 Waktu Penyelesaian" in err


def test_missing_unsur_is_an_error_unless_the_office_says_so(tmp_path, capsys):
    rows = survey_rows(seed=5, count=50)
    path = survey_file(tmp_path / "s.xlsx", rows, headers=["Tanggal"] + CODES[:8])
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert "U9 Sarana dan Prasarana tidak ditemukan" in err and "--unsur-sendiri" in err
    assert main(["ikm", str(path), "--unsur-sendiri"]) == 0
    out = capsys.readouterr().out
    assert "Bobot per unsur: 0,1250 (1/8)" in out
    nrr = [sum(r[c] for r in rows if r[c]) / sum(1 for r in rows if r[c]) for c in CODES[:8]]
    assert main(["ikm", str(path), "--unsur-sendiri", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ikm"] == pytest.approx(sum(nrr) / 8 * 25, rel=1e-12)


def test_range_of_other_width_needs_the_option(tmp_path, capsys):
    path = survey_file(tmp_path / "s.xlsx", survey_rows(seed=6, count=10))
    assert main(["ikm", str(path), "--range", "C2:J11"]) == 2
    assert "--unsur-sendiri" in capsys.readouterr().err
    assert main(["ikm", str(path), "--range", "C2:J11", "--unsur-sendiri"]) == 0


# --- item 6: what a folder holds besides surveys ---------------------------------------------------------------------

def test_folder_skips_hidden_temporary_and_other_files_and_counts_each_survey_once(tmp_path, capsys):
    folder = tmp_path / "survei"
    (folder / "sub").mkdir(parents=True)
    rows_a, rows_b = survey_rows(seed=7, count=40), survey_rows(seed=8, count=60)
    a = survey_file(folder / "a.xlsx", rows_a)
    survey_file(folder / "sub" / "b.xlsx", rows_b)
    shutil.copy(a, folder / ".a.x1y2z3.xlsx")  # left by an interrupted save
    shutil.copy(a, folder / "~$a.xlsx")
    (folder / "._a.xlsx").write_bytes(b"\x00\x05\x16\x07 AppleDouble")  # macOS resource fork
    (folder / "catatan.txt").write_text("bukan survei")
    other = openpyxl.Workbook()
    other.active.append(["Anggaran", 1000])
    other.active.append(["Ketepatan waktu pelayanan", "Sarana dan prasarana kantor", "Biaya/tarif"])
    other.save(folder / "anggaran.xlsx")  # a workbook without a survey sheet (its words are not a questionnaire)
    (folder / "hasil.csv").write_text("berkas,unit,periode,responden,ikm,mutu,kinerja,nrr_U1\n"
                                      "a.xlsx,a,2024 Semester I,40,80.1,B,Baik,3.2\n")  # an earlier skm --csv
    shutil.copy(a, folder / "sub" / "salinan a.xlsx")  # the same survey again
    assert main(["skm", str(folder), str(folder / "sub" / ".." / "a.xlsx"), "--json", "--verbose"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["gagal"] == []
    assert {g["berkas"].rsplit("/", 1)[-1] for g in result["berkas"]} == {"a.xlsx", "b.xlsx"}
    assert result["gabungan"]["responden"] == 100
    assert result["gabungan"]["ikm"] == pytest.approx(ikm_by_hand(rows_a + rows_b)[0], rel=1e-12)
    err = captured.err
    assert f"'{folder / 'sub' / 'salinan a.xlsx'}' berisi data survei yang sama dengan '{folder / 'a.xlsx'}'" in err
    assert f"'{folder / 'sub' / '..' / 'a.xlsx'}' adalah berkas yang sama dengan '{folder / 'a.xlsx'}'" in err
    for name in (".a.x1y2z3.xlsx", "~$a.xlsx", "._a.xlsx", "catatan.txt", "anggaran.xlsx", "hasil.csv"):
        assert f"Dilewati: {folder / name}" in err


def test_a_file_named_explicitly_is_never_skipped(tmp_path, capsys):
    other = openpyxl.Workbook()
    other.active.append(["Anggaran", 1000])
    other.save(tmp_path / "anggaran.xlsx")
    assert main(["skm", str(tmp_path / "anggaran.xlsx")]) == 2
    assert "Gagal:" in capsys.readouterr().err


# --- item 8: a far-away cell -----------------------------------------------------------------------------------------

def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_far_away_cell_is_read_by_the_cells_that_hold_data(tmp_path):
    rows = survey_rows(seed=9, count=30)
    path = survey_file(tmp_path / "s.xlsx", rows, edit=lambda ws: ws.cell(1048576, 16384, 1))
    good = survey_file(tmp_path / "t.xlsx", survey_rows(seed=10, count=20))
    cli = [sys.executable, "-m", "xl_iku.cli"]
    done = subprocess.run(cli + ["ikm", str(path), "--json"], capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit_memory)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)
    assert "XFD1048576" in done.stderr  # the stray cell is named as left out
    done = subprocess.run(cli + ["skm", str(path), str(good), "--jobs", "2", "--json"], capture_output=True,
                          text=True, timeout=120, preexec_fn=_limit_memory)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["gabungan"]["responden"] == 50


def test_a_reader_process_that_dies_fails_one_file_only(tmp_path, capsys, monkeypatch):
    import xl_iku.batch as batch

    paths = [survey_file(tmp_path / f"{name}.xlsx", survey_rows(seed=i, count=20))
             for i, name in enumerate(["a", "mati", "b", "c"])]
    real = batch.process_file

    def dies_on_one(path, *args, **kwargs):
        if path.stem == "mati" and os.getpid() != parent:
            os._exit(1)  # what an abort in a native library looks like to the pool
        return real(path, *args, **kwargs)

    parent = os.getpid()
    monkeypatch.setattr(batch, "process_file", dies_on_one)
    assert main(["skm", *map(str, paths), "--jobs", "2", "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert [f["berkas"] for f in result["gagal"]] == [str(paths[1])]
    assert "berhenti mendadak" in result["gagal"][0]["alasan"]
    assert result["gabungan"]["responden"] == 60


def test_unsur_down_a_column_is_called_turned_only_beside_answers():
    """The hint is for answers laid out one respondent per column; unsur down a column beside NRRs is a results
    table written downwards, and a sheet with neither keeps the plain advice."""
    from xl_iku.readers.skm import NotASurvey, survey_from_rows

    def message(rows):
        with pytest.raises(NotASurvey) as raised:
            survey_from_rows("S", rows)
        return raised.value.message

    answers = [["Unsur", "R1", "R2"]] + [[code, 3, 4] for code in CODES]
    assert "kolom A (baris 2–10): tabelnya terbalik" in message(answers)
    nrr = [["Unsur", "NRR"]] + [[code, 3.12] for code in CODES]
    assert "terbalik" not in message(nrr) and "Beri judul kolom U1" in message(nrr)
    few = [["Unsur", "R1"]] + [[code, 3] for code in CODES[:4]]
    assert "terbalik" not in message(few)
