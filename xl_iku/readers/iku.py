"""The input contract: sheets `Instansi` (key | value) and `Data IKU` (one row per indicator) → `IkuPlan`.

Works on plain grids of values so the headless path (openpyxl) and the live path (xlwings) read the same way.
Headers are matched case- and space-insensitively, in any column order. Errors stop the run and name sheet, cell
and fix; softer problems become warnings in `model.checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from ..cells import address
from ..errors import CellError, InputError, SheetError
from ..model import IkuPlan, Indikator, Instansi
from ..model.grid import SheetGrid, key_row, normalise
from ..model.plan import DATA_SHEET, INSTANSI_DATE_KEYS, INSTANSI_FIELDS, INSTANSI_SHEET, INSTANSI_TEXT_KEYS
from ..rules.capaian import polaritas_of
from ..rules.decimals import is_percent_format, places_of, shown_value, written_places
from ..rules.lkjip import JENIS_TARGET_AKHIR
from ..rules.numbers import format_exact, parse_count, parse_number
from ..rules.rencana import check_target_years

INSTANSI_REQUIRED = ("Nama Instansi", "Pemerintah Daerah", "Periode")

#: Data IKU headers (normalised) → Indikator field.
TEXT_COLUMNS = {
    "kode tujuan": "kode_tujuan",
    "tujuan": "tujuan",
    "kode sasaran": "kode_sasaran",
    "sasaran": "sasaran",
    "kode indikator": "kode",
    "indikator": "nama",
    "satuan": "satuan",
    "polaritas": "polaritas",
    "keterangan": "keterangan",
    "sasaran (penjelasan)": "sasaran_penjelasan",
    "definisi operasional": "definisi",
    "formulasi": "formulasi",
    "penjelasan": "penjelasan",
    "sumber data": "sumber_data",
    "penanggung jawab": "penanggung_jawab",
    "sumber realisasi": "sumber_realisasi",
    "sumber standar": "sumber_standar",
    "jenis target akhir": "jenis_target_akhir",
}
REQUIRED_COLUMNS = ("kode tujuan", "tujuan", "kode sasaran", "sasaran", "kode indikator", "indikator", "polaritas")
_YEAR_COLUMN = re.compile(r"^(kondisi awal|target|realisasi) (\d{4})$")
_QUARTER_COLUMN = re.compile(r"^target tw([1-4]) (\d{4})$")  # quarterly targets for the PK's Rencana Aksi
#: Where an indicator's realisasi may come from instead of being typed (Data IKU column "Sumber Realisasi").
SUMBER_REALISASI = {"": "", "akip": "AKIP", "skm": "SKM"}


def find_sheet(names: Sequence[str], wanted: str) -> str | None:
    for name in names:
        if normalise(name) == normalise(wanted):
            return name
    return None


def read_plan(instansi: SheetGrid, data: SheetGrid) -> tuple[IkuPlan, dict[str, int]]:
    """The validated plan, plus header key → 1-based column (for warnings that point at cells)."""
    info = read_instansi(instansi)
    columns, baseline_year, target_years = _header(data)
    indikator = _indicators(data, columns, baseline_year, target_years)
    return IkuPlan(info, baseline_year, tuple(target_years), tuple(indikator)), columns


def read_instansi(grid: SheetGrid) -> Instansi:
    keys = {normalise(label): label for label, _ in INSTANSI_FIELDS}
    found: dict[str, tuple[Any, int]] = {}  # label → (value, row)
    for r, row in enumerate(grid.rows, start=1):
        if not row:
            continue
        label = keys.get(normalise(row[0]))
        if label and label not in found:
            found[label] = (row[1] if len(row) > 1 else None, r)
    for label in INSTANSI_REQUIRED:
        value = found.get(label, (None, 0))[0]
        if cell_text(value) == "":
            message = f"'{label}' belum diisi. Tulis '{label}' di kolom A dan nilainya di kolom B (baris mana pun)."
            if label in found:
                raise CellError(grid.name, f"B{found[label][1]}", message)
            raise SheetError(grid.name, message, where=f"Sheet '{grid.name}', kolom A")
    values = {}
    for key, attr in INSTANSI_FIELDS:
        raw, row = found.get(key, (None, 0))
        if key in INSTANSI_DATE_KEYS:
            values[attr] = raw.date() if isinstance(raw, dt.datetime) else (raw if isinstance(raw, dt.date)
                                                                            else (cell_text(raw) or None))
        elif key in INSTANSI_TEXT_KEYS and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            values[attr] = _number_as_text(raw, grid.name, f"B{row}", key)
        elif attr == "populasi_skm":
            values[attr] = _number(raw, grid.name, f"B{row}", "Populasi SKM", parse_count)
        elif attr in ("tahun_pk", "tahun_lkjip"):
            values[attr] = _years(raw, grid.name, f"B{row}", key)
        else:
            values[attr] = cell_text(raw)
    return Instansi(**values)


#: Excel keeps 15 significant digits of a number: an 18-digit NIP typed as a number has lost its last ones
_EXCEL_DIGITS = 15


def _number_as_text(value: float, sheet: str, cell: str, key: str) -> str:
    """A NIP typed as a number: its digits when the number can hold them all, else an error (a NIP printed on a
    document to be signed with its last digits made up by the float is worse than none)."""
    if not float(value).is_integer() or abs(value) >= 10 ** _EXCEL_DIGITS:
        # as Excel shows it (15 digits, then zeros), not the float's own binary tail
        shown = f"{Decimal(f'{value:.{_EXCEL_DIGITS}g}'):f}" if float(value).is_integer() else format_exact(value)
        raise CellError(sheet, cell, f"'{key}' diketik sebagai angka ({shown}): Excel hanya menyimpan "
                        f"{_EXCEL_DIGITS} angka pertama sebuah bilangan, jadi angka terakhir NIP sudah hilang. "
                        "Ketik ulang NIP sebagai teks: awali dengan tanda petik ('19700908 200312 1 004) atau "
                        "format selnya Teks sebelum mengetik.")
    return str(int(value))


#: What each list of years makes, for the message when one is not a year.
_YEARS_FOR = {"Tahun PK": "Perjanjian Kinerja", "Tahun LKjIP": "tabel LKjIP"}


def _years(value: Any, sheet: str, cell: str, key: str = "Tahun PK") -> tuple[int, ...]:
    """`Tahun PK`, `Tahun LKjIP`: one year (2026) or several ("2025, 2026"), in the order written, each once."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        parts = [cell_text(value)]
    else:
        parts = [p for p in re.split(r"[\s,;]+", cell_text(value)) if p]
    years: list[int] = []
    for part in parts:
        if not re.fullmatch(r"\d{4}", part):
            raise CellError(sheet, cell, f"'{key}' berisi '{part}', bukan tahun. Tulis satu tahun (2026) atau "
                            f"beberapa dipisah koma (2025, 2026), atau kosongkan bila tidak membuat {_YEARS_FOR[key]}.")
        if int(part) not in years:
            years.append(int(part))
    return tuple(years)


def instansi_value_cell(grid: SheetGrid, key: str) -> str | None:
    """Absolute reference to a key's value cell ("Instansi!$B$11"), for formulas that follow it live.

    A count typed as text ("2.500") is read as 2500 by xl-iku, but Excel would turn that text into a number by the
    machine's locale (2,5 in an English one): the formula then reads it without the thousands dots, the same way
    in every locale."""
    r = key_row(grid, key)
    if r is None:
        return None
    ref = f"'{grid.name}'!$B${r}"
    row = grid.rows[r - 1]
    return f'VALUE(SUBSTITUTE({ref},".",""))' if len(row) > 1 and isinstance(row[1], str) else ref


def _header(grid: SheetGrid) -> tuple[dict[str, int], int, list[int]]:
    if grid.merged:
        raise SheetError(grid.name, f"sel {grid.merged[0]} digabung (merge). Sheet data tidak boleh berisi sel "
                         "gabungan: pisahkan gabungannya (Unmerge) dan isi setiap baris dengan lengkap.")
    if not grid.rows or all(cell_text(v) == "" for v in grid.rows[0]):
        raise SheetError(
            grid.name, f"Sheet '{grid.name}' kosong atau baris 1 tidak berisi judul kolom. Baris 1 harus berisi judul "
            "seperti 'Kode Tujuan', 'Tujuan', …, 'Kondisi Awal 2024', 'Target 2025'. Buat contoh dengan: xl-iku init "
            "BARU.xlsx", where="")
    columns: dict[str, int] = {}
    baseline: list[int] = []
    targets: list[int] = []
    for c, header in enumerate(grid.rows[0], start=1):
        key = normalise(header)
        if not key:
            continue
        if key in columns:
            raise CellError(grid.name, address(1, c), f"judul '{header}' sudah ada di sel {address(1, columns[key])}. "
                            "Hapus atau ganti salah satunya.")
        year = _YEAR_COLUMN.match(key)
        if year and year.group(1) != "realisasi":
            (baseline if year.group(1) == "kondisi awal" else targets).append(int(year.group(2)))
        columns[key] = c
    missing = [k for k in REQUIRED_COLUMNS if k not in columns]
    if missing:
        names = ", ".join(f"'{k.title()}'" for k in missing)
        raise SheetError.missing_columns(grid.name, names, fix="Tambahkan judul kolom itu (huruf besar/kecil dan "
                                         "urutan bebas).")
    if len(baseline) != 1:
        problem = "tidak ada" if not baseline else f"ada {len(baseline)}"
        raise SheetError(grid.name, f"kolom 'Kondisi Awal TAHUN' {problem}; harus tepat satu, misalnya 'Kondisi "
                         "Awal 2024'.", where=f"Sheet '{grid.name}', baris 1")
    if not targets:
        raise SheetError(grid.name, "tidak ada kolom 'Target TAHUN'. Tambahkan misalnya 'Target 2025'.",
                         where=f"Sheet '{grid.name}', baris 1")
    targets.sort()
    try:
        check_target_years(targets, f"Sheet '{grid.name}', baris 1 (kolom Target)")
    except InputError as error:
        raise error.located(error.where, sheet=grid.name) from None
    if targets[0] <= baseline[0]:
        raise SheetError(grid.name, f"kolom 'Target {targets[0]}' tidak sesudah 'Kondisi Awal {baseline[0]}'. Tahun "
                         "target harus sesudah tahun kondisi awal.", where=f"Sheet '{grid.name}', baris 1")
    return columns, baseline[0], targets


def data_rows(grid: SheetGrid, columns: dict[str, int]) -> Iterator[tuple[int, Callable[[str], Any]]]:
    """(sheet row, header key → value) for each row below the headers that holds anything."""
    for r, row in enumerate(grid.rows[1:], start=2):
        if any(cell_text(v) != "" for v in row):
            yield r, lambda key, row=row: (row[columns[key] - 1] if key in columns and columns[key] - 1 < len(row)
                                           else None)


def _indicators(grid: SheetGrid, columns: dict[str, int], baseline: int, targets: list[int]) -> list[Indikator]:
    out: list[Indikator] = []
    seen: dict[str, int] = {}
    for r, cell in data_rows(grid, columns):
        sheet = grid.name
        fields = {attr: cell_text(cell(key)) for key, attr in TEXT_COLUMNS.items()}
        if not fields["nama"]:
            raise CellError(sheet, address(r, columns['indikator']), "nama indikator kosong pada baris yang berisi "
                            "data. Isi nama indikatornya, atau kosongkan seluruh baris.")
        for key in ("tujuan", "sasaran"):
            if not fields[key]:
                raise CellError(sheet, address(r, columns[key]), f"{key} kosong untuk indikator '{fields['nama']}'. "
                                f"Isi teks {key}nya (boleh sama dengan baris di atasnya).")
        try:
            fields["polaritas"] = polaritas_of(cell("polaritas"))
        except InputError as error:
            raise error.located(sheet=sheet, cell=address(r, columns['polaritas'])) from None
        kode = fields["kode"]
        if kode:
            if kode.lower() in seen:
                raise CellError(
                    sheet, address(r, columns['kode indikator']), f"kode indikator '{kode}' sudah dipakai di sel "
                    f"{address(seen[kode.lower()], columns['kode indikator'])}. Setiap indikator perlu kode yang unik.")
            seen[kode.lower()] = r
        places: list[int | None] = []
        persen: list[str] = []

        def number(key: str, what: str) -> float | None:
            """The value of `key`'s cell as staff see it, noting the decimals it was written with."""
            raw, code = cell(key), grid.formats.get((r, columns[key]))  # noqa: B023 (called within its loop pass)
            value = _number(raw, sheet, address(r, columns[key]), what)  # noqa: B023 (called within its loop pass)
            if value is not None and not isinstance(raw, str):
                if is_percent_format(code):
                    value = shown_value(value, code)
                    persen.append(key)  # noqa: B023 (called within its loop pass)
                places.append(written_places(raw, code))  # noqa: B023 (called within its loop pass)
            elif value is not None:
                places.append(written_places(raw))  # noqa: B023 (called within its loop pass)
            return value

        kondisi_awal = number(f"kondisi awal {baseline}", f"Kondisi awal {baseline}")
        target = {year: number(f"target {year}", f"Target {year}") for year in targets}
        realisasi = {year: number(f"realisasi {year}", f"Realisasi {year}")
                     for year in targets if f"realisasi {year}" in columns}
        quarters = {int(m.group(2)): [] for m in map(_QUARTER_COLUMN.match, columns) if m}
        for year in quarters:
            for q in range(1, 5):
                key = f"target tw{q} {year}"
                quarters[year].append(number(key, f"Target TW{q} {year}") if key in columns else None)
        sumber = fields["sumber_realisasi"].lower()
        if sumber not in SUMBER_REALISASI:
            raise CellError(
                sheet, address(r, columns['sumber realisasi']), f"sumber realisasi '{fields['sumber_realisasi']}' "
                "tidak dikenal. Isi 'AKIP' (diambil dari sheet AKIP), 'SKM' (dari Data SKM), atau kosongkan.")
        fields["sumber_realisasi"] = SUMBER_REALISASI[sumber]
        jenis = fields["jenis_target_akhir"].lower() or "tahunan"
        if jenis not in JENIS_TARGET_AKHIR:
            raise CellError(
                sheet, address(r, columns['jenis target akhir']), "jenis target akhir "
                f"'{fields['jenis_target_akhir']}' tidak dikenal. Isi 'tahunan' (target tahun terakhir periode adalah "
                "target akhir) atau 'kumulatif' (realisasi tiap tahun dijumlahkan menuju target akhir), atau "
                "kosongkan (= tahunan).")
        fields["jenis_target_akhir"] = jenis
        standar = (_number(cell("standar nasional"), sheet, address(r, columns['standar nasional']),
                           "Standar nasional") if "standar nasional" in columns else None)
        out.append(Indikator(row=r, kondisi_awal=kondisi_awal, target=target, realisasi=realisasi,
                             target_tw={y: tuple(v) for y, v in quarters.items()}, standar_nasional=standar, desimal=places_of(places),
                             persen=tuple(persen),
                             **fields))
    if not out:
        raise SheetError(grid.name, f"Sheet '{grid.name}' belum berisi indikator: isi satu baris per indikator mulai "
                         "baris 2.", where="")
    return out


def _number(value: Any, sheet: str, cell: str, what: str,
            parse: Callable[[Any, str], float] = parse_number) -> float | None:
    if cell_text(value) == "":
        return None
    try:
        return parse(value, what)
    except InputError as error:
        raise error.located(sheet=sheet, cell=cell) from None


def cell_text(value: Any) -> str:
    """A cell as the text staff typed (a whole float as an integer: a code 1.0 is "1"); shared by the input readers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


__all__ = ["SheetGrid", "read_plan", "read_instansi", "find_sheet", "normalise", "INSTANSI_SHEET", "DATA_SHEET"]
