"""PDF of the generated sheets through LibreOffice headless (the page setup comes from the layout).

A temporary copy keeps only the generated sheets visible (LibreOffice skips hidden sheets), so the PDF is the
lampiran and nothing else. A private LibreOffice profile per call lets several run at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from .errors import InputError
from .workbook import load, save_atomic

TIMEOUT_S = 180


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise InputError(
        "LibreOffice tidak ditemukan. Pasang dengan: sudo apt-get install libreoffice-calc-nogui "
        "(Windows: pasang LibreOffice dan tambahkan foldernya ke PATH)."
    )


def export_pdf(book_path: str | os.PathLike, out: str | os.PathLike | None, sheets: Sequence[str]) -> Path:
    source = Path(book_path)
    target = Path(out) if out else source.with_suffix(".pdf")
    book = load(source)
    present = [s for s in sheets if s in book.sheetnames]
    if not present:
        raise InputError(
            f"'{source.name}' belum berisi sheet hasil ({', '.join(sheets)}). Jalankan dulu: xl-iku regenerate "
            f"\"{source}\""
        )
    for sheet in book.worksheets:
        sheet.sheet_state = "visible" if sheet.title in present else "hidden"
    book.active = book.sheetnames.index(present[0])
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == present[0]
    with tempfile.TemporaryDirectory(prefix="xl-iku-pdf-") as work:
        work_dir = Path(work)
        copy = work_dir / f"{target.stem}.xlsx"
        book.save(copy)
        convert(copy, "pdf", work_dir)
        produced = work_dir / f"{target.stem}.pdf"
        if not produced.is_file():
            raise InputError(f"LibreOffice tidak menghasilkan PDF dari '{source.name}'.")
        target.parent.mkdir(parents=True, exist_ok=True)
        save_atomic(produced, target, save=lambda src, temp: shutil.copyfile(src, temp))
    return target


def convert(path: Path, to: str, outdir: Path, recalc: bool = False) -> None:
    """`soffice --convert-to` with a private profile; `recalc` forces recalculation of cached formula values."""
    with tempfile.TemporaryDirectory(prefix="xl-iku-lo-") as profile:
        if recalc:
            user = Path(profile) / "user"
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
        cmd = [soffice(), f"-env:UserInstallation=file://{Path(profile).as_posix()}", "--headless", "--norestore",
               "--convert-to", to, "--outdir", str(outdir), str(path)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice tidak selesai dalam {TIMEOUT_S} detik untuk '{path.name}'.") from None
        if done.returncode != 0:
            raise InputError(f"LibreOffice gagal mengonversi '{path.name}': {done.stderr.strip()[:300]}")


_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""
