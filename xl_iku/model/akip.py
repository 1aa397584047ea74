"""The AKIP evaluations as data: one `AkipYear` per evaluation year (read by `readers.akip`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.intervals import Category

JENIS = {"nilai": "Nilai 0–100", "poin": "Poin LHE"}


@dataclass(frozen=True)
class AkipYear:
    row: int
    tahun: int
    jenis: str  # "nilai" | "poin"
    komponen: tuple[float, float, float, float]
    from_subs: tuple[bool, bool, bool, bool]  # component summed from its LKE sub-components
    nilai: float
    category: Category
    keterangan: str = ""
