"""Sheet `Tabel IKU`: the printed Tabel IV.1 (tujuan → sasaran → indikator, kondisi awal, targets, ket.)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import IkuPlan
from . import paging, styles
from .base import PrintSetup, SheetLayout, text_height
from .paging import Label
from .text import tanggal, with_code

SHEET = "Tabel IKU"
HEADER_ROW = 6
FIRST_DATA_ROW = 9
#: KET. of a negative-polarity indicator the office left empty: its falling targets are intended, not a mistake.
NEGATIF = "Polaritas negatif (makin rendah makin baik)"
WIDTHS = {"tujuan": 28, "sasaran": 30, "indikator": 30, "awal": 11, "target": 9, "ket": 12}


def iku_table(plan: IkuPlan) -> SheetLayout:
    years = plan.tahun_target
    last = 5 + len(years)  # KET. column
    sheet = SheetLayout(SHEET, print_setup=PrintSetup(title_rows=(HEADER_ROW, HEADER_ROW + 2)),
                        freeze=(FIRST_DATA_ROW, 4))
    widths = [WIDTHS["tujuan"], WIDTHS["sasaran"], WIDTHS["indikator"], WIDTHS["awal"]]
    widths += [WIDTHS["target"]] * len(years) + [WIDTHS["ket"]]
    sheet.column_widths = {c: w for c, w in enumerate(widths, start=1)}

    title_block(sheet, "INDIKATOR KINERJA UTAMA", plan, last)

    h = HEADER_ROW
    for col, text in ((1, "TUJUAN"), (2, "SASARAN"), (3, "INDIKATOR"), (4, f"KONDISI AWAL {plan.tahun_awal}"),
                      (last, "KET.")):
        sheet.merge(h, col, h + 1, col, text, styles.HEADER)
    sheet.merge(h, 5, h, 4 + len(years), "TARGET TAHUN", styles.HEADER)
    for offset, year in enumerate(years):
        sheet.put(h + 1, 5 + offset, year, styles.HEADER)
    for col in range(1, last + 1):
        sheet.put(h + 2, col, col, styles.NUMBER_ROW)
    sheet.row_heights.update({h: 18, h + 1: 18, h + 2: 12})

    row = FIRST_DATA_ROW
    labels, blocks = [], []
    for tujuan in plan.tujuan():
        t_first = row
        for sasaran in tujuan.sasaran:
            s_first = row
            for ind in sasaran.indikator:
                sheet.put(row, 3, with_code(ind.nama, ind.kode), styles.TEXT)
                number = styles.fixed(ind.desimal)  # as written: 0,865, 5, 97,60
                sheet.put(row, 4, ind.kondisi_awal, number)
                for offset, year in enumerate(years):
                    sheet.put(row, 5 + offset, ind.target.get(year), number)
                ket = ind.keterangan or (NEGATIF if ind.polaritas == "negatif" else "")
                sheet.put(row, last, ket or None, styles.TEXT)
                sheet.row_heights[row] = text_height([(with_code(ind.nama, ind.kode), WIDTHS["indikator"]),
                                                      (ket, WIDTHS["ket"])])
                row += 1
            labels.append(Label(2, 2, s_first, row - 1, with_code(sasaran.nama, sasaran.kode), styles.TEXT))
            blocks.append((s_first, row - 1, s_first))  # a sasaran's rows together when they fit on a page
        labels.append(Label(1, 1, t_first, row - 1, with_code(tujuan.nama, tujuan.kode), styles.TEXT))
    end_with_signature(sheet, plan, row - 1, last - 3, last, blocks, labels)
    return sheet


def title_block(sheet: SheetLayout, title: str, plan: IkuPlan, last_col: int) -> None:
    """Rows 1–4 of a lampiran table: title, instansi, pemerintah daerah, period, centred across the table."""
    info = plan.instansi
    for row, text, style in ((1, title, styles.TITLE),
                             (2, info.nama.upper(), styles.SUBTITLE),
                             (3, info.pemerintah_daerah.upper(), styles.SUBTITLE),
                             (4, f"TAHUN {info.periode}", styles.SUBTITLE)):
        sheet.merge_fit(row, 1, last_col, text, style, minimum=18)


def end_with_signature(sheet: SheetLayout, plan: IkuPlan, last_row: int, first_col: int, last_col: int,
                       blocks: Sequence[tuple[int, ...]] = (), labels: Sequence[Label] = ()) -> None:
    """The signature block a row below the table's last row, and page breaks that keep that row with it (a
    signature alone on a page, under the repeated header, signs nothing the reader can see), each of `blocks`
    together when it fits on a page, each of `labels` merged once per page it prints on."""
    end = signature_block(sheet, plan, last_row + 2, first_col, last_col)
    together = [block for block in blocks if block[0] != last_row]
    if together and together[-1][1] == last_row:  # the last block reaches to the signature
        first = together.pop()[0]
        together.append((first, end, first))
    together.append((last_row, end))
    breaks = paging.breaks_keeping(sheet, last_col, *together, labels=labels)
    sheet.print_setup = replace(sheet.print_setup, breaks=breaks)


def signature_block(sheet: SheetLayout, plan: IkuPlan, row: int, first_col: int, last_col: int) -> int:
    """Tempat/tanggal, jabatan, space to sign, nama, pangkat, NIP, as the Keputusan's lampiran ends; its last row."""
    info = plan.instansi
    lines = []
    if info.tempat:
        lines.append((f"Ditetapkan di {info.tempat}", styles.SIGN))
    if info.tanggal:
        lines.append((f"pada tanggal {tanggal(info.tanggal)}", styles.SIGN))
    if info.jabatan:
        lines.append((f"{info.jabatan.upper()},", styles.SIGN.but(bold=True)))
    lines.append(None)  # room for the signature
    if info.penandatangan:
        lines.append((info.penandatangan, styles.SIGN_NAME))
    if info.pangkat:
        lines.append((info.pangkat, styles.SIGN))
    if info.nip:
        lines.append((f"NIP. {info.nip}", styles.SIGN))
    for line in lines:  # a long jabatan or name wraps, its row as tall as it needs
        if line is None:
            sheet.row_heights[row] = 48
        else:
            sheet.merge_fit(row, first_col, last_col, *line)
        row += 1
    return row - 1
