"""Realisasi and capaian per indicator and year: typed in Data IKU, or taken from the AKIP and SKM sheets.

Model layer: it joins the plan with the evaluations and survey by the rules, and says where each realisasi came
from, so the Capaian Kinerja sheet can show it and nothing is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..rules.capaian import SKALA_86_2017, capaian, capaian_rating
from ..rules.intervals import IntervalTable
from ..rules.numbers import format_id
from . import Catatan, IkuPlan, Indikator
from .akip import AkipYear
from .checks import data_cell
from .plan import DATA_SHEET
from .skm_report import SkmReport, grouped_codes, period_codes


@dataclass(frozen=True)
class YearResult:
    tahun: int
    target: float | None
    realisasi: float | None
    sumber: str  # "Data IKU" | "AKIP" | "SKM" | ""
    capaian: float | None
    rating: str
    catatan: str  # why there is no capaian, or a discrepancy
    sel: str = ""  # the Data IKU cell of a typed realisasi ("U2"), so the sheet can say where it came from


@dataclass(frozen=True)
class IndicatorPerformance:
    indikator: Indikator
    years: tuple[YearResult, ...]


def derived_realisasi(akip: list[AkipYear], skm: SkmReport | None) -> dict[str, dict[int, float]]:
    """Realisasi that other sheets already hold: Nilai AKIP by year, IKM of each year's respondents."""
    out: dict[str, dict[int, float]] = {"AKIP": {y.tahun: y.nilai for y in akip}, "SKM": {}}
    if skm is not None and "Tanggal" in skm.survey.profiles and "Periode" not in skm.survey.profiles:
        coded = period_codes(skm.survey, "tahun")
        assert coded is not None  # the survey has dates ("Tanggal" above)
        ids, periods = coded
        for group in grouped_codes(skm.survey, ids, [label for _, label in periods], order=None):
            if group.label.isdigit() and group.ikm is not None:
                out["SKM"][int(group.label)] = group.ikm
    return out


def performance(plan: IkuPlan, columns: dict[str, int], derived: dict[str, dict[int, float]],
                scale: IntervalTable = SKALA_86_2017) -> tuple[list[IndicatorPerformance], list[Catatan]]:
    """`columns` as from `read_plan`, so a discrepancy note points at the realisasi cell."""
    notes: list[Catatan] = []
    out = []
    for ind in plan.indikator:
        years = []
        for year in plan.tahun_target:
            target = ind.target.get(year)
            typed = ind.realisasi.get(year)
            other = derived.get(ind.sumber_realisasi, {}).get(year) if ind.sumber_realisasi else None
            realisasi, sumber = (typed, DATA_SHEET) if typed is not None else (other, ind.sumber_realisasi)
            sel = data_cell(columns, ind.row, f"realisasi {year}") if typed is not None else ""
            if typed is not None and other is not None and abs(typed - other) > 0.005:
                notes.append(Catatan(DATA_SHEET, sel,
                                     f"Realisasi {year} '{ind.nama}' diketik {format_id(typed)}, sedangkan sheet "
                                     f"{ind.sumber_realisasi} menghasilkan {format_id(other)}. Yang diketik dipakai."))
            if realisasi is None:
                years.append(YearResult(year, target, None, "", None, "", "belum ada realisasi"))
                continue
            if target is None:
                years.append(YearResult(year, None, realisasi, sumber, None, "", "target kosong", sel))
                continue
            try:
                value = capaian(target, realisasi, ind.polaritas)
            except InputError as error:
                years.append(YearResult(year, target, realisasi, sumber, None, "", str(error), sel))
                continue
            try:
                rating = capaian_rating(value, scale).label
            except InputError:
                rating = "di luar skala"
            years.append(YearResult(year, target, realisasi, sumber, value, rating, "", sel))
        out.append(IndicatorPerformance(ind, tuple(years)))
    return out, notes
