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

from xl_iku.layout.data_skm import data_skm_sheet
from xl_iku.rules.ikm import UNSUR_14_2017
from xl_iku.workbook import new_book

LAYANAN = ["Rekomendasi KTP/KK", "Surat Keterangan", "Izin Usaha Mikro", "Dispensasi Nikah", "Legalisasi Dokumen"]
PENDIDIKAN = ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2"]
PEKERJAAN = ["PNS", "TNI/Polri", "Swasta", "Wiraswasta", "Petani/Nelayan", "Pelajar/Mahasiswa", "Lainnya"]
# probability of answers 1..4 per unsur
LEANING = {
    "U1": (0.01, 0.06, 0.58, 0.35), "U2": (0.01, 0.08, 0.60, 0.31), "U3": (0.03, 0.17, 0.60, 0.20),
    "U4": (0.00, 0.02, 0.40, 0.58), "U5": (0.01, 0.07, 0.62, 0.30), "U6": (0.01, 0.05, 0.59, 0.35),
    "U7": (0.00, 0.04, 0.52, 0.44), "U8": (0.04, 0.16, 0.58, 0.22), "U9": (0.02, 0.11, 0.62, 0.25),
}


def respondents(count: int = 320, seed: int = 2025) -> list[dict]:
    """Rows for the Data SKM sheet: header → value."""
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 6)
    rows = []
    for _ in range(count):
        row = {"Tanggal": start + dt.timedelta(days=rng.randrange(0, 350)), "Jenis Layanan": rng.choice(LAYANAN),
               "Jenis Kelamin": rng.choice(["Laki-laki", "Perempuan"]), "Usia": rng.randint(18, 70),
               "Pendidikan": rng.choices(PENDIDIKAN, weights=(8, 14, 40, 10, 24, 4))[0],
               "Pekerjaan": rng.choices(PEKERJAAN, weights=(10, 2, 18, 22, 30, 8, 10))[0]}
        for code, _ in UNSUR_14_2017:
            answer = rng.choices((1, 2, 3, 4), weights=LEANING[code])[0]
            row[code] = None if rng.random() < 0.02 else answer
        rows.append(row)
    return rows


def main(out: str = str(Path(__file__).resolve().parent.parent / "workbooks" / "SKM_Wotu.xlsx")) -> None:
    new_book(out, [data_skm_sheet(respondents())])


if __name__ == "__main__":
    main(*sys.argv[1:2])
