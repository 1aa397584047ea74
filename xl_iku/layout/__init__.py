"""Pure functions from the plan to `SheetLayout`s. No I/O: the writers apply what is decided here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import SheetLayout
from .capaian_kinerja import capaian_kinerja, grafik_capaian
from .catatan import catatan
from .hasil_skm import hasil_skm
from .iku_table import iku_table
from .limits import fit_to_excel
from .lke import PREFIX as LKE_PREFIX
from .lke import evaluasi_akip
from .lkjip import PREFIX as LKJIP_PREFIX
from .lkjip import lkjip_sheet
from .nilai_akip import nilai_akip
from .penjelasan import penjelasan
from .pk import PK_PREFIX, RA_PREFIX, pk_layouts
from .rekap import GAGAL_SHEET
from .rekap import SHEETS as REKAP_SHEETS

if TYPE_CHECKING:
    from ..model.book import BookData

#: Sheets xl-iku owns: regeneration replaces exactly these and nothing else.
GENERATED_SHEETS = ("Tabel IKU", "Penjelasan IKU", "Capaian Kinerja", "Grafik Capaian", "Nilai AKIP", "Hasil SKM",
                    "Catatan")
#: Generated sheets named by year: one Perjanjian Kinerja (and Rencana Aksi) per year in `Tahun PK`, one set of LKjIP
#: tables per year in `Tahun LKjIP` and one `Evaluasi AKIP` per year answered in `LKE`, from the prefixes their
#: layouts (`layout.pk`, `layout.lkjip`, `layout.lke`) name them with, in `sheet_key` form.
YEARLY_PREFIXES = (PK_PREFIX, RA_PREFIX, LKJIP_PREFIX, LKE_PREFIX)
_YEARLY = re.compile(rf"^({'|'.join(re.escape(p.strip().casefold()) for p in YEARLY_PREFIXES)}) \d{{4}}$")


def sheet_key(name: str) -> str:
    """Sheet names match case- and space-insensitively, like headers: `TABEL  IKU` is `Tabel IKU`."""
    return " ".join(name.split()).casefold()


def is_generated(name: str) -> bool:
    """Whether a sheet is one xl-iku builds (regeneration may replace it, `xl-iku pdf` prints it): the fixed names
    and the yearly PK, LKjIP and Evaluasi AKIP sheets, matched case- and space-insensitively."""
    key = sheet_key(name)
    return key in {sheet_key(n) for n in GENERATED_SHEETS} or bool(_YEARLY.match(key))


#: Sheets that tell staff what to fix rather than documents to sign: `xl-iku pdf` prints them only when asked
#: (`--dengan-catatan`), so the PDF holds the documents and nothing else.
NOTE_SHEETS = ("Catatan", GAGAL_SHEET)


def is_printed(name: str, with_notes: bool = False) -> bool:
    """Whether `xl-iku pdf` prints a sheet: an office's generated sheets or a roll-up's, without the notes sheets
    unless `with_notes`."""
    key = sheet_key(name)
    document = is_generated(name) or key in {sheet_key(n) for n in REKAP_SHEETS}
    return document and (with_notes or key not in {sheet_key(n) for n in NOTE_SHEETS})


def iku_layouts(data: BookData) -> list[SheetLayout]:
    """The generated sheets, in workbook order; `Nilai AKIP`, `Hasil SKM`, the `PK YYYY` and `LKjIP YYYY` sheets only
    when their inputs exist."""
    plan = data.plan
    layouts = [iku_table(plan), penjelasan(plan), capaian_kinerja(data.performance, plan.instansi.nama, data.scale),
               grafik_capaian(data.performance, plan.instansi.nama)]
    lke = data.lke.hasil if data.lke is not None else {}
    if data.akip is not None or lke:
        targets = {}
        for ind in plan.indikator:
            if ind.sumber_realisasi == "AKIP":
                targets = ind.target
                break
        layouts.append(nilai_akip(data.akip.years if data.akip else [], data.akip.columns if data.akip else {},
                                  targets, plan.instansi.nama, data.akip.sheet if data.akip else None,
                                  lke))
    previous = None
    for year, hasil in lke.items():
        layouts.append(evaluasi_akip(year, hasil, data.lke.sheet, plan.instansi.nama, previous))
        previous = (year, hasil)
    if data.skm is not None:
        layouts.append(hasil_skm(data.skm, plan.instansi.nama, data.population_ref))
    for pk in data.pk:
        layouts += pk_layouts(pk)
    for report in data.lkjip:
        layouts.append(lkjip_sheet(report, data.scale))
    layouts.append(catatan(data.notes + fit_to_excel(layouts)))
    fit_to_excel(layouts[-1:])  # a note may quote long text too
    return layouts
