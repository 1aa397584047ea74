"""A form service's CSV export, read as a stream: `read_csv(path)` → rows of cells, as a survey source gives them.

One pass over the file, a line at a time, so memory follows the rows kept (each repeated text kept once), never the
file's bytes, its decoded text and its rows at once. What a CSV export gets wrong, each said with its line:

- encodings: UTF-8 with or without BOM, UTF-16 (BOM, or the NUL bytes of UTF-16 text without one), and a file
  that mixes UTF-8 lines with Windows' ANSI (cp1252) lines, decoded line by line rather than all as cp1252;
- separators: comma, semicolon or tab, the one the header line uses most;
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
import os
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError

_INTEGER = re.compile(r"^-?\d{1,9}$")
#: A quoted field may hold line breaks (a respondent's suggestion over a few lines); one spanning more lines than
#: this is a quote opened by mistake that swallowed the rows below it.
MAX_FIELD_LINES = 20
_SEPARATORS = (",", ";", "\t")
_KEPT_TEXTS = 4096


def read_csv(path: str | os.PathLike) -> list[list[Any]]:
    """The CSV's rows (row 1 first), "" for an empty cell; an InputError naming the line for what cannot be read."""
    shown = os.fsdecode(path)
    try:
        with open(path, "rb") as stream:
            lines = _decoded_lines(stream)
            first = next(lines, "")
            separator = max(_SEPARATORS, key=first.count) if first else ","
            return list(_rows(shown, _chain(first, lines), separator))
    except OSError as error:
        raise InputError(f"Berkas '{shown}' tidak dapat dibaca ({error.strerror or error}).") from None


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _rows(path: str, lines: Iterator[str], separator: str) -> Iterator[list[Any]]:
    numbered = _Numbered(lines)
    reader = csv.reader(numbered, delimiter=separator, strict=True)
    texts: dict[str, str] = {}
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
        yield [_value(text, texts) for text in record]


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


def _value(text: str, texts: dict[str, str]) -> Any:
    if _INTEGER.match(text):
        return int(text)
    if text == "NULL":
        return ""
    # "Laki-laki" in 100,000 rows: one string. Labels repeat from the first rows on; unique texts (names,
    # timestamps) would only grow the table, so it stops growing at a few thousand entries
    return texts.setdefault(text, text) if len(texts) < _KEPT_TEXTS else texts.get(text, text)


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


__all__ = ["read_csv", "MAX_FIELD_LINES"]
