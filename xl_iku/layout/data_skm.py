"""The `Data SKM` input sheet: one row per respondent, profile columns then U1..U9, validated, as an Excel table.

Each answer column's validation list offers the numbers 1–4 and that unsur's questionnaire words, so forms typed
in from paper can be entered either way (the reader accepts both, `rules.answers`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..cells import column_letter
from ..rules.answers import OFFICIAL_LABELS
from ..rules.ikm import UNSUR_14_2017
from ..rules.profil import PROFILE_CHOICES
from .base import SheetLayout, Table, Validation
from .input_sheets import VALUE, header_row

SHEET = "Data SKM"
TABLE = "TabelSKM"
PROFILE = (
    ("Tanggal", 12, "Tanggal pengisian (format tanggal). Menentukan periode (semester/triwulan)."),
    ("Jenis Layanan", 24, "Layanan yang diterima responden."),
    ("Jenis Kelamin", 13, "Laki-laki atau Perempuan."),
    ("Usia", 7, "Usia dalam tahun."),
    ("Pendidikan", 12, "Pendidikan terakhir."),
    ("Pekerjaan", 18, "Pekerjaan responden."),
)
INPUT_ROWS = 2000


def data_skm_sheet(rows: Sequence[dict[str, Any]] = ()) -> SheetLayout:
    """`rows` map header ("Tanggal", …, "U1" … "U9") → value."""
    headers = [(name, width, hint) for name, width, hint in PROFILE]
    headers += [(code, 6, f"{code} {name}: jawaban 1 (tidak baik) – 4 (sangat baik), atau kata kuesioner "
                          f"({' / '.join(OFFICIAL_LABELS[code])}); kosong = tidak dijawab.")
                for code, name in UNSUR_14_2017]
    sheet = SheetLayout(SHEET, freeze=(2, 3), show_gridlines=True)
    header_row(sheet, headers)
    for r, values in enumerate(rows, start=2):
        for col, (text, _, _) in enumerate(headers, start=1):
            style = VALUE.but(wrap=False)
            if text == "Tanggal":
                style = style.but(number_format="DD/MM/YYYY")
            elif text.startswith("U") or text == "Usia":
                style = style.but(halign="center")
            sheet.put(r, col, values.get(text), style)
    last_row = max(len(rows) + 1, 2)
    first_u = len(PROFILE) + 1
    last_u = len(headers)
    letter = {text: column_letter(c) for c, (text, _, _) in enumerate(headers, start=1)}
    for col, (code, _) in enumerate(UNSUR_14_2017, start=first_u):
        choices = ("1", "2", "3", "4") + OFFICIAL_LABELS[code]  # numbers or the questionnaire's words
        sheet.validations.append(Validation(
            f"{column_letter(col)}2:{column_letter(col)}{INPUT_ROWS}", "list", choices,
            prompt=f"Jawaban 1–4 atau {' / '.join(OFFICIAL_LABELS[code])}; kosongkan bila tidak dijawab.",
            error=f"Jawaban hanya boleh 1, 2, 3, 4 atau {', '.join(OFFICIAL_LABELS[code])}."))
    for name, values in PROFILE_CHOICES.items():
        sheet.validations.append(Validation(
            f"{letter[name]}2:{letter[name]}{INPUT_ROWS}", "list", values,
            prompt=f"Pilih {name.lower()}.", error=f"Pilih salah satu: {', '.join(values)}."))
    sheet.validations.append(Validation(
        f"{letter['Usia']}2:{letter['Usia']}{INPUT_ROWS}", "whole", minimum=10, maximum=120,
        prompt="Usia dalam tahun.", error="Usia harus bilangan bulat 10–120."))
    sheet.tables.append(Table(TABLE, f"A1:{column_letter(last_u)}{last_row}"))
    return sheet
