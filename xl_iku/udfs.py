"""Excel functions: `UDF Modules = xl_iku.udfs` (classic xlwings) or imported into xlwings Lite's main.py.

Defined once with `from xlwings import func, arg, ret`, which each runtime interprets itself. The functions are thin:
the rules live in `xl_iku.rules`. What this module adds is the Excel manner of failing: under classic xlwings an
exception would put a traceback in the cell, so the Indonesian message is *returned* as the cell's text; under
Office.js (Lite/Server) raising `XlwingsError` gives `#VALUE!` carrying that message. Either way nothing numeric
appears for bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import xlwings
from xlwings import arg, func, ret

from .errors import InputError
from .rules.akip import akip_category, akip_score
from .rules.capaian import capaian
from .rules.ikm import ikm_category, ikm_nrr, ikm_score
from .rules.lke import lke_predikat, lke_score

OFFICE_JS = bool(getattr(xlwings, "on_server", False)) or sys.platform == "emscripten"

_RANGE = {"ndim": 2, "err_to_str": True}


def _excel(rule: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return rule(*args, **kwargs)
    except InputError as error:
        message = str(error) + (_HEADER_ROW if error.row == 1 and args and _first_row_is_text(args[0]) else "")
        if OFFICE_JS:
            raise xlwings.XlwingsError(message) from None
        return f"#XL-IKU! {message}"


#: Said when a range fails on its first row and that row is all text: its header row, selected with the answers
_HEADER_ROW = (" Baris pertama rentang ini tampaknya judul kolom: mulai rentangnya dari baris responden pertama "
               "(misalnya B5:J104, bukan B4:J104).")


def _first_row_is_text(rows: Any) -> bool:
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], list):
        return False
    cells = [c for c in rows[0] if c is not None and c != ""]
    return bool(cells) and all(isinstance(c, str) for c in cells)


def _table(rows: Any) -> Any:
    """An optional range (an interval table, the group labels): omitted or a single empty cell → None."""
    if rows is None or rows == [[None]] or rows == [[""]]:
        return None
    return rows


@func
@arg("jawaban", doc="Rentang jawaban survei: baris = responden, kolom = unsur (1–4 atau kata kuesioner seperti "
                    "Sesuai; sel kosong = tidak dijawab).", **_RANGE)
@arg("bobot", doc="Opsional. Bobot lama (0,111 / 0,11 / 0,071) untuk mencocokkan laporan lama; kosong = 1/jumlah unsur.")
def IKM_SCORE(jawaban, bobot=None):
    """Indeks Kepuasan Masyarakat (PermenPANRB 14/2017), belum dibulatkan."""
    return _excel(ikm_score, jawaban, weight=bobot)


@func
@arg("jawaban", doc="Rentang jawaban survei: baris = responden, kolom = unsur.", **_RANGE)
@ret(expand="table")
def IKM_NRR(jawaban):
    """Nilai rata-rata (NRR) per unsur, satu baris ke kanan."""
    result = _excel(ikm_nrr, jawaban)
    return [result] if isinstance(result, list) else result


@func
@arg("jawaban", doc="Rentang jawaban survei: baris = responden, kolom = unsur.", **_RANGE)
@arg("kelompok", doc="Opsional. Satu kolom setinggi rentang jawaban berisi kelompok tiap responden (misalnya "
                     "kolom Jenis Layanan): IKM per kelompok.", **_RANGE)
@ret(index=False, expand="table")
def IKM_TABEL(jawaban, kelompok=None):
    """Tabel hasil SKM berjudul: per unsur (Kode, Unsur, n, NRR, NRR tertimbang), atau per kelompok bila diisi."""
    return _excel(_ikm_tabel, jawaban, _table(kelompok))


def _ikm_tabel(jawaban: Any, kelompok: Any) -> Any:
    """`ikm_table` under the sheet's own headers (pandas is imported here, on the first call, not at load)."""
    from .frames import group_table, ikm_table

    if kelompok is None:
        return ikm_table(jawaban).set_axis(list(_PER_UNSUR), axis=1)
    table = group_table(jawaban, [_one_column(kelompok)], ["Kelompok"]).reset_index()
    table["kinerja"] = table["kinerja"].fillna(table["keterangan"])  # why a group has no IKM
    table = table[list(_PER_KELOMPOK)].rename(columns=_PER_KELOMPOK).astype(object)
    return table.where(table.notna(), None)  # an empty cell, not the #NUM! that NaN becomes under Office.js


_PER_UNSUR = ("Kode", "Unsur", "n", "NRR", "NRR tertimbang")
_PER_KELOMPOK = {"Kelompok": "Kelompok", "responden": "Responden", "ikm": "IKM", "mutu": "Mutu", "kinerja": "Kinerja"}


def _one_column(kelompok: Any) -> list[Any]:
    """Group labels from a one-column range (nested lists, as Excel hands it over) or a flat list."""
    if not isinstance(kelompok, (list, tuple)):
        return [kelompok]
    if all(isinstance(row, (list, tuple)) for row in kelompok):
        if any(len(row) != 1 for row in kelompok):
            raise InputError("Rentang kelompok harus satu kolom (misalnya B5:B104), satu label untuk setiap baris "
                             "jawaban.")
        return [row[0] for row in kelompok]
    return list(kelompok)


@func
@arg("nilai", doc="Nilai IKM (25–100).")
def IKM_CATEGORY(nilai):
    """Mutu pelayanan (A/B/C/D) dari nilai IKM, dibulatkan 2 desimal dahulu."""
    result = _excel(ikm_category, nilai)
    return result.code if not isinstance(result, str) else result


@func
@arg("nilai", doc="Nilai IKM (25–100).")
def IKM_LABEL(nilai):
    """Kinerja unit pelayanan (Sangat baik … Tidak baik) dari nilai IKM."""
    result = _excel(ikm_category, nilai)
    return result.label if not isinstance(result, str) else result


@func
@arg("perencanaan", doc="Nilai komponen Perencanaan Kinerja (0–100).")
@arg("pengukuran", doc="Nilai komponen Pengukuran Kinerja (0–100).")
@arg("pelaporan", doc="Nilai komponen Pelaporan Kinerja (0–100).")
@arg("evaluasi", doc="Nilai komponen Evaluasi Akuntabilitas Kinerja Internal (0–100).")
def AKIP_SCORE(perencanaan, pengukuran, pelaporan, evaluasi):
    """Nilai AKIP = 0,30·Perencanaan + 0,30·Pengukuran + 0,15·Pelaporan + 0,25·Evaluasi Internal."""
    return _excel(akip_score, perencanaan, pengukuran, pelaporan, evaluasi)


@func
@arg("nilai", doc="Nilai AKIP (0–100).")
@arg("tabel", doc="Opsional. Tabel interval sendiri: kolom batas bawah, batas atas, predikat, label.", **_RANGE)
def AKIP_CATEGORY(nilai, tabel=None):
    """Predikat AKIP (AA … D), tabel resmi PermenPANRB 88/2021 bila tabel tidak diisi."""
    result = _excel(akip_category, nilai, _table(tabel))
    return result.code if not isinstance(result, str) else result


@func
@arg("nilai", doc="Nilai AKIP (0–100).")
@arg("tabel", doc="Opsional. Tabel interval sendiri: kolom batas bawah, batas atas, predikat, label.", **_RANGE)
def AKIP_LABEL(nilai, tabel=None):
    """Label predikat AKIP (Sangat Memuaskan … Sangat Kurang)."""
    result = _excel(akip_category, nilai, _table(tabel))
    return result.label if not isinstance(result, str) else result


@func
@arg("target", doc="Target kinerja.")
@arg("realisasi", doc="Realisasi kinerja.")
@arg("polaritas", doc="Opsional. 'positif' (makin tinggi makin baik, bawaan) atau 'negatif'.")
def CAPAIAN(target, realisasi, polaritas="positif"):
    """Capaian kinerja dalam persen: positif realisasi/target×100; negatif (2 − realisasi/target)×100."""
    return _excel(capaian, target, realisasi, polaritas)


@func
@arg("jawaban", doc="Rentang jawaban LKE kriteria satu sub-komponen (AA, A, BB, B, CC, C, D, E; sel kosong = belum "
                    "dijawab: hasilnya galat, bukan 0).", **_RANGE)
@arg("bobot", doc="Bobot sub-komponen dalam poin, misalnya 6 (Keberadaan Perencanaan Kinerja).")
@arg("skala", doc="Opsional. Skala jawaban: kosong = AA–E PermenPANRB 88/2021; \"Y/T\" atau \"A-E\" untuk LKE "
                  "OPD lama.")
def LKE_SCORE(jawaban, bobot, skala=None):
    """Nilai sub-komponen LKE: bobot × rata-rata nilai jawaban kriterianya (PermenPANRB 88/2021)."""
    return _excel(lke_score, jawaban, bobot, skala)


@func
@arg("nilai", doc="Nilai AKIP hasil LKE (0–100).")
def LKE_PREDIKAT(nilai):
    """Predikat Nilai AKIP (AA … D), PermenPANRB 88/2021: 90,00 = A, 70,00 = B."""
    result = _excel(lke_predikat, nilai)
    return result.code if not isinstance(result, str) else result
