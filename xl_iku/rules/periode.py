"""Survey periods from a response date: semester, triwulan or year, labelled as reports write them."""

from __future__ import annotations

import datetime as dt

from ..errors import InputError

ROMAWI = ("I", "II", "III", "IV")
GRANULARITIES = ("semester", "triwulan", "tahun")


def period_of(date: dt.date, granularity: str = "semester") -> tuple[tuple[int, int], str]:
    """(sort key, label): 2025-03-02 → ((2025, 1), "2025 Semester I")."""
    if granularity == "semester":
        part = 1 if date.month <= 6 else 2
        return (date.year, part), f"{date.year} Semester {ROMAWI[part - 1]}"
    if granularity == "triwulan":
        part = (date.month - 1) // 3 + 1
        return (date.year, part), f"{date.year} Triwulan {ROMAWI[part - 1]}"
    if granularity == "tahun":
        return (date.year, 0), str(date.year)
    raise InputError(f"Jenis periode '{granularity}' tidak dikenal. Pilih: {', '.join(GRANULARITIES)}.")
