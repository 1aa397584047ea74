"""The summary workbook of `xl-iku skm`: one row per file/unit/period, the combined figure, and failed files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import styles
from .base import PrintSetup, SheetLayout

if TYPE_CHECKING:  # the layout is handed a result; it never runs the batch (layers go one way)
    from ..batch import BatchResult

SHEET = "Ringkasan SKM"
FAILED_SHEET = "Berkas Gagal"


def ringkasan_skm(batch: BatchResult) -> list[SheetLayout]:
    groups = batch.groups
    computed = [g.result for g in groups if g.result is not None]
    codes = [u.kode for u in computed[0].unsur] if computed else []
    headers = ["No", "Berkas", "Unit", "Periode", "Responden", "IKM", "Mutu", "Kinerja"] + [f"NRR {c}" for c in codes]
    sheet = SheetLayout(SHEET, print_setup=PrintSetup(title_rows=(3, 3)), freeze=(4, 3))
    sheet.column_widths = {1: 5, 2: 28, 3: 24, 4: 18, 5: 11, 6: 9, 7: 7, 8: 14}
    sheet.column_widths.update({9 + i: 9 for i in range(len(codes))})
    last = len(headers)
    sheet.merge(1, 1, 1, last, "RINGKASAN SURVEI KEPUASAN MASYARAKAT", styles.TITLE.but(halign="left"))
    sheet.merge(2, 1, 2, last, f"{len(batch.files)} berkas diolah, {len(batch.failed)} gagal. Nilai gabungan "
                               "dihitung dari seluruh responden, bukan rata-rata IKM.", styles.NOTE)
    for col, text in enumerate(headers, start=1):
        sheet.put(3, col, text, styles.HEADER)
    sheet.row_heights[3] = 30
    row = 4
    for number, group in enumerate(groups, start=1):
        lead = [number, Path(group.berkas).name, group.unit, group.periode]
        if group.result is not None:
            _result_row(sheet, row, lead, group.result)
        else:  # an unsur nobody in this group answered: its respondents, no IKM, and why
            for col, value in enumerate(lead, start=1):
                sheet.put(row, col, value, styles.CENTER if col == 1 else styles.TEXT)
            sheet.put(row, 5, group.responden, styles.INTEGER)
            sheet.put(row, 6, "–", styles.CENTER)
            sheet.put(row, 7, "–", styles.CENTER)
            sheet.merge(row, 8, row, max(last, 8), f"Tanpa IKM: {group.keterangan}", styles.NOTE)
        row += 1
    if batch.combined is not None:
        bold = styles.TEXT.but(bold=True)
        sheet.merge(row, 1, row, 4, "GABUNGAN (seluruh responden)", bold)
        _result_row(sheet, row, None, batch.combined, bold=True)
    elif batch.combined_problem:
        sheet.merge(row, 1, row, last, f"Nilai gabungan tidak dihitung: {batch.combined_problem}", styles.NOTE)
    layouts = [sheet]
    if batch.failed:
        failed = SheetLayout(FAILED_SHEET, freeze=(2, 1))
        failed.column_widths = {1: 5, 2: 40, 3: 100}
        for col, text in enumerate(("No", "Berkas", "Alasan"), start=1):
            failed.put(1, col, text, styles.HEADER)
        for number, outcome in enumerate(batch.failed, start=1):
            failed.put(1 + number, 1, number, styles.CENTER)
            failed.put(1 + number, 2, outcome.berkas, styles.TEXT)
            failed.put(1 + number, 3, outcome.error, styles.TEXT)
        layouts.append(failed)
    return layouts


def _result_row(sheet: SheetLayout, row: int, lead: list | None, result, bold: bool = False) -> None:
    text = styles.TEXT.but(bold=bold)
    if lead is not None:
        for col, value in enumerate(lead, start=1):
            sheet.put(row, col, value, styles.CENTER if col == 1 else text)
    sheet.put(row, 5, result.responden, styles.INTEGER.but(bold=bold))
    sheet.put(row, 6, result.ikm, styles.NUMBER.but(bold=bold))
    sheet.put(row, 7, result.category.code, styles.CENTER.but(bold=bold))
    sheet.put(row, 8, result.category.label, text)
    for i, unsur in enumerate(result.unsur):
        sheet.put(row, 9 + i, unsur.nrr, styles.DECIMAL3.but(bold=bold))
