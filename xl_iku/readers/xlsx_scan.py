"""The one reader of an .xlsx sheet part's own XML: every rule about what python-calamine cannot be trusted with.

Used by the one .xlsx reader (`readers/book.py`: the input book for regenerate, export, pdf, pk and rekap, and
a survey for `xl-iku ikm`/`skm` and batches). python-calamine turns a formula without a stored value and an Excel
error value (``#DIV/0!``) into an empty cell, which would silently count as "not answered" or as zero; and it
allocates the whole rectangle from A1 to the farthest cell it places, so one stray value at XFD1048576 asks for
512 GiB and aborts the process. Here, on the sheet part's bytes: the problem cells (`error_cells`,
`uncomputed_formulas`), the extent (`extent`: cells placed as calamine places them, whatever `<dimension>` states),
both in `scan_sheet`'s one pass, and a sparse reading (`sparse_rows`) whose cost follows the cells that hold data,
with shared strings and date styles.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from typing import Any
from xml.etree import ElementTree

from ..cells import column_index, column_letter
from ..package import MAIN, Package, shared_strings

try:  # libdeflate: a whole part inflated in ~2/3 of zlib's time, its CRC-32 in a fifth
    from deflate import DeflateError as _DeflateError
    from deflate import crc32 as _crc32
    from deflate import deflate_decompress as _inflate
except ImportError:  # no wheel (Pyodide): zlib, as fast as it is
    _inflate = None
    _crc32 = zlib.crc32

#: Survey sheets: above this many cells in the A1-to-farthest rectangle calamine is not used (~32 bytes a cell).
DENSE_CELL_LIMIT = 8_000_000
#: Excel's last cell is XFD1048576: a sparse read leaves out cells a part places beyond it.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
_WHOLE = 1 << 28  # a sheet part larger than this (uncompressed) is scanned in pieces of _PIECE
_PIECE = 1 << 25

# Sheet XML may spell the same cell many ways: 'single' or "double" quotes, spaces or line breaks around "=",
# attributes in any order, character references (t="&#101;"). The fast patterns below read the one spelling every
# known producer writes; a part spelled otherwise is first rewritten into it (`canonical`), tags only.
_TAG = re.compile(rb"""<([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""")
_SPACE_EQUALS, _EQUALS_NOT_QUOTE = re.compile(rb" ="), re.compile(rb'=[^"]')
_ERROR_TYPE = re.compile(rb' t="e"')
_ATTR = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")

_ROW_ELEMENT = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
CELL_END = re.compile(rb"</(?:\w+:)?c>")
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_STORED = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>")
_BUILTIN_DATES = set(range(14, 23)) | {45, 46, 47}
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_DATE1904 = re.compile(rb"""<(?:\w+:)?workbookPr\b[^>]*?\sdate1904\s*=\s*["'](?:1|true|on)["']""")


# -- one spelling --------------------------------------------------------------------------------------------------

def canonical(data: bytes) -> bytes:
    """The part with every tag spelled as producers write it: ` name="value"`, one space before each attribute,
    double quotes, character references in attribute values resolved. Text between tags is left as it is.

    Looked for at memchr speed first (an apostrophe, an ampersand, a tab or line break, "=" not followed by a double
    quote or after a space), and each find checked to lie inside a tag: a part written by Excel, LibreOffice,
    openpyxl or XlsxWriter, line breaks in its text or not, is returned as it is, with no copy."""
    return _TAG.sub(_canonical_tag, data) if _odd(data) else data


def _odd(data: bytes) -> bool:
    head = data.find(b"?>") + 2 if data.startswith(b"<?") else 0  # the declaration may end with a line break
    for char in (b"'", b"&", b"\t", b"\n", b"\r"):
        pos = data.find(char, head)
        while pos >= 0:
            if _in_tag(data, pos):
                return True
            pos = data.find(char, pos + 1)
    for match in _EQUALS_NOT_QUOTE.finditer(data):
        if _in_tag(data, match.start()):
            return True
    for match in _SPACE_EQUALS.finditer(data, head):  # the regex engine finds " =" faster than bytes.find
        if _in_tag(data, match.start()):
            return True
    return False


def _in_tag(data: bytes, pos: int) -> bool:
    """Is `pos` between a tag's "<" and its ">" (rather than in the text between tags)?"""
    return data.rfind(b"<", 0, pos + 1) > data.rfind(b">", 0, pos)


def _canonical_tag(match: re.Match[bytes]) -> bytes:
    attrs = b"".join(b' %s="%s"' % (name, _attr_text(value)) for name, value in attributes(match.group(2)).items())
    return b"<%s%s%s>" % (match.group(1), attrs, b"/" if match.group(3) else b"")


def _attr_text(raw: bytes) -> bytes:
    if b"&" not in raw and b'"' not in raw and b"<" not in raw:
        return raw
    text = unescape(raw.decode("utf-8"))
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").encode("utf-8")


def attributes(tag: bytes) -> dict[bytes, bytes]:
    """A start tag's attributes (any spelling), by name."""
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(tag)}


# -- the survey's pass: extent and problem cells -------------------------------------------------------------------

@dataclass
class SheetScan:
    max_row: int = 0
    max_column: int = 0  # an upper bound: 26 when no cell lies beyond column Z
    #: (row, column) 1-based → what is wrong: "rumus" (formula never computed) or the error text ("#DIV/0!");
    #: (0, 0) for a formula cell whose place nothing states
    problems: dict[tuple[int, int], str] = field(default_factory=dict)
    data: bytes | None = field(default=None, repr=False)  # the part in one spelling, when asked to keep it

    @property
    def dense_cells(self) -> int:
        return self.max_row * self.max_column


def scan_sheet(package: Package, part: str, keep_above: int | None = None) -> SheetScan:
    """One pass over a sheet part: its extent (`extent`) and its problem cells, whatever the part's spelling. With
    `keep_above`, a part read whole whose A1-to-farthest rectangle holds more cells than that is kept, in one
    spelling, as `scan.data`: the sparse read that follows need not inflate and rewrite it again.

    A large part is scanned in pieces cut after a row's end tag (no cell cut in two) while a thread inflates the
    next piece: zlib and the checksum release the GIL, so on a second core the inflating (~0.09 s for the 41 MB of
    a 100,000-respondent survey) overlaps the scan instead of preceding it."""
    scan = SheetScan()
    whole = package.size(part) <= _WHOLE  # one read, no copies, for any sheet of usual size
    boxed = True
    for data, end, first, last in _parts(package, part, whole):
        # a piece's rows are bounded by the widest row seen so far: boxes of one width, one rectangle
        box = _boxed(data, 0, end, exact_when_small=whole, columns=scan.max_column)
        if box is None and whole:
            box = _positions(data)[:2]
        if box is None:  # a cell without a reference may follow a row of an earlier piece: placed in order below
            boxed = False
        else:
            scan.max_row, scan.max_column = max(scan.max_row, box[0]), max(scan.max_column, box[1])
        cells = sheet_data(data) if whole else _piece_cells(data, end, first, last)
        known = whole or first  # a piece after the first may start in rows without a number: placed below
        scan.problems.update(error_cells(data, *cells, rows_known=known))
        for ref in uncomputed_formulas(data, *cells, rows_known=known):
            match = re.fullmatch(r"([A-Z]+)(\d+)", ref or "")  # (0, 0): a cell whose place nothing states
            scan.problems[(int(match.group(2)), column_index(match.group(1))) if match else (0, 0)] = "rumus"
        if whole and keep_above is not None and scan.dense_cells > keep_above:
            scan.data = data
    if not boxed:
        state = (0, 0, 0, 0)
        for data, end, _, _ in _parts(package, part, whole):
            state = _positions(data, 0, end, state)
        scan.max_row, scan.max_column = state[:2]
    return scan


def _parts(package: Package, part: str, whole: bool) -> Iterator[tuple[bytes, int, bool, bool]]:
    """The part in one spelling (`canonical`): whole, or in pieces ending after a row's end tag (no cell cut in
    two): (bytes, where the piece ends in them, first, last)."""
    if whole:
        data = canonical(inflated(package, part))
        yield data, len(data), True, True
        return
    rest, first = b"", True
    for chunk in _read(package, part):
        data = canonical(rest + chunk) if rest else canonical(chunk)  # a tag cut in two is left for the next piece
        end = data.rfind(b"row>") + 4 if chunk else len(data)  # "</row>" (or "</x:row>")
        if end < 4:  # no row end in this piece yet: read on
            rest = data
            continue
        yield data, end, first, not chunk
        rest, first = data[end:], False
        if not chunk:
            return


def inflated(package: Package, part: str) -> bytes:
    """A part's bytes, inflated by one call into a buffer of its stated size and checked against its CRC-32: with
    libdeflate (the `deflate` package) ~30 + 2 ms for the 41 MB part of a 100,000-respondent survey, with zlib ~45
    + 10 ms, where zipfile's reading grows its buffer as it goes: ~85 ms. zipfile reads anything else: a stored or
    encrypted member, a local header that does not agree. A member whose data does not inflate or check raises what
    zipfile would (zlib.error, BadZipFile naming it): what libdeflate refuses (damaged data, a size that does not
    agree) is inflated again by zlib, which says what is wrong as before."""
    info = package.zip.getinfo(package.resolve(part))
    header = b""
    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1:
        with open(package.path, "rb") as handle:
            handle.seek(info.header_offset)
            header = handle.read(30)
            if len(header) == 30 and header[:4] == b"PK\x03\x04":
                name_length, extra_length = struct.unpack("<HH", header[26:30])
                handle.seek(info.header_offset + 30 + name_length + extra_length)
                compressed = handle.read(info.compress_size)
            else:
                header = b""
    if not header:
        with package.open(part) as stream:
            return stream.read()
    data = b""
    if _inflate is not None and info.file_size:
        try:
            data = _inflate(compressed, info.file_size)
        except _DeflateError:
            data = b""
    if len(data) != info.file_size or not data:
        data = zlib.decompress(compressed, -15, max(info.file_size, 1))
    if len(data) != info.file_size or _crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return data


def _read(package: Package, part: str) -> Iterator[bytes]:
    with package.open(part) as stream:
        while True:
            piece = stream.read(_PIECE)
            yield piece
            if not piece:
                return


def extent(data: bytes, first: int = 0, last: int | None = None) -> tuple[int, int]:
    """(last row, last column) of the rectangle calamine would allocate for a sheet part in one spelling
    (`canonical`), or an upper bound of it within `DENSE_CELL_LIMIT`: whatever `<dimension>` states (a part may state
    A1:K100 and hold XFD1048576), whatever row a cell's reference names (`<row r="2"><c r="A1048576">`: calamine
    follows the cell), however a reference is cased (`xfd1`), and for cells without a reference (the spec allows
    them: the position follows the cell before, the row's number the row before).

    One regex pass over the cell tags (`_far`): the box is guessed from the first and last cells, and a part whose
    cell tags all name a reference inside it (every producer's) is done; the box's last row is then a bound
    (699,999 for a 100,001-row, 11-column survey) that keeps the rectangle within `DENSE_CELL_LIMIT`. A cell beyond the box, a cell without a
    reference, a prefixed cell tag or any odd spelling of one sends the part to `_positions`, which places every
    cell as calamine does."""
    last = len(data) if last is None else last
    return _boxed(data, first, last) or _positions(data, first, last)[:2]


def _boxed(data: bytes, first: int, last: int, exact_when_small: bool = True,
           columns: int = 1) -> tuple[int, int] | None:
    """`extent`'s one pass: the guessed box (at least `columns` wide) when every cell tag names a reference inside
    it, else None (a small part too, when `exact_when_small`: placing its cells costs little and gives the exact
    extent)."""
    if exact_when_small and last - first <= 2 * _SAMPLE:
        return None
    if _prefixed_cell(data, first, last):  # `<x:c …>`: calamine reads any prefix's c as a cell
        return None
    sample = _SAMPLE_REF.findall(data, first, min(last, first + _SAMPLE))
    sample += _SAMPLE_REF.findall(data, max(first, last - _SAMPLE), last)
    letters = max((c for c, _ in sample), key=lambda c: (len(c), c), default=b"A")
    if column_index(letters.decode()) < columns:
        letters = column_letter(columns).encode()
    rows = max((int(r) for _, r in sample), default=1)
    columns = column_index(letters.decode())
    bound = _row_bound(DENSE_CELL_LIMIT // columns, rows)
    return (bound, columns) if _far(bound, letters).search(data, first, last) is None else None


_SAMPLE = 1 << 16
_SAMPLE_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_COLONS_BY_FIND = 64


def _prefixed_cell(data: bytes, first: int, last: int) -> bool:
    """Is there a prefixed cell tag (`:c` then a space, "/" or ">") between `first` and `last`? Looked for from the
    colons, found at memchr speed (~1 ms on 41 MB, where the regex takes ~12 ms): openpyxl's, LibreOffice's and
    most exporters' cells hold none. After `_COLONS_BY_FIND` of them (Excel writes two on every row: `spans="1:11"`,
    `x14ac:dyDescent`) the regex searches the rest."""
    pos = data.find(b":", first, last)
    for _ in range(_COLONS_BY_FIND):
        if pos == -1:
            return False
        if _PREFIXED_CELL.match(data, pos, last):
            return True
        pos = data.find(b":", pos + 1, last)
    return pos != -1 and _PREFIXED_CELL.search(data, pos, last) is not None


def _row_bound(target: int, at_least: int) -> int:
    """A row number of the form d·10^k − 1 (99,999; 699,999), which one regex alternation tells apart from greater
    numbers: the largest not above `target`, or the smallest not below `at_least` when that is more."""
    k = len(str(max(target, 1))) - 1
    bound = target // 10 ** k * 10 ** k - 1
    if bound >= at_least:
        return bound
    k = len(str(at_least)) - 1
    return (at_least // 10 ** k + 1) * 10 ** k - 1


@lru_cache(maxsize=32)
def _far(rows: int, letters: bytes) -> re.Pattern[bytes]:
    """A cell tag that is not `<c r="…"` naming a cell inside A1:`letters``rows` in one spelling: a tag without a
    reference or with attributes spelled otherwise, a reference cased otherwise (`xfd1`), a column after `letters`, a
    row after `rows`. Written as "not a reference inside" (one linear look-ahead per cell tag, ~60 ms on 41 MB:
    alternatives of what lies outside cost three times that)."""
    digits = str(rows)  # d·10^k − 1: a number up to it has fewer digits, or as many and a first one up to d − 1
    k = len(digits) - 1
    row = rb"[1-9]\d{0,%d}" % k if digits[0] == "9" else rb"[1-9]\d{0,%d}|[1-%s]\d{%d}" % (
        k - 1, digits[0].encode(), k) if k else rb"[1-%s]" % digits[0].encode()
    n = len(letters)
    column = [rb"[A-Z]{1,%d}" % (n - 1)] if n > 1 else []  # fewer letters
    for i, letter in enumerate(letters):  # as many, and a smaller one at the first place they differ
        if letter != ord("A"):
            column.append(letters[:i] + rb"[A-%s]" % bytes([letter - 1]) + rb"[A-Z]" * (n - i - 1))
    column.append(letters)
    return re.compile(rb'<c(?! r="(?:%s)(?:%s)")[\s/>]' % (b"|".join(column), row))


_CELL_OR_ROW = re.compile(rb"""<(/?)(?:[\w.-]+:)?(c|row)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_REF_PARTS = re.compile(rb"([A-Za-z]+)(\d+)")  # calamine takes any number of letters


def _positions(data: bytes, first: int = 0, last: int | None = None,
               state: tuple[int, int, int, int] = (0, 0, 0, 0)) -> tuple[int, int, int, int]:
    """(last row, last column) of every cell tag placed as calamine places it (`_Placer`). Then the row and column
    the next tag would start from (`state`, for a part read in pieces). Slow (Python per tag), for parts no producer
    writes."""
    last = len(data) if last is None else last
    max_row, max_column, row, column = state
    placer = _Placer(data, first, row, column)
    for match in _CELL_OR_ROW.finditer(data, first, last):
        at = placer.step(match)
        if at is not None:
            max_row, max_column = max(max_row, at[0]), max(max_column, at[1])
    return max_row, max(max_column, 1), placer.row, placer.column


class _Placer:
    """Where cells stand, as calamine places them: a cell at its own reference (any case), else one column after
    the cell before it in its row; a row at its number, else one after the row before. `place` answers for cells
    asked in document order without walking the part again for each (a part with thousands of problem cells)."""

    def __init__(self, data: bytes, start: int = 0, row: int | None = 0, column: int = 0) -> None:
        self.data, self.pos = data, start
        self.row, self.column = row, column  # 0-based, as calamine counts; row None: not known (a piece's start)

    def step(self, match: re.Match[bytes]) -> tuple[int, int] | None:
        """Take one tag (`_CELL_OR_ROW`): the 1-based (row, column) of a cell, None for anything else or a cell
        whose row is not known."""
        end, name, tag = match.group(1), match.group(2), match.group(3)
        if name == b"row":
            if not end:
                number = attributes(tag).get(b"r", b"")
                if number.isdigit():
                    self.row = int(number) - 1
            if end or tag.endswith(b"/"):  # the row is over: the next one without a number follows it
                self.row, self.column = (self.row + 1 if self.row is not None else None), 0
            return None
        if end:
            return None
        ref = _REF_PARTS.fullmatch(attributes(tag).get(b"r", b"").strip())
        if ref is not None:
            at = (int(ref.group(2)), column_index(ref.group(1).decode().upper()))
        else:
            at = (self.row + 1, self.column + 1) if self.row is not None else None
        self.column = (at[1] if at else self.column + 1)
        return at

    def place(self, start: int) -> str | None:
        """The reference of the cell whose tag begins at `start` (None: its row is not known). A cell with its own
        reference is answered at once; only one without walks the tags before it, from where the last walk ended."""
        cell = _CELL_OR_ROW.match(self.data, start)
        if cell is None:
            return None
        ref = _REF_PARTS.fullmatch(attributes(cell.group(3)).get(b"r", b"").strip())
        if ref is not None:
            return ref.group(0).decode().upper()
        if start < self.pos:
            self.pos, self.row, self.column = 0, 0, 0
        for match in _CELL_OR_ROW.finditer(self.data, self.pos, start):
            self.step(match)
        self.pos = start
        row, column = self.row, self.column  # `place` looks without taking: the next walk takes this tag
        at = self.step(cell)
        self.row, self.column = row, column
        from ..cells import address

        return address(*at) if at else None


def _piece_cells(data: bytes, end: int, first: bool, last: bool) -> tuple[int, int]:
    """Where the cells are in one piece of a part (`data` up to `end`): from `<sheetData>` in the first, to
    `</sheetData>` in the piece that holds it (the last, unless something after it ends in "row>")."""
    start = _SHEET_DATA.search(data, 0, end) if first else None
    close = sheet_data(data[:end])[1] if last or data.rfind(b"sheetData>", 0, end) != -1 else 0
    return (start.start() if start else 0), (close or end)


# -- problem cells -------------------------------------------------------------------------------------------------

def sheet_data(data: bytes) -> tuple[int, int]:
    """Where the cells are (formulas elsewhere, e.g. a sparkline's `<xm:f>`, are not cell formulas).

    The end tag is looked for from the part's end (it is near there; a regex from the start walks every `<` of
    a 29 MB survey sheet), and confirmed; anything unusual falls back to the regex search."""
    start = re.search(rb"<(?:\w+:)?sheetData\b", data)
    end = None
    near = data.rfind(b"sheetData>")
    if near != -1:
        opening = data.rfind(b"<", 0, near)
        end = _SHEET_DATA_END.fullmatch(data, opening, near + len(b"sheetData>")) if opening != -1 else None
    if end is None:
        end = _SHEET_DATA_END.search(data)
    return (start.start() if start else 0), (end.start() if end else 0)


def formula_tags(data: bytes, first: int, last: int) -> list[re.Match]:
    """Each cell formula's opening tag (`<f>`, `<f t="shared" …/>`, `<x:f>`) between `first` and `last`, in order:
    what `FORMULA.finditer(data, first, last)` gives, found from the "f" bytes right after "<" or ":" (a regex that
    starts at `<` stops at each of the millions of tags of a large survey sheet)."""
    found = []
    for pos in _after(data, first, last, b"f", b"<:"):
        start = pos - 1 if data[pos - 1] == 0x3C else data.rfind(b"<", first, pos)  # "<f", or "<x:f"
        match = FORMULA.match(data, start, last) if start != -1 else None
        if match is not None and match.end() == pos + 2:
            found.append(match)
    return found


def _after(data: bytes, first: int, last: int, char: bytes, before: bytes) -> list[int]:
    """Positions in `first`..`last` of the byte `char` right after one of the bytes of `before`, in order.

    A one-byte search runs at memchr speed, and "f" is rare in sheet markup outside formulas (none in rows, cells
    or values; text only in inline strings): 41 MB of survey XML in ~5 ms, where bytes.find of "<f" and ":f" took
    74 ms ("<" starts every tag). numpy did it in blocks as fast but its import (~20 MB) then stayed resident while
    calamine read the sheet, raising the command's peak memory by as much."""
    found = []
    pos = data.find(char, first + 1, last)
    while pos != -1:
        if data[pos - 1] in before:
            found.append(pos)
        pos = data.find(char, pos + 1, last)
    return found


def uncomputed_formulas(data: bytes, first: int, last: int, rows_known: bool = True) -> Iterator[str | None]:
    """Each cell (its reference, None when it has none) between `first` and `last`, in order, whose formula has no
    stored result (written by a library, never opened in Excel); a text formula's empty result is a result.
    `data` is in one spelling (`canonical`)."""
    placer = _Placer(data, 0, row=0 if rows_known else None)
    for found in formula_tags(data, first, last):
        start = _cell_start(data, found.start())
        end = CELL_END.search(data, found.end())
        cell = data[start:end.end() if end else len(data)]
        attrs = attributes(cell[:cell.find(b">")])
        if _STORED.search(cell) is None and attrs.get(b"t") != b"str":
            yield placer.place(start) if start >= 0 else None


def _cell_start(data: bytes, pos: int) -> int:
    """Where the `<c …>` (or `<x:c …>`) tag holding or preceding `pos` begins (-1: none)."""
    start = max(data.rfind(b"<c ", 0, pos + 1), data.rfind(b"<c>", 0, pos + 1))
    prefixed = max(data.rfind(b":c ", 0, pos + 1), data.rfind(b":c>", 0, pos + 1))
    return data.rfind(b"<", 0, prefixed) if prefixed > start else start


def uncomputed_formula(data: bytes) -> str | None:
    """The first cell whose formula has no stored result ("?" when it has no reference)."""
    data = canonical(data)
    ref = next(uncomputed_formulas(data, *sheet_data(data)), False)
    return None if ref is False else ref or "?"


def error_cells(data: bytes, first: int = 0, last: int | None = None,
                rows_known: bool = True) -> dict[tuple[int, int], str]:
    """(row, column) → the Excel error value a cell holds (`#DIV/0!`), as the openpyxl and xlwings paths see it.
    `data` in one spelling (`canonical`): the type attribute is then always ` t="e"`, wherever it stands."""
    last = len(data) if last is None else last
    out = {}
    placer = _Placer(data, 0, row=0 if rows_known else None)
    for found in _ERROR_TYPE.finditer(data, first, last):  # the regex engine finds it faster than bytes.find
        pos = found.start()
        start = _cell_start(data, pos)
        close = data.find(b">", pos)
        if start >= 0 and data.rfind(b">", start, pos) < 0:  # the attribute is the cell tag's own
            ref = placer.place(start)
            if ref is not None:
                match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
                end = CELL_END.search(data, close) if data[close - 1:close] != b"/" else None
                value = _VALUE.search(data, close, end.start()) if end else None
                out[(int(match.group(2)), column_index(match.group(1)))] = _text(value.group(1)) if value else "#N/A"
    return out


# -- Excel Tables ---------------------------------------------------------------------------------------------------

def totals_rows(package: Package, part: str) -> list[tuple[int, int, int, str]]:
    """The totals rows of the sheet's Excel Tables (`totalsRowCount` on the table part): (row, first column, last
    column, table name), 1-based. A totals row holds MAX, MIN, SUM or AVERAGE of the answers above it, often with
    no "Total" label: read as a respondent it would change the IKM."""
    from ..cells import parse_range

    out = []
    for rel in package.rels(part):
        if rel.external or not rel.type.endswith("/table") or rel.target not in package.names:
            continue
        tag = re.search(rb"<(?:\w+:)?table\b[^>]*>", package.read(rel.target, keep=False))
        attrs = attributes(tag.group(0)) if tag else {}
        count = attrs.get(b"totalsRowCount", b"0").strip()
        if not count.isdigit() or not int(count) or b"ref" not in attrs:
            continue
        try:
            top, left, bottom, right = parse_range(attrs[b"ref"].decode())
        except Exception:  # a table whose range cannot be read: Excel would repair it away
            continue
        name = (attrs.get(b"displayName") or attrs.get(b"name") or b"").decode()
        out += [(row, left, right, name) for row in range(max(top, bottom - int(count) + 1), bottom + 1)]
    return out


def blank_totals(rows: list[list[Any]], totals: list[tuple[int, int, int, str]], blank: Any = None) -> list[str]:
    """Empty the totals rows' cells in `rows` (a sheet's values, row 1 first); what was left out, described."""
    notes = []
    for row, left, right, name in totals:
        if row > len(rows):
            continue
        line = rows[row - 1]
        if any(v not in (None, "") for v in line[left - 1:right]):
            notes.append(f"baris {row} (baris total Tabel '{name}')")
        for c in range(left - 1, min(right, len(line))):
            line[c] = blank
    return notes


# -- sparse reading ------------------------------------------------------------------------------------------------

class CellValues:
    """How a package's cells read: shared strings and which styles show numbers as dates, each parsed once."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self._strings: list[str] | None = None
        self._date_styles: list[bool] | None = None
        self._format_codes: list[str] | None = None
        self._epoch: dt.datetime | None = None

    def epoch(self) -> dt.datetime:
        """Day 0 of the workbook's date system: Mac Excel's 1904 system (`<workbookPr date1904="1"/>`) counts from
        1904-01-01, every other book from 1899-12-30 (calamine follows the same flag on its dense path)."""
        if self._epoch is None:
            head = self.package.read(self.package.workbook_part)
            self._epoch = _EPOCH_1904 if _DATE1904.search(head) else _EPOCH
        return self._epoch

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = [_excel_text(text) for text in shared_strings(self.package)]
        return self._strings

    def date_styles(self) -> list[bool]:
        """Per cellXfs index: does it show numbers as dates?"""
        if self._date_styles is None:
            from openpyxl.styles.numbers import is_date_format

            package = self.package
            rel = package.workbook_rel("styles")
            self._date_styles = []
            if rel is not None:
                root = ElementTree.fromstring(package.read(rel.target))
                formats = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iter(f"{{{MAIN}}}numFmt")}
                for xf in root.find(f"{{{MAIN}}}cellXfs") or []:
                    fmt = int(xf.get("numFmtId", 0))
                    self._date_styles.append(fmt in _BUILTIN_DATES or (fmt in formats and is_date_format(formats[fmt])))
        return self._date_styles

    def sparse_rows(self, data: bytes) -> list[list[Any]]:
        """Cell by cell: only cells holding a value are kept, None between them; rows in between are empty lists.
        Slower per cell than calamine but bounded by the cells that exist: for sheets whose rectangle is too large
        to allocate. An Excel error value reads as its text."""
        data = canonical(data)
        found: dict[int, dict[int, Any]] = {}
        row_number = 0
        for row in _ROW_ELEMENT.finditer(data):
            r = re.search(rb'\sr="(\d+)"', row.group(1))
            row_number = int(r.group(1)) if r else row_number + 1
            column = 0
            for cell in _CELL.finditer(row.group(2) or b""):
                attrs = " " + cell.group(1).decode()
                ref = _CELL_REF.search(attrs)  # placed as calamine places it: by its own reference, in any case
                column = column_index(ref.group(1).upper()) if ref else column + 1
                at_row = int(ref.group(2)) if ref else row_number
                if at_row > EXCEL_ROWS or column > EXCEL_COLUMNS:  # beyond XFD1048576: no workbook Excel opens holds
                    continue  # it, and a row list as long as `ZZZZZZ1` names would not fit in memory
                value = self.value(attrs, cell.group(2) or b"")
                if value is not None:
                    found.setdefault(at_row, {})[column] = value
        rows: list[list[Any]] = []
        for r in range(1, max(found, default=0) + 1):
            cells = found.get(r)
            rows.append([cells.get(c) for c in range(1, max(cells) + 1)] if cells else [])
        return rows

    def value(self, attrs: str, body: bytes) -> Any:
        kind_match = re.search(r'\st="(\w+)"', attrs)
        kind = kind_match.group(1) if kind_match else "n"
        if kind == "inlineStr":
            return _excel_text("".join(_text(t) for t in re.findall(rb"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>", body,
                                                                    re.S)))
        stored = re.search(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", body, re.S)
        if stored is None:
            return None
        text = _text(stored.group(1))
        if kind == "s":
            return self.strings()[int(text)]
        if kind == "b":
            return text == "1"
        if kind in ("str", "e"):
            return _excel_text(text)
        if kind == "d":
            return dt.datetime.fromisoformat(text)
        number = float(text)
        style = re.search(r'\ss="(\d+)"', attrs)
        if style and int(style.group(1)) < len(self.date_styles()) and self.date_styles()[int(style.group(1))]:
            try:
                return self.epoch() + dt.timedelta(milliseconds=round(number * 86_400_000))  # as calamine rounds
            except (OverflowError, ValueError):  # a NIK pasted into a date cell: no date, the number it is
                return number
        return number


    def format_codes(self) -> list[str]:
        """Per cellXfs index: its number format code ("General", "0.000", "0.00%", a built-in one by its code)."""
        if self._format_codes is None:
            from ..rules.decimals import BUILTIN_FORMATS

            rel = self.package.workbook_rel("styles")
            self._format_codes = []
            if rel is not None:
                root = ElementTree.fromstring(self.package.read(rel.target))
                formats = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in root.iter(f"{{{MAIN}}}numFmt")}
                for xf in root.find(f"{{{MAIN}}}cellXfs") or []:
                    fmt = int(xf.get("numFmtId", 0))
                    self._format_codes.append(formats.get(fmt, BUILTIN_FORMATS.get(fmt, "General")))
        return self._format_codes

    def number_formats(self, data: bytes) -> dict[tuple[int, int], str]:
        """(row, column) 1-based → number format code of every cell of a sheet part that has one besides General
        (how a Data IKU number was written: `0.000`, `0.0%`). For small input sheets: one pass over every cell."""
        codes = self.format_codes()
        found: dict[tuple[int, int], str] = {}
        for cell in _CELL.finditer(data):
            attrs = cell.group(1)
            style = _STYLE_ATTR.search(attrs)
            ref = _REF_ATTR.search(attrs)
            if style and ref and int(style.group(1)) < len(codes):
                code = codes[int(style.group(1))]
                if code != "General":
                    found[(int(ref.group(2)), column_index(ref.group(1).decode()))] = code
        return found


_CELL_REF = re.compile(r'\sr="([A-Za-z]+)(\d+)"')
_STYLE_ATTR = re.compile(rb"""\ss\s*=\s*["'](\d+)["']""")
_REF_ATTR = re.compile(rb"""\sr\s*=\s*["']([A-Z]+)(\d+)["']""")


def _text(raw: bytes) -> str:
    return unescape(raw.decode("utf-8"))


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _excel_text(text: str) -> str:
    """A cell's text with Excel's escapes read as calamine reads them: `_x000B_` is the character U+000B (a line
    break pasted from Word), `_x005F_` an underscore (so `_x005F_x000B_` stays the text "_x000B_")."""
    return _EXCEL_ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text) if "_x" in text else text
