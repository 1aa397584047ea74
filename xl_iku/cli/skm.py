"""`xl-iku skm`."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError
from ..rules.numbers import format_id
from . import options
from .ikm import add_location_options, add_reader_options, reader_options, result_json
from .progress import progress_bar


def register(commands: argparse._SubParsersAction) -> None:
    skm = commands.add_parser("skm", help="olah satu atau banyak berkas survei SKM sekaligus",
                              description="Hitung IKM per berkas/unit/periode dan nilai gabungan dari seluruh "
                                          "responden. Berkas yang gagal dibaca dicatat, yang lain tetap diolah.")
    skm.add_argument("paths", nargs="+", metavar="PATH",
                     help="berkas survei (.xlsx/.xlsm/.xls/.ods/.csv) atau folder berisi berkas survei")
    add_location_options(skm)
    skm.add_argument("--periode", default="semester", choices=("semester", "triwulan", "tahun"),
                     help="pengelompokan menurut kolom Tanggal (bawaan: semester); kolom Periode dipakai apa adanya")
    skm.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    skm.add_argument("-o", "--output", metavar="RINGKASAN.xlsx", help="tulis buku kerja ringkasan")
    skm.add_argument("--csv", metavar="HASIL.csv", help="tulis tabel per berkas/unit/periode sebagai CSV (UTF-8, koma)")
    skm.add_argument("--jobs", type=options.jobs, default=0, metavar="N",
                     help="jumlah proses paralel (bawaan: semua inti bila berkas banyak)")
    add_reader_options(skm)
    skm.add_argument("--verbose", action="store_true",
                     help="sebutkan berkas di folder yang dilewati dan alasannya, dan rincian kesalahan program")
    skm.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    """Every survey read (folders expanded), so -o/--csv cannot land on one of them; each bad file is one failed
    row."""
    from ..batch import SURVEY_SUFFIXES, find_surveys
    from ..files import Files

    args.found = find_surveys(args.paths)  # the folders walked once: `run` reads what was found here
    return Files(inputs=args.found.files, outputs=[o for o in (args.output, args.csv) if o],
                 suffixes=SURVEY_SUFFIXES, check_inputs=False)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..batch import SURVEY_SUFFIXES, find_surveys, run_batch
    from ..many import FAULT_EXIT, failed_line, jobs_for

    found = getattr(args, "found", None) or find_surveys(args.paths)
    paths = found.files
    if not paths:
        raise InputError(f"Tidak ada berkas survei ({', '.join(SURVEY_SUFFIXES)}) di {', '.join(args.paths)}.")
    jobs = jobs_for(len(paths), args.jobs)
    with progress_bar(len(paths) if len(paths) >= 5 else 0, "Mengolah berkas", "berkas") as step:
        batch = run_batch(paths, args.sheet, args.periode, jobs, step, found=found,
                          read_options=dict(reader_options(args), cell_range=args.cell_range))
    if args.output and batch.groups:  # nothing processed is an error: nothing is written
        from ..layout.ringkasan_skm import ringkasan_skm
        from ..workbook import new_book

        new_book(args.output, ringkasan_skm(batch))
    if args.csv and batch.groups:
        from ..frames import batch_table, write_csv

        write_csv(batch_table(batch), args.csv)
    for outcome in batch.failed:
        print(failed_line(outcome.berkas, outcome.error), file=sys.stderr)
        if outcome.fault and args.verbose:
            print(outcome.fault.rstrip(), file=sys.stderr)
    for warning in batch.warnings:
        print(f"Peringatan: {warning}", file=sys.stderr)
    for outcome in batch.files:
        if outcome.left_out:
            print(f"{outcome.berkas}: tidak dihitung (bukan baris responden): {'; '.join(outcome.left_out)}",
                  file=sys.stderr)
    if args.verbose:
        for berkas, why in batch.skipped:
            print(f"Dilewati: {berkas}: {why}", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "berkas": [dict(berkas=g.berkas, unit=g.unit, periode=g.periode, **_group_json(g)) for g in batch.groups],
            "gabungan": result_json(batch.combined) if batch.combined else None,
            "gagal": [{"berkas": f.berkas, "alasan": f.error} for f in batch.failed],
        }, ensure_ascii=False))
    else:
        width = max([len(Path(g.berkas).name) for g in batch.groups] + [6])
        print(f"{'Berkas':<{width}}  {'Unit':<20}  {'Periode':<18}  {'Resp.':>6}  {'IKM':>6}  Mutu")
        for g in batch.groups:
            ikm, mutu = (format_id(g.result.ikm), g.result.category.code) if g.result else ("–", "–")
            print(f"{Path(g.berkas).name:<{width}}  {g.unit[:20]:<20}  {g.periode:<18}  {g.responden:>6}  "
                  f"{ikm:>6}  {mutu}")
        for g in batch.groups:
            if g.result is None:
                print(f"Catatan: {Path(g.berkas).name}, unit '{g.unit}', periode {g.periode}: tanpa IKM. "
                      f"{g.keterangan} Respondennya tetap dihitung dalam nilai berkas dan gabungan.")
        if batch.combined:
            c = batch.combined
            print(f"\nGabungan ({c.responden} responden dari {len(batch.files) - len(batch.failed)} berkas): "
                  f"IKM {format_id(c.ikm)}, mutu {c.category.code} ({c.category.label})")
        elif batch.combined_problem:
            print(f"\nNilai gabungan tidak dihitung: {batch.combined_problem}")
    if args.output and batch.groups:
        print(f"Ringkasan ditulis ke '{args.output}'.", file=sys.stderr if args.json else sys.stdout)
    if batch.faults:  # a fault of xl-iku, not of the files: said apart from them (module `many`)
        return FAULT_EXIT
    if not batch.groups:
        print(f"Galat: tidak ada berkas survei yang dapat diolah dari {', '.join(args.paths)}.", file=sys.stderr)
        return 2
    return 1 if batch.failed else 0


def _group_json(group) -> dict:
    """A row's figures; a group without IKM (an unsur nobody in it answered) has nulls and `keterangan`."""
    if group.result is not None:
        return result_json(group.result)
    return {"ikm": None, "mutu": None, "kinerja": None, "responden": group.responden, "unsur": [],
            "keterangan": group.keterangan}
