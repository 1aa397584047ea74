"""`xl-iku init`."""

from __future__ import annotations

import argparse

from ..errors import InputError


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="buat buku kerja baru dengan sheet isian kosong",
                               description="Buat buku kerja baru berisi sheet 'Instansi' dan 'Data IKU' kosong.")
    init.add_argument("book", metavar="BOOK.xlsx")
    init.add_argument("--periode", default="2025-2029", metavar="AWAL-AKHIR",
                      help="tahun target pertama dan terakhir (bawaan 2025-2029); kondisi awal = tahun sebelumnya")
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import re

    from ..workbook import init

    match = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", args.periode)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise InputError(f"Periode '{args.periode}' tidak dikenali. Tulis seperti 2025-2029.")
    first, last = int(match.group(1)), int(match.group(2))
    path = init(args.book, first - 1, list(range(first, last + 1)))
    print(f"Selesai: '{path}' dibuat. Isi sheet 'Instansi' dan 'Data IKU', lalu jalankan: xl-iku regenerate \"{path}\"")
    return 0
