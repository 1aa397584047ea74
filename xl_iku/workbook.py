"""Safe regeneration of a workbook file: what may be replaced, what must survive, and an atomic save.

The input sheets are read without loading the workbook (`readers.book`); the generated sheets are built in a
scratch package by the openpyxl writer and transplanted into the source package (`package.replace_sheets`), so
every other part of the file (other sheets, images, shapes, sparklines, pivot tables, slicers, VBA, custom XML)
stays byte for byte. Every file xl-iku writes goes through `save_atomic`.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from .bookdata import input_data
from .errors import FileError
from .layout import GENERATED_SHEETS, iku_layouts, is_generated, sheet_key
from .layout.base import SheetLayout
from .model import Catatan, IkuPlan
from .model.book import BookData
from .package import Package, PackageError, replace_sheets, user_content
from .writers.openpyxl_writer import cached_values, write_layout

SUPPORTED = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Result:
    path: Path
    plan: IkuPlan
    notes: list[Catatan]
    added: tuple[str, ...] = ()  # input sheets an older book received (the default `LKE`)


def regenerate(path: str | os.PathLike, out: str | os.PathLike | None = None) -> Result:
    """Rebuild the generated sheets of `path` into `out` (default: in place, atomically)."""
    source = Path(path)
    target = Path(out) if out is not None else source
    check_book_path(source)
    _check_suffix(target, source)
    check_writable(target)
    seen = file_state(target)  # before anything is read: a save in Excel from now on is noticed
    data = input_data(source)
    layouts = iku_layouts(data)
    replaced = replaced_user_content(source, [layout.name for layout in layouts])
    if replaced:
        data = replace(data, notes=data.notes + replaced)
        layouts = iku_layouts(data)
    added = missing_inputs(data)
    # the added input sheet first: it goes before the first generated sheet the book holds (after the input sheets,
    # where a fresh book has it), and its parts come before the generated ones, as in every later regeneration
    write_generated(source, added + layouts, target, unchanged_since=seen)
    return Result(target, data.plan, data.notes, tuple(layout.name for layout in added))


def missing_inputs(data: BookData) -> list[SheetLayout]:
    """Input sheets a book made before they existed receives on regeneration: the `LKE` sheet with the default
    criteria and no answers (a book that has one keeps it as it is)."""
    from .layout.lke import default_lke_sheet, default_lke_year

    if data.lke is not None:
        return []
    return [default_lke_sheet(default_lke_year(data.plan.instansi.tahun_pk, data.plan.tahun_target))]


def replaced_user_content(source: Path, names: list[str]) -> list[Catatan]:
    """A note for each generated sheet about to be replaced that holds something a user put there (an image, a
    shape, …): it goes with the sheet, so the user learns where it went."""
    notes = []
    keys = {sheet_key(n) for n in names}
    with _opened(source) as package:
        for sheet in package.sheets():
            if not is_generated(sheet.name) or sheet_key(sheet.name) not in keys:
                continue
            found: list[str] = []
            for part in sorted(package.reachable([sheet.part])):
                if not part.endswith((".xml", ".vml")):
                    continue
                found += [label for label in user_content(package.read(part)) if label not in found]
            if found:
                notes.append(Catatan(sheet.name, "", f"{', '.join(found).capitalize()} di sheet ini ikut terganti "
                                                     "saat sheet dibuat ulang. Taruh di sheet lain agar tetap ada."))
    return notes


def write_generated(source: Path, layouts: list[SheetLayout], target: Path, remove: Iterable[str] = (),
                    edit_sheet: Callable[[str, bytes], bytes | None] | None = None,
                    without_macros: bool = False, unchanged_since: FileState | None = None) -> None:
    """Write `target`: `source` with the generated sheets built from `layouts` in place of their namesakes
    (matched case- and space-insensitively, at their position; a new one before the next generated sheet the
    book already holds, as a fresh build orders them, or at the end), atomically. `unchanged_since`: the target's
    state when the caller read it; the save stops when the file changed since (see `save_atomic`)."""
    with _opened(source) as package:
        existing = [s.name for s in package.sheets()]
    replaces = {}
    for layout in layouts:
        same = [n for n in existing if sheet_key(n) == sheet_key(layout.name)]
        replaces[layout.name] = layout.name if layout.name in same else (same[0] if same else None)
    with tempfile.TemporaryDirectory(prefix="xl-iku-") as work:
        scratch = str(Path(work) / "generated.xlsx")
        _scratch_book(layouts).save(scratch)
        cached = cached_values(layouts)
        try:
            save_atomic(target, lambda temp: replace_sheets(str(source), scratch, temp, replaces, remove, edit_sheet,
                                                            without_macros, cached), unchanged_since)
        except PackageError as error:
            raise FileError.unreadable(source, error) from None


def _scratch_book(layouts: list[SheetLayout]):
    """A new openpyxl workbook holding exactly these sheets."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for layout in layouts:
        write_layout(book, layout)
    return book


@contextmanager
def _opened(path: Path):
    try:
        package = Package(path)
    except PackageError as error:
        raise FileError.unreadable(path, error) from None
    with package:
        yield package


def init(path: str | os.PathLike, baseline_year: int, target_years: list[int]) -> Path:
    """A fresh workbook with empty input sheets (headers, hints, validation) for another office."""
    target = Path(path)
    _check_suffix(target, target)
    if target.exists():
        raise FileError(target, f"Berkas '{target}' sudah ada dan tidak ditimpa. Pilih nama lain.",
                        reason=FileError.EXISTS)
    return new_book(target, input_layouts(baseline_year, target_years))


def new_book(path: str | os.PathLike, layouts: list[SheetLayout]) -> Path:
    """A new workbook holding exactly these sheets, saved atomically."""
    save_atomic(Path(path), partial(save_whole, _scratch_book(layouts)))
    return Path(path)


def save_whole(book: Any, path: str) -> None:
    """openpyxl's save, zipped in memory and then written in one go: on a full disk the write fails once, here,
    instead of inside openpyxl's open ZipFile, whose cleanup at exit failed again ("Exception ignored in
    ZipFile.__del__") after the message."""
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    with open(path, "wb") as handle:
        handle.write(buffer.getbuffer())


def input_layouts(baseline_year: int, target_years: list[int], instansi: dict | None = None,
                  rows: list[dict] = (), survey: list[dict] = (), akip: list[dict] = (),
                  programs: list[dict] = (), lke: SheetLayout | None = None) -> list[SheetLayout]:
    """The input sheets; `lke` defaults to the default criteria list of the first target year, unanswered."""
    from .layout.data_skm import data_skm_sheet
    from .layout.input_sheets import akip_sheet, data_iku_sheet, instansi_sheet, program_sheet
    from .layout.lke import default_lke_sheet

    return [instansi_sheet(instansi), data_iku_sheet(baseline_year, target_years, rows), data_skm_sheet(survey),
            akip_sheet(akip), program_sheet(programs), lke or default_lke_sheet(target_years[0])]


@dataclass(frozen=True)
class FileState:
    """What tells that a file was saved again: size, modification time, inode (Excel saves by writing a new file
    and renaming it over the old one: a new inode)."""
    size: int
    mtime_ns: int
    inode: int


def file_state(path: str | os.PathLike) -> FileState | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return FileState(info.st_size, info.st_mtime_ns, info.st_ino)


def lock_file(path: Path) -> Path:
    """Excel's owner file beside an open workbook: `~$` and the workbook's name."""
    return path.parent / ("~$" + path.name)


def check_writable(target: str | os.PathLike) -> None:
    """Refuse to overwrite a workbook the office keeps: read-only (chmod 444, Windows' read-only attribute), or open
    in Excel (its `~$NAME` lock file beside it: what we saved would be lost when Excel saves)."""
    real = Path(os.path.realpath(target))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return
    if not info.st_mode & stat.S_IWUSR:
        raise FileError(target, f"Berkas '{target}' hanya-baca (read-only), jadi tidak ditimpa, seperti Excel juga "
                        "menolaknya. Hapus tanda read-only (Properties → Read-only, atau chmod u+w), atau tulis ke "
                        "berkas lain dengan -o.", reason=FileError.READ_ONLY)
    lock = lock_file(real)
    if lock.exists():
        raise FileError(target, f"Berkas '{target}' sedang dibuka di Excel (ada '{lock.name}' di sebelahnya), jadi "
                        "tidak ditimpa: hasilnya akan hilang saat Excel menyimpan. Simpan dan tutup berkas di Excel, "
                        f"lalu jalankan lagi; bila Excel sudah tertutup, hapus '{lock.name}'.", reason=FileError.IN_USE)


def save_atomic(target: str | os.PathLike, write: Callable[[str], object],
                unchanged_since: FileState | None = None) -> Path:
    """`write(temp)` to a temporary file beside the target, then rename it over the target: never a half-written
    file. The result keeps the original's permission bits (and owner when allowed), a new file gets the usual
    mode (umask); through a symlink the file it points to is updated and the link stays. Interrupted (Ctrl+C,
    SIGTERM, an error), the temporary file is removed and the original is untouched. A read-only target or one
    open in Excel is refused (`check_writable`); with `unchanged_since` (the target's state when it was read), a
    target saved meanwhile (by Excel) is not overwritten."""
    target = Path(target)
    check_writable(target)
    real = Path(os.path.realpath(target))
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{real.stem}.", suffix=real.suffix, dir=real.parent)
    except OSError as error:
        raise _naming(error, target) from None
    os.close(handle)
    try:
        with _sigterm_as_exit():
            write(temp)
            _take_mode(real, temp)
            if unchanged_since is not None and file_state(real) != unchanged_since:
                raise FileError(target, f"Berkas '{target}' berubah selama xl-iku bekerja (mungkin disimpan di "
                                "Excel), jadi tidak ditimpa agar perubahan itu tidak hilang. Simpan dan tutup berkas di "
                                "Excel, lalu jalankan lagi.", reason=FileError.CHANGED)
            check_writable(target)
            os.replace(temp, real)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temp)
        raise _naming(error, target) from None
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    return target


def _naming(error: OSError, target: Path) -> OSError:
    """The same error naming the user's file, not the hidden temporary one."""
    return type(error)(error.errno, error.strerror, str(target)) if error.errno else error


def _take_mode(original: Path, temp: str) -> None:
    try:
        info = os.stat(original)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)
        return
    os.chmod(temp, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown"):
        with suppress(OSError):
            os.chown(temp, info.st_uid, info.st_gid)


@contextmanager
def _sigterm_as_exit():
    """SIGTERM (a killed job, a closed terminal) unwinds like Ctrl+C, so the temporary file is cleaned up."""
    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_book_path(path: Path) -> None:
    if not path.is_file():
        raise FileError.not_found(path)
    _check_suffix(path, path)


def _check_suffix(target: Path, source: Path) -> None:
    if target.suffix.lower() not in SUPPORTED:
        raise FileError(target, f"'{target.name}': hanya berkas .xlsx atau .xlsm yang didukung.",
                        reason=FileError.WRONG_KIND)
    if source.suffix.lower() != target.suffix.lower():
        raise FileError(target, f"'{target.name}': jenis berkas hasil harus sama dengan '{source.name}' "
                        f"({source.suffix}); .xlsm menyimpan makro, .xlsx tidak.", reason=FileError.WRONG_KIND)


__all__ = ["regenerate", "init", "write_generated", "save_atomic", "check_writable", "file_state", "FileState",
           "GENERATED_SHEETS", "Result"]
