"""The years a planning document (Renstra, RPJMD-like IKU) may span: bounds as data, one check for every path.

An IKU sets targets for the years of a medium-term plan: five years (RPJMD/Renstra), six where a Renstra also
carries its transition year. A longer span, or a year no office plans for, is a typing error (`1000-9999` would
write 18,017 target columns, past Excel's last column), so it is refused with what is accepted.
"""

from __future__ import annotations

import re

from ..errors import InputError

#: First and last year a target may have.
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Most target years one plan holds: a five-year plan plus a transition year.
MAX_TARGET_YEARS = 6

_SPAN = re.compile(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*")
ACCEPTED = (f"tahun {FIRST_YEAR}–{LAST_YEAR}, paling banyak {MAX_TARGET_YEARS} tahun target (rencana lima tahunan, "
            "ditambah tahun transisi bila ada)")


def check_target_years(years: list[int], where: str) -> None:
    """Raise unless `years` (sorted) fit one planning period."""
    outside = [y for y in years if not FIRST_YEAR <= y <= LAST_YEAR]
    if outside:
        raise InputError(f"tahun {outside[0]} di luar rentang yang diterima ({ACCEPTED}).", where=where)
    if years and years[-1] - years[0] + 1 > MAX_TARGET_YEARS:
        raise InputError(f"periode {years[0]}–{years[-1]} terlalu panjang ({years[-1] - years[0] + 1} tahun); yang "
                         f"diterima: {ACCEPTED}.", where=where)


def parse_periode(text: str) -> list[int]:
    """"2025-2029" → [2025, …, 2029], within the bounds above."""
    match = _SPAN.fullmatch(text)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise InputError(f"Periode '{text}' tidak dikenali. Tulis tahun target pertama dan terakhir, misalnya "
                         "2025-2029.")
    first, last = int(match.group(1)), int(match.group(2))
    check_target_years([first, last], f"Periode '{text}'")
    return list(range(first, last + 1))
