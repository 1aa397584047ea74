"""The tabular face of the Python API: surveys and results as pandas DataFrames.

A thin layer over what already exists: `read_skm` is `readers.skm.read_survey` validated like `xl-iku ikm`;
`ikm_table` is `rules.ikm.ikm_summary` (per unsur) or `rules.ikm.ikm_by_group` (per group) with the numbers laid out
as a DataFrame. numpy stays the engine; pandas only labels rows and columns. pandas is imported inside the
functions, so `import xl_iku` (and `xl_iku.udfs` in xlwings Lite) does not pay for it.

Answers are `Int64` (pandas' nullable integer): an answer is a whole number 1–4, and `<NA>` says "not answered"
without turning the column into floats.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .rules.ikm import answer_matrix, ikm_by_group, ikm_summary

if TYPE_CHECKING:
    import pandas as pd

    from .batch import BatchResult

#: How a group without a label (blank cell, missing value) is shown, as in the Hasil SKM sheet.
TIDAK_DIISI = "(tidak diisi)"


def read_skm(path: str | os.PathLike, sheet: str | None = None, cell_range: str | None = None, *,
             zero_blank: bool = False, other_unsur: bool = False) -> pd.DataFrame:
    """A survey workbook as a DataFrame: one row per respondent (a row with at least one answer), indexed by its
    sheet row (`baris`).

    Columns: the respondent profile columns the sheet has (`Tanggal` as datetime64, `Jenis Layanan`, `Jenis
    Kelamin`, `Usia`, `Pendidikan`, `Pekerjaan`, `Periode`, `Unit`), then `U1` … `U9` (`Int64`, `<NA>` = not
    answered), then every other headed column under its header text. `frame.attrs["unsur"]` maps each code to the
    unsur's name. The sheet, header and answers are found and checked exactly as `xl-iku ikm` does (same
    `InputError` messages, naming the sheet and cell); `zero_blank` and `other_unsur` are the reader's options
    (`--nol-kosong`, `--unsur-sendiri`).
    """
    import numpy as np
    import pandas as pd

    from .readers.skm import read_survey

    table = read_survey(path, sheet, cell_range, zero_blank=zero_blank, other_unsur=other_unsur)
    try:
        matrix = table.answers
    except InputError as error:
        raise table.locate(error) from None
    keep = ~np.isnan(matrix).all(axis=1)
    index = pd.Index(np.arange(table.first_row, table.first_row + len(matrix))[keep], name="baris")
    columns: dict[str, Any] = {}
    for name, values in table.profiles.items():
        columns[name] = _dates(values) if name == "Tanggal" else _profile(values)
    for code, answers in zip(table.codes, matrix.T):
        columns[code] = pd.arrays.IntegerArray(np.nan_to_num(answers).astype(np.int64), np.isnan(answers))
    for header, column in table.others:
        columns[_unique(header, columns)] = _profile(table.values_of(column))
    frame = pd.DataFrame({k: v[keep] for k, v in columns.items()}, index=index)
    frame.attrs["unsur"] = dict(zip(table.codes, table.names))
    frame.attrs["sheet"] = table.sheet
    return frame


def ikm_table(data: Any, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The SKM result as a table.

    `by=None`: one row per unsur, columns `kode`, `nama`, `n` (answers given), `nrr`, `nrr_tertimbang`; the IKM,
    mutu, kinerja, responden and bobot are in `table.attrs`. `data` is a DataFrame (its `U1`… columns, else all
    columns) or anything `ikm_score` takes.

    `by="Jenis Layanan"` (any column of `data`, or a list of columns): one row per group, indexed by the group,
    columns `responden`, `ikm`, `mutu`, `kinerja`, `nrr_U1` … and `keterangan`. Each group's IKM is the IKM of its
    respondents alone. A group in which some unsur has no answer has no IKM: `keterangan` says which unsur (the
    Hasil SKM sheet shows such groups the same way); blank labels form the group "(tidak diisi)".
    """
    if by is None:
        return _unsur_table(data)
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputError("Pengelompokan (by=...) memerlukan DataFrame yang berisi kolom kelompok itu.")
    names = [by] if isinstance(by, str) else list(by)
    missing = [n for n in names if n not in data.columns]
    if missing:
        raise InputError(f"Kolom {', '.join(repr(n) for n in missing)} tidak ada. Kolom yang ada: "
                         f"{', '.join(map(str, data.columns))}.")
    answers = data.drop(columns=names)
    return group_table(answers, [data[n] for n in names], names, _names(data, answers))


def group_table(answers: Any, keys: Sequence[Sequence[Hashable]], names: Sequence[str],
                unsur: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per group (see `ikm_table`); `keys` holds one sequence of labels per grouping column, each as long
    as `answers`. Groups are computed by `rules.ikm.ikm_by_group`, as in the Hasil SKM sheet."""
    import numpy as np
    import pandas as pd

    ids = np.zeros(len(keys[0]), dtype=np.int64)
    levels = []
    for column in keys:
        coded, uniques = _factorize(column)
        ids = ids * (len(uniques) + 1) + coded
        levels.append(list(uniques) + [TIDAK_DIISI])
    codes = None if unsur is None else [f"U{j + 1}" for j in range(len(unsur))]
    results = ikm_by_group(answers, ids, names=unsur, codes=codes)  # validates the answers
    computed = [r for r in results.values() if not isinstance(r, InputError)]
    # only a group with an unanswered unsur needs the answers again, to count its respondents
    matrix = answer_matrix(answers) if len(computed) < len(results) else None
    width = len(computed[0].unsur) if computed else matrix.shape[1]
    labels, rows = [], []
    for group in sorted(results):
        label, rest = [], group
        for level in reversed(levels):
            rest, code = divmod(rest, len(level))
            label.append(level[code])
        labels.append(tuple(reversed(label)) if len(levels) > 1 else label[0])
        result = results[group]
        if isinstance(result, InputError):
            given = ~np.isnan(matrix[ids == group])
            rows.append((int(given.any(axis=1).sum()), np.nan, pd.NA, pd.NA, *[np.nan] * width, str(result)))
        else:
            rows.append((result.responden, result.ikm, result.category.code, result.category.label,
                         *(u.nrr for u in result.unsur), pd.NA))
    columns = ["responden", "ikm", "mutu", "kinerja", *(f"nrr_U{j + 1}" for j in range(width)),
               "keterangan"]
    if len(levels) > 1:
        index = pd.MultiIndex.from_tuples(labels, names=list(names))
    else:
        index = pd.Index(labels, name=names[0], dtype=object)
    frame = pd.DataFrame(rows, columns=columns, index=index)
    return frame.astype({"mutu": "string", "kinerja": "string", "keterangan": "string"})


def batch_table(batch: BatchResult) -> pd.DataFrame:
    """`xl-iku skm`'s table: one row per file/unit/period, with its respondents, IKM, mutu, kinerja and NRR; a
    `keterangan` column when some group has no IKM (an unsur nobody in it answered), saying why."""
    import pandas as pd

    rows = []
    for g in batch.groups:
        row = {"berkas": g.berkas, "unit": g.unit, "periode": g.periode, "responden": g.responden}
        if g.result is not None:
            row.update(ikm=g.result.ikm, mutu=g.result.category.code, kinerja=g.result.category.label)
            row.update({f"nrr_{u.kode}": u.nrr for u in g.result.unsur})
        else:  # an unsur nobody in this group answered: no IKM, and why (as `ikm_table` says it)
            row.update(ikm=float("nan"), mutu=pd.NA, kinerja=pd.NA, keterangan=g.keterangan)
        rows.append(row)
    columns = ["berkas", "unit", "periode", "responden", "ikm", "mutu", "kinerja"]
    nrr = sorted({k for r in rows for k in r if k.startswith("nrr_")}, key=lambda k: int(k[5:]))
    extra = ["keterangan"] if any("keterangan" in r for r in rows) else []
    return pd.DataFrame(rows, columns=columns + nrr + extra)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """UTF-8, comma, decimal point, no index: `pandas.read_csv(path)` gives the table back. Saved like every file
    xl-iku writes (`workbook.save_atomic`): never half a file, mode and symlinks kept.

    A text cell that Excel would run as a formula when the CSV is opened (a file or unit name beginning with =, +,
    -, @, a tab or a carriage return) is written with a leading apostrophe, as OWASP advises against CSV
    injection: Excel shows the text, runs nothing."""
    from .workbook import save_atomic

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith("str"):
            safe[column] = [neutralise(v) for v in safe[column]]
    save_atomic(path, lambda temp: safe.to_csv(temp, index=False, encoding="utf-8"))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula, prefixed with an apostrophe (OWASP's CSV injection advice)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _unsur_table(data: Any) -> pd.DataFrame:
    import pandas as pd

    result = ikm_summary(data, names=_names(data, data))
    frame = pd.DataFrame([(u.kode, u.nama, u.n, u.nrr, u.nrr_tertimbang) for u in result.unsur],
                         columns=["kode", "nama", "n", "nrr", "nrr_tertimbang"])
    frame.attrs.update(ikm=result.ikm, mutu=result.category.code, kinerja=result.category.label,
                       responden=result.responden, bobot=result.bobot)
    return frame


def _names(data: Any, answers: Any) -> list[str] | None:
    """The unsur names `read_skm` kept (`attrs["unsur"]`), when the answers are exactly those unsur."""
    unsur = getattr(data, "attrs", {}).get("unsur")
    columns = list(getattr(answers, "columns", ()))
    if isinstance(unsur, dict) and unsur and all(code in columns for code in unsur):
        return [unsur[code] for code in sorted(unsur, key=lambda c: int(c[1:]))]
    return None


def _factorize(column: Sequence[Hashable]) -> tuple[Any, list[Any]]:
    """(code per row, labels): labels sorted when they can be; a missing or blank label is coded len(labels)."""
    import numpy as np
    import pandas as pd

    values = column if isinstance(column, pd.Series) else pd.Series(list(column), dtype=object)
    try:
        codes, uniques = pd.factorize(values, sort=True)
    except TypeError:  # labels of mixed types (numbers and text): in order of first appearance
        codes, uniques = pd.factorize(values, sort=False)
    blank = [isinstance(v, str) and not v.strip() for v in uniques]
    labels = [v for v, b in zip(uniques, blank) if not b]
    new = np.cumsum([not b for b in blank]) - 1
    remap = np.array([len(labels) if b else int(k) for b, k in zip(blank, new)] + [len(labels)], dtype=np.int64)
    return remap[codes], labels  # pandas codes a missing label -1: the last entry of remap


def _profile(values: list[Any]) -> Any:
    """A profile column as pandas would type it, nullable: whole numbers Int64, text `string`, dates datetime64."""
    import pandas as pd

    present = [v for v in values if v is not None]
    if present and all(isinstance(v, (dt.date, dt.datetime)) for v in present):
        return pd.to_datetime(pd.Series(values, dtype=object)).array
    return pd.Series(values, dtype=object).convert_dtypes().array


def _dates(values: list[Any]) -> Any:
    """`Tanggal` as datetime64, read the way the Hasil SKM sheet reads it for its periods (a date cell, an Excel
    serial number or day-first text); a cell that is no date is NaT, as Hasil SKM counts it "(tidak diisi)"."""
    import pandas as pd

    from .model.skm_report import survey_dates

    seen = survey_dates(values)  # a survey has far fewer distinct dates than respondents; one order per column
    out = [None if value is None else value if isinstance(value, dt.datetime) else seen[value] for value in values]
    return pd.to_datetime(pd.Series(out, dtype=object)).array


def _unique(header: str, taken: dict[str, Any]) -> str:
    """A second column with a header already used gets pandas' own suffix (`Saran.1`)."""
    name, k = header, 0
    while name in taken:
        k += 1
        name = f"{header}.{k}"
    return name
