"""Nilai AKIP and its predikat, PermenPANRB No. 88 Tahun 2021.

Two honest inputs exist: component *scores* (0–100 each, weighted by the formula below) and the LHE's component
*points* (already weighted, e.g. 24,5 of 30; summed as they are). Weighting points a second time is the classic
mistake, so the two are separate functions with separate range checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ..errors import InputError
from .intervals import Band, Category, IntervalTable
from .numbers import format_id, parse_number

#: Component → weight (share of 100). Decimal strings so 0,15 × 80 is 12, not 12,000000000000002.
KOMPONEN: tuple[tuple[str, str, Decimal], ...] = (
    ("perencanaan", "Perencanaan Kinerja", Decimal("0.30")),
    ("pengukuran", "Pengukuran Kinerja", Decimal("0.30")),
    ("pelaporan", "Pelaporan Kinerja", Decimal("0.15")),
    ("evaluasi_internal", "Evaluasi Akuntabilitas Kinerja Internal", Decimal("0.25")),
)

#: LKE sub-component weights (points) per component: keberadaan, kualitas, pemanfaatan.
SUBKOMPONEN: dict[str, tuple[Decimal, Decimal, Decimal]] = {
    "perencanaan": (Decimal("6"), Decimal("9"), Decimal("15")),
    "pengukuran": (Decimal("6"), Decimal("9"), Decimal("15")),
    "pelaporan": (Decimal("3"), Decimal("4.5"), Decimal("7.5")),
    "evaluasi_internal": (Decimal("5"), Decimal("7.5"), Decimal("12.5")),
}

#: Official predikat table: open below, closed above; D is 0–30 inclusive.
PREDIKAT_88_2021 = IntervalTable(
    "predikat PermenPANRB 88/2021",
    (
        Band(90, 100, Category("AA", "Sangat Memuaskan"), lower_closed=False),
        Band(80, 90, Category("A", "Memuaskan"), lower_closed=False),
        Band(70, 80, Category("BB", "Sangat Baik"), lower_closed=False),
        Band(60, 70, Category("B", "Baik"), lower_closed=False),
        Band(50, 60, Category("CC", "Cukup"), lower_closed=False),
        Band(30, 50, Category("C", "Kurang"), lower_closed=False),
        Band(0, 30, Category("D", "Sangat Kurang")),
    ),
)


def akip_score(perencanaan: Any, pengukuran: Any, pelaporan: Any, evaluasi_internal: Any) -> float:
    """Nilai AKIP from four component scores on 0–100: 0,30·P + 0,30·Pg + 0,15·Pl + 0,25·E."""
    values = (perencanaan, pengukuran, pelaporan, evaluasi_internal)
    total = Decimal(0)
    for position, ((_, name, weight), raw) in enumerate(zip(KOMPONEN, values), start=1):
        score = _component(raw, f"Nilai {name}", 100, position)
        total += weight * Decimal(repr(score))
    return float(total)


def akip_points_total(perencanaan: Any, pengukuran: Any, pelaporan: Any, evaluasi_internal: Any) -> float:
    """Nilai AKIP from the LHE's component points (max 30 · 30 · 15 · 25), summed without weighting again."""
    values = (perencanaan, pengukuran, pelaporan, evaluasi_internal)
    total = Decimal(0)
    for position, ((_, name, weight), raw) in enumerate(zip(KOMPONEN, values), start=1):
        points = _component(raw, f"Poin {name}", float(weight * 100), position)
        total += Decimal(repr(points))
    return float(total)


def akip_lke_points(komponen: str, keberadaan: Any, kualitas: Any, pemanfaatan: Any) -> float:
    """A component's points from its LKE sub-component points (each within its own maximum)."""
    if komponen not in SUBKOMPONEN:
        raise InputError(f"Komponen '{komponen}' tidak dikenal. Pilih: {', '.join(SUBKOMPONEN)}.")
    total = Decimal(0)
    for position, (name, maximum, raw) in enumerate(zip(("keberadaan", "kualitas", "pemanfaatan"),
                                                        SUBKOMPONEN[komponen], (keberadaan, kualitas, pemanfaatan)),
                                                    start=1):
        total += Decimal(repr(_component(raw, f"Poin {name} {komponen}", float(maximum), position)))
    return float(total)


#: What a Nilai AKIP can be: four component scores on 0–100, weighted to a total share of 100
AKIP_RANGE = (0.0, 100.0)


def akip_category(score: Any, table: IntervalTable | Iterable[Sequence[Any]] | None = None) -> Category:
    """Predikat of a Nilai AKIP: the official table by default, or the user's rows (bawah, atas, kode, label)."""
    value = parse_number(score, "Nilai AKIP")
    if not AKIP_RANGE[0] <= value <= AKIP_RANGE[1]:
        raise InputError(f"Nilai AKIP {format_id(value)} di luar rentang 0–100. Periksa nilai atau rumusnya.")
    if table is None:
        table = PREDIKAT_88_2021
    elif not isinstance(table, IntervalTable):
        table = IntervalTable.from_rows(table)
    # shed binary noise only (80,00000000000001 is 80); the bounds themselves stay exact
    return table.classify(round(value, 9), "Nilai AKIP")


def _component(raw: Any, what: str, maximum: float, position: int) -> float:
    """`position`: the argument's place among its siblings (1-based), so a reader can name the cell it came from."""
    value = parse_number(raw, what)
    if not 0.0 <= value <= maximum:
        raise InputError(f"{what} {format_id(value)} di luar rentang 0–{format_id(maximum, 1).replace(',0', '')}.",
                         column=position)
    return value
