"""Write a `SheetLayout` into an openpyxl workbook. Applies; decides nothing about content."""

from __future__ import annotations

from functools import lru_cache

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..cells import address, column_letter
from ..layout.base import FONT, SheetLayout, Style, Validation

_CM_PER_INCH = 2.54


def write_layout(book: Workbook, layout: SheetLayout, index: int | None = None) -> Worksheet:
    """Replace (same position) or add the sheet `layout.name`, built from scratch so no stale cell survives."""
    if layout.name in book.sheetnames:
        old = book[layout.name]
        index = book.index(old)
        book.remove(old)
    sheet = book.create_sheet(layout.name, index)
    for (row, col), spec in sorted(layout.cells.items()):
        cell = sheet.cell(row, col)
        cell.value = spec.value
        if isinstance(spec.value, str) and spec.value.startswith("=") and not spec.formula:
            cell.data_type = "s"  # data, not a formula: "=1+2" typed by staff stays text
        font, fill, alignment, border = _style(spec.style)
        cell.font, cell.alignment, cell.border = font, alignment, border
        if fill is not None:
            cell.fill = fill
        cell.number_format = spec.style.number_format
    for r1, c1, r2, c2 in layout.merges:
        sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for col, width in sorted(layout.column_widths.items()):
        sheet.column_dimensions[column_letter(col)].width = width
    for row, height in sorted(layout.row_heights.items()):
        sheet.row_dimensions[row].height = height
    for (row, col), text in sorted(layout.notes.items()):
        sheet.cell(row, col).comment = Comment(text, "xl-iku", width=300, height=120)
    for rule in layout.validations:
        sheet.add_data_validation(_validation(rule))
    _print_setup(sheet, layout)
    if layout.freeze:
        sheet.freeze_panes = address(*layout.freeze)
    sheet.sheet_view.showGridLines = layout.show_gridlines
    return sheet


def _print_setup(sheet: Worksheet, layout: SheetLayout) -> None:
    setup = layout.print_setup
    sheet.page_setup.orientation = "landscape" if setup.landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4 if setup.paper == "A4" else sheet.PAPERSIZE_LEGAL
    if setup.fit_to_width:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    if setup.title_rows:
        sheet.print_title_rows = f"{setup.title_rows[0]}:{setup.title_rows[1]}"
    top, right, bottom, left = (m / _CM_PER_INCH for m in setup.margins_cm)
    sheet.page_margins.top, sheet.page_margins.right = top, right
    sheet.page_margins.bottom, sheet.page_margins.left = bottom, left
    sheet.print_options.horizontalCentered = True
    if setup.footer:
        sheet.oddFooter.center.text = setup.footer
        sheet.oddFooter.center.size = 8


def _validation(rule: Validation) -> DataValidation:
    if rule.kind == "list":
        dv = DataValidation(type="list", formula1='"' + ",".join(rule.values) + '"', allow_blank=True)
    else:
        dv = DataValidation(type=rule.kind, operator="between", formula1=str(rule.minimum),
                            formula2=str(rule.maximum), allow_blank=True)
    dv.promptTitle, dv.prompt = "xl-iku", rule.prompt
    dv.errorTitle, dv.error = "Isian tidak sah", rule.error
    dv.showInputMessage = bool(rule.prompt)
    dv.showErrorMessage = True
    dv.add(rule.cells)
    return dv


@lru_cache(maxsize=None)
def _style(style: Style) -> tuple[Font, PatternFill | None, Alignment, Border]:
    font = Font(name=FONT, size=style.size, bold=style.bold, italic=style.italic,
                underline="single" if style.underline else None)
    fill = PatternFill("solid", fgColor=style.fill) if style.fill else None
    alignment = Alignment(horizontal=None if style.halign == "general" else style.halign,
                          vertical=style.valign, wrap_text=style.wrap or None)
    side = Side(style="thin", color="000000") if style.border else Side()
    border = Border(left=side, right=side, top=side, bottom=side)
    return font, fill, alignment, border
