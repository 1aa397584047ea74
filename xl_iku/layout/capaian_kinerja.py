"""Sheet `Capaian Kinerja`: target, realisasi, capaian and its rating per indicator and year; a year without
realisasi says so, it is never 0 %. Sheet `Grafik Capaian`: a line chart of target against realisasi per indicator.

The charts have a sheet of their own because print title rows belong to a whole sheet: beside the table they would
print the table's header above every page of charts. There each chart is sized and placed from the page's own
measures (`paging`), a page break between rows of charts, so every chart prints whole on one page.
"""

from __future__ import annotations

from dataclasses import replace

from ..model.capaian import IndicatorPerformance, YearResult
from ..rules.intervals import IntervalTable
from . import paging, styles
from .base import Chart, PrintSetup, SheetLayout
from .text import with_code

SHEET = "Capaian Kinerja"
HEADERS = ("No", "Indikator", "Satuan", "Polaritas", "Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori",
           "Sumber / Keterangan")
WIDTHS = (5, 34, 9, 9, 7, 10, 10, 11, 13, 30)
HEADER_ROW = 5
PERCENT = styles.NUMBER.but(number_format=styles.number_format("0.00"))


def capaian_kinerja(results: list[IndicatorPerformance], instansi: str, scale: IntervalTable) -> SheetLayout:
    sheet = SheetLayout(SHEET, freeze=(HEADER_ROW + 1, 3))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    last = len(HEADERS)
    sheet.merge(1, 1, 1, last, "CAPAIAN KINERJA INDIKATOR KINERJA UTAMA", styles.TITLE)
    sheet.merge(2, 1, 2, last, instansi.upper(), styles.SUBTITLE)
    bands = "; ".join(f"{b.category.label} {b.describe().split(': ', 1)[1]}" for b in scale.bands)
    sheet.merge(3, 1, 3, last, f"Capaian: positif = realisasi ÷ target × 100; negatif = (2 − realisasi ÷ target) × "
                               f"100. Kategori ({scale.name}): {bands}.", styles.NOTE)
    sheet.row_heights[3] = 26
    for col, text in enumerate(HEADERS, start=1):
        sheet.put(HEADER_ROW, col, text, styles.HEADER)
    sheet.row_heights[HEADER_ROW] = 30

    row = HEADER_ROW + 1
    for number, result in enumerate(results, start=1):
        ind = result.indikator
        first = row
        for year in result.years:
            sheet.put(row, 5, year.tahun, styles.CENTER)
            sheet.put(row, 6, year.target, styles.NUMBER)
            sheet.put(row, 7, year.realisasi, styles.NUMBER)
            if year.capaian is not None:
                sheet.put_formula(row, 8, f'=CAPAIAN(F{row},G{row},"{ind.polaritas}")', year.capaian, PERCENT)
                sheet.put(row, 9, year.rating, styles.CENTER)
            else:
                sheet.put(row, 8, None, PERCENT)
                sheet.put(row, 9, None, styles.CENTER)
            sheet.put(row, 10, year.catatan or _source(year), styles.TEXT)
            row += 1
        for col, value, style in ((1, number, styles.CENTER), (2, with_code(ind.nama, ind.kode), styles.TEXT),
                                  (3, ind.satuan or None, styles.CENTER), (4, ind.polaritas, styles.CENTER)):
            sheet.merge(first, col, row - 1, col, value, style)
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, row - 1, last))
    return sheet


GRAFIK = "Grafik Capaian"
GRID_WIDTH = 4  # characters: narrow columns, so charts sit where the page's measures put them
CHART_CM = (12.0, 6.8)  # width, height: the plot keeps its room under a two-line title
MARGIN_CM, GAP_CM = 0.6, 0.8  # left of the first chart, between the two of a row
GAP_ROWS = 1
TITLE_ROWS = 2  # title, instansi


def grafik_capaian(results: list[IndicatorPerformance], instansi: str) -> SheetLayout:
    """The charts of `Capaian Kinerja`, two a row, over cells that link to its target and realisasi (and hold their
    values) beside the print area; a page break before a row of charts that would cross the page's foot."""
    sheet = SheetLayout(GRAFIK)
    # printed columns A..last hold both charts and the margins, at the narrowest column geometry (paging)
    last = paging.columns_for(2 * (MARGIN_CM + CHART_CM[0]) + GAP_CM, GRID_WIDTH)
    columns = tuple(1 + paging.columns_for(cm, GRID_WIDTH) for cm in (MARGIN_CM, MARGIN_CM + CHART_CM[0] + GAP_CM))
    sheet.column_widths = {c: GRID_WIDTH for c in range(1, last + 1)}
    data_col = last + 2  # chart data (Tahun | Target | Realisasi), outside the print area
    sheet.column_widths.update({data_col: 7, data_col + 1: 10, data_col + 2: 10})
    sheet.merge(1, 1, 1, last, "GRAFIK CAPAIAN KINERJA INDIKATOR KINERJA UTAMA", styles.TITLE)
    sheet.merge(2, 1, 2, last, instansi.upper(), styles.SUBTITLE)
    setup = PrintSetup(title_rows=None)
    _, page_cm = paging.printable_cm(setup, paging.printed_width_cm(sheet, last))
    band = GAP_ROWS + paging.rows_for(CHART_CM[1])  # rows of one row of charts: a gap, then the charts
    band_cm = band * paging.row_cm(paging.ROW_PT)

    row, data_row, breaks = TITLE_ROWS + 1, 1, []
    used_cm = paging.rows_height_cm(sheet, 1, TITLE_ROWS)
    table_row = HEADER_ROW + 1  # where each indicator's years start in Capaian Kinerja
    for i, result in enumerate(results):
        if i % 2 == 0:
            if used_cm + band_cm > page_cm:  # the next row of charts would cross the page's foot: new page
                breaks.append(row - 1)
                used_cm = 0.0
            for r in range(row, row + band):
                sheet.row_heights[r] = paging.ROW_PT
            used_cm += band_cm
        source = _chart_data(sheet, data_row, data_col, result, table_row)
        title = f"Target dan realisasi: {with_code(result.indikator.nama, result.indikator.kode)}"[:120]
        # under the band's gap row: a chart touching a page break would also be drawn (clipped) on the page before
        sheet.charts.append(Chart("line", title, source, anchor=(row + GAP_ROWS, columns[i % 2]),
                                  width_cm=CHART_CM[0], height_cm=CHART_CM[1],
                                  value_format=styles.number_format("#,##0.0")))
        table_row += len(result.years)
        data_row += len(result.years) + 2
        if i % 2 == 1:
            row += band
    last_row = row + (band if len(results) % 2 else 0) - 1
    sheet.print_setup = replace(setup, area=(1, 1, max(last_row, TITLE_ROWS), last), breaks=tuple(breaks))
    return sheet


def _chart_data(sheet: SheetLayout, top: int, left: int, result: IndicatorPerformance, table_row: int) -> tuple:
    """Tahun | Target | Realisasi of one indicator, linked to its rows in `Capaian Kinerja`; a missing value stays
    empty (a gap in the line, not a zero)."""
    for col, text in enumerate(("Tahun", "Target", "Realisasi")):
        sheet.put(top, left + col, text, styles.HEADER)
    for i, year in enumerate(result.years, start=1):
        sheet.put(top + i, left, str(year.tahun), styles.CENTER)
        for offset, (value, column) in enumerate(((year.target, "F"), (year.realisasi, "G")), start=1):
            if value is None:
                sheet.put(top + i, left + offset, None, styles.NUMBER)
            else:
                sheet.put_formula(top + i, left + offset, f"='{SHEET}'!{column}{table_row + i - 1}", value,
                                  styles.NUMBER)
    return (top, left, top + len(result.years), left + 2)


def _source(year: YearResult) -> str | None:
    """Where the realisasi came from: the Data IKU cell it was typed in, or the sheet it was taken from."""
    if year.sel:
        return f"diisi di {year.sumber}, sel {year.sel}"
    return f"dari sheet {year.sumber}" if year.sumber else None
