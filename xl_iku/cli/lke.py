"""`xl-iku lke`: the office's own LKE scored as the Inspektorat will (PermenPANRB 88/2021), on the terminal."""

from __future__ import annotations

import argparse
import json

from . import options
from .progress import warn


def register(commands: argparse._SubParsersAction) -> None:
    lke = commands.add_parser("lke", help="penilaian mandiri AKIP dari sheet LKE",
                              description="Hitung Nilai AKIP penilaian mandiri dari sheet 'LKE' (PermenPANRB 88/2021): "
                                          "nilai per sub-komponen dan komponen, Nilai AKIP, predikat, prioritas "
                                          "perbaikan, dan kriteria yang belum dijawab. Buku kerja tidak diubah.")
    lke.add_argument("book", metavar="BOOK.xlsx")
    lke.add_argument("--tahun", type=options.tahun, metavar="YYYY", help="tahun yang dinilai (bawaan: tahun terakhir yang "
                                                                  "sudah berisi jawaban)")
    lke.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    lke.set_defaults(run=run, files=files)


def files(args: argparse.Namespace):
    from ..files import Files

    return Files(inputs=[args.book])


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..bookdata import lke_data
    from ..errors import SheetError

    lke, notes, instansi = lke_data(Path(args.book))
    years = sorted(lke.hasil)
    if not years:
        raise SheetError(lke.sheet.name, f"Sheet '{lke.sheet.name}' belum berisi jawaban. Isi kolom Jawaban (skala "
                         f"{lke.sheet.skala.label}), lalu jalankan lagi.", where="")
    tahun = years[-1] if args.tahun is None else args.tahun
    if tahun not in lke.hasil:
        raise SheetError(lke.sheet.name, f"Tahun {tahun} belum punya jawaban di sheet '{lke.sheet.name}'. Tahun yang "
                         f"berisi jawaban: {', '.join(map(str, years))}.", where="")
    hasil = lke.hasil[tahun]
    warn(note for note in notes if note.pesan.startswith(f"Tahun {tahun}:"))
    if args.json:
        print(json.dumps(result_json(tahun, hasil, lke.sheet.name), ensure_ascii=False))
    else:
        print(table(tahun, hasil, instansi, lke.sheet.name))
    return 0


def table(tahun: int, hasil, instansi: str, sheet: str) -> str:
    """The self-assessment as the Evaluasi AKIP sheet shows it, in plain text (numbers the Indonesian way)."""
    from ..rules.numbers import format_id

    def number(value) -> str:
        return "belum dinilai" if value is None else format_id(value)

    title = f"Evaluasi AKIP mandiri (LKE) tahun {tahun}" + (f" — {instansi}" if instansi else "")
    lines = [title, f"Sheet '{sheet}', skala jawaban {hasil.skala.label}", ""]
    lines.append(f"{'Kode':<5} {'Komponen / sub-komponen':<42} {'Bobot':>6} {'Kriteria':>9} {'Nilai':>14} "
                 f"{'% bobot':>8}")
    for k in hasil.komponen:
        lines.append(f"{k.komponen.no:<5} {k.komponen.nama[:42]:<42} {format_id(float(k.komponen.bobot)):>6} "
                     f"{sum(s.terjawab for s in k.subs):>4}/{sum(s.kriteria for s in k.subs):<4} {number(k.nilai):>14} "
                     f"{'' if k.nilai is None else format_id(float(k.poin / k.komponen.bobot * 100)):>8}")
        for s in k.subs:
            lines.append(f"{s.sub.kode:<5}   {s.sub.tipe:<40} {format_id(float(s.sub.bobot)):>6} "
                         f"{s.terjawab:>4}/{s.kriteria:<4} {number(s.nilai):>14} "
                         f"{'' if s.persen is None else format_id(s.persen):>8}")
    lines.append("")
    predikat = f" — predikat {hasil.predikat.code} ({hasil.predikat.label})" if hasil.predikat else ""
    lines.append(f"Nilai AKIP (penilaian mandiri): {number(hasil.nilai)}{predikat}")
    weakest = hasil.prioritas(3)
    if weakest:
        lines.append("Prioritas perbaikan: " + "; ".join(
            f"{s.sub.kode} {s.sub.tipe} {s.sub.nama.split('(', 1)[1].rstrip(')')} ({format_id(s.persen)} % bobot)"
            for s in weakest))
    if hasil.belum:
        lines.append(f"Belum dijawab ({len(hasil.belum)} kriteria): sheet '{sheet}' baris "
                     + ", ".join(str(k.baris) for k in hasil.belum))
    return "\n".join(lines)


def result_json(tahun: int, hasil, sheet: str) -> dict:
    """Components, sub-components, total, predikat and unanswered rows; values unrounded, absent ones null."""
    return {
        "tahun": tahun,
        "skala": hasil.skala.kode,
        "komponen": [{
            "kode": str(k.komponen.no), "nama": k.komponen.nama, "bobot": float(k.komponen.bobot), "nilai": k.nilai,
            "sub_komponen": [{"kode": s.sub.kode, "nama": s.sub.tipe, "bobot": float(s.sub.bobot),
                              "kriteria": s.kriteria, "terjawab": s.terjawab, "nilai": s.nilai, "persen": s.persen}
                             for s in k.subs]} for k in hasil.komponen],
        "nilai_akip": hasil.nilai,
        "predikat": hasil.predikat.code if hasil.predikat else None,
        "interpretasi": hasil.predikat.label if hasil.predikat else None,
        "prioritas": [s.sub.kode for s in hasil.prioritas(3)],
        "belum_dijawab": [{"sheet": sheet, "baris": k.baris, "kode": k.kode, "kriteria": k.kriteria}
                          for k in hasil.belum],
    }
