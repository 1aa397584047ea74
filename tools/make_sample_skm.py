"""Write workbooks/SKM_Wotu.xlsx: a generated but plausible SKM survey for Kecamatan Wotu (seeded, reproducible).

Not real respondents. Answers lean to 3 with per-unsur differences (waktu penyelesaian and pengaduan weaker, as
kecamatan surveys typically show), about 2 % blanks, two semesters of 2025 and the kecamatan's usual services.
Run: python tools/make_sample_skm.py [OUT.xlsx]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from xl_iku.rules.ikm import UNSUR_14_2017

LAYANAN = ["Rekomendasi KTP/KK", "Surat Keterangan", "Izin Usaha Mikro", "Dispensasi Nikah", "Legalisasi Dokumen"]
PENDIDIKAN = ["SD", "SMP", "SMA", "D3", "S1", "S2"]
PEKERJAAN = ["PNS", "TNI/Polri", "Swasta", "Wiraswasta", "Petani", "Pelajar/Mahasiswa", "Lainnya"]
# probability of answers 1..4 per unsur
LEANING = {
    "U1": (0.01, 0.06, 0.58, 0.35), "U2": (0.01, 0.08, 0.60, 0.31), "U3": (0.03, 0.17, 0.60, 0.20),
    "U4": (0.00, 0.02, 0.40, 0.58), "U5": (0.01, 0.07, 0.62, 0.30), "U6": (0.01, 0.05, 0.59, 0.35),
    "U7": (0.00, 0.04, 0.52, 0.44), "U8": (0.04, 0.16, 0.58, 0.22), "U9": (0.02, 0.11, 0.62, 0.25),
}


def main(out: str = "workbooks/SKM_Wotu.xlsx", respondents: int = 320, seed: int = 2025) -> None:
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Data SKM"
    header = ["No", "Tanggal", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]
    header += [code for code, _ in UNSUR_14_2017]
    ws.append(header)
    for cell, (code, name) in zip(ws[1][7:], UNSUR_14_2017):
        cell.comment = Comment(f"{code}: {name}", "xl-iku")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    start = dt.date(2025, 1, 6)
    for n in range(1, respondents + 1):
        day = start + dt.timedelta(days=rng.randrange(0, 350))
        row = [n, day, rng.choice(LAYANAN), rng.choice(["Laki-laki", "Perempuan"]), rng.randint(18, 70),
               rng.choices(PENDIDIKAN, weights=(8, 14, 40, 10, 24, 4))[0],
               rng.choices(PEKERJAAN, weights=(10, 2, 18, 22, 30, 8, 10))[0]]
        for code, _ in UNSUR_14_2017:
            answer = rng.choices((1, 2, 3, 4), weights=LEANING[code])[0]
            row.append(None if rng.random() < 0.02 else answer)
        ws.append(row)
        ws.cell(ws.max_row, 2).number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFG", (6, 12, 22, 14, 7, 12, 18)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "H2"
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:2])
