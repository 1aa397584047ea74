"""The SKM report as data: overall result, breakdowns by layanan and respondent profile, periods, sample size.

Built from a `SurveyTable` (model.survey, read by readers.skm) with the rules; read by
`layout.hasil_skm` and the `skm` command.
"""

from __future__ import annotations

import datetime as dt
import functools
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, TypeVar

from ..cells import date_from_serial
from ..errors import InputError, SheetError
from ..rules.ikm import IkmResult, ikm_by_group_coded
from ..rules.intervals import Category
from ..rules.periode import month_first_order, parse_date, period_of
from ..rules.profil import PROFILE_CHOICES, USIA_KELOMPOK, profile_choice
from ..rules.sampel import krejcie_morgan
from .survey import SurveyTable, profile_blocks, survey_summary

_Label = TypeVar("_Label")

#: Profile columns broken down in the report, in this order (when present).
BREAKDOWNS = ("Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan")
TIDAK_DIISI = "(tidak diisi)"
TANGGAL_TAK_DIKENALI = "(tanggal tidak dikenali)"  # a date cell holding text that is no date: shown, never guessed


@dataclass(frozen=True)
class GroupResult:
    label: str
    responden: int
    ikm: float | None  # None: some unsur has no answer in this group
    category: Category | None
    ditulis: tuple[str, ...] = ()  # other spellings counted in this group ("L", "Pria" in Laki-laki), for staff


@dataclass(frozen=True)
class SkmReport:
    """The breakdowns are computed when first asked for (by the Hasil SKM layout): a reader that needs only the
    overall result, such as the roll-up of many offices, does not pay for them."""

    survey: SurveyTable
    result: IkmResult
    population: float | None
    min_sample: int | None
    granularity: str = "semester"

    @cached_property
    def groups(self) -> dict[str, list[GroupResult]]:
        """IKM by jenis layanan and by respondent profile, for the profile columns the survey has."""
        groups = {}
        for name in BREAKDOWNS:
            if name in self.survey.profiles:  # each block's distinct values labelled once, coded per row
                spelled: dict[str, set[str]] = {}
                ids, labels = _coded(profile_blocks(self.survey, name),
                                     functools.partial(_typed_label, name, spelled), typed=True)
                order = [b[2] for b in USIA_KELOMPOK] if name == "Usia" else PROFILE_CHOICES.get(name)
                groups[name] = [replace(g, ditulis=tuple(sorted(spelled.get(g.label, ()), key=str.lower)))
                                for g in grouped_codes(self.survey, ids, labels, order)]
        return groups

    @cached_property
    def periods(self) -> list[GroupResult]:
        """IKM by period (`Periode` column, else semester/triwulan/tahun of `Tanggal`); empty without either."""
        coded = period_codes(self.survey, self.granularity)
        if coded is None:
            return []
        ids, periods = coded
        return grouped_codes(self.survey, ids, [label for _, label in periods], _period_order(periods))


def skm_report(table: SurveyTable, population: Any = None, granularity: str = "semester") -> SkmReport:
    min_sample = krejcie_morgan(population) if population not in (None, "") else None
    return SkmReport(table, survey_summary(table), population, min_sample, granularity)


def period_labels_of(table: SurveyTable, granularity: str = "semester") -> list[tuple[Any, str]] | None:
    """(sort key, label) per row from a `Periode` column, else from `Tanggal`; None when neither exists."""
    coded = period_codes(table, granularity)
    if coded is None:
        return None
    ids, periods = coded
    return list(map(periods.__getitem__, ids))


def period_codes(table: SurveyTable, granularity: str = "semester") -> tuple[array, list[tuple[Any, str]]] | None:
    """`period_labels_of` as one small integer per row into a list of (sort key, label), worked out a block of rows
    at a time from each block's distinct values (`survey.profile_blocks`): a large export's `Tanggal`, a distinct
    timestamp per respondent, is never held whole, parsed or not. None when the survey has neither column."""
    if "Periode" in table.profiles:
        def period(key: tuple[type, Any]) -> tuple[Any, str]:
            value = key[1]
            return (0, str(value)) if value is not None else (1, TIDAK_DIISI), (str(value) if value is not None
                                                                                else TIDAK_DIISI)
        return _coded(profile_blocks(table, "Periode"), period, typed=True)
    if "Tanggal" in table.profiles:
        try:
            month_first = tanggal_order(table)
        except InputError as error:
            raise SheetError(table.sheet, error.message) from None

        def dated(date: dt.date | None, value: Any) -> tuple[Any, str]:
            return (period_of(date, granularity) if date else
                    ((9999, 8), TANGGAL_TAK_DIKENALI) if value not in (None, "") else ((9999, 9), TIDAK_DIISI))
        return tanggal_codes(table, dated, month_first)
    return None


def tanggal_order(table: SurveyTable) -> bool:
    """Whether the survey's `Tanggal` column writes numeric dates month first, decided from all its distinct texts
    a block at a time (`month_first_order`; its InputError when both orders are written)."""
    return month_first_order(v for values in profile_blocks(table, "Tanggal") for v in dict.fromkeys(values)
                             if isinstance(v, str))


def tanggal_codes(table: SurveyTable, label: Callable[[dt.date | None, Any], _Label],
                  month_first: bool) -> tuple[array, list[_Label]]:
    """Each row's `Tanggal` as a small integer into the labels `label(date, value)` gives (date None where the cell
    is empty or no date), worked out once per distinct value of each block of rows."""
    def dated(value: Any) -> _Label:
        return label(survey_date(value, month_first) if value is not None else None, value)
    return _coded(profile_blocks(table, "Tanggal"), dated)


def _coded(blocks: Iterable[list[Any]], label: Callable[[Any], _Label],
           typed: bool = False) -> tuple[array, list[_Label]]:
    """(code per value, the labels): `label` worked out once per distinct value of each block. `typed`: values are
    told apart by type too (TRUE and 1 are equal keys)."""
    index: dict[_Label, int] = {}
    ids = array("i")
    for values in blocks:
        keys: Iterable[Any] = list(zip(map(type, values), values)) if typed else values
        code = {key: index.setdefault(label(key), len(index)) for key in dict.fromkeys(keys)}
        ids.extend(map(code.__getitem__, keys))
    return ids, list(index)


def _period_order(labels: list[tuple[Any, str]]) -> list[str]:
    seen: dict[str, Any] = {}
    for key, label in labels:
        seen.setdefault(label, key)
    return sorted(seen, key=lambda label: seen[label])


def grouped(table: SurveyTable, labels: Sequence[str], order: Sequence[str] | None) -> list[GroupResult]:
    """IKM per group label (one per row), in `order` first, then the other labels alphabetically, the unfilled ones
    last."""
    index = {label: code for code, label in enumerate(dict.fromkeys(labels))}
    return grouped_codes(table, array("i", map(index.__getitem__, labels)), list(index), order)


def grouped_codes(table: SurveyTable, ids: Sequence[int], labels: Sequence[str],
                   order: Sequence[str] | None) -> list[GroupResult]:
    """`grouped` of rows given as integer codes into `labels` (distinct), counted from the answers one byte each
    (`SurveyTable.answer_bytes`, validated once: a bad answer raises as `table.answers` would)."""
    import numpy as np

    answers = table.answer_bytes
    coded = ikm_by_group_coded(answers, ids, len(labels), names=table.names, codes=table.codes)
    results = {labels[g]: result for g, result in coded.items()}
    order = list(order or ())
    rest = sorted((str(k) for k in results if k not in order and k != TIDAK_DIISI), key=str.lower)
    tail = [TIDAK_DIISI] if TIDAK_DIISI in results and TIDAK_DIISI not in order else []
    answered = None
    out = []
    label: str
    for label in [o for o in order if o in results] + rest + tail:
        result = results[label]
        if isinstance(result, InputError):  # an unsur nobody in the group answered: its respondents still shown
            if answered is None:
                answered = np.bincount(np.asarray(ids, dtype=np.intp)[answers.any(axis=1)], minlength=len(labels))
            out.append(GroupResult(label, int(answered[labels.index(label)]), None, None))
        else:
            out.append(GroupResult(label, result.responden, result.ikm, result.category))
    return out


def _typed_label(name: str, spelled: dict[str, set[str]], key: tuple[type, Any]) -> str:
    """`_group_label` of a (type, value) key: equal numbers get equal labels (1 and 1.0 are "1"), TRUE and 1 are
    labelled apart. A text counted under a choice it does not spell ("Pria" under Laki-laki) is kept in
    `spelled`, so the report can say what it counted there."""
    label = _group_label(name, key[1])
    if isinstance(key[1], str) and " ".join(key[1].split()) != label and label != TIDAK_DIISI:
        spelled.setdefault(label, set()).add(" ".join(key[1].split()))
    return label


def _group_label(name: str, value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return TIDAK_DIISI
    choice = profile_choice(name, value)  # "L" → Laki-laki, "SLTA" → SMA, 25 → 20–29 tahun
    if choice is not None:
        return choice
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def survey_dates(values: Iterable[Any]) -> dict[Any, dt.date | None]:
    """Each distinct `Tanggal` of a column → its date, the order of numeric text dates (day or month first) decided
    once for the whole column from all its values (`month_first_order`)."""
    distinct = {v for v in values if v is not None}
    month_first = month_first_order(v for v in distinct if isinstance(v, str))
    return {v: survey_date(v, month_first) for v in distinct}


def survey_date(value: Any, month_first: bool = False) -> dt.date | None:
    """A respondent's `Tanggal` as a date, read one way for Hasil SKM periods, `read_skm` and the roll-up's year;
    `month_first` as its column decided (`survey_dates`)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value < 100000:
        return date_from_serial(value)
    if isinstance(value, str):
        return parse_date(value, month_first)
    return None
