"""A kabupaten's folder of office workbooks, built the way `xl-iku init` + staff + `xl-iku regenerate` make them, and
readers of what each office's own generated sheets show (the numbers a roll-up must repeat)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import openpyxl
from skm_books import survey_rows

from xl_iku.layout.data_skm import data_skm_sheet
from xl_iku.layout.input_sheets import akip_sheet, data_iku_sheet, instansi_sheet
from xl_iku.workbook import new_book, regenerate

PEMDA = "Kabupaten Contoh"


def indicator(code, name, satuan, polaritas, awal, targets, realisasi=None, sumber=None, tujuan="T1"):
    row = {"Kode Tujuan": tujuan, "Tujuan": f"Tujuan {tujuan}", "Kode Sasaran": f"S{tujuan[1:]}.1",
           "Sasaran": f"Sasaran {tujuan}", "Kode Indikator": code, "Indikator": name, "Satuan": satuan,
           "Polaritas": polaritas, "Sumber Realisasi": sumber, "Definisi Operasional": f"Definisi {name}.",
           "Penjelasan": f"Penjelasan {name}."}
    row.update({f"Kondisi Awal {year}": value for year, value in awal.items()})
    row.update({f"Target {year}": value for year, value in targets.items()})
    row.update({f"Realisasi {year}": value for year, value in (realisasi or {}).items()})
    return row


def akip_row(tahun, jenis, p, pg, pl, e):
    return {"Tahun": tahun, "Jenis Isian": jenis, "Perencanaan": p, "Pengukuran": pg, "Pelaporan": pl,
            "Evaluasi Internal": e}


def dated(rows, year):
    """The same answers, every respondent dated in `year`."""
    rng = random.Random(year)
    return [{**r, "Tanggal": dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28))} for r in rows]


#: name → (kondisi awal year, target years, indicators, survey rows or None, AKIP rows or None)
OFFICES = {
    "Dinas Kependudukan dan Pencatatan Sipil": (2023, [2024, 2025], [
        indicator("I.1", "Indeks Kepuasan Masyarakat", "Indeks", "positif", {2023: 70}, {2024: 71, 2025: 72},
                  sumber="SKM"),
        indicator("I.2", "Nilai AKIP", "Nilai", "positif", {2023: 60}, {2024: 62, 2025: 64}, sumber="AKIP"),
        indicator("I.3", "Rata-rata waktu penerbitan dokumen", "Hari", "negatif", {2023: 5}, {2024: 4, 2025: 3},
                  {2024: 3.5, 2025: 2.5}),
        indicator("I.4", "Persentase akta kelahiran", "Persen", "positif", {2023: 90}, {2024: 92, 2025: 94},
                  {2024: 93, 2025: 91}, tujuan="T2"),
    ], survey_rows(seed=21, count=300),  # dated over 2024 and 2025
        [akip_row(2024, "Nilai 0–100", 70, 65, 72, 60), akip_row(2025, "Nilai 0–100", 75, 68, 74, 66)]),
    "Kecamatan Wotu Barat": (2024, [2025, 2026], [
        indicator("IS.1", "Indeks Kepuasan Masyarakat", "Indeks", "positif", {2024: 75}, {2025: 76, 2026: 77},
                  sumber="SKM"),
        indicator("IS.2", "Persentase layanan tepat waktu", "Persen", "positif", {2024: 80}, {2025: 85, 2026: 90},
                  {2025: 88}),
    ], dated(survey_rows(seed=22, count=250), 2025), None),  # no AKIP sheet
    "Badan Perencanaan Pembangunan Daerah": (2022, [2023, 2024, 2025, 2026], [
        indicator("P.1", "Nilai AKIP", "Nilai", "positif", {2022: 61}, {2023: 62, 2024: 63, 2025: 65, 2026: 67},
                  {2025: 66}),  # typed: the AKIP of 2026 is no realisasi, so 2025 stays the latest year
        indicator("P.2", "Persentase dokumen perencanaan tepat waktu", "Persen", "positif", {2022: 70},
                  {2023: 75, 2024: 80, 2025: 85, 2026: 90}, {2023: 76, 2024: 79, 2025: 85}),
        indicator("P.3", "Jumlah temuan evaluasi", "Temuan", "negatif", {2022: 12},
                  {2023: 10, 2024: 8, 2025: 6, 2026: 4}, {2023: 9, 2024: 8, 2025: 7}),
    ], None,  # no survey
        [akip_row(2025, "Poin LHE", 20.5, 19.25, 10.0, 15.75), akip_row(2026, "Nilai 0–100", 80, 78, 76, 70)]),
    "Kecamatan Tanpa Tanggal": (2024, [2025], [
        indicator("K.1", "Persentase pengaduan ditindaklanjuti", "Persen", "positif", {2024: 80}, {2025: 85},
                  {2025: 86}),
    ], [{**r, "Tanggal": None} for r in survey_rows(seed=23, count=200)],  # no dates: the whole sheet counts
        [akip_row(2025, "Poin LHE", 24.5, 20.1, 9.75, 15.2)]),
}
FILES = {"Dinas Kependudukan dan Pencatatan Sipil": "disdukcapil.xlsx", "Kecamatan Wotu Barat": "wotu_barat.xlsx",
         "Badan Perencanaan Pembangunan Daerah": "bappeda.xlsx",
         "Kecamatan Tanpa Tanggal": "kecamatan/tanpa_tanggal.xlsx"}


def office_workbook(path: Path, name: str) -> Path:
    """An office's workbook: input sheets as `xl-iku init` lays them out, filled, then regenerated."""
    awal, years, rows, survey, akip = OFFICES[name]
    instansi = {"Nama Instansi": name, "Pemerintah Daerah": PEMDA, "Periode": f"{years[0]}–{years[-1]}"}
    layouts = [instansi_sheet(instansi), data_iku_sheet(awal, years, rows)]
    if survey is not None:
        layouts.append(data_skm_sheet(survey))
    if akip is not None:
        layouts.append(akip_sheet(akip))
    path.parent.mkdir(parents=True, exist_ok=True)
    new_book(path, layouts)
    regenerate(path)
    return path


def kabupaten_folder(root: Path) -> Path:
    """Every office, plus what a real folder holds: a broken file, a workbook that is no IKU workbook, a hidden
    copy, an Excel lock file, a macOS resource fork and a byte-identical copy under another name."""
    folder = root / "kabupaten"
    for name, file in FILES.items():
        office_workbook(folder / file, name)
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan buku kerja")
    book = openpyxl.Workbook()
    book.active.title = "Data SKM"
    book.save(folder / "bukan_iku.xlsx")
    first = folder / FILES["Dinas Kependudukan dan Pencatatan Sipil"]
    for hidden in (".disdukcapil_lama.xlsx", "~$disdukcapil.xlsx", "._disdukcapil.xlsx"):
        (folder / hidden).write_bytes(b"not read")
    (folder / ".tersembunyi").mkdir()
    shutil.copyfile(first, folder / ".tersembunyi" / "salinan.xlsx")
    (folder / "arsip").mkdir()
    shutil.copyfile(first, folder / "arsip" / "disdukcapil (salinan).xlsx")
    return folder


# -- what each office's own generated sheets show ----------------------------------------------------------------

def capaian_rows(book, tahun):
    """Indicator label "name (code)" → (target, realisasi, capaian, kategori) of `tahun`, from Capaian Kinerja."""
    ws = book["Capaian Kinerja"]
    out, current = {}, None
    for r in range(6, ws.max_row + 1):
        if ws.cell(r, 2).value:
            current = ws.cell(r, 2).value
        if ws.cell(r, 5).value == tahun:
            out[current] = tuple(ws.cell(r, c).value for c in (6, 7, 8, 9))
    return out


def akip_values(book):
    """tahun → (Nilai AKIP, predikat), from the Nilai AKIP sheet."""
    if "Nilai AKIP" not in book.sheetnames:
        return {}
    ws = book["Nilai AKIP"]
    return {ws.cell(r, 1).value: (ws.cell(r, 7).value, ws.cell(r, 8).value)
            for r in range(6, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)}


def hasil_skm(book):
    """(IKM, mutu, responden, {kode: NRR}) of the whole survey, from Hasil SKM."""
    ws = book["Hasil SKM"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    nrr = {ws.cell(r, 2).value: ws.cell(r, 5).value for r in range(6, 15)}
    return (ws.cell(labels["Indeks Kepuasan Masyarakat (IKM)"], 4).value, ws.cell(labels["Mutu pelayanan"], 4).value,
            ws.cell(labels["Jumlah responden"], 4).value, nrr)


def catatan_count(book):
    ws = book["Catatan"]
    return sum(1 for r in range(4, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int))
