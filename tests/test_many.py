"""`xl_iku.many`: many files at once for `skm` and `rekap` (find, skip, count once, run over processes), and the one
rule for how many processes they start and how many files each task carries."""

import json
import os
from pathlib import Path

import pytest

from xl_iku import many
from xl_iku.errors import InputError
from xl_iku.many import MIN_FILES, chunk_size, jobs_for


@pytest.mark.parametrize("cores, files, asked, expected", [
    (2, MIN_FILES - 1, 0, 1),  # few files: one process
    (2, MIN_FILES, 0, 2),  # enough files: every core
    (16, MIN_FILES, 0, MIN_FILES),  # never more processes than files
    (None, 100, 0, 1),  # core count unknown
    (2, 3, 4, 4),  # --jobs N is taken as asked
])
def test_jobs_for(monkeypatch, cores, files, asked, expected):
    monkeypatch.setattr(many.os, "cpu_count", lambda: cores)
    assert jobs_for(files, asked) == expected


def test_chunk_size_gives_about_eight_tasks_per_worker():
    assert chunk_size(200, 2) == 12
    assert chunk_size(5, 2) == 1  # at least one file per task



# --- finding -------------------------------------------------------------------------------------------------------

def _tree(folder):
    """A folder as offices keep it: files at two depths, a copy in arsip/, what a folder holds besides them."""
    for name in ("b.xlsx", "a.xlsx", "sub/c.csv", "arsip/a.xlsx", ".a.x1y2z3.xlsx", "~$a.xlsx", "._a.xlsx",
                 ".tersembunyi/d.xlsx", "catatan.txt", "~$kunci/e.xlsx"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"ok:{name}")
    return folder


def test_find_walks_shallowest_first_passes_over_what_a_folder_holds_and_names_the_same_file(tmp_path):
    folder = _tree(tmp_path / "survei")
    found = many.find([folder, folder / "sub" / ".." / "a.xlsx", folder / "b.xlsx", tmp_path / "hilang.csv"],
                      (".xlsx", ".csv"), other="bukan survei")
    assert found.files == [folder / "a.xlsx", folder / "b.xlsx", folder / "arsip" / "a.xlsx",
                           folder / "sub" / "c.csv", tmp_path / "hilang.csv"]  # a path named is read as given
    assert found.in_folder == set(found.files[:4])
    assert dict(found.skipped) == {
        str(folder / ".a.x1y2z3.xlsx"): "berkas tersembunyi/sementara", str(folder / "~$a.xlsx"): "berkas kunci Excel",
        str(folder / "._a.xlsx"): "berkas metadata macOS", str(folder / ".tersembunyi" / "d.xlsx"):
        "berkas tersembunyi/sementara", str(folder / "catatan.txt"): "bukan survei",
        str(folder / "~$kunci" / "e.xlsx"): "berkas kunci Excel"}
    # another spelling is named with the path found first; the same spelling twice is no news
    assert found.same == [(str(folder / "sub" / ".." / "a.xlsx"), str(folder / "a.xlsx"))]
    assert found.unlisted == []
    assert found.without([folder / "sub" / ".." / "b.xlsx"]).files == [f for f in found.files if f.name != "b.xlsx"]


def test_find_reports_a_folder_it_cannot_list_unless_it_is_hidden(tmp_path, monkeypatch):
    folder = _tree(tmp_path / "survei")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name in ("sub", ".tersembunyi"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = many.find([folder], (".xlsx", ".csv"))
    assert found.unlisted == [(str(folder / "sub"), "Permission denied")]
    assert folder / "sub" / "c.csv" not in found.files
    ran = many.run(_read, found)
    assert ran.failed[-1].path == str(folder / "sub") and "tidak dapat dibuka" in ran.failed[-1].error


# --- running -------------------------------------------------------------------------------------------------------

PARENT = os.getpid()


def _read(path, in_folder):
    """A per-file function whose files say what happens to them: ok:DATA, skip, bad, bug, denied, oom, die."""
    text = path.read_text()
    if text.startswith("ok:"):
        return text.upper(), many.digest(text[3:])
    if text == "skip" and in_folder:
        raise many.Skip("bukan jenisnya")
    if text == "denied":
        raise PermissionError(13, "Permission denied", str(path))
    if text == "oom":
        raise MemoryError
    if text == "bug":
        return {}["kunci"], ""
    if text == "die" and os.getpid() != PARENT:
        os._exit(1)  # what an abort in a native library looks like to the pool
    raise InputError(f"'{path.name}' bukan data yang benar.")


def _files(folder, contents):
    folder.mkdir()
    for i, text in enumerate(contents):
        (folder / f"{i:02}.txt").write_text(text)
    return many.find([folder], (".txt",))


CONTENTS = ["ok:x", "skip", "bad", "ok:y", "bug", "ok:x", "denied", "ok:z"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_decides_each_row_by_kind_and_counts_the_same_data_once(tmp_path, jobs):
    found = _files(tmp_path / "f", CONTENTS * 3)
    steps = []
    ran = many.run(_read, found, jobs, lambda done, total: steps.append((done, total)))
    assert steps == [(i, len(found.files)) for i in range(1, len(found.files) + 1)]
    name = {str(p): p.name[:2] for p in found.files}
    assert [name[o.path] for o in ran.outcomes] == ["00", "02", "03", "04", "06", "07", "10", "12", "14", "18",
                                                     "20", "22"]
    assert ran.values == ["OK:X", "OK:Y", "OK:Z"]
    assert [(name[a], name[b]) for a, b in ran.same_data] == [("05", "00"), ("08", "00"), ("11", "03"),
                                                              ("13", "00"), ("15", "07"), ("16", "00"),
                                                              ("19", "03"), ("21", "00"), ("23", "07")]
    assert [(name[p], why) for p, why in ran.skipped] == [(n, "bukan jenisnya") for n in ("01", "09", "17")]
    bad, bug, denied = ran.failed[:3]
    assert bad.error == "'02.txt' bukan data yang benar." and not bad.fault
    assert "Permission denied" in denied.error and not denied.fault
    # a fault of xl-iku is not blamed on the file: it says so, and keeps the traceback
    assert "kesalahan program xl-iku" in bug.error and "KeyError" in bug.error and "bukan kesalahan berkas" in bug.error
    assert "Traceback" in bug.fault and "{}[\"kunci\"]" in bug.fault
    assert ran.faults == [o for o in ran.failed if "KeyError" in o.error] and len(ran.faults) == 3


def test_a_file_too_large_for_memory_is_its_own_row_not_a_fault(tmp_path):
    ran = many.run(_read, _files(tmp_path / "f", ["oom", "ok:a"]))
    assert ran.values == ["OK:A"] and "terlalu besar untuk memori" in ran.failed[0].error and not ran.faults


def test_a_named_file_is_never_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("skip")
    ran = many.run(_read, many.find([tmp_path / "a.txt"], (".txt",)))
    assert ran.skipped == [] and "bukan data yang benar" in ran.failed[0].error


def test_a_worker_that_dies_fails_its_file_only(tmp_path):
    found = _files(tmp_path / "f", ["ok:a", "ok:b", "die", "ok:c", "bad", "ok:d", "ok:e", "ok:f", "ok:g"])
    steps = []
    ran = many.run(_read, found, 2, lambda done, total: steps.append(done))
    assert ran.values == ["OK:A", "OK:B", "OK:C", "OK:D", "OK:E", "OK:F", "OK:G"]
    assert [(Path(o.path).name, o.error) for o in ran.failed] == [("02.txt", many.CRASHED),
                                                                 ("04.txt", "'04.txt' bukan data yang benar.")]
    assert sorted(steps) == list(range(1, 10))


def test_warm_runs_before_the_workers_and_meanwhile_while_they_read(tmp_path):
    found = _files(tmp_path / "f", ["ok:a", "ok:b", "ok:c"])
    calls = []
    many.run(_read, found, 2, lambda done, total: calls.append("step"), warm=lambda: calls.append("warm"),
             meanwhile=lambda: calls.append("meanwhile"))
    assert calls == ["warm", "meanwhile", "step", "step", "step"]
    calls.clear()
    many.run(_read, found, 1, lambda done, total: calls.append("step"), warm=lambda: calls.append("warm"),
             meanwhile=lambda: calls.append("meanwhile"))
    assert calls == ["step", "step", "step", "meanwhile"]  # one process: nothing to warm, nothing to overlap


def test_digest_is_equal_for_equal_data_in_any_process_and_differs_otherwise():
    import datetime as dt
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    data = (["U1", "U2"], [[3.0, None], [4.0, 2.0]], {"Tanggal": [dt.datetime(2025, 1, 2), "7/13/2025"]})
    with ProcessPoolExecutor(1) as pool:
        there = pool.submit(many.digest, *pickle.loads(pickle.dumps(data))).result()
    assert many.digest(*data) == there
    assert many.digest(["U1", "U2"], [[3.0, None], [4.0, 2.0]]) != many.digest(["U1", "U2"], [[3.0, None], [4.0, 3.0]])
    assert many.digest("ab", "c") != many.digest("a", "bc")


# --- the commands on it ----------------------------------------------------------------------------------------------

def test_rekap_a_worker_that_dies_fails_that_office_only(tmp_path, capsys, monkeypatch):
    from iku_books import INSTANSI, office_book, other_office_rows

    import xl_iku.bookdata as bookdata
    from xl_iku.cli import main

    folder = tmp_path / "kabupaten"
    folder.mkdir()
    rows = other_office_rows()
    for i in range(8):  # eight offices: read on processes; each its own (not copies, not one office twice)
        office_book(folder / f"kantor{i}.xlsx", [{**row, "Indikator": f"{row['Indikator']} {i}"} for row in rows],
                    instansi={**INSTANSI, "Nama Instansi": f"Kantor {i}"})
    real = bookdata.input_data

    def dies_on_one(path, *args, **kwargs):
        if Path(path).stem == "kantor3" and os.getpid() != parent:
            os._exit(1)  # what an abort in a native library looks like to the pool
        return real(path, *args, **kwargs)

    parent = os.getpid()
    monkeypatch.setattr(bookdata, "input_data", dies_on_one)
    assert main(["rekap", str(folder), "--json", "--jobs", "2", "--tahun", "2025"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert [Path(g["berkas"]).name for g in result["gagal"]] == ["kantor3.xlsx"]
    assert "berhenti mendadak" in result["gagal"][0]["pesan"]
    assert sorted(Path(i["berkas"]).name for i in result["instansi"]) == [f"kantor{i}.xlsx" for i in range(8) if i != 3]


def _saved_again(source, target):
    """The same workbook saved again: every part as it was, each zip entry with another time (what Excel does)."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 2, 3, 4, 6)), old.read(info),
                         compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    assert source.read_bytes() != target.read_bytes()


def test_rekap_counts_a_copy_saved_again_once_and_names_both(tmp_path, capsys):
    from iku_books import office_book

    from xl_iku.cli import main

    folder = tmp_path / "kabupaten"
    (folder / "arsip").mkdir(parents=True)
    office = office_book(folder / "kantor.xlsx")
    _saved_again(office, folder / "arsip" / "kantor lama.xlsx")
    assert main(["rekap", str(folder), "--json", "--tahun", "2025"]) == 0
    printed = capsys.readouterr()
    assert [i["berkas"] for i in json.loads(printed.out)["instansi"]] == [str(office)]
    assert f"Dilewati: {folder / 'arsip' / 'kantor lama.xlsx'} (sama dengan {office})" in printed.err


def test_skm_counts_the_original_and_names_the_copy_in_a_subfolder(tmp_path, capsys):
    """Of a survey and its copy in arsip/, the one beside the others is counted and the copy is named as such
    (sorted by path, `arsip/z.xlsx` came before `z.xlsx` and the original was called the copy)."""
    from skm_books import survey_rows
    from test_survey_defects import survey_file

    from xl_iku.cli import main

    folder = tmp_path / "survei"
    (folder / "arsip").mkdir(parents=True)
    original = survey_file(folder / "z.xlsx", survey_rows(seed=1, count=20))
    _saved_again(original, folder / "arsip" / "z.xlsx")
    assert main(["skm", str(folder), "--json"]) == 0
    printed = capsys.readouterr()
    assert {g["berkas"] for g in json.loads(printed.out)["berkas"]} == {str(original)}
    assert f"'{folder / 'arsip' / 'z.xlsx'}' berisi data survei yang sama dengan '{original}'" in printed.err


# --- skip, fail or fault: decided by kind ---------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_skm_says_a_fault_of_xl_iku_is_no_fault_of_the_file(tmp_path, capsys, monkeypatch, jobs):
    """The other files are counted; the row says whose fault it is (never "tidak dapat dibaca", which sent staff to
    copy a good file again), exit 3, and the traceback is shown with --verbose."""
    from skm_books import survey_rows
    from test_survey_defects import survey_file

    import xl_iku.batch as batch
    from xl_iku.cli import main

    good = survey_file(tmp_path / "baik.xlsx", survey_rows(seed=1, count=20))
    buggy = survey_file(tmp_path / "kutu.xlsx", survey_rows(seed=2, count=20))
    real = batch._date_notes

    def bug_on_one(path, table):
        if path.stem == "kutu":
            raise KeyError("kunci")  # a fault of xl-iku on a file that reads well
        return real(path, table)

    monkeypatch.setattr(batch, "_date_notes", bug_on_one)
    for verbose in ([], ["--verbose"]):
        assert main(["skm", str(good), str(buggy), "--jobs", jobs, "--json", *verbose]) == many.FAULT_EXIT
        printed = capsys.readouterr()
        result = json.loads(printed.out)
        assert result["gabungan"]["responden"] == 20
        (row,) = result["gagal"]
        assert row["berkas"] == str(buggy)
        assert "kesalahan program xl-iku" in row["alasan"] and "KeyError" in row["alasan"]
        assert "tidak dapat dibaca" not in row["alasan"]
        assert ("Traceback" in printed.err and "bug_on_one" in printed.err) == bool(verbose)
        (line,) = [line for line in printed.err.splitlines() if line.startswith("Gagal:")]
        assert line.startswith("Gagal: kesalahan program xl-iku") and line.count("kutu.xlsx") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rekap_says_a_fault_of_xl_iku_is_no_fault_of_the_office(tmp_path, capsys, monkeypatch, jobs):
    from iku_books import office_book, other_office_rows

    import xl_iku.rekap as rekap
    from xl_iku.cli import main

    folder = tmp_path / "kabupaten"
    folder.mkdir()
    for name in ("baik", "kutu"):
        office_book(folder / f"{name}.xlsx", [{**row, "Indikator": f"{row['Indikator']} {name}"}
                                              for row in other_office_rows()])
    real = rekap.office_summary

    def bug_on_one(berkas, data):
        if Path(berkas).stem == "kutu":
            raise TypeError("bukan berkasnya")
        return real(berkas, data)

    monkeypatch.setattr(rekap, "office_summary", bug_on_one)
    for verbose in ([], ["--verbose"]):
        assert main(["rekap", str(folder), "--json", "--tahun", "2025", "--jobs", jobs, *verbose]) == many.FAULT_EXIT
        printed = capsys.readouterr()
        result = json.loads(printed.out)
        assert [Path(i["berkas"]).name for i in result["instansi"]] == ["baik.xlsx"]
        (row,) = result["gagal"]
        assert row["berkas"] == str(folder / "kutu.xlsx")
        assert "kesalahan program xl-iku" in row["pesan"] and "TypeError" in row["pesan"]
        assert "tidak dapat diolah" not in row["pesan"]
        assert ("Traceback" in printed.err and "bug_on_one" in printed.err) == bool(verbose)
        (line,) = [line for line in printed.err.splitlines() if line.startswith("Gagal:")]
        assert line.startswith("Gagal: kesalahan program xl-iku") and line.count("kutu.xlsx") == 1


def test_rekap_passes_over_a_workbook_in_the_folder_that_is_no_office_book(tmp_path, capsys):
    """A budget workbook lying among the offices' books is no office missing: passed over and named, as skm passes
    over a workbook without a survey; named on the command line it is still a failure, and a workbook holding some
    of an office's input sheets (`Data SKM` alone) is an office's broken book: a failure."""
    import openpyxl
    from iku_books import office_book

    from xl_iku.cli import main

    folder = tmp_path / "kabupaten"
    folder.mkdir()
    office = office_book(folder / "kantor.xlsx")
    budget = openpyxl.Workbook()
    budget.active.title = "Anggaran"
    budget.active.append(["Program", "Pagu"])
    budget.save(folder / "anggaran.xlsx")
    assert main(["rekap", str(folder), "--json", "--tahun", "2025"]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["gagal"] == []
    assert f"Dilewati: {folder / 'anggaran.xlsx'} (bukan buku kerja IKU" in printed.err
    (folder / "~$kantor.xlsx").write_bytes(b"kunci")
    assert main(["rekap", str(folder), "--json", "--tahun", "2025", "--verbose"]) == 0
    assert f"Dilewati: {folder / '~$kantor.xlsx'} (berkas kunci Excel)" in capsys.readouterr().err  # as skm does
    assert main(["rekap", str(office), str(folder / "anggaran.xlsx"), "--json", "--tahun", "2025"]) == 1
    assert [g["berkas"] for g in json.loads(capsys.readouterr().out)["gagal"]] == [str(folder / "anggaran.xlsx")]
    survey_only = openpyxl.Workbook()
    survey_only.active.title = "Data SKM"
    survey_only.save(folder / "anggaran.xlsx")
    assert main(["rekap", str(folder), "--json", "--tahun", "2025"]) == 1
    (row,) = json.loads(capsys.readouterr().out)["gagal"]
    assert "Sheet 'Instansi' tidak ada" in row["pesan"]
