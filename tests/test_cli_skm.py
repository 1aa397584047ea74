"""`xl-iku skm`: a directory of survey files (shuffled columns, blanks, periods, units, a broken one)."""

import json
import random

import openpyxl
import pytest
from skm_books import ikm_by_hand, semester, survey_rows, write_survey

from xl_iku import UNSUR_14_2017
from xl_iku.cli import main

CODES = [c for c, _ in UNSUR_14_2017]


@pytest.fixture
def folder(tmp_path):
    """Four kecamatan files, each with its own column order; one with a Unit column, one with a Periode column;
    plus a broken file and a file with an invalid answer."""
    surveys = {}
    for i, name in enumerate(["wotu", "burau", "mangkutana", "tomoni"]):
        rows = survey_rows(seed=100 + i, count=60 + 40 * i)
        headers = ["Tanggal", "Jenis Layanan"] + random.Random(i).sample(CODES, 9)
        if name == "burau":
            for j, row in enumerate(rows):
                row["Unit"] = "Kelurahan Burau" if j % 2 else "Desa Lauwo"
            headers.append("Unit")
        if name == "tomoni":
            for row in rows:
                row["Periode"] = "Triwulan " + ("I" if row["Tanggal"].month <= 3 else "II")
            headers = ["Periode"] + headers[2:]
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Survei"
        ws.append([f"Rekap SKM Kecamatan {name.title()}"])  # a title row above the headers
        data = wb.create_sheet("tmp")
        write_survey(data, rows, headers)
        for r in data.iter_rows(values_only=True):
            ws.append(list(r))
        wb.remove(data)
        wb.save(tmp_path / f"{name}.xlsx")
        surveys[name] = rows
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan zip utuh")
    bad = openpyxl.Workbook()
    bad.active.append(CODES)
    bad.active.append([3, 3, 3, 9, 3, 3, 3, 3, 3])
    bad.save(tmp_path / "salah.xlsx")
    (tmp_path / "~$wotu.xlsx").write_bytes(b"lock file")
    return tmp_path, surveys


def test_directory_batch(folder, capsys):
    path, surveys = folder
    assert main(["skm", str(path), "--json"]) == 1  # some files failed: listed, the rest processed
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    failed = {f["berkas"].split("/")[-1]: f["alasan"] for f in result["gagal"]}
    assert set(failed) == {"rusak.xlsx", "salah.xlsx"}
    assert "rusak" in failed["rusak.xlsx"]
    assert "sel D2 (U4 Biaya/Tarif)" in failed["salah.xlsx"] and "jawaban 9" in failed["salah.xlsx"]
    assert "Mengolah berkas" not in captured.err  # progress only on a terminal (tests/test_cli_progress.py)
    groups = {(g["berkas"].split("/")[-1], g["unit"], g["periode"]): g for g in result["berkas"]}
    # wotu: unit = file name, periods = semesters of Tanggal
    for label in {semester(r["Tanggal"]) for r in surveys["wotu"]}:
        subset = [r for r in surveys["wotu"] if semester(r["Tanggal"]) == label]
        g = groups[("wotu.xlsx", "wotu", label)]
        assert g["responden"] == len(subset)
        assert g["ikm"] == pytest.approx(ikm_by_hand(subset)[0], rel=1e-12)
    # burau: two units from its Unit column
    assert {k[1] for k in groups if k[0] == "burau.xlsx"} == {"Kelurahan Burau", "Desa Lauwo"}
    # tomoni: its own Periode column, as written
    assert {k[2] for k in groups if k[0] == "tomoni.xlsx"} == {"Triwulan I", "Triwulan II"}
    everyone = [r for rows in surveys.values() for r in rows]
    combined = result["gabungan"]
    assert combined["responden"] == len(everyone)
    assert combined["ikm"] == pytest.approx(ikm_by_hand(everyone)[0], rel=1e-12)
    mean_of_means = sum(ikm_by_hand(rows)[0] for rows in surveys.values()) / len(surveys)
    assert combined["ikm"] != pytest.approx(mean_of_means, rel=1e-9)  # pooled, not averaged


def test_summary_workbook(folder, tmp_path, capsys):
    path, surveys = folder
    out = tmp_path / "hasil" / "ringkasan.xlsx"
    assert main(["skm", str(path / "wotu.xlsx"), str(path / "burau.xlsx"), str(path / "rusak.xlsx"),
                 "-o", str(out)]) == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan SKM", "Berkas Gagal"]
    ws = wb["Ringkasan SKM"]
    assert [ws.cell(3, c).value for c in range(1, 10)] == ["No", "Berkas", "Unit", "Periode", "Responden", "IKM",
                                                          "Mutu", "Kinerja", "NRR U1"]
    last = ws.max_row
    assert ws.cell(last, 1).value == "GABUNGAN (seluruh responden)"
    pooled = surveys["wotu"] + surveys["burau"]
    assert ws.cell(last, 5).value == len(pooled)
    assert ws.cell(last, 6).value == pytest.approx(ikm_by_hand(pooled)[0], rel=1e-12)
    assert wb["Berkas Gagal"]["B2"].value.endswith("rusak.xlsx")
    assert "Gabungan" in capsys.readouterr().out


def test_parallel_equals_serial(folder, capsys):
    path, _ = folder
    main(["skm", str(path), "--json", "--jobs", "1"])
    serial = json.loads(capsys.readouterr().out)
    main(["skm", str(path), "--json", "--jobs", "2"])
    assert json.loads(capsys.readouterr().out) == serial


def test_nothing_readable(tmp_path, capsys):
    (tmp_path / "a.xlsx").write_text("x")
    assert main(["skm", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "Gagal: " in captured.err and "Nilai gabungan tidak dihitung" in captured.out
    (tmp_path / "kosong").mkdir()
    assert main(["skm", str(tmp_path / "kosong")]) == 2
    assert "Tidak ada berkas survei" in capsys.readouterr().err
