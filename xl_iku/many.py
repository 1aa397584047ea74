"""Many files at once, for `xl-iku skm` and `xl-iku rekap`: find them, count each once, and read them in a pool of
processes where one file's failure, or the crash of the process reading it, is that file's row and nothing more.
What one file becomes and how the results combine belong to the command (`batch`, `rekap`); this module knows
nothing of surveys or workbooks.

**Finding** (`find`): files named on the command line are read whatever their name; folders are walked once,
recursively. In a folder, what it naturally holds besides the command's files is passed over, never counted, never
a failure: hidden and temporary files and folders (an interrupted save's `.s.x1y2z3.xlsx`), Excel's lock files
(`~$s.xlsx`), macOS resource forks (`._s.xlsx`), and files of other kinds. A subfolder that cannot be listed is a
failed row (`Found.unlisted`), never an office silently missing. Inside a folder the shallowest files come first,
so of a file and its copy in a subfolder (`arsip/…`) the original is the one counted.

**Counting once**: the same file reached by another path (`x/../a.xlsx`, a symlink, the folder and a file in it both
named) is found once, and the second path is named (`Found.same`). A copy under another name is counted once when
it holds **the same data**: each per-file function returns a digest of what it read (the answers and profiles of a
survey, an office's summary without its file name), and `run` keeps the first file of each digest, naming the other
(`Ran.same_data`). Why the data rather than the bytes: what double-counts is the data (respondents counted twice in
a pooled IKM, an office listed twice in a roll-up), and a byte hash misses the copies staff actually make, a workbook
saved again (Excel rewrites every zip entry's time) or exported to CSV; a byte-identical copy holds the same data, so
it is caught too. It costs no extra read (a byte hash reads every file once more before the real read): the digest
is taken from what the reading already holds, in the worker. A file that failed has no digest and is never merged.

**Running** (`run`): the per-file function runs in this process for one job, else over a process pool in chunks
(`chunk_size`: a few files per task, about eight tasks per worker), reporting progress per file. Whatever it raises
decides the row, by kind: `Skip` (a file found in a folder that is not the command's kind) → passed over;
`InputError` (bad input: the message names what and where), `OSError` (permission, a file gone meanwhile) or
`MemoryError` (a file larger than the machine holds) → a failed row with its message; anything else is a fault of xl-iku, not of the file: a failed row that says so, with
the traceback kept (`Outcome.fault`) for the command to show. A worker process that dies (out of memory, an abort
in a native library) fails only the file it was reading: the files not yet done are then read one process each.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from .errors import InputError

T = TypeVar("T")

MIN_FILES = 8  # below this, starting the processes costs more than it saves

#: Why a file or folder found in a folder is passed over, by how its name begins: Excel's lock files ("~$s.xlsx"),
#: macOS resource forks ("._s.xlsx"), hidden files and folders and interrupted saves (".s.x1y2z3.xlsx").
SKIPPED_PREFIXES = (("~$", "berkas kunci Excel"), ("._", "berkas metadata macOS"),
                    (".", "berkas tersembunyi/sementara"))

#: Exit status of a command when xl-iku faulted on some file (0 all good, 1 some files failed, 2 nothing to show):
#: a script can tell "fix these files" from "report a bug".
FAULT_EXIT = 3

#: The row of a file whose reading process died.
CRASHED = ("proses pembaca berhenti mendadak saat membaca berkas ini (berkas terlalu besar atau rusak); berkas lain "
           "tetap diolah.")


def jobs_for(files: int, jobs: int = 0) -> int:
    """`jobs` as asked (--jobs N); 0 (not asked): every core from `MIN_FILES` files, else one process."""
    if jobs:
        return jobs
    return min(os.cpu_count() or 1, files) if files >= MIN_FILES else 1


def chunk_size(files: int, jobs: int) -> int:
    """Files per task: one small file is often quicker than the round trip to a worker, and about eight tasks per
    worker still balance the load when some files are bigger."""
    return max(1, files // (jobs * 8))


# --- finding ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    files: list[Path]  # to read, in order
    in_folder: frozenset[Path] = frozenset()  # found by walking a folder, not named: `Skip` is theirs only
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why): passed over in a folder
    same: list[tuple[str, str]] = field(default_factory=list)  # (path, the path found first): the same file
    unlisted: list[tuple[str, str]] = field(default_factory=list)  # (folder, why): failed rows

    def without(self, paths: Iterable[str | os.PathLike]) -> Found:
        """The files less any that is one of `paths` (the output a command writes), left out silently."""
        drop = {Path(p).resolve() for p in paths}
        return replace(self, files=[p for p in self.files if p.resolve() not in drop])


def find(paths: Iterable[str | os.PathLike], suffixes: Sequence[str], other: str = "bukan berkas yang dibaca") -> Found:
    """Files as given, and the files inside any folder given whose name ends in one of `suffixes` (see the module
    docstring for what is passed over and what counts once); `other`: why a file of another kind is passed over."""
    files: list[Path] = []
    in_folder: set[Path] = set()
    skipped: list[tuple[str, str]] = []
    same: list[tuple[str, str]] = []
    unlisted: list[tuple[str, str]] = []
    seen: dict[Path, Path] = {}

    def add(path: Path, walked: bool) -> None:
        key = path.resolve()
        if key in seen:
            if str(seen[key]) != str(path):  # the very same spelling twice (a folder and a file in it) is no news
                same.append((str(path), str(seen[key])))
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
        children, folders = walk_folder(path)
        unlisted += [(folder, why) for folder, why in folders if _passed_over(Path(folder).relative_to(path)) is None]
        for child in children:
            reason = _passed_over(child.relative_to(path))
            if reason is None and child.suffix.lower() not in suffixes:
                reason = other
            if reason:
                skipped.append((str(child), reason))
            else:
                add(child, True)
    return Found(files, frozenset(in_folder), skipped, same, unlisted)


def _passed_over(relative: Path) -> str | None:
    """Why a file or folder at `relative` inside a walked folder is not read, by its own name or a folder's."""
    return next((why for part in relative.parts for start, why in SKIPPED_PREFIXES if part.startswith(start)), None)


def walk_folder(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file under `folder`, the shallowest first (then by name), and each subfolder that could not be listed
    with why (`Path.rglob` passes over it in silence)."""
    found: list[Path] = []
    unlisted: list[tuple[str, str]] = []

    def failed(error: OSError) -> None:
        unlisted.append((str(error.filename or folder), error.strerror or str(error)))

    for root, _, names in os.walk(folder, onerror=failed):
        found += [Path(root) / name for name in names]
    inside = sorted((p.relative_to(folder) for p in found if p.is_file()), key=lambda p: (len(p.parts), p))
    return [folder / p for p in inside], unlisted


def unlisted_folder(folder: str, why: str) -> str:
    return (f"Folder '{folder}' tidak dapat dibuka ({why}): berkas di dalamnya tidak ikut diolah. Periksa hak "
            "aksesnya, atau salin isinya ke folder yang dapat dibaca.")


# --- running ---------------------------------------------------------------------------------------------------------

class Skip(Exception):
    """Raised by a per-file function: the file is not one the command reads (a workbook without a survey found in a
    folder, an earlier roll-up). Never counted, never a failure."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of one file: its value, or why it was skipped, or why it failed."""

    path: str
    value: T | None = None
    digest: str = ""  # of the data read: a second file with the same digest is not counted
    skipped: str = ""
    error: str = ""  # a failed row's message, in Bahasa Indonesia
    fault: str = ""  # when the failure is a fault of xl-iku: the traceback


@dataclass(frozen=True)
class Ran(Generic[T]):
    outcomes: list[Outcome[T]]  # each file read, in the order found, copies left out; unlisted folders last
    skipped: list[tuple[str, str]]  # (file, why): skipped when read (`Skip`); `Found.skipped` were never read
    same_file: list[tuple[str, str]]  # (path, first path): the same file reached twice
    same_data: list[tuple[str, str]]  # (file, first file): a copy holding the same data

    @property
    def values(self) -> list[T]:
        return [o.value for o in self.outcomes if o.value is not None]

    @property
    def failed(self) -> list[Outcome[T]]:
        return [o for o in self.outcomes if o.error]

    @property
    def faults(self) -> list[Outcome[T]]:
        return [o for o in self.outcomes if o.fault]


#: A per-file function: (path, found in a folder) → (what the file becomes, digest of the data read, or "").
Read = Callable[[Path, bool], "tuple[Any, str]"]


def run(read: Read, found: Found, jobs: int = 1, progress: Callable[[int, int], None] | None = None, *,
        warm: Callable[[], Any] | None = None, meanwhile: Callable[[], Any] | None = None) -> Ran:
    """`read` on every file found, on `jobs` processes (one: here). `read` must be a module-level function (or a
    `functools.partial` of one) so a worker can be handed it. `progress(done, total)` after each file. With a pool,
    `warm` runs here before the workers start (imports they then inherit instead of each importing them) and
    `meanwhile` while they read (the caller's own imports for what follows)."""
    paths = found.files
    tasks = [(path, path in found.in_folder) for path in paths]
    got: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        got[index] = outcome
        if progress:
            progress(len(got), len(paths))

    if jobs > 1 and len(paths) > 1:
        if warm:
            warm()
        size = chunk_size(len(paths), jobs)
        chunks = [range(i, min(i + size, len(paths))) for i in range(0, len(paths), size)]
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
                futures = {pool.submit(_attempt_many, read, [tasks[i] for i in chunk]): chunk for chunk in chunks}
                if meanwhile:
                    meanwhile()
                    meanwhile = None
                for future in as_completed(futures):
                    for index, outcome in zip(futures[future], future.result()):
                        done(index, outcome)
        except BrokenProcessPool:  # a worker died: which file killed it is unknown, so each left gets its own
            for index, task in enumerate(tasks):
                if index not in got:
                    done(index, _isolated(read, task))
    else:
        for index, task in enumerate(tasks):
            done(index, attempt(read, *task))
    if meanwhile:
        meanwhile()
    return _distinct([got[i] for i in range(len(paths))], found)


def attempt(read: Read, path: Path, in_folder: bool) -> Outcome:
    """`read` on one file, what it raises turned into the file's row by kind (module docstring)."""
    try:
        value, digest = read(path, in_folder)
        return Outcome(str(path), value, digest)
    except Skip as skip:
        return Outcome(str(path), skipped=skip.why)
    except InputError as error:
        return Outcome(str(path), error=str(error))
    except OSError as error:  # no permission, a file gone meanwhile, a disk error: this file only
        return Outcome(str(path), error=f"Berkas '{path}' tidak dapat dibaca ({error.strerror or error}). Periksa "
                                        "hak akses berkas itu, atau salin ulang dari sumbernya.")
    except MemoryError:  # a file larger than this machine can hold: this file only, and not a fault of ours
        return Outcome(str(path), error=f"Berkas '{path}' terlalu besar untuk memori komputer ini; berkas lain tetap "
                                        "diolah. Bagi berkasnya menjadi beberapa berkas, atau olah di komputer lain.")
    except Exception as error:  # not the file's fault: ours
        return Outcome(str(path), error=fault_message(path, error), fault=traceback.format_exc())


def fault_message(path: str | os.PathLike, error: BaseException) -> str:
    """A failed row for a fault of xl-iku: never blamed on the file."""
    return (f"kesalahan program xl-iku saat mengolah '{path}' ({type(error).__name__}: {error}), bukan kesalahan "
            "berkasnya. Laporkan ke pengembang xl-iku beserta rinciannya (jalankan ulang dengan --verbose); berkas "
            "lain tetap diolah.")


def failed_line(berkas: str, error: str) -> str:
    """A failed file as one line on stderr: the reason alone when it names the file already (a file-level reason, a
    fault of ours), never the path twice."""
    return f"Gagal: {error}" if berkas in error else f"Gagal: {berkas}: {error}"


def _attempt_many(read: Read, tasks: list[tuple[Path, bool]]) -> list[Outcome]:
    return [attempt(read, *task) for task in tasks]


def _isolated(read: Read, task: tuple[Path, bool]) -> Outcome:
    """One file in a process of its own, so that a crash fails this file only."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_attempt_many, read, [task]).result()[0]
    except BrokenProcessPool:
        return Outcome(str(task[0]), error=CRASHED)


def _distinct(outcomes: list[Outcome], found: Found) -> Ran:
    """Outcomes without the skipped ones, each digest once (the first file kept), the unlisted folders last."""
    first: dict[str, str] = {}
    kept: list[Outcome] = []
    skipped: list[tuple[str, str]] = []
    same_data: list[tuple[str, str]] = []
    for outcome in outcomes:
        if outcome.skipped:
            skipped.append((outcome.path, outcome.skipped))
            continue
        if outcome.digest:
            if outcome.digest in first:
                same_data.append((outcome.path, first[outcome.digest]))
                continue
            first[outcome.digest] = outcome.path
        kept.append(outcome)
    kept += [Outcome(folder, error=unlisted_folder(folder, why)) for folder, why in found.unlisted]
    return Ran(kept, skipped, list(found.same), same_data)


class Pieces:
    """A part of a digest given as the pieces of its text, in order (`digest` hashes them as it hashes the whole
    text): a large column's `repr` written a block at a time, never held whole."""

    def __init__(self, pieces: Iterable[str | bytes]) -> None:
        self.pieces = pieces


def digest(*parts: Any) -> str:
    """A digest of values as they print (`repr`: exact for numbers, strings, dates and containers of them), part by
    part; bytes (a numpy array's `tobytes()`) as they are, `Pieces` as the text they make. Equal data gives equal
    digests in any process."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        pieces = part.pieces if isinstance(part, Pieces) else (part if isinstance(part, bytes) else repr(part),)
        for piece in pieces:
            hashed.update(piece if isinstance(piece, bytes) else piece.encode("utf-8", "surrogateescape"))
        hashed.update(b"\x00")
    return hashed.hexdigest()
