"""Pure functions from the plan to `SheetLayout`s. No I/O: the writers apply what is decided here."""

from __future__ import annotations

from ..model import Catatan, IkuPlan
from ..skm import SkmReport
from .base import SheetLayout
from .catatan import catatan
from .hasil_skm import hasil_skm
from .iku_table import iku_table
from .penjelasan import penjelasan

#: Sheets xl-iku owns: regeneration replaces exactly these and nothing else.
GENERATED_SHEETS = ("Tabel IKU", "Penjelasan IKU", "Hasil SKM", "Catatan")


def iku_layouts(plan: IkuPlan, notes: list[Catatan], skm: SkmReport | None = None,
                population_ref: str | None = None) -> list[SheetLayout]:
    """The generated sheets, in workbook order; `Hasil SKM` only when the workbook holds survey answers."""
    layouts = [iku_table(plan), penjelasan(plan)]
    if skm is not None:
        layouts.append(hasil_skm(skm, plan.instansi.nama, population_ref))
    return layouts + [catatan(notes)]
