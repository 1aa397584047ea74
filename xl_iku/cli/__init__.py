"""`xl-iku …`: thin entry points over readers, rules, layout and writers, one module per command.

Staff-facing text is Bahasa Indonesia.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..errors import InputError
from . import export, ikm, init, pdf, pk, regenerate, skm

#: One module per command, in the order `--help` lists them; each registers its parser and `run`.
COMMANDS = (ikm, skm, regenerate, init, export, pdf, pk)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except InputError as error:
        print(f"Galat: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. the workbook is open in Excel on Windows, or the folder is read-only
        name = f" '{error.filename}'" if error.filename else ""
        print(f"Galat: berkas{name} tidak dapat dibaca atau ditulis ({error.strerror or error}). Tutup berkas itu "
              "di Excel bila sedang dibuka, periksa izin foldernya, lalu coba lagi. Berkas asli tidak diubah.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


class _Parser(argparse.ArgumentParser):
    """argparse speaks English; staff read its usage errors in Bahasa Indonesia."""

    _WORDS = (
        ("the following arguments are required", "argumen berikut wajib diisi"),
        ("unrecognized arguments", "argumen tidak dikenal"),
        ("invalid choice", "pilihan tidak sah"),
        ("choose from", "pilih dari"),
        ("expected one argument", "membutuhkan satu nilai"),
        ("invalid int value", "bukan bilangan bulat"),
        ("argument ", "isian "),
    )

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, indonesian in self._WORDS:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"Galat: {message}. Lihat: {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="xl-iku",
        description="IKU, IKM (SKM) dan Nilai AKIP untuk perangkat daerah, langsung dari buku kerja Excel.",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    for command in COMMANDS:
        command.register(commands)
    return parser
