"""package/parts.py and package/replace.show_only on a small literal package whose zip entries differ in case from
what its relationships and content types say (Excel and calamine open such files)."""

import zipfile

import pytest

from xl_iku.package import Package, PackageError, show_only
from xl_iku.package.workbook_xml import sheets

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ENTRIES = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                           '<Default Extension="xml" ContentType="application/xml"/>'
                           '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="ws"/></Types>',
    "_rels/.rels": f"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                   f"<Relationship Id='rId1' Type='{R}/officeDocument' Target='xl/workbook.xml'/></Relationships>",
    "XL/Workbook.xml": f"<x:workbook xmlns:x='{M}' xmlns:r='{R}'><x:bookViews><x:workbookView/></x:bookViews>"
                       "<x:sheets><x:sheet name='Satu' sheetId='1' r:id='rId1'/>"
                       "<x:sheet name='Dua &amp; Tiga' sheetId='2' r:id='rId2'/></x:sheets></x:workbook>",
    "XL/_rels/Workbook.xml.rels": "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                                  f"<Relationship Id='rId1' Type='{R}/worksheet' Target='worksheets/sheet1.xml'/>"
                                  f"<Relationship Id='rId2' Type='{R}/worksheet' Target='/xl/worksheets/sheet2.xml'/>"
                                  "</Relationships>",
    "xl/WORKSHEETS/SHEET1.XML": f"<worksheet xmlns='{M}'><sheetViews><sheetView tabSelected='1'/></sheetViews>"
                                "</worksheet>",
    "xl/worksheets/sheet2.xml": f"<worksheet xmlns='{M}'/>",
}


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "kasus.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in ENTRIES.items():
            z.writestr(name, text)
    return path


def test_parts_found_whatever_their_case(book):
    with Package(book) as package:
        assert package.workbook_part == "XL/Workbook.xml"
        assert [(s.name, s.part) for s in package.sheets()] == [("Satu", "xl/WORKSHEETS/SHEET1.XML"),
                                                               ("Dua & Tiga", "xl/worksheets/sheet2.xml")]
        assert package.read("xl/worksheets/sheet1.xml") == ENTRIES["xl/WORKSHEETS/SHEET1.XML"].encode()
        assert package.content_type("xl/WORKSHEETS/SHEET1.XML") == "ws"
        assert package.spelled() == {"XL/Workbook.xml": "xl/workbook.xml",
                                     "XL/_rels/Workbook.xml.rels": "xl/_rels/workbook.xml.rels",
                                     "xl/WORKSHEETS/SHEET1.XML": "xl/worksheets/sheet1.xml"}


def test_show_only_writes_names_as_relationships_spell_them(book, tmp_path):
    out = tmp_path / "salinan.xlsx"
    assert show_only(str(book), str(out), lambda name: name != "Satu") == ["Dua & Tiga"]
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == sorted(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                               "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                                               "xl/worksheets/sheet2.xml"])
        assert b"tabSelected" not in z.read("xl/worksheets/sheet1.xml")
        listed = sheets(z.read("xl/workbook.xml").decode(), {})
        assert [(s.name, s.state) for s in listed] == [("Satu", "hidden"), ("Dua & Tiga", "visible")]


def test_not_a_package(tmp_path):
    path = tmp_path / "bukan.xlsx"
    path.write_bytes(b"PK\x03\x04 terpotong")
    with pytest.raises(PackageError):
        Package(path)
