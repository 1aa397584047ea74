"""`xl-iku ikm`: header detection in any order, blanks, --range, --json, and errors that name the cell."""

import json
import random
import subprocess
import sys

import pytest
from openpyxl import Workbook

from xl_iku import UNSUR_14_2017
from xl_iku.cli import main


def independent(rows):
    """Per-unsur mean of the answers given, by hand; rows are dicts code → answer or None."""
    nrr = {}
    for code, _ in UNSUR_14_2017:
        given = [r[code] for r in rows if r[code] is not None]
        nrr[code] = sum(given) / len(given)
    return sum(nrr.values()) / 9 * 25, nrr


def survey_book(path, rows, headers, extra_columns=("Nama", "Jenis Layanan"), title_rows=0, sheet="Survei"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for i in range(title_rows):
        ws.append([f"Rekap SKM baris judul {i + 1}"])
    order = list(headers)
    ws.append(list(extra_columns[:1]) + [h for _, h in order] + list(extra_columns[1:]))
    for n, r in enumerate(rows):
        ws.append([f"R{n}"] + [r[code] for code, _ in order] + ["KTP"])
    wb.save(path)


def make_rows(seed, n=150):
    rng = random.Random(seed)
    rows = [{code: rng.choice([1, 2, 3, 3, 4, 4, None]) for code, _ in UNSUR_14_2017} for _ in range(n)]
    rows.append({code: None for code, _ in UNSUR_14_2017})  # a blank row is not a respondent
    for code, _ in UNSUR_14_2017:
        rows[0][code] = 3
    return rows


def run_json(capsys, *args):
    assert main(["ikm", *map(str, args), "--json"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)


@pytest.mark.parametrize("style", ["codes", "names", "code_and_name"])
def test_shuffled_headers_and_blanks(tmp_path, capsys, style):
    rows = make_rows(7)
    headers = {
        "codes": [(c, c) for c, _ in UNSUR_14_2017],
        "names": [(c, n.upper()) for c, n in UNSUR_14_2017],
        "code_and_name": [(c, f"{c}\n{n}") for c, n in UNSUR_14_2017],
    }[style]
    random.Random(3).shuffle(headers)
    path = tmp_path / "survei.xlsx"
    survey_book(path, rows, headers, title_rows=2)
    result = run_json(capsys, path)
    ikm, nrr = independent(rows)
    assert set(result) == {"ikm", "mutu", "kinerja", "responden", "unsur"}
    assert result["ikm"] == pytest.approx(ikm, rel=1e-12)
    assert result["responden"] == 150
    assert [u["kode"] for u in result["unsur"]] == [c for c, _ in UNSUR_14_2017]
    assert [u["nama"] for u in result["unsur"]] == [n for _, n in UNSUR_14_2017]
    for u in result["unsur"]:
        assert u["nrr"] == pytest.approx(nrr[u["kode"]], rel=1e-12)
        assert u["n"] == sum(r[u["kode"]] is not None for r in rows)
    from xl_iku import ikm_category

    assert (result["mutu"], result["kinerja"]) == (ikm_category(ikm).code, ikm_category(ikm).label)


def test_explicit_range_and_sheet(tmp_path, capsys):
    rows = make_rows(11, n=40)
    path = tmp_path / "survei.xlsx"
    survey_book(path, rows, [(c, c) for c, _ in UNSUR_14_2017], sheet="Lain")
    result = run_json(capsys, path, "--sheet", "lain", "--range", "B2:J41")
    assert result["ikm"] == pytest.approx(independent(rows[:40])[0], rel=1e-12)


def test_readable_table(tmp_path, capsys):
    path = tmp_path / "survei.xlsx"
    survey_book(path, make_rows(5), [(c, c) for c, _ in UNSUR_14_2017])
    assert main(["ikm", str(path)]) == 0
    out = capsys.readouterr().out
    for text in ("Responden: 150", "NRR tertimbang", "U8 Penanganan Pengaduan", "IKM:", "Mutu:", "Kinerja:",
                 "Unsur terlemah:"):
        assert text in out


def test_legacy_weight_option(tmp_path, capsys):
    rows = make_rows(2, n=30)
    path = tmp_path / "survei.xlsx"
    survey_book(path, rows, [(c, c) for c, _ in UNSUR_14_2017])
    result = run_json(capsys, path, "--bobot", "0,111")
    _, nrr = independent(rows)
    assert result["ikm"] == pytest.approx(sum(nrr.values()) * 0.111 * 25)


def test_bad_answer_names_sheet_and_cell(tmp_path, capsys):
    rows = make_rows(1, n=20)
    rows[4]["U3"] = 5
    path = tmp_path / "survei.xlsx"
    headers = [(c, c) for c, _ in UNSUR_14_2017]
    headers[2], headers[5] = headers[5], headers[2]  # U3 sits in sheet column G (A = Nama, B.. = unsur)
    survey_book(path, rows, headers, title_rows=1)
    assert main(["ikm", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Sheet 'Survei', sel G7" in captured.err  # title row, header row, then rows 3..: the fifth answer row
    assert "jawaban 5 di luar skala 1–4" in captured.err


@pytest.mark.parametrize("setup, fragment", [
    ("missing", "tidak ditemukan"),
    ("no_header", "baris judul unsur"),
    ("gap", "U5 Produk Spesifikasi Jenis Pelayanan tidak ditemukan"),
    ("no_sheet", "Sheet 'Tidak Ada' tidak ada"),
    ("not_excel", "bukan paket Excel"),
])
def test_errors_exit_nonzero_with_indonesian_message(tmp_path, capsys, setup, fragment):
    path = tmp_path / "survei.xlsx"
    args = []
    if setup == "no_header":
        survey_book(path, make_rows(1, 5), [(c, f"Pertanyaan {i}") for i, (c, _) in enumerate(UNSUR_14_2017)])
    elif setup == "gap":
        survey_book(path, make_rows(1, 5), [(c, c) for c, _ in UNSUR_14_2017 if c != "U5"])
    elif setup == "no_sheet":
        survey_book(path, make_rows(1, 5), [(c, c) for c, _ in UNSUR_14_2017])
        args = ["--sheet", "Tidak Ada"]
    elif setup == "not_excel":
        path.write_text("bukan excel")
    assert main(["ikm", str(path), *args]) == 2
    assert fragment in capsys.readouterr().err


def test_console_script_entry_point(root):
    done = subprocess.run([sys.executable, "-m", "xl_iku.cli", "ikm", str(root / "workbooks" / "SKM_Wotu.xlsx"),
                           "--json"], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["responden"] == 320 and result["mutu"] in "ABCD"


@pytest.mark.parametrize("args, fragment", [
    (["ikm"], "argumen berikut wajib diisi: PATH"),
    (["skm", "x", "--periode", "bulan"], "pilihan tidak sah: 'bulan'"),
])
def test_usage_errors_in_indonesian(capsys, args, fragment):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert fragment in err and "Galat:" in err and "--help" in err


def test_cycle_collector_paused_while_ikm_reads_and_back_after(tmp_path, capsys):
    """`xl-iku ikm` builds no reference cycles; the collector would only walk calamine's rows and the answer tuples
    (~0.05 s on 100,000 respondents), so it is off while the command runs, and on again after, a failure included;
    a caller that had it off keeps it off. The IKM is the one counted by hand either way."""
    import gc

    from skm_books import ikm_by_hand, survey_rows
    from test_hostile_input_3 import survey_file

    rows = survey_rows(seed=5, count=3000)  # 3,000 rows: several collections' worth of containers
    path = survey_file(tmp_path / "s.xlsx", rows)
    collections = []

    def count(phase, info):  # a collection started while a survey is read or counted
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_name not in ("read_survey", "survey_summary"):
            frame = frame.f_back
        if phase == "start" and frame is not None:
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        result = run_json(capsys, path)
        assert collections == []
        assert gc.isenabled()
        assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], abs=1e-9)
        assert main(["ikm", str(tmp_path / "none.xlsx"), "--json"]) == 2  # a failure: on again too
        assert gc.isenabled()
        gc.disable()
        try:
            run_json(capsys, path)
            assert not gc.isenabled()
        finally:
            gc.enable()
        # the same reading with the collector on does start collections: the pause above is what kept them away
        from xl_iku.model.survey import survey_summary
        from xl_iku.readers.skm import read_survey

        collections.clear()
        assert survey_summary(read_survey(path)).ikm == pytest.approx(result["ikm"], abs=1e-12)
        assert collections
    finally:
        gc.callbacks.remove(count)
