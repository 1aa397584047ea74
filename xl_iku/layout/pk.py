"""Sheets `PK YYYY` and `Rencana Aksi YYYY`: the Perjanjian Kinerja in the format of PermenPANRB 53/2014.

`PK YYYY` holds two printed parts, each on its own A4 portrait page: the agreement (the regulation's standard
statement between pihak pertama, the office head, and pihak kedua, the atasan) and its lampiran (sasaran, indikator,
satuan, target; the year's programmes with a live `=SUM` Jumlah; both signatures). The quarterly Rencana Aksi is a
sheet of its own: a sheet repeats one set of header rows on every page it prints, so a second table with other
headers in the same sheet would print under the lampiran's headers.

Targets and budgets are number cells (a sum or lookup over them works) in Indonesian locale-tagged formats
(`styles.number_format`), so the signed document reads the same on every machine, whatever its locale: each target
shows the decimals it was written with (70,35, 85,3, 70), budgets whole rupiah (1.250.000.000) under a live Jumlah.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Instansi
from ..model.pk import PerjanjianKinerja
from . import paging, styles
from .base import PrintSetup, SheetLayout, Style, text_height
from .text import BULAN, tanggal

PK_PREFIX = "PK "
RA_PREFIX = "Rencana Aksi "
WIDTHS = (5, 28, 26, 10, 10, 18)  # No | Sasaran / Program | Indikator | Satuan / Anggaran | Target | Keterangan
LAST = len(WIDTHS)
PARAGRAPH = styles.SIGN.but(halign="justify", wrap=True)
LINE = styles.SIGN.but(halign="left")
RUPIAH = styles.INTEGER  # 1.250.000.000 on paper, whatever the locale
BOLD_TEXT = styles.TEXT.but(bold=True)

#: The standard statement of PermenPANRB 53/2014 (format Perjanjian Kinerja), between the two parties' blocks.
PEMBUKA = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")
PIHAK_PERTAMA = "selanjutnya disebut pihak pertama"
PIHAK_KEDUA = "selaku atasan pihak pertama, selanjutnya disebut pihak kedua"
JANJI = ("Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
         "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
         "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.")
SUPERVISI = ("Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
             "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
             "dan sanksi.")


def pk_sheet_name(year: int) -> str:
    return f"{PK_PREFIX}{year}"


def rencana_aksi_sheet_name(year: int) -> str:
    return f"{RA_PREFIX}{year}"


def pk_layouts(pk: PerjanjianKinerja) -> list[SheetLayout]:
    """The year's `PK YYYY`, and its `Rencana Aksi YYYY` when some quarterly target exists."""
    return [pk_sheet(pk)] + ([rencana_aksi(pk)] if pk.quarterly else [])


def pk_sheet(pk: PerjanjianKinerja) -> SheetLayout:
    sheet = SheetLayout(pk_sheet_name(pk.tahun))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    end_of_agreement = _agreement(sheet, pk)
    header, keep, labels = _lampiran(sheet, pk, end_of_agreement + 1)
    sheet.print_setup = PrintSetup(landscape=False, title_rows=(header, header))
    breaks = paging.breaks_keeping(sheet, LAST, *keep, after=end_of_agreement, labels=labels)
    sheet.print_setup = replace(sheet.print_setup, breaks=breaks)
    return sheet


def _heading(pk: PerjanjianKinerja, document: str) -> list[str]:
    """The title lines every page of the year's PK starts with: document and year, office, pemerintah daerah."""
    info = pk.plan.instansi
    return [f"{document} TAHUN {pk.tahun}", info.nama.upper(), info.pemerintah_daerah.upper()]


def _title(sheet: SheetLayout, row: int, lines: list[str], last: int = LAST) -> int:
    for i, text in enumerate(lines):
        sheet.merge_fit(row, 1, last, text, styles.TITLE if i == 0 else styles.SUBTITLE, minimum=18)
        row += 1
    return row


def _paragraph(sheet: SheetLayout, row: int, text: str, first: int = 1) -> int:
    sheet.merge(row, first, row, LAST, text, PARAGRAPH)
    sheet.row_heights[row] = text_height([(text, sum(WIDTHS[first - 1:]))])
    return row + 1


def _party(sheet: SheetLayout, row: int, nama: str, jabatan: str, role: str) -> int:
    for label, value in (("Nama", nama), ("Jabatan", jabatan)):
        sheet.put(row, 2, label, LINE)
        sheet.merge_fit(row, 3, LAST, f": {value}", LINE)
        row += 1
    return _paragraph(sheet, row, role, first=2)


def _agreement(sheet: SheetLayout, pk: PerjanjianKinerja) -> int:
    """The first page; returns its last row (the page break)."""
    info = pk.plan.instansi
    row = _title(sheet, 1, _heading(pk, "PERJANJIAN KINERJA")) + 1
    row = _paragraph(sheet, row, PEMBUKA) + 1
    row = _party(sheet, row, info.penandatangan, info.jabatan, PIHAK_PERTAMA) + 1
    row = _party(sheet, row, info.nama_atasan, info.jabatan_atasan, PIHAK_KEDUA) + 1
    row = _paragraph(sheet, row, JANJI) + 1
    row = _paragraph(sheet, row, SUPERVISI) + 1
    return _signatures(sheet, row, pk)


def _lampiran(sheet: SheetLayout, pk: PerjanjianKinerja, row: int
              ) -> tuple[int, list[tuple[int, ...]], list[paging.Label]]:
    """The second page: the targets, the programmes and the signatures; returns the header row to repeat, the
    blocks the page breaks keep together (each sasaran's rows when they fit on a page) and the No and Sasaran
    labels (merged once per page, so a page that continues a sasaran names it)."""
    row = _title(sheet, row, _heading(pk, "PERJANJIAN KINERJA")) + 1
    header = row
    for col, text in enumerate(("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan"), start=1):
        sheet.put(row, col, text, styles.HEADER)
    sheet.merge(row, 5, row, 6, "Target", styles.HEADER)
    sheet.row_heights[row] = 20
    row += 1
    number = 0
    labels: list[paging.Label] = []
    sasaran_blocks: list[tuple[int, int]] = []
    for tujuan in pk.plan.tujuan():
        for sasaran in tujuan.sasaran:
            first = row
            number += 1
            for ind in sasaran.indikator:
                sheet.put(row, 3, ind.nama, styles.TEXT)
                sheet.put(row, 4, ind.satuan or None, styles.CENTER)
                sheet.merge(row, 5, row, 6, ind.target[pk.tahun], target_style(ind.desimal))
                sheet.fit_row(row)
                row += 1
            labels += [paging.Label(1, 1, first, row - 1, number, styles.CENTER),
                       paging.Label(2, 2, first, row - 1, sasaran.nama, styles.TEXT)]
            sasaran_blocks.append((first, row - 1))
    programs, row = row + 1, _programs(sheet, pk, row + 1)
    end = _signatures(sheet, row + 1, pk)
    # the last target row, the programmes and the signatures when one page holds them, else the target row, the
    # programmes' header and two rows (a later page starts with targets under the repeated header, not it alone)
    jumlah = row - 1
    least = min(jumlah - 1, programs + 2) if pk.programs else end  # then Jumlah + signatures, a block
    keep = [(first, last, first) for first, last in sasaran_blocks if first != programs - 2]
    if keep and keep[-1][1] == programs - 2:  # the last sasaran reaches to the signatures when it all fits
        keep[-1] = (keep[-1][0], end, keep[-1][0])
    return header, keep + [(programs - 2, end, least), (jumlah, end)], labels


def _programs(sheet: SheetLayout, pk: PerjanjianKinerja, row: int) -> int:
    """No | Program | Anggaran (Rp) | Keterangan, then Jumlah as a live =SUM; returns the row after the table."""
    for c1, c2, text in ((1, 1, "No"), (2, 3, "Program"), (4, 5, "Anggaran (Rp)"), (6, 6, "Keterangan")):
        sheet.merge(row, c1, row, c2, text, styles.HEADER)
    sheet.row_heights[row] = 20
    first = row + 1
    for number, program in enumerate(pk.programs, start=1):
        row += 1
        sheet.put(row, 1, number, styles.CENTER)
        sheet.merge(row, 2, row, 3, program.program, styles.TEXT)
        sheet.merge(row, 4, row, 5, program.anggaran, RUPIAH)
        sheet.put(row, 6, program.keterangan or None, styles.TEXT)
        sheet.row_heights[row] = text_height([(program.program, WIDTHS[1] + WIDTHS[2]),
                                              (program.keterangan, WIDTHS[5])])
    row += 1
    sheet.merge(row, 1, row, 3, "Jumlah", BOLD_TEXT.but(halign="center"))
    total = sum(p.anggaran for p in pk.programs)
    formula = f"=SUM(D{first}:D{row - 1})" if pk.programs else "=0"
    for col in (4, 5):
        sheet.put(row, col, None, RUPIAH.but(bold=True))
    sheet.put_formula(row, 4, formula, total, RUPIAH.but(bold=True))
    sheet.merges.append((row, 4, row, 5))
    sheet.put(row, 6, None, styles.TEXT)
    return row + 1


def _signatures(sheet: SheetLayout, row: int, pk: PerjanjianKinerja) -> int:
    """Place and date on the right, then pihak kedua (left) and pihak pertama (right); returns the last row."""
    info = pk.plan.instansi
    sheet.merge_fit(row, 4, LAST, place_and_date(pk), styles.SIGN)
    row += 1
    left = _signature_lines("Pihak Kedua,", info.jabatan_atasan, info.nama_atasan, info.pangkat_atasan,
                            info.nip_atasan)
    right = _signature_lines("Pihak Pertama,", info.jabatan, info.penandatangan, info.pangkat, info.nip)
    for offset, (a, b) in enumerate(zip(left, right)):
        r = row + offset
        if a is None:
            sheet.row_heights[r] = 60  # room to sign
            continue
        sheet.merge_fit(r, 1, 2, *a)  # a long jabatan or name wraps; the row fits the taller of the two
        sheet.merge_fit(r, 4, LAST, *b)
    return row + len(left) - 1


def _signature_lines(role: str, jabatan: str, nama: str, pangkat: str, nip: str) -> list:
    """Both blocks have the same lines so they line up; a missing name leaves a blank line to write on."""
    bold = styles.SIGN.but(bold=True)
    return [(role, bold), (f"{jabatan.upper()}," if jabatan else None, bold), None,
            (nama or "(…………………………………)", styles.SIGN_NAME), (pangkat or None, styles.SIGN),
            (f"NIP. {nip}" if nip else None, styles.SIGN)]


def place_and_date(pk: PerjanjianKinerja) -> str:
    """"Wotu, 2 Januari 2025" above the signatures; the date alone when no place is known."""
    place = pk.plan.instansi.tempat
    return f"{place}, {signing_date(pk)}" if place else signing_date(pk)


def signing_date(pk: PerjanjianKinerja) -> str:
    """The date of signing, or "… Januari YYYY" left for the pen."""
    return tanggal(pk.tanggal) if pk.tanggal else f"…… {BULAN[0]} {pk.tahun}"


def target_style(places: int) -> Style:
    """Centred, with the indicator's decimals as written (`Indikator.desimal`): 70,35, 0,890, 1.500, the same as in
    Tabel IKU and Capaian Kinerja."""
    return styles.fixed(places, styles.CENTER)


RA_WIDTHS = (5, 40, 10, 10, 9, 9, 9, 9)  # No | Indikator | Satuan | Target | TW I–IV


def rencana_aksi(pk: PerjanjianKinerja) -> SheetLayout:
    """Indicator × quarter targets, with the year's target beside them, signed by pihak pertama."""
    last = len(RA_WIDTHS)
    info: Instansi = pk.plan.instansi
    sheet = SheetLayout(rencana_aksi_sheet_name(pk.tahun))
    sheet.column_widths = {c: w for c, w in enumerate(RA_WIDTHS, start=1)}
    row = _title(sheet, 1, _heading(pk, "RENCANA AKSI"), last) + 1
    header = row
    for col, text in enumerate(("No", "Indikator Kinerja", "Satuan", f"Target {pk.tahun}"), start=1):
        sheet.merge(row, col, row + 1, col, text, styles.HEADER)
    sheet.merge(row, 5, row, 8, "Target Triwulan", styles.HEADER)
    for offset, label in enumerate(("TW I", "TW II", "TW III", "TW IV")):
        sheet.put(row + 1, 5 + offset, label, styles.HEADER)
    row += 2
    for number, ind in enumerate(pk.plan.indikator, start=1):
        quarters = ind.target_tw.get(pk.tahun, (None,) * 4)
        for col, value in enumerate((number, ind.nama, ind.satuan or None), start=1):
            sheet.put(row, col, value, styles.TEXT if col == 2 else styles.CENTER)
        for col, value in enumerate((ind.target[pk.tahun], *quarters), start=4):
            sheet.put(row, col, value, target_style(ind.desimal))
        sheet.fit_row(row)
        row += 1
    row += 1
    sheet.merge_fit(row, 5, last, place_and_date(pk), styles.SIGN)
    for offset, line in enumerate(_signature_lines("", info.jabatan, info.penandatangan, info.pangkat, info.nip)[1:]):
        if line is None:
            sheet.row_heights[row + 1 + offset] = 60
        else:
            sheet.merge_fit(row + 1 + offset, 5, last, *line)
    sheet.print_setup = PrintSetup(landscape=False, title_rows=(header, header + 1))
    return sheet
