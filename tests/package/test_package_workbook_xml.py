"""package/workbook_xml.py on literal XML: the sheet list, states, defined names, rewriting, showing only some."""

import pytest

from xl_iku.package import workbook_xml as wx
from xl_iku.package.xml import REL_NS, attr, start_tags

PLAIN = (f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{REL_NS}">'
         '<bookViews><workbookView activeTab="2" firstSheet="0"/></bookViews><sheets>'
         '<sheet name="Sampul" sheetId="1" r:id="rId1"/>'
         '<sheet name="Tabel IKU" sheetId="2" state="hidden" r:id="rId2"/>'
         '<sheet name="A &amp; B" sheetId="5" r:id="rId3"/></sheets>'
         '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">\'Tabel IKU\'!$6:$8</definedName>'
         '<definedName name="Judul">Sampul!$A$1</definedName>'
         '<definedName name="Lokal" localSheetId="2">\'A &amp; B\'!$A$1</definedName></definedNames></workbook>')
DIALECT = (f"<x:workbook xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main' xmlns:rel='{REL_NS}'>"
           "<x:bookViews><x:workbookView firstSheet = '0' activeTab = '2' /></x:bookViews><x:sheets>"
           "<x:sheet rel:id='rId1' sheetId='1' name='Sampul'/>"
           "<x:sheet state = 'hidden' rel:id='rId2' name='Tabel IKU' sheetId='2'></x:sheet>"
           "<x:sheet name='A &#38; B' rel:id='rId3' sheetId='5'/></x:sheets>"
           "<x:definedNames><x:definedName localSheetId='1' name='_xlnm.Print_Titles'>'Tabel IKU'!$6:$8"
           "</x:definedName><x:definedName name='Judul'>Sampul!$A$1</x:definedName>"
           "<x:definedName localSheetId='2' name='Lokal'>'A &#38; B'!$A$1</x:definedName></x:definedNames>"
           "</x:workbook>")
TARGETS = {"rId1": "xl/worksheets/sheet1.xml", "rId2": "xl/worksheets/sheet2.xml", "rId3": "xl/worksheets/sheet3.xml"}
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="t/worksheet" Target="/{p}"/>' for i, p in TARGETS.items())
        + '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"'
          ' Target="calcChain.xml"/></Relationships>')
SCRATCH = ('<workbook><sheets><sheet name="Tabel IKU" sheetId="1" r:id="rId1"/>'
           '<sheet name="Grafik Capaian" sheetId="2" r:id="rId2"/></sheets><definedNames>'
           '<definedName name="_xlnm.Print_Titles" localSheetId="0">\'Tabel IKU\'!$1:$3</definedName>'
           '</definedNames></workbook>')


@pytest.mark.parametrize("text", [PLAIN, DIALECT])
def test_sheets_states_and_names_in_any_spelling(text):
    sheets = wx.sheets(text, TARGETS)
    assert [(s.name, s.sheet_id, s.rid, s.part, s.state) for s in sheets] == [
        ("Sampul", 1, "rId1", "xl/worksheets/sheet1.xml", "visible"),
        ("Tabel IKU", 2, "rId2", "xl/worksheets/sheet2.xml", "hidden"),
        ("A & B", 5, "rId3", "xl/worksheets/sheet3.xml", "visible")]
    assert wx.defined_names(text) == [("_xlnm.Print_Titles", 1, "'Tabel IKU'!$6:$8"), ("Judul", None, "Sampul!$A$1"),
                                      ("Lokal", 2, "'A & B'!$A$1")]


@pytest.mark.parametrize("text", [PLAIN, DIALECT])
def test_show_only_in_any_spelling(text):
    out, present = wx.show_only(text, lambda name: name != "Sampul")
    assert present == ["Tabel IKU", "A & B"]
    assert [s.state for s in wx.sheets(out, TARGETS)] == ["hidden", "visible", "visible"]
    view = next(start_tags(out, "workbookView"))
    assert attr(view, "activeTab") == "1" and attr(view, "firstSheet") == "1"


@pytest.mark.parametrize("text", [PLAIN, DIALECT])
def test_rewrite_replaces_adds_and_moves_names(text):
    sheets = wx.sheets(text, TARGETS)
    placed = {"Tabel IKU": "xl/worksheets/sheet2.xml", "Grafik Capaian": "xl/worksheets/sheet4.xml"}
    order, out, rels = wx.rewrite(text, RELS, sheets, set(TARGETS) | {"rId9"}, ["Tabel IKU", "Grafik Capaian"],
                                  SCRATCH, {"Tabel IKU": "Tabel IKU", "Grafik Capaian": None}, {"Sampul"}, placed,
                                  {"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"})
    assert order == ["Tabel IKU", "A & B", "Grafik Capaian"]
    new = wx.sheets(out, {"rId2": "2", "rId3": "3", "rId4": "4"})
    assert [(s.name, s.sheet_id, s.rid) for s in new] == [("Tabel IKU", 2, "rId2"), ("A & B", 5, "rId3"),
                                                          ("Grafik Capaian", 6, "rId4")]
    assert "calcChain" not in rels and 'Id="rId1" Type="t/worksheet"' not in rels
    assert 'Target="/xl/worksheets/sheet4.xml"' in rels
    assert wx.defined_names(out) == [("Lokal", 1, "'A & B'!$A$1"), ("_xlnm.Print_Titles", 0, "'Tabel IKU'!$1:$3")]
    view = next(start_tags(out, "workbookView"))
    assert attr(view, "activeTab") == "1"  # A & B was active: it moved from 2 to 1


def test_new_sheet_goes_before_the_next_replaced_one():
    sheets = wx.sheets(PLAIN, TARGETS)
    scratch = ["Grafik Capaian", "Tabel IKU"]
    placed = {"Tabel IKU": "xl/worksheets/sheet2.xml", "Grafik Capaian": "xl/worksheets/sheet4.xml"}
    order, out, _ = wx.rewrite(PLAIN, RELS, sheets, set(TARGETS), scratch, "<workbook/>",
                               {"Tabel IKU": "Tabel IKU", "Grafik Capaian": None}, set(), placed, set())
    assert order == ["Sampul", "Grafik Capaian", "Tabel IKU", "A & B"]
    assert [s.name for s in wx.sheets(out, {})] == order
