"""package/relationships.py on literal XML: targets relative, absolute, in another case; part-name allocation."""

from xl_iku.package import relationships as rels

TEXT = """<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Target='/xl/worksheets/Sheet2.xml' Type='t/worksheet' Id='rId2'/>
  <Relationship Id = "rId3" Type = "t/drawing" Target = "../drawings/drawing1.xml" />
  <Relationship Id="rId4" Type="t/hyperlink" Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"/>
  <Relationship Id="rId5" Type="t/image" Target="media/image%201.png"/>
</Relationships>"""


def test_targets_resolved_against_the_source_part():
    found = rels.parse(TEXT, "xl/workbook.xml")
    assert [(r.id, r.target, r.external) for r in found] == [
        ("rId1", "xl/worksheets/sheet1.xml", False), ("rId2", "xl/worksheets/Sheet2.xml", False),
        ("rId3", "drawings/drawing1.xml", False), ("rId4", "https://example.org/a?b=1&c=2", True),
        ("rId5", "xl/media/image 1.png", False)]


def test_targets_resolved_to_the_zip_spelling():
    names = {"xl/worksheets/sheet2.xml": "xl/worksheets/sheet2.xml"}
    found = rels.parse(TEXT, "xl/workbook.xml", lambda n: names.get(n.lower(), n))
    assert found[1].target == "xl/worksheets/sheet2.xml"


def test_rels_part_and_back():
    assert rels.rels_part("xl/worksheets/sheet1.xml") == "xl/worksheets/_rels/sheet1.xml.rels"
    assert rels.rels_part("") == "_rels/.rels"
    assert rels.source_of("xl/worksheets/_rels/sheet1.xml.rels") == "xl/worksheets/sheet1.xml"
    assert rels.source_of("_rels/.rels") == "" and rels.source_of("xl/workbook.xml") is None


def test_written_absolute_and_renamed():
    found = rels.parse(TEXT, "xl/workbook.xml")[:1] + rels.parse(TEXT, "xl/workbook.xml")[3:4]
    out = rels.to_xml(found, {"xl/worksheets/sheet1.xml": "xl/worksheets/sheet9.xml"})
    again = rels.parse(out, "xl/workbook.xml")
    assert [(r.id, r.target) for r in again] == [("rId1", "xl/worksheets/sheet9.xml"),
                                                 ("rId4", "https://example.org/a?b=1&c=2")]
    assert 'Target="/xl/worksheets/sheet9.xml"' in out


def test_part_names_never_handed_out_twice_whatever_the_case():
    names = rels.PartNames(["xl/worksheets/Sheet1.xml", "XL/WORKSHEETS/SHEET2.XML"])
    assert names.new("xl/worksheets/sheet.xml") == "xl/worksheets/sheet3.xml"
    assert names.new("xl/worksheets/sheet.xml") == "xl/worksheets/sheet4.xml"
    names.reserve("xl/drawings/drawing1.xml")
    assert names.new("xl/drawings/drawing7.xml") == "xl/drawings/drawing2.xml"
    assert "XL/Drawings/Drawing2.xml" in names


def test_relationship_ids_compared_without_case():
    taken = {"rid1", "rid2"}
    assert rels.new_id(taken) == "rId3" and rels.new_id(taken) == "rId4"
