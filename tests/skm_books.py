"""Survey data the product never saw: shuffled unsur columns, blanks, several periods and layanan, profiles."""

from __future__ import annotations

import datetime as dt
import random

from xl_iku import UNSUR_14_2017

LAYANAN = ["KTP", "Akta", "Izin Keramaian", "Surat Pindah"]


def survey_rows(seed: int, count: int = 240):
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        row = {
            "Tanggal": dt.datetime(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 730)),
            "Jenis Layanan": rng.choice(LAYANAN),
            "Jenis Kelamin": rng.choice(["Laki-laki", "Perempuan", None]),
            "Usia": rng.choice([17, 23, 35, 44, 58, 67, None]),
            "Pendidikan": rng.choice(["SD", "SMA", "D4/S1", "S2"]),
            "Pekerjaan": rng.choice(["PNS", "Swasta", "Petani/Nelayan"]),
        }
        for code, _ in UNSUR_14_2017:
            row[code] = rng.choice([1, 2, 3, 3, 3, 4, 4, None])
        rows.append(row)
    for code, _ in UNSUR_14_2017:  # every unsur answered in every layanan and period
        for j in range(0, count, 7):
            rows[j][code] = rows[j][code] or 3
    return rows


def write_survey(ws, rows, headers):
    for c, h in enumerate(headers, start=1):
        ws.cell(1, c, h)
        for r, row in enumerate(rows, start=2):
            ws.cell(r, c, row.get(h))


def ikm_by_hand(rows):
    """Per unsur: the mean of the answers given; IKM = mean of the NRR × 25 (exact weights)."""
    nrr = {}
    for code, _ in UNSUR_14_2017:
        given = [r[code] for r in rows if r.get(code) is not None]
        nrr[code] = sum(given) / len(given)
    return sum(nrr.values()) / len(nrr) * 25, nrr


def semester(date):
    return f"{date.year} Semester {'I' if date.month <= 6 else 'II'}"
