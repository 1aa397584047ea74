"""Builders for IKU workbooks the way offices really fill them (any column order, text numbers)."""

from __future__ import annotations

import datetime as dt

import openpyxl

INSTANSI = {
    "Nama Instansi": "Dinas Kependudukan dan Pencatatan Sipil",
    "Pemerintah Daerah": "Kabupaten Contoh",
    "Periode": "2027–2031",
    "Tempat Penetapan": "Kota Contoh",
    "Tanggal Penetapan": dt.datetime(2026, 12, 1),
    "Jabatan Penandatangan": "Kepala Dinas",
    "Nama Penandatangan": "Dr. SITI AMINAH, M.Si",
    "Pangkat/Golongan": "Pembina Utama Muda, IV/c",
    "NIP": "19750101 200001 2 001",
}

YEARS = [2027, 2028, 2029, 2030, 2031]


def other_office_rows():
    """3 tujuan, 5 sasaran, 8 indikator; a negatif indicator; numbers as text with the decimal comma."""
    spec = [
        ("T1", "Meningkatnya kualitas administrasi kependudukan", [
            ("S1.1", "Meningkatnya cakupan kepemilikan dokumen", [
                ("I.1.1.1", "Persentase penduduk ber-KTP-el", "Persen", "positif", "96,5",
                 ["97", "97,5", "98", "98,5", "99"]),
                ("I.1.1.2", "Persentase anak ber-KIA", "Persen", "positif", 60, [65, 70, 75, 80, 85]),
                ("I.1.1.3", "Persentase akta kelahiran", "Persen", "positif", 90, [91, 92, 93, 94, 95]),
            ]),
            ("S1.2", "Meningkatnya kecepatan layanan", [
                ("I.1.2.1", "Rata-rata waktu penerbitan dokumen", "Hari", "negatif", 5, [4, 3.5, 3, 2.5, 2]),
            ]),
        ]),
        ("T2", "Meningkatnya akuntabilitas kinerja", [
            ("S2.1", "Meningkatnya nilai AKIP", [
                ("I.2.1.1", "Nilai AKIP", "Nilai", "positif", 68, [70, 72, 74, 76, 78]),
            ]),
            ("S2.2", "Meningkatnya kepuasan masyarakat", [
                ("I.2.2.1", "Indeks Kepuasan Masyarakat", "Indeks", "positif", "82,10",
                 ["83", "84", "83,5", "85", "86"]),
                ("I.2.2.2", "Jumlah pengaduan tidak tertangani", "Kasus", "negatif", 12, [10, 8, 9, 5, 4]),
            ]),
        ]),
        ("T3", "Meningkatnya pemanfaatan data kependudukan", [
            ("S3.1", "Meningkatnya kerja sama pemanfaatan data", [
                ("I.3.1.1", "Jumlah perjanjian kerja sama", "Dokumen", "positif", 3, [4, 5, 6, 7, 8]),
            ]),
        ]),
    ]
    rows = []
    for kt, tujuan, sasaran in spec:
        for ks, s_text, indikator in sasaran:
            for ki, name, satuan, pol, awal, targets in indikator:
                row = {"Kode Tujuan": kt, "Tujuan": tujuan, "Kode Sasaran": ks, "Sasaran": s_text,
                       "Kode Indikator": ki, "Indikator": name, "Satuan": satuan, "Polaritas": pol,
                       "Kondisi Awal 2026": awal, "Keterangan": None,
                       "Definisi Operasional": f"Definisi {name}.", "Formulasi": f"Rumus {name}",
                       "Penjelasan": f"Penjelasan {name}.", "Sumber Data": "Bidang terkait",
                       "Penanggung Jawab": "Kepala Bidang"}
                row.update({f"Target {y}": t for y, t in zip(YEARS, targets)})
                rows.append(row)
    return rows


def write_data(book, rows, headers=None, sheet="Data IKU"):
    ws = book[sheet] if sheet in book.sheetnames else book.create_sheet(sheet)
    headers = headers or list(rows[0])
    for c in range(1, ws.max_column + 1):
        for r in range(1, ws.max_row + 1):
            ws.cell(r, c).value = None
    for c, h in enumerate(headers, start=1):
        ws.cell(1, c, h)
        for r, row in enumerate(rows, start=2):
            ws.cell(r, c, row.get(h))
    return ws


def write_instansi(book, values=INSTANSI):
    ws = book["Instansi"] if "Instansi" in book.sheetnames else book.create_sheet("Instansi")
    for r, (k, v) in enumerate(values.items(), start=2):
        ws.cell(r, 1, k)
        ws.cell(r, 2, v)
    return ws


def office_book(path, rows=None, headers=None, instansi=INSTANSI):
    book = openpyxl.Workbook()
    book.active.title = "Instansi"
    write_instansi(book, instansi)
    write_data(book, rows or other_office_rows(), headers)
    book.save(path)
    return path


def macro_book(path, tmp_path):
    """xlwings' quickstart .xlsm (a real VBA project) with the office's input sheets added."""
    import shutil
    from pathlib import Path

    import xlwings

    shutil.copyfile(Path(xlwings.__file__).parent / "quickstart.xlsm", path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    office = openpyxl.load_workbook(office_book(tmp_path / "src.xlsx"))
    for name in ("Instansi", "Data IKU"):
        target = wb.create_sheet(name)
        for row in office[name].iter_rows():
            for cell in row:
                target.cell(cell.row, cell.column, cell.value)
    wb.save(path)
    return path
