"""PDF of the generated sheets through LibreOffice headless (the page setup comes from the layout).

A temporary copy keeps only the generated sheets visible (LibreOffice skips hidden sheets), so the PDF is the
lampiran and nothing else. A private LibreOffice profile per call lets several run at once.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import FileError, InputError
from .files import refuse_overwrite
from .workbook import save_atomic

TIMEOUT_S = 180
PRINT_LOCALE = "id-ID"  # the lampiran reads 75,00 and 1.500 on any machine, like the CLI and the notes beside


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise InputError(
        "LibreOffice tidak ditemukan. Pasang dengan: sudo apt-get install libreoffice-calc-nogui "
        "(Windows: pasang LibreOffice dan tambahkan foldernya ke PATH)."
    )


def export_pdf(book_path: str | os.PathLike, out: str | os.PathLike | None,
               sheets: Callable[[str], bool]) -> Path:
    """The sheets for which `sheets(name)` holds (e.g. `layout.is_generated`), as one PDF."""
    source = Path(book_path)
    target = Path(out) if out else source.with_suffix(".pdf")
    if not source.is_file():
        raise FileError.not_found(source)
    refuse_overwrite([source], [target])  # the Python API too, not only the CLI
    with _signals_unwind(), tempfile.TemporaryDirectory(prefix="xl-iku-pdf-") as work:
        work_dir = Path(work)
        copy = work_dir / f"{target.stem}{source.suffix.lower()}"
        present = only_sheets_visible(source, copy, sheets)
        if not present:
            raise InputError(f"'{source.name}' belum berisi sheet hasil (Tabel IKU, Penjelasan IKU, …). Jalankan "
                             f"dulu: xl-iku regenerate \"{source}\"", path=source)
        convert(copy, "pdf", work_dir, locale=PRINT_LOCALE)
        produced = work_dir / f"{target.stem}.pdf"
        if not produced.is_file():
            raise InputError(f"LibreOffice tidak menghasilkan PDF dari '{source.name}'.")
        target.parent.mkdir(parents=True, exist_ok=True)
        save_atomic(target, lambda temp: shutil.copyfile(produced, temp))
    return target


def _document_pdf(source: Path, out: str | os.PathLike | None, tag: str, what: str) -> Path:
    """Where a one-year document goes: -o as given (a PDF), else BOOK_TAG.pdf beside the book."""
    target = Path(out) if out else source.with_name(f"{source.stem}_{tag}.pdf")
    if target.suffix.lower() != ".pdf":
        raise FileError(target, f"'{target.name}': {what} ditulis sebagai PDF; beri nama berakhiran .pdf.",
                        reason=FileError.WRONG_KIND)
    return target


def pk_pdf(book_path: str | os.PathLike, year: int, out: str | os.PathLike | None = None) -> tuple[Path, list]:
    """The Perjanjian Kinerja of one year as a PDF of its own pages, read from the inputs (the year need not be in
    `Tahun PK`); the workbook is only read. Returns the PDF and the warnings."""
    from .bookdata import input_data
    from .layout import is_generated
    from .layout.pk import pk_layouts
    from .workbook import check_book_path, new_book

    source = Path(book_path)
    target = _document_pdf(source, out, f"PK_{year}", "Perjanjian Kinerja")
    check_book_path(source)
    data = input_data(source, pk_years=[year])
    with tempfile.TemporaryDirectory(prefix="xl-iku-pk-") as work:
        book = new_book(Path(work) / f"{target.stem}.xlsx", pk_layouts(data.pk[0]))
        return export_pdf(book, target, is_generated), data.notes


def lkjip_pdf(book_path: str | os.PathLike, year: int, out: str | os.PathLike | None = None) -> tuple[Path, list]:
    """The LKjIP tables of one year as a PDF of their own pages, read from the inputs (the year need not be in
    `Tahun LKjIP`); the workbook is only read. A year without any realisasi is refused, naming those that have one.
    Returns the PDF and the warnings."""
    from .bookdata import input_data
    from .layout import is_generated
    from .layout.base import valued
    from .layout.lkjip import lkjip_sheet
    from .model.lkjip import realisasi_years
    from .workbook import check_book_path, new_book

    source = Path(book_path)
    target = _document_pdf(source, out, f"LKjIP_{year}", "tabel LKjIP")
    check_book_path(source)
    data = input_data(source, lkjip_years=[year])
    have = realisasi_years(data.performance)
    if year not in have:
        raise InputError(f"--tahun {year}: belum ada realisasi tahun {year} di '{source.name}', sehingga tabel LKjIP "
                         f"tidak dapat dibuat. Tahun yang punya realisasi: "
                         f"{', '.join(map(str, have)) if have else 'belum ada (isi kolom Realisasi TAHUN di Data IKU)'}.")
    with tempfile.TemporaryDirectory(prefix="xl-iku-lkjip-") as work:
        # values, not formulas: the sheet is printed alone, without the Data IKU and Program cells they follow
        layout = valued(lkjip_sheet(data.lkjip[0], data.scale))
        book = new_book(Path(work) / f"{target.stem}.xlsx", [layout])
        return export_pdf(book, target, is_generated), data.notes


def only_sheets_visible(source: Path, copy: Path, keep: Callable[[str], bool]) -> list[str]:
    """Copy the package with every sheet but `keep` hidden, editing only workbook.xml (`package.show_only`): no
    openpyxl round trip, so the values stored beside the xl-iku formulas are what LibreOffice prints."""
    from .package import PackageError, show_only

    try:
        return show_only(str(source), str(copy), keep)
    except PackageError as error:
        if error.damaged_part:
            raise FileError.damaged(source, error.damaged_part) from None
        raise FileError(source, f"Berkas '{source}' bukan buku kerja .xlsx/.xlsm yang sah.",
                        reason=FileError.NOT_A_WORKBOOK) from None


def convert(path: Path, to: str, outdir: Path, recalc: bool = False, locale: str | None = None) -> None:
    """`soffice --convert-to` with a private profile; `recalc` forces recalculation of cached formula values,
    `locale` (e.g. "id-ID") is the locale LibreOffice formats with, whatever the machine's own."""
    with tempfile.TemporaryDirectory(prefix="xl-iku-lo-") as profile:
        settings = (_RECALC if recalc else ()) + ((_locale_item(locale),) if locale else ())
        if settings:
            user = Path(profile) / "user"
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(_xcu(settings), encoding="utf-8")
        cmd = [soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", to, "--outdir", str(outdir), str(path)]
        with _signals_unwind():
            returncode, stderr = _run_alone(cmd, path)
        if returncode != 0:
            raise InputError(f"LibreOffice gagal mengonversi '{path.name}': {stderr.strip()[:300]}")


def _run_alone(cmd: list[str], path: Path) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own, and end the whole group on a timeout, an interruption or a
    SIGTERM: `soffice` is a script whose `soffice.bin` child would otherwise keep running (and keep its profile and
    the workbook's copy open) after the script is killed."""
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=hasattr(os, "killpg"))
    try:
        _, stderr = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _end_group(process)
        raise InputError(f"LibreOffice tidak selesai dalam {TIMEOUT_S} detik untuk '{path.name}'.") from None
    except BaseException:
        _end_group(process)
        raise
    return process.returncode, stderr


def _end_group(process: subprocess.Popen) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass  # already gone
    with suppress(Exception):
        process.communicate(timeout=10)


@contextmanager
def _signals_unwind():
    """SIGTERM and SIGHUP (a killed job, a closed terminal) unwind like Ctrl+C: the temporary folders (a full copy
    of the workbook, a LibreOffice profile) are removed and LibreOffice's process group ended on the way out."""
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = {number: signal.signal(number, stop) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _item(path: str, name: str, value: str) -> str:
    return (f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop>'
            "</item>")


def _locale_item(locale: str) -> str:
    # Tools ▸ Options ▸ Language Settings ▸ Locale setting: what General cells and untagged formats print with
    return _item("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", locale)


_RECALC = (_item("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", "0"),
           _item("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", "0"))


def _xcu(items: Sequence[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            + "\n".join(items) + "\n</oor:items>\n")
