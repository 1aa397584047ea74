"""`xl-iku rekap`: the kabupaten roll-up of many offices' workbooks."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import FileError, InputError
from ..rules.numbers import format_id
from . import options
from .progress import progress_bar


def register(commands: argparse._SubParsersAction) -> None:
    rekap = commands.add_parser("rekap", help="rekap IKU, IKM dan Nilai AKIP banyak perangkat daerah",
                                description="Satukan buku kerja IKU banyak perangkat daerah menjadi satu buku kerja "
                                            "rekap (Rekap Instansi, Rekap Indikator, Rekap Unsur, Rekap LKE bila "
                                            "ada, Gagal). Berkas sumber hanya dibaca, tidak diubah.")
    rekap.add_argument("paths", nargs="+", metavar="PATH",
                       help="buku kerja IKU atau folder berisi buku kerja (termasuk subfolder)")
    rekap.add_argument("-o", "--output", metavar="REKAP.xlsx", help="tulis buku kerja rekap")
    rekap.add_argument("--tahun", type=options.tahun, metavar="YYYY",
                       help="tahun realisasi, AKIP dan survei (bawaan: tahun terakhir yang punya realisasi)")
    rekap.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    rekap.add_argument("--jobs", type=options.jobs, default=0, metavar="N",
                       help="jumlah proses paralel (bawaan: semua inti bila berkas banyak)")
    rekap.add_argument("--verbose", action="store_true", help="sebutkan berkas di folder yang dilewati dan alasannya, dan rincian kesalahan program")
    rekap.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    """Every workbook the roll-up may read (folders expanded), so -o cannot land on one of them; each bad file is one
    row of `Gagal`. An earlier roll-up is never read, so -o may be one: only a file that is the output is opened to
    tell (opening all of them here cost ~0.1 s for 200 files, and the workers look at each again)."""
    from ..files import Files, same_file
    from ..rekap import BOOK_SUFFIXES, find_books, is_rekap_workbook

    output = args.output
    args.found = find_books(args.paths)  # the folders walked once: `run` reads what was found here
    return Files(inputs=[p for p in args.found.files
                         if not (output and same_file(p, output) and is_rekap_workbook(p))],
                 outputs=[output] if output else [], suffixes=BOOK_SUFFIXES, check_inputs=False)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..many import FAULT_EXIT
    from ..rekap import build, find_books, is_rekap_workbook, records, rekap_json, summarise_all

    if not args.output and not args.json:
        raise InputError("Sebutkan berkas hasil (-o REKAP.xlsx) atau --json.")
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() != ".xlsx":
        raise FileError(output, f"'{output.name}': buku kerja rekap harus berakhiran .xlsx.", reason=FileError.WRONG_KIND)
    if output is not None and output.exists() and not is_rekap_workbook(output):
        raise FileError(output, f"'{output}' sudah ada dan bukan buku kerja rekap: tidak ditimpa. Pilih nama lain "
                        "untuk -o.", reason=FileError.EXISTS)
    found = getattr(args, "found", None) or find_books(args.paths)
    found = found.without([output]) if output is not None else found  # the roll-up being written is never read
    if not found.files and not found.unlisted:
        raise InputError(f"Tidak ada buku kerja (.xlsx atau .xlsm) di {', '.join(args.paths)}.")
    count = len(found.files)
    with progress_bar(count if count >= 5 else 0, "Membaca berkas", "berkas") as step:
        summaries, skipped = summarise_all(found, args.jobs, step, meanwhile=lambda: _imports(output))
    if all(s.error for s in summaries) and any(s.fault for s in summaries):  # nothing to roll up, by our fault
        _failed(summaries, args.verbose)
        return FAULT_EXIT
    result = build(summaries, args.tahun, skipped)
    if output is not None:
        from ..layout.rekap import rekap_layouts
        from ..workbook import new_book

        new_book(output, rekap_layouts(result))
    for berkas, why in result.skipped:
        print(f"Dilewati: {berkas} ({why})", file=sys.stderr)
    for berkas, why in found.skipped if args.verbose else ():  # what a folder holds besides workbooks, as skm
        print(f"Dilewati: {berkas} ({why})", file=sys.stderr)
    _failed(summaries, args.verbose)
    if args.json:
        print(json.dumps(rekap_json(result), ensure_ascii=False))
    else:
        print(f"Rekap tahun {result.tahun}: {len(result.instansi)} instansi, {len(result.gagal)} berkas gagal.")
        for row in records(result.instansi):
            ikm = f"IKM {format_id(row['IKM'])} ({row['Mutu']})" if row["IKM"] is not None else "IKM -"
            akip = f"AKIP {format_id(row['Nilai AKIP'])} ({row['Predikat']})" if row["Nilai AKIP"] is not None \
                else "AKIP -"
            print(f"{row['Peringkat'] or '-':>3}. {row['Instansi']}: {ikm}, {akip}, "
                  f"{row['Indikator tercapai']}/{row['Indikator']} indikator tercapai")
        if result.pooled is not None:
            print(f"Gabungan ({result.pooled.responden} responden): IKM {format_id(result.pooled.ikm)}, mutu "
                  f"{result.pooled.category.code}")
    if output is not None:
        print(f"Rekap ditulis ke '{output}'.", file=sys.stderr if args.json else sys.stdout)
    if any(s.fault for s in summaries):  # a fault of xl-iku, not of the files (module `many`)
        return FAULT_EXIT
    return 1 if result.gagal else 0


def _failed(summaries, verbose: bool) -> None:
    from ..many import failed_line

    for summary in summaries:
        if summary.error:
            print(failed_line(summary.berkas, summary.error), file=sys.stderr)
        if summary.fault and verbose:
            print(summary.fault.rstrip(), file=sys.stderr)


def _imports(output) -> None:
    """What the tables (pandas) and the workbook (openpyxl, the layouts) need, imported while the workers read."""
    import pandas  # noqa: F401

    if output is not None:
        from .. import workbook  # noqa: F401
        from ..layout import rekap  # noqa: F401
