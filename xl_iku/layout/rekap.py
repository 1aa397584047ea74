"""The kabupaten roll-up workbook (`xl-iku rekap`): `Rekap Instansi`, `Grafik Rekap`, `Rekap Indikator`, `Rekap
Unsur`, `Rekap LKE` (when some office self-assessed the year), `Gagal`.

Pure: the roll-up's tables → `SheetLayout`s, print-ready (A4 landscape, fit to width, header rows repeated), charts
native to Excel. Values, not formulas: the roll-up is a picture of the offices' files as they were read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..cells import address, column_letter
from . import styles
from .base import Chart, Highlight, PrintSetup, SheetLayout, Table, text_height
from .paging import FILL, ROW_PT, columns_for, printable_cm, printed_width_cm, row_cm, rows_for, rows_height_cm

if TYPE_CHECKING:
    from ..rekap import Rekap

INSTANSI_SHEET = "Rekap Instansi"
INDIKATOR_SHEET = "Rekap Indikator"
UNSUR_SHEET = "Rekap Unsur"
LKE_SHEET = "Rekap LKE"
GAGAL_SHEET = "Gagal"
#: The sheets of a roll-up workbook, in order (what `xl-iku pdf` prints of it).
GRAFIK_SHEET = "Grafik Rekap"
SHEETS = (INSTANSI_SHEET, GRAFIK_SHEET, INDIKATOR_SHEET, UNSUR_SHEET, LKE_SHEET, GAGAL_SHEET)

HEADER_ROW = 5
HEADER_PT = 30
DECIMAL2 = styles.NUMBER  # #,##0.00, Indonesian
WEAKEST_FILL = "F8CBAD"  # the weakest unsur of each row
POOLED = styles.TEXT.but(bold=True, fill="F2F2F2")

#: (header, width, style) per column; the header is the DataFrame column it shows.
INSTANSI_COLUMNS = (
    ("Peringkat", 9, styles.CENTER), ("Instansi", 32, styles.TEXT), ("Pemerintah Daerah", 18, styles.TEXT),
    ("Berkas", 26, styles.TEXT), ("Responden", 11, styles.INTEGER), ("IKM", 8, DECIMAL2), ("Mutu", 6, styles.CENTER),
    ("Nilai AKIP", 8, DECIMAL2), ("Predikat", 8, styles.CENTER), ("Indikator", 9, styles.INTEGER),
    ("Indikator tercapai", 10, styles.INTEGER), ("Catatan", 8, styles.INTEGER),
)
INDIKATOR_COLUMNS = (
    ("Instansi", 28, styles.TEXT), ("Kode", 10, styles.TEXT), ("Indikator", 40, styles.TEXT),
    ("Satuan", 9, styles.CENTER), ("Polaritas", 9, styles.CENTER), ("Tahun", 7, styles.CENTER),
    ("Target", 10, DECIMAL2), ("Realisasi", 10, DECIMAL2), ("Capaian (%)", 10, DECIMAL2),
    ("Kategori", 13, styles.CENTER), ("Capaian Target Akhir (%)", 11, DECIMAL2),
)


def rekap_layouts(rekap: Rekap) -> list[SheetLayout]:
    lke = [rekap_lke(rekap)] if rekap.lke is not None and not rekap.lke.empty else []
    return [rekap_instansi(rekap), grafik_rekap(rekap), rekap_indikator(rekap), rekap_unsur(rekap), *lke,
            gagal(rekap)]


def rekap_instansi(rekap: Rekap) -> SheetLayout:
    rows = rekap.records(rekap.instansi)
    sheet = _titled(INSTANSI_SHEET, f"REKAPITULASI KINERJA PERANGKAT DAERAH TAHUN {rekap.tahun}", _pemda(rows),
                    f"{rekap.berkas} berkas, {len(rows)} terbaca, {len(rekap.gagal)} tidak dapat dibaca"
                    f"{_skipped(rekap)}. Diurutkan menurut IKM (responden tahun {rekap.tahun}, PermenPANRB 14/2017); "
                    f"Nilai AKIP dan predikat dari hasil evaluasi AKIP tahun {rekap.tahun}; indikator tercapai: "
                    "capaian ≥ 100 %; Catatan: jumlah peringatan konsistensi data instansi itu.", INSTANSI_COLUMNS)
    last = _table(sheet, INSTANSI_COLUMNS, rows, "RekapInstansi")
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, last, len(INSTANSI_COLUMNS)))
    return sheet


GRAFIK_WIDTH = 10  # characters a column: the printed columns hold a chart 22 cm wide and its margin
CHART_WIDTH_CM = 22.0


def grafik_rekap(rekap: Rekap) -> SheetLayout:
    """The IKM and Nilai AKIP of every office as bar charts, each on a page of its own: a sheet apart from the
    table, whose repeated header row would otherwise print above each chart. The charts' data (offices with a
    value, highest first) sits beside the printed columns."""
    rows = rekap.records(rekap.instansi)
    sheet = SheetLayout(GRAFIK_SHEET)
    last = columns_for(CHART_WIDTH_CM + 1.5, GRAFIK_WIDTH)
    sheet.column_widths = {c: GRAFIK_WIDTH for c in range(1, last + 1)}
    sheet.merge(1, 1, 1, last, f"GRAFIK REKAPITULASI KINERJA PERANGKAT DAERAH TAHUN {rekap.tahun}", styles.TITLE)
    sheet.merge_fit(2, 1, last, _pemda(rows).upper(), styles.SUBTITLE)
    setup = PrintSetup(title_rows=None)
    # a chart fills at most a page under a gap row: a chart anchored on a page's first row would also be drawn
    # over the page before (LibreOffice draws it across the break)
    page_cm = printable_cm(setup, printed_width_cm(sheet, last))[1] * FILL - row_cm(ROW_PT)
    chart_row, breaks = 3, []
    for i, (column, title, y_min) in enumerate((("IKM", f"IKM per perangkat daerah, tahun {rekap.tahun}", 25),
                                                ("Nilai AKIP", f"Nilai AKIP per perangkat daerah, tahun {rekap.tahun}",
                                                 0))):
        data_col = last + 2 + 3 * i
        values = sorted(((r["Instansi"], r[column]) for r in rows if r[column] is not None), key=lambda v: -v[1])
        sheet.column_widths.update({data_col: 30, data_col + 1: 10})
        sheet.put(1, data_col, "Instansi", styles.HEADER)
        sheet.put(1, data_col + 1, column, styles.HEADER)
        for j, (name, value) in enumerate(values, start=1):
            sheet.put(1 + j, data_col, name, styles.TEXT)
            sheet.put(1 + j, data_col + 1, value, DECIMAL2)
        if not values:
            continue
        top = page_cm - (rows_height_cm(sheet, 1, 2) if not sheet.charts else 0)  # the first page: the title too
        height = min(top, max(7.0, 2.5 + 0.45 * len(values)))  # ~0,45 cm a bar
        if sheet.charts:
            breaks.append(chart_row - 1)
        sheet.charts.append(Chart("bar", title, (1, data_col, 1 + len(values), data_col + 1),
                                  anchor=(chart_row + 1, 2), width_cm=CHART_WIDTH_CM, height_cm=height,
                                  y_min=y_min, y_max=100, y_title=column, value_format=styles.number_format("0"),
                                  label_format=DECIMAL2.number_format))
        covered = rows_for(height) + 2
        sheet.row_heights.update({r: ROW_PT for r in range(chart_row, chart_row + covered)})
        chart_row += covered
    if not sheet.charts:
        sheet.merge(3, 1, 3, last, f"Belum ada IKM atau Nilai AKIP tahun {rekap.tahun} untuk digambarkan.",
                    styles.NOTE)
    sheet.print_setup = replace(setup, area=(1, 1, max(chart_row, 3), last), breaks=tuple(breaks))
    return sheet


def rekap_indikator(rekap: Rekap) -> SheetLayout:
    rows = rekap.records(rekap.indikator)
    sheet = _titled(INDIKATOR_SHEET, f"REKAPITULASI CAPAIAN INDIKATOR KINERJA UTAMA TAHUN {rekap.tahun}",
                    _pemda(rekap.records(rekap.instansi)),
                    "Capaian: positif = realisasi ÷ target × 100; negatif = (2 − realisasi ÷ target) × 100; kategori "
                    "menurut skala capaian tiap instansi. Capaian target akhir: realisasi tahun ini (indikator "
                    "kumulatif: jumlah realisasi sejak awal periode) terhadap target tahun terakhir Periode, seperti "
                    "Tabel 3.3 LKjIP. Kosong: belum ada realisasi atau target.",
                    INDIKATOR_COLUMNS)
    last = _table(sheet, INDIKATOR_COLUMNS, rows, "RekapIndikator")
    keys = [key for key, _, _ in INDIKATOR_COLUMNS]
    for i, values in enumerate(rows, start=1):  # each office's indicator with the decimals it was written with
        for key, places in (("Target", "_desimal"), ("Realisasi", "_desimal_realisasi")):
            if values.get(places) is not None:
                sheet.put(HEADER_ROW + i, keys.index(key) + 1, values.get(key), styles.fixed(int(values[places])))
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, last, len(INDIKATOR_COLUMNS)))
    return sheet


def rekap_unsur(rekap: Rekap) -> SheetLayout:
    rows = rekap.records(rekap.unsur)
    codes = rekap.codes
    columns = (("No", 5, styles.CENTER), ("Instansi", 32, styles.TEXT), ("Responden", 11, styles.INTEGER),
               *((code, 7, styles.DECIMAL3) for code in codes), ("IKM", 8, DECIMAL2), ("Mutu", 6, styles.CENTER))
    legend = "; ".join(f"{c} {n}" for c, n in zip(codes, rekap.names))
    sheet = _titled(UNSUR_SHEET, f"REKAPITULASI NILAI UNSUR PELAYANAN (NRR) TAHUN {rekap.tahun}",
                    _pemda(rekap.records(rekap.instansi)),
                    (f"{legend}. " if legend else "") + "Sel berwarna: unsur dengan NRR terendah pada baris itu. "
                    "Baris terakhir: IKM gabungan "
                    "dari jumlah jawaban seluruh responden per unsur (bukan rata-rata IKM instansi).", columns)
    for number, row in enumerate(rows, start=1):
        row["No"] = number
    last = _table(sheet, columns, rows, None)
    pooled_row = last + 1
    label = "KABUPATEN (gabungan seluruh responden)"
    sheet.merge(pooled_row, 1, pooled_row, 2, label, POOLED)
    pooled = rekap.pooled
    if pooled is not None:
        by_code = {u.kode: u.nrr for u in pooled.unsur}
        values = [pooled.responden, *(by_code.get(code) for code in codes), pooled.ikm, pooled.category.code]
        for col, value in enumerate(values, start=3):
            sheet.put(pooled_row, col, value, columns[col - 1][2].but(bold=True, fill=POOLED.fill))
    else:
        sheet.merge(pooled_row, 3, pooled_row, len(columns), f"Tidak dihitung: {rekap.pooled_note}", POOLED)
    if rekap.pooled_note and pooled is not None:
        sheet.merge(pooled_row + 1, 1, pooled_row + 1, len(columns), f"Catatan: {rekap.pooled_note}.",
                    styles.NOTE)
        sheet.fit_row(pooled_row + 1)
    sheet.fit_row(pooled_row)  # the label and a 'Tidak dihitung' note both wrap in their blocks
    if codes:
        first, end = address(HEADER_ROW + 1, 4), address(pooled_row, 3 + len(codes))
        row_range = f"${column_letter(4)}{HEADER_ROW + 1}:${column_letter(3 + len(codes))}{HEADER_ROW + 1}"
        sheet.highlights.append(Highlight(f"{first}:{end}", f"AND(ISNUMBER({first}),{first}=MIN({row_range}))",
                                          WEAKEST_FILL))
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, sheet.max_row, len(columns)))
    return sheet


def rekap_lke(rekap: Rekap) -> SheetLayout:
    """Each office's self-assessment (LKE) of the year: every sub-component as % of its weight, the Nilai AKIP and
    predikat; the kabupaten's mean in the last row. Coloured: each office's weakest sub-component, and the three
    weakest of the kabupaten's mean (where the offices together most need to improve)."""
    from ..rules.lke import SUBS

    rows = rekap.records(rekap.lke)
    codes = [s.kode for s in SUBS]
    columns = (("No", 5, styles.CENTER), ("Instansi", 30, styles.TEXT), *((code, 7, DECIMAL2) for code in codes),
               ("Nilai AKIP (LKE)", 9, DECIMAL2), ("Predikat", 8, styles.CENTER))
    legend = "; ".join(f"{s.kode} {s.nama}" for s in SUBS)
    sheet = _titled(LKE_SHEET, f"REKAPITULASI PENILAIAN MANDIRI AKIP (LKE) TAHUN {rekap.tahun}",
                    _pemda(rekap.records(rekap.instansi)),
                    "Nilai tiap sub-komponen dalam persen bobotnya (PermenPANRB 88/2021), dari sheet LKE tiap "
                    f"instansi: {legend}. Kosong: sub-komponen belum dinilai (ada kriteria tanpa jawaban). Sel berwarna: "
                    "sub-komponen terlemah tiap instansi; pada baris rata-rata, tiga sub-komponen terlemah kabupaten. "
                    "Penilaian mandiri, bukan hasil evaluasi Inspektorat (LHE).", columns)
    for number, row in enumerate(rows, start=1):
        row["No"] = number
    last = _table(sheet, columns, rows, None)
    mean_row = last + 1
    label = "RATA-RATA KABUPATEN"
    sheet.merge(mean_row, 1, mean_row, 2, label, POOLED)
    for col, code in enumerate([*codes, "Nilai AKIP (LKE)"], start=3):
        values = rekap.lke[code].dropna()
        sheet.put(mean_row, col, float(values.mean()) if len(values) else None,
                  DECIMAL2.but(bold=True, fill=POOLED.fill))
    sheet.put(mean_row, len(columns), None, POOLED)
    first, end = address(HEADER_ROW + 1, 3), address(last, 2 + len(codes))
    row_range = f"${column_letter(3)}{HEADER_ROW + 1}:${column_letter(2 + len(codes))}{HEADER_ROW + 1}"
    sheet.highlights.append(Highlight(f"{first}:{end}", f"AND(ISNUMBER({first}),{first}=MIN({row_range}))",
                                      WEAKEST_FILL))
    mean_first = address(mean_row, 3)
    mean_range = f"$C${mean_row}:${column_letter(2 + len(codes))}${mean_row}"
    sheet.highlights.append(Highlight(f"{mean_first}:{address(mean_row, 2 + len(codes))}",
                                      f"AND(ISNUMBER({mean_first}),{mean_first}<=SMALL({mean_range},"
                                      f"MIN(3,COUNT({mean_range}))))", WEAKEST_FILL))
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, sheet.max_row, len(columns)))
    return sheet


def gagal(rekap: Rekap) -> SheetLayout:
    columns = (("No", 5, styles.CENTER), ("Berkas", 45, styles.TEXT), ("Alasan", 95, styles.TEXT))
    sheet = _titled(GAGAL_SHEET, "BERKAS YANG TIDAK DAPAT DIBACA", "",
                    "Berkas di bawah ini tidak ikut direkap; perbaiki sesuai alasannya lalu jalankan rekap lagi. "
                    "Berkas lain tetap diolah.", columns)
    rows = [{"No": i, "Berkas": berkas, "Alasan": pesan} for i, (berkas, pesan) in enumerate(rekap.gagal, start=1)]
    last = _table(sheet, columns, rows, None)
    if not rows:
        sheet.merge(last + 1, 1, last + 1, 3, "Tidak ada: semua berkas terbaca.", styles.TEXT)
        last += 1
    if rekap.skipped:
        last += 2
        sheet.merge(last, 1, last, 3, "Dilewati (salinan yang dihitung sekali, atau rekap sebelumnya):",
                    styles.TEXT.but(bold=True, border=False))
        for i, (berkas, why) in enumerate(rekap.skipped, start=1):
            sheet.put(last + i, 1, i, styles.CENTER)
            sheet.put(last + i, 2, berkas, styles.TEXT)
            sheet.put(last + i, 3, why, styles.TEXT)
            sheet.fit_row(last + i)  # a long path wraps, as the failed rows above do
    sheet.print_setup = PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW), area=(1, 1, sheet.max_row, 3))
    return sheet


def _titled(name: str, title: str, subtitle: str, note: str, columns: Sequence[tuple[str, float, Any]]
            ) -> SheetLayout:
    sheet = SheetLayout(name, freeze=(HEADER_ROW + 1, 3))
    width = len(columns)
    sheet.column_widths = {c: w for c, (_, w, _) in enumerate(columns, start=1)}
    # the title wraps in a narrow table (Rekap Unsur of a year without any survey has five columns), never clipped
    sheet.merge_fit(1, 1, width, title, styles.TITLE, minimum=18)
    sheet.merge_fit(2, 1, width, subtitle.upper(), styles.SUBTITLE)
    sheet.merge(3, 1, 3, width, note, styles.NOTE)
    sheet.row_heights[3] = text_height([(note, sum(w for _, w, _ in columns))], size=9)
    for col, (text, _, _) in enumerate(columns, start=1):
        sheet.put(HEADER_ROW, col, text, styles.HEADER)
    sheet.row_heights[HEADER_ROW] = HEADER_PT
    sheet.fit_row(HEADER_ROW)  # a header of three lines in a narrow column
    return sheet


def _table(sheet: SheetLayout, columns: Sequence[tuple[str, float, Any]], rows: list[dict], name: str | None) -> int:
    """Rows under the header; an Excel table (sortable, filterable) when named. Returns the last row."""
    for i, values in enumerate(rows, start=1):
        row = HEADER_ROW + i
        for col, (key, _, style) in enumerate(columns, start=1):
            sheet.put(row, col, values.get(key), style)
        sheet.fit_row(row)  # every wrapped cell: a Satuan of two words as much as the Indikator
    last = HEADER_ROW + len(rows)
    if name and rows:
        sheet.tables.append(Table(name, f"A{HEADER_ROW}:{address(last, len(columns))}"))
    return last


def _pemda(rows: list[dict]) -> str:
    names = dict.fromkeys(r["Pemerintah Daerah"] for r in rows)
    return ", ".join(n for n in names if n)


def _skipped(rekap: Rekap) -> str:
    return f"; {len(rekap.skipped)} dilewati" if rekap.skipped else ""
