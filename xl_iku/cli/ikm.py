"""`xl-iku ikm`."""

from __future__ import annotations

import argparse
import json

from ..rules.numbers import format_id


def register(commands: argparse._SubParsersAction) -> None:
    ikm = commands.add_parser("ikm", help="hitung IKM dari buku kerja survei (SKM)",
                              description="Hitung IKM (PermenPANRB 14/2017) dari sheet jawaban survei.")
    ikm.add_argument("path", metavar="PATH", help="buku kerja survei (.xlsx/.xlsm/.xls/.ods)")
    ikm.add_argument("--sheet", help="nama sheet jawaban (bawaan: 'Data SKM', atau sheet pertama yang berjudul U1…U9)")
    ikm.add_argument("--range", dest="cell_range", metavar="A1:J100",
                     help="rentang jawaban; tanpa ini kolom unsur dicari dari judulnya")
    ikm.add_argument("--bobot", help="bobot lama untuk mencocokkan laporan lama (0,111 / 0,11 / 0,071)")
    ikm.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    ikm.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..readers.skm import read_survey, survey_summary

    table = read_survey(args.path, args.sheet, args.cell_range)
    result = survey_summary(table, weight=args.bobot)
    if args.json:
        print(json.dumps(result_json(result), ensure_ascii=False))
        return 0
    print(f"Survei Kepuasan Masyarakat: {args.path} (sheet '{table.sheet}')")
    print(f"Responden: {result.responden}    Bobot per unsur: {format_id(result.bobot, 4)}")
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
