"""IKM (Indeks Kepuasan Masyarakat) from SKM answers, PermenPANRB No. 14 Tahun 2017.

Rules (../shared/reference/domain_rules.md §1, restated in README): answers are integers 1–4; a blank is *not
answered* and is excluded from both the sum and the count of its unsur; NRR per unsur = sum / count; IKM =
Σ NRR × bobot × 25 with bobot = 1/number of unsur unless a legacy rounded bobot is asked for; mutu from the IKM
rounded half-up to 2 decimals.

numpy is imported inside the functions that use it (a cached lookup after the first call), so loading the Excel
functions does not pay for numpy until an IKM is computed.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sys
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import chain, compress
from numbers import Real
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .answers import accepted_labels, label_value

if TYPE_CHECKING:
    import numpy as np

from .intervals import Band, Category, IntervalTable
from .numbers import format_exact, format_id, parse_number, round_half_up

#: The nine unsur of PermenPANRB 14/2017, by code. Offices order U8/U9 differently: readers match by header.
UNSUR_14_2017: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme, dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
    ("U9", "Sarana dan Prasarana"),
)

_SANGAT_BAIK, _BAIK, _KURANG_BAIK, _TIDAK_BAIK = (
    Category("A", "Sangat baik"),
    Category("B", "Baik"),
    Category("C", "Kurang baik"),
    Category("D", "Tidak baik"),
)

#: Conversion table of PermenPANRB 14/2017, on the IKM rounded half-up to 2 decimals.
MUTU_14_2017 = IntervalTable(
    "mutu PermenPANRB 14/2017",
    (
        Band(88.31, 100.00, _SANGAT_BAIK),
        Band(76.61, 88.30, _BAIK),
        Band(65.00, 76.60, _KURANG_BAIK),
        Band(25.00, 64.99, _TIDAK_BAIK),
    ),
)

#: The pre-2017 table (KEP/25/M.PAN/2/2004), only for reproducing old reports.
MUTU_KEP25_2004 = IntervalTable(
    "mutu KEP/25/M.PAN/2/2004",
    (
        Band(81.26, 100.00, _SANGAT_BAIK),
        Band(62.51, 81.25, _BAIK),
        Band(43.76, 62.50, _KURANG_BAIK),
        Band(25.00, 43.75, _TIDAK_BAIK),
    ),
)

MUTU_TABLES = {"14/2017": MUTU_14_2017, "kep25/2004": MUTU_KEP25_2004}

_FAST_TYPES = frozenset({float, int, type(None)})  # what classic xlwings and plain Python hand over


@dataclass(frozen=True)
class UnsurResult:
    kode: str
    nama: str
    n: int
    nrr: float
    nrr_tertimbang: float


@dataclass(frozen=True)
class IkmResult:
    """Everything an SKM report shows, computed once."""

    ikm: float
    category: Category
    bobot: float
    responden: int
    unsur: tuple[UnsurResult, ...]

    def weakest(self, count: int | None = None) -> list[UnsurResult]:
        """Unsur from lowest NRR up (ties keep the sheet's order): the follow-up plan starts here."""
        ranked = sorted(self.unsur, key=lambda u: u.nrr)
        return ranked if count is None else ranked[:count]


def unsur_labels(count: int, names: Sequence[str] | None = None) -> list[str]:
    """How each column is named in messages: "U2 Sistem, Mekanisme, dan Prosedur" for the standard nine."""
    if names is not None:
        return [str(n) for n in names]
    if count == len(UNSUR_14_2017):
        return [f"{code} {name}" for code, name in UNSUR_14_2017]
    return [f"U{i}" for i in range(1, count + 1)]


def answer_matrix(responses: Any, names: Sequence[str] | None = None) -> np.ndarray:
    """Validated answers as a float matrix, NaN for not answered. Rows = respondents, columns = unsur.

    Accepts nested lists (what classic xlwings and Office.js hand over), numpy arrays and DataFrames. The common
    case (numbers and blanks only) is converted in C; anything else takes a careful path that can say which cell
    is wrong and why.
    """
    return _totals(responses, names)[0]


def _totals(responses: Any, names: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(matrix, sum of answers per unsur, answers given per unsur), validated.

    Counting each answer value per unsur gives the sums, the counts and the validation in one go: every cell is
    1, 2, 3, 4 or blank exactly when those counts and the blanks add up to the number of rows. Only a survey that
    fails that test is searched cell by cell for the first wrong answer, to name it.
    """
    import numpy as np

    if hasattr(responses, "to_numpy"):  # a pandas DataFrame/Series: duck-typed, so pandas is never imported here
        responses = _from_frame(responses)
    matrix = _fast_matrix(responses)
    if matrix is None:
        matrix = _careful_matrix(responses, names)
    if matrix.size == 0:
        raise InputError(
            "Rentang jawaban kosong: tidak ada data survei. Pilih rentang jawaban responden (misalnya B5:J104)."
        )
    labels = unsur_labels(matrix.shape[1], names)
    if len(labels) != matrix.shape[1]:
        raise InputError(f"Ada {matrix.shape[1]} kolom jawaban tetapi {len(labels)} nama unsur.")
    per_value = [np.count_nonzero(matrix == value, axis=0) for value in (1.0, 2.0, 3.0, 4.0)]
    counts = per_value[0] + per_value[1] + per_value[2] + per_value[3]
    blanks = np.count_nonzero(np.isnan(matrix), axis=0)
    if not np.all(counts + blanks == matrix.shape[0]) or not np.all(counts):
        _check_scale(matrix, labels)  # raises, naming the cell or the empty unsur
    sums = per_value[0] + 2 * per_value[1] + 3 * per_value[2] + 4 * per_value[3]
    return matrix, sums.astype(float), counts


def ikm_counts(responses: Any) -> list[int]:
    """Answers given per unsur (blanks are not answers)."""
    return [int(c) for c in _totals(responses)[2]]


def ikm_nrr(responses: Any) -> list[float]:
    """Nilai rata-rata (NRR) per unsur: sum of its answers ÷ number of its answers."""
    _, sums, counts = _totals(responses)
    return [float(v) for v in sums / counts]


def ikm_score(responses: Any, weight: float | str | None = None) -> float:
    """The unrounded IKM (25–100). `weight` (0,111 · 0,11 · 0,071 …) reproduces legacy reports; default exact 1/n."""
    _, sums, counts = _totals(responses)
    return _score(sums / counts, _bobot(weight, len(sums)))


def ikm_summary(
    responses: Any,
    weight: float | str | None = None,
    names: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    table: str | IntervalTable = "14/2017",
) -> IkmResult:
    """The whole SKM result in one pass (used by the CLI and the Hasil SKM report)."""
    if "numpy" not in sys.modules:  # a command that has not needed numpy yet: count without importing it
        counted = ikm_summary_counted(responses, weight, names, codes, table)
        if counted is not None:
            return counted
    import numpy as np

    matrix, sums, counts = _totals(responses, _labels(names, codes))
    codes, names = _codes_names(matrix.shape[1], codes, names)
    responden = int(np.count_nonzero(~np.isnan(matrix).all(axis=1)))
    return ikm_from_totals(sums, counts, responden, names, codes, table, _bobot(weight, matrix.shape[1]))


def ikm_summary_counted(
    responses: Any,
    weight: float | str | None = None,
    names: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    table: str | IntervalTable = "14/2017",
    cell_bytes: bytes | None = None,
) -> IkmResult | None:
    """`ikm_summary` of nested lists whose every cell is 1, 2, 3, 4 (a float or an int, never a bool) or None,
    counted in C without numpy (whose import alone costs as much as converting 100,000 × 9 answers); None for
    anything else, which `ikm_summary` then converts, checks and names cell by cell. The same sums and counts, so
    the same IKM.

    Every answer becomes one byte (0 for a blank) through a dict lookup, and each unsur's column of bytes is counted
    per value: ~0.05 s for 100,000 respondents. The lookup goes by equality: a cell that reads 2, 3 or 4 is that
    answer whatever its numeric type (Decimal, Fraction, numpy's numbers: the careful path reads them as the same
    number), a blank is None; only 1 has a look-alike that is no answer, TRUE (True == 1), so only the cells that
    read 1 (~5 % of a real survey's) have their type checked, picked in C by their bytes, not every cell.

    `cell_bytes`: those bytes already made by the reader (one per cell, row by row; 255 for a cell that is no
    answer or blank), so the cells are not looked up a second time."""
    if not isinstance(responses, list | tuple) or not responses or not _ROWS.issuperset(map(type, responses)):
        return None
    width = len(responses[0])
    if not width or set(map(len, responses)) != {width} or any(len(x) != width for x in (names, codes) if x):
        return None
    if cell_bytes is not None and len(cell_bytes) == len(responses) * width:
        if cell_bytes.translate(None, _BLANK_OR_ANSWER):  # 0, 5, 2.5, NaN, FALSE, text: the careful path says
            return None
        flat = cell_bytes
    else:
        try:
            flat = bytes(map(_ANSWER_BYTE.__getitem__, chain.from_iterable(responses)))
        except (KeyError, TypeError):  # 0, 5, 2.5, NaN, FALSE, text, a list: the careful path names it
            return None
    ones = compress(chain.from_iterable(responses), flat.translate(_ONLY_ONES))
    if not _PLAIN_ONES.issuperset(map(type, ones)):  # TRUE, numpy's True_: a logical value, not the answer 1
        return None
    per_value = [[flat[j::width].count(value) for value in (1, 2, 3, 4)] for j in range(width)]
    counts = [sum(found) for found in per_value]
    if not all(counts):  # an unsur without answers: the careful path says which
        return None
    sums = [float(n1 + 2 * n2 + 3 * n3 + 4 * n4) for n1, n2, n3, n4 in per_value]
    responden = len(responses) - len(zero_rows(flat, width))
    codes, names = _codes_names(width, codes, names)
    return ikm_from_totals(sums, counts, responden, names, codes, table, _bobot(weight, width))


def zero_rows(flat: bytes, width: int) -> list[int]:
    """The rows (`width` bytes each, one per cell) whose bytes are all 0, in order: runs of `width` zero bytes that
    start a row, found by `bytes.find` (a run across two rows moves the search on to the next row's start). The
    blank rows of the answer bytes here; the rows without any answer in the survey reader's mask of them."""
    none = bytes(width)
    found = []
    pos = flat.find(none)
    while pos != -1:
        row, offset = divmod(pos, width)
        if offset == 0:
            found.append(row)
        pos = flat.find(none, (row + 1) * width)
    return found


_ROWS = frozenset({list, tuple})
_PLAIN_ONES = frozenset({float, int})
_PLAIN_CELLS = frozenset({float, int, type(None)})
#: float keys: calamine's cells are floats, and a float finds a float key faster than an int one (37 ms against
#: 63 ms for 900,000 cells); the int 1 finds 1.0 all the same. 0, 5, 2.5, NaN, FALSE and text find nothing.
_ANSWER_BYTE = {1.0: 1, 2.0: 2, 3.0: 3, 4.0: 4, None: 0}
_BLANK_OR_ANSWER = bytes(range(5))
_ONLY_ONES = bytes(range(2)) + bytes(254)  # byte 1 stays 1, every other byte becomes 0 (compress's selectors)


def ikm_by_group(responses: Any, groups: Sequence[Hashable], names: Sequence[str] | None = None,
                 codes: Sequence[str] | None = None) -> dict[Hashable, IkmResult | InputError]:
    """The IKM of each group of respondents (one group key per row), validating the survey once. Keys may be any
    hashable labels, or an integer numpy array of group codes (the quick way for large surveys).

    A group in which some unsur has no answer gets that InputError instead of a result: a breakdown by layanan or
    period must still show the other groups. A group whose rows hold no answer at all has no respondent and is
    left out.
    """
    import numpy as np

    matrix, _, _ = _totals(responses, _labels(names, codes))
    codes, names = _codes_names(matrix.shape[1], codes, names)
    if len(groups) != matrix.shape[0]:
        raise InputError(f"Rentang kelompok berisi {len(groups)} baris, rentang jawaban {matrix.shape[0]} baris. "
                         "Pilih rentang kelompok setinggi rentang jawaban: satu label per responden (misalnya "
                         "B5:B104 untuk H5:P104).")
    index: dict[Hashable, int] = {}
    if isinstance(groups, np.ndarray) and groups.dtype.kind in "iu":  # already coded (pandas' factorize): no loop
        keys, ids = np.unique(groups, return_inverse=True)
        index = {int(k): g for g, k in enumerate(keys.tolist())}
    else:
        index = {g: i for i, g in enumerate(dict.fromkeys(groups))}  # first-seen order; C loops, not Python ones
        ids = np.fromiter(map(index.__getitem__, groups), dtype=np.intp, count=len(groups))
    order = np.argsort(ids, kind="stable")
    bounds = np.searchsorted(ids[order], np.arange(len(index) + 1))
    given_all = ~np.isnan(matrix)
    out: dict[Hashable, IkmResult | InputError] = {}
    for key, g in index.items():
        rows = order[bounds[g]:bounds[g + 1]]
        given = given_all[rows]
        responden = int(given.any(axis=1).sum())
        if not responden:
            continue
        sums = np.where(given, matrix[rows], 0.0).sum(axis=0)
        try:
            out[key] = ikm_from_totals(sums, given.sum(axis=0), responden, names, codes)
        except InputError as error:
            out[key] = error
    return out


def answer_bytes(responses: Sequence[Sequence[Any]]) -> np.ndarray | None:
    """Rows whose every cell is 1, 2, 3, 4 (an int or a float, never a bool) or None as a uint8 matrix, one byte an
    answer (0: not answered); None for anything else (the careful path, `answer_matrix`, then names the cell). A
    quarter of a megabyte per 100,000 respondents × 9 unsur where the float matrix takes 7 MB."""
    import numpy as np

    if not responses:
        return None
    width = len(responses[0])
    if not width or any(len(row) != width for row in responses):
        return None
    if not _PLAIN_CELLS.issuperset(map(type, chain.from_iterable(responses))):  # a bool would count as 1
        return None
    try:
        flat = bytes(map(_ANSWER_BYTE.__getitem__, chain.from_iterable(responses)))
    except KeyError:  # 0, 5, 2.5, NaN
        return None
    return np.frombuffer(flat, dtype=np.uint8).reshape(len(responses), width)


def answer_byte(cell: Any) -> int | None:
    """One cell as `answer_bytes` codes it: 1–4 for that answer (an int or a float, never a bool), 0 for None; None
    for anything else (0, 5, 2.5, NaN, text), which only the careful path reads or names."""
    return _ANSWER_BYTE.get(cell) if cell.__class__ in _PLAIN_CELLS else None


def ikm_summary_bytes(columns: Sequence[bytes], weight: float | str | None = None,
                      names: Sequence[str] | None = None, codes: Sequence[str] | None = None,
                      table: str | IntervalTable = "14/2017") -> IkmResult | None:
    """`ikm_summary_counted` of answers given one unsur at a time, one byte a respondent (`answer_byte`: 1–4, 0 =
    not answered): each value counted in C, the respondents with any answer found by OR-ing the columns as big
    integers. None when an unsur has no answer (the careful path says which)."""
    per_value = [[column.count(value) for value in (1, 2, 3, 4)] for column in columns]
    counts = [sum(found) for found in per_value]
    if not columns or not all(counts):
        return None
    sums = [float(n1 + 2 * n2 + 3 * n3 + 4 * n4) for n1, n2, n3, n4 in per_value]
    rows = len(columns[0])
    anyone = 0
    for column in columns:
        anyone |= int.from_bytes(column, "big")
    responden = rows - anyone.to_bytes(rows, "big").count(0)
    codes, names = _codes_names(len(columns), codes, names)
    return ikm_from_totals(sums, counts, responden, names, codes, table, _bobot(weight, len(columns)))


def ikm_by_group_coded(answers: np.ndarray, groups: Any, count: int, names: Sequence[str] | None = None,
                       codes: Sequence[str] | None = None) -> dict[int, IkmResult | InputError]:
    """`ikm_by_group` of answers coded one byte each (`answer_bytes`: 1–4, 0 = not answered, already validated) and
    groups given as integer codes 0 … count − 1 (an array, one per row): each unsur's answers counted per group and
    value in C (`np.bincount`), so no float matrix is built. The same sums and counts, so the same results, keyed by
    group code; a group without respondents is left out."""
    import numpy as np

    responden, sums, given = totals_by_group(answers, groups, count)
    codes, names = _codes_names(answers.shape[1], codes, names)
    out: dict[int, IkmResult | InputError] = {}
    for g in np.flatnonzero(responden).tolist():
        try:
            out[g] = ikm_from_totals(sums[g], given[g], int(responden[g]), names, codes)
        except InputError as error:
            out[g] = error
    return out


def totals_by_group(answers: np.ndarray, groups: Any, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(respondents, answer sums as floats, answers given) of each group 0 … count − 1, per unsur (group × unsur)
    for the last two, from answers coded one byte each (`answer_bytes`) and one group code per row."""
    import numpy as np

    rows, width = answers.shape
    groups = np.asarray(groups, dtype=np.intp)
    if len(groups) != rows:
        raise InputError(f"Rentang kelompok berisi {len(groups)} baris, rentang jawaban {rows} baris.")
    responden = np.bincount(groups[answers.any(axis=1)], minlength=count)
    per_value = np.stack([np.bincount(groups * 5 + answers[:, j], minlength=count * 5).reshape(count, 5)
                          for j in range(width)], axis=1)  # group × unsur × value (0 = not answered)
    given = per_value[:, :, 1:].sum(axis=2)
    return responden, (per_value[:, :, 1:] * np.arange(1, 5)).sum(axis=2).astype(float), given


def ikm_from_totals(sums: Collection[float], counts: Collection[int], responden: int, names: Sequence[str],
                    codes: Sequence[str], table: str | IntervalTable = "14/2017",
                    bobot: float | None = None) -> IkmResult:
    """The IKM from per-unsur sums and counts of answers already validated. Pooling several surveys' totals gives
    the same number as computing over all their answers together (never an average of the surveys' IKM)."""
    for code, name, count in zip(codes, names, counts):
        if count == 0:
            label = code if name == code else f"{code} {name}"  # a survey without unsur names: "U2", not "U2 U2"
            raise InputError(f"Unsur {label} tidak berisi satu jawaban pun, sehingga IKM tidak dapat dihitung.")
    nrr = [float(s) / int(c) for s, c in zip(sums, counts)]
    bobot = 1.0 / len(nrr) if bobot is None else bobot
    score = _score(nrr, bobot)
    unsur = tuple(UnsurResult(str(k), str(n), int(c), v, v * bobot) for k, n, c, v in zip(codes, names, counts, nrr))
    return IkmResult(score, ikm_category(score, table), bobot, responden, unsur)


def ikm_pooled(parts: Iterable[tuple[Sequence[float], Sequence[int], int]], names: Sequence[str],
               codes: Sequence[str], table: str | IntervalTable = "14/2017") -> IkmResult:
    """The IKM of several surveys' respondents together (`xl-iku skm`'s combined figure, the roll-up's kabupaten),
    from each survey's per-unsur answer sums and counts and its respondents: the totals are added, the surveys' IKM
    never averaged."""
    parts = list(parts)
    sums = [float(sum(column)) for column in zip(*(p[0] for p in parts))]
    counts = [int(sum(column)) for column in zip(*(p[1] for p in parts))]
    return ikm_from_totals(sums, counts, int(sum(p[2] for p in parts)), names, codes, table)


def _labels(names: Sequence[str] | None, codes: Sequence[str] | None) -> list[str] | None:
    """How columns are named in messages: "U3 Waktu Penyelesaian"; "U2" when the unsur's name is its code (a survey
    headed U1 … under --unsur-sendiri), not "U2 U2"."""
    if names is None:
        return None
    return [c if n == c else f"{c} {n}" for c, n in zip(codes, names)] if codes is not None else list(names)


def _codes_names(count: int, codes: Sequence[str] | None,
                 names: Sequence[str] | None) -> tuple[Sequence[str], Sequence[str]]:
    standard = count == len(UNSUR_14_2017)
    if codes is None:
        codes = [c for c, _ in UNSUR_14_2017] if standard else [f"U{i + 1}" for i in range(count)]
    if names is None:
        names = [n for _, n in UNSUR_14_2017] if standard else list(codes)
    return codes, names


#: What an IKM can be: every answer 1 (25) to every answer 4 (100)
IKM_RANGE = (25.0, 100.0)


def ikm_category(score: Any, table: str | IntervalTable = "14/2017") -> Category:
    """Mutu and kinerja of an IKM: rounded half-up to 2 decimals, then looked up (88,305 → 88,31 → A)."""
    value = parse_number(score, "Nilai IKM")
    if not IKM_RANGE[0] <= value <= IKM_RANGE[1]:
        raise InputError(
            f"Nilai IKM {format_id(value)} di luar rentang 25–100. IKM dihitung dari jawaban 1–4 × 25; periksa "
            "rumus atau sel sumbernya."
        )
    if isinstance(table, str):
        try:
            table = MUTU_TABLES[table.strip().lower()]
        except KeyError:
            raise InputError(
                f"Tabel mutu '{table}' tidak dikenal. Pilih salah satu: {', '.join(MUTU_TABLES)}."
            ) from None
    return table.classify(round_half_up(value, 2), "Nilai IKM")


def parse_bobot(weight: float | str | None) -> float | None:
    """A legacy rounded weight as typed ("0,111"), checked on its own; None (blank) means exact 1/n."""
    if weight is None or (isinstance(weight, str) and not weight.strip()):
        return None
    value = parse_number(weight, "Bobot", example="0,111")
    if not 0.0 < value <= 1.0:
        raise InputError(
            f"Bobot {format_id(value, 4)} tidak sah: harus lebih dari 0 dan paling besar 1 (misalnya 0,111). "
            "Kosongkan untuk bobot tepat 1/jumlah unsur."
        )
    return value


def _bobot(weight: float | str | None, count: int) -> float:
    value = parse_bobot(weight)
    if value is None:
        return 1.0 / count
    if abs(value * count - 1.0) > 0.02:
        raise InputError(
            f"Bobot {format_id(value, 4)} × {count} unsur = {format_id(value * count, 3)}, seharusnya mendekati 1. "
            f"Untuk {count} unsur gunakan bobot 1/{count} (kosongkan isian bobot)."
        )
    return value


def _score(nrr: Sequence[float], bobot: float) -> float:
    if math.isclose(bobot * len(nrr), 1.0, rel_tol=0, abs_tol=1e-15):
        return float(math.fsum(nrr) / len(nrr) * 25.0)
    return float(math.fsum(nrr) * bobot * 25.0)


def _fast_matrix(responses: Any) -> np.ndarray | None:
    """numpy's own conversion when it cannot change what the cells mean; None sends the input the careful way.

    `np.array(..., dtype=float)` turns None into NaN (a blank, right) and numeric text into numbers (allowed), but
    also TRUE into 1, FALSE into 0 and the text "nan" into a blank. Such cells can only hide in rows that now hold
    a 1, a 0 or a blank, so only those rows have their Python types checked: a survey of 100,000 rows costs a
    fraction of a full scan.
    """
    import numpy as np

    if isinstance(responses, np.ndarray):
        if responses.dtype.kind in "fiu":
            return _two_d(responses.astype(float, copy=False))
        return None
    if not isinstance(responses, (list, tuple)) or not responses:
        return None
    try:
        matrix = np.array(responses, dtype=float)
    except (ValueError, TypeError):  # text, dates, ragged rows: the careful path names the cell
        return None
    if matrix.ndim == 1:
        cells: Any = responses
    elif matrix.ndim == 2:
        # a 1, a 0 or a blank: the only places where TRUE, FALSE or the text "nan" could hide
        rows, cols = np.nonzero((matrix <= 1) | np.isnan(matrix))
        cells = [responses[i][j] for i, j in zip(rows.tolist(), cols.tolist())]
    else:
        return None
    if not _FAST_TYPES.issuperset(map(type, cells)):
        return None
    return _two_d(matrix)


_UNSUR_COLUMN = re.compile(r"U([1-9][0-9]?)")


def _from_frame(frame: Any) -> Any:
    """The answers of a DataFrame as an array the rest of the rules take: its `U1`, `U2`, … columns when it has
    them (as `read_skm` names them, so profile columns beside them are left out), else all its columns.

    Numeric columns (numpy or pandas' nullable Int64/Float64, `<NA>` = blank) become one float matrix in C, as fast
    as a numpy array. Any other column (text, booleans, dates) goes the careful way, with pandas' missing values
    turned into None first, so a wrong cell is named exactly as in nested lists.
    """
    import numpy as np

    columns = getattr(frame, "columns", None)
    if columns is not None:
        found = [(int(m.group(1)), c) for c in columns if (m := _UNSUR_COLUMN.fullmatch(str(c)))]
        numbered = dict(found)
        twice = sorted({c for k, c in found if [n for n, _ in found].count(k) > 1}, key=str)
        if twice:  # two columns for one unsur: one would be read as a tenth unsur, the IKM wrong without a word
            raise InputError(f"Kolom {', '.join(map(str, twice))} muncul lebih dari sekali. Satu unsur hanya boleh satu "
                             "kolom: hapus atau ganti nama kolom yang dobel.")
        if numbered:
            missing = [f"U{k}" for k in range(1, max(numbered) + 1) if k not in numbered]
            if missing:
                raise InputError(f"Kolom jawaban U1 … U{max(numbered)} tidak lengkap: {', '.join(missing)} tidak ada. "
                                 "Beri nama kolom jawaban U1, U2, … tanpa loncatan.")
            frame = frame[[numbered[k] for k in sorted(numbered)]]
        kinds = {getattr(dtype, "kind", "O") for dtype in frame.dtypes}
    else:
        kinds = {getattr(frame.dtype, "kind", "O")}
    if kinds <= {"i", "u", "f"}:
        return frame.to_numpy(dtype=float, na_value=np.nan)
    values = np.array(frame.to_numpy(dtype=object), dtype=object)  # a copy: pandas may hand out a read-only view
    values[frame.isna().to_numpy()] = None
    return values.tolist()


def _two_d(matrix: np.ndarray) -> np.ndarray:
    if matrix.ndim == 1:
        return matrix.reshape(1, -1)  # one respondent's row
    if matrix.ndim != 2:
        raise InputError("Rentang jawaban harus dua dimensi: baris = responden, kolom = unsur.")
    return matrix


def _careful_matrix(responses: Any, names: Sequence[str] | None) -> np.ndarray:
    import numpy as np

    if isinstance(responses, np.ndarray):
        responses = responses.tolist()
    if isinstance(responses, (str, bytes)) or not hasattr(responses, "__iter__"):
        raise InputError("Jawaban harus berupa rentang sel (baris = responden, kolom = unsur), bukan satu nilai.")
    rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in responses]
    if rows and not any(isinstance(r, (list, tuple)) for r in responses):
        rows = [list(responses)]
    width = max((len(r) for r in rows), default=0)
    labels = unsur_labels(width, names) if names is None or len(names) == width else unsur_labels(width)
    matrix = np.full((len(rows), width), np.nan)
    for i, row in enumerate(rows):
        if len(row) != width:
            raise InputError(f"Baris {i + 1} berisi {len(row)} kolom, baris lain {width}. Samakan lebar rentangnya.")
        for j, cell in enumerate(row):
            matrix[i, j] = _answer(cell, i, j, labels[j])
    return matrix


def _answer(cell: Any, i: int, j: int, label: str) -> float:
    if cell is None:
        return math.nan
    if isinstance(cell, bool):
        problem = f"nilai logika {'TRUE' if cell else 'FALSE'} bukan jawaban"
    elif isinstance(cell, (Real, Decimal)):  # Decimal is no numbers.Real, yet a number as Fraction is
        return float(cell)  # range and integrality are checked for the whole matrix at once
    elif isinstance(cell, str):
        value = _text_value(cell)
        if value is not None:
            return value  # range and integrality are checked for the whole matrix at once
        text = cell.strip()
        if text.upper() in EXCEL_ERRORS:
            raise InputError(f"nilai galat Excel {text.upper()} bukan jawaban: rumus di sel ini gagal dihitung. "
                             f"Perbaiki rumusnya atau ganti dengan jawabannya. {_FIX}",
                             row=i + 1, column=j + 1, where=_where(i, j), subject=label)
        code = label.split()[0] if label.split() else None
        raise InputError(f"teks '{cell}' bukan jawaban yang dikenal. Jawaban yang diterima: angka 1–4, atau "
                         f"{accepted_labels(code)}. Kosongkan bila tidak dijawab.",
                         row=i + 1, column=j + 1, where=_where(i, j), subject=label)
    elif isinstance(cell, (_dt.date, _dt.time, _dt.timedelta)):
        problem = f"tanggal/waktu {cell} bukan jawaban"
    else:
        problem = f"{type(cell).__name__} {cell!r} bukan jawaban"
    raise InputError(f"{problem}. {_FIX}", row=i + 1, column=j + 1, where=_where(i, j), subject=label)


_FIX = "Isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab."

#: What Excel shows (and xlwings/openpyxl hand over as text) when a formula fails.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})


@lru_cache(maxsize=4096)
def _text_value(cell: str) -> float | None:
    """A text answer's value: a number ("3", " 4 ", "3.0": what numpy's conversion accepts, and "3,0" with the
    decimal comma; never NaN/inf) or a questionnaire label ("c. Sesuai"); a blank text is not answered (NaN).
    Cached: a survey repeats a few texts."""
    text = cell.strip()
    if not text:
        return math.nan
    try:
        value = float(text.replace(",", ".", 1) if _DECIMAL_COMMA.fullmatch(text) else text)
    except ValueError:
        label = label_value(text)
        return None if label is None else float(label)
    return value if math.isfinite(value) else None


#: A number written with the Indonesian decimal comma ("3,0", as a sheet set to Indonesian turns 3.0 into text);
#: "2,5" then reads 2.5 and is refused as no whole number, as "2.5" is
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")


def _where(i: int, j: int) -> str:
    return f"Baris {i + 1}, kolom {j + 1}"


def _check_scale(matrix: np.ndarray, labels: Sequence[str]) -> None:
    import numpy as np

    with np.errstate(invalid="ignore"):
        # NaN compares False everywhere, so blanks pass; ±inf fails the range test
        bad = (matrix < 1) | (matrix > 4) | (matrix != np.floor(matrix)) & ~np.isnan(matrix)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        value = float(matrix[i, j])
        if not math.isfinite(value):
            problem = f"nilai {value} bukan angka yang sah"
        elif value != math.floor(value):
            # every digit it holds: a formula's 2.0000000001 rounded for show would read "jawaban 2 bukan
            # bilangan bulat", which contradicts itself
            problem = f"jawaban {format_exact(value)} bukan bilangan bulat"
        else:
            problem = f"jawaban {int(value)} di luar skala 1–4"
        raise InputError(f"{problem}. {_FIX}", row=i + 1, column=j + 1, where=_where(i, j), subject=labels[j])
    empty = np.flatnonzero(np.isnan(matrix).all(axis=0))
    if empty.size:
        j = int(empty[0])
        raise InputError(
            "tidak berisi satu jawaban pun, sehingga NRR-nya tidak terdefinisi. Isi jawabannya, atau keluarkan "
            "kolom itu dari rentang.",
            column=j + 1, where=f"Kolom {j + 1}", subject=labels[j],
        )
