"""The save is the office's, not ours (issue 18): a workbook saved in Excel while `regenerate` runs, a read-only
workbook and one open in Excel (its `~$NAME` lock file beside it) are never overwritten: exit 2, a message naming
the file and what to do, the file exactly as the office left it, no temporary file left behind."""

import hashlib
import os

import openpyxl
import pytest
from iku_books import office_book

from xl_iku import workbook
from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_book_saved_in_excel_meanwhile_is_not_overwritten(tmp_path, capsys, monkeypatch):
    path = office_book(tmp_path / "kantor.xlsx")
    original = workbook.replace_sheets

    def excel_saves_meanwhile(source, scratch, out, *args):
        original(source, scratch, out, *args)
        saved = tmp_path / "excel_tmp.xlsx"  # Excel writes a new file and renames it over the book
        saved.write_bytes(path.read_bytes() + b"")
        os.replace(saved, path)

    monkeypatch.setattr(workbook, "replace_sheets", excel_saves_meanwhile)
    before = digest(path)
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "berubah selama xl-iku bekerja" in err and "jalankan lagi" in err
    assert "Traceback" not in err
    assert digest(path) == before  # Excel's save, not ours
    assert [p.name for p in tmp_path.iterdir()] == ["kantor.xlsx"]


@pytest.mark.parametrize("change", ["size", "mtime"])
def test_any_change_on_disk_stops_the_save(tmp_path, capsys, monkeypatch, change):
    path = office_book(tmp_path / "kantor.xlsx")
    original = workbook.replace_sheets

    def touched(source, scratch, out, *args):
        original(source, scratch, out, *args)
        if change == "size":
            with open(path, "ab") as handle:
                handle.write(b"\0")
        else:
            info = os.stat(path)
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))

    monkeypatch.setattr(workbook, "replace_sheets", touched)
    assert main(["regenerate", str(path)]) == 2
    assert "berubah selama xl-iku bekerja" in capsys.readouterr().err
    assert "Tabel IKU" not in openpyxl.load_workbook(path).sheetnames  # what is on disk is the office's file


def test_read_only_book_is_refused_in_place(tmp_path, capsys):
    path = office_book(tmp_path / "kantor.xlsx")
    os.chmod(path, 0o444)
    before = digest(path)
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "hanya-baca" in err and "-o" in err
    assert digest(path) == before and oct(os.stat(path).st_mode & 0o777) == oct(0o444)
    # reading it is fine: the result goes to another file
    assert main(["regenerate", str(path), "-o", str(tmp_path / "salinan.xlsx")]) == 0


def test_book_open_in_excel_is_refused_in_place(tmp_path, capsys):
    path = office_book(tmp_path / "kantor.xlsx")
    lock = tmp_path / "~$kantor.xlsx"
    lock.write_bytes(b"\x0bSiti Aminah" + b"\x20" * 40)
    before = digest(path)
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "sedang dibuka di Excel" in err and "~$kantor.xlsx" in err
    assert digest(path) == before
    lock.unlink()  # Excel closed: it works again
    assert main(["regenerate", str(path)]) == 0
