"""The Perjanjian Kinerja (PermenPANRB 53/2014) of a year, from the plan and the `Program` sheet: what it needs, the
checks staff see, and what its pages list. The pages themselves are `layout.pk`.

A PK signs targets: a year without targets, or an indicator without one, would print an agreement with holes, so
both stop the run. A year with no programme or a missing atasan still gets its PK (with a warning): staff may fill
those in by hand before signing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..cells import address
from ..errors import CellError, InputError
from . import Catatan, IkuPlan
from .grid import SheetGrid, key_row
from .program import SHEET as PROGRAM_SHEET
from .program import ProgramRow


@dataclass(frozen=True)
class PerjanjianKinerja:
    tahun: int
    plan: IkuPlan
    programs: tuple[ProgramRow, ...]
    tanggal: dt.date | str | None  # None: left for the pen ("… Januari YYYY")

    @property
    def quarterly(self) -> bool:
        """Whether the Rencana Aksi has anything to show: some quarterly target for this year."""
        return any(v is not None for ind in self.plan.indikator for v in ind.target_tw.get(self.tahun, ()))


def perjanjian_kinerja(plan: IkuPlan, columns: dict[str, int], instansi: SheetGrid, data_sheet: str,
                       programs: Sequence[ProgramRow] | None, years: Sequence[int],
                       asked_by: str = "") -> tuple[list[PerjanjianKinerja], list[Catatan]]:
    """The PK of each year, with its warnings; `programs` None when the workbook has no `Program` sheet.

    `asked_by` names where a year came from when it is not `Tahun PK` (the CLI's --tahun), for the message."""
    if not years:
        return [], []
    notes: list[Catatan] = []
    tahun_row = key_row(instansi, "Tahun PK")
    for year in years:
        if year not in plan.tahun_target:
            error = InputError(
                f"tahun PK {year} tidak punya kolom 'Target {year}' di sheet '{data_sheet}'. Tahun yang punya target: "
                f"{', '.join(map(str, plan.tahun_target))}. Pilih salah satunya atau tambahkan kolom targetnya.")
            raise error.located(asked_by) if asked_by else error.located(
                sheet=instansi.name, cell=f"B{tahun_row}" if tahun_row else None)
        for ind in plan.indikator:
            if ind.target.get(year) is None:
                raise CellError(data_sheet, address(ind.row, columns[f'target {year}']), f"indikator '{ind.nama}' "
                                f"belum punya target {year}, padahal Perjanjian Kinerja {year} dibuat. Isi targetnya.")
    info = plan.instansi
    for key, value in (("Nama Atasan", info.nama_atasan), ("Jabatan Atasan", info.jabatan_atasan)):
        if not value:
            row = key_row(instansi, key)
            notes.append(Catatan(instansi.name, f"B{row}" if row else "",
                                 f"'{key}' (pihak kedua Perjanjian Kinerja) belum diisi: baris tanda tangannya "
                                 f"dibiarkan kosong. Tulis '{key}' di kolom A dan isinya di kolom B."))
    out = []
    for year in years:
        rows = tuple(p for p in programs or () if p.tahun == year)
        if not rows:
            notes.append(Catatan(PROGRAM_SHEET, "", f"Tidak ada program untuk tahun {year}: tabel program "
                                                    f"Perjanjian Kinerja {year} kosong. Isi sheet '{PROGRAM_SHEET}' "
                                                    f"(Tahun, Program, Anggaran) bila programnya sudah ditetapkan."))
        signed = info.tanggal_pk if info.tahun_pk and year == info.tahun_pk[-1] else None
        out.append(PerjanjianKinerja(year, plan, rows, signed))
    return out, notes
