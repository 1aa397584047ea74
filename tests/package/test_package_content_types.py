"""package/content_types.py on literal XML."""

from xl_iku.package import content_types as ct

TEXT = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="XML" ContentType="application/xml"/>'
        "<Default Extension='png' ContentType='image/png'/>"
        '<Override PartName="/xl/Worksheets/Sheet1.xml" ContentType="ws"/>'
        '<Override ContentType = "cc" PartName = "/xl/calcChain.xml" />'
        "</Types>")


def test_types_by_extension_and_part_name_without_case():
    defaults, overrides = ct.parse(TEXT)
    assert ct.type_of("xl/worksheets/sheet1.xml", defaults, overrides) == "ws"
    assert ct.type_of("xl/media/image1.PNG", defaults, overrides) == "image/png"
    assert ct.type_of("docProps/custom.xml", defaults, overrides) == "application/xml"


def test_gone_parts_leave_and_new_ones_come():
    out = ct.edit(TEXT, {"xl/calcchain.xml"}, {"xl/worksheets/sheet1.xml": "ws", "xl/drawings/drawing1.xml": "dr",
                                               "xl/media/image9.emf": "image/x-emf"})
    defaults, overrides = ct.parse(out)
    assert "xl/calcchain.xml" not in overrides
    assert out.count("Sheet1.xml") == 1 and "xl/worksheets/sheet1.xml" not in out  # kept as it was written
    assert overrides["xl/drawings/drawing1.xml"] == "dr" and defaults["emf"] == "image/x-emf"


def test_a_part_that_changes_type_gets_the_new_one():
    out = ct.edit(TEXT, set(), {"xl/worksheets/sheet1.xml": "other"})
    assert ct.parse(out)[1]["xl/worksheets/sheet1.xml"] == "other" and '"ws"' not in out


def test_a_second_edit_of_the_same_parts_changes_nothing():
    # a new sheet with comments: its comments part is replaced on the next run (gone, then added again with the
    # same name and type) and a new non-XML extension (vml) gets a Default; the second run must write the same text
    new = {"xl/worksheets/sheet9.xml": "ws", "xl/comments1.xml": "comments", "xl/drawings/vmlDrawing1.vml": "vml"}
    first = ct.edit(TEXT, set(), new)
    second = ct.edit(first, {"xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"}, new)
    assert second == first
    defaults, overrides = ct.parse(second)
    assert overrides["xl/comments1.xml"] == "comments" and defaults["vml"] == "vml"


def test_defaults_come_before_the_overrides():
    out = ct.edit(TEXT, set(), {"xl/media/image9.emf": "image/x-emf"})
    assert out.index('Extension="emf"') < out.index("<Override")
