"""`xl-iku lkjip`."""

from __future__ import annotations

import argparse

from . import options
from .progress import warn


def register(commands: argparse._SubParsersAction) -> None:
    lkjip = commands.add_parser("lkjip", help="tabel LKjIP (BAB III) satu tahun sebagai PDF",
                                description="Tulis tabel Laporan Kinerja Instansi Pemerintah (BAB III, PermenPANRB "
                                            "53/2014) satu tahun sebagai PDF dari sheet isian: capaian kinerja, "
                                            "perbandingan dengan tahun sebelumnya, target akhir Renstra, standar "
                                            "nasional, realisasi anggaran. Buku kerja tidak diubah.")
    lkjip.add_argument("book", metavar="BOOK.xlsx")
    lkjip.add_argument("--tahun", required=True, type=options.tahun, metavar="YYYY",
                       help="tahun yang punya realisasi, di dalam Periode")
    lkjip.add_argument("-o", "--output", metavar="FILE.pdf", help="bawaan: BOOK_LKjIP_YYYY.pdf di samping buku kerja")
    lkjip.set_defaults(run=run, files=options.book_and_output)


def run(args: argparse.Namespace) -> int:
    from ..pdf import lkjip_pdf

    path, notes = lkjip_pdf(args.book, args.tahun, args.output)
    warn(notes)
    print(f"Selesai: tabel LKjIP {args.tahun} ditulis ke '{path}'.")
    return 0
