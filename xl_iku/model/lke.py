"""The office's LKE self-assessment as data (`LkeSheet`: the sheet's scale and criteria per year, read by
`readers.lke`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules.lke import Kriteria, Skala

SHEET = "LKE"
SCALE_KEY = "Skala Jawaban"
#: (header, key) of the columns, in the order `xl-iku init` writes them.
HEADERS = ("Tahun", "Kode", "Komponen", "Sub-komponen", "Kriteria", "Jawaban", "Bukti / Catatan")


@dataclass(frozen=True)
class LkeSheet:
    name: str
    skala: Skala
    header_row: int
    columns: dict[str, int]  # normalised header → 1-based column
    years: dict[int, list[Kriteria]] = field(default_factory=dict)  # tahun → criteria in sheet order

    def answered_years(self) -> list[int]:
        """Years with at least one answer: those that get an `Evaluasi AKIP YYYY` sheet."""
        return sorted(y for y, rows in self.years.items() if any(r.jawaban for r in rows))
