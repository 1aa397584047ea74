"""`xl-iku ikm`."""

from __future__ import annotations

import argparse
import json
import sys

from ..rules.numbers import format_id


def register(commands: argparse._SubParsersAction) -> None:
    ikm = commands.add_parser("ikm", help="hitung IKM dari buku kerja survei (SKM)",
                              description="Hitung IKM (PermenPANRB 14/2017) dari sheet jawaban survei.")
    ikm.add_argument("path", metavar="PATH", help="buku kerja survei (.xlsx/.xlsm/.xls/.ods) atau ekspor .csv")
    add_location_options(ikm)
    ikm.add_argument("--bobot", type=_bobot, help="bobot lama untuk mencocokkan laporan lama (0,111 / 0,11 / 0,071)")
    ikm.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    add_reader_options(ikm)
    ikm.add_argument("--verbose", action="store_true",
                     help="tampilkan kolom mana dibaca sebagai unsur/profil dan baris yang tidak dihitung")
    ikm.set_defaults(run=run, files=files, acyclic=True)


def files(args: argparse.Namespace):
    from ..files import Files
    from ..readers.sources import SURVEY_SUFFIXES

    return Files(inputs=[args.path], suffixes=SURVEY_SUFFIXES)


def _bobot(text: str) -> float | None:
    """--bobot is checked as the argument it is, before any sheet is read (its message names no sheet)."""
    from ..errors import InputError
    from ..rules.ikm import parse_bobot

    try:
        return parse_bobot(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_location_options(parser: argparse.ArgumentParser) -> None:
    """Where the answers are: the same options for `ikm` and `skm` (the reader's messages suggest them)."""
    parser.add_argument("--sheet",
                        help="nama sheet jawaban (bawaan: 'Data SKM', atau sheet pertama yang berjudul U1…U9)")
    parser.add_argument("--range", dest="cell_range", metavar="A1:J100",
                        help="rentang jawaban; tanpa ini kolom unsur dicari dari judulnya")


def add_reader_options(parser: argparse.ArgumentParser) -> None:
    """How survey answers are read, shared by `ikm` and `skm`."""
    parser.add_argument("--nol-kosong", dest="zero_blank", action="store_true",
                        help="baca jawaban 0 sebagai tidak dijawab (ekspor aplikasi SKM yang menulis 0 untuk kosong)")
    parser.add_argument("--unsur-sendiri", dest="other_unsur", action="store_true",
                        help="survei kantor memakai unsur selain sembilan unsur PermenPANRB 14/2017; "
                             "bobot tiap unsur 1/jumlah unsur yang ditemukan")


def reader_options(args: argparse.Namespace) -> dict:
    return {"zero_blank": args.zero_blank, "other_unsur": args.other_unsur}


def describe_reading(table, verbose: bool, out) -> None:
    """What the header row was read as (--verbose), and the rows left out below the table (always)."""
    if verbose:
        print(f"Judul kolom (sheet '{table.sheet}'):", file=out)
        for letter, header, target, rule in table.matched:
            print(f"  {letter:>3}  {header}  →  {target or 'tidak dipakai'}" + (f"  [{rule}]" if rule else ""),
                  file=out)
        for note in table.notes:
            print(f"  {note}", file=out)
        if table.zero_blank:
            print("  Jawaban 0 dibaca sebagai tidak dijawab (--nol-kosong).", file=out)
    if table.left_out:
        print(f"Tidak dihitung (bukan baris responden, di bawah tabel jawaban): {'; '.join(table.left_out)}", file=out)


def run(args: argparse.Namespace) -> int:
    from ..model.survey import survey_summary
    from ..readers.skm import read_survey

    table = read_survey(args.path, args.sheet, args.cell_range, **reader_options(args))
    result = survey_summary(table, weight=args.bobot)
    if args.json:
        describe_reading(table, args.verbose, sys.stderr)  # stdout holds only the JSON
        print(json.dumps(result_json(result), ensure_ascii=False))
        return 0
    print(f"Survei Kepuasan Masyarakat: {args.path} (sheet '{table.sheet}')")
    describe_reading(table, args.verbose, sys.stdout)
    share = f" (1/{len(result.unsur)})" if args.bobot is None else ""
    print(f"Responden: {result.responden}    Bobot per unsur: {format_id(result.bobot, 4)}{share}")
    print()
    width = max(len(f"{u.kode} {u.nama}") for u in result.unsur)
    print(f"{'Unsur':<{width}}  {'n':>6}  {'NRR':>6}  {'NRR tertimbang':>14}")
    for u in result.unsur:
        print(f"{u.kode + ' ' + u.nama:<{width}}  {u.n:>6}  {format_id(u.nrr, 3):>6}  {format_id(u.nrr_tertimbang, 4):>14}")
    print()
    print(f"IKM: {format_id(result.ikm)}    Mutu: {result.category.code}    Kinerja: {result.category.label}")
    weakest = ", ".join(f"{u.kode} {u.nama} ({format_id(u.nrr, 3)})" for u in result.weakest(3))
    print(f"Unsur terlemah: {weakest}")
    return 0


def result_json(result) -> dict:
    return {
        "ikm": result.ikm,
        "mutu": result.category.code,
        "kinerja": result.category.label,
        "responden": result.responden,
        "unsur": [{"kode": u.kode, "nama": u.nama, "nrr": u.nrr, "n": u.n} for u in result.unsur],
    }
