"""The comparisons of an LKjIP's BAB III (PermenPANRB 53/2014): the end target of the medium-term plan, realisasi
summed toward a cumulative end target, the year's place in the period and whether the indicator is on track, and
how efficiently the budget bought the capaian. Capaian itself is `rules.capaian` (same polarity rule, same numbers
as `Capaian Kinerja`).

Pure: numbers in, numbers out; a value that cannot be computed is None, and the caller says why on the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: How an indicator's end target is reached (Data IKU column `Jenis Target Akhir`; blank = the first).
JENIS_TARGET_AKHIR = ("tahunan", "kumulatif")

#: Status against the end target: on track when the capaian so far is at least the share of the period elapsed.
SESUAI_JALUR = "sesuai jalur"
PERLU_PERCEPATAN = "perlu percepatan"


def end_target_year(periode: Sequence[int] | None, target_years: Sequence[int]) -> int:
    """The year whose target is the end target: the last year of `Periode` when it has a target (2029 for
    2025–2029, even with a transition year 2030 listed), else the last target year."""
    if periode and periode[-1] in target_years:
        return periode[-1]
    return max(target_years)


@dataclass(frozen=True)
class Position:
    """Year x of a period of n years, and the share of the period elapsed at its end (percent)."""

    ke: int
    dari: int

    @property
    def share(self) -> float:
        return self.ke * 100 / self.dari  # x·100/n: exact where x/n·100 is not (3/5·100 = 60.00000000000001)


def position(year: int, period: Sequence[int]) -> Position:
    """2025 in 2025–2029 is year 1 of 5."""
    return Position(year - period[0] + 1, len(period))


def cumulative(realisasi: Mapping[int, float | None], years: Iterable[int]) -> tuple[float | None, int | None]:
    """(sum, None) of the realisasi of `years`, or (None, first year without one): a missing year makes the sum
    unknown, never smaller."""
    total = 0.0
    for year in years:
        value = realisasi.get(year)
        if value is None:
            return None, year
        total += value
    return total, None


def status(capaian_akhir: float | None, share: float) -> str:
    """`sesuai jalur` when the capaian against the end target is at least the share of the period elapsed."""
    if capaian_akhir is None:
        return ""
    return SESUAI_JALUR if capaian_akhir >= share else PERLU_PERCEPATAN


def change(before: float | None, now: float | None) -> float | None:
    """Change of capaian in percentage points (now − before)."""
    return None if before is None or now is None else now - before


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values present (an indicator without capaian is left out, as Excel's AVERAGE leaves out text)."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def penyerapan(pagu: float, realisasi: float | None) -> float | None:
    """Budget absorbed, percent: realisasi ÷ pagu × 100."""
    return None if realisasi is None or not pagu else realisasi / pagu * 100


def efisiensi(capaian: float | None, serapan: float | None) -> float | None:
    """capaian (%) ÷ penyerapan (%): above 1, more capaian than budget absorbed."""
    return None if capaian is None or not serapan else capaian / serapan
