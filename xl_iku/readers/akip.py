"""The `AKIP` input sheet: one row per evaluation year, the four components as 0–100 scores ("Nilai") or as the
LHE's points ("Poin LHE"), optionally the LKE sub-components. Validated by the AKIP rules, errors located."""

from __future__ import annotations

from ..cells import address
from ..errors import CellError, InputError, SheetError
from ..model.akip import AkipYear
from ..model.grid import SheetGrid, normalise
from ..rules.akip import KOMPONEN, akip_category, akip_lke_points, akip_points_total, akip_score
from ..rules.numbers import parse_number

SHEET = "AKIP"
SUB = ("keberadaan", "kualitas", "pemanfaatan")
HEADERS = {"perencanaan": "Perencanaan", "pengukuran": "Pengukuran", "pelaporan": "Pelaporan",
           "evaluasi_internal": "Evaluasi Internal"}


def read_akip(grid: SheetGrid) -> tuple[list[AkipYear], dict[str, int]]:
    """Evaluations by year, plus header key → 1-based column (for formulas that point back at the inputs)."""
    if not grid.rows:
        return [], {}
    columns = {normalise(h).replace(" - ", " ").replace("-", " "): c for c, h in enumerate(grid.rows[0], start=1)
               if normalise(h)}
    for key in ("tahun", "jenis isian"):
        if key not in columns:
            raise SheetError.missing_columns(grid.name, f"'{key.title()}'",
                                             fix="Buat contohnya dengan: xl-iku init BARU.xlsx")
    for key, _, _ in KOMPONEN:
        comp = normalise(HEADERS[key])
        if comp not in columns and not all(f"{comp} {sub}" in columns for sub in SUB):
            raise SheetError.missing_columns(grid.name, f"'{HEADERS[key]}'",
                                             fix="Tambahkan judul kolom itu (atau ketiga sub-komponennya).")
    years: list[AkipYear] = []
    seen: dict[int, int] = {}
    for r, row in enumerate(grid.rows[1:], start=2):
        def cell(key: str):
            c = columns.get(key)
            return row[c - 1] if c is not None and c - 1 < len(row) else None  # noqa: B023 (called in this pass)

        def blank(value) -> bool:
            return value is None or (isinstance(value, str) and not value.strip())

        comp_keys = [normalise(HEADERS[k]) for k, _, _ in KOMPONEN]
        sub_keys = [[f"{k} {s}" for s in SUB] for k in comp_keys]
        if all(blank(cell(k)) for k in comp_keys + [s for subs in sub_keys for s in subs]):
            continue  # a year not yet evaluated
        sheet = grid.name
        try:
            tahun = int(parse_number(cell("tahun"), "Tahun"))
        except InputError as error:
            raise error.located(sheet=sheet, cell=address(r, columns['tahun'])) from None
        if tahun in seen:
            raise CellError(sheet, address(r, columns['tahun']), f"tahun {tahun} sudah ada di baris {seen[tahun]}. "
                             "Satu baris per tahun evaluasi.")
        seen[tahun] = r
        jenis_text = normalise(cell("jenis isian"))
        jenis = "poin" if "poin" in jenis_text else "nilai" if jenis_text.startswith("nilai") else None
        if jenis is None:
            raise CellError(sheet, address(r, columns['jenis isian']), f"jenis isian '{cell('jenis isian') or ''}' "
                             "tidak dikenal. Isi 'Nilai 0–100' (nilai per komponen) atau 'Poin LHE' (poin seperti "
                             "tertulis di LHE).")
        values, from_subs = [], []
        for (key, name, _), comp_key, subs in zip(KOMPONEN, comp_keys, sub_keys):
            raw = cell(comp_key)
            if blank(raw) and any(not blank(cell(s)) for s in subs):
                if jenis != "poin":
                    raise CellError(sheet, address(r, columns[subs[0]]), "sub-komponen LKE berupa poin; ubah "
                                     "jenis isian menjadi 'Poin LHE'.")
                try:
                    values.append(akip_lke_points(key, *(cell(s) for s in subs)))
                except InputError as error:
                    sub = subs[error.column - 1] if error.column else subs[0]
                    raise error.located(sheet=sheet, cell=address(r, columns[sub])) from None
                from_subs.append(True)
                continue
            try:
                values.append(parse_number(raw, f"{name} tahun {tahun}"))
            except InputError as error:
                raise error.located(sheet=sheet, cell=address(r, columns.get(comp_key, 1))) from None
            from_subs.append(False)
        try:
            nilai = akip_points_total(*values) if jenis == "poin" else akip_score(*values)
            category = akip_category(nilai)
        except InputError as error:
            if not error.column:
                raise error.located(f"Sheet '{sheet}', baris {r}", sheet=sheet) from None
            # one component out of its range: its cell, and the likelier mix-up of points and scores
            key = comp_keys[error.column - 1]
            key = key if key in columns else sub_keys[error.column - 1][0]
            hint = (" Bila yang diisi nilai 0–100 per komponen, ubah jenis isian menjadi 'Nilai 0–100'."
                    if jenis == "poin" else
                    " Nilai per komponen paling tinggi 100; periksa angkanya.")
            raise CellError(sheet, address(r, columns[key]), error.message + hint) from None
        keterangan = "" if blank(cell("keterangan")) else str(cell("keterangan")).strip()
        years.append(AkipYear(r, tahun, jenis, tuple(values), tuple(from_subs), nilai, category, keterangan))
    return sorted(years, key=lambda y: y.tahun), columns
