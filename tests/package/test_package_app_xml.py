"""package/app_xml.py on literal XML: sheet titles follow the new order when listed the way Excel does."""

from xl_iku.package.app_xml import retitle

APP = ('<Properties xmlns:vt="v"><HeadingPairs><vt:vector size="4" baseType="variant">'
       '<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant>'
       '<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>'
       '</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="3" baseType="lpstr">'
       '<vt:lpstr>Sampul</vt:lpstr><vt:lpstr>A &amp; B</vt:lpstr><vt:lpstr>Judul</vt:lpstr></vt:vector>'
       '</TitlesOfParts></Properties>')


def test_titles_follow_the_sheets():
    out = retitle(APP, ["Sampul", "A & B"], ["Sampul", "Tabel IKU", "A & B"])
    assert "<vt:i4>3</vt:i4>" in out and '<vt:vector size="4" baseType="lpstr">' in out
    assert ("<vt:lpstr>Sampul</vt:lpstr><vt:lpstr>Tabel IKU</vt:lpstr><vt:lpstr>A &amp; B</vt:lpstr>"
            "<vt:lpstr>Judul</vt:lpstr>") in out


def test_unchanged_or_unusual_lists_are_left_alone():
    assert retitle(APP, ["Sampul", "A & B"], ["Sampul", "A & B"]) is None
    assert retitle(APP, ["Lain", "A & B"], ["Lain"]) is None  # the titles do not list these sheets
