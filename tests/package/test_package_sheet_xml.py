"""package/sheet_xml.py on literal XML: a scratch sheet made ready; tab selection; what users put on sheets."""

import pytest

from xl_iku.package import sheet_xml

SCRATCH = ('<worksheet><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><cols>'
           '<col min="1" max="1" width="9" style="2" customWidth="1"/></cols><sheetData>'
           '<row r="1" s="1" customFormat="1"><c r="A1" s="1" t="s"><v>1</v></c><c r="B1" s="2"><f>IKM_SCORE(C1:C9)</f>'
           '<v></v></c><c r="C1"><f>1=1</f><v/></c><c r="D1" s="2"><f>IKM_LABEL(B1)</f><v/></c>'
           '<c r="E1"><f>1+1</f><v/></c></row></sheetData>'
           '<conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="0" priority="1"><formula>1</formula>'
           '</cfRule></conditionalFormatting></worksheet>')


def test_scratch_sheet_made_ready():
    out = sheet_xml.transplant(SCRATCH, lambda i: i + 10, lambda i: i + 20, ["nol", "A & B"],
                               {"B1": 82.5, "C1": True, "D1": "Baik", "Z9": 1})
    assert '<c r="A1" s="11" t="inlineStr"><is><t xml:space="preserve">A &amp; B</t></is></c>' in out
    assert '<c r="B1" s="12"><f>IKM_SCORE(C1:C9)</f><v>82.5</v></c>' in out
    assert '<c r="C1" t="b"><f>1=1</f><v>1</v></c>' in out
    assert '<c r="D1" s="12" t="str"><f>IKM_LABEL(B1)</f><v>Baik</v></c>' in out
    assert '<c r="E1"><f>1+1</f><v/></c>' in out  # no computed value: left for the spreadsheet
    assert '<row r="1" s="11"' in out and 'style="12"' in out and 'dxfId="20"' in out
    assert "tabSelected" not in out


@pytest.mark.parametrize("spelling", [b' tabSelected="1"', b" tabSelected = '1'", b' tabSelected="true"'])
def test_unselect_in_any_spelling(spelling):
    data = b'<x:sheetView' + spelling + b' workbookViewId="0"/>'
    assert sheet_xml.unselect(data) == b'<x:sheetView workbookViewId="0"/>'


@pytest.mark.parametrize("data, labels", [
    (b'<xdr:wsDr><xdr:pic><xdr:nvPicPr/></xdr:pic></xdr:wsDr>', ["gambar"]),
    (b'<wsDr><pic/><sp><txBody/></sp></wsDr>', ["gambar", "bentuk/kotak teks"]),
    (b'<d:wsDr xmlns:d="x"><d:grpSp><d:sp/></d:grpSp></d:wsDr>', ["bentuk/kotak teks"]),
    (b'<x14:sparklineGroups><x14:sparklineGroup type="line"/></x14:sparklineGroups>', ["sparkline"]),
    (b'<legacyDrawingHF r:id="rId3"/>', ["gambar di header/footer"]),
    (b'<controls><control shapeId="1025" r:id="rId4"/></controls>', ["tombol/kontrol formulir"]),
    (b'<a:sp3d/><a:picLocks/><sheetData/>', []),
])
def test_user_content(data, labels):
    assert sheet_xml.user_content(data) == labels


def test_shared_strings_and_table_ids():
    data = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>A &amp; B</t></si>'
            b'<si><r><t>ka</t></r><r><t>ta</t></r></si></sst>')
    assert sheet_xml.shared_strings(data) == ["A & B", "kata"]
    table = b"<table id='4' name='T'><autoFilter/></table>"
    assert sheet_xml.table_id(table.decode()) == 4
    assert sheet_xml.table_id(sheet_xml.with_table_id(table, 9).decode()) == 9
