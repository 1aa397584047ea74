"""`xl-iku pdf`."""

from __future__ import annotations

import argparse

from .progress import working


def register(commands: argparse._SubParsersAction) -> None:
    pdf = commands.add_parser("pdf", help="ekspor sheet hasil ke PDF (LibreOffice)",
                              description="Ekspor sheet hasil ke PDF melalui LibreOffice.")
    pdf.add_argument("book", metavar="BOOK.xlsx")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="bawaan: BOOK.pdf di samping buku kerja")
    pdf.add_argument("--dengan-catatan", action="store_true",
                     help="ikut cetak sheet Catatan (dan Gagal pada rekap); bawaan: hanya dokumennya")
    pdf.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    from pathlib import Path

    from ..files import Files

    return Files(inputs=[args.book], outputs=[args.output or Path(args.book).with_suffix(".pdf")])


def run(args: argparse.Namespace) -> int:
    from ..layout import is_printed
    from ..pdf import export_pdf

    # an office's workbook (its generated sheets) or a roll-up (its sheets): the documents, notes when asked
    with working("Membuat PDF (LibreOffice)"):
        path = export_pdf(args.book, args.output, lambda name: is_printed(name, args.dengan_catatan))
    print(f"Selesai: PDF ditulis ke '{path}'.")
    return 0
