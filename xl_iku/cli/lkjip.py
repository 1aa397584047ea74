"""`xl-iku lkjip`."""

from __future__ import annotations

import argparse

from .progress import warn


def register(commands: argparse._SubParsersAction) -> None:
    lkjip = commands.add_parser("lkjip", help="tabel LKjIP (BAB III) satu tahun sebagai PDF",
                                description="Tulis tabel Laporan Kinerja Instansi Pemerintah (BAB III, PermenPANRB "
                                            "53/2014) satu tahun sebagai PDF dari sheet isian: capaian kinerja, "
                                            "perbandingan dengan tahun sebelumnya, target akhir Renstra, standar "
                                            "nasional, realisasi anggaran. Buku kerja tidak diubah.")
    lkjip.add_argument("book", metavar="BOOK.xlsx")
    lkjip.add_argument("--tahun", required=True, type=int, metavar="YYYY",
                       help="tahun yang punya realisasi, di dalam Periode")
    lkjip.add_argument("-o", "--output", metavar="FILE.pdf", help="bawaan: BOOK_LKjIP_YYYY.pdf di samping buku kerja")
    lkjip.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    """The default output (BOOK_LKjIP_YYYY.pdf) cannot be the book; an explicit -o may name it."""
    from ..files import Files

    return Files(inputs=[args.book], outputs=[args.output] if args.output else [])


def run(args: argparse.Namespace) -> int:
    from ..pdf import lkjip_pdf

    path, notes = lkjip_pdf(args.book, args.tahun, args.output)
    warn(notes)
    print(f"Selesai: tabel LKjIP {args.tahun} ditulis ke '{path}'.")
    return 0
