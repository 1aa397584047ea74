"""`xl-iku regenerate`."""

from __future__ import annotations

import argparse

from .progress import warn, working


def register(commands: argparse._SubParsersAction) -> None:
    regen = commands.add_parser("regenerate", help="buat ulang sheet hasil (Tabel IKU, Penjelasan IKU, …)",
                                description="Buat ulang sheet hasil dari sheet isian 'Instansi' dan 'Data IKU' (serta "
                                            "'Data SKM', 'AKIP', 'Program', 'Skala Capaian' dan 'LKE' bila ada), "
                                            "termasuk 'PK TAHUN' untuk setiap tahun di 'Tahun PK', 'LKjIP TAHUN' "
                                            "untuk setiap tahun di 'Tahun LKjIP' dan 'Evaluasi AKIP TAHUN' untuk "
                                            "setiap tahun berjawaban di 'LKE'. Buku kerja tanpa sheet 'LKE' mendapat "
                                            "sheet itu (kriteria bawaan, belum dijawab). Sheet lain tidak diubah.")
    regen.add_argument("book", metavar="BOOK.xlsx")
    regen.add_argument("-o", "--output", metavar="OUT.xlsx", help="tulis ke berkas baru (bawaan: berkas itu sendiri)")
    regen.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    """Rewriting the book itself is what this command is for (`-o` naming the book is the same as no `-o`)."""
    from ..files import Files, same_file

    new = args.output and not same_file(args.output, args.book)
    return Files(inputs=[args.book], outputs=[args.output] if new else [])


def run(args: argparse.Namespace) -> int:
    from ..workbook import regenerate

    with working("Membuat ulang sheet hasil"):
        result = regenerate(args.book, args.output)
    warn(result.notes)
    for name in result.added:
        print(f"Sheet '{name}' ditambahkan (daftar kriteria LKE bawaan, belum dijawab): isi kolom Jawaban untuk "
              "penilaian mandiri AKIP.")
    plan = result.plan
    print(f"Selesai: sheet hasil ditulis ke '{result.path}' ({len(plan.indikator)} indikator, "
          f"{len(plan.tujuan())} tujuan, target {plan.tahun_target[0]}–{plan.tahun_target[-1]}; "
          f"{len(result.notes)} catatan).")
    return 0
