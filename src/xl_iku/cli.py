"""`xl-iku …`: thin entry points over readers, rules, layout and writers. Staff-facing text is Bahasa Indonesia."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .errors import InputError
from .rules.numbers import format_id


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
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xl-iku",
        description="IKU, IKM (SKM) dan Nilai AKIP untuk perangkat daerah, langsung dari buku kerja Excel.",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")

    ikm = commands.add_parser("ikm", help="hitung IKM dari buku kerja survei (SKM)",
                              description="Hitung IKM (PermenPANRB 14/2017) dari sheet jawaban survei.")
    ikm.add_argument("path", metavar="PATH", help="buku kerja survei (.xlsx/.xlsm/.xls/.ods)")
    ikm.add_argument("--sheet", help="nama sheet jawaban (bawaan: 'Data SKM', atau sheet pertama yang berjudul U1…U9)")
    ikm.add_argument("--range", dest="cell_range", metavar="A1:J100",
                     help="rentang jawaban; tanpa ini kolom unsur dicari dari judulnya")
    ikm.add_argument("--bobot", help="bobot lama untuk mencocokkan laporan lama (0,111 / 0,11 / 0,071)")
    ikm.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    ikm.set_defaults(run=_run_ikm)

    regen = commands.add_parser("regenerate", help="buat ulang sheet Tabel IKU, Penjelasan IKU dan Catatan",
                                description="Buat ulang sheet hasil dari sheet 'Instansi' dan 'Data IKU'. Sheet lain "
                                            "tidak diubah.")
    regen.add_argument("book", metavar="BOOK.xlsx")
    regen.add_argument("-o", "--output", metavar="OUT.xlsx", help="tulis ke berkas baru (bawaan: berkas itu sendiri)")
    regen.set_defaults(run=_run_regenerate)

    init = commands.add_parser("init", help="buat buku kerja baru dengan sheet isian kosong",
                               description="Buat buku kerja baru berisi sheet 'Instansi' dan 'Data IKU' kosong.")
    init.add_argument("book", metavar="BOOK.xlsx")
    init.add_argument("--periode", default="2025-2029", metavar="AWAL-AKHIR",
                      help="tahun target pertama dan terakhir (bawaan 2025-2029); kondisi awal = tahun sebelumnya")
    init.set_defaults(run=_run_init)

    pdf = commands.add_parser("pdf", help="ekspor sheet hasil ke PDF (LibreOffice)",
                              description="Ekspor sheet hasil ke PDF melalui LibreOffice.")
    pdf.add_argument("book", metavar="BOOK.xlsx")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="bawaan: BOOK.pdf di samping buku kerja")
    pdf.set_defaults(run=_run_pdf)
    return parser


def _run_regenerate(args: argparse.Namespace) -> int:
    from .workbook import regenerate

    result = regenerate(args.book, args.output)
    for note in result.notes:
        print(f"Peringatan: sheet '{note.sheet}', sel {note.cell}: {note.pesan}", file=sys.stderr)
    for item in result.lost:
        print(f"Peringatan: {item} tidak ikut tersalin ke '{result.path}'.", file=sys.stderr)
    plan = result.plan
    print(f"Selesai: '{result.path}' diperbarui ({len(plan.indikator)} indikator, "
          f"{len(plan.tujuan())} tujuan, target {plan.tahun_target[0]}–{plan.tahun_target[-1]}; "
          f"{len(result.notes)} catatan).")
    return 0


def _run_init(args: argparse.Namespace) -> int:
    import re

    from .workbook import init

    match = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", args.periode)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise InputError(f"Periode '{args.periode}' tidak dikenali. Tulis seperti 2025-2029.")
    first, last = int(match.group(1)), int(match.group(2))
    path = init(args.book, first - 1, list(range(first, last + 1)))
    print(f"Selesai: '{path}' dibuat. Isi sheet 'Instansi' dan 'Data IKU', lalu jalankan: xl-iku regenerate \"{path}\"")
    return 0


def _run_pdf(args: argparse.Namespace) -> int:
    from .layout import GENERATED_SHEETS
    from .pdf import export_pdf

    path = export_pdf(args.book, args.output, GENERATED_SHEETS)
    print(f"Selesai: PDF ditulis ke '{path}'.")
    return 0


def _run_ikm(args: argparse.Namespace) -> int:
    from .readers.skm import read_survey, survey_summary

    table = read_survey(args.path, args.sheet, args.cell_range)
    result = survey_summary(table, weight=args.bobot)
    if args.json:
        print(json.dumps({
            "ikm": result.ikm,
            "mutu": result.category.code,
            "kinerja": result.category.label,
            "responden": result.responden,
            "unsur": [{"kode": u.kode, "nama": u.nama, "nrr": u.nrr, "n": u.n} for u in result.unsur],
        }, ensure_ascii=False))
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
