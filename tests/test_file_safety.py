"""What happens to the file itself: permission bits, symlinks, signals, unwritable folders, broken files, and
input sheets with a stray cell far away."""

import os
import signal
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
import pytest
from iku_books import office_book

from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def test_in_place_keeps_the_mode(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    os.chmod(path, 0o664)
    assert main(["regenerate", str(path)]) == 0
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o664)


def test_new_files_get_the_umask_mode(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    previous = os.umask(0o022)
    try:
        assert main(["regenerate", str(path), "-o", str(tmp_path / "baru.xlsx")]) == 0
        assert main(["init", str(tmp_path / "kosong.xlsx")]) == 0
    finally:
        os.umask(previous)
    for name in ("baru.xlsx", "kosong.xlsx"):
        assert oct(os.stat(tmp_path / name).st_mode & 0o777) == oct(0o644), name


def test_in_place_through_a_symlink_updates_the_target(tmp_path):
    (tmp_path / "data").mkdir()
    real = office_book(tmp_path / "data" / "kantor.xlsx")
    link = tmp_path / "pintasan.xlsx"
    link.symlink_to(real)
    assert main(["regenerate", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Tabel IKU" in openpyxl.load_workbook(real).sheetnames
    assert sorted(p.name for p in real.parent.iterdir()) == ["kantor.xlsx"]


def test_sigterm_during_a_save_removes_the_temporary_file(tmp_path):
    target = tmp_path / "kantor.xlsx"
    target.write_bytes(b"asli")
    script = textwrap.dedent(f"""
        import sys, time
        from xl_iku.workbook import save_atomic

        def slow(temp):
            open(temp, "wb").write(b"setengah")
            print("menulis", flush=True)
            time.sleep(30)

        save_atomic({str(target)!r}, slow)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "menulis"
    assert len(list(tmp_path.iterdir())) == 2  # the target and the temporary file
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=20) == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["kantor.xlsx"]
    assert target.read_bytes() == b"asli"


def test_unwritable_folder_message_names_the_users_file(tmp_path, capsys, monkeypatch):
    import tempfile

    path = office_book(tmp_path / "kantor.xlsx")
    out = tmp_path / "arsip" / "hasil.xlsx"
    out.parent.mkdir()

    def denied(prefix, suffix, dir):
        raise PermissionError(13, "Permission denied", os.path.join(dir, f"{prefix}x1y2{suffix}"))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert main(["regenerate", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"'{out}'" in err and ".hasil." not in err


BROKEN = {
    "kosong.xlsx": b"",
    "terpotong.xlsx": None,  # the first half of a real workbook
    "bukan_zip.xlsx": b"ini bukan buku kerja",
    "tanpa_workbook.xlsx": "zip-without-workbook",
    "tanpa_styles.xlsx": "workbook-without-styles",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
@pytest.mark.parametrize("command", ["regenerate", "export"])
def test_broken_file_is_a_message_naming_it(tmp_path, capsys, name, command):
    path = tmp_path / name
    if BROKEN[name] is None:
        whole = office_book(tmp_path / "utuh.xlsx").read_bytes()
        path.write_bytes(whole[:len(whole) // 2])
    elif BROKEN[name] == "zip-without-workbook":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("docProps/core.xml", "<x/>")
    elif BROKEN[name] == "workbook-without-styles":
        with zipfile.ZipFile(office_book(tmp_path / "utuh.xlsx")) as whole, zipfile.ZipFile(path, "w") as z:
            for item in whole.infolist():
                if item.filename != "xl/styles.xml":
                    z.writestr(item, whole.read(item.filename))
    else:
        path.write_bytes(BROKEN[name])
    before = path.read_bytes()
    args = [command, str(path)] + (["-o", str(tmp_path / "salinan.xlsx")] if command == "export" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat:") and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert not (tmp_path / "salinan.xlsx").exists()


@pytest.mark.parametrize("command", ["regenerate", "export"])
def test_workbook_without_calcpr(tmp_path, command):
    path = office_book(tmp_path / "kantor.xlsx")
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    import re

    items["xl/workbook.xml"] = re.sub(rb"<calcPr[^>]*/>", b"", items["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w") as z:
        for n, d in items.items():
            z.writestr(n, d)
    args = [command, str(path)] + (["-o", str(tmp_path / "salinan.xlsx")] if command == "export" else [])
    assert main(args) == 0


def _stray(path, sheet, cell, value=None):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet in wb.sheetnames else wb.create_sheet(sheet)
    ws[cell].font = openpyxl.styles.Font(bold=True)
    if value is not None:
        ws[cell] = value
    wb.save(path)


@pytest.mark.parametrize("sheet, cell, value", [
    ("Data IKU", "XFD1048576", None),
    ("Data IKU", "A1048576", None),
    ("Instansi", "XFD1048576", None),
    ("Instansi", "XFD1048576", "catatan tersesat"),
])
def test_far_away_cell_reads_only_used_cells(tmp_path, sheet, cell, value):
    from xl_iku.readers.book import InputBook

    path = office_book(tmp_path / "kantor.xlsx")
    _stray(path, sheet, cell, value)
    with InputBook(path) as book:
        rows = book.rows(sheet)
        cells = sum(len(r) for r in rows)
    # what was read: the used rows (plus, for a stray value, that one row and empty rows in between)
    if value is None:
        assert len(rows) <= 12 and cells <= 12 * 30
    else:
        assert cells <= 12 * 30 + 16384 and all(len(r) == 0 for r in rows[12:-1])
    assert main(["regenerate", str(path)]) == 0


def test_far_away_formatted_cell_in_data_skm(tmp_path, root):
    """The template with formats far away in Data SKM and Data IKU regenerates with modest memory."""
    import shutil

    path = tmp_path / "IKU_Wotu.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", path)
    _stray(path, "Data SKM", "XFD5000")
    _stray(path, "Data IKU", "A1048576")
    code = ("import resource, sys; from xl_iku.cli import main; rc = main(['regenerate', sys.argv[1]]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip().splitlines()[-1]) < 400_000  # KiB: the openpyxl path took 5-9 GB
