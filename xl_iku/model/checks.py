"""Consistency warnings on an IKU plan (domain_rules.md §4). They inform; they never change data or stop a run."""

from __future__ import annotations

from ..cells import address
from ..rules.akip import AKIP_RANGE
from ..rules.ikm import IKM_RANGE
from ..rules.numbers import format_id
from . import Catatan, IkuPlan
from .plan import DATA_SHEET

#: Sumber Realisasi → (what the rule computes, the range it can produce): a target or baseline outside it can
#: never be met nor compared (855 typed for 85,5), and the realisasi the rule brings cannot be there either
RULE_RANGES = {"SKM": ("IKM", IKM_RANGE), "AKIP": ("Nilai AKIP", AKIP_RANGE)}


def consistency_warnings(plan: IkuPlan, columns: dict[str, int]) -> list[Catatan]:
    """`columns` maps a header key ("target 2025", "kode indikator", …) to its 1-based sheet column."""
    notes: list[Catatan] = []

    def note(row: int, key: str, text: str) -> None:
        notes.append(Catatan(DATA_SHEET, data_cell(columns, row, key), text))

    for ind in plan.indikator:
        name = f"Indikator '{ind.nama}'" + (f" ({ind.kode})" if ind.kode else "")
        negatif = ind.polaritas == "negatif"
        for key, label, value in (("kode tujuan", "Kode tujuan", ind.kode_tujuan),
                                  ("kode sasaran", "Kode sasaran", ind.kode_sasaran),
                                  ("kode indikator", "Kode indikator", ind.kode)):
            if not value:
                note(ind.row, key, f"{label} kosong untuk {name}. Isi kodenya agar tabel dapat dirujuk.")
        worse = (lambda a, b: a > b) if negatif else (lambda a, b: a < b)
        below_baseline = []
        previous_year: int | None = None
        previous: float | None = None
        for year in plan.tahun_target:
            target = ind.target.get(year)
            if target is None:
                note(ind.row, f"target {year}", f"Target {year} kosong untuk {name}.")
                continue
            if ind.kondisi_awal is not None and worse(target, ind.kondisi_awal):
                below_baseline.append(year)
            if previous is not None and worse(target, previous):
                note(ind.row, f"target {year}",
                     f"Target {year} ({format_id(target)}) {'naik' if negatif else 'turun'} dari target "
                     f"{previous_year} ({format_id(previous)}) untuk {name} berpolaritas {ind.polaritas}.")
            previous_year, previous = year, target
        if below_baseline and ind.kondisi_awal is not None:  # only years below a baseline are listed
            years = ", ".join(str(y) for y in below_baseline)
            note(ind.row, f"target {below_baseline[0]}",
                 f"Target {years} {'di atas' if negatif else 'di bawah'} kondisi awal {plan.tahun_awal} "
                 f"({format_id(ind.kondisi_awal)}) untuk {name} berpolaritas {ind.polaritas}.")
        if ind.persen:
            cells = ", ".join(data_cell(columns, ind.row, key) for key in ind.persen)
            note(ind.row, ind.persen[0],
                 f"Sel {cells} untuk {name} berformat persen: angkanya dibaca seperti tampilannya di sel (0,85 yang "
                 "tampil 85% dibaca 85) dan dicetak tanpa tanda %. Bila maksudnya memang 85, sebaiknya ketik 85 "
                 "dengan format angka biasa dan tulis '%' di kolom Satuan.")
        if ind.sumber_realisasi in RULE_RANGES:
            what, (low, high) = RULE_RANGES[ind.sumber_realisasi]
            start = plan.tahun_awal
            typed: list[tuple[str, str, float | None]] = [
                (f"kondisi awal {start}", f"Kondisi awal {start}", ind.kondisi_awal)]
            typed += [(f"target {y}", f"Target {y}", ind.target.get(y)) for y in plan.tahun_target]
            typed += [(f"realisasi {y}", f"Realisasi {y}", v) for y, v in sorted(ind.realisasi.items())]
            for key, label, number in typed:
                if number is not None and not low <= number <= high:
                    note(ind.row, key,
                         f"{label} ({format_id(number)}) untuk {name} di luar rentang {what} "
                         f"{format_id(low, 0)}–{format_id(high, 0)} (realisasinya dari {ind.sumber_realisasi}). "
                         "Periksa angkanya: salah ketik atau tanda desimal yang hilang?")
        if ind.kondisi_awal is None:
            note(ind.row, f"kondisi awal {plan.tahun_awal}", f"Kondisi awal {plan.tahun_awal} kosong untuk {name}.")
        for key, label, value in (("definisi operasional", "Definisi Operasional", ind.definisi),
                                  ("penjelasan", "Penjelasan", ind.penjelasan)):
            if not value:
                note(ind.row, key, f"{label} kosong untuk {name}: baris Penjelasan IKU akan kosong di kolom itu.")
    return notes


def data_cell(columns: dict[str, int], row: int, key: str) -> str:
    """The Data IKU cell of `key` on an indicator's row; the indicator's own cell when that column is absent."""
    return address(row, columns.get(key) or columns["indikator"])
