"""Compare two workbooks the XlsxWriter way: sheet by sheet, cell by cell, style by style, plus merges, sizes,
print setup, freeze panes, validation and names. Returns readable differences (empty list = equal)."""

from __future__ import annotations

import openpyxl
from openpyxl.utils import get_column_letter


def _style(cell):
    f, a, b = cell.font, cell.alignment, cell.border
    fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type else None
    return (
        (f.name, f.sz, f.b, f.i, f.u),
        fill,
        (a.horizontal, a.vertical, a.wrap_text),
        tuple(getattr(b, side).style for side in ("left", "right", "top", "bottom")),
        cell.number_format,
        cell.data_type,
    )


def sheet_differences(a, b, label=""):
    diffs = []
    where = label or a.title
    rows = max(a.max_row, b.max_row)
    cols = max(a.max_column, b.max_column)
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            x, y = a.cell(r, c), b.cell(r, c)
            ref = f"{where}!{get_column_letter(c)}{r}"
            if x.value != y.value:
                diffs.append(f"{ref}: value {x.value!r} != {y.value!r}")
            if _style(x) != _style(y):
                diffs.append(f"{ref}: style {_style(x)} != {_style(y)}")
            cx, cy = x.comment, y.comment
            if (cx and cx.text) != (cy and cy.text):
                diffs.append(f"{ref}: comment differs")
    if sorted(map(str, a.merged_cells.ranges)) != sorted(map(str, b.merged_cells.ranges)):
        diffs.append(f"{where}: merges {sorted(map(str, a.merged_cells.ranges))} != "
                     f"{sorted(map(str, b.merged_cells.ranges))}")
    widths = lambda s: {k: v.width for k, v in s.column_dimensions.items() if v.width}
    heights = lambda s: {k: v.height for k, v in s.row_dimensions.items() if v.height}
    if widths(a) != widths(b):
        diffs.append(f"{where}: column widths {widths(a)} != {widths(b)}")
    if heights(a) != heights(b):
        diffs.append(f"{where}: row heights {heights(a)} != {heights(b)}")
    page = lambda s: (s.page_setup.orientation, s.page_setup.paperSize, s.page_setup.fitToWidth,
                      s.page_setup.fitToHeight, s.sheet_properties.pageSetUpPr.fitToPage if
                      s.sheet_properties.pageSetUpPr else None, s.print_title_rows, s.oddFooter.center.text,
                      s.freeze_panes, s.sheet_view.showGridLines, s.sheet_state)
    if page(a) != page(b):
        diffs.append(f"{where}: page/view {page(a)} != {page(b)}")
    dv = lambda s: sorted((d.type, d.formula1, d.formula2, str(d.sqref)) for d in s.data_validations.dataValidation)
    if dv(a) != dv(b):
        diffs.append(f"{where}: validations {dv(a)} != {dv(b)}")
    return diffs


def workbook_differences(path_a, path_b, sheets=None):
    a = openpyxl.load_workbook(path_a)
    b = openpyxl.load_workbook(path_b)
    diffs = []
    if sheets is None:
        if a.sheetnames != b.sheetnames:
            return [f"sheets {a.sheetnames} != {b.sheetnames}"]
        sheets = a.sheetnames
    for name in sheets:
        diffs += sheet_differences(a[name], b[name])
    names = lambda w: sorted((n, w.defined_names[n].attr_text) for n in w.defined_names)
    if names(a) != names(b):
        diffs.append(f"defined names {names(a)} != {names(b)}")
    return diffs
