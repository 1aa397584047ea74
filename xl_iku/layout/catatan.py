"""Sheet `Catatan`: the consistency warnings, where staff will see them next to the tables."""

from __future__ import annotations

from ..model import Catatan
from . import styles
from .base import PrintSetup, SheetLayout, text_height

SHEET = "Catatan"
WIDTHS = (5, 12, 8, 90)


def catatan(notes: list[Catatan]) -> SheetLayout:
    sheet = SheetLayout(SHEET, print_setup=PrintSetup(title_rows=(3, 3)), freeze=(4, 1))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    sheet.merge(1, 1, 1, 4, "CATATAN KONSISTENSI DATA IKU", styles.TITLE.but(halign="left"))
    sheet.merge(2, 1, 2, 4, "Peringatan ini tidak mengubah data. Periksa sel yang disebut, lalu buat ulang tabel.",
                styles.NOTE)
    for col, text in enumerate(("No", "Sheet", "Sel", "Catatan"), start=1):
        sheet.put(3, col, text, styles.HEADER)
    if not notes:
        sheet.merge(4, 1, 4, 4, "Tidak ada catatan: data konsisten.", styles.TEXT)
        return sheet
    for i, note in enumerate(notes, start=1):
        row = 3 + i
        for col, value in enumerate((i, note.sheet, note.cell or None, note.pesan), start=1):
            sheet.put(row, col, value, styles.CENTER if col < 4 else styles.TEXT)
        sheet.row_heights[row] = text_height([(note.pesan, WIDTHS[3])])
    return sheet
