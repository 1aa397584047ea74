"""Everything the generated sheets are built from (`BookData`), read from a workbook's input sheets by
`bookdata.read_book`; `layout.iku_layouts` turns it into sheets."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.intervals import IntervalTable
from ..rules.lke import HasilLke
from . import Catatan, IkuPlan
from .akip import AkipYear
from .capaian import IndicatorPerformance
from .lke import LkeSheet
from .lkjip import Lkjip
from .pk import PerjanjianKinerja
from .skm_report import SkmReport


@dataclass(frozen=True)
class AkipInput:
    sheet: str
    years: list[AkipYear]
    columns: dict[str, int]


@dataclass(frozen=True)
class BookData:
    """Everything the generated sheets are built from, read from a workbook's input sheets."""

    plan: IkuPlan
    notes: list[Catatan]
    skm: SkmReport | None
    population_ref: str | None
    performance: list[IndicatorPerformance]
    scale: IntervalTable
    akip: AkipInput | None
    pk: list[PerjanjianKinerja]  # one per year in Tahun PK
    lkjip: list[Lkjip]  # one per year in Tahun LKjIP
    lke: LkeInput | None = None  # None: the book has no `LKE` sheet



@dataclass(frozen=True)
class LkeInput:
    """The `LKE` sheet and the self-assessment of each year with answers."""

    sheet: LkeSheet
    hasil: dict[int, HasilLke]
