"""Write a `SheetLayout` into an openpyxl workbook. Applies; decides nothing about content."""

from __future__ import annotations

from copy import copy
from functools import cache
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.comments import Comment
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.drawing.text import Font as TextFont
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table as OpenpyxlTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..cells import address, column_letter
from ..layout.base import FONT, Chart, SheetLayout, Style, Validation

_CM_PER_INCH = 2.54


def _storable(value: Any) -> Any:
    """Text as a worksheet can hold it: Excel's escaped control characters (`_x000B_`, the line break of a paste
    from Word) come back from the readers as the characters themselves, which no cell may hold (openpyxl refuses
    them): a vertical tab or form feed becomes a line break, any other control character is dropped."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: "\n" if m.group(0) in "\x0b\x0c" else "", value)
    return value


def write_layout(book: Workbook, layout: SheetLayout, index: int | None = None) -> Worksheet:
    """Replace (same position) or add the sheet `layout.name`, built from scratch so no stale cell survives."""
    if layout.name in book.sheetnames:
        old = book[layout.name]
        index = book.index(old)
        book.remove(old)
    sheet = book.create_sheet(layout.name, index)
    registered: dict[Style, StyleArray] = {}  # openpyxl's style indices, one registration per distinct style
    for (row, col), spec in sorted(layout.cells.items()):
        cell = sheet.cell(row, col)
        cell.value = _storable(spec.value)
        if isinstance(spec.value, str) and spec.value.startswith("=") and not spec.formula:
            cell.data_type = "s"  # data, not a formula: "=1+2" typed by staff stays text
        known = registered.get(spec.style)
        if known is not None:
            cell._style = copy(known)
            continue
        font, fill, alignment, border = _style(spec.style)
        cell.font, cell.alignment, cell.border = font, alignment, border
        if fill is not None:
            cell.fill = fill
        cell.number_format = spec.style.number_format
        registered[spec.style] = copy(cell._style)
    for r1, c1, r2, c2 in layout.merges:
        # every cell of a block already carries the block's style (layout.merge), so openpyxl's own border
        # copying onto MergedCell objects (merge_cells → format) is not needed
        sheet.merged_cells.add(MergedCellRange(sheet, f"{address(r1, c1)}:{address(r2, c2)}"))
    for col, width in sorted(layout.column_widths.items()):
        sheet.column_dimensions[column_letter(col)].width = width
    for row, height in sorted(layout.row_heights.items()):
        sheet.row_dimensions[row].height = height
    for (row, col), text in sorted(layout.notes.items()):
        sheet.cell(row, col).comment = Comment(text, "xl-iku", width=300, height=120)
    for rule in layout.validations:
        sheet.add_data_validation(_validation(rule))
    for spec in layout.tables:
        sheet.add_table(OpenpyxlTable(displayName=spec.name, ref=spec.ref, tableStyleInfo=TableStyleInfo(
            name="TableStyleLight9", showRowStripes=True)))
    for spec in layout.charts:
        sheet.add_chart(_chart(sheet, spec), address(*spec.anchor))
    for rule in layout.highlights:
        fill = PatternFill(start_color=rule.fill, end_color=rule.fill, fill_type="solid")
        sheet.conditional_formatting.add(rule.cells, FormulaRule(formula=[rule.formula], fill=fill))
    _print_setup(sheet, layout)
    if layout.freeze:
        sheet.freeze_panes = address(*layout.freeze)
    sheet.sheet_view.showGridLines = layout.show_gridlines
    return sheet


def cached_values(layouts: list[SheetLayout]) -> dict[str, dict[str, object]]:
    """Sheet → cell → the value xl-iku computed for each live formula: stored beside the formula when the sheet is put
    into the workbook's package (`package.sheet_xml.transplant`), as openpyxl writes formulas without values."""
    return {layout.name: {address(r, c): cell.cached for (r, c), cell in layout.cells.items()
                          if cell.formula and cell.cached is not None}
            for layout in layouts}


def _chart(sheet: Worksheet, spec: Chart):
    chart = LineChart() if spec.kind == "line" else BarChart()
    if spec.kind in ("bar", "column"):
        chart.type = "bar" if spec.kind == "bar" else "col"
    chart.title = _title(spec.title, spec.title_size)
    chart.width, chart.height = spec.width_cm, spec.height_cm
    r1, c1, r2, c2 = spec.source
    chart.add_data(Reference(sheet, min_row=r1, min_col=c1 + 1, max_row=r2, max_col=c2), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_row=r1 + 1, min_col=c1, max_row=r2, max_col=c1))
    if spec.kind == "line":
        for series in chart.series:
            series.marker.symbol = "circle"  # a year with one realisasi is a point, not a line
            series.smooth = False
    if spec.y_min is not None:
        chart.y_axis.scaling.min = spec.y_min
    if spec.y_max is not None:
        chart.y_axis.scaling.max = spec.y_max
    if spec.y_title:
        chart.y_axis.title = _storable(spec.y_title)
    chart.y_axis.numFmt = NumFmt(formatCode=spec.value_format, sourceLinked=False)
    if spec.label_format:
        chart.dataLabels = DataLabelList(numFmt=spec.label_format, showVal=True, showLegendKey=False,
                                         showCatName=False, showSerName=False, showPercent=False)
    if c2 - c1 == 1:
        chart.legend = None  # one series: the title names it
    if spec.kind == "bar" and spec.categories_top_down:
        chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def _title(text: str, size: float) -> Title:
    """A chart title in the sheet's font at `size` points (openpyxl's default leaves it to the viewer: 18 pt)."""
    font = CharacterProperties(latin=TextFont(typeface=FONT), sz=round(size * 100), b=True)
    paragraphs = [Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=_storable(line))])
                  for line in text.split("\n")]  # the layout's lines, one paragraph each
    return Title(tx=Text(rich=RichText(p=paragraphs)), overlay=False)


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
    if setup.area:
        r1, c1, r2, c2 = setup.area
        sheet.print_area = f"{address(r1, c1)}:{address(r2, c2)}"
    for row in setup.breaks:
        sheet.row_breaks.append(Break(id=row))
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


@cache
def _style(style: Style) -> tuple[Font, PatternFill | None, Alignment, Border]:
    font = Font(name=FONT, size=style.size, bold=style.bold, italic=style.italic,
                underline="single" if style.underline else None)
    fill = PatternFill("solid", fgColor=style.fill) if style.fill else None
    alignment = Alignment(horizontal=None if style.halign == "general" else style.halign,
                          vertical=style.valign, wrap_text=style.wrap or None)
    side = Side(style="thin", color="000000") if style.border else Side()
    border = Border(left=side, right=side, top=side, bottom=side)
    return font, fill, alignment, border
