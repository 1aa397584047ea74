"""Package-level regeneration (xl_iku/package/): only the generated sheets' parts and the package-wide parts
that name them are written; every other part of a workbook from any producer (XlsxWriter, LibreOffice, openpyxl)
comes through byte for byte, and the generated sheets hold what the openpyxl path gives."""

import io
import re
import shutil
import struct
import zipfile
import zlib

import openpyxl
import pytest
from iku_books import INSTANSI, macro_book, office_book, other_office_rows

from xl_iku.cli import main
from xl_iku.errors import CellError
from xl_iku.export import export
from xl_iku.layout import is_generated, sheet_key
from xl_iku.package import Package

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
PACKAGE_WIDE = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                "docProps/app.xml", "xl/calcChain.xml"}


def png(width=4, height=3):
    """A real (tiny) PNG image, so producers can read its size."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def xlsxwriter_book(path):
    """Written by XlsxWriter: a cover sheet with the kabupaten logo, a text box and a sparkline; a stale
    generated sheet renamed in capitals; a user's defined name and print area; shared strings."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"default_date_format": "dd/mm/yyyy"})
    cover = book.add_worksheet("Sampul")
    cover.write("A1", "LAPORAN KINERJA")
    cover.insert_image("B3", "logo.png", {"image_data": io.BytesIO(png())})
    cover.insert_textbox("E3", "Disusun oleh Subbagian Perencanaan", {"width": 240, "height": 60})
    cover.write_row("A10", [3, 5, 4, 6, 7])
    cover.add_sparkline("F10", {"range": "Sampul!A10:E10"})
    cover.print_area("A1:H20")
    stale = book.add_worksheet("TABEL IKU")
    stale.write("Z99", "sisa lama")
    instansi = book.add_worksheet("Instansi")
    for r, (key, value) in enumerate(INSTANSI.items(), start=1):
        instansi.write(r, 0, key)
        instansi.write(r, 1, value)
    data = book.add_worksheet("Data IKU")
    rows = other_office_rows()
    headers = list(rows[0])
    data.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        data.write_row(r, 0, [row[h] for h in headers])
    book.define_name("Judul", "=Sampul!$A$1")
    book.close()
    return path


def libreoffice_book(path, tmp_path):
    """The openpyxl-built office book with a user sheet, saved by LibreOffice Calc (its own styles, shared
    strings, docProps/custom-less core, numbered parts)."""
    from xl_iku.pdf import convert

    source = office_book(tmp_path / "lo_source.xlsx")
    wb = openpyxl.load_workbook(source)
    own = wb.create_sheet("Anggaran", 0)
    own["A1"], own["B1"], own["B2"] = "Pagu", 1500000, "=B1*2"
    own["A1"].font = openpyxl.styles.Font(bold=True, color="FF0000")
    wb.save(source)
    out = tmp_path / "lo"
    out.mkdir()
    convert(source, "xlsx", out)
    shutil.move(out / source.name, path)
    return path


def openpyxl_reference(tmp_path):
    """The same office data regenerated through the plain openpyxl-built workbook: what the sheets must show."""
    return openpyxl.load_workbook(openpyxl_reference_path(tmp_path), data_only=True)


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def owned_parts(path):
    """The parts that belong to generated sheets (sheet, drawings, charts, comments, their rels)."""
    with Package(path) as package:
        starts = [s.part for s in package.sheets() if is_generated(s.name)]
        found = package.reachable(starts)
        return found | {_rels(p) for p in found}


def _rels(part):
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels"


def assert_untouched(before, after_path):
    after = parts(after_path)
    skip = owned_parts(before["__path__"]) | PACKAGE_WIDE
    for name, data in before.items():
        if name == "__path__" or name in skip:
            continue
        assert name in after, f"{name} is gone"
        assert after[name] == data, f"{name} changed"


def snapshot(path):
    out = parts(path)
    copy = path.parent / f"before_{path.name}"
    shutil.copyfile(path, copy)
    out["__path__"] = copy
    return out


def values_like_reference(path, reference, tmp_path, sheets=("Tabel IKU", "Penjelasan IKU", "Capaian Kinerja")):
    """Open the result in LibreOffice (it must load), read the generated sheets' values back."""
    from xl_iku.pdf import convert

    out = tmp_path / "opened"
    out.mkdir(exist_ok=True)
    convert(path, "xlsx", out)
    opened = openpyxl.load_workbook(out / path.name, data_only=True)
    for name in sheets:
        ours, ref = opened[name], reference[name]
        for row in ref.iter_rows():
            for cell in row:
                got = ours[cell.coordinate].value
                want = cell.value
                if isinstance(want, float):
                    assert got == pytest.approx(want), f"{name}!{cell.coordinate}"
                elif hasattr(want, "date"):
                    assert hasattr(got, "date") and got.date() == want.date(), f"{name}!{cell.coordinate}"
                else:
                    assert got == want, f"{name}!{cell.coordinate}"
    return opened


@pytest.mark.libreoffice
def test_cover_sheet_with_image_shape_and_sparkline_survives_in_place(tmp_path, capsys):
    path = xlsxwriter_book(tmp_path / "kantor.xlsx")
    before = snapshot(path)
    assert any(n.startswith("xl/media/") for n in before)
    assert any(b"<xdr:sp" in d for n, d in before.items() if n.startswith("xl/drawings/"))
    assert any(b"sparklineGroup" in d for n, d in before.items() if n.startswith("xl/worksheets/sheet"))
    assert main(["regenerate", str(path)]) == 0
    assert "tidak ikut" not in capsys.readouterr().err
    assert_untouched(before, path)
    wb = openpyxl.load_workbook(path)
    # the stale sheet in capitals *is* Tabel IKU: same position, no "Tabel IKU1"
    # a book made before the LKE receives that input sheet, before the first generated sheet (as a fresh book has it)
    assert wb.sheetnames[:5] == ["Sampul", "LKE", "Tabel IKU", "Instansi", "Data IKU"]
    assert all(is_generated(n) for n in wb.sheetnames[5:]) and "Tabel IKU1" not in wb.sheetnames
    assert wb["Tabel IKU"]["Z99"].value is None and wb["Tabel IKU"].print_title_rows == "$6:$8"
    assert wb["Sampul"].print_area == "'Sampul'!$A$1:$H$20"
    assert wb.defined_names["Judul"].attr_text == "Sampul!$A$1"
    values_like_reference(path, openpyxl_reference(tmp_path), tmp_path)


@pytest.mark.libreoffice
def test_libreoffice_saved_book_regenerates_in_place(tmp_path):
    path = libreoffice_book(tmp_path / "kantor.xlsx", tmp_path)
    before = snapshot(path)
    assert "xl/sharedStrings.xml" in before
    assert main(["regenerate", str(path)]) == 0
    assert_untouched(before, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Anggaran", "Instansi", "Data IKU"]
    assert wb["Anggaran"]["B2"].value == "=B1*2" and wb["Anggaran"]["A1"].font.b
    values_like_reference(path, openpyxl_reference(tmp_path), tmp_path)


@pytest.mark.parametrize("producer", ["xlsxwriter", pytest.param("libreoffice", marks=pytest.mark.libreoffice),
                                      "openpyxl"])
def test_three_regenerations_leave_the_same_package(tmp_path, producer):
    path = tmp_path / "kantor.xlsx"
    if producer == "xlsxwriter":
        xlsxwriter_book(path)
    elif producer == "libreoffice":
        libreoffice_book(path, tmp_path)
    else:
        office_book(path)
    assert main(["regenerate", str(path)]) == 0  # the book, made before the LKE, receives its LKE sheet too
    first, size = parts(path), path.stat().st_size
    for _ in range(2):
        assert main(["regenerate", str(path)]) == 0
        assert parts(path) == first  # every part, styles.xml included: nothing appended twice
        assert path.stat().st_size == size


@pytest.mark.libreoffice
def test_styles_keep_existing_indices(tmp_path):
    path = libreoffice_book(tmp_path / "kantor.xlsx", tmp_path)
    before = parts(path)["xl/styles.xml"]
    assert main(["regenerate", str(path)]) == 0
    after = parts(path)["xl/styles.xml"]
    from xml.etree import ElementTree

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    old, new = ElementTree.fromstring(before), ElementTree.fromstring(after)
    for kind in ("fonts", "fills", "borders", "cellXfs"):
        a, b = list(old.find(f"m:{kind}", ns)), list(new.find(f"m:{kind}", ns))
        assert [ElementTree.tostring(e) for e in b[:len(a)]] == [ElementTree.tostring(e) for e in a], kind
        assert int(new.find(f"m:{kind}", ns).get("count")) == len(b)


def test_book_without_calc_chain_shared_strings_or_calcpr(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["xl/workbook.xml"] = items["xl/workbook.xml"].replace(b'<calcPr calcId="124519" fullCalcOnLoad="1" />', b"")
    assert b"calcPr" not in items["xl/workbook.xml"]
    with zipfile.ZipFile(path, "w") as z:
        for n, d in items.items():
            z.writestr(n, d)
    assert main(["regenerate", str(path)]) == 0
    assert openpyxl.load_workbook(path)["Tabel IKU"]["A1"].value == "INDIKATOR KINERJA UTAMA"


def test_stale_calc_chain_is_dropped(tmp_path):
    path = xlsxwriter_book(tmp_path / "kantor.xlsx")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/calcChain.xml", b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                       b'main"><c r="A1" i="2"/></calcChain>')
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["xl/_rels/workbook.xml.rels"] = items["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        for n, d in items.items():
            z.writestr(n, d)
    assert main(["regenerate", str(path)]) == 0
    after = parts(path)
    assert "xl/calcChain.xml" not in after and b"calcChain" not in after["xl/_rels/workbook.xml.rels"]


def test_user_image_on_a_generated_sheet_is_reported(tmp_path, capsys):
    import xlsxwriter

    path = tmp_path / "kantor.xlsx"
    xlsxwriter_book(path)
    # put the logo on the generated sheet itself: rebuild the book with the image on "TABEL IKU"
    book = xlsxwriter.Workbook(str(path), {"default_date_format": "dd/mm/yyyy"})
    stale = book.add_worksheet("Tabel IKU")
    stale.insert_image("A1", "logo.png", {"image_data": io.BytesIO(png())})
    instansi = book.add_worksheet("Instansi")
    for r, (key, value) in enumerate(INSTANSI.items(), start=1):
        instansi.write_row(r, 0, [key, value])
    data = book.add_worksheet("Data IKU")
    rows = other_office_rows()
    data.write_row(0, 0, list(rows[0]))
    for r, row in enumerate(rows, start=1):
        data.write_row(r, 0, list(row.values()))
    book.close()
    assert main(["regenerate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "Tabel IKU" in err and "Gambar di sheet ini ikut terganti" in err
    catatan = openpyxl.load_workbook(path)["Catatan"]
    assert any("Gambar di sheet ini ikut terganti" in str(c.value) for row in catatan.iter_rows() for c in row)
    assert not any(n.startswith("xl/media/") for n in parts(path))  # nothing else referenced it


def test_export_copies_the_cover_sheet_and_values_xl_iku_calls(tmp_path):
    path = xlsxwriter_book(tmp_path / "kantor.xlsx")
    assert main(["regenerate", str(path)]) == 0
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    # a user's xl-iku call with the value Excel stored, on the cover sheet (sheet1 in XlsxWriter's naming)
    items["xl/worksheets/sheet1.xml"] = items["xl/worksheets/sheet1.xml"].replace(
        b'<c r="A1" t="s"><v>0</v></c>', b'<c r="A1" t="str"><f>AKIP_CATEGORY(80)</f><v>BB</v></c>')
    assert b"AKIP_CATEGORY" in items["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in items.items():
            z.writestr(n, d)
    copy = tmp_path / "salinan.xlsx"
    assert main(["export", str(path), "-o", str(copy)]) == 0
    shared = parts(copy)
    for name in ("xl/media/image1.png", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"):
        assert shared[name] == items[name], name
    cover = openpyxl.load_workbook(copy)["Sampul"]
    assert cover["A1"].value == "BB" and cover["A1"].data_type == "s"
    assert b"sparklineGroup" in shared["xl/worksheets/sheet1.xml"]


def test_export_of_a_macro_workbook_is_a_plain_xlsx(tmp_path):
    path = macro_book(tmp_path / "kantor.xlsm", tmp_path)
    copy = tmp_path / "salinan.xlsx"
    assert main(["export", str(path), "-o", str(copy)]) == 0
    shared = parts(copy)
    assert not any("vbaProject" in n for n in shared)
    assert b"macroEnabled" not in shared["[Content_Types].xml"]
    assert b"vbaProject" not in shared["xl/_rels/workbook.xml.rels"]
    assert "Tabel IKU" in openpyxl.load_workbook(copy).sheetnames


def test_generated_sheet_renamed_in_case_and_spacing_is_that_sheet(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("CAPAIAN  kinerja", 0)["A1"] = "lama"
    wb.save(path)
    for _ in range(3):
        assert main(["regenerate", str(path)]) == 0
    names = openpyxl.load_workbook(path).sheetnames
    # the renamed sheet keeps its place; the missing ones that precede it in a fresh build go before it
    # (and the LKE sheet the book lacked, an input sheet, before the first generated one)
    assert names[:4] == ["LKE", "Tabel IKU", "Penjelasan IKU", "Capaian Kinerja"]
    assert not any(n.endswith("1") for n in names)
    assert [sheet_key(n) for n in names].count("capaian kinerja") == 1


def test_empty_defined_names_list_gets_the_print_titles(tmp_path):
    """openpyxl writes `<definedNames />` when a book has none: it is replaced, never doubled."""
    path = office_book(tmp_path / "kantor.xlsx")
    assert b"<definedNames />" in parts(path)["xl/workbook.xml"]
    assert main(["regenerate", str(path)]) == 0
    workbook_xml = parts(path)["xl/workbook.xml"]
    assert workbook_xml.count(b"definedNames") == 2  # one element, opened and closed
    assert openpyxl.load_workbook(path)["Tabel IKU"].print_title_rows == "$6:$8"


def _prefixed(xml: bytes) -> bytes:
    """The same part with the main namespace spelled through a prefix (as the OpenXML SDK writes it)."""
    import re

    main_ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = xml.replace(b'xmlns="' + main_ns + b'"', b'xmlns:x="' + main_ns + b'"')
    return re.sub(rb"<(/?)(?!\?)(?![a-z]+:)(\w+)", rb"<\1x:\2", xml)


def test_book_whose_parts_use_a_namespace_prefix(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    for name in ("xl/workbook.xml", "xl/styles.xml"):
        items[name] = _prefixed(items[name])
    assert b"<x:sheets>" in items["xl/workbook.xml"] and b"<x:cellXfs" in items["xl/styles.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in items.items():
            z.writestr(n, d)
    for _ in range(2):
        assert main(["regenerate", str(path)]) == 0
    after = parts(path)
    assert b"<sheet " not in after["xl/workbook.xml"] and b"<x:sheet " in after["xl/workbook.xml"]
    wb = openpyxl.load_workbook(path)
    assert wb["Tabel IKU"]["A1"].value == "INDIKATOR KINERJA UTAMA" and wb["Tabel IKU"]["A1"].font.b
    assert wb["Tabel IKU"].print_title_rows == "$6:$8"
    reference = openpyxl.load_workbook(openpyxl_reference_path(tmp_path))
    from xlsx_compare import sheet_differences

    assert sheet_differences(reference["Tabel IKU"], wb["Tabel IKU"]) == []


def openpyxl_reference_path(tmp_path):
    path = office_book(tmp_path / "reference.xlsx")
    assert main(["regenerate", str(path)]) == 0
    return path


def _cover_cell(path, cell: bytes):
    """The book with the cover sheet's A1 replaced by `cell` (XML as Excel writes it)."""
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["xl/worksheets/sheet1.xml"] = items["xl/worksheets/sheet1.xml"].replace(b'<c r="A1" t="s"><v>0</v></c>',
                                                                                  cell)
    assert cell in items["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in items.items():
            z.writestr(n, d)


def test_export_values_a_spilled_ikm_tabel(tmp_path, capsys):
    """IKM_TABEL is an xl-iku function like the others: the copy holds its stored value, not a call that shows
    #NAME? without the add-in; never computed, it is an error naming the cell (a table is not computed here)."""
    path = xlsxwriter_book(tmp_path / "kantor.xlsx")
    _cover_cell(path, b'<c r="A1" t="str" cm="1"><f t="array" ref="A1:E4">_xldudf_IKM_TABEL(A10:E10)</f>'
                      b'<v>Kode</v></c>')
    copy = tmp_path / "salinan.xlsx"
    assert main(["export", str(path), "-o", str(copy)]) == 0
    cover = openpyxl.load_workbook(copy)["Sampul"]
    assert cover["A1"].value == "Kode" and cover["A1"].data_type == "s"
    sheet = parts(copy)["xl/worksheets/sheet1.xml"]
    assert b"IKM_TABEL" not in sheet
    # the spill's cell metadata (cm) belongs to the formula: a plain value that kept it would point Excel at an array
    assert re.search(rb'<c r="A1"[^>]*>', sheet).group(0).find(b"cm=") == -1

    never = xlsxwriter_book(tmp_path / "belum.xlsx")
    _cover_cell(never, b'<c r="A1"><f t="array" ref="A1:E4">_xldudf_IKM_TABEL(A10:E10)</f></c>')
    with pytest.raises(CellError) as raised:  # the place as data (issue 19)
        export(never, tmp_path / "salinan2.xlsx")
    assert (raised.value.sheet, raised.value.cell) == ("Sampul", "A1")
    assert main(["export", str(never), "-o", str(tmp_path / "salinan2.xlsx")]) == 2
    assert "Sheet 'Sampul', sel A1: rumus belum punya nilai terhitung" in capsys.readouterr().err
    assert not (tmp_path / "salinan2.xlsx").exists()


@pytest.mark.parametrize("formula, calls", [
    ("=IKM_SCORE(A1:I9)", True), ("=_xldudf_IKM_SCORE(A1:I9)", True), ("=ROUND(_xldudf_CAPAIAN(B2,C2),2)", True),
    ("=_xldudf_IKM_TABEL(A2:I99,J2:J99)", True), ("=ikm_label(88)", True),
    ("=MYIKM_SCORE(A1)", False), ("=X_IKM_SCORE(A1)", False), ("=SUM(A1:A9)", False)])
def test_xl_iku_calls_are_recognised_as_files_store_them(formula, calls):
    from xl_iku.export import uses_xl_iku

    assert uses_xl_iku(formula) is calls


def test_export_knows_every_excel_function():
    """A function added to udfs must be valued in the copy too (IKM_TABEL was forgotten once)."""
    from xl_iku import udfs
    from xl_iku.export import FUNCTIONS

    assert set(FUNCTIONS) == {n for n in dir(udfs) if n.isupper() and callable(getattr(udfs, n))}
