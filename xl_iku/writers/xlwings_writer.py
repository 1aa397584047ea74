"""Write a `SheetLayout` into an open workbook through xlwings: classic (Windows/Mac Excel) and Office.js (Lite,
Server) alike, using only the cross-engine Range API. Applies; decides nothing about content.

Cells sharing a style are styled as rectangles (runs of a row, stacked while the rows below repeat them), so a
sheet costs a few hundred calls, not thousands.
Print setup beyond what the engines expose (orientation, fit to width, title rows) is set through the classic COM
API where present; under Office.js it stays with the headless writer and `xl-iku pdf`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..cells import address, column_letter
from ..layout.base import FONT, Chart, SheetLayout, Style

_POINTS_PER_CHAR = 0.75 * 7  # Excel's default font: 7 px per character, 0.75 pt per px
_PADDING_POINTS = 0.75 * 5
_POINTS_PER_CM = 72 / 2.54


def is_office_js(book: Any) -> bool:
    return getattr(getattr(book.app, "engine", None), "name", "") not in ("excel", "")


def write_layout(book: Any, layout: SheetLayout) -> Any:
    names = [s.name for s in book.sheets]
    if layout.name in names:
        sheet = book.sheets[layout.name]
        sheet.clear()  # contents, formats and merges: nothing stale survives
        for old in reversed(list(sheet.charts)):  # nor charts (an older version put them elsewhere)
            old.delete()
    else:
        sheet = book.sheets.add(layout.name, after=book.sheets[len(names) - 1])
    rows, cols = layout.max_row, layout.max_column
    if rows and cols:
        values = [[None] * cols for _ in range(rows)]
        for (r, c), spec in layout.cells.items():
            value = spec.value
            if isinstance(value, str) and value.startswith("=") and not spec.formula:
                value = "'" + value  # text from data stays text
            values[r - 1][c - 1] = value
        sheet.range((1, 1), (rows, cols)).value = values
    office_js = is_office_js(book)
    for style, ranges in _style_runs(layout).items():
        for ref in ranges:
            _apply_style(sheet.range(ref), style, office_js)
    for r1, c1, r2, c2 in layout.merges:
        sheet.range((r1, c1), (r2, c2)).merge()
    for col, width in sorted(layout.column_widths.items()):
        sheet.range((1, col)).column_width = width * _POINTS_PER_CHAR + _PADDING_POINTS if office_js else width
    for row, height in sorted(layout.row_heights.items()):
        sheet.range((row, 1)).row_height = height
    if layout.freeze:
        r, c = layout.freeze
        sheet.freeze_panes.freeze_at(f"A1:{address(max(r - 1, 1), max(c - 1, 1))}")
    sheet.show_gridlines = layout.show_gridlines
    for chart in layout.charts:
        _add_chart(sheet, chart)
    if not office_js:
        _classic_print_setup(sheet, layout)
    return sheet


def _style_runs(layout: SheetLayout) -> dict[Style, list[str]]:
    """Style → A1 rectangles covering exactly the cells with that style: runs of adjacent cells in a row, stacked
    while the rows below repeat the same run. A table body becomes one range, not one per cell."""
    by_row: dict[int, list[tuple[int, Style]]] = defaultdict(list)
    for (r, c), spec in layout.cells.items():
        by_row[r].append((c, spec.style))
    runs: dict[int, list[tuple[int, int, Style]]] = {}
    for r, cells in by_row.items():
        cells.sort()
        row_runs: list[tuple[int, int, Style]] = []
        for c, style in cells:
            if row_runs and row_runs[-1][1] == c - 1 and row_runs[-1][2] == style:
                row_runs[-1] = (row_runs[-1][0], c, style)
            else:
                row_runs.append((c, c, style))
        runs[r] = row_runs
    open_blocks: dict[tuple[int, int, Style], int] = {}  # run → first row of the block it extends
    out: dict[Style, list[str]] = defaultdict(list)
    previous: set[tuple[int, int, Style]] = set()
    last_row = max(runs, default=0)
    for r in range(1, last_row + 2):
        current = set(runs.get(r, ()))
        for run in previous - current:
            c1, c2, style = run
            out[style].append(f"{address(open_blocks.pop(run), c1)}:{address(r - 1, c2)}")
        for run in current - previous:
            open_blocks[run] = r
        previous = current
    return out


def _apply_style(rng: Any, style: Style, office_js: bool) -> None:
    font = rng.font
    font.name, font.size, font.bold, font.italic = FONT, style.size, style.bold, style.italic
    if style.underline and not office_js:  # no cross-engine underline: classic COM only
        rng.api.Font.Underline = 2  # xlUnderlineStyleSingle
    if style.fill:
        rng.color = f"#{style.fill}"
    if style.halign != "general":
        rng.horizontal_alignment = style.halign
    rng.vertical_alignment = style.valign
    if style.wrap:
        rng.wrap_text = True
    if style.number_format != "General":
        rng.number_format = style.number_format
    if style.border:
        rng.borders.set("all", line_style="continuous", weight="thin", color="#000000")


_CHART_TYPES = {"bar": "bar_clustered", "column": "column_clustered", "line": "line_markers"}


def _add_chart(sheet: Any, spec: Chart) -> None:
    r1, c1, r2, c2 = spec.source
    anchor = sheet.range(spec.anchor)
    chart = sheet.charts.add(width=spec.width_cm * _POINTS_PER_CM, height=spec.height_cm * _POINTS_PER_CM,
                             chart_type=_CHART_TYPES[spec.kind], source=sheet.range((r1, c1), (r2, c2)),
                             name=spec.title, anchor=anchor)
    chart.title = spec.title
    axis = chart.value_axis
    axis.set(number_format=spec.value_format,
             **{name: value for name, value in (("minimum_scale", spec.y_min), ("maximum_scale", spec.y_max),
                                                ("title", spec.y_title or None)) if value is not None})
    if spec.kind == "bar" and spec.categories_top_down:
        chart.category_axis.reverse_order = True
    if c2 - c1 == 1:
        chart.legend.visible = False  # one series: the title names it
    if not is_office_js(sheet.book):
        _classic_chart_text(chart, spec)


def _classic_chart_text(chart: Any, spec: Chart) -> None:
    """What the cross-engine chart API lacks (title size, data labels): classic COM on Windows only."""
    try:
        native = chart.api[1]  # (ChartObject, Chart) under pywin32
        native.ChartTitle.Format.TextFrame2.TextRange.Font.Size = spec.title_size
        if spec.label_format:
            for index in range(1, native.SeriesCollection().Count + 1):
                series = native.SeriesCollection(index)
                series.HasDataLabels = True
                series.DataLabels().NumberFormat = spec.label_format
    except Exception:  # Mac (appscript) and other engines: the chart stays as the engine draws it
        return


def _classic_print_setup(sheet: Any, layout: SheetLayout) -> None:
    setup = layout.print_setup
    try:
        page = sheet.api.PageSetup
    except Exception:  # Mac/other engines: nothing more to set
        return
    page.Orientation = 2 if setup.landscape else 1
    page.PaperSize = 9  # xlPaperA4
    if setup.fit_to_width:
        page.Zoom = False
        page.FitToPagesWide = 1
        page.FitToPagesTall = False
    page.PrintTitleRows = f"${setup.title_rows[0]}:${setup.title_rows[1]}" if setup.title_rows else ""
    if setup.footer:
        page.CenterFooter = setup.footer
    if setup.area:
        r1, c1, r2, c2 = setup.area
        page.PrintArea = f"${column_letter(c1)}${r1}:${column_letter(c2)}${r2}"
    sheet.api.ResetAllPageBreaks()  # the layout's breaks only, not those of the previous run
    for row in setup.breaks:
        sheet.api.HPageBreaks.Add(Before=sheet.range((row + 1, 1)).api)
