"""The input sheets a new office starts from (`xl-iku init`): `Instansi`, `Data IKU` and `AKIP`, with hints and
validation. (`Data SKM` is in `data_skm.py`.)

Also used to write an office's existing data into that shape (the Wotu template is built this way), so the input
contract has one definition: `readers.iku` reads exactly what this writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..cells import column_letter
from ..model.plan import INSTANSI_DATE_KEYS, INSTANSI_FIELDS, INSTANSI_TEXT_KEYS
from ..rules.lkjip import JENIS_TARGET_AKHIR
from . import styles
from .base import SheetLayout, Style, Validation

#: Hints beside each Instansi key (the keys themselves are the input contract: readers.iku.INSTANSI_FIELDS).
INSTANSI_HINTS = {
    "nama": "Nama perangkat daerah, misalnya Kecamatan Wotu.",
    "pemerintah_daerah": "Misalnya Kabupaten Luwu Timur.",
    "periode": "Periode IKU, misalnya 2025–2029.",
    "tempat": "Tempat keputusan ditetapkan.",
    "tanggal": "Tanggal keputusan (format tanggal Excel).",
    "jabatan": "Misalnya Camat Wotu.",
    "penandatangan": "Nama lengkap dengan gelar.",
    "pangkat": "Misalnya Pembina Tk. I, IV/b.",
    "nip": "Tulis sebagai teks agar angka tidak terpotong.",
    "populasi_skm": "Jumlah penerima layanan pada periode survei (untuk sampel minimum SKM).",
    "tahun_pk": "Tahun Perjanjian Kinerja yang dibuat, misalnya 2026 atau 2025, 2026 (sheet PK 2026). "
                "Kosong = tidak ada.",
    "nama_atasan": "Pihak kedua Perjanjian Kinerja: nama atasan, misalnya nama Bupati.",
    "jabatan_atasan": "Misalnya Bupati Luwu Timur.",
    "pangkat_atasan": "Pangkat/golongan atasan; kosongkan untuk kepala daerah.",
    "nip_atasan": "NIP atasan sebagai teks; kosongkan untuk kepala daerah.",
    "tanggal_pk": "Tanggal penandatanganan PK tahun terakhir di Tahun PK; kosong = '…… Januari TAHUN' "
                  "diisi tangan.",
    "tahun_lkjip": "Tahun LKjIP (tabel BAB III) yang dibuat, misalnya 2025 (sheet LKjIP 2025); harus di dalam "
                   "Periode. Kosong = tidak ada.",
}

TEXT_HEADERS = (
    ("Kode Tujuan", 10, "Kode tujuan, misalnya T1."),
    ("Tujuan", 30, "Teks tujuan. Ulangi untuk setiap indikator di bawah tujuan yang sama."),
    ("Kode Sasaran", 10, "Kode sasaran, misalnya S1.1."),
    ("Sasaran", 30, "Teks sasaran. Ulangi untuk setiap indikator di bawah sasaran yang sama."),
    ("Kode Indikator", 10, "Kode indikator, harus unik, misalnya IS.1.1."),
    ("Indikator", 30, "Nama indikator kinerja utama."),
    ("Satuan", 10, "Satuan, misalnya Nilai, Indeks, Persen."),
    ("Polaritas", 10, "positif: makin tinggi makin baik; negatif: makin rendah makin baik."),
)
TRAILING_HEADERS = (
    ("Sumber Realisasi", 12, "Opsional: AKIP (realisasi diambil dari sheet AKIP) atau SKM (dari Data SKM); "
                             "kosong = diketik di kolom Realisasi."),
    ("Keterangan", 14, "Keterangan (kolom KET. pada tabel)."),
    ("Sasaran (Penjelasan)", 30, "Opsional: rumusan sasaran untuk tabel Penjelasan bila berbeda."),
    ("Definisi Operasional", 45, "Definisi operasional indikator."),
    ("Formulasi", 40, "Rumus perhitungan indikator."),
    ("Penjelasan", 45, "Penjelasan indikator."),
    ("Sumber Data", 20, "Sumber data, misalnya LHE Inspektorat."),
    ("Penanggung Jawab", 16, "Jabatan penanggung jawab."),
    ("Jenis Target Akhir", 12, "Opsional: tahunan (target tahun terakhir periode = target akhir) atau kumulatif "
                               "(realisasi tiap tahun dijumlahkan menuju target akhir); kosong = tahunan."),
    ("Standar Nasional", 11, "Opsional: standar/rata-rata nasional indikator ini (angka), untuk tabel LKjIP."),
    ("Sumber Standar", 20, "Opsional: sumber standar nasional, misalnya Permendagri …/SPM."),
)
INPUT_ROWS = 200  # validation and formats reach this far; more rows still read fine
HEADER = Style(bold=True, fill="DDEBF7", halign="center", valign="center", wrap=True, border=True)
KEY = Style(bold=True, valign="top", border=True)
VALUE = Style(valign="top", wrap=True, border=True)
NUMBER_VALUE = VALUE.but(number_format=styles.number_format("#,##0.00"), halign="right")
HINT = styles.NOTE


def header_row(sheet: SheetLayout, headers: Sequence[tuple[str, float, str]]) -> None:
    """Row 1 of an input sheet: (text, width, hint) per column, the hint as the header's note."""
    for col, (text, width, hint) in enumerate(headers, start=1):
        sheet.put(1, col, text, HEADER)
        sheet.column_widths[col] = width
        sheet.notes[(1, col)] = hint


def instansi_sheet(values: dict[str, Any] | None = None) -> SheetLayout:
    sheet = SheetLayout("Instansi", show_gridlines=True)
    sheet.column_widths = {1: 26, 2: 44, 3: 48}
    for col, text in enumerate(("Kunci", "Nilai", "Petunjuk"), start=1):
        sheet.put(1, col, text, HEADER)
    values = values or {}
    for row, (key, attr) in enumerate(INSTANSI_FIELDS, start=2):
        hint = INSTANSI_HINTS[attr]
        sheet.put(row, 1, key, KEY)
        value = values.get(key)
        style = VALUE.but(number_format="d mmmm yyyy") if key in INSTANSI_DATE_KEYS else VALUE
        if key in INSTANSI_TEXT_KEYS:
            style = VALUE.but(number_format="@")
        sheet.put(row, 2, value, style)
        sheet.put(row, 3, hint, HINT)
    return sheet


def data_iku_sheet(baseline_year: int, target_years: Sequence[int],
                   rows: Sequence[dict[str, Any]] = ()) -> SheetLayout:
    """Header row 1, one indicator per row; `rows` map header text → value."""
    headers = list(TEXT_HEADERS)
    headers.append((f"Kondisi Awal {baseline_year}", 11, f"Capaian tahun {baseline_year} (angka)."))
    headers += [(f"Target {y}", 10, f"Target tahun {y} (angka; koma desimal boleh).") for y in target_years]
    headers += [(f"Realisasi {y}", 10, f"Realisasi tahun {y}; kosongkan sampai diketahui.") for y in target_years]
    headers += list(TRAILING_HEADERS)
    sheet = SheetLayout("Data IKU", freeze=(2, 7), show_gridlines=True)
    header_row(sheet, headers)
    sheet.row_heights[1] = 32
    for r, values in enumerate(rows, start=2):
        for col, (text, _, _) in enumerate(headers, start=1):
            value = values.get(text)
            numeric = text.startswith(("Kondisi Awal", "Target ", "Realisasi", "Standar Nasional"))
            sheet.put(r, col, value, NUMBER_VALUE if numeric else VALUE)
    polaritas = next(i for i, h in enumerate(headers, start=1) if h[0] == "Polaritas")
    sheet.validations.append(Validation(
        f"{column_letter(polaritas)}2:{column_letter(polaritas)}{INPUT_ROWS}", "list", ("positif", "negatif"),
        prompt="Pilih positif atau negatif.", error="Polaritas hanya boleh 'positif' atau 'negatif'."))
    first_num = len(TEXT_HEADERS) + 1
    last_num = first_num + 2 * len(target_years)
    sheet.validations.append(Validation(
        f"{column_letter(first_num)}2:{column_letter(last_num)}{INPUT_ROWS}", "decimal", minimum=-1e12, maximum=1e12,
        prompt="Isi dengan angka.", error="Kondisi awal, target dan realisasi harus berupa angka."))
    jenis = column_letter(next(i for i, h in enumerate(headers, start=1) if h[0] == "Jenis Target Akhir"))
    sheet.validations.append(Validation(
        f"{jenis}2:{jenis}{INPUT_ROWS}", "list", JENIS_TARGET_AKHIR, prompt="tahunan, kumulatif, atau kosong.",
        error="Jenis target akhir hanya boleh 'tahunan', 'kumulatif', atau kosong."))
    sumber = next(i for i, h in enumerate(headers, start=1) if h[0] == "Sumber Realisasi")
    sheet.validations.append(Validation(
        f"{column_letter(sumber)}2:{column_letter(sumber)}{INPUT_ROWS}", "list", ("AKIP", "SKM"),
        prompt="AKIP, SKM, atau kosong.", error="Sumber realisasi hanya boleh AKIP, SKM, atau kosong."))
    return sheet


PROGRAM_HEADERS = (
    ("Tahun", 8, "Tahun Perjanjian Kinerja yang memuat program ini, misalnya 2026."),
    ("Kode Sasaran", 12, "Opsional: kode sasaran yang didukung program, misalnya S1.1."),
    ("Program", 50, "Nama program sesuai DPA."),
    ("Anggaran", 18, "Rupiah utuh: angka, atau teks seperti 1.250.000.000 (titik = pemisah ribuan)."),
    ("Keterangan", 30, "Misalnya: APBD, DPA tanggal …"),
    ("Realisasi Anggaran", 18, "Opsional: rupiah yang terealisasi pada tahun itu (aturan sama dengan Anggaran), "
                               "untuk tabel LKjIP."),
)


def program_sheet(rows: Sequence[dict[str, Any]] = ()) -> SheetLayout:
    """The programmes and budgets of each year's Perjanjian Kinerja (readers.program); `rows` map header → value."""
    sheet = SheetLayout("Program", freeze=(2, 1), show_gridlines=True)
    header_row(sheet, PROGRAM_HEADERS)
    sheet.row_heights[1] = 20
    for r, values in enumerate(rows, start=2):
        for col, (text, _, _) in enumerate(PROGRAM_HEADERS, start=1):
            rupiah = text in ("Anggaran", "Realisasi Anggaran")
            style = VALUE.but(number_format="#,##0", halign="right") if rupiah else VALUE
            sheet.put(r, col, values.get(text), style)
    sheet.validations.append(Validation(f"A2:A{INPUT_ROWS}", "whole", minimum=2000, maximum=2100,
                                        prompt="Tahun, misalnya 2026.",
                                        error="Tahun harus berupa tahun (2000–2100)."))
    return sheet


AKIP_HEADERS = (
    ("Tahun", 8, "Tahun yang dievaluasi."),
    ("Jenis Isian", 13, "'Nilai 0–100': nilai tiap komponen 0–100 (dibobot 30/30/15/25). 'Poin LHE': poin seperti "
                        "tertulis di LHE (maks. 30/30/15/25), dijumlahkan tanpa dibobot lagi."),
    ("Perencanaan", 12, "Perencanaan Kinerja."),
    ("Pengukuran", 12, "Pengukuran Kinerja."),
    ("Pelaporan", 12, "Pelaporan Kinerja."),
    ("Evaluasi Internal", 12, "Evaluasi Akuntabilitas Kinerja Internal."),
    ("Keterangan", 24, "Misalnya: LHE Inspektorat tanggal …"),
)
AKIP_SUBS = tuple((f"{comp} - {sub}", 11, f"Opsional (Poin LHE): poin sub-komponen {sub.lower()} {comp.lower()}; "
                   "kosongkan komponennya agar dijumlahkan dari sini.")
                  for comp in ("Perencanaan", "Pengukuran", "Pelaporan", "Evaluasi Internal")
                  for sub in ("Keberadaan", "Kualitas", "Pemanfaatan"))


def akip_sheet(rows: Sequence[dict[str, Any]] = ()) -> SheetLayout:
    """One row per evaluation year; `rows` map header → value."""
    headers = list(AKIP_HEADERS) + list(AKIP_SUBS)
    sheet = SheetLayout("AKIP", freeze=(2, 2), show_gridlines=True)
    header_row(sheet, headers)
    sheet.row_heights[1] = 45
    for r, values in enumerate(rows, start=2):
        for col, (text, _, _) in enumerate(headers, start=1):
            numeric = col > 2 and text != "Keterangan"
            sheet.put(r, col, values.get(text), NUMBER_VALUE if numeric else VALUE)
    sheet.validations.append(Validation(f"B2:B{INPUT_ROWS}", "list", ("Nilai 0–100", "Poin LHE"),
                                        prompt="Nilai 0–100 atau Poin LHE.",
                                        error="Jenis isian hanya 'Nilai 0–100' atau 'Poin LHE'."))
    sheet.validations.append(Validation(f"C2:F{INPUT_ROWS}", "decimal", minimum=0, maximum=100,
                                        prompt="Angka 0–100 (nilai) atau poin komponen.",
                                        error="Nilai komponen harus 0–100."))
    return sheet
