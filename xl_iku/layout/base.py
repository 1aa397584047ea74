"""A sheet described as data: cells, merges, styles, sizes and print setup. Writers apply it; they decide nothing.

One `SheetLayout` is what both the headless writer (openpyxl) and the live writer (xlwings, classic and Lite) receive,
so the one-click sheets and the regenerated file are the same by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_WIDTH = 8.43  # characters: a column the layout does not size
FONT = "Arial"  # LibreOffice prints it in metric-compatible Liberation Sans (scripts/lib/office.sh installs it)


@dataclass(frozen=True)
class Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float = 10
    fill: str | None = None  # "RRGGBB"
    halign: str = "general"  # general | left | center | right | justify
    valign: str = "top"  # top | center | bottom
    wrap: bool = False
    border: bool = False  # thin on all four sides
    number_format: str = "General"

    def but(self, **changes: Any) -> Style:
        return replace(self, **changes)


@dataclass(frozen=True)
class Cell:
    value: Any
    style: Style = Style()
    formula: bool = False  # only then may a text starting with "=" be written as a formula
    cached: Any = None  # for a formula: the value xl-iku computed, stored so readers without the add-in see it


@dataclass(frozen=True)
class Chart:
    """A native Excel chart over one block of the same sheet: first column categories, first row series names.

    One contiguous block is what every engine's "set source data" understands, classic and Office.js alike.
    """

    kind: str  # bar (horizontal) | column | line
    title: str
    source: tuple[int, int, int, int]  # r1, c1, r2, c2 (1-based, inclusive)
    anchor: tuple[int, int]
    width_cm: float = 16
    height_cm: float = 9
    y_min: float | None = None
    y_max: float | None = None
    y_title: str = ""
    categories_top_down: bool = True  # first category at the top of a bar chart, as the table reads
    value_format: str = "General"  # tick labels of the value axis (a locale-tagged code prints a decimal comma)
    label_format: str | None = None  # data labels on every point, in this format; None = no labels
    title_size: float = 10  # points: a title that leaves the plot its room


@dataclass(frozen=True)
class Table:
    """An Excel table over an input range, so it grows as staff add rows."""

    name: str
    ref: str


@dataclass(frozen=True)
class Highlight:
    """Conditional colouring: the cells of `cells` for which `formula` holds get `fill`. The formula is written for
    the block's top-left cell (relative references move with each cell), so the colour follows the numbers when a
    reader edits or sorts them. Applied by the headless writer (the roll-up is built headless only)."""

    cells: str  # "D6:L40"
    formula: str  # without "=", e.g. "AND(ISNUMBER(D6),D6=MIN($D6:$L6))"
    fill: str  # "RRGGBB"


@dataclass(frozen=True)
class PrintSetup:
    landscape: bool = True
    paper: str = "A4"
    fit_to_width: bool = True
    title_rows: tuple[int, int] | None = None  # repeated on every page
    footer: str = "Halaman &P dari &N"
    margins_cm: tuple[float, float, float, float] = (1.5, 1.0, 1.5, 1.0)  # top, right, bottom, left
    area: tuple[int, int, int, int] | None = None  # r1, c1, r2, c2; None = everything used
    breaks: tuple[int, ...] = ()  # a new page starts after each of these rows


@dataclass(frozen=True)
class Validation:
    """Data validation on a block of input cells, with the prompt and the error staff see (Bahasa Indonesia)."""

    cells: str  # "H2:H500"
    kind: str  # list | decimal | whole
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    prompt: str = ""
    error: str = ""


@dataclass
class SheetLayout:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 (1-based, inclusive)
    column_widths: dict[int, float] = field(default_factory=dict)  # characters, as Excel counts them
    row_heights: dict[int, float] = field(default_factory=dict)  # points
    print_setup: PrintSetup = PrintSetup()
    freeze: tuple[int, int] | None = None  # first unfrozen (row, column)
    show_gridlines: bool = False
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # cell comments (input hints)
    validations: list[Validation] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)

    def put(self, row: int, column: int, value: Any, style: Style = Style()) -> None:
        self.cells[(row, column)] = Cell(value, style)

    def put_formula(self, row: int, column: int, formula: str, cached: Any, style: Style = Style()) -> None:
        """A live formula, with the value xl-iku computed for it (what a reader without the add-in will see)."""
        self.cells[(row, column)] = Cell(formula, style, True, cached)

    def merge(self, r1: int, c1: int, r2: int, c2: int, value: Any, style: Style = Style()) -> None:
        """A merged block; every cell of it carries the style so borders and fills cover the whole block."""
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.cells[(r, c)] = Cell(value if (r, c) == (r1, c1) else None, style)
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    def merge_fit(self, row: int, c1: int, c2: int, value: Any, style: Style = Style(), minimum: float = 15.0
                  ) -> None:
        """One row's block c1..c2 whose text wraps inside it (a jabatan, a name, a title): the row made as tall as the
        text needs, measured against the block's printed width and the style's font; never clipped."""
        self.merge(row, c1, row, c2, value, style.but(wrap=True))
        width = sum(self.column_widths.get(c, DEFAULT_WIDTH) for c in range(c1, c2 + 1))
        needed = text_height([(value, width)], size=style.size, minimum=minimum, bold=style.bold) if value else minimum
        self.row_heights[row] = max(self.row_heights.get(row, 0.0), needed)

    def fit_row(self, row: int, minimum: float = 15.0) -> float:
        """Make `row` as tall as every wrapped text in it needs (a cell, or a block merged across columns of this
        row only; a formula by the value it shows), measured against its printed width and font; never lower than
        it already is. Sizing by the cells themselves, not by a list of the texts someone remembered to pass, keeps
        a long Satuan or category from being clipped on paper. Returns the height."""
        spans = {(r1, c1): c2 for r1, c1, r2, c2 in self.merges if r1 == row and r2 == row}
        covered = {(r, c) for r1, c1, r2, c2 in self.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1) or r2 != r1}
        needed = minimum
        for (r, c), cell in self.cells.items():
            if r != row or (r, c) in covered or not cell.style.wrap:
                continue
            text = cell.cached if cell.formula else cell.value
            if not isinstance(text, str) or not text:
                continue
            width = sum(self.column_widths.get(k, DEFAULT_WIDTH) for k in range(c, spans.get((r, c), c) + 1))
            needed = max(needed, text_height([(text, width)], size=cell.style.size, minimum=minimum,
                                             bold=cell.style.bold))
        self.row_heights[row] = max(self.row_heights.get(row, 0.0), needed)
        return self.row_heights[row]

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_column(self) -> int:
        return max((c for _, c in self.cells), default=0)


def valued(layout: SheetLayout, which: Callable[[str], bool] = lambda formula: True) -> SheetLayout:
    """The layout with the formulas `which` picks (all, by default) replaced by the values computed for them: for a
    copy without the cells they follow (a shareable copy without inputs, a document printed alone)."""
    cells = {pos: replace(cell, value=cell.cached, formula=False, cached=None) if cell.formula and which(cell.value)
             else cell for pos, cell in layout.cells.items()}
    return replace(layout, cells=cells)


#: Printed width of a column `w` characters wide, as Excel draws it (the narrower of the two viewers: LibreOffice
#: prints about 5 % wider): 7 px a character of the default font's digit plus 5 px of padding, at 96 px/inch.
POINTS_PER_UNIT = 7 * 72 / 96
PADDING_PT = 5 * 72 / 96
INSET_PT = 3.0  # left and right inside a cell together, where no text is drawn
#: Text is measured a little wider than its font says, so a renderer's rounding (screen fonts hinted to whole
#: pixels) never pushes a word to a line the row has no room for.
SAFETY = 1.03


def text_width(text: str, size: float = 10, bold: bool = False) -> float:
    """Printed width (points) of one line of `text` in Arial/Liberation Sans (`fonts`): what the PDF draws."""
    from .fonts import BOLD, REGULAR, WIDE

    table = BOLD if bold else REGULAR
    return sum(table.get(ch, WIDE) for ch in text) * size / 1000 * SAFETY


def room(width_chars: float) -> float:
    """Points a cell (or a merged block) `width_chars` wide leaves for its text."""
    return max(1.0, width_chars * POINTS_PER_UNIT + PADDING_PT - INSET_PT)


def text_height(texts_and_widths: list[tuple[str, float]], size: float = 10, minimum: float = 15.0,
                bold: bool = False) -> float:
    """Row height (points) that shows every wrapped text in full, each measured against the width (characters, as
    Excel counts column widths; a merged block's widths summed) and the font it prints with: Excel does not
    auto-fit rows on open, and LibreOffice prints the height the file states."""
    lines = 1
    for text, width in texts_and_widths:
        if text:
            lines = max(lines, wrapped_lines(str(text), room(width), size, bold))
    return max(minimum, round(lines * size * 1.3 + 4, 1))


def wrapped_lines(text: str, width_pt: float, size: float = 10, bold: bool = False) -> int:
    """Lines `text` takes when wrapped at spaces as Excel and LibreOffice do (a line break starts a new line; a word
    wider than the line breaks inside it), in a cell leaving `width_pt` points."""
    space = text_width(" ", size, bold)
    count = 0
    for part in text.split("\n"):
        count, used = count + 1, 0.0
        for word in part.split():
            width = text_width(word, size, bold)
            if used and used + space + width > width_pt:
                count, used = count + 1, 0.0
            used = used + space + width if used else width
            while used > width_pt:  # a word longer than a line breaks inside it
                count, used = count + 1, used - width_pt
    return count
