"""Minimum sample for an SKM: Krejcie & Morgan (1970), as PermenPANRB 14/2017's appendix tabulates it."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from .numbers import parse_count, round_half_up

CHI_SQUARE_95 = 3.841  # χ², 1 degree of freedom, 95 % confidence
PROPORTION = 0.5
MARGIN = 0.05


def krejcie_morgan(population: Any) -> int:
    """s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), rounded to the nearest whole respondent as the published table
    is (N=500 → 217,47 → 217; N=100 → 79,51 → 80; N=1500 → 306)."""
    n = parse_count(population, "Populasi")
    if n < 1:
        raise InputError(f"Populasi {population!r} harus bilangan bulat positif (jumlah penerima layanan).")
    pq = PROPORTION * (1 - PROPORTION)
    return int(round_half_up(CHI_SQUARE_95 * n * pq / (MARGIN ** 2 * (n - 1) + CHI_SQUARE_95 * pq), 0))


def excel_formula(population_ref: str) -> str:
    """The same rule as an Excel formula on a population cell, so the sheet recomputes when the population changes."""
    pq = PROPORTION * (1 - PROPORTION)
    return (f"=ROUND({CHI_SQUARE_95}*{population_ref}*{pq}/({MARGIN}^2*({population_ref}-1)"
            f"+{CHI_SQUARE_95}*{pq}),0)")
