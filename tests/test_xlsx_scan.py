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


def _one_part_zip(path, data: bytes) -> None:
    """A workbook whose one sheet part (written last: its central directory entry is the last) holds `data`."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", f'<Relationships><Relationship Id="r1" Type="{rel}officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="r"><sheets>'
                   '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{rel}worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", data)


@pytest.mark.parametrize("size", [0, 1, 5_000, 300_000])
def test_libdeflate_and_zlib_inflate_the_same_bytes(tmp_path, monkeypatch, size):
    """`inflated` reads a part with libdeflate when the `deflate` package is there, else with zlib: the same bytes
    either way, for an empty part too, and both the same as zipfile's reading."""
    import random

    rng = random.Random(size)
    data = bytes(rng.choice(b'<c r="A1" t="s"><v>12</v></c>\n ') for _ in range(size))
    path = tmp_path / "p.zip"
    _one_part_zip(path, data)
    read = {}
    for name, inflate in (("libdeflate", xlsx_scan._inflate), ("zlib", None)):
        monkeypatch.setattr(xlsx_scan, "_inflate", inflate)
        with Package(path) as package:
            read[name] = xlsx_scan.inflated(package, "xl/worksheets/sheet1.xml")
    assert read["libdeflate"] == read["zlib"] == data
    assert xlsx_scan._inflate is None or xlsx_scan._crc32 is not __import__("zlib").crc32  # libdeflate is used


@pytest.mark.parametrize("damage", ["flipped", "cut", "size"])
def test_a_damaged_part_fails_the_same_with_libdeflate_as_with_zlib(tmp_path, monkeypatch, damage):
    """Damaged data, a stream cut short, a stated size that does not agree: libdeflate's refusal is handed to zlib,
    so the error (zlib.error or BadZipFile, naming the part) is the one zlib alone gives."""
    import struct
    import zlib

    data = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(1, 3000))
    path = tmp_path / "p.zip"
    _one_part_zip(path, data)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    if damage == "flipped":
        for i in range(start + 20, start + 200):
            raw[i] ^= 0x5A
    elif damage == "cut":
        raw[start + info.compress_size // 2:start + info.compress_size] = bytes(info.compress_size
                                                                                 - info.compress_size // 2)
    else:  # the central directory states one byte more than the part holds
        central = raw.rfind(b"PK\x01\x02")
        raw[central + 24:central + 28] = struct.pack("<I", info.file_size + 1)
    path.write_bytes(bytes(raw))
    errors = {}
    for name, inflate in (("libdeflate", xlsx_scan._inflate), ("zlib", None)):
        monkeypatch.setattr(xlsx_scan, "_inflate", inflate)
        with Package(path) as package, pytest.raises((zlib.error, zipfile.BadZipFile)) as raised:
            xlsx_scan.inflated(package, "xl/worksheets/sheet1.xml")
        errors[name] = (type(raised.value), str(raised.value))
    assert errors["libdeflate"] == errors["zlib"]


def test_the_guard_and_the_sparse_read_the_same_with_libdeflate_as_with_zlib(tmp_path, monkeypatch):
    """libdeflate hands back a bytearray, zlib bytes: the scan (extent, an error value, a formula never computed)
    and the sparse read of a part with a cell at XFD1048576 come out the same from either."""
    cells = ('<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="e"><v>#DIV/0!</v></c><c r="C1"><f>A1+1</f></c></row>'
             + "".join(f'<row r="{r}"><c r="A{r}"><v>{r % 4 + 1}</v></c></row>' for r in range(2, 2000))
             + '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>')
    path = tmp_path / "far.xlsx"
    _one_part_zip(path, sheet_xml(cells))
    seen = {}
    for name, inflate in (("libdeflate", xlsx_scan._inflate), ("zlib", None)):
        monkeypatch.setattr(xlsx_scan, "_inflate", inflate)
        with Package(path) as package:
            scan = xlsx_scan.scan_sheet(package, "xl/worksheets/sheet1.xml", keep_above=xlsx_scan.DENSE_CELL_LIMIT)
            assert scan.data is not None  # kept for the sparse read
            rows = xlsx_scan.CellValues(package).sparse_rows(scan.data)
        seen[name] = (scan.max_row, scan.max_column, scan.problems, len(rows), rows[:3], rows[-1][-1])
    assert seen["libdeflate"] == seen["zlib"]
    assert seen["zlib"][:3] == (1048576, 16384, {(1, 2): "#DIV/0!", (1, 3): "rumus"})


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300)  # fast: more than the suite's default 5
@given(st.lists(st.sampled_from([b":", b":c", b":c ", b":c>", b":c/", b":cc", b"<c ", b"x", b"\n", b'r="A1"']),
                max_size=200), st.integers(0, 5), st.integers(0, 5))
def test_prefixed_cell_is_the_regex_search(pieces, cut_first, cut_last):
    """`_prefixed_cell` (colons by find, then the regex) answers as the regex over the same span, with few colons
    and with more than it looks at one by one (the limit set low so both ways are taken)."""
    data = b"".join(pieces)
    first, last = min(cut_first, len(data)), max(len(data) - cut_last, 0)
    expected = xlsx_scan._PREFIXED_CELL.search(data, first, last) is not None
    assert xlsx_scan._prefixed_cell(data, first, last) == expected
    limit = xlsx_scan._COLONS_BY_FIND
    try:
        xlsx_scan._COLONS_BY_FIND = 2
        assert xlsx_scan._prefixed_cell(data, first, last) == expected
    finally:
        xlsx_scan._COLONS_BY_FIND = limit
