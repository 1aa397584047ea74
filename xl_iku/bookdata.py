"""What the generated sheets are built from: a workbook's input sheets read into the plan, the survey report, the
AKIP evaluations, the capaian scale and the warnings. One reading for the headless path (openpyxl) and the live
one (xlwings): both call `read_book` with their own way of getting a sheet's values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import InputError, SheetError
from .layout.data_skm import SHEET as SKM_SHEET
from .model import Catatan
from .model.book import AkipInput, BookData, LkeInput
from .model.capaian import derived_realisasi, performance
from .model.checks import consistency_warnings
from .model.grid import SheetGrid
from .model.lke import SHEET as LKE_SHEET
from .model.lkjip import laporan_kinerja
from .model.pk import perjanjian_kinerja
from .model.plan import DATA_SHEET, INSTANSI_SHEET
from .model.program import SHEET as PROGRAM_SHEET
from .model.program import ProgramRow
from .model.skm_report import skm_report
from .readers.akip import SHEET as AKIP_SHEET
from .readers.akip import read_akip
from .readers.iku import find_sheet, instansi_value_cell, read_plan
from .readers.lke import read_lke
from .readers.program import read_program
from .readers.scale import SHEET as SCALE_SHEET  # optional: an office's own capaian scale
from .readers.scale import read_scale
from .readers.skm import survey_from_rows
from .rules.capaian import SKALA_86_2017
from .rules.lke import evaluate

INPUT_SHEETS = (INSTANSI_SHEET, DATA_SHEET, SKM_SHEET, AKIP_SHEET, SCALE_SHEET, PROGRAM_SHEET, LKE_SHEET)


def read_book(sheet_names: list[str], grid_of: Callable[[str], SheetGrid],
              survey_rows_of: Callable[[str], list], pk_years: list[int] | None = None,
              lkjip_years: list[int] | None = None) -> BookData:
    """The one reading of a workbook, shared by the headless path (openpyxl) and the live one (xlwings).

    `pk_years` asks for the Perjanjian Kinerja of other years than `Tahun PK` (`xl-iku pk --tahun`), `lkjip_years`
    for the LKjIP tables of other years than `Tahun LKjIP` (`xl-iku lkjip --tahun`)."""
    sheets = {}
    for wanted in (INSTANSI_SHEET, DATA_SHEET):
        name = find_sheet(sheet_names, wanted)
        if name is None:
            raise SheetError(wanted, f"Sheet '{wanted}' tidak ada di buku kerja. Tambahkan sheet itu (contohnya dibuat "
                             "oleh 'xl-iku init BARU.xlsx').", where="")
        sheets[wanted] = grid_of(name)
    plan, columns = read_plan(sheets[INSTANSI_SHEET], sheets[DATA_SHEET])
    notes = consistency_warnings(plan, columns)
    skm = None
    population_ref = None
    survey_sheet = find_sheet(sheet_names, SKM_SHEET)
    if survey_sheet is not None:
        table = survey_from_rows(survey_sheet, survey_rows_of(survey_sheet))
        notes += [Catatan(survey_sheet, "", f"Tidak dihitung sebagai responden (di bawah tabel jawaban): {row}.")
                  for row in table.left_out]
        if any(any(v is not None for v in row) for row in table.rows):
            skm = skm_report(table, plan.instansi.populasi_skm)
            if plan.instansi.populasi_skm is not None:
                population_ref = instansi_value_cell(sheets[INSTANSI_SHEET], "Populasi SKM")
        else:
            notes.append(Catatan(survey_sheet, "", "belum berisi jawaban: Hasil SKM belum dibuat. Isi satu baris "
                                                  "per responden, lalu buat ulang tabel."))
    akip = None
    akip_sheet = find_sheet(sheet_names, AKIP_SHEET)
    if akip_sheet is not None:
        years, akip_columns = read_akip(grid_of(akip_sheet))
        akip = AkipInput(akip_sheet, years, akip_columns)
    scale = SKALA_86_2017
    scale_sheet = find_sheet(sheet_names, SCALE_SHEET)
    if scale_sheet is not None:
        scale = read_scale(grid_of(scale_sheet))
    derived = derived_realisasi(akip.years if akip else [], skm)
    results, performance_notes = performance(plan, columns, derived, scale)
    program_sheet = find_sheet(sheet_names, PROGRAM_SHEET)
    programs: list[ProgramRow] | None = read_program(grid_of(program_sheet)) if program_sheet else None
    pk, pk_notes = perjanjian_kinerja(plan, columns, sheets[INSTANSI_SHEET], sheets[DATA_SHEET].name, programs,
                                      plan.instansi.tahun_pk if pk_years is None else pk_years,
                                      asked_by="--tahun" if pk_years is not None else "")
    lke, lke_notes = None, []
    lke_sheet = find_sheet(sheet_names, LKE_SHEET)
    if lke_sheet is not None:
        lke, lke_notes = lke_input(grid_of(lke_sheet))
    lkjip, lkjip_notes = laporan_kinerja(plan, columns, sheets[INSTANSI_SHEET], sheets[DATA_SHEET], results,
                                         derived, programs, program_sheet,
                                         plan.instansi.tahun_lkjip if lkjip_years is None else lkjip_years,
                                         asked_by="--tahun" if lkjip_years is not None else "")
    return BookData(plan, notes + performance_notes + pk_notes + lkjip_notes + lke_notes, skm, population_ref,
                    results, scale, akip, pk, lkjip, lke)


def lke_input(grid: SheetGrid) -> tuple[LkeInput, list[Catatan]]:
    """The LKE sheet read and each answered year evaluated; a note for every year not fully answered."""
    sheet = read_lke(grid)
    hasil = {year: evaluate(sheet.years[year], sheet.skala) for year in sheet.answered_years()}
    notes = []
    for year, result in hasil.items():
        if result.belum:
            rows = ", ".join(str(k.baris) for k in result.belum)
            subs = ", ".join(s.sub.kode for s in result.subs if s.poin is None)
            notes.append(Catatan(sheet.name, "", f"Tahun {year}: {len(result.belum)} kriteria belum dijawab (baris "
                                                 f"{rows}): sub-komponen {subs} belum dinilai, begitu pula komponennya "
                                                 "dan Nilai AKIP penilaian mandiri. Isi jawabannya."))
        empty = [s.sub.kode for s in result.subs if s.kriteria == 0]
        if empty:
            notes.append(Catatan(sheet.name, "", f"Tahun {year}: sub-komponen {', '.join(empty)} tidak punya "
                                                 "kriteria, sehingga tidak dinilai. Tambahkan kriterianya (kode "
                                                 "komponen.sub-komponen.nomor)."))
    return LkeInput(sheet, hasil), notes


def lke_data(path: Path) -> tuple[LkeInput, list[Catatan], str]:
    """The `LKE` sheet of a saved workbook, evaluated (`xl-iku lke`), and the office's name when `Instansi` gives
    it; the rest of the book is not read, so an LKE can be scored before the IKU data are complete."""
    from .readers.book import InputBook
    from .readers.iku import read_instansi

    with InputBook(path) as book:
        name = find_sheet(book.sheet_names, LKE_SHEET)
        if name is None:
            raise SheetError(LKE_SHEET, f"Sheet '{LKE_SHEET}' tidak ada di '{path}'. Tambahkan sheet berisi daftar "
                             f"kriteria bawaan dengan: xl-iku regenerate \"{path}\", lalu isi kolom Jawaban.",
                             path=path, where="")
        lke, notes = lke_input(SheetGrid(name, book.rows(name), book.merged(name)))
        instansi = ""
        instansi_sheet = find_sheet(book.sheet_names, INSTANSI_SHEET)
        if instansi_sheet is not None:
            try:
                instansi = read_instansi(SheetGrid(instansi_sheet, book.rows(instansi_sheet))).nama
            except InputError:  # an incomplete Instansi sheet does not stop the LKE
                pass
    return lke, notes, instansi


def input_data(path: Path, pk_years: list[int] | None = None, lkjip_years: list[int] | None = None) -> BookData:
    """`read_book` over a saved workbook without loading it: the input sheets only, values as last computed."""
    from .readers.book import InputBook

    with InputBook(path) as book:
        # the survey too is read as last computed: a formula answer is its value, one never computed is an error
        def grid_of(name: str) -> SheetGrid:
            formats = book.number_formats(name) if name == find_sheet(book.sheet_names, DATA_SHEET) else {}
            return SheetGrid(name, book.rows(name), book.merged(name), formats)

        return read_book(book.sheet_names, grid_of, lambda name: book.rows(name, blank=""), pk_years, lkjip_years)
