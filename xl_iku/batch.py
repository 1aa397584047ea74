"""Many survey files at once (a kabupaten sends dozens): one result per file/unit/period, and the combined IKM
computed from all respondents together, never by averaging averages. What one file becomes is here; finding the
files, skipping what a folder holds besides surveys, counting each survey once and running them over processes
(one file's failure, or a crash of its reader process, fails that file only) are `many`'s.

A workbook without a survey sheet found in a folder is skipped (`many.Skip`), never counted, never a failure; the
same survey found twice (the same file by another path, or a copy holding the same data) is counted once, with a
warning naming both."""

from __future__ import annotations

import functools
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import many
from .errors import InputError
from .many import Found
from .model.survey import profile_blocks
from .readers.sources import SURVEY_SUFFIXES
from .rules.ikm import IkmResult, ikm_by_group_coded, ikm_pooled, totals_by_group


@dataclass(frozen=True)
class GroupOutcome:
    """One file/unit/period row. A group in which some unsur has no answer has no IKM (`result` None,
    `keterangan` says which unsur), as in the Hasil SKM sheet and `ikm_table`: its respondents still count in the
    file's and the combined figure, which only the whole file's unanswered unsur would prevent."""

    berkas: str
    unit: str
    periode: str
    result: IkmResult | None
    keterangan: str = ""
    without_ikm: int = 0  # respondents of a group without IKM

    @property
    def responden(self) -> int:
        return self.result.responden if self.result is not None else self.without_ikm


@dataclass(frozen=True)
class FileOutcome:
    berkas: str
    groups: list[GroupOutcome] = field(default_factory=list)
    # per-unsur sums and counts of all answers, and respondents: enough for the pooled combined figure, and cheap
    # to send back from a worker process
    sums: tuple[float, ...] = ()
    counts: tuple[int, ...] = ()
    responden: int = 0
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    error: str = ""
    fault: str = ""  # the failure is a fault of xl-iku (`error` says so): its traceback
    left_out: tuple[str, ...] = ()  # rows below the table that are not respondents
    notes: tuple[str, ...] = ()  # what the reading assumed (the order of dates nothing proves)


@dataclass(frozen=True)
class BatchResult:
    files: list[FileOutcome]
    combined: IkmResult | None
    combined_problem: str = ""
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why): never counted, never a failure
    warnings: list[str] = field(default_factory=list)  # duplicates counted once

    @property
    def groups(self) -> list[GroupOutcome]:
        return [g for f in self.files for g in f.groups]

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error]

    @property
    def faults(self) -> list[FileOutcome]:
        return [f for f in self.files if f.fault]


def survey_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and the survey files inside any directory given."""
    return find_surveys(paths).files


def find_surveys(paths: Iterable[str | os.PathLike]) -> Found:
    """Files as given, and the survey files inside any directory given (`many.find`)."""
    return many.find(paths, SURVEY_SUFFIXES, other="bukan berkas survei")


def process_file(path: Path, sheet: str | None = None, granularity: str = "semester", optional: bool = False,
                 read_options: dict | None = None) -> tuple[FileOutcome, str]:
    """One survey file → its groups (unit × period), and a digest of its data (`many.digest`: a copy holding the
    same survey is counted once). Raises for a bad file (`many.run` turns it into the file's row).

    `optional`: the file was found in a folder, so a workbook without a survey sheet (or with no answers yet) is
    skipped rather than failed. `read_options` go to `read_survey` (zero_blank, other_unsur).
    """
    from .model.skm_report import period_codes
    from .readers.skm import NotASurvey, read_survey

    try:
        table = read_survey(path, sheet, **(read_options or {}))
    except NotASurvey as error:
        if optional:
            raise many.Skip(f"bukan berkas survei ({error.message})") from None
        raise
    if optional and not any(any(v is not None for v in row) for row in table.rows):
        raise many.Skip(f"sheet '{table.sheet}' belum berisi jawaban")
    table.require_respondents()
    coded = period_codes(table, granularity)
    period_ids, periods = coded if coded is not None else (bytes(len(table.rows)), [((0,), "Semua")])
    ids, keys = _group_codes(table, period_ids, periods, path.stem)
    try:  # validates the whole file once; a bad answer is reported with its cell
        answers = table.answer_bytes
    except InputError as error:
        raise table.locate(error) from None
    responden, sums, given = totals_by_group(answers, ids, len(keys))
    results = ikm_by_group_coded(answers, ids, len(keys), names=table.names, codes=table.codes)
    groups = []
    for g in sorted(results, key=lambda g: (keys[g][0], keys[g][1][0])):
        unit, (_, label) = keys[g]
        result = results[g]
        if isinstance(result, InputError):  # an unsur nobody in this unit and period answered: no IKM for it
            groups.append(GroupOutcome(str(path), unit, label, None, str(result), int(responden[g])))
        else:
            groups.append(GroupOutcome(str(path), unit, label, result))
    if not groups:
        raise InputError("tidak ada jawaban survei di sheet ini.")
    totals = tuple(sums.sum(axis=0).tolist()), tuple(int(n) for n in given.sum(axis=0)), int(responden.sum())
    outcome = FileOutcome(str(path), groups, sums=totals[0], counts=totals[1], responden=totals[2],
                          codes=tuple(table.codes),
                          names=tuple(table.names), left_out=tuple(table.left_out),
                          notes=_date_notes(path, table))
    # the survey as read: its unsur, every answer (0: none) and every profile column, not the file's name
    return outcome, _digest(table)


def _group_codes(table, period_ids: Sequence[int], periods: list, stem: str) -> tuple[Any, list[tuple[str, Any]]]:
    """Each row's group (unit × period) as an integer code, and the (unit, period) of each code: the `Unit` column's
    values (the file's name where blank) coded a block at a time, as the periods are."""
    import numpy as np

    if "Unit" not in table.profiles:  # one unit: the file
        return np.frombuffer(period_ids, dtype=np.uint8) if isinstance(period_ids, bytes) else period_ids, [
            (stem, period) for period in periods]
    index: dict[tuple[str, Any], int] = {}
    ids = array("i")
    start = 0
    for units in profile_blocks(table, "Unit"):
        end = start + len(units)
        unit_of = {u: str(u) if u not in (None, "") else stem for u in dict.fromkeys(units)}
        pairs = list(zip(map(unit_of.__getitem__, units), period_ids[start:end]))
        code = {pair: index.setdefault((pair[0], periods[pair[1]]), len(index)) for pair in dict.fromkeys(pairs)}
        ids.extend(map(code.__getitem__, pairs))
        start = end
    return ids, list(index)


def _digest(table) -> str:
    """`many.digest` of the answers (one byte each) and of every profile column (as `repr` of the sorted items
    writes them, fed a block at a time: the same digest as of the whole columns, never held whole)."""
    def profiles() -> Iterator[str]:
        yield "["
        for n, name in enumerate(sorted(table.profiles)):
            yield f"{', ' if n else ''}({name!r}, ["
            written = False
            for values in profile_blocks(table, name):
                if values:
                    yield (", " if written else "") + repr(values)[1:-1]
                    written = True
            yield "])"
        yield "]"
    answers = table.answer_bytes
    return many.digest(table.codes, answers.shape, answers.tobytes(), many.Pieces(profiles()))


def _date_notes(path: Path, table) -> tuple[str, ...]:
    """Say when the periods rest on an order of dates that nothing in the column proves."""
    from .rules.periode import undecided_order

    if "Periode" in table.profiles or "Tanggal" not in table.profiles:
        return ()
    example = undecided_order(v for values in profile_blocks(table, "Tanggal") for v in dict.fromkeys(values)
                              if isinstance(v, str))
    if example is None:
        return ()
    return (f"'{path}': urutan tanggal di kolom Tanggal tidak dapat dipastikan (tidak ada tanggal di atas 12, "
            f"misalnya '{example}'): dibaca hari/bulan/tahun. Bila formulir menulis bulan dulu, ubah kolom itu "
            "menjadi sel tanggal Excel.",)


def run_batch(paths: Sequence[Path], sheet: str | None = None, granularity: str = "semester", jobs: int = 1,
              progress: Callable[[int, int], None] | None = None, *, found: Found | None = None,
              read_options: dict | None = None) -> BatchResult:
    """Every file of `paths` (`found`: as `find_surveys` found them, with what it passed over) on `jobs` processes."""
    found = replace(found, files=list(paths)) if found else Found(list(paths))
    read = functools.partial(_read, sheet=sheet, granularity=granularity, read_options=read_options)
    ran = many.run(read, found, jobs, progress)
    files = [o.value if o.value is not None else FileOutcome(o.path, error=o.error, fault=o.fault)
             for o in ran.outcomes]
    warnings = [f"'{path}' adalah berkas yang sama dengan '{first}': dihitung sekali." for path, first in ran.same_file]
    warnings += [f"'{path}' berisi data survei yang sama dengan '{first}': dihitung sekali."
                 for path, first in ran.same_data]
    warnings += [note for outcome in files for note in outcome.notes]
    return BatchResult(files, *_combined(files), skipped=found.skipped + ran.skipped, warnings=warnings)


def _read(path: Path, in_folder: bool, sheet: str | None, granularity: str,
          read_options: dict | None) -> tuple[FileOutcome, str]:
    """`many`'s per-file function: `process_file`, looked up when called (a test may stand in for it)."""
    return process_file(path, sheet, granularity, in_folder, read_options)


def _combined(outcomes: list[FileOutcome]) -> tuple[IkmResult | None, str]:
    good = [o for o in outcomes if not o.error]
    if not good:
        return None, "tidak ada berkas yang dapat diolah"
    codes = {o.codes for o in good}
    if len(codes) > 1:
        return None, "berkas memakai susunan unsur yang berbeda; nilai gabungan tidak dihitung"
    try:
        combined = ikm_pooled(((o.sums, o.counts, o.responden) for o in good), good[0].names, good[0].codes)
    except InputError as error:
        return None, str(error)
    return combined, ""
