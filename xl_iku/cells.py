"""A1 addresses and Excel date serials without loading a workbook library (readers and messages need them;
openpyxl is slow to import)."""

from __future__ import annotations

import datetime as dt
import re

from .errors import InputError

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def address(row: int, column: int) -> str:
    """1-based row/column → "D7"."""
    return f"{column_letter(column)}{row}"


def parse_range(text: str) -> tuple[int, int, int, int]:
    """"B5:J104" → (first_row, first_col, last_row, last_col), all 1-based and inclusive."""
    parts = text.strip().split(":")
    if len(parts) == 1:
        parts = parts * 2
    found = [_CELL.match(p.strip()) for p in parts]
    if len(parts) != 2 or not all(found):
        raise InputError(f"Rentang '{text}' tidak dikenali. Tulis seperti B5:J104.")
    (c1, r1), (c2, r2) = ((m.group(1), int(m.group(2))) for m in found)
    top, bottom = sorted((r1, r2))
    left, right = sorted((column_index(c1), column_index(c2)))
    if top < 1:
        raise InputError(f"Rentang '{text}' tidak sah: baris dimulai dari 1.")
    return top, left, bottom, right


def date_from_serial(value: float) -> dt.date:
    """An Excel date serial (what Office.js and some readers hand over for a date cell) → the date."""
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))
