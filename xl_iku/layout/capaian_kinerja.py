"""Sheet `Capaian Kinerja`: target, realisasi, capaian and its rating per indicator and year, with a line chart of
target against realisasi for each indicator. A year without realisasi says so; it is never 0 %."""

from __future__ import annotations

from ..performance import IndicatorPerformance
from ..rules.intervals import IntervalTable
from . import styles
from .base import Chart, PrintSetup, SheetLayout
from .text import with_code

SHEET = "Capaian Kinerja"
HEADERS = ("No", "Indikator", "Satuan", "Polaritas", "Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori",
           "Sumber / Keterangan")
WIDTHS = (5, 34, 9, 9, 7, 10, 10, 11, 13, 30)
HEADER_ROW = 5
DATA_COL = 12  # chart data blocks (Tahun, Target, Realisasi) from column L
CHART_ROWS = 14  # rows of 15 pt under a 6,5 cm chart
PERCENT = styles.NUMBER.but(number_format=styles.number_format("0.00"))


def capaian_kinerja(results: list[IndicatorPerformance], instansi: str, scale: IntervalTable) -> SheetLayout:
    sheet = SheetLayout(SHEET, freeze=(HEADER_ROW + 1, 3))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    sheet.column_widths.update({DATA_COL: 7, DATA_COL + 1: 10, DATA_COL + 2: 10})
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
    data_row = HEADER_ROW
    charts = []
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
            note = year.catatan or (f"dari sheet {year.sumber}" if year.sumber not in ("", "Data IKU") else None)
            sheet.put(row, 10, note, styles.TEXT)
            row += 1
        for col, value, style in ((1, number, styles.CENTER), (2, with_code(ind.nama, ind.kode), styles.TEXT),
                                  (3, ind.satuan or None, styles.CENTER), (4, ind.polaritas, styles.CENTER)):
            sheet.merge(first, col, row - 1, col, value, style)
        # chart data: Tahun | Target | Realisasi, its own block beside the table
        for col, text in enumerate(("Tahun", "Target", "Realisasi")):
            sheet.put(data_row, DATA_COL + col, text, styles.HEADER)
        for i, year in enumerate(result.years, start=1):
            sheet.put(data_row + i, DATA_COL, str(year.tahun), styles.CENTER)
            for offset, (value, column) in enumerate(((year.target, "F"), (year.realisasi, "G")), start=1):
                if value is None:  # a gap in the line, not a zero
                    sheet.put(data_row + i, DATA_COL + offset, None, styles.NUMBER)
                else:
                    sheet.put_formula(data_row + i, DATA_COL + offset, f"={column}{first + i - 1}", value,
                                      styles.NUMBER)
        charts.append(((data_row, DATA_COL, data_row + len(result.years), DATA_COL + 2),
                       with_code(ind.nama, ind.kode)))
        data_row += len(result.years) + 2
    # charts on pages of their own, two side by side, two rows a page
    chart_row = row + 1
    breaks = [row]
    for i, (source, title) in enumerate(charts):
        if i and i % 4 == 0:
            breaks.append(chart_row - 1)
        column = 2 if i % 2 == 0 else 7
        sheet.charts.append(Chart("line", f"Target dan realisasi: {title}"[:120], source,
                                  anchor=(chart_row, column), width_cm=12.5, height_cm=6.5,
                                  value_format=styles.number_format("#,##0.0")))
        if i % 2 == 1 or i == len(charts) - 1:
            chart_row += CHART_ROWS
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, chart_row, last),
                                   breaks=tuple(breaks))
    return sheet
