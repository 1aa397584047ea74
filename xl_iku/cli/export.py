"""`xl-iku export`."""

from __future__ import annotations

import argparse
import sys

from .progress import working


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="salinan untuk dibagikan: fungsi xl-iku diganti nilainya",
                                 description="Tulis salinan yang dapat dibuka siapa saja (Excel tanpa add-in, "
                                             "LibreOffice, ponsel): fungsi xl-iku diganti nilainya.")
    export.add_argument("book", metavar="BOOK.xlsx")
    export.add_argument("-o", "--output", required=True, metavar="SALINAN.xlsx")
    export.add_argument("--pdf", action="store_true", help="buat juga PDF sheet hasil di samping salinan")
    export.add_argument("--tanpa-input", action="store_true",
                        help="tanpa sheet isian (Instansi, Data IKU, Data SKM, AKIP); semua rumus jadi nilai")
    export.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    from pathlib import Path

    from ..files import Files

    outputs = [Path(args.output)] + ([Path(args.output).with_suffix(".pdf")] if args.pdf else [])
    return Files(inputs=[args.book], outputs=outputs)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..export import export

    if args.pdf:  # no LibreOffice: said before anything is written, not after the copy
        from ..pdf import soffice

        soffice()
    with working("Membuat salinan" + (" dan PDF" if args.pdf else "")):
        path = export(args.book, args.output, with_inputs=not args.tanpa_input)
        if args.pdf:
            from ..layout import is_generated
            from ..pdf import export_pdf

            try:
                export_pdf(path, path.with_suffix(".pdf"), is_generated)
            except InputError as error:
                raise InputError(f"Salinan sudah ditulis ke '{path}', tetapi PDF-nya tidak dibuat: {error}") from None
    if args.book.lower().endswith(".xlsm"):
        print(f"Peringatan: makro (VBA) tidak ikut tersalin ke '{path}': salinan untuk dibagikan tanpa makro.",
              file=sys.stderr)
    print(f"Selesai: salinan untuk dibagikan ditulis ke '{path}'" + (f" dan '{path.with_suffix('.pdf')}'."
                                                                      if args.pdf else "."))
    return 0
