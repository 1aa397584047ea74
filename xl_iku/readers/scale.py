"""Sheet `Skala Capaian`: an office's own capaian rating scale, rows of batas bawah | batas atas | kategori under a
header row. The interval rules report positions inside the rows they are given; this reader turns them into the
sheet's cells, as every other input message names them."""

from __future__ import annotations

from ..cells import address
from ..errors import InputError
from ..model.grid import SheetGrid
from ..rules.intervals import IntervalTable

SHEET = "Skala Capaian"
COLUMNS = 3  # batas bawah, batas atas, kategori (the kategori is both the code and the label)


def read_scale(grid: SheetGrid) -> IntervalTable:
    rows = [list(r[:COLUMNS]) + [r[COLUMNS - 1] if len(r) >= COLUMNS else None] for r in grid.rows[1:]]
    try:
        return IntervalTable.from_rows(rows, name=f"sheet {grid.name}")
    except InputError as error:
        if error.row is None:
            raise error.located(sheet=grid.name) from None
        cell = address(error.row + 1, min(error.column, COLUMNS))  # the rows start below the header, row 2
        raise error.located(sheet=grid.name, cell=cell) from None
