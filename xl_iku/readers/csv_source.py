"""A form service's CSV export, read as a stream: `read_csv(path)` → rows of cells, as a survey source gives them.

One pass over the file, a line at a time, into column storage (`ColumnRows`): a few thousand rows at a time are
turned into one compact chunk per column (an answer or a profile one byte a cell, whole numbers eight, text joined and
compressed), so memory follows what the columns hold, never the file's bytes, its decoded text and a Python list per
row at once. The survey reader reads it as rows, or column by column where it reads whole columns; a survey's
answers stay one byte a cell (`AnswerRows`), its profile columns are read a block at a time when asked for. What a CSV
export gets wrong, each said with its line:

- encodings: UTF-8 with or without BOM, UTF-16 (BOM, or the NUL bytes of UTF-16 text without one), and a file
  that mixes UTF-8 lines with Windows' ANSI (cp1252) lines, decoded line by line rather than all as cp1252;
- separators: comma, semicolon or tab, the one the first lines agree on, quotes respected (`separator`): a
  question's own commas in a semicolon file's header do not outvote its separators;
- a stray quote: a field that opens a quote and never closes it swallows the lines below it; a quoted field that
  spans more lines than a sane answer has, or a file that ends inside quotes, is an error naming the line where the
  quote opened, instead of a survey with rows missing.

Whole numbers become numbers, as Excel does when it opens the file; every other text stays text (answers as labels,
day-first dates, which the survey rules read). The exact text ``NULL`` (what database exports write for no value)
is an empty cell.
"""

from __future__ import annotations

import codecs
import csv
import io
import operator
import os
import re
import zlib
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, islice
from operator import itemgetter
from typing import Any

from ..errors import InputError

_INTEGER = re.compile(r"^-?\d{1,9}$")
#: A quoted field may hold line breaks (a respondent's suggestion over a few lines); one spanning more lines than
#: this is a quote opened by mistake that swallowed the rows below it.
MAX_FIELD_LINES = 20
_SEPARATORS = (",", ";", "\t")
_KEPT_TEXTS = 4096


def read_csv(path: str | os.PathLike) -> ColumnRows:
    """The CSV's rows (row 1 first), "" for an empty cell; an InputError naming the line for what cannot be read."""
    shown = os.fsdecode(path)
    try:
        with open(path, "rb") as stream:
            lines = _decoded_lines(stream)
            head = list(islice(lines, _HEAD_LINES))
            blocks, batch = [], []
            for row in _rows(shown, chain(head, lines), separator(head)):
                batch.append(row)
                if len(batch) == BLOCK:
                    blocks.append(_Block(batch))
                    batch = []
            if batch:
                blocks.append(_Block(batch))
            return ColumnRows(blocks)
    except OSError as error:
        raise InputError(f"Berkas '{shown}' tidak dapat dibaca ({error.strerror or error}).") from None


#: The lines the separator is judged from
_HEAD_LINES = 50


def separator(head: Sequence[str]) -> str:
    """The separator the file's first lines agree on. Each candidate splits the lines as CSV (quotes respected);
    the one under which the most lines have the same number of fields (two or more; the most common number, the
    larger on a tie) wins, then the one giving more fields, then comma, semicolon, tab in that order. Counting a
    character in the header line let a question's own commas outvote the semicolons between the columns ("Menurut
    Anda, bagaimana …" in a file saved by Excel set to Indonesian, whose list separator is ";")."""
    best, best_score = None, (0, 0)
    for candidate in _SEPARATORS:
        widths: Counter[int] = Counter()
        try:
            for record in csv.reader(head, delimiter=candidate, strict=True):
                if len(record) > 1:
                    widths[len(record)] += 1
        except csv.Error:  # a quote these lines do not close (a stray one, or a field going on below them)
            pass
        if widths:
            score = max((count, width) for width, count in widths.items())
            if score > best_score:
                best, best_score = candidate, score
    if best is None:  # one column, or nothing the lines agree on: the character the first line holds most
        return max(_SEPARATORS, key=head[0].count) if head else ","
    return best


def _rows(path: str, lines: Iterator[str], separator: str) -> Iterator[list[Any]]:
    numbered = _Numbered(lines)
    reader = csv.reader(numbered, delimiter=separator, strict=True)
    texts: dict[str, Any] = {}  # text → its value, for the texts that repeat (see _value)
    width = None
    while True:
        start = numbered.count + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if numbered.count - start + 1 > 1 or "end of data" in str(error) or "EOF" in str(error):
                raise _open_quote(path, start) from None
            raise InputError(f"Berkas '{path}' baris {start}: bukan CSV yang dapat dibaca ({error}). Periksa tanda "
                             "kutip (\") di baris itu.") from None
        spanned = numbered.count - start + 1
        if width is None:
            width = len(record)
        if spanned > MAX_FIELD_LINES or (spanned > 1 and len(record) != width and any(
                "\n" in field and field.count(separator) >= max(width - 1, 1) for field in record)):
            raise _open_quote(path, start)
        seen = texts.get
        yield [value if (value := seen(text)) is not None else _value(text, texts) for text in record]


def _open_quote(path: str, line: int) -> InputError:
    return InputError(
        f"Berkas '{path}' baris {line}: tanda kutip (\") dibuka tetapi tidak ditutup, sehingga baris-baris di "
        "bawahnya terbaca sebagai satu isian. Hapus tanda kutip itu atau tutup dengan pasangannya, lalu simpan "
        "ulang."
    )


class _Numbered:
    """Lines handed to csv.reader, counted (csv.reader's own line_num counts the same, but only after a record)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.count = 0

    def __iter__(self) -> _Numbered:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.count += 1
        return line


def _value(text: str, texts: dict[str, Any]) -> Any:
    """A cell's value: a whole number as a number, NULL as empty, other text as it is. Each text seen is kept with
    its value ("Laki-laki" or "3" in 100,000 rows: worked out once, one string): labels repeat from the first rows
    on, while unique texts (names, timestamps) would only grow the table, so it stops growing at a few thousand."""
    value = int(text) if _INTEGER.match(text) else "" if text == "NULL" else text
    if len(texts) < _KEPT_TEXTS:
        texts[text] = value
    return value


def _decoded_lines(stream) -> Iterator[str]:
    """Text lines with their line ends, whatever the file's encoding (see the module's note)."""
    head = stream.read(4096)
    encoding = _utf16(head)
    if encoding:
        stream.seek(0)
        yield from io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        return
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    for raw in _chain_bytes((head + stream.readline()).splitlines(keepends=True), stream):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:  # a line typed on Windows among UTF-8 ones
            yield raw.decode("cp1252", "replace")


def _chain_bytes(first: list[bytes], rest) -> Iterator[bytes]:
    yield from first
    yield from rest


def _utf16(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:200]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
        return "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) == 0:
        return "utf-16-be"
    return None


# --- the rows, kept column by column ---------------------------------------------------------------------------------

#: Rows are gathered this many at a time, then kept column by column (the rows of one block exist only meanwhile).
BLOCK = 4096
_SEP = "\x00"


class _Chunk:
    """One column's cells in one block, in the smallest form that gives them back exactly: codes into the block's
    distinct values (an answer, a profile: one byte a cell), whole numbers in an array, text joined and compressed
    (names, timestamps, suggestions; numbers among them written as their digits), or the values themselves (a text
    holding the separator)."""

    __slots__ = ("kind", "data", "table")

    def __init__(self, values: Sequence[Any]) -> None:
        distinct = dict.fromkeys(values)
        if len(distinct) <= 256:
            self.kind, self.table = "codes", tuple(distinct)
            index = {value: code for code, value in enumerate(self.table)}
            self.data = bytes(map(index.__getitem__, values))
            return
        self.table = ()
        if all(value.__class__ is int for value in distinct):  # nine digits at most: they fit
            self.kind, self.data = "ints", array("q", values)
            return
        self.kind = "text"
        try:
            text = _SEP.join(values)
        except TypeError:  # whole numbers among texts: written as digits, read back as numbers (see `values`)
            self.kind, text = "mixed", _SEP.join(map(str, values))
        if text.count(_SEP) == len(values) - 1:
            self.data = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)
        else:  # a text holding the separator itself
            self.kind, self.data = "values", tuple(values)

    def values(self) -> list[Any]:
        if self.kind == "codes":
            return list(itemgetter(*self.data)(self.table)) if len(self.data) > 1 else [self.table[0]]
        if self.kind in ("text", "mixed"):
            texts = zlib.decompress(self.data).decode("utf-8", "surrogatepass").split(_SEP)
            # a text that reads as a whole number was one before (the reader turns every such text into a number)
            return texts if self.kind == "text" else [int(t) if _INTEGER.match(t) else t for t in texts]
        return list(self.data)


class _Block:
    """`BLOCK` rows (the last block fewer), one `_Chunk` per column; short rows padded with "" and their lengths
    kept."""

    __slots__ = ("size", "lengths", "chunks")

    def __init__(self, rows: list[list[Any]]) -> None:
        self.size = len(rows)
        lengths = list(map(len, rows))
        width = max(lengths, default=0)
        if min(lengths, default=0) == width:
            self.lengths: int | array = width
        else:  # ragged rows (an empty line, a short line) keep their own lengths
            self.lengths = array("L", lengths)
            rows = [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]
        self.chunks = [_Chunk(column) for column in zip(*rows)]

    def row_lengths(self) -> Sequence[int]:
        return [self.lengths] * self.size if isinstance(self.lengths, int) else self.lengths

    def column(self, index: int, missing: Any) -> list[Any]:
        if index >= len(self.chunks):
            return [missing] * self.size
        values = self.chunks[index].values()
        if not isinstance(self.lengths, int) and missing != "":
            for row in compress(range(self.size), map(index.__ge__, self.lengths)):
                values[row] = missing
        return values

    def rows(self) -> list[list[Any]]:
        rows = list(map(list, zip(*(chunk.values() for chunk in self.chunks))))
        if not self.chunks:
            rows = [[] for _ in range(self.size)]
        if not isinstance(self.lengths, int):
            rows = [row[:length] if length < len(row) else row for row, length in zip(rows, self.lengths)]
        return rows


class _BlockedRows(Sequence):
    """Rows kept in blocks, seen through a window [start, stop): a slice is another window on the same blocks (no
    copy), a row is read from its block's rows, built once for the rows that follow it (`_rows`)."""

    def __init__(self, sizes: Iterable[int], start: int, stop: int | None) -> None:
        self._offsets = list(accumulate(sizes, initial=0))
        total = self._offsets[-1]
        self._start = min(start, total)
        self._stop = total if stop is None else max(self._start, min(stop, total))
        self._cached: tuple[int, list[Any]] | None = None

    def _window(self, start: int, stop: int) -> _BlockedRows:
        raise NotImplementedError

    def _rows(self, number: int) -> list[Any]:
        raise NotImplementedError

    def _row(self, row: Any) -> Any:
        return row

    def __len__(self) -> int:
        return self._stop - self._start

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self._window(self._start + start, self._start + max(start, stop))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("row index out of range")
        row = self._start + index
        number = bisect_right(self._offsets, row) - 1
        if self._cached is None or self._cached[0] != number:
            self._cached = number, self._rows(number)
        return self._row(self._cached[1][row - self._offsets[number]])

    def _spans(self) -> Iterator[tuple[int, int, int]]:
        """(block number, first, end) of the rows in view, block by block."""
        row = self._start
        while row < self._stop:
            number = bisect_right(self._offsets, row) - 1
            first = row - self._offsets[number]
            end = min(self._offsets[number + 1] - self._offsets[number], first + self._stop - row)
            yield number, first, end
            row += end - first

    def __iter__(self) -> Iterator[Any]:
        for number, first, end in self._spans():
            yield from self._rows(number)[first:end]


class ColumnRows(_BlockedRows):
    """A CSV's rows, kept column by column in blocks (`_Chunk`): memory follows what each column holds, not a
    Python list per row. Read as a sequence of rows (a row is a fresh list), as every survey source gives its values;
    `column` and `pick` read columns without building rows."""

    def __init__(self, blocks: list[_Block], start: int = 0, stop: int | None = None) -> None:
        super().__init__((block.size for block in blocks), start, stop)
        self._blocks = blocks

    def _window(self, start: int, stop: int) -> ColumnRows:
        return ColumnRows(self._blocks, start, stop)

    def _rows(self, number: int) -> list[list[Any]]:
        return self._blocks[number].rows()

    _row = staticmethod(list)  # a fresh list each time, as a list of lists would be copied by its reader

    def _block_spans(self) -> Iterator[tuple[_Block, int, int]]:
        for number, first, end in self._spans():
            yield self._blocks[number], first, end

    def lengths(self) -> list[int]:
        """Each row's length, as `map(len, rows)` would give them."""
        out: list[int] = []
        for block, first, end in self._block_spans():
            out += block.row_lengths()[first:end]
        return out

    def column(self, index: int, missing: Any = None) -> list[Any]:
        """One column's cells, `missing` where a row is shorter."""
        out: list[Any] = []
        for block, first, end in self._block_spans():
            out += block.column(index, missing)[first:end]
        return out

    def column_blocks(self, index: int, missing: Any = None) -> Iterator[tuple[int, list[Any]]]:
        """`column` a block at a time: (index of its first row in this view, its cells)."""
        offset = 0
        for block, first, end in self._block_spans():
            yield offset, block.column(index, missing)[first:end]
            offset += end - first

    def pick(self, columns: Sequence[int]) -> list[tuple[Any, ...]]:
        """The cells of `columns` in each row, as tuples ("" where a row is shorter). Equal tuples are one object:
        respondents repeat their answer patterns (all 3, all 4), so 100,000 rows hold a few thousand tuples."""
        out: list[tuple[Any, ...]] = []
        seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for block, first, end in self._block_spans():
            part = list(zip(*(block.column(c, "")[first:end] for c in columns)))
            out += map(seen.setdefault, part, part)
        return out

    def answer_rows(self, columns: Sequence[int], cell: Callable[[Any], Any]) -> AnswerRows:
        """`pick` kept one byte a cell (`AnswerRows`): the cells of `columns` in each row, each as `cell` makes it
        ("" where a row is shorter, before `cell`)."""
        parts = []
        for block, first, end in self._block_spans():
            kept: list[tuple[bytes | None, Sequence[Any]]] = []
            for column in columns:
                chunk = block.chunks[column] if column < len(block.chunks) else None
                if chunk is not None and chunk.kind == "codes":
                    kept.append((chunk.data[first:end], tuple(map(cell, chunk.table))))
                    continue
                values = block.column(column, "")[first:end]
                distinct = dict.fromkeys(values)
                if len(distinct) <= 256:
                    index = {value: code for code, value in enumerate(distinct)}
                    kept.append((bytes(map(index.__getitem__, values)), tuple(map(cell, distinct))))
                else:  # a column of many different texts (no survey answers): the cells themselves
                    kept.append((None, list(map(cell, values))))
            parts.append((end - first, kept))
        return AnswerRows(parts)


# --- a survey's answers, kept one byte a cell ------------------------------------------------------------------------

class AnswerRows(_BlockedRows):
    """The answer cells of a CSV survey's rows (`ColumnRows.answers`), in code order, each cell as `cell` made it
    ("" as None): every block's answer columns stay their chunk's codes, one byte a cell, into the block's distinct
    values, and a row is a tuple built when asked for, so a survey's answers cost a byte each, not a tuple per
    respondent. `column_bytes` gives a column coded 1–4 (0: not answered) without building any row."""

    def __init__(self, parts: list[tuple[int, list[tuple[bytes | None, Sequence[Any]]]]], start: int = 0,
                 stop: int | None = None) -> None:
        super().__init__((size for size, _ in parts), start, stop)
        self._parts = parts  # (rows, [(codes, their values) or (None, the cells) per answer column]) per block

    def _window(self, start: int, stop: int) -> AnswerRows:
        return AnswerRows(self._parts, start, stop)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (AnswerRows, list, tuple)):
            return len(self) == len(other) and all(map(operator.eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def _rows(self, number: int) -> list[tuple[Any, ...]]:
        size, columns = self._parts[number]
        cells = [values if codes is None else [values[codes[0]]] if size == 1 else itemgetter(*codes)(values)
                 for codes, values in columns]
        return list(zip(*cells)) if cells else [()] * size

    def column_bytes(self, index: int, byte: Callable[[Any], int | None]) -> bytes | None:
        """Column `index` with each cell as `byte` codes it (an answer 1–4, 0 for none), one byte a row; None
        when `byte` refuses a cell (None from it: a cell that is no plain answer)."""
        out = []
        for number, first, end in self._spans():
            codes, values = self._parts[number][1][index]
            if codes is None:
                coded = list(map(byte, values[first:end]))
                if None in coded:
                    return None
                out.append(bytes(coded))
                continue
            codes = codes[first:end]
            coded = list(map(byte, values))
            for code in [c for c, b in enumerate(coded) if b is None]:
                if bytes((code,)) in codes:  # a refused value among these rows (not only elsewhere in the block)
                    return None
                coded[code] = 0
            out.append(codes.translate(bytes(coded).ljust(256, b"\0")))
        return b"".join(out)


__all__ = ["read_csv", "ColumnRows", "AnswerRows", "MAX_FIELD_LINES"]
