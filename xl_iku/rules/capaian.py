"""Capaian kinerja: realisasi against target, aware of polaritas, rated on a scale that is data."""

from __future__ import annotations

import math
from typing import Any

from ..errors import InputError
from .intervals import Band, Category, IntervalTable
from .numbers import format_id, parse_number

POLARITAS = {"positif": "positif", "+": "positif", "negatif": "negatif", "-": "negatif"}

#: Evaluation scale of Permendagri 86/2017 (≥91 · 76–90 · 66–75 · 51–65 · ≤50), on capaian in percent.
SKALA_86_2017 = IntervalTable(
    "skala capaian Permendagri 86/2017",
    (
        Band(90, math.inf, Category("Sangat Tinggi", "Sangat Tinggi"), lower_closed=False),
        Band(75, 90, Category("Tinggi", "Tinggi"), lower_closed=False),
        Band(65, 75, Category("Sedang", "Sedang"), lower_closed=False),
        Band(50, 65, Category("Rendah", "Rendah"), lower_closed=False),
        Band(-math.inf, 50, Category("Sangat Rendah", "Sangat Rendah")),
    ),
)


def polaritas_of(value: Any) -> str:
    text = "positif" if value is None else str(value).strip().lower()
    if not text:
        text = "positif"
    try:
        return POLARITAS[text]
    except KeyError:
        raise InputError(f"Polaritas '{value}' tidak dikenal. Isi 'positif' (makin tinggi makin baik) atau "
                         "'negatif' (makin rendah makin baik).") from None


def capaian(target: Any, realisasi: Any, polaritas: Any = "positif", cap: Any = None) -> float:
    """Capaian in percent: positif r/t×100, negatif (2 − r/t)×100; optionally capped (e.g. 120)."""
    t = parse_number(target, "Target")
    r = parse_number(realisasi, "Realisasi")
    arah = polaritas_of(polaritas)
    if t == 0:
        raise InputError("Target bernilai 0, sehingga capaian (realisasi ÷ target) tidak dapat dihitung. "
                         "Periksa targetnya atau tetapkan cara penilaian lain untuk indikator ini.")
    ratio = r / t
    value = ratio * 100.0 if arah == "positif" else (2.0 - ratio) * 100.0
    if cap is not None and not (isinstance(cap, str) and not cap.strip()):
        limit = parse_number(cap, "Batas capaian")
        if limit <= 0:
            raise InputError(f"Batas capaian {format_id(limit)} harus lebih dari 0 (misalnya 120).")
        value = min(value, limit)
    return value


def capaian_rating(value: Any, table: IntervalTable = SKALA_86_2017) -> Category:
    """Rating of a capaian percentage on the given scale."""
    return table.classify(parse_number(value, "Capaian"), "Capaian")
