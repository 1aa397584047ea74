"""`xl-iku init`."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="buat buku kerja baru dengan sheet isian kosong",
                               description="Buat buku kerja baru berisi sheet isian kosong: 'Instansi', 'Data IKU', "
                                           "'Data SKM', 'AKIP', 'Program' dan 'LKE' (judul kolom, petunjuk dan "
                                           "validasi sudah ada; 'LKE' berisi daftar kriteria bawaan PermenPANRB "
                                           "88/2021 tahun target pertama, belum dijawab).")
    init.add_argument("book", metavar="BOOK.xlsx")
    init.add_argument("--periode", default="2025-2029", metavar="AWAL-AKHIR",
                      help="tahun target pertama dan terakhir (bawaan 2025-2029; tahun 2000–2100, paling banyak "
                           "6 tahun); kondisi awal = tahun sebelumnya")
    init.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    from ..files import Files

    return Files(outputs=[args.book])


def run(args: argparse.Namespace) -> int:
    from ..rules.rencana import parse_periode
    from ..workbook import init

    years = parse_periode(args.periode)
    path = init(args.book, years[0] - 1, years)
    print(f"Selesai: '{path}' dibuat. Isi sheet 'Instansi' dan 'Data IKU', lalu jalankan: xl-iku regenerate \"{path}\"")
    return 0
