"""Regeneration touches only the generated sheets, writes atomically, keeps what openpyxl would drop, and leaves
the file untouched on bad data."""

import hashlib
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from iku_books import macro_book, office_book
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from xlsx_compare import sheet_differences, workbook_differences

from xl_iku import workbook
from xl_iku.bookdata import input_data
from xl_iku.cli import main
from xl_iku.errors import CellError, SheetError

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def rich_book(tmp_path):
    """An office's real workbook: extra sheets with formulas, names, validation, a stale generated sheet."""
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    extra = wb.create_sheet("Rekap Anggaran", 0)
    extra["A1"], extra["B1"] = "Pagu", 1500000
    extra["A2"], extra["B2"] = "Realisasi", 1200000
    extra["B3"] = "=B2/B1"
    extra["C3"] = "=SUM(B1:B2)"
    extra["B1"].number_format = "#,##0"
    extra["A1"].font = openpyxl.styles.Font(bold=True, color="FF0000")
    dv = DataValidation(type="whole", operator="between", formula1="0", formula2="9999999999")
    dv.add("B1:B2")
    extra.add_data_validation(dv)
    wb.defined_names["Pagu"] = DefinedName("Pagu", attr_text="'Rekap Anggaran'!$B$1")
    catatan_user = wb.create_sheet("Catatan Staf")
    catatan_user["A1"] = "=teks yang diketik staf"
    catatan_user["A1"].data_type = "s"
    stale = wb.create_sheet("Tabel IKU")
    stale["Z99"] = "sisa lama"
    wb.save(path)
    return path


def test_only_generated_sheets_change(rich_book, tmp_path):
    before = tmp_path / "before.xlsx"
    shutil.copyfile(rich_book, before)
    assert main(["regenerate", str(rich_book)]) == 0
    after = openpyxl.load_workbook(rich_book)
    # a book made before the LKE receives that input sheet once, before the first generated sheet
    assert after.sheetnames == ["Rekap Anggaran", "Instansi", "Data IKU", "Catatan Staf", "LKE", "Tabel IKU",
                                "Penjelasan IKU", "Capaian Kinerja", "Grafik Capaian", "Catatan"]
    original = openpyxl.load_workbook(before)
    for name in ("Rekap Anggaran", "Instansi", "Data IKU", "Catatan Staf"):
        assert sheet_differences(original[name], after[name]) == [], name
    assert after["Rekap Anggaran"]["B3"].value == "=B2/B1"
    assert after["Catatan Staf"]["A1"].data_type == "s"
    assert after.defined_names["Pagu"].attr_text == "'Rekap Anggaran'!$B$1"
    assert after["Tabel IKU"]["Z99"].value is None  # the stale sheet was rebuilt, not patched
    assert after["Tabel IKU"]["A1"].value == "INDIKATOR KINERJA UTAMA"


def test_output_file_leaves_source_untouched(rich_book, tmp_path):
    before = digest(rich_book)
    out = tmp_path / "hasil.xlsx"
    assert main(["regenerate", str(rich_book), "-o", str(out)]) == 0
    assert digest(rich_book) == before
    assert "Tabel IKU" in openpyxl.load_workbook(out).sheetnames


def test_macro_workbook_keeps_its_vba(tmp_path):
    path = macro_book(tmp_path / "kantor.xlsm", tmp_path)
    vba = zipfile.ZipFile(path).read("xl/vbaProject.bin")
    assert main(["regenerate", str(path)]) == 0
    assert zipfile.ZipFile(path).read("xl/vbaProject.bin") == vba
    assert "Tabel IKU" in openpyxl.load_workbook(path, keep_vba=True).sheetnames
    assert main(["regenerate", str(path), "-o", str(tmp_path / "x.xlsx")]) == 2  # would drop the macros


def _inject(path, name, data):
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(name, data)


@pytest.mark.parametrize("part, data", [
    ("xl/media/image1.png", b"\x89PNG fake"),
    ("xl/drawings/drawing9.xml", b"<xdr:wsDr><xdr:twoCellAnchor><xdr:sp><xdr:txBody/></xdr:sp>"
                                 b"</xdr:twoCellAnchor></xdr:wsDr>"),
])
def test_in_place_keeps_what_openpyxl_would_drop(rich_book, tmp_path, capsys, part, data):
    """Once refused (an openpyxl round trip would drop it); now the part comes through byte for byte."""
    _inject(rich_book, part, data)
    assert main(["regenerate", str(rich_book)]) == 0
    with zipfile.ZipFile(rich_book) as z:
        assert z.read(part) == data
    assert "Tabel IKU" in openpyxl.load_workbook(rich_book).sheetnames
    out = tmp_path / "baru.xlsx"
    assert main(["regenerate", str(rich_book), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        assert z.read(part) == data


def _break(book_path, how):
    wb = openpyxl.load_workbook(book_path)
    ws = wb["Data IKU"]
    headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    if how == "missing_header":
        ws.cell(1, headers["Sasaran"]).value = "Sasaran Strategis"
    elif how == "duplicate_code":
        ws.cell(5, headers["Kode Indikator"]).value = "I.1.1.1"
    elif how == "text_target":
        ws.cell(4, headers["Target 2029"]).value = "tujuh puluh"
    elif how == "merged":
        ws.merge_cells(start_row=2, start_column=headers["Tujuan"], end_row=5, end_column=headers["Tujuan"])
    elif how == "empty":
        wb.remove(ws)
        wb.create_sheet("Data IKU")
    elif how == "no_instansi":
        wb.remove(wb["Instansi"])
    elif how == "bad_polaritas":
        ws.cell(3, headers["Polaritas"]).value = "naik"
    elif how == "no_periode":
        wb["Instansi"]["B4"] = None
    wb.save(book_path)
    return headers


@pytest.mark.parametrize("how, kind, place, fragments", [
    ("missing_header", SheetError, ("Data IKU", None), ["Sheet 'Data IKU', baris 1", "'Sasaran' tidak ditemukan"]),
    ("duplicate_code", CellError, ("Data IKU", "E5"), ["'I.1.1.1' sudah dipakai di sel E2"]),
    ("text_target", CellError, ("Data IKU", "L4"), ["teks 'tujuh puluh'"]),
    ("merged", SheetError, ("Data IKU", None), ["sel B2:B5 digabung", "Unmerge"]),
    ("empty", SheetError, ("Data IKU", None), ["Sheet 'Data IKU' kosong", "xl-iku init"]),
    ("no_instansi", SheetError, ("Instansi", None), ["Sheet 'Instansi' tidak ada"]),
    ("bad_polaritas", CellError, ("Data IKU", "H3"), ["Polaritas 'naik' tidak dikenal"]),
    ("no_periode", CellError, ("Instansi", "B4"), ["'Periode' belum diisi"]),
])
def test_bad_data_stops_with_a_message_and_leaves_the_file(tmp_path, capsys, how, kind, place, fragments):
    """The reader's error has the kind and place (issue 19: kinds, not substrings); the CLI says it, exit 2."""
    path = office_book(tmp_path / "kantor.xlsx")
    headers = _break(path, how)
    if how == "text_target":
        from openpyxl.utils import get_column_letter

        place = ("Data IKU", f"{get_column_letter(headers['Target 2029'])}4")
    with pytest.raises(kind) as raised:
        input_data(path)
    assert (raised.value.sheet, raised.value.cell) == place
    fragments = [raised.value.where] + fragments  # "Sheet 'Data IKU', sel E5", or the sheet's own wording
    before = digest(path)
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    for fragment in fragments:
        assert fragment in err
    assert digest(path) == before
    assert list(tmp_path.glob(".kantor.*")) == []  # no temporary file left behind


def test_text_target_names_the_cell(tmp_path, capsys):
    path = office_book(tmp_path / "kantor.xlsx")
    headers = _break(path, "text_target")
    from openpyxl.utils import get_column_letter

    assert main(["regenerate", str(path)]) == 2
    assert f"sel {get_column_letter(headers['Target 2029'])}4" in capsys.readouterr().err


def test_interrupted_save_leaves_the_original(tmp_path, monkeypatch):
    path = office_book(tmp_path / "kantor.xlsx")
    before = digest(path)

    def crash(self, filename):
        Path(filename).write_bytes(b"half a zip")
        raise KeyboardInterrupt

    monkeypatch.setattr(openpyxl.Workbook, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        workbook.regenerate(path)
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["kantor.xlsx"]


def test_formula_looking_text_in_data_stays_text(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Data IKU"]
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "Keterangan")
    ws.cell(2, col).value = '=HYPERLINK("http://contoh")'
    ws.cell(2, col).data_type = "s"  # typed as text by staff
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    cell = openpyxl.load_workbook(path)["Tabel IKU"]["J9"]
    assert cell.value == '=HYPERLINK("http://contoh")' and cell.data_type == "s"


def _formula_target(path):
    wb = openpyxl.load_workbook(path)
    ws = wb["Data IKU"]
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "Target 2028")
    ws.cell(3, col).value = "=60+2*5"  # KIA 2028 target computed in the sheet
    wb.save(path)
    return col


def test_formula_without_computed_value_is_an_error(tmp_path, capsys):
    path = office_book(tmp_path / "kantor.xlsx")
    col = _formula_target(path)
    assert main(["regenerate", str(path)]) == 2
    from openpyxl.utils import get_column_letter

    assert f"sel {get_column_letter(col)}3: rumus belum punya nilai terhitung" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_formula_inputs_are_read_as_computed(tmp_path):
    from xl_iku.pdf import convert

    path = office_book(tmp_path / "kantor.xlsx")
    _formula_target(path)
    saved = tmp_path / "disimpan"
    saved.mkdir()
    convert(path, "xlsx", saved)  # LibreOffice computes and stores the value, as saving in Excel would
    book = saved / "kantor.xlsx"
    assert main(["regenerate", str(book)]) == 0
    assert openpyxl.load_workbook(book)["Tabel IKU"]["F10"].value == 70


def test_regeneration_is_idempotent(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    assert main(["regenerate", str(path)]) == 0
    first = tmp_path / "first.xlsx"
    shutil.copyfile(path, first)
    assert main(["regenerate", str(path)]) == 0
    assert workbook_differences(first, path) == []


def test_workbook_locked_by_excel_gives_a_message_and_keeps_the_file(tmp_path, capsys, monkeypatch):
    import os

    path = office_book(tmp_path / "kantor.xlsx")
    before = digest(path)

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)  # what Windows does while Excel has the file open
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "tidak dapat dibaca atau ditulis" in err and "Tutup berkas itu di Excel" in err
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["kantor.xlsx"]  # the temporary copy is cleaned up
