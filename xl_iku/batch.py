"""Many survey files at once (a kabupaten sends dozens): one result per file/unit/period, and the combined IKM
computed from all respondents together, never by averaging averages. A file that cannot be read is listed with its
reason; the others are still processed, even when a reader process dies on one file.

What a folder naturally holds besides surveys (hidden and temporary copies, Excel lock files, macOS `._` files,
other documents, workbooks without a survey sheet) is skipped, never counted, never a failure; the same survey found
twice (the same file by another path, or a copy holding the same data) is counted once, with a warning."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .parallel import chunk_size
from .readers.sources import SURVEY_SUFFIXES
from .rules.ikm import IkmResult, ikm_by_group, ikm_pooled

#: Why a file found in a folder is not read, by how its name begins: interrupted saves (".s.x1y2z3.xlsx"), macOS
#: resource forks ("._s.xlsx"), Excel's lock files ("~$s.xlsx").
SKIPPED_PREFIXES = (("~$", "berkas kunci Excel"), ("._", "berkas metadata macOS"),
                    (".", "berkas tersembunyi/sementara"))


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
    skipped: str = ""  # a file found in a folder that holds no survey: why it was left out
    fingerprint: str = ""  # digest of the survey's data: the same survey in two files is counted once
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


@dataclass(frozen=True)
class Found:
    files: list[Path]
    in_folder: set[Path]  # found by walking a folder (not named by the user): skipped when not a survey
    skipped: list[tuple[str, str]]
    warnings: list[str]
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, why): listed as failed rows


def survey_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and the survey files inside any directory given."""
    return find_surveys(paths).files


def find_surveys(paths: Iterable[str | os.PathLike]) -> Found:
    """Files as given, and the survey files inside any directory given; what a folder holds besides surveys is
    listed as skipped. A file reached twice (another spelling of the path, a symlink) is kept once."""
    files: list[Path] = []
    in_folder: set[Path] = set()
    skipped: list[tuple[str, str]] = []
    warnings: list[str] = []
    unreadable: list[tuple[str, str]] = []
    seen: dict[Path, Path] = {}

    def add(path: Path, walked: bool) -> None:
        key = path.resolve()
        if key in seen:
            warnings.append(f"'{path}' adalah berkas yang sama dengan '{seen[key]}': dihitung sekali.")
            return
        seen[key] = path
        files.append(path)
        if walked:
            in_folder.add(path)

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            add(path, False)
            continue
        children, unlisted = walk_folder(path)
        for folder, why in unlisted:
            if not any(part.startswith(start) for start, _ in SKIPPED_PREFIXES
                       for part in Path(folder).relative_to(path).parts):
                unreadable.append((folder, why))
        for child in children:
            parts = child.relative_to(path).parts
            reason = next((why for start, why in SKIPPED_PREFIXES for part in parts if part.startswith(start)), None)
            if reason is None and child.suffix.lower() not in SURVEY_SUFFIXES:
                reason = "bukan berkas survei"
            if reason:
                skipped.append((str(child), reason))
            else:
                add(child, True)
    return Found(files, in_folder, skipped, warnings, unreadable)


def walk_folder(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file under `folder`, sorted, and each subfolder that could not be listed with why: an office whose
    folder cannot be opened is a failed row, never silently missing (`Path.rglob` passes over it in silence)."""
    files: list[Path] = []
    unlisted: list[tuple[str, str]] = []

    def failed(error: OSError) -> None:
        unlisted.append((str(error.filename or folder), error.strerror or str(error)))

    for root, _, names in os.walk(folder, onerror=failed):
        files += [Path(root) / name for name in names]
    return sorted(p for p in files if p.is_file()), unlisted


def unlisted_folder(folder: str, why: str) -> str:
    return (f"Folder '{folder}' tidak dapat dibuka ({why}): berkas di dalamnya tidak ikut diolah. Periksa hak "
            "aksesnya, atau salin isinya ke folder yang dapat dibaca.")


def process_file(path: Path, sheet: str | None = None, granularity: str = "semester", optional: bool = False,
                 read_options: dict | None = None) -> FileOutcome:
    """One survey file → its groups (unit × period). Never raises for a bad file: the error is the outcome.

    `optional`: the file was found in a folder, so a workbook without a survey sheet (or with no answers yet) is
    skipped rather than failed. `read_options` go to `read_survey` (zero_blank, other_unsur).
    """
    from .model.skm_report import period_labels_of
    from .readers.skm import NotASurvey, read_survey

    try:
        try:
            table = read_survey(path, sheet, **(read_options or {}))
        except NotASurvey as error:
            if optional:
                return FileOutcome(str(path), skipped=f"bukan berkas survei ({error.message})")
            raise
        if optional and not any(any(v is not None for v in row) for row in table.rows):
            return FileOutcome(str(path), skipped=f"sheet '{table.sheet}' belum berisi jawaban")
        table.require_respondents()
        periods = period_labels_of(table, granularity) or [((0,), "Semua")] * len(table.rows)
        stem = path.stem
        if "Unit" in table.profiles:
            keys = [(str(u) if u not in (None, "") else stem, period)
                    for u, period in zip(table.profiles["Unit"], periods)]
        else:  # one unit: the file (saves building 100,000 keys)
            keys = periods
        try:  # validates the whole file once; a bad answer is reported with its cell
            results = ikm_by_group(table.answers, keys, names=table.names, codes=table.codes)
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
        digest = hashlib.sha1(pickle.dumps((table.codes, table.rows, sorted(table.profiles.items())))).hexdigest()
        return FileOutcome(str(path), groups, sums=sums, counts=counts,
                           responden=sum(g.result.responden for g in groups), codes=tuple(table.codes),
                           names=tuple(table.names), fingerprint=digest, left_out=tuple(table.left_out),
                           notes=_date_notes(path, table))
    except InputError as error:
        return FileOutcome(str(path), error=str(error))
    except OSError as error:  # no permission, a file gone meanwhile, a disk error: this file only
        return FileOutcome(str(path), error=f"Berkas '{path}' tidak dapat dibaca ({error.strerror or error}). "
                                            "Periksa hak akses berkas itu, atau salin ulang dari sumbernya.")
    except Exception as error:  # a corrupt file must not stop the batch
        from .files import unreadable_reason

        # a workbook is checked part by part and by each reader; a CSV's own error says what failed
        reason = unreadable_reason(path, SURVEY_SUFFIXES) if path.suffix.lower() != ".csv" else None
        return FileOutcome(str(path), error=reason or f"tidak dapat dibaca ({type(error).__name__}: {error})")


def _date_notes(path: Path, table) -> tuple[str, ...]:
    """Say when the periods rest on an order of dates that nothing in the column proves."""
    from .rules.periode import undecided_order

    if "Periode" in table.profiles or "Tanggal" not in table.profiles:
        return ()
    example = undecided_order({v for v in table.profiles["Tanggal"] if isinstance(v, str)})
    if example is None:
        return ()
    return (f"'{path}': urutan tanggal di kolom Tanggal tidak dapat dipastikan (tidak ada tanggal di atas 12, "
            f"misalnya '{example}'): dibaca hari/bulan/tahun. Bila formulir menulis bulan dulu, ubah kolom itu "
            "menjadi sel tanggal Excel.",)


def run_batch(paths: Sequence[Path], sheet: str | None = None, granularity: str = "semester", jobs: int = 1,
              progress: Callable[[int, int], None] | None = None, *, found: Found | None = None,
              read_options: dict | None = None) -> BatchResult:
    optional = found.in_folder if found else set()
    tasks = [(path, sheet, granularity, path in optional, read_options) for path in paths]
    outcomes: dict[int, FileOutcome] = {}

    def done(index: int, outcome: FileOutcome) -> None:
        outcomes[index] = outcome
        if progress:
            progress(len(outcomes), len(paths))

    if jobs > 1 and len(paths) > 1:
        size = chunk_size(len(paths), jobs)
        chunks = [list(range(i, min(i + size, len(paths)))) for i in range(0, len(paths), size)]
        try:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(_process_many, [tasks[i] for i in chunk]): chunk for chunk in chunks}
                for future in as_completed(futures):
                    for index, outcome in zip(futures[future], future.result()):
                        done(index, outcome)
        except BrokenProcessPool:  # a reader process died (out of memory, a crash in a library): isolate the file
            for index in range(len(paths)):
                if index not in outcomes:
                    done(index, _isolated(tasks[index]))
    else:
        for index, task in enumerate(tasks):
            done(index, process_file(*task))
    ordered = [outcomes[i] for i in range(len(paths))]
    ordered += [FileOutcome(folder, error=unlisted_folder(folder, why)) for folder, why in (found.unreadable if found
                                                                                           else [])]
    files, warnings = _distinct(ordered)
    skipped = (found.skipped if found else []) + [(o.berkas, o.skipped) for o in ordered if o.skipped]
    notes = [note for outcome in files for note in outcome.notes]
    return BatchResult(files, *_combined(files), skipped=skipped,
                       warnings=(found.warnings if found else []) + warnings + notes)


def _process_many(tasks: list[tuple]) -> list[FileOutcome]:
    return [process_file(*task) for task in tasks]


def _isolated(task: tuple) -> FileOutcome:
    """One file in a process of its own, so that a crash fails this file only."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_process_many, [task]).result()[0]
    except BrokenProcessPool:
        return FileOutcome(str(task[0]), error="proses pembaca berhenti mendadak saat membaca berkas ini (berkas "
                                               "terlalu besar atau rusak); berkas lain tetap diolah.")


def _distinct(outcomes: list[FileOutcome]) -> tuple[list[FileOutcome], list[str]]:
    """Files without the skipped ones, and each survey once: a second file with the same data is dropped, named."""
    first: dict[str, str] = {}
    kept, warnings = [], []
    for outcome in outcomes:
        if outcome.skipped:
            continue
        if outcome.fingerprint and outcome.fingerprint in first:
            warnings.append(f"'{outcome.berkas}' berisi data survei yang sama dengan '{first[outcome.fingerprint]}': "
                            "dihitung sekali.")
            continue
        if outcome.fingerprint:
            first[outcome.fingerprint] = outcome.berkas
        kept.append(outcome)
    return kept, warnings


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
