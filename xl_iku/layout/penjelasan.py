"""Sheet `Penjelasan IKU`: definition, formula, data source and owner of each indicator."""

from __future__ import annotations

from ..model import IkuPlan
from . import styles
from .base import PrintSetup, SheetLayout, text_height
from .iku_table import end_with_signature, title_block

SHEET = "Penjelasan IKU"
HEADER_ROW = 6
HEADERS = ("No", "Sasaran", "Indikator Kinerja Utama", "Definisi Operasional/Formulasi Perhitungan", "Penjelasan",
           "Sumber Data", "Penanggung Jawab")
WIDTHS = (5, 24, 24, 52, 46, 16, 14)


def penjelasan(plan: IkuPlan) -> SheetLayout:
    sheet = SheetLayout(SHEET, print_setup=PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW + 1)),
                        freeze=(HEADER_ROW + 2, 1))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    last = len(HEADERS)
    title_block(sheet, "PENJELASAN INDIKATOR KINERJA UTAMA", plan, last)
    for col, text in enumerate(HEADERS, start=1):
        sheet.put(HEADER_ROW, col, text, styles.HEADER)
        sheet.put(HEADER_ROW + 1, col, col, styles.NUMBER_ROW)
    sheet.row_heights.update({HEADER_ROW: 30, HEADER_ROW + 1: 12})

    row = HEADER_ROW + 2
    for number, ind in enumerate(plan.indikator, start=1):
        definisi = ind.definisi
        if ind.formulasi:
            definisi = f"{definisi}\n\nFormulasi:\n{ind.formulasi}" if definisi else f"Formulasi:\n{ind.formulasi}"
        texts = (number, ind.sasaran_penjelasan or ind.sasaran, ind.nama, definisi, ind.penjelasan,
                 ind.sumber_data, ind.penanggung_jawab)
        for col, value in enumerate(texts, start=1):
            sheet.put(row, col, value if value != "" else None, styles.CENTER if col == 1 else styles.TEXT)
        sheet.row_heights[row] = text_height([(str(t), w) for t, w in zip(texts, WIDTHS)])
        row += 1
    end_with_signature(sheet, plan, row - 1, last - 2, last)
    return sheet
