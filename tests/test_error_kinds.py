"""Failures have kinds, and the kind carries the place as data (issue 19 item 3): a file that cannot be used is a
`FileError` with its `path` and a `reason` code, a sheet a `SheetError` with `sheet`, one cell a `CellError` with
`sheet` and `cell`. These tests assert kinds and fields, not the wording (tests/bad_inputs.md checks the wording at
the CLI)."""

from __future__ import annotations

import pickle
import shutil
import zipfile
from pathlib import Path

import pytest

import xl_iku
from xl_iku.errors import CellError, FileError, InputError, SheetError
from xl_iku.files import check_readable, refuse_overwrite

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "templates" / "IKU_Wotu.xlsx"
SUFFIXES = (".xlsx", ".xlsm")


# --- the kinds themselves -------------------------------------------------------------------------------------

def test_kinds_are_input_errors_and_value_errors():
    for kind in (FileError, SheetError, CellError):
        assert issubclass(kind, InputError) and issubclass(kind, ValueError)
        assert getattr(xl_iku, kind.__name__) is kind  # importable from the package, as InputError is


def test_a_rules_range_relative_error_located_becomes_a_cell_error():
    error = InputError("jawaban 5 di luar skala 1–4", row=3, column=2, subject="U2 Persyaratan")
    located = error.located(sheet="Data SKM", cell="E6")
    assert type(located) is CellError
    assert (located.sheet, located.cell, located.row, located.column, located.subject) == (
        "Data SKM", "E6", 3, 2, "U2 Persyaratan")
    assert str(located) == "Sheet 'Data SKM', sel E6 (U2 Persyaratan): jawaban 5 di luar skala 1–4"
    on_sheet = error.located(sheet="Data SKM")
    assert type(on_sheet) is SheetError and on_sheet.sheet == "Data SKM" and on_sheet.cell is None
    # a wording of the place other than the cell's own, the fields still set
    column = error.located("Sheet 'Data SKM', kolom E", sheet="Data SKM")
    assert type(column) is SheetError and column.where == "Sheet 'Data SKM', kolom E"


def test_kinds_keep_their_fields_through_in_file_and_pickling():
    """A batch's worker process hands errors back pickled; the file is set by whoever knows it."""
    cell = CellError("Data SKM", "D7", "bukan angka", subject="U1").in_file("kantor/a.xlsx")
    file = FileError.not_found("kantor/b.xlsx")
    for error in (cell, file, SheetError.missing("Data IKU", ["Instansi"], path="c.xlsx")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)
        assert (back.path, back.sheet, back.cell) == (error.path, error.sheet, error.cell)
    assert pickle.loads(pickle.dumps(file)).reason == FileError.MISSING
    assert (cell.path, cell.sheet, cell.cell) == ("kantor/a.xlsx", "Data SKM", "D7")


def test_a_zip_member_that_fails_to_decompress_is_a_damaged_file_naming_it():
    import zlib

    crc = FileError.unreadable("a.xlsx", zipfile.BadZipFile("Bad CRC-32 for file 'xl/worksheets/sheet3.xml'"))
    assert crc.reason == FileError.DAMAGED and "xl/worksheets/sheet3.xml" in crc.message
    inflate = FileError.unreadable("a.xlsx", zlib.error("Error -3 while decompressing data"), part="xl/styles.xml")
    assert inflate.reason == FileError.DAMAGED and "xl/styles.xml" in inflate.message
    other = FileError.unreadable("a.xlsx", RuntimeError("odd"))
    assert other.reason == FileError.UNREADABLE and other.path == "a.xlsx"


# --- files: every broken input is a FileError with its path and reason ------------------------------------------

def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


BROKEN = {
    "missing": (None, FileError.MISSING),
    "folder": (lambda p: p.mkdir(), FileError.FOLDER),
    "empty": (lambda p: p.write_bytes(b""), FileError.EMPTY),
    "truncated": (lambda p: p.write_bytes(BOOK.read_bytes()[:3000]), FileError.TRUNCATED),
    "text": (lambda p: p.write_text("Nama,Nilai\nA,3\n"), FileError.NOT_A_PACKAGE),
    "zip": (lambda p: _zip(p, {"catatan.txt": b"bukan"}), FileError.NOT_A_WORKBOOK),
    "encrypted": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)), FileError.ENCRYPTED),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_readable_raises_a_file_error_with_path_and_reason(tmp_path, case):
    make, reason = BROKEN[case]
    path = tmp_path / f"{case}.xlsx"
    if make:
        make(path)
    with pytest.raises(FileError) as raised:
        check_readable(path, SUFFIXES)
    assert raised.value.path == str(path) and raised.value.reason == reason
    assert (raised.value.sheet, raised.value.cell) == (None, None)


def test_a_file_of_another_kind_is_a_file_error(tmp_path):
    path = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", path)
    with pytest.raises(FileError) as raised:
        check_readable(path, SUFFIXES)
    assert (raised.value.path, raised.value.reason) == (str(path), FileError.WRONG_KIND)


def test_an_output_over_an_input_is_a_file_error_naming_the_output(tmp_path):
    source = tmp_path / "a.xlsx"
    shutil.copy(BOOK, source)
    with pytest.raises(FileError) as raised:
        refuse_overwrite([source], [tmp_path / "." / "a.xlsx"])
    assert raised.value.reason == FileError.OVERWRITE and Path(raised.value.path) == tmp_path / "." / "a.xlsx"


def test_read_skm_of_a_missing_file_is_a_file_error(tmp_path):
    path = tmp_path / "tidak_ada.xlsx"
    with pytest.raises(FileError) as raised:
        xl_iku.read_skm(path)
    assert (raised.value.path, raised.value.reason) == (str(path), FileError.MISSING)
