"""The live writer styles rectangles, not cells: every cell must be covered exactly once, by its own style."""

import openpyxl.utils.cell as cellutil
import pytest

from xl_iku.bookdata import book_data
from xl_iku.workbook import load
from xl_iku.writers.xlwings_writer import _style_runs


def cells_of(ref):
    c1, r1, c2, r2 = cellutil.range_boundaries(ref)
    return {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_rectangles_cover_each_cell_once_with_its_style(root):
    path = root / "templates" / "IKU_Wotu.xlsx"
    data = book_data(load(path), path)
    for layout in data.layouts():
        covered = {}
        runs = _style_runs(layout)
        for style, refs in runs.items():
            for ref in refs:
                for cell in cells_of(ref):
                    assert cell not in covered, (layout.name, ref)
                    covered[cell] = style
        assert covered == {pos: spec.style for pos, spec in layout.cells.items()}, layout.name
        assert sum(len(v) for v in runs.values()) < len(layout.cells) / 2  # rectangles, not cells
