"""Where a printed page ends, worked out from the layout's own sizes, so a layout can put each chart whole on a page.

Pure arithmetic on what the layout decides (paper, orientation, margins, column widths, row heights). Rows a chart
covers get an explicit height (`ROW_PT`): a row left to the viewer is 12,75 pt in LibreOffice and 15 pt in Excel,
and a chart anchored over such rows would end at a different place in each. Fit-to-width shrinks the page content
when the printed columns are wider than the paper: the printable height in sheet units grows by the same factor.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .base import DEFAULT_WIDTH, PrintSetup, SheetLayout, Style, text_height

PAPER_CM = {"A4": (21.0, 29.7)}  # width, height (portrait)
ROW_PT = 15.0  # height of the rows the layout sizes for charts (and Excel's default)
PT_PER_CM = 72 / 2.54
FILL = 0.9  # share of a page an estimate may fill (rows the viewer auto-fits can grow)
SIZED_FILL = 0.98  # the same for rows whose heights the layout sets (they do not grow): only rounding is left
FOOTER_CM = 1.0  # the "Halaman x dari y" footer may take this much of the body (LibreOffice shrinks the body)


def column_cm(width_chars: float) -> float:
    """Printed width of a column `width_chars` wide in Excel (7 px a character in its default font, 96 px/inch).

    The narrowest a viewer draws it: LibreOffice without the workbook's default font draws columns wider, while
    charts keep their size in cm. So a chart placed to fit within columns here fits within them everywhere, and a
    wider print is only scaled down further by fit-to-width."""
    return width_chars * 7 / 96 * 2.54


def columns_for(cm: float, width_chars: float) -> int:
    """Columns `width_chars` wide that together reach at least `cm`."""
    return math.ceil(cm / column_cm(width_chars) - 1e-9)


def row_cm(points: float) -> float:
    return points / PT_PER_CM


def printable_cm(setup: PrintSetup, columns_cm: float) -> tuple[float, float]:
    """(width, height) of a page's body in sheet centimetres: the paper less margins and footer, enlarged by the
    factor fit-to-width shrinks the printed columns with."""
    short, long = PAPER_CM[setup.paper]
    width, height = (long, short) if setup.landscape else (short, long)
    top, right, bottom, left = setup.margins_cm
    width, height = width - left - right, height - top - bottom - (FOOTER_CM if setup.footer else 0)
    scale = min(1.0, width / columns_cm) if setup.fit_to_width and columns_cm > 0 else 1.0
    return width / scale, height / scale


def rows_for(height_cm: float) -> int:
    """Rows of `ROW_PT` a chart of `height_cm` covers, whole."""
    return math.ceil(height_cm / row_cm(ROW_PT) - 1e-9)


def printed_width_cm(sheet: SheetLayout, last_column: int) -> float:
    return sum(column_cm(sheet.column_widths.get(c, DEFAULT_WIDTH)) for c in range(1, last_column + 1))


def rows_height_cm(sheet: SheetLayout, first: int, last: int) -> float:
    """Height of rows `first`..`last` as printed; a row the layout leaves to the viewer counts as `ROW_PT` (the
    taller of LibreOffice's 12,75 pt and Excel's 15 pt). An estimate: callers keep a margin (`FILL`)."""
    return sum(row_cm(sheet.row_heights.get(r, ROW_PT)) for r in range(first, last + 1))


@dataclass(frozen=True)
class Label:
    """Text merged down a run of rows (a sasaran over its indicators, a tujuan over its sasaran): placed by
    `breaks_keeping`, which merges it once per page the run prints on, so a page that continues the run shows its
    label again (never an empty merged cell under the repeated header), each part as tall as the text needs."""

    c1: int
    c2: int
    first: int
    last: int
    text: Any
    style: Style


def label_height_cm(sheet: SheetLayout, label: Label) -> float:
    width = sum(sheet.column_widths.get(c, DEFAULT_WIDTH) for c in range(label.c1, label.c2 + 1))
    return row_cm(text_height([(label.text, width)], size=label.style.size, minimum=0, bold=label.style.bold))


def breaks_keeping(sheet: SheetLayout, last_column: int, *together: tuple[int, ...],
                   after: int = 0, labels: Sequence[Label] = ()) -> tuple[int, ...]:
    """Page breaks for a sheet printed top to bottom (title rows repeated on each page) such that each block of
    rows `together` prints on one page: each page filled to `SIZED_FILL` by the layout's row heights (the rows left
    to the viewer counted at `ROW_PT`), a new page started before a row, or before a block, that would not fit.

    A block is (first, last) or (first, last, least): a section with its heading, whole on one page when it fits on
    one, else at least rows first..least together (the heading, the table's header and its first rows: keep with
    next), the rest row by row. A block starting inside another kept whole is kept with it.

    `labels` are merged here, one merge per page each prints on (`Label`); the last row of each part grows when the
    label's text needs more room than its rows have, and that room counts where the page ends.

    Every page end is placed, not only the ones before blocks: the viewer's own pagination differs a little from
    this estimate (LibreOffice and Excel draw columns wider than `column_cm`, so more fits), and a break it chose
    itself earlier on could still separate a block. Pages placed here always fit in both.

    `after`: a page ends after this row whatever fits (rows above it are a page of their own, as the PK's
    agreement); the count starts below it."""
    setup = sheet.print_setup
    _, page_cm = printable_cm(setup, printed_width_cm(sheet, last_column))
    blocks = {block[0]: (block[1], block[-1]) for block in together}
    repeated = rows_height_cm(sheet, *setup.title_rows) if setup.title_rows else 0.0
    room = SIZED_FILL * page_cm
    start_row = setup.title_rows[1] + 1 if setup.title_rows else 1  # nothing is broken above the table's first row
    start_row = max(start_row, after + 1)
    breaks: list[int] = [after] if after else []
    needs = [label_height_cm(sheet, label) for label in labels]
    page_top = start_row  # first row of the current page below the repeated rows (where labels' parts start)

    def deficit(end: int) -> float:
        """Room the labels' parts on this page still lack if the page's part of each ended at `end`."""
        short = 0.0
        for label, need in zip(labels, needs):
            if label.first <= end and label.last >= page_top:
                part = rows_height_cm(sheet, max(label.first, page_top), min(label.last, end))
                short = max(short, need - part)
        return short

    def close(end: int, only_ending: bool) -> float:
        """Grow row `end` so every label part ending there holds its text; the growth (cm)."""
        short = 0.0
        for label, need in zip(labels, needs):
            if label.first <= end <= label.last and label.last >= page_top and (label.last == end or not only_ending):
                short = max(short, need - rows_height_cm(sheet, max(label.first, page_top), end))
        if short > 0:
            sheet.row_heights[end] = round(sheet.row_heights.get(end, ROW_PT) + short * PT_PER_CM + 0.05, 1)
        return max(short, 0.0)

    used, row, on_page = rows_height_cm(sheet, after + 1, start_row - 1), start_row, 0
    last_row = max([last for last, _ in blocks.values()] + [label.last for label in labels], default=0)
    while row <= last_row:
        end = row
        if row in blocks:
            last, least = blocks[row]
            page_top_then = page_top
            page_top = row  # as if on a fresh page: whole when it fits on one
            whole = rows_height_cm(sheet, row, last) + deficit(last)
            page_top = page_top_then
            end = last if repeated + whole <= room else least
        height = rows_height_cm(sheet, row, end)
        if on_page and used + height + deficit(end) > room:
            close(row - 1, only_ending=False)
            breaks.append(row - 1)
            used, on_page, page_top = repeated, 0, row
        used, on_page = used + height, on_page + 1
        for r in range(row, end + 1):
            used += close(r, only_ending=True)
        row = end + 1
    for label in labels:  # one merge per page part
        first = label.first
        for end in [b for b in breaks if label.first <= b < label.last] + [label.last]:
            sheet.merge(first, label.c1, end, label.c2, label.text, label.style)
            first = end + 1
    return tuple(breaks)
