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

    ikm = commands.add_parser("ikm", help="hitung IKM dari buku kerja survei (SKM)",
                              description="Hitung IKM (PermenPANRB 14/2017) dari sheet jawaban survei.")
    ikm.add_argument("path", metavar="PATH", help="buku kerja survei (.xlsx/.xlsm/.xls/.ods)")
    ikm.add_argument("--sheet", help="nama sheet jawaban (bawaan: 'Data SKM', atau sheet pertama yang berjudul U1…U9)")
    ikm.add_argument("--range", dest="cell_range", metavar="A1:J100",
                     help="rentang jawaban; tanpa ini kolom unsur dicari dari judulnya")
    ikm.add_argument("--bobot", help="bobot lama untuk mencocokkan laporan lama (0,111 / 0,11 / 0,071)")
    ikm.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    ikm.set_defaults(run=_run_ikm)

    skm = commands.add_parser("skm", help="olah satu atau banyak berkas survei SKM sekaligus",
                              description="Hitung IKM per berkas/unit/periode dan nilai gabungan dari seluruh "
                                          "responden. Berkas yang gagal dibaca dicatat, yang lain tetap diolah.")
    skm.add_argument("paths", nargs="+", metavar="PATH", help="berkas survei atau folder berisi berkas survei")
    skm.add_argument("--sheet", help="nama sheet jawaban (bawaan: 'Data SKM' atau sheet berjudul U1…U9)")
    skm.add_argument("--periode", default="semester", choices=("semester", "triwulan", "tahun"),
                     help="pengelompokan menurut kolom Tanggal (bawaan: semester); kolom Periode dipakai apa adanya")
    skm.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    skm.add_argument("-o", "--output", metavar="RINGKASAN.xlsx", help="tulis buku kerja ringkasan")
    skm.add_argument("--jobs", type=int, default=0, metavar="N",
                     help="jumlah proses paralel (bawaan: semua inti bila berkas banyak)")
    skm.set_defaults(run=_run_skm)

    regen = commands.add_parser("regenerate", help="buat ulang sheet hasil (Tabel IKU, Penjelasan IKU, …)",
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

    export = commands.add_parser("export", help="salinan untuk dibagikan: fungsi xl-iku diganti nilainya",
                                 description="Tulis salinan yang dapat dibuka siapa saja (Excel tanpa add-in, "
                                             "LibreOffice, ponsel): fungsi xl-iku diganti nilainya.")
    export.add_argument("book", metavar="BOOK.xlsx")
    export.add_argument("-o", "--output", required=True, metavar="SALINAN.xlsx")
    export.add_argument("--pdf", action="store_true", help="buat juga PDF sheet hasil di samping salinan")
    export.add_argument("--tanpa-input", action="store_true",
                        help="tanpa sheet isian (Instansi, Data IKU, Data SKM, AKIP); semua rumus jadi nilai")
    export.set_defaults(run=_run_export)

    pdf = commands.add_parser("pdf", help="ekspor sheet hasil ke PDF (LibreOffice)",
                              description="Ekspor sheet hasil ke PDF melalui LibreOffice.")
    pdf.add_argument("book", metavar="BOOK.xlsx")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="bawaan: BOOK.pdf di samping buku kerja")
    pdf.set_defaults(run=_run_pdf)
    return parser


def _run_skm(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from .batch import run_batch, survey_files

    paths = survey_files(args.paths)
    if not paths:
        raise InputError("Tidak ada berkas survei (.xlsx, .xlsm, .xls, .ods) pada PATH yang diberikan.")
    jobs = args.jobs or (min(os.cpu_count() or 1, len(paths)) if len(paths) >= 8 else 1)
    batch = run_batch(paths, args.sheet, args.periode, jobs, _progress if len(paths) >= 5 else None)
    if args.output:
        from .layout.ringkasan_skm import ringkasan_skm
        from .workbook import new_book

        new_book(args.output, ringkasan_skm(batch))
    for outcome in batch.failed:
        print(f"Gagal: {outcome.berkas}: {outcome.error}", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "berkas": [dict(berkas=g.berkas, unit=g.unit, periode=g.periode, **_result_json(g.result))
                       for g in batch.groups],
            "gabungan": _result_json(batch.combined) if batch.combined else None,
            "gagal": [{"berkas": f.berkas, "alasan": f.error} for f in batch.failed],
        }, ensure_ascii=False))
    else:
        width = max([len(Path(g.berkas).name) for g in batch.groups] + [6])
        print(f"{'Berkas':<{width}}  {'Unit':<20}  {'Periode':<18}  {'Resp.':>6}  {'IKM':>6}  Mutu")
        for g in batch.groups:
            print(f"{Path(g.berkas).name:<{width}}  {g.unit[:20]:<20}  {g.periode:<18}  {g.result.responden:>6}  "
                  f"{format_id(g.result.ikm):>6}  {g.result.category.code}")
        if batch.combined:
            c = batch.combined
            print(f"\nGabungan ({c.responden} responden dari {len(paths) - len(batch.failed)} berkas): "
                  f"IKM {format_id(c.ikm)}, mutu {c.category.code} ({c.category.label})")
        elif batch.combined_problem:
            print(f"\nNilai gabungan tidak dihitung: {batch.combined_problem}")
    if args.output:
        print(f"Ringkasan ditulis ke '{args.output}'.", file=sys.stderr if args.json else sys.stdout)
    if not batch.groups:
        return 2
    return 1 if batch.failed else 0


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    end = "\n" if done == total else ""
    print(f"\rMengolah berkas {done}/{total} [{'#' * filled}{'.' * (width - filled)}]", end=end, file=sys.stderr,
          flush=True)


def _result_json(result) -> dict:
    return {
        "ikm": result.ikm,
        "mutu": result.category.code,
        "kinerja": result.category.label,
        "responden": result.responden,
        "unsur": [{"kode": u.kode, "nama": u.nama, "nrr": u.nrr, "n": u.n} for u in result.unsur],
    }


def _run_regenerate(args: argparse.Namespace) -> int:
    from .workbook import regenerate

    result = regenerate(args.book, args.output)
    for note in result.notes:
        print(f"Peringatan: {note.tempat}: {note.pesan}", file=sys.stderr)
    for item in result.lost:
        print(f"Peringatan: {item} tidak ikut tersalin ke '{result.path}'.", file=sys.stderr)
    plan = result.plan
    print(f"Selesai: sheet hasil ditulis ke '{result.path}' ({len(plan.indikator)} indikator, "
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


def _run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .export import export
    from .workbook import what_would_be_lost

    path = export(args.book, args.output, with_inputs=not args.tanpa_input, pdf=args.pdf)
    for item in what_would_be_lost(Path(args.book)):
        print(f"Peringatan: {item} tidak ikut tersalin ke '{path}'.", file=sys.stderr)
    print(f"Selesai: salinan untuk dibagikan ditulis ke '{path}'" + (f" dan '{path.with_suffix('.pdf')}'."
                                                                      if args.pdf else "."))
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
        print(json.dumps(_result_json(result), ensure_ascii=False))
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
