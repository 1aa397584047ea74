"""Survey files written the way offices' sources write them, from numeric respondents (not real people).

- a form service's export (Google Forms and the like): `Stempel waktu`, profile questions, the questionnaire's
  questions as headers (sarana asked before pengaduan), answers as the questionnaire's words, sometimes with the
  option letter, in other capitalisation or a common variant; a free-text `Saran dan masukan` column; as .xlsx, or
  as .csv (comma or semicolon, with or without BOM, day-first timestamps as text);
- an SKM web application's export: title rows, a respondent label column, 0 for a missing answer, and summary rows
  with formulas below the table;
- a paper-entry sheet: numbers and words mixed, as staff type them from the forms.

`python tools/make_form_sample.py [OUT.xlsx]` writes workbooks/SKM_Wotu_Formulir.xlsx: the respondents of
workbooks/SKM_Wotu.xlsx as a form service exports them (the two give the same IKM). The test suite builds its
fixtures with the same functions.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook

from xl_iku.rules.answers import GENERIC_LABELS, OFFICIAL_LABELS
from xl_iku.rules.ikm import UNSUR_14_2017

CODES = [code for code, _ in UNSUR_14_2017]
#: The questionnaire of PermenPANRB 14/2017 in its own order: sarana (U9) is asked before pengaduan (U8).
QUESTIONS = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
          "pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
}
#: The form's profile questions and the Data SKM column each fills.
PROFILE_QUESTIONS = (("Jenis kelamin", "Jenis Kelamin"), ("Usia (tahun)", "Usia"),
                     ("Pendidikan terakhir", "Pendidikan"), ("Pekerjaan utama", "Pekerjaan"),
                     ("Jenis layanan yang diterima", "Jenis Layanan"))
VARIANTS = {("U7", 4): "Sangat sopan dan sangat ramah", ("U7", 1): "Tidak sopan dan tidak ramah",
            ("U8", 2): "Ada tapi tidak berfungsi"}
SARAN = ["", "", "", "Antrean agar lebih tertib", "Ruang tunggu perlu kipas angin", "Pelayanan sudah baik"]


def answer_text(code: str, value: int | None, rng: random.Random, generic: bool = False) -> str:
    """One answer as a respondent's form records it; "" when not answered."""
    if value is None:
        return ""
    label = (GENERIC_LABELS if generic else OFFICIAL_LABELS[code])[value - 1]
    style = rng.random()
    if (code, value) in VARIANTS and style < 0.5:
        return VARIANTS[(code, value)]
    if style < 0.3:
        return f"{'abcd'[value - 1]}. {label}"
    if style < 0.4:
        return label.upper()
    return label


def form_table(rows: list[dict], seed: int = 1, generic: bool = False) -> tuple[list[str], list[list]]:
    """Headers and rows of a form service's response sheet, from rows of Data SKM values (header → value)."""
    rng = random.Random(seed)
    headers = ["Stempel waktu"] + [q for q, _ in PROFILE_QUESTIONS] + list(QUESTIONS.values()) + ["Saran dan masukan"]
    table = []
    for row in rows:
        stamp = row["Tanggal"] + dt.timedelta(hours=rng.randint(8, 15), minutes=rng.randint(0, 59),
                                              seconds=rng.randint(0, 59))
        table.append([stamp] + [row.get(name) for _, name in PROFILE_QUESTIONS]
                     + [answer_text(code, row[code], rng, generic) for code in QUESTIONS] + [rng.choice(SARAN)])
    return headers, table


def write_form_xlsx(path: str | Path, rows: list[dict], seed: int = 1, generic: bool = False) -> Path:
    headers, table = form_table(rows, seed, generic)
    book = Workbook()
    sheet = book.active
    sheet.title = "Jawaban Formulir 1"
    sheet.append(headers)
    for line in table:
        sheet.append([v if v != "" else None for v in line])
    for cell in sheet["A"][1:]:
        cell.number_format = "DD/MM/YYYY HH:MM:SS"
    book.save(path)
    return Path(path)


def write_form_csv(path: str | Path, rows: list[dict], delimiter: str = ",", bom: bool = False,
                   seed: int = 1) -> Path:
    """As a form service in Indonesian writes its CSV: day-first timestamps as text, every value as text."""
    headers, table = form_table(rows, seed)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        for line in table:
            writer.writerow([line[0].strftime("%d/%m/%Y %H:%M:%S")] + ["" if v is None else v for v in line[1:]])
    return Path(path)


def write_webapp(path: str | Path, rows: list[dict], unit: str = "Kecamatan Wotu") -> Path:
    """An SKM web application's export: title rows, `Responden n` labels, 0 for a missing answer, summary formulas."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Rekap SKM"
    sheet.append(["REKAPITULASI SURVEI KEPUASAN MASYARAKAT"])
    sheet.append([f"Unit Pelayanan: {unit}"])
    sheet.append(["Periode: Januari – Desember 2025"])
    sheet.append([])
    sheet.append(["No", "Responden"] + CODES)
    first = sheet.max_row + 1
    for n, row in enumerate(rows, start=1):
        sheet.append([n, f"Responden {n}"] + [row[code] if row[code] is not None else 0 for code in CODES])
    last = sheet.max_row
    letters = "CDEFGHIJK"
    sheet.append([None, "Jumlah Nilai / Unsur"] + [f"=SUM({c}{first}:{c}{last})" for c in letters])
    sheet.append([None, "Rata-Rata / Unsur"] + [f"=AVERAGE({c}{first}:{c}{last})" for c in letters])
    sheet.append([None, "Rata-Rata Tertimbang / Unsur"] + [f"={c}{last + 2}*0.111" for c in letters])
    sheet.append([None, "IKM UNIT PELAYANAN", f"=SUM(C{last + 3}:K{last + 3})*25"])
    return _saved(book, path)


def write_paper(path: str | Path, rows: list[dict], seed: int = 3) -> Path:
    """A paper-entry sheet: Data SKM columns, answers typed as numbers or as the form's words, as staff go."""
    rng = random.Random(seed)
    book = Workbook()
    sheet = book.active
    sheet.title = "Data SKM"
    sheet.append(["Tanggal", "Jenis Layanan"] + CODES)
    for row in rows:
        answers = [row[code] if rng.random() < 0.5 else answer_text(code, row[code], rng) or None for code in CODES]
        sheet.append([row["Tanggal"], row["Jenis Layanan"]] + answers)
    return _saved(book, path)


def _saved(book: Workbook, path: str | Path) -> Path:
    book.save(path)
    return Path(path)


def main(out: str = str(Path(__file__).resolve().parent.parent / "workbooks" / "SKM_Wotu_Formulir.xlsx")) -> None:
    from make_sample_skm import respondents

    write_form_xlsx(out, respondents())


if __name__ == "__main__":
    main(*sys.argv[1:2])
