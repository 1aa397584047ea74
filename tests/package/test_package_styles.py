"""package/styles.py on literal XML: scratch formats merged, existing indices unchanged, nothing appended twice."""

import pytest

from xl_iku.package.styles import StyleMerge

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def source(p=""):
    return (f'<{p}styleSheet xmlns{":" + p[:-1] if p else ""}="{M}"><{p}numFmts count="1">'
            f'<{p}numFmt numFmtId="164" formatCode="0.0"/></{p}numFmts>'
            f'<{p}fonts count="1"><{p}font><{p}sz val="11"/></{p}font></{p}fonts>'
            f'<{p}fills count="1"><{p}fill><{p}patternFill patternType="none"/></{p}fill></{p}fills>'
            f'<{p}borders count="1"><{p}border/></{p}borders>'
            f'<{p}cellXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></{p}cellXfs>'
            f'</{p}styleSheet>')


SCRATCH = (f'<styleSheet xmlns="{M}"><numFmts count="1"><numFmt numFmtId="170" formatCode="0.00%"/></numFmts>'
           '<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="12"/></font></fonts>'
           '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
           '<borders count="1"><border/></borders><cellXfs count="3">'
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="170" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
           '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
           '<dxfs count="1"><dxf><font><b/></font></dxf></dxfs></styleSheet>')


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_merge_reuses_equal_entries_and_appends_new_ones(prefix):
    merge = StyleMerge(source(prefix), SCRATCH)
    assert merge.xf(0) == 0  # equal to the source's own entry
    assert merge.xf(1) == 1 and merge.xf(2) == 2 and merge.xf(1) == 1
    assert merge.dxf(0) == 0
    out = merge.result()
    assert f'<{prefix}numFmt numFmtId="165" formatCode="0.00%"/>' in out
    assert f'<{prefix}fonts count="2">' in out and f'<{prefix}cellXfs count="3">' in out
    assert f'<{prefix}dxfs count="1">' in out
    # a second merge into the result appends nothing
    again = StyleMerge(out, SCRATCH)
    assert [again.xf(i) for i in range(3)] == [0, 1, 2] and again.dxf(0) == 0 and again.count == 0
    assert again.result() == out
