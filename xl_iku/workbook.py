"""Safe regeneration of a workbook file: what may be replaced, what must survive, and an atomic save.

Only the generated sheets are rebuilt; every other sheet, value, formula, defined name, validation and (for .xlsm)
the VBA project is carried through openpyxl. What openpyxl cannot carry (design.md: images, shapes, sparklines,
Excel-2010 extensions, form controls, …) is detected *before* anything is written: in-place regeneration then
refuses, so nothing is silently lost.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .bookdata import book_data
from .errors import InputError
from .layout import GENERATED_SHEETS
from .layout.base import SheetLayout
from .model import Catatan, IkuPlan
from .writers.openpyxl_writer import cached_values, store_cached_values, write_layout

SUPPORTED = (".xlsx", ".xlsm")

#: Package parts or XML markers openpyxl drops on a load/save round trip, with what staff would lose.
_DROPPED_PARTS = (
    (re.compile(r"^xl/media/"), "gambar"),
    (re.compile(r"^xl/(ctrlProps|activeX)/"), "tombol/kontrol formulir"),
    (re.compile(r"^xl/(slicers|slicerCaches|timelines|timelineCaches)/"), "slicer/timeline"),
    (re.compile(r"^xl/threadedComments/"), "komentar berutas (threaded comments)"),
    (re.compile(r"^xl/model/"), "model data (Power Pivot)"),
)
_DROPPED_MARKERS = (
    (b"<xdr:sp>", "bentuk/kotak teks (shape)"),
    (b"<xdr:sp ", "bentuk/kotak teks (shape)"),
    (b"sparklineGroup", "sparkline"),
    (b"<x14:conditionalFormatting", "format bersyarat Excel 2010+"),
    (b"<x14:dataValidation", "validasi data yang merujuk sheet lain"),
    (b"legacyDrawingHF", "gambar di header/footer"),
)


@dataclass(frozen=True)
class Result:
    path: Path
    plan: IkuPlan
    notes: list[Catatan]
    lost: list[str]  # what a new file lacks compared with the source (only when writing elsewhere)


def what_would_be_lost(path: Path) -> list[str]:
    """Features in the file that an openpyxl round trip would drop, each with the part where it was found."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            for pattern, label in _DROPPED_PARTS:
                if pattern.match(name):
                    found.setdefault(label, name)
            if name.endswith(".xml") and (name.startswith("xl/worksheets/") or name.startswith("xl/drawings/")):
                data = package.read(name)
                for marker, label in _DROPPED_MARKERS:
                    if marker in data:
                        found.setdefault(label, name)
    return [f"{label} ({part})" for label, part in found.items()]


def load(path: Path):
    import openpyxl

    _check_path(path)
    try:
        return openpyxl.load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", rich_text=True)
    except Exception as error:
        raise InputError(f"Berkas '{path}' tidak dapat dibuka sebagai buku kerja Excel ({error}).") from None


def regenerate(path: str | os.PathLike, out: str | os.PathLike | None = None) -> Result:
    """Rebuild the generated sheets of `path` into `out` (default: in place, atomically)."""
    source = Path(path)
    target = Path(out) if out is not None else source
    _check_path(source)
    _check_suffix(target, source)
    lost = what_would_be_lost(source)
    in_place = target.resolve() == source.resolve()
    if lost and in_place:
        raise InputError(
            f"'{source.name}' berisi {', '.join(lost)} yang akan hilang bila disimpan ulang tanpa Excel. Berkas tidak "
            f"diubah. Tulis hasilnya ke berkas baru: xl-iku regenerate \"{source}\" -o BARU{source.suffix}, atau "
            "gunakan tombol buat-ulang di Excel (xlwings) yang tidak menyimpan ulang berkas."
        )
    book = load(source)
    data = book_data(book, source)
    save_with_layouts(book, data.layouts(), target)
    return Result(target, data.plan, data.notes, [] if in_place else lost)


def save_with_layouts(book, layouts: list[SheetLayout], target: Path) -> None:
    """Write the generated sheets into `book` and save it atomically, each formula with its computed value."""
    for layout in layouts:
        write_layout(book, layout)
    # Formula cells openpyxl writes have no values: Excel recalculates files of this calcId on open anyway, and a
    # forced full recalculation would make LibreOffice turn xl-iku functions into #NAME? instead of showing the
    # values stored beside them.
    book.calculation.fullCalcOnLoad = False
    cached = cached_values(layouts)
    save_atomic(book, target, save=lambda b, p: (b.save(p), store_cached_values(p, cached)))


def init(path: str | os.PathLike, baseline_year: int, target_years: list[int]) -> Path:
    """A fresh workbook with empty input sheets (headers, hints, validation) for another office."""
    target = Path(path)
    _check_suffix(target, target)
    if target.exists():
        raise InputError(f"Berkas '{target}' sudah ada dan tidak ditimpa. Pilih nama lain.")
    return new_book(target, input_layouts(baseline_year, target_years))


def new_book(path: str | os.PathLike, layouts: list[SheetLayout]) -> Path:
    """A new workbook holding exactly these sheets, saved atomically."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for layout in layouts:
        write_layout(book, layout)
    save_atomic(book, Path(path))
    return Path(path)


def input_layouts(baseline_year: int, target_years: list[int], instansi: dict | None = None,
                  rows: list[dict] = (), survey: list[dict] = (), akip: list[dict] = (),
                  programs: list[dict] = ()) -> list[SheetLayout]:
    from .layout.data_skm import data_skm_sheet
    from .layout.input_sheets import akip_sheet, data_iku_sheet, instansi_sheet, program_sheet

    return [instansi_sheet(instansi), data_iku_sheet(baseline_year, target_years, rows), data_skm_sheet(survey),
            akip_sheet(akip), program_sheet(programs)]


def save_atomic(book, target: Path, save: Callable[[object, str], None] | None = None) -> None:
    """Save to a temporary file beside the target, then rename over it: never a half-written workbook."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    try:
        (save or (lambda b, p: b.save(p)))(book, temp)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _check_path(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"Berkas '{path}' tidak ditemukan. Periksa nama dan foldernya.")
    _check_suffix(path, path)


def _check_suffix(target: Path, source: Path) -> None:
    if target.suffix.lower() not in SUPPORTED:
        raise InputError(f"'{target.name}': hanya berkas .xlsx atau .xlsm yang didukung.")
    if source.suffix.lower() != target.suffix.lower():
        raise InputError(
            f"'{target.name}': jenis berkas hasil harus sama dengan '{source.name}' ({source.suffix}); .xlsm menyimpan "
            "makro, .xlsx tidak."
        )


__all__ = ["regenerate", "init", "what_would_be_lost", "save_atomic", "GENERATED_SHEETS", "Result"]
