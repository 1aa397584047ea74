"""Sheet `Hasil SKM`: the survey report. Its key cells are live formulas (the xl-iku functions and native ones) over
`Data SKM`, each stored with the value xl-iku computed; breakdowns and periods are values as of the regeneration."""

from __future__ import annotations

from dataclasses import replace
from operator import itemgetter

from ..cells import column_letter
from ..model.skm_report import GroupResult, SkmReport
from ..rules.numbers import format_id, round_half_up
from ..rules.sampel import excel_formula
from . import paging, styles
from .base import Chart, PrintSetup, SheetLayout, text_height

SHEET = "Hasil SKM"
WIDTHS = (5, 8, 42, 11, 11, 11, 13, 11)
FIRST_UNSUR_ROW = 6
DECIMAL4 = styles.NUMBER.but(number_format=styles.number_format("0.0000"))
CHANGE = styles.NUMBER.but(number_format=styles.number_format("+0.00;-0.00;0.00"))
LABEL = styles.TEXT.but(bold=True)
SECTION = styles.TITLE.but(size=11, halign="left")
PORTRAIT = PrintSetup(landscape=False, title_rows=None)


def hasil_skm(report: SkmReport, instansi: str, population_ref: str | None) -> SheetLayout:
    survey, result = report.survey, report.result
    sheet = SheetLayout(SHEET)
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    sheet.merge(1, 1, 1, 8, "HASIL SURVEI KEPUASAN MASYARAKAT (SKM)", styles.TITLE)
    sheet.merge_fit(2, 1, 8, instansi.upper(), styles.SUBTITLE)
    sheet.merge(3, 1, 3, 8, f"{format_id(result.responden, 0)} responden; PermenPANRB 14/2017",
                styles.NOTE.but(halign="center"))
    aside(sheet, 3, f"Data: sheet '{survey.sheet}' baris {survey.first_row}–{survey.last_row}.")
    header = 5
    for col, text in enumerate(("No", "Kode", "Unsur Pelayanan", "Jumlah Jawaban", "NRR", "Bobot",
                                "NRR Tertimbang", "Peringkat (1 = terendah)"), start=1):
        sheet.put(header, col, text, styles.HEADER)
    sheet.row_heights[header] = 30
    sheet.fit_row(header)

    data = f"'{survey.sheet}'!"
    first, last = FIRST_UNSUR_ROW, FIRST_UNSUR_ROW + len(result.unsur) - 1
    nrr_values = [u.nrr for u in result.unsur]
    # which columns hold an answer written as text: one pass over each column's types in C (50,000 rows × 9)
    text_columns = {j for j in range(len(result.unsur))
                    if any(issubclass(t, str) for t in set(map(type, map(itemgetter(j), survey.rows))))}
    for i, (unsur, column) in enumerate(zip(result.unsur, survey.columns)):
        row = first + i
        rng = f"{data}${column_letter(column)}${survey.first_row}:${column_letter(column)}${survey.last_row}"
        sheet.put(row, 1, i + 1, styles.CENTER)
        sheet.put(row, 2, unsur.kode, styles.CENTER)
        sheet.put(row, 3, unsur.nama, styles.TEXT)
        _fit(sheet, row, unsur.nama, WIDTHS[2])
        if i in text_columns:  # answers written as labels: COUNT/AVERAGE would skip them, IKM_NRR reads them
            sheet.put_formula(row, 4, f"=COUNTA({rng})", unsur.n, styles.INTEGER)
            sheet.put_formula(row, 5, f"=IKM_NRR({rng})", unsur.nrr, styles.DECIMAL3)
        else:
            sheet.put_formula(row, 4, f"=COUNT({rng})", unsur.n, styles.INTEGER)
            sheet.put_formula(row, 5, f"=AVERAGE({rng})", unsur.nrr, styles.DECIMAL3)
        sheet.put(row, 6, result.bobot, DECIMAL4)
        sheet.put_formula(row, 7, f"=E{row}*F{row}", unsur.nrr_tertimbang, DECIMAL4)
        rank = 1 + sum(v < unsur.nrr for v in nrr_values)
        sheet.put_formula(row, 8, f"=RANK(E{row},$E${first}:$E${last},1)", rank, styles.INTEGER)
    total = last + 1
    sheet.merge(total, 1, total, 6, "Jumlah NRR tertimbang", LABEL.but(halign="right"))
    sheet.put_formula(total, 7, f"=SUM(G{first}:G{last})", sum(u.nrr_tertimbang for u in result.unsur), DECIMAL4)
    sheet.put(total, 8, None, styles.TEXT)

    row = total + 2
    contiguous = sorted(survey.columns) == list(range(min(survey.columns), max(survey.columns) + 1))
    if contiguous:
        answers = (f"{data}${column_letter(min(survey.columns))}${survey.first_row}:"
                   f"${column_letter(max(survey.columns))}${survey.last_row}")
        ikm_formula = f"=IKM_SCORE({answers})"  # the IKM does not depend on the unsur order
    else:  # answer columns split by other columns: Σ NRR tertimbang × 25 is the same number
        ikm_formula = f"=G{total}*25"
    ikm_row = row
    summary = [
        ("Indeks Kepuasan Masyarakat (IKM)", ikm_formula, result.ikm, styles.NUMBER.but(bold=True)),
        ("Mutu pelayanan", f"=IKM_CATEGORY(D{ikm_row})", result.category.code, styles.CENTER.but(bold=True)),
        ("Kinerja unit pelayanan", f"=IKM_LABEL(D{ikm_row})", result.category.label, styles.CENTER),
        ("Jumlah responden", None, result.responden, styles.INTEGER),
    ]
    for label, formula, value, style in summary:
        sheet.merge(row, 1, row, 3, label, LABEL)
        if formula:
            sheet.put_formula(row, 4, formula, value, style)
        else:
            sheet.put(row, 4, value, style)
        row += 1
    responden_row = row - 1
    populasi = "Populasi penerima layanan"
    sheet.merge(row, 1, row, 3, populasi, LABEL)
    aside(sheet, row, "Populasi: isian 'Populasi SKM' di sheet Instansi.")
    sheet.row_heights[row] = text_height([(populasi, sum(WIDTHS[:3]))])
    if population_ref and report.population is not None:
        sheet.put_formula(row, 4, f"={population_ref}", report.population, styles.INTEGER)
        sheet.merge(row + 1, 1, row + 1, 3, "Sampel minimum (Krejcie–Morgan, 95 %, galat 5 %)", LABEL)
        sheet.put_formula(row + 1, 4, excel_formula(f"D{row}"), report.min_sample, styles.INTEGER)
        sheet.merge(row + 2, 1, row + 2, 3, "Kecukupan sampel", LABEL)
        enough = "Cukup" if result.responden >= report.min_sample else "Belum cukup"
        sheet.put_formula(row + 2, 4, f'=IF(D{responden_row}>=D{row + 1},"Cukup","Belum cukup")', enough,
                          styles.CENTER)
        row += 3
    else:
        sheet.merge(row, 4, row, 8, "belum diisi", styles.NOTE)
        aside(sheet, row, "Tulis 'Populasi SKM' dan jumlahnya di sheet Instansi, lalu buat ulang tabel.")
        row += 1

    row += 1
    sheet.merge(row, 1, row, 8, "Unsur dengan NRR terendah (prioritas perbaikan)", SECTION)
    keep = [(row, row + len(result.weakest(3)))]  # blocks the page breaks keep on one page
    row += 1
    for rank, unsur in enumerate(result.weakest(3), start=1):
        sheet.put(row, 1, rank, styles.CENTER)
        sheet.put(row, 2, unsur.kode, styles.CENTER)
        sheet.put(row, 3, unsur.nama, styles.TEXT)
        sheet.put(row, 4, unsur.nrr, styles.DECIMAL3)
        row += 1

    # the chart, under the summary and inside the printed width; its data block sits beside the table (J:K)
    sheet.column_widths.update({10: 8, 11: 9})
    sheet.put(header, 10, "Unsur", styles.HEADER)
    sheet.put(header, 11, "NRR", styles.HEADER)
    for i, unsur in enumerate(result.unsur):
        sheet.put(first + i, 10, unsur.kode, styles.CENTER)
        sheet.put_formula(first + i, 11, f"=E{first + i}", unsur.nrr, styles.DECIMAL3)
    row += 1
    chart = Chart("bar", "NRR per unsur", (header, 10, last, 11), anchor=(row, 2), width_cm=17, height_cm=7.5,
                  y_min=1, y_max=4, y_title="NRR (1–4)", value_format=styles.number_format("0.0"),
                  label_format=styles.DECIMAL3.number_format)
    sheet.charts.append(chart)
    keep.append(_chart_rows(sheet, chart))
    row += paging.rows_for(chart.height_cm) + 1

    groups = list(report.groups.items())
    if report.periods:
        groups.append(("Periode", report.periods))
    if groups:
        row += 1
        sheet.merge(row, 1, row, 8, "Rincian per kelompok responden", styles.NOTE)
        aside(sheet, row, "Nilai rincian dihitung saat tabel dibuat ulang (bukan rumus).")
        note, row = row, row + 1
        for i, (name, results) in enumerate(groups):
            keep.append(_section(row, _breakdown(sheet, row, name, results, trend=name == "Periode") - 1))
            if i == 0:  # the note introduces the sections: it goes with the first
                keep.append((note,) + keep[-1][1:])
            row = keep[-1][1] + 2
    printed = row - 1
    if survey.notes or any(header != code for header, code in zip(survey.headers, survey.codes)):
        # which sheet column was read as which unsur, and what a rule read over several columns: for staff in the
        # workbook, past the print area (paper names no sheet or column)
        _columns_read(sheet, row + 1, survey)

    sheet.print_setup = replace(PORTRAIT, area=(1, 1, printed, 8))
    sheet.print_setup = replace(sheet.print_setup, breaks=paging.breaks_keeping(sheet, len(WIDTHS), *keep))
    return sheet


ASIDE_COL = 13  # notes for staff beside the print area (A:H) and the chart's data (J:K): never on paper


def aside(sheet: SheetLayout, row: int, text: str) -> None:
    """A note for whoever keeps the workbook (which sheet and rows, where to type), in the row it is about but past
    the print area: paper names no sheet or cell."""
    sheet.column_widths[ASIDE_COL] = 60
    sheet.put(row, ASIDE_COL, text, styles.NOTE.but(wrap=False))


def _fit(sheet: SheetLayout, row: int, text, width: float) -> None:
    """A row as tall as its wrapped text when that needs more than one line: Excel does not grow it on open, and
    the page breaks count each row at its height."""
    height = text_height([(text, width)])
    if height > text_height([]):  # more than one line
        sheet.row_heights[row] = height


def _section(heading: int, last: int) -> tuple[int, int, int]:
    """A section to keep on one page (heading row to `last`): whole if it fits, else its heading, the table's
    header and two first rows, so no heading or header row ends a page alone."""
    return heading, last, min(last, heading + 3)


def _chart_rows(sheet: SheetLayout, chart: Chart) -> tuple[int, int]:
    """The rows the chart covers, of a fixed height (it ends at the same row in Excel and LibreOffice): a block the
    page breaks keep whole, so the chart prints whole."""
    top = chart.anchor[0]
    end = top + paging.rows_for(chart.height_cm)
    for r in range(top, end + 1):
        sheet.row_heights[r] = paging.ROW_PT
    return top, end


def _columns_read(sheet: SheetLayout, row: int, survey) -> int:
    """Which column was read as which unsur, when the headers are not the plain codes (questions, names)."""
    sheet.merge(row, 1, row, 8, f"Kolom jawaban di sheet '{survey.sheet}'", SECTION)
    row += 1
    for col, text in enumerate(("Kode", "Kolom"), start=1):
        sheet.put(row, col, text, styles.HEADER)
    sheet.merge(row, 3, row, 8, "Judul kolom", styles.HEADER)
    row += 1
    for code, column, header in zip(survey.codes, survey.columns, survey.headers):
        sheet.put(row, 1, code, styles.CENTER)
        sheet.put(row, 2, column_letter(column), styles.CENTER)
        sheet.merge(row, 3, row, 8, header, styles.TEXT)
        _fit(sheet, row, header, sum(WIDTHS[2:]))
        row += 1
    for note in survey.notes:  # what a rule read over several columns (numbered columns, a group header, …)
        sheet.merge(row, 1, row, 8, note, styles.NOTE)
        _fit(sheet, row, note, sum(WIDTHS))
        row += 1
    return row


def _breakdown(sheet: SheetLayout, row: int, name: str, results: list[GroupResult], trend: bool) -> int:
    sheet.merge(row, 1, row, 8, f"IKM per {name}", SECTION)
    row += 1
    headers = ["No", name, "", "Responden", "IKM", "Mutu", "Kinerja", "Perubahan" if trend else ""]
    for col, text in enumerate(headers, start=1):
        sheet.put(row, col, text or None, styles.HEADER)
    sheet.merge(row, 2, row, 3, name, styles.HEADER)
    if not trend:  # no change between groups: Kinerja takes the last column too (no empty column on paper)
        sheet.merge(row, 7, row, 8, "Kinerja", styles.HEADER)
    row += 1
    previous = None
    for i, group in enumerate(results, start=1):
        sheet.put(row, 1, i, styles.CENTER)
        sheet.merge(row, 2, row, 3, group.label, styles.TEXT)
        _fit(sheet, row, group.label, WIDTHS[1] + WIDTHS[2])
        sheet.put(row, 4, group.responden, styles.INTEGER)
        if group.ditulis:  # for staff: which other spellings of Data SKM this row counts
            aside(sheet, row, "Termasuk yang ditulis " + ", ".join(f"'{d}'" for d in group.ditulis))
        if group.ikm is None:
            sheet.merge(row, 5, row, 8, "tidak dapat dihitung: ada unsur tanpa jawaban", styles.NOTE.but(border=True))
        else:
            sheet.put(row, 5, group.ikm, styles.NUMBER)
            sheet.put(row, 6, group.category.code, styles.CENTER)
            if trend:
                sheet.put(row, 7, group.category.label, styles.TEXT)
                change = None
                if previous is not None:
                    change = round(round_half_up(group.ikm, 2) - round_half_up(previous, 2), 2)
                sheet.put(row, 8, change, CHANGE)
            else:
                sheet.merge(row, 7, row, 8, group.category.label, styles.TEXT)
            previous = group.ikm
        row += 1
    return row
