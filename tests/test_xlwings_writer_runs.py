"""The live writer styles rectangles, not cells: every cell must be covered exactly once, by its own style."""

import openpyxl.utils.cell as cellutil
import pytest

from xl_iku.bookdata import input_data
from xl_iku.layout import iku_layouts
from xl_iku.writers.xlwings_writer import _style_runs


def cells_of(ref):
    c1, r1, c2, r2 = cellutil.range_boundaries(ref)
    return {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_rectangles_cover_each_cell_once_with_its_style(root):
    path = root / "templates" / "IKU_Wotu.xlsx"
    data = input_data(path)
    for layout in iku_layouts(data):
        covered = {}
        runs = _style_runs(layout)
        for style, refs in runs.items():
            for ref in refs:
                for cell in cells_of(ref):
                    assert cell not in covered, (layout.name, ref)
                    covered[cell] = style
        assert covered == {pos: spec.style for pos, spec in layout.cells.items()}, layout.name
        assert sum(len(v) for v in runs.values()) < len(layout.cells) / 2  # rectangles, not cells


class FakeClassicSheet:
    """The COM surface `_classic_print_setup` uses, keeping the page breaks Excel would hold."""

    def __init__(self):
        from types import SimpleNamespace

        self.breaks = []
        self.api = SimpleNamespace(PageSetup=SimpleNamespace(PrintTitleRows="$5:$5"),
                                   HPageBreaks=SimpleNamespace(Add=lambda Before: self.breaks.append(Before)),
                                   ResetAllPageBreaks=self.breaks.clear)

    def range(self, cell):
        from types import SimpleNamespace

        return SimpleNamespace(api=cell[0])  # the row a break goes above


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_classic_print_setup_is_the_layouts_own_each_run(root, tmp_path):
    """Run twice (the button pressed again): print titles and page breaks are the layout's, never left over."""
    from iku_books import office_book, other_office_rows

    from xl_iku.writers.xlwings_writer import _classic_print_setup

    eight = office_book(tmp_path / "delapan.xlsx", other_office_rows())  # Grafik Capaian over two pages
    layouts = [layout for path in (root / "templates" / "IKU_Wotu.xlsx", eight)
               for layout in iku_layouts(input_data(path))]
    assert any(layout.print_setup.breaks for layout in layouts)
    for layout in layouts:
        sheet = FakeClassicSheet()
        for _ in range(2):
            _classic_print_setup(sheet, layout)
        setup = layout.print_setup
        rows = f"${setup.title_rows[0]}:${setup.title_rows[1]}" if setup.title_rows else ""
        assert sheet.api.PageSetup.PrintTitleRows == rows, layout.name
        assert sheet.breaks == [row + 1 for row in setup.breaks], layout.name
