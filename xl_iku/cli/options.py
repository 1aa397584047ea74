"""Argument types shared by commands: checked as the arguments they are, before any file is read, with a message in
Bahasa Indonesia (argparse names the option: `Galat: isian --jobs: …`)."""

from __future__ import annotations

import argparse


def jobs(text: str) -> int:
    """--jobs N: a number of processes, 1 or more (left out: chosen from the number of files)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' bukan jumlah proses. Isi bilangan bulat 1 atau lebih, atau "
                                         "hilangkan opsi ini agar dipilih otomatis.")
    return value


def tahun(text: str) -> int:
    """--tahun YYYY: a year an IKU may plan for (`rules.rencana`); `--tahun 225` is a typo, never an empty roll-up."""
    from ..rules.rencana import FIRST_YEAR, LAST_YEAR  # here: every command's parser is built, few take --tahun

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tahun {FIRST_YEAR}–{LAST_YEAR}. Tulis tahunnya, "
                                         "misalnya 2025.")
    return value


def book_and_output(args: argparse.Namespace):
    """The files of a command that reads one workbook and writes one document beside it (`pk`, `lkjip`): its
    default output (BOOK_PK_YYYY.pdf) cannot be the book; an explicit -o may name it."""
    from ..files import Files

    return Files(inputs=[args.book], outputs=[args.output] if getattr(args, "output", None) else [])
