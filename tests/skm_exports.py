"""Survey exports of the applications offices run, made here from the shapes' rules (no application's file is copied):
a database table exported as CSV (phpMyAdmin: every field quoted, NULL for an empty field, timestamps
``2019-10-11 09:36:56``, numbered question columns with some never used), ``Unsur N`` headers, a group header over
unlabeled answer columns, a results table (NRR tertimbang per unit), a template with no respondents.

Each builder takes `skm_books.survey_rows` (answers 1–4 or None, a date, a layanan, profiles) so every test can
compare the IKM with `skm_books.ikm_by_hand`.
"""

from __future__ import annotations

import csv

import openpyxl

from xl_iku import UNSUR_14_2017

CODES = [c for c, _ in UNSUR_14_2017]


def database_csv(path, rows, prefix="pertanyaan", total=10, date_header="created_at", start=None, delimiter=","):
    """A database table as phpMyAdmin exports it: id, profile fields, `prefix`1 … `prefix`<total> (only the first
    nine ever filled: the others NULL throughout), a suggestion, the row's creation time, and trailing fields."""
    start = start or []
    headers = (["id"] + start + ["nama", "jenkel", "usia", "pendidikan"]
               + [f"{prefix}{i}" for i in range(1, total + 1)] + ["saran", date_header, "updated_at",
                                                                   "jenisPelayanan"])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write(delimiter.join(f'"{h}"' for h in headers) + "\r\n")
        for number, row in enumerate(rows, start=1):
            stamp = row["Tanggal"].strftime("%Y-%m-%d %H:%M:%S")
            answers = [row[c] for c in CODES] + [None] * (total - len(CODES))
            fields = ([number] + [None] * len(start) + [None, row["Jenis Kelamin"], row["Usia"], row["Pendidikan"]]
                      + answers + [None, stamp, stamp, row["Jenis Layanan"]])
            handle.write(delimiter.join("NULL" if v is None else f'"{v}"' for v in fields) + "\r\n")
    return path


def unsur_n_xlsx(path, rows, style="Unsur {n}"):
    """Answer columns headed ``Unsur 1`` … (or ``Unsur-1``, ``UNSUR1``), after a date and a layanan."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responden"
    ws.append(["No", "Tanggal", "Jenis Layanan"] + [style.format(n=i) for i in range(1, len(CODES) + 1)])
    for number, row in enumerate(rows, start=1):
        ws.append([number, row["Tanggal"], row["Jenis Layanan"]] + [row[c] for c in CODES])
    wb.save(path)
    return path


def group_header_xlsx(path, rows, label="NILAI UNSUR", merged=True, numbering=False, title=True):
    """A web application's report: a title row, then No / Tanggal / Jenis Layanan (merged over two header rows when
    there is a numbering row) and one group header over nine unlabeled answer columns (merged, or followed by blank
    cells), optionally a row numbering them 1 … 9, then the respondents and a total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    top = 1
    if title:
        ws["A1"] = "DATA HASIL SURVEI KEPUASAN MASYARAKAT"
        top = 3
    for column, text in enumerate(["No", "Tanggal", "Jenis Layanan"], start=1):
        ws.cell(top, column, text)
        if numbering:
            ws.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    ws.cell(top, 4, label)
    if merged:
        ws.merge_cells(start_row=top, start_column=4, end_row=top, end_column=3 + len(CODES))
    ws.cell(top, 4 + len(CODES), "Saran")
    first = top + 1
    if numbering:
        for i in range(1, len(CODES) + 1):
            ws.cell(top + 1, 3 + i, i)
        first += 1
    for number, row in enumerate(rows, start=1):
        line = [number, row["Tanggal"], row["Jenis Layanan"]] + [row[c] for c in CODES]
        for column, value in enumerate(line, start=1):
            ws.cell(first + number - 1, column, value)
    ws.cell(first + len(rows), 1, "Jumlah")
    for i in range(len(CODES)):
        ws.cell(first + len(rows), 4 + i, sum(r[CODES[i]] or 0 for r in rows))
    wb.save(path)
    return path


def results_table_xlsx(path, units=("Kecamatan", "Kelurahan A", "Kelurahan B")):
    """What an application shows as its result: per unit the NRR tertimbang of each unsur (below 1), the index and
    its grade. Not respondents' answers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hasil"
    ws.append(["Unit Layanan"] + [f"Unsur {i}" for i in range(1, len(CODES) + 1)] + ["Nilai Indeks", "Mutu"])
    for k, unit in enumerate(units):
        nrr = [3.1 + 0.05 * ((i + k) % 7) for i in range(len(CODES))]
        weighted = [round(v * 0.111, 3) for v in nrr]
        ws.append([unit] + weighted + [round(sum(weighted) * 25, 2), "B"])
    wb.save(path)
    return path


def template_csv(path, headers):
    """An import template: the header row only."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(headers)
    return path
