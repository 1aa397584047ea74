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


# --- a damaged part: known from the failure itself, no re-read ------------------------------------------------

def test_a_damaged_part_read_from_the_package_is_a_damaged_file_error(tmp_path):
    from test_broken_inputs import _damaged_member

    from xl_iku.package import Package, PackageError

    path = tmp_path / "rusak.xlsx"
    _damaged_member(path, "xl/worksheets/sheet3.xml")
    with Package(path) as package, pytest.raises(PackageError) as raised:
        package.read("xl/worksheets/sheet3.xml")
    assert raised.value.damaged_part == "xl/worksheets/sheet3.xml"
    error = FileError.unreadable(path, raised.value)
    assert (error.path, error.reason) == (str(path), FileError.DAMAGED)
    assert "xl/worksheets/sheet3.xml" in str(error)


def test_a_damaged_workbook_read_by_the_readers_is_a_damaged_file_error(tmp_path):
    """The book's readers and the survey reader say which part is damaged from the failure itself."""
    from test_broken_inputs import _damaged_member

    from xl_iku.bookdata import input_data
    from xl_iku.readers.skm import read_survey

    path = tmp_path / "rusak.xlsx"
    _damaged_member(path, "xl/worksheets/sheet3.xml")  # Data SKM's part in the template
    for read in (input_data, read_survey):
        with pytest.raises(FileError) as raised:
            read(path)
        assert (raised.value.path, raised.value.reason) == (str(path), FileError.DAMAGED)
        assert "xl/worksheets/sheet3.xml" in raised.value.message


# --- the survey reader: sheet and cell as data ------------------------------------------------------------------

CODES = [f"U{i}" for i in range(1, 10)]


def _survey(path: Path, rows, sheet="Data SKM", headers=CODES) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _summary(path, **options):
    from xl_iku.model.survey import survey_summary
    from xl_iku.readers.skm import read_survey

    return survey_summary(read_survey(path, **options))


def test_an_answer_out_of_scale_is_a_cell_error_at_its_cell(tmp_path):
    path = _survey(tmp_path / "s.xlsx", [[3] * 9, [3, 3, 3, 5, 3, 3, 3, 3, 3]])
    with pytest.raises(CellError) as raised:
        _summary(path)
    assert (raised.value.sheet, raised.value.cell) == ("Data SKM", "D3")
    assert raised.value.subject.startswith("U4")


def test_a_zero_answer_is_a_cell_error_that_also_says_the_option(tmp_path):
    path = _survey(tmp_path / "s.xlsx", [[3] * 9, [3, 0, 3, 3, 3, 3, 3, 3, 3]])
    with pytest.raises(CellError) as raised:
        _summary(path)
    assert (raised.value.sheet, raised.value.cell) == ("Data SKM", "B3") and "--nol-kosong" in raised.value.message


@pytest.mark.parametrize("xml, what", [(b"<c r='E6'><f>1/0</f></c>", "rumus"),
                                       (b"<c r='E6' t='e'><v>#N/A</v></c>", "#N/A")])
def test_an_uncomputed_formula_or_error_value_is_a_cell_error(tmp_path, xml, what):
    from test_hostile_input_3 import _scenario_cell

    path = _scenario_cell(xml)(tmp_path)
    with pytest.raises(CellError) as raised:
        _summary(path)
    assert (raised.value.sheet, raised.value.cell) == ("Data SKM", "E6")
    assert ("rumus belum punya nilai terhitung" in raised.value.message) == (what == "rumus")


def test_a_nan_answer_is_a_cell_error(tmp_path):
    from test_hostile_input_3 import _scenario_cell

    path = _scenario_cell(b"<c r='E6'><v>NaN</v></c>")(tmp_path)
    with pytest.raises(CellError) as raised:
        _summary(path)
    assert (raised.value.sheet, raised.value.cell) == ("Data SKM", "E6")


def test_a_sheet_asked_for_that_is_not_there_is_a_sheet_error(tmp_path):
    path = _survey(tmp_path / "s.xlsx", [[3] * 9])
    with pytest.raises(SheetError) as raised:
        _summary(path, sheet="Tidak Ada")
    assert raised.value.sheet == "Tidak Ada" and raised.value.cell is None


def test_a_sheet_without_unsur_headers_or_respondents_is_a_sheet_error(tmp_path):
    from xl_iku.readers.skm import NotASurvey

    no_header = _survey(tmp_path / "a.xlsx", [[1, 2]], sheet="Catatan", headers=["Nama", "Nilai"])
    with pytest.raises(NotASurvey) as raised:
        _summary(no_header)
    assert isinstance(raised.value, SheetError) and raised.value.sheet == "Catatan"
    template = _survey(tmp_path / "b.xlsx", [], sheet="Survei")
    with pytest.raises(SheetError) as raised:
        _summary(template)
    assert raised.value.sheet == "Survei" and "belum ada responden" in raised.value.message


def test_grids_of_the_other_input_sheets_name_sheet_and_cell():
    """Program, AKIP, Skala Capaian: read from a grid, no file needed."""
    from xl_iku.model.grid import SheetGrid
    from xl_iku.readers.akip import read_akip
    from xl_iku.readers.program import read_program
    from xl_iku.readers.scale import read_scale

    with pytest.raises(SheetError) as raised:
        read_program(SheetGrid("Program", [["Tahun", "Program"]]))
    assert raised.value.sheet == "Program" and raised.value.where == "Sheet 'Program', baris 1"
    with pytest.raises(CellError) as raised:
        read_program(SheetGrid("Program", [["Tahun", "Program", "Anggaran"], [2026, "P1", "tiga ratus"]]))
    assert (raised.value.sheet, raised.value.cell) == ("Program", "C2")
    with pytest.raises(SheetError) as raised:
        read_akip(SheetGrid("AKIP", [["Tahun"]]))
    assert raised.value.sheet == "AKIP"
    with pytest.raises(CellError) as raised:
        read_scale(SheetGrid("Skala Capaian", [["Batas Bawah", "Batas Atas", "Kategori"], [0, "x", "Kurang"]]))
    assert (raised.value.sheet, raised.value.cell) == ("Skala Capaian", "B2")


# --- the CLI: an input error is its message and exit 2; anything else is a bug and stays visible -----------------

def _cli(capsys, *argv) -> tuple[int, str]:
    from xl_iku.cli import main

    status = main([str(a) for a in argv])
    return status, capsys.readouterr().err


def test_cli_says_the_cell_of_a_cell_error(tmp_path, capsys):
    path = _survey(tmp_path / "s.xlsx", [[3] * 9, [3, 3, 3, 5, 3, 3, 3, 3, 3]])
    with pytest.raises(CellError) as raised:
        _summary(path)
    status, err = _cli(capsys, "ikm", path)
    assert status == 2 and err.startswith("Galat: ")
    assert f"Sheet '{raised.value.sheet}', sel {raised.value.cell}" in err


@pytest.mark.parametrize("case", ["missing_sheet", "uncomputed", "error_value", "no_respondents", "no_header"])
def test_cli_says_where_the_reader_found_it(tmp_path, capsys, case):
    """Whatever the kind, `ikm` prints the place the error carries (sheet and cell, or the sheet) and exits 2."""
    from test_hostile_input_3 import _scenario_cell

    options = {"sheet": "Tidak Ada"} if case == "missing_sheet" else {}
    path = {"uncomputed": lambda: _scenario_cell(b"<c r='E6'><f>1/0</f></c>")(tmp_path),
            "error_value": lambda: _scenario_cell(b"<c r='E6' t='e'><v>#N/A</v></c>")(tmp_path),
            "no_respondents": lambda: _survey(tmp_path / "t.xlsx", [], sheet="Survei"),
            "no_header": lambda: _survey(tmp_path / "n.xlsx", [[1, 2]], sheet="Catatan", headers=["Nama", "Nilai"]),
            }.get(case, lambda: _survey(tmp_path / "s.xlsx", [[3] * 9]))()
    with pytest.raises(InputError) as raised:
        _summary(path, **options)
    kind = {"uncomputed": CellError, "error_value": CellError}.get(case, SheetError)
    assert type(raised.value) is kind or isinstance(raised.value, kind)
    argv = ["ikm", path] + (["--sheet", "Tidak Ada"] if options else [])
    status, err = _cli(capsys, *argv)
    assert status == 2
    assert f"Sheet '{raised.value.sheet}'" in err
    if raised.value.cell:
        assert f"sel {raised.value.cell}" in err


def test_cli_names_the_file_of_a_file_error(tmp_path, capsys):
    for argv in (["ikm", tmp_path / "tidak_ada.xlsx"], ["regenerate", tmp_path / "tidak_ada.xlsx"]):
        status, err = _cli(capsys, *argv)
        assert status == 2 and f"'{tmp_path / 'tidak_ada.xlsx'}'" in err


def test_cli_names_file_and_part_of_a_damaged_workbook(tmp_path, capsys):
    from test_broken_inputs import _damaged_member

    path = tmp_path / "rusak.xlsx"
    _damaged_member(path)
    for command in ("ikm", "regenerate"):
        status, err = _cli(capsys, command, path)
        assert status == 2 and f"'{path}'" in err and "xl/worksheets/sheet3.xml" in err


def test_cli_says_a_bug_is_ours_on_a_readable_file(tmp_path, monkeypatch, capsys):
    """Not an input error: never worded as a staff member's mistake; the traceback stays for the report, and the
    exit status is the one `skm`/`rekap` give a file that met a fault of ours (3; Python's own 1 means "some files
    failed" to `skm`)."""
    from xl_iku import cli
    from xl_iku.cli import ikm

    def broken(args):
        raise RuntimeError("a bug")

    path = _survey(tmp_path / "s.xlsx", [[3] * 9])
    monkeypatch.setattr(ikm, "run", broken)
    assert cli.main(["ikm", str(path)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: a bug" in err and "tidak dapat dibaca" not in err
    assert err.rstrip().endswith("Galat: kesalahan program xl-iku, bukan kesalahan berkas atau isian Anda. Laporkan "
                                 "ke pengembang xl-iku beserta rincian di atas.")
