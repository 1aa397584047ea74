"""Many survey files at once (a kabupaten sends dozens): one result per file/unit/period, and the combined IKM
computed from all respondents together, never by averaging averages. A file that cannot be read is listed with its
reason; the others are still processed."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import InputError
from .rules.ikm import IkmResult, ikm_by_group, ikm_from_totals

SURVEY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class GroupOutcome:
    berkas: str
    unit: str
    periode: str
    result: IkmResult


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


@dataclass(frozen=True)
class BatchResult:
    files: list[FileOutcome]
    combined: IkmResult | None
    combined_problem: str = ""

    @property
    def groups(self) -> list[GroupOutcome]:
        return [g for f in self.files for g in f.groups]

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error]


def survey_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and the survey workbooks inside any directory given (not Excel's ~$ lock files)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix.lower() in SURVEY_SUFFIXES
                          and not p.name.startswith("~$") and p.is_file())
        else:
            out.append(path)
    return out


def process_file(path: Path, sheet: str | None = None, granularity: str = "semester") -> FileOutcome:
    """One survey file → its groups (unit × period). Never raises for a bad file: the error is the outcome."""
    from .readers.skm import read_survey
    from .skm import period_labels_of

    try:
        table = read_survey(path, sheet)
        periods = period_labels_of(table, granularity) or [((0,), "Semua")] * len(table.rows)
        stem = path.stem
        if "Unit" in table.profiles:
            keys = [(str(u) if u not in (None, "") else stem, period)
                    for u, period in zip(table.profiles["Unit"], periods)]
        else:  # one unit: the file (saves building 100,000 keys)
            keys = periods
        try:  # validates the whole file once; a bad answer is reported with its cell
            results = ikm_by_group(table.rows, keys, names=table.names, codes=table.codes)
        except InputError as error:
            raise table.locate(error) from None
        if "Unit" not in table.profiles:
            results = {(stem, period): result for period, result in results.items()}
        groups = []
        for (unit, (_, label)), result in sorted(results.items(), key=lambda kv: (kv[0][0], kv[0][1][0])):
            if isinstance(result, InputError):  # e.g. an unsur nobody answered in this period
                raise InputError(f"unit '{unit}', periode {label}: {result}") from None
            groups.append(GroupOutcome(str(path), unit, label, result))
        if not groups:
            raise InputError("tidak ada jawaban survei di sheet ini.")
        sums = tuple(sum(u.nrr * u.n for u in (g.result.unsur[j] for g in groups)) for j in range(len(table.codes)))
        counts = tuple(sum(g.result.unsur[j].n for g in groups) for j in range(len(table.codes)))
        return FileOutcome(str(path), groups, sums=sums, counts=counts,
                           responden=sum(g.result.responden for g in groups), codes=tuple(table.codes),
                           names=tuple(table.names))
    except InputError as error:
        return FileOutcome(str(path), error=str(error))
    except Exception as error:  # a corrupt file must not stop the batch
        return FileOutcome(str(path), error=f"tidak dapat dibaca ({type(error).__name__}: {error})")


def run_batch(paths: Sequence[Path], sheet: str | None = None, granularity: str = "semester", jobs: int = 1,
              progress: Callable[[int, int], None] | None = None) -> BatchResult:
    outcomes: list[FileOutcome] = []
    if jobs > 1 and len(paths) > 1:
        # a few files per task: one file is often quicker than the round trip to a worker
        chunk = max(1, len(paths) // (jobs * 8))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(process_file, paths, [sheet] * len(paths), [granularity] * len(paths),
                               chunksize=chunk)
            for done, outcome in enumerate(results, start=1):
                outcomes.append(outcome)
                if progress:
                    progress(done, len(paths))
    else:
        for done, path in enumerate(paths, start=1):
            outcomes.append(process_file(path, sheet, granularity))
            if progress:
                progress(done, len(paths))
    return BatchResult(outcomes, *_combined(outcomes))


def _combined(outcomes: list[FileOutcome]) -> tuple[IkmResult | None, str]:
    good = [o for o in outcomes if not o.error]
    if not good:
        return None, "tidak ada berkas yang dapat diolah"
    codes = {o.codes for o in good}
    if len(codes) > 1:
        return None, "berkas memakai susunan unsur yang berbeda; nilai gabungan tidak dihitung"
    sums = [sum(column) for column in zip(*(o.sums for o in good))]
    counts = [sum(column) for column in zip(*(o.counts for o in good))]
    try:
        combined = ikm_from_totals(sums, counts, sum(o.responden for o in good), good[0].names, good[0].codes)
    except InputError as error:
        return None, str(error)
    return combined, ""
