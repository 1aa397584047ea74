"""Classification tables as data: an ordered list of bands, each with its own open/closed bounds.

The regulations print their tables with different conventions (IKM: closed bands on a value rounded to 2 decimals;
AKIP: open below, closed above; an office's own text: closed both ends, with gaps). One mechanism covers all of
them; the tables themselves live next to the rule they belong to.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import InputError
from .numbers import format_id, parse_number


@dataclass(frozen=True)
class Category:
    """A predikat/mutu: short code ("A", "BB") and its label ("Sangat baik")."""

    code: str
    label: str

    def __str__(self) -> str:
        return f"{self.code} ({self.label})"


@dataclass(frozen=True)
class Band:
    lower: float
    upper: float
    category: Category
    lower_closed: bool = True
    upper_closed: bool = True

    def contains(self, value: float) -> bool:
        above = value >= self.lower if self.lower_closed else value > self.lower
        below = value <= self.upper if self.upper_closed else value < self.upper
        return above and below

    def describe(self) -> str:
        """"A: > 80,00 s.d. ≤ 90,00", with an open end left out ("≤ 50,00")."""
        lo = f"{'≥' if self.lower_closed else '>'} {format_id(self.lower)}" if math.isfinite(self.lower) else ""
        hi = f"{'≤' if self.upper_closed else '<'} {format_id(self.upper)}" if math.isfinite(self.upper) else ""
        return f"{self.category.code}: {' s.d. '.join(p for p in (lo, hi) if p)}"


@dataclass(frozen=True)
class IntervalTable:
    """Ordered bands; a value in no band (a gap, or outside the table) is an error, never a guess."""

    name: str
    bands: tuple[Band, ...]

    @property
    def minimum(self) -> float:
        return min(b.lower for b in self.bands)

    @property
    def maximum(self) -> float:
        return max(b.upper for b in self.bands)

    def classify(self, value: float, what: str = "nilai") -> Category:
        for band in self.bands:
            if band.contains(value):
                return band.category
        if value < self.minimum or value > self.maximum:
            raise InputError(
                f"{what} {format_id(value)} di luar rentang {format_id(self.minimum)}–{format_id(self.maximum)} "
                f"tabel {self.name}. Periksa nilainya."
            )
        raise InputError(
            f"{what} {format_id(value)} tidak termasuk interval mana pun pada tabel {self.name} (ada celah di "
            "antara interval). Perbaiki tabel intervalnya agar tidak bercelah."
        )

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[object]], name: str = "pengguna") -> IntervalTable:
        """A user's table: rows of (batas bawah, batas atas, kode, label), both bounds inclusive.

        This is how tables are printed in offices' documents ("BB = 70–79"); rows may come straight from an Excel
        range, with blank rows ignored.
        """
        bands = []
        for index, row in enumerate(rows, start=1):
            cells = list(row) + [None] * (4 - len(row))
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            lower, upper, code, label = cells[:4]
            lo = _bound(lower, "Batas bawah", index, 1)
            hi = _bound(upper, "Batas atas", index, 2)
            if lo > hi:
                raise _at(f"batas bawah {format_id(lo)} lebih besar dari batas atas {format_id(hi)}.", index, 1)
            if code is None or not str(code).strip():
                raise _at("kode predikat kosong. Isi kolom ketiga, misalnya BB.", index, 3)
            label_text = "" if label is None else str(label).strip()
            bands.append(Band(lo, hi, Category(str(code).strip(), label_text)))
        if not bands:
            raise InputError("Tabel interval kosong. Isi baris: batas bawah, batas atas, kode, label.")
        return cls(name, tuple(bands))


def _at(message: str, row: int, column: int) -> InputError:
    """An error about one cell of the table, at its position inside the rows given ("Baris 2, kolom 1", as the IKM
    rules say it); a reader that knows where the table sits turns it into a cell with `InputError.located`."""
    return InputError(message, row=row, column=column, where=f"Baris {row}, kolom {column}")


def _bound(value: object, what: str, row: int, column: int) -> float:
    try:
        return parse_number(value, what)
    except InputError as error:
        raise _at(error.message, row, column) from None
