"""package/xml.py on literal XML: every spelling the specification allows reads the same."""

import pytest

from xl_iku.package import xml

SPELLINGS = [
    '<sheet name="A &amp; B" sheetId="3" r:id="rId7"/>',
    "<sheet name='A &amp; B' sheetId='3' r:id='rId7'/>",
    '<sheet  r:id = "rId7"\n  sheetId= "3"  name ="A &#38; B" />',
    '<x:sheet name="A &#x26; B" sheetId="3" rel:id="rId7"></x:sheet>',
]


@pytest.mark.parametrize("tag", SPELLINGS)
def test_attributes_in_any_spelling(tag):
    assert xml.attr(tag, "name") == "A & B"
    assert xml.attr(tag, "sheetId") == "3"
    assert xml.attr_local(tag, "id") == "rId7"
    assert xml.attr(tag, "state") is None


@pytest.mark.parametrize("tag", SPELLINGS)
def test_set_attribute_keeps_the_rest(tag):
    changed = xml.set_attr(tag, "name", "C < D")
    assert xml.attr(changed, "name") == "C < D" and xml.attr(changed, "sheetId") == "3"
    added = xml.set_attr(tag, "state", "hidden")
    assert xml.attr(added, "state") == "hidden" and xml.attr(added, "name") == "A & B"
    assert xml.attr(xml.drop_attr(added, "state"), "state") is None


def test_start_tags_with_any_prefix_and_gt_in_values():
    text = '<x:sheets><x:sheet name="a>b" sheetId="1"/><sheet name=\'c\'/></x:sheets><sheetPr/>'
    assert [xml.attr(t, "name") for t in xml.start_tags(text, "sheet")] == ["a>b", "c"]
    found = xml.block(text, "sheets")
    assert found.group(1) == "<x:sheets>" and found.group(3) == "</x:sheets>"


def test_elements_removed_and_inserted():
    text = '<Types><Override PartName="/a"/><x:Override PartName=\'/b\'></x:Override></Types>'
    kept = xml.remove_elements(text, "Override", lambda e: xml.attr(e, "PartName") == "/b")
    assert kept == "<Types><x:Override PartName='/b'></x:Override></Types>"
    assert xml.insert_before_close(kept, "Types", "<D/>").endswith("<D/></Types>")


def test_prefixes():
    text = f'<x:workbook xmlns:x="{xml.MAIN}" xmlns:rel = \'{xml.REL_NS}\'><x:sheets/></x:workbook>'
    assert xml.prefix_of(text, "sheets") == "x:" and xml.ns_prefix(text, xml.REL_NS) == "rel"
    assert xml.text_of("<t>A &amp; B</t>") == "A & B"
