"""Sheet `Capaian Kinerja`: target, realisasi, capaian and its rating per indicator and year; a year without
realisasi says so, it is never 0 %. Sheet `Grafik Capaian`: a line chart of target against realisasi per indicator.

The charts have a sheet of their own because print title rows belong to a whole sheet: beside the table they would
print the table's header above every page of charts. There each chart is sized and placed from the page's own
measures (`paging`), a page break between rows of charts, so every chart prints whole on one page.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ..model.capaian import IndicatorPerformance, YearResult
from ..model.plan import Indikator
from ..rules import decimals
from ..rules.intervals import IntervalTable
from . import paging, styles
from .base import Chart, PrintSetup, SheetLayout, text_width
from .text import with_code

SHEET = "Capaian Kinerja"
HEADERS = ("No", "Indikator", "Satuan", "Polaritas", "Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori",
           "Sumber / Keterangan")
WIDTHS = (5, 34, 9, 9, 7, 10, 10, 11, 13, 30)
HEADER_ROW = 5
ORIGIN_COL = len(HEADERS) + 2  # where each typed realisasi was read from: in the workbook, past the print area
PERCENT = styles.NUMBER.but(number_format=styles.number_format("0.00"))


def capaian_kinerja(results: list[IndicatorPerformance], instansi: str, scale: IntervalTable) -> SheetLayout:
    sheet = SheetLayout(SHEET, freeze=(HEADER_ROW + 1, 3))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    last = len(HEADERS)
    sheet.merge(1, 1, 1, last, "CAPAIAN KINERJA INDIKATOR KINERJA UTAMA", styles.TITLE)
    sheet.merge_fit(2, 1, last, instansi.upper(), styles.SUBTITLE)
    bands = "; ".join(f"{b.category.label} {b.describe().split(': ', 1)[1]}" for b in scale.bands)
    sheet.merge(3, 1, 3, last, f"Capaian: positif = realisasi ÷ target × 100; negatif = (2 − realisasi ÷ target) × "
                               f"100. Kategori ({scale.name}): {bands}.", styles.NOTE)
    sheet.row_heights[3] = 26
    for col, text in enumerate(HEADERS, start=1):
        sheet.put(HEADER_ROW, col, text, styles.HEADER)
    sheet.row_heights[HEADER_ROW] = 30
    sheet.put(HEADER_ROW, ORIGIN_COL, "Asal realisasi (tidak dicetak)", styles.NOTE)
    sheet.column_widths[ORIGIN_COL] = 24

    row = HEADER_ROW + 1
    labels, blocks = [], []
    for number, result in enumerate(results, start=1):
        ind = result.indikator
        first = row
        for year in result.years:
            sheet.put(row, 5, year.tahun, styles.CENTER)
            sheet.put(row, 6, year.target, styles.fixed(ind.desimal))
            sheet.put(row, 7, year.realisasi, styles.fixed(realisasi_places(ind.desimal, year)))
            if year.capaian is not None:
                sheet.put_formula(row, 8, f'=CAPAIAN(F{row},G{row},"{ind.polaritas}")', year.capaian, PERCENT)
                sheet.put(row, 9, year.rating, styles.CENTER)
            else:
                sheet.put(row, 8, None, PERCENT)
                sheet.put(row, 9, None, styles.CENTER)
            sheet.put(row, 10, year.catatan or _source(year, ind.keterangan), styles.TEXT)
            if year.sumber:  # where the number came from: beside the print area (paper names no sheet or cell)
                sheet.put(row, ORIGIN_COL, f"{year.sumber}!{year.sel}" if year.sel else f"sheet {year.sumber}",
                          styles.NOTE)
            row += 1
        for col, value, style in ((1, number, styles.CENTER), (2, with_code(ind.nama, ind.kode), styles.TEXT),
                                  (3, ind.satuan or None, styles.CENTER), (4, ind.polaritas, styles.CENTER)):
            labels.append(paging.Label(col, col, first, row - 1, value, style))
        for r in range(first, row):  # Kategori and Sumber / Keterangan decide its row's height
            sheet.fit_row(r)
        blocks.append((first, row - 1))  # an indicator's years on one page, its name beside them
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, row - 1, last))
    breaks = paging.breaks_keeping(sheet, last, *blocks, labels=labels)
    sheet.print_setup = replace(sheet.print_setup, breaks=breaks)
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
    sheet.merge_fit(2, 1, last, instansi.upper(), styles.SUBTITLE)
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
        title = chart_title(result.indikator)
        # under the band's gap row: a chart touching a page break would also be drawn (clipped) on the page before
        sheet.charts.append(Chart("line", title, source, anchor=(row + GAP_ROWS, columns[i % 2]),
                                  width_cm=CHART_CM[0], height_cm=CHART_CM[1],
                                  value_format=axis_format(result)))
        table_row += len(result.years)
        data_row += len(result.years) + 2
        if i % 2 == 1:
            row += band
    last_row = row + (band if len(results) % 2 else 0) - 1
    sheet.print_setup = replace(setup, area=(1, 1, max(last_row, TITLE_ROWS), last), breaks=tuple(breaks))
    return sheet


TITLE_LINES = 2  # what the plot leaves room for under the title (CHART_CM)
#: Widest title line LibreOffice draws unwrapped: about 4/5 of the chart's width (measured: 271 pt of bold 10 pt
#: text stays on one line in a 12 cm chart, 286 pt wraps), so a line is never broken again by the viewer.
TITLE_WIDTH_PT = CHART_CM[0] * paging.PT_PER_CM * 0.8


def chart_title(ind: Indikator, size: float = 10) -> str:
    """"Target dan realisasi: <indikator> (<kode>)" in at most two lines of the chart's width, cut at a word with
    "…" when longer (the code always kept), and saying a negative polarity so falling targets read as intended."""
    tail = f" ({ind.kode})" if ind.kode else ""
    tail += " — polaritas negatif" if ind.polaritas == "negatif" else ""
    words = f"Target dan realisasi: {ind.nama}".split()
    text = " ".join(words) + tail
    while len(_lines(text, size)) > TITLE_LINES and len(words) > 4:
        words.pop()  # shorten at a word, never inside one
        text = " ".join(words).rstrip(",;:.") + "…" + tail
    return "\n".join(_lines(text, size))


def _lines(text: str, size: float) -> list[str]:
    """`text` broken at words into lines no wider than the chart's title room (bold, `size` points)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold=True) <= TITLE_WIDTH_PT:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def axis_format(result: IndicatorPerformance) -> str:
    """Tick labels with as many decimals as the data's spread needs for neighbouring ticks to differ (an index
    0,865–0,925 ticks 0,87 / 0,88 …, not 0,9 / 0,9), never fewer than none."""
    values = [v for y in result.years for v in (y.target, y.realisasi) if v is not None]
    spread = max(values) - min(values) if values else 0.0
    if spread > 0:
        places = max(0, -math.floor(math.log10(spread / 5)))
    else:
        places = result.indikator.desimal
    places = min(places, 4)
    return styles.number_format("#,##0" + ("." + "0" * places if places else ""))


def _chart_data(sheet: SheetLayout, top: int, left: int, result: IndicatorPerformance, table_row: int) -> tuple:
    """Tahun | Target | Realisasi of one indicator, linked to its rows in `Capaian Kinerja`; a missing value stays
    empty (a gap in the line, not a zero)."""
    for col, text in enumerate(("Tahun", "Target", "Realisasi")):
        sheet.put(top, left + col, text, styles.HEADER)
    places = result.indikator.desimal
    for i, year in enumerate(result.years, start=1):
        sheet.put(top + i, left, str(year.tahun), styles.CENTER)
        for offset, (value, column) in enumerate(((year.target, "F"), (year.realisasi, "G")), start=1):
            style = styles.fixed(places if offset == 1 else realisasi_places(places, year))
            if value is None:
                sheet.put(top + i, left + offset, None, style)
            else:
                sheet.put_formula(top + i, left + offset, f"='{SHEET}'!{column}{table_row + i - 1}", value, style)
    return (top, left, top + len(result.years), left + 2)


def realisasi_places(places: int, year: YearResult) -> int:
    """A realisasi taken from the AKIP or SKM sheet (not typed) is a computed score: at least two decimals."""
    return decimals.realisasi_places(places, computed=year.sumber in ("AKIP", "SKM") and not year.sel)


def _source(year: YearResult, keterangan: str) -> str | None:
    """What a reader of the page needs about a realisasi: the survey or evaluation it comes from, else the office's
    own Keterangan for the indicator."""
    if year.sumber == "SKM" and not year.sel:
        return f"hasil SKM {year.tahun}"
    if year.sumber == "AKIP" and not year.sel:
        return f"hasil evaluasi AKIP {year.tahun}"
    return keterangan or None
