"""What one Excel cell and one row can hold, applied to every generated sheet after it is laid out.

Excel keeps at most 32,767 characters in a cell (longer text is cut when the file is opened, without a word) and
draws a row at most 409 points high (a taller row is refused or reset). Text from Data IKU can exceed the first
(alone, or joined with its code or its Formulasi), and wrapped long text asks for rows far taller than the second.
So: text is cut here, visibly (ending in "…"), and each cut is a note in `Catatan` naming the cell; row heights
are capped. One pass over the finished layouts, so no sheet can forget it.
"""

from __future__ import annotations

from dataclasses import replace

from ..cells import address
from ..model import Catatan
from ..rules.numbers import format_id
from .base import SheetLayout

MAX_TEXT = 32_767  # characters in one cell
MAX_ROW_HEIGHT = 409.0  # points


def fit_to_excel(layouts: list[SheetLayout]) -> list[Catatan]:
    """Cut over-long texts and cap row heights in place; the notes say which cells were cut."""
    notes = []
    for layout in layouts:
        for position, cell in sorted(layout.cells.items()):
            if cell.formula or not isinstance(cell.value, str) or len(cell.value) <= MAX_TEXT:
                continue
            layout.cells[position] = replace(cell, value=cell.value[:MAX_TEXT - 1] + "…")
            notes.append(Catatan(layout.name, address(*position), (
                f"teks {format_id(len(cell.value), 0)} karakter melebihi batas satu sel Excel "
                f"({format_id(MAX_TEXT, 0)}) dan dipotong di sel ini (diakhiri '…'). Persingkat teks sumbernya di "
                "sheet Data IKU, lalu buat ulang tabel.")))
        for row, height in layout.row_heights.items():
            if height > MAX_ROW_HEIGHT:
                layout.row_heights[row] = MAX_ROW_HEIGHT
    return notes
