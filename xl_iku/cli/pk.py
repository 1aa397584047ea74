"""`xl-iku pk`."""

from __future__ import annotations

import argparse

from . import options
from .progress import warn


def register(commands: argparse._SubParsersAction) -> None:
    pk = commands.add_parser("pk", help="Perjanjian Kinerja satu tahun sebagai PDF",
                             description="Tulis Perjanjian Kinerja (PermenPANRB 53/2014) satu tahun sebagai PDF dari "
                                         "sheet isian. Buku kerja tidak diubah.")
    pk.add_argument("book", metavar="BOOK.xlsx")
    pk.add_argument("--tahun", required=True, type=options.tahun, metavar="YYYY", help="tahun yang punya target di Data IKU")
    pk.add_argument("-o", "--output", metavar="FILE.pdf", help="bawaan: BOOK_PK_YYYY.pdf di samping buku kerja")
    pk.set_defaults(run=run, files=options.book_and_output)


def run(args: argparse.Namespace) -> int:
    from ..pdf import pk_pdf

    path, notes = pk_pdf(args.book, args.tahun, args.output)
    warn(notes)
    print(f"Selesai: Perjanjian Kinerja {args.tahun} ditulis ke '{path}'.")
    return 0
