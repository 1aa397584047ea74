"""The one module that reads an .xlsx sheet part's XML (`readers/xlsx_scan.py`): what the survey sources and the
input book both rely on, checked on hand-written sheet XML (prefixed namespaces, shared formulas, a sparkline's
formula outside the cells, error values, text formulas with an empty result)."""

import zipfile

import pytest

from xl_iku.package import Package
from xl_iku.readers import xlsx_scan

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_xml(cells: str, prefix: str = "", tail: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN}"'
    return (f'<?xml version="1.0"?><{p}worksheet {ns} xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
            f'<{p}dimension ref="A1:C3"/><{p}sheetData>{cells}</{p}sheetData>{tail}</{p}worksheet>').encode()


@pytest.mark.parametrize("prefix", ["", "x"])
def test_uncomputed_formulas_and_error_cells(prefix):
    p = f"{prefix}:" if prefix else ""
    cells = (f'<{p}row r="1"><{p}c r="A1"><{p}f>1+1</{p}f><{p}v>2</{p}v></{p}c>'
             f'<{p}c r="B1" t="str"><{p}f>""</{p}f><{p}v></{p}v></{p}c>'  # a text formula's empty result
             f'<{p}c r="C1" t="e"><{p}v>#DIV/0!</{p}v></{p}c></{p}row>'
             f'<{p}row r="2"><{p}c r="A2"><{p}f t="shared" ref="A2:A3" si="0">A1</{p}f></{p}c>'
             f'<{p}c r="B2"><{p}f t="shared" si="0"/></{p}c><{p}c r="C2" t="e"></{p}c></{p}row>')
    data = sheet_xml(cells, prefix, tail="<extLst><xm:f>Data!A1:A3</xm:f></extLst>")
    first, last = xlsx_scan.sheet_data(data)
    assert list(xlsx_scan.uncomputed_formulas(data, first, last)) == ["A2", "B2"]
    assert xlsx_scan.uncomputed_formula(data) == "A2"
    assert xlsx_scan.error_cells(data) == {(1, 3): "#DIV/0!", (2, 3): "#N/A"}
    assert xlsx_scan.uncomputed_formula(sheet_xml("", tail="<extLst><xm:f>x</xm:f></extLst>")) is None
    assert xlsx_scan.error_cells(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')) == {}


def test_scan_and_sparse_read_of_a_far_away_cell(tmp_path):
    """The survey's pass (extent, problem cells) and the sparse read share the package's strings and styles."""
    cells = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45658</v></c>'
             '<c r="C1"><f>1/0</f></c><c r="D1" t="e"><v>#N/A</v></c></row>'
             '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>')
    path = tmp_path / "far.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="r"><sheets>'
                   '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{rel}worksheet" '
                   f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}sharedStrings" '
                   f'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{rel}styles" Target="styles.xml"/>'
                   '</Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"><si><t>Tanggal</t></si></sst>')
        z.writestr("xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/>'
                   '</cellXfs></styleSheet>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml(cells))
    package = Package(path)
    part = next(s.part for s in package.sheets() if s.name == "Data")
    scan = xlsx_scan.scan_sheet(package, part)
    assert (scan.max_row, scan.max_column) == (1048576, 16384)
    assert scan.dense_cells > xlsx_scan.DENSE_CELL_LIMIT
    assert scan.problems == {(1, 3): "rumus", (1, 4): "#N/A"}
    rows = xlsx_scan.CellValues(package).sparse_rows(package.read(part))
    assert len(rows) == 1048576 and all(row == [] for row in rows[1:-1])
    assert rows[0][:2] == ["Tanggal", xlsx_scan._EPOCH + __import__("datetime").timedelta(days=45658)]
    assert rows[0][2:] == [None, "#N/A"] and rows[-1] == [None] * 16383 + [7.0]
