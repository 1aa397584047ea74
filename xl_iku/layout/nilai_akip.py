"""Sheet `Nilai AKIP`: the evaluations typed in sheet `AKIP`, totalled by the xl-iku functions, year by year
against the IKU target. Scores are weighted (=AKIP_SCORE); LHE points are summed as printed, never weighted again.
A year self-assessed in the `LKE` sheet gets a row of its own beside the Inspektorat's (`Penilaian mandiri (LKE)`,
linked to its `Evaluasi AKIP YYYY` sheet); the IKU's target and capaian stay with the LHE, the official figure."""

from __future__ import annotations

from ..cells import column_letter
from ..model.akip import JENIS, AkipYear
from ..rules.akip import PREDIKAT_88_2021, akip_category
from ..rules.capaian import capaian
from ..rules.lke import HasilLke
from . import styles
from .base import PrintSetup, SheetLayout, text_height
from .lke import COMPONENT_ROWS, INTERPRETASI_CELL, NOT_ASSESSED, PREDIKAT_CELL, TOTAL_ROW, VALUE_COLUMN
from .lke import sheet_name as lke_sheet_name

SHEET = "Nilai AKIP"
HEADERS = ("Tahun", "Jenis Isian", "Perencanaan", "Pengukuran", "Pelaporan", "Evaluasi Internal", "Nilai AKIP",
           "Predikat", "Keterangan Predikat", "Target IKU", "Capaian (%)")
WIDTHS = (8, 13, 13, 13, 12, 12, 11, 9, 17, 10, 11)
HEADER_ROW = 5
LHE_LABEL = "Hasil evaluasi (LHE)"
LKE_LABEL = "Penilaian mandiri (LKE)"


def nilai_akip(years: list[AkipYear], columns: dict[str, int], targets: dict[int, float | None], instansi: str,
               input_sheet: str | None, lke: dict[int, HasilLke] | None = None) -> SheetLayout:
    """`lke`: year → the self-assessment of each year with its own `Evaluasi AKIP YYYY` sheet."""
    lke = lke or {}
    sheet = SheetLayout(SHEET, print_setup=PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW)))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    last = len(HEADERS)
    sheet.merge(1, 1, 1, last, "NILAI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (AKIP)", styles.TITLE)
    sheet.merge_fit(2, 1, last, instansi.upper(), styles.SUBTITLE)
    sheet.merge(3, 1, 3, last, "Isian 'Nilai 0–100': Nilai AKIP = 0,30 × Perencanaan + 0,30 × Pengukuran + 0,15 × "
                               "Pelaporan + 0,25 × Evaluasi Internal. Isian 'Poin LHE': poin per komponen (maks. "
                               "30/30/15/25) dijumlahkan tanpa pembobotan ulang. Predikat: PermenPANRB 88/2021.",
                styles.NOTE)
    sheet.row_heights[3] = 26
    for col, text in enumerate(HEADERS, start=1):
        sheet.put(HEADER_ROW, col, text, styles.HEADER)
    sheet.row_heights[HEADER_ROW] = 30
    source = f"'{input_sheet}'!"
    row = HEADER_ROW + 1
    lhe_years = {year.tahun: year for year in years}
    for tahun in sorted(set(lhe_years) | set(lke)):
        if tahun in lke:
            evaluasi = f"'{lke_sheet_name(tahun)}'!"
        if tahun not in lhe_years:
            _lke_row(sheet, row, tahun, evaluasi, lke[tahun])
            row += 1
            continue
        year = lhe_years[tahun]
        sheet.put(row, 1, year.tahun, styles.CENTER)
        jenis = f"{LHE_LABEL}: {JENIS[year.jenis]}" if lke else JENIS[year.jenis]
        sheet.put(row, 2, jenis, styles.CENTER)
        if lke:
            sheet.row_heights[row] = text_height([(jenis, WIDTHS[1])])
        for i, (value, summed) in enumerate(zip(year.komponen, year.from_subs)):
            key = ("perencanaan", "pengukuran", "pelaporan", "evaluasi internal")[i]
            if summed:
                first = columns[f"{key} keberadaan"]
                formula = (f"=SUM({source}${column_letter(first)}${year.row}:"
                           f"${column_letter(first + 2)}${year.row})")
            else:
                formula = f"={source}${column_letter(columns[key])}${year.row}"
            sheet.put_formula(row, 3 + i, formula, value, styles.NUMBER)
        total = f"=AKIP_SCORE(C{row},D{row},E{row},F{row})" if year.jenis == "nilai" else f"=SUM(C{row}:F{row})"
        sheet.put_formula(row, 7, total, year.nilai, styles.NUMBER.but(bold=True))
        sheet.put_formula(row, 8, f"=AKIP_CATEGORY(G{row})", year.category.code, styles.CENTER.but(bold=True))
        sheet.put_formula(row, 9, f"=AKIP_LABEL(G{row})", year.category.label, styles.TEXT)
        target = targets.get(year.tahun)
        sheet.put(row, 10, target, styles.NUMBER)
        if target:
            sheet.put_formula(row, 11, f'=CAPAIAN(J{row},G{row},"positif")', capaian(target, year.nilai),
                              styles.NUMBER)
        else:
            sheet.put(row, 11, None, styles.NUMBER)
        row += 1
        if tahun in lke:
            _lke_row(sheet, row, tahun, evaluasi, lke[tahun])
            row += 1
    if not years and not lke:
        sheet.merge(row, 1, row, last, "Belum ada nilai AKIP.", styles.NOTE.but(border=True))
        row += 1
    row += 1
    sheet.merge(row, 1, row, last, "Predikat: " + "; ".join(
        f"{b.category.code} ({b.category.label}) {b.describe().split(': ', 1)[1]}" for b in PREDIKAT_88_2021.bands),
        styles.NOTE)
    sheet.row_heights[row] = 26
    if lke:
        note = (f"{LKE_LABEL}: poin komponen (maks. 30/30/15/25) dan nilai dari penilaian mandiri tahun itu "
                "(jawaban LKE kantor sendiri), bukan realisasi IKU; realisasi dan capaian IKU tetap dari "
                f"{LHE_LABEL}.")  # paper names no sheet: the row links to its Evaluasi AKIP sheet
        sheet.merge(row + 1, 1, row + 1, last, note, styles.NOTE)
        sheet.row_heights[row + 1] = 26
    return sheet


def _lke_row(sheet: SheetLayout, row: int, tahun: int, evaluasi: str, hasil: HasilLke) -> None:
    """The self-assessment of a year, linked to its Evaluasi AKIP sheet (component points, summed there)."""
    nilai = hasil.nilai
    sheet.put(row, 1, tahun, styles.CENTER)
    sheet.put(row, 2, LKE_LABEL, styles.CENTER.but(italic=True))
    sheet.row_heights[row] = text_height([(LKE_LABEL, WIDTHS[1])])
    for i, component_row in enumerate(COMPONENT_ROWS):
        value = hasil.komponen[i].nilai
        sheet.put_formula(row, 3 + i, f"={evaluasi}{VALUE_COLUMN}{component_row}",
                          NOT_ASSESSED if value is None else value, styles.NUMBER)
    sheet.put_formula(row, 7, f"={evaluasi}{VALUE_COLUMN}{TOTAL_ROW}", NOT_ASSESSED if nilai is None else nilai,
                      styles.NUMBER.but(bold=True))
    category = akip_category(nilai) if nilai is not None else None
    # the predikat as the Evaluasi sheet states it (a native formula there: readers without the add-in see it)
    sheet.put_formula(row, 8, f"={evaluasi}{PREDIKAT_CELL}", category.code if category else "",
                      styles.CENTER.but(bold=True))
    sheet.put_formula(row, 9, f"={evaluasi}{INTERPRETASI_CELL}", category.label if category else "", styles.TEXT)
    sheet.put(row, 10, None, styles.NUMBER)
    sheet.put(row, 11, None, styles.NUMBER)
