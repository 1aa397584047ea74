"""The `LKE` input sheet: the office's own Lembar Kerja Evaluasi, one row per criterion and year.

Above the header row, a `Skala Jawaban` cell states the sheet's answer scale (88/2021 AA–E, or the older OPD forms
Y/T and A–E). Headers (any order, matched case- and space-insensitively): `Tahun`, `Kode`, `Kriteria`, `Jawaban`
required; `Komponen`, `Sub-komponen`, `Bukti / Catatan` shown to staff only (the code decides the sub-component).
Errors name the sheet and cell.
"""

from __future__ import annotations

from ..cells import address
from ..errors import CellError, InputError, SheetError
from ..model.grid import SheetGrid, normalise
from ..model.lke import SCALE_KEY, LkeSheet
from ..rules.lke import Kriteria, Skala, answer_value, skala_of, sub_of
from ..rules.numbers import parse_number
from .iku import cell_text

REQUIRED = ("tahun", "kode", "kriteria", "jawaban")
_SEARCH_ROWS = 20  # the header row is looked for this far down


def read_lke(grid: SheetGrid) -> LkeSheet:
    rows = [list(r) for r in grid.rows]
    sheet = grid.name
    header_row = next((i for i, row in enumerate(rows[:_SEARCH_ROWS], start=1)
                       if {"kode", "kriteria", "jawaban"} <= {normalise(v) for v in row}), None)
    if header_row is None:
        raise SheetError(sheet, f"baris judul kolom (Tahun, Kode, Kriteria, Jawaban) tidak ditemukan di "
                         f"{_SEARCH_ROWS} baris pertama. Contohnya dibuat oleh: xl-iku init BARU.xlsx")
    columns = {normalise(h): c for c, h in enumerate(rows[header_row - 1], start=1) if normalise(h)}
    for key in REQUIRED:
        if key not in columns:
            raise SheetError.missing_columns(sheet, f"'{key.title()}'", row=header_row,
                                             fix="Tambahkan judul kolom itu.")
    skala = _scale(rows[:header_row - 1], sheet)
    years: dict[int, list[Kriteria]] = {}
    seen: dict[tuple[int, str], int] = {}
    for r, row in enumerate(rows[header_row:], start=header_row + 1):
        def cell(key: str):
            c = columns[key]
            return row[c - 1] if c - 1 < len(row) else None  # noqa: B023 (called in this pass)

        def at(key: str) -> str:
            return address(r, columns[key])  # noqa: B023 (called in this pass)

        if all(cell_text(cell(k)) == "" for k in REQUIRED):
            continue
        _counted_as_typed(cell("kode"), sheet, at("kode"), "kode")
        _counted_as_typed(cell("jawaban"), sheet, at("jawaban"), "jawaban")
        if isinstance(cell("tahun"), str) and cell("tahun").strip():
            raise CellError(sheet, at("tahun"), f"tahun '{cell('tahun')}' berupa teks; rumus sheet Evaluasi AKIP hanya "
                             "menghitung tahun berupa angka. Ketik ulang sebagai angka, misalnya 2026.")
        kode = cell_text(cell("kode"))
        if not kode:
            raise CellError(sheet, at("kode"), "kode kriteria kosong. Isi kode komponen.sub-komponen.nomor, misalnya "
                             "1.2.3, atau kosongkan seluruh baris.")
        try:
            sub_of(kode)
        except InputError as error:
            raise error.located(sheet=sheet, cell=at("kode")) from None
        try:
            tahun = int(parse_number(cell("tahun"), "Tahun", "2026"))
        except InputError as error:
            raise error.located(sheet=sheet, cell=at("tahun")) from None
        if not 2000 <= tahun <= 2100:
            raise CellError(sheet, at("tahun"), f"tahun {tahun} di luar 2000–2100. Isi tahun yang dievaluasi.")
        raw = cell("jawaban")
        try:
            value = answer_value(raw, skala)
        except InputError as error:
            raise error.located(sheet=sheet, cell=at("jawaban")) from None
        if (tahun, kode) in seen:
            raise CellError(sheet, at("kode"), f"kriteria {kode} tahun {tahun} sudah ada di baris {seen[tahun, kode]}. "
                             "Satu baris per kriteria dan tahun; beri kode lain bila kriterianya berbeda.")
        seen[tahun, kode] = r
        jawaban = str(raw).strip().upper() if value is not None else None
        years.setdefault(tahun, []).append(Kriteria(kode, cell_text(cell("kriteria")), jawaban, r))
    return LkeSheet(grid.name, skala, header_row, columns, years)


def _counted_as_typed(value, sheet: str, cell: str, what: str) -> None:
    """Spaces around a code or an answer: Excel's COUNTIFS in `Evaluasi AKIP` would not count the row while the
    reading here would, so the live sheet and the stored values would differ. Refused, naming the cell."""
    if isinstance(value, str) and value.strip() and value != value.strip():
        raise CellError(sheet, cell, f"{what} '{value}' berisi spasi di awal atau akhir; rumus sheet Evaluasi AKIP tidak "
                         "menghitungnya. Hapus spasinya.")


def _scale(above: list[list], sheet: str) -> Skala:
    """The `Skala Jawaban` cell above the header (the first filled cell right of its label); none: 88/2021."""
    for r, row in enumerate(above, start=1):
        for c, value in enumerate(row, start=1):
            if normalise(value) == normalise(SCALE_KEY):
                col, stated = next(((i, v) for i, v in enumerate(row[c:], start=c + 1) if cell_text(v)),
                                   (c + 1, None))
                try:
                    return skala_of(stated)
                except InputError as error:
                    raise error.located(sheet=sheet, cell=address(r, col)) from None
    return skala_of(None)
