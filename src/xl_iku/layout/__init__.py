"""Pure functions from the plan to `SheetLayout`s. No I/O: the writers apply what is decided here."""

from __future__ import annotations

from ..model import Catatan, IkuPlan
from .base import SheetLayout
from .catatan import catatan
from .iku_table import iku_table
from .penjelasan import penjelasan

#: Sheets xl-iku owns: regeneration replaces exactly these and nothing else.
GENERATED_SHEETS = ("Tabel IKU", "Penjelasan IKU", "Catatan")


def iku_layouts(plan: IkuPlan, notes: list[Catatan]) -> list[SheetLayout]:
    return [iku_table(plan), penjelasan(plan), catatan(notes)]
