"""`xl-iku pdf`."""

from __future__ import annotations

import argparse



def register(commands: argparse._SubParsersAction) -> None:
    pdf = commands.add_parser("pdf", help="ekspor sheet hasil ke PDF (LibreOffice)",
                              description="Ekspor sheet hasil ke PDF melalui LibreOffice.")
    pdf.add_argument("book", metavar="BOOK.xlsx")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="bawaan: BOOK.pdf di samping buku kerja")
    pdf.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..layout import is_generated
    from ..pdf import export_pdf

    path = export_pdf(args.book, args.output, is_generated)
    print(f"Selesai: PDF ditulis ke '{path}'.")
    return 0
