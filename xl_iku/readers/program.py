"""Sheet `Program` (optional): the programmes and their budgets listed in each year's Perjanjian Kinerja.

Headers in row 1, matched like `Data IKU`'s: `Tahun`, `Kode Sasaran` (optional), `Program`, `Anggaran` (whole
rupiah: a number or Indonesian text such as "1.250.000.000"), `Realisasi Anggaran` (optional, same rules: what was
spent, for the LKjIP's Tabel 3.5), `Keterangan`. A budget that is not a number stops the run naming its cell: a PK's
Jumlah must never be silently short; so does a realisasi anggaran on a row without its pagu (there is nothing to
measure it against).
"""

from __future__ import annotations

from ..cells import address
from ..errors import CellError, InputError, SheetError
from ..model.grid import SheetGrid, normalise
from ..model.program import ProgramRow
from ..rules.numbers import parse_rupiah
from .iku import cell_text, data_rows

HEADERS = ("Tahun", "Kode Sasaran", "Program", "Anggaran", "Keterangan", "Realisasi Anggaran")
REQUIRED = ("tahun", "program", "anggaran")


def read_program(grid: SheetGrid) -> list[ProgramRow]:
    """Every filled row of the sheet; an empty sheet (headers only) is no programme at all, not an error."""
    if not grid.rows or all(cell_text(v) == "" for v in grid.rows[0]):
        raise SheetError(grid.name, f"judul kolom belum ada. Tulis {', '.join(HEADERS)} di baris 1 (contohnya dibuat "
                         "oleh 'xl-iku init BARU.xlsx').", where=f"Sheet '{grid.name}', baris 1")
    columns = {normalise(h): c for c, h in enumerate(grid.rows[0], start=1) if cell_text(h)}
    missing = [h for h in REQUIRED if h not in columns]
    if missing:
        names = ", ".join(f"'{h.title()}'" for h in missing)
        raise SheetError.missing_columns(grid.name, names, fix="Tambahkan judul kolom itu.")
    out = []
    for r, cell in data_rows(grid, columns):
        sheet = grid.name
        tahun = cell_text(cell("tahun"))
        if not (len(tahun) == 4 and tahun.isdigit()):
            raise CellError(sheet, address(r, columns['tahun']), f"tahun '{tahun}' tidak dikenali. Isi tahun "
                             "Perjanjian Kinerja program ini, misalnya 2026.")
        program = cell_text(cell("program"))
        if not program:
            raise CellError(sheet, address(r, columns['program']), "nama program kosong pada baris yang berisi "
                             "data. Isi nama programnya, atau kosongkan seluruh baris.")
        realisasi, realisasi_sel = None, ""
        if "realisasi anggaran" in columns:
            realisasi_sel = address(r, columns["realisasi anggaran"])
            if cell_text(cell("realisasi anggaran")) != "":
                if cell_text(cell("anggaran")) == "":
                    raise CellError(sheet, realisasi_sel, f"realisasi anggaran program '{program}' diisi, tetapi pagunya "
                        f"(Anggaran, sel {address(r, columns['anggaran'])}) kosong. Isi pagu program itu, atau "
                        "kosongkan realisasinya.")
                try:
                    realisasi = parse_rupiah(cell("realisasi anggaran"), f"Realisasi anggaran program '{program}'")
                except InputError as error:
                    raise error.located(sheet=sheet, cell=realisasi_sel) from None
        try:
            anggaran = parse_rupiah(cell("anggaran"), f"Anggaran program '{program}'")
        except InputError as error:
            raise error.located(sheet=sheet, cell=address(r, columns['anggaran'])) from None
        out.append(ProgramRow(r, int(tahun), cell_text(cell("kode sasaran")), program, anggaran,
                              cell_text(cell("keterangan")), realisasi, realisasi_sel,
                              isinstance(cell("realisasi anggaran"), str)))
    return out
