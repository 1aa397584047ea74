"""The tables of a Laporan Kinerja Instansi Pemerintah's BAB III (PermenPANRB 53/2014) for one year, from the plan,
the realisasi (typed in `Data IKU` or taken from AKIP/SKM, as `performance` resolves them) and the `Program` sheet:
every number the five tables print, computed once here by the rules (`rules.capaian`, `rules.lkjip`), and where in
the workbook each realisasi lives, so `layout.lkjip` can write formulas that follow it live. The pages themselves
are `layout.lkjip`.

Checks: a year outside the period stops the run (its cell named); a year without any realisasi still gets its
tables (every row says `belum ada realisasi`) with a warning; a realisasi anggaran above its pagu is a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..cells import column_letter, parse_range
from ..errors import InputError
from ..rules import lkjip as rules
from ..rules.capaian import capaian
from ..rules.numbers import format_id
from ..rules.rencana import parse_periode
from . import Catatan, IkuPlan, Indikator
from .capaian import IndicatorPerformance
from .grid import SheetGrid, key_row
from .program import SHEET as PROGRAM_SHEET
from .program import ProgramRow

BELUM = "belum ada realisasi"


@dataclass(frozen=True)
class Nilai:
    """One indicator's realisasi of one year, and where Excel finds it."""

    value: float | None
    ref: str | None = None  # "'Data IKU'!$U$2": the cell staff type it in (its column exists), followed live
    fallback: float | None = None  # what AKIP/SKM give while that cell is blank


@dataclass(frozen=True)
class IndikatorLkjip:
    ind: Indikator
    target: float | None  # of the year
    capaian: float | None  # as `Capaian Kinerja` (performance)
    rating: str
    realisasi: dict[int, Nilai]  # the baseline year (kondisi awal) and each target year up to the report's
    target_lalu: float | None  # of the year before (None when that is the baseline year)
    capaian_lalu: float | None
    perubahan: float | None  # capaian − capaian_lalu, percentage points
    target_akhir: float | None
    realisasi_akhir: float | None  # realisasi of the year, or for `kumulatif` the sum of the period's years to it
    kurang: int | None  # for `kumulatif`: the first year whose realisasi is missing from that sum
    capaian_akhir: float | None
    status: str
    capaian_standar: float | None  # realisasi of the year against the Standar Nasional

    @property
    def kumulatif(self) -> bool:
        return self.ind.jenis_target_akhir == "kumulatif"


@dataclass(frozen=True)
class SasaranLkjip:
    kode: str
    nama: str
    indikator: tuple[IndikatorLkjip, ...]

    @property
    def capaian(self) -> float | None:
        """Mean capaian of the sasaran's indicators that have one."""
        return rules.mean(i.capaian for i in self.indikator)


@dataclass(frozen=True)
class Anggaran:
    """Tabel 3.5's block of one sasaran (or the programmes naming no known sasaran: `sasaran` None)."""

    sasaran: SasaranLkjip | None
    programs: tuple[ProgramRow, ...]

    @property
    def pagu(self) -> int:
        return sum(p.anggaran for p in self.programs)

    @property
    def realisasi(self) -> int | None:
        return None if any(p.realisasi is None for p in self.programs) else sum(p.realisasi or 0 for p in self.programs)

    @property
    def penyerapan(self) -> float | None:
        return rules.penyerapan(self.pagu, self.realisasi)

    @property
    def capaian(self) -> float | None:
        return self.sasaran.capaian if self.sasaran else None

    @property
    def efisiensi(self) -> float | None:
        return rules.efisiensi(self.capaian, self.penyerapan)


@dataclass(frozen=True)
class Lkjip:
    tahun: int
    plan: IkuPlan
    sasaran: tuple[SasaranLkjip, ...]
    anggaran: tuple[Anggaran, ...]
    tahun_akhir: int  # whose target is the end target
    posisi: rules.Position  # the year's place in the period
    program_sheet: str  # for the live references to realisasi anggaran

    @property
    def indikator(self) -> tuple[IndikatorLkjip, ...]:
        return tuple(i for s in self.sasaran for i in s.indikator)

    @property
    def capaian(self) -> float | None:
        """Mean capaian of every indicator that has one (Tabel 3.5's Jumlah)."""
        return rules.mean(i.capaian for i in self.indikator)

    @property
    def standar(self) -> tuple[IndikatorLkjip, ...]:
        return tuple(i for i in self.indikator if i.ind.standar_nasional is not None)

    @property
    def pagu(self) -> int:
        return sum(a.pagu for a in self.anggaran)

    @property
    def realisasi_anggaran(self) -> int | None:
        spent = [a.realisasi for a in self.anggaran]
        return None if not spent or None in spent else sum(a for a in spent if a is not None)

    @property
    def penyerapan(self) -> float | None:
        return rules.penyerapan(self.pagu, self.realisasi_anggaran)

    @property
    def efisiensi(self) -> float | None:
        return rules.efisiensi(self.capaian, self.penyerapan)


def plan_period(plan: IkuPlan) -> tuple[list[int], int]:
    """The years of `Periode` (2025–2029) and the year whose target is the end target (2029); without a readable
    `Periode`, the target years' span and the last target year."""
    try:
        periode = parse_periode(plan.instansi.periode)
    except InputError:
        periode = None
    period = periode or list(range(plan.tahun_target[0], plan.tahun_target[-1] + 1))
    return period, rules.end_target_year(periode, plan.tahun_target)


def realisasi_years(results: Sequence[IndicatorPerformance]) -> list[int]:
    """Years for which some indicator has a realisasi (typed or taken from AKIP/SKM)."""
    return sorted({y.tahun for r in results for y in r.years if y.realisasi is not None})


def sheet_ref(sheet: str, row: int, column: int) -> str:
    """An absolute reference to another sheet's cell: 'Data IKU'!$U$2."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!${column_letter(column)}${row}"


def program_ref(sheet: str, program: ProgramRow) -> str | None:
    """The cell of a programme's realisasi anggaran ('Program'!$F$3) for a formula to follow, when the sheet has that
    column and the cell is not text (Excel reads "400.000.000" as text, or by its own locale: the value xl-iku read
    is written instead)."""
    if not program.realisasi_sel or program.realisasi_text:
        return None
    r1, c1, _, _ = parse_range(program.realisasi_sel)
    return sheet_ref(sheet, r1, c1)


def laporan_kinerja(plan: IkuPlan, columns: dict[str, int], instansi: SheetGrid, data: SheetGrid,
                    results: Sequence[IndicatorPerformance], derived: dict[str, dict[int, float]],
                    programs: Sequence[ProgramRow] | None, program_sheet: str | None, years: Sequence[int],
                    asked_by: str = "") -> tuple[list[Lkjip], list[Catatan]]:
    """The LKjIP tables of each year, with their warnings; `asked_by` names where a year came from when it is not
    `Tahun LKjIP` (the CLI's --tahun)."""
    if not years:
        return [], []
    period, end_year = plan_period(plan)
    row = key_row(instansi, "Tahun LKjIP")
    for year in years:
        if year not in period:
            error = InputError(f"tahun LKjIP {year} di luar periode {period[0]}–{period[-1]} ('Periode' di sheet "
                               f"'{instansi.name}'). Pilih tahun di dalam periode itu.")
            raise error.located(asked_by) if asked_by else error.located(sheet=instansi.name,
                                                                         cell=f"B{row}" if row else None)
    notes: list[Catatan] = []
    have = realisasi_years(results)
    by_indicator = {r.indikator.row: r for r in results}
    out = []
    for year in years:
        if year not in have:
            notes.append(Catatan(instansi.name, f"B{row}" if row and not asked_by else "",
                                 f"Tahun LKjIP {year} belum punya realisasi satu pun: tabel LKjIP {year} berisi "
                                 f"'{BELUM}'. Tahun yang sudah punya realisasi: "
                                 f"{', '.join(map(str, have)) or 'belum ada'}."))
        sasaran = []
        for tujuan in plan.tujuan():
            for s in tujuan.sasaran:
                sasaran.append(SasaranLkjip(s.kode, s.nama, tuple(
                    _indicator(plan, columns, data, by_indicator[ind.row], derived, year, period, end_year)
                    for ind in s.indikator)))
        mine = [p for p in programs or () if p.tahun == year]
        if not mine:
            notes.append(Catatan(program_sheet or PROGRAM_SHEET, "",
                                 f"Tidak ada program untuk tahun {year}: tabel realisasi anggaran (Tabel 3.5) LKjIP "
                                 f"{year} kosong. Isi sheet '{program_sheet or PROGRAM_SHEET}' (Tahun, Kode Sasaran, "
                                 "Program, Anggaran, Realisasi Anggaran)."))
        for p in mine:
            if p.realisasi is not None and p.realisasi > p.anggaran:
                notes.append(Catatan(program_sheet or PROGRAM_SHEET, p.realisasi_sel,
                                     f"Realisasi anggaran program '{p.program}' tahun {year} "
                                     f"({format_id(p.realisasi, 0)}) melebihi pagunya ({format_id(p.anggaran, 0)}): "
                                     "penyerapan di atas 100%. Periksa angkanya."))
        out.append(Lkjip(year, plan, tuple(sasaran), _anggaran(sasaran, mine), end_year,
                         rules.position(year, period), program_sheet or PROGRAM_SHEET))
    return out, notes


def capaian_target_akhir(plan: IkuPlan, result: IndicatorPerformance) -> dict[int, float | None]:
    """Capaian against the end target in each target year: the year's realisasi (for `kumulatif`, the sum of the
    period's realisasi up to it) against the target of the end year, by the capaian rule; None while unknown."""
    period, end_year = plan_period(plan)
    ind = result.indikator
    values = {y.tahun: y.realisasi for y in result.years}
    return {year: _capaian(ind.target.get(end_year), _toward_end(plan, ind, values, year, period)[0], ind.polaritas)
            for year in plan.tahun_target}


def _toward_end(plan: IkuPlan, ind: Indikator, values: dict[int, float | None], year: int,
                period: list[int]) -> tuple[float | None, int | None]:
    """What is compared with the end target in `year`: its realisasi, or for `kumulatif` the sum of the period's
    realisasi up to it; with the first year missing from that sum."""
    if ind.jenis_target_akhir == "kumulatif":
        return rules.cumulative(values, [y for y in plan.tahun_target if period[0] <= y <= year])
    return values.get(year), None


def _live(data: SheetGrid, row: int, column: int | None) -> str | None:
    """A reference to a Data IKU cell for a formula to follow, unless it holds text ("85,5"): Excel would not read
    that as the number xl-iku read, so the value is written instead."""
    if column is None:
        return None
    cells = data.rows[row - 1] if row - 1 < len(data.rows) else ()
    if column - 1 < len(cells) and isinstance(cells[column - 1], str) and cells[column - 1].strip():
        return None
    return sheet_ref(data.name, row, column)


def _indicator(plan: IkuPlan, columns: dict[str, int], data: SheetGrid, result: IndicatorPerformance,
               derived: dict[str, dict[int, float]], year: int, period: list[int], end_year: int) -> IndikatorLkjip:
    ind = result.indikator
    by_year = {y.tahun: y for y in result.years}
    realisasi: dict[int, Nilai] = {}
    realisasi[plan.tahun_awal] = Nilai(ind.kondisi_awal,
                                       _live(data, ind.row, columns.get(f"kondisi awal {plan.tahun_awal}")))
    for y in plan.tahun_target:
        if y > year:
            break
        fallback = derived.get(ind.sumber_realisasi, {}).get(y) if ind.sumber_realisasi else None
        realisasi[y] = Nilai(by_year[y].realisasi, _live(data, ind.row, columns.get(f"realisasi {y}")), fallback)
    now = by_year.get(year)
    before = by_year.get(year - 1)
    capaian_now = now.capaian if now else None
    capaian_before = before.capaian if before else None
    target_akhir = ind.target.get(end_year)
    akhir, kurang = _toward_end(plan, ind, {y: n.value for y, n in realisasi.items()}, year, period)
    capaian_akhir = _capaian(target_akhir, akhir, ind.polaritas)
    return IndikatorLkjip(
        ind, now.target if now else ind.target.get(year), capaian_now, now.rating if now else "", realisasi,
        before.target if before else None, capaian_before, rules.change(capaian_before, capaian_now),
        target_akhir, akhir, kurang, capaian_akhir, rules.status(capaian_akhir, rules.position(year, period).share),
        _capaian(ind.standar_nasional, now.realisasi if now else None, ind.polaritas))


def _capaian(target: float | None, realisasi: float | None, polaritas: str) -> float | None:
    if target is None or realisasi is None:
        return None
    try:
        return capaian(target, realisasi, polaritas)
    except InputError:  # target 0: `Capaian Kinerja` says why
        return None


def _anggaran(sasaran: list[SasaranLkjip], programs: list[ProgramRow]) -> tuple[Anggaran, ...]:
    """Programmes grouped under the sasaran their `Kode Sasaran` names, in the plan's order (a code two sasaran
    share goes to the first, so no programme is counted twice); the rest last."""
    known: dict[str, SasaranLkjip] = {}
    for s in sasaran:
        if s.kode:
            known.setdefault(s.kode.casefold(), s)
    out = [Anggaran(s, tuple(p for p in programs if p.kode_sasaran.casefold() == code))
           for code, s in known.items()]
    out = [a for a in out if a.programs]
    rest = tuple(p for p in programs if p.kode_sasaran.casefold() not in known)
    return tuple(out + ([Anggaran(None, rest)] if rest else []))
