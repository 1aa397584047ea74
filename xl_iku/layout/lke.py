"""The LKE: the `LKE` input sheet (criteria and answers, `xl-iku init`) and the generated `Evaluasi AKIP YYYY`.

`Evaluasi AKIP YYYY` holds native Excel formulas over the `LKE` sheet (COUNTIFS/SUMPRODUCT against the answer scale
printed on the sheet itself), so a changed answer recomputes in Excel, LibreOffice or a reader's copy without the
add-in and without regenerating; each formula stores the value xl-iku computed (`rules.lke`) for readers that do
not recalculate. The predikat formula is written from the interval table (`rules.akip.PREDIKAT_88_2021`), not
typed: the table stays the one place the bounds live.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..cells import column_letter
from ..model.lke import HEADERS, SCALE_KEY, SHEET, LkeSheet
from ..rules.akip import PREDIKAT_88_2021
from ..rules.intervals import IntervalTable
from ..rules.lke import (
    KOMPONEN_LKE,
    PENJELASAN_88_2021,
    SKALA,
    SKALA_88_2021,
    HasilLke,
    Skala,
    default_kriteria,
    describe_predikat,
)
from ..rules.numbers import format_id
from . import styles
from .base import Highlight, PrintSetup, SheetLayout, Validation, text_height
from .input_sheets import HEADER as INPUT_HEADER
from .input_sheets import HINT, VALUE

# ----------------------------------------------------------------------------------------------- the input sheet

INPUT_HEADER_ROW = 3
INPUT_WIDTHS = (8, 8, 22, 13, 60, 10, 36)
INPUT_HINTS = (
    "Tahun yang dinilai. Untuk tahun lain, salin blok baris kriteria lalu ubah tahunnya.",
    "Kode komponen.sub-komponen.nomor, misalnya 1.2.3 (komponen 1–4; sub-komponen 1 Keberadaan, 2 Kualitas, "
    "3 Pemanfaatan). Kode menentukan bobot kriteria.",
    "Komponen (keterangan; bobotnya menurut kode).",
    "Sub-komponen (keterangan; bobotnya menurut kode).",
    "Rumusan kriteria. Boleh diubah, ditambah atau dihapus sesuai LKE kabupaten.",
    "Jawaban menurut skala di baris 1. Kosong = belum dinilai (sub-komponennya tidak dinilai).",
    "Bukti dukung atau catatan penilai.",
)
INPUT_ROWS = 1000  # validation reaches this far; more rows still read fine
KODE = VALUE.but(number_format="@", halign="center")  # 1.2.3 stays text in every locale (never a date)


def lke_input_sheet(tahun: int, rows: Sequence[dict] = (), skala: Skala = SKALA_88_2021) -> SheetLayout:
    """The LKE sheet: the scale cell, a hint, the header row, then one row per criterion; `rows` map header →
    value (the default criteria list, with no answers, when built by `xl-iku init`)."""
    sheet = SheetLayout(SHEET, freeze=(INPUT_HEADER_ROW + 1, 3), show_gridlines=True)
    sheet.column_widths = {c: w for c, w in enumerate(INPUT_WIDTHS, start=1)}
    sheet.merge(1, 1, 1, 2, SCALE_KEY, INPUT_HEADER)
    sheet.merge(1, 3, 1, 4, skala.label, VALUE.but(bold=True))
    scales = "; ".join(f"{s.label}: " + ", ".join(f"{a} = {format_id(float(v), 2 if s.maks == 1 else 0)}"
                                                  for a, v in s.nilai) for s in SKALA)
    hint = (f"Pilih skala sheet ini di sel C1 (satu skala untuk seluruh sheet). {scales}. Satu baris per kriteria "
            "dan tahun; beberapa tahun boleh dalam sheet ini. Bobot komponen dan sub-komponen menurut PermenPANRB "
            "88/2021 (tidak diubah). Hasilnya: sheet 'Evaluasi AKIP TAHUN' (xl-iku regenerate).")
    sheet.merge(1, 5, 1, 7, hint, HINT)
    sheet.row_heights[1] = text_height([(hint, sum(INPUT_WIDTHS[4:]))], size=9)
    sheet.merge(2, 1, 2, 7, "Jawaban 88/2021: " + "; ".join(f"{a} = {t}" for a, t in PENJELASAN_88_2021.items())
                + ".", HINT)
    sheet.row_heights[2] = 38
    for col, (text, hint_text) in enumerate(zip(HEADERS, INPUT_HINTS), start=1):
        sheet.put(INPUT_HEADER_ROW, col, text, INPUT_HEADER)
        sheet.notes[(INPUT_HEADER_ROW, col)] = hint_text
    sheet.row_heights[INPUT_HEADER_ROW] = 20
    for r, values in enumerate(rows, start=INPUT_HEADER_ROW + 1):
        for col, text in enumerate(HEADERS, start=1):
            style = KODE if text == "Kode" else VALUE.but(halign="center") if col in (1, 6) else VALUE
            sheet.put(r, col, values.get(text), style)
        sheet.row_heights[r] = text_height([(values.get("Kriteria") or "", INPUT_WIDTHS[4])])
    sheet.validations.append(Validation("C1", "list", tuple(s.label for s in SKALA),
                                        prompt="Skala jawaban seluruh sheet.",
                                        error="Pilih salah satu skala dari daftar."))
    first = INPUT_HEADER_ROW + 1
    sheet.validations.append(Validation(f"F{first}:F{INPUT_ROWS}", "list",
                                        tuple(dict.fromkeys(a for s in SKALA for a in s.jawaban)),
                                        prompt="Jawaban menurut skala di sel C1; kosong = belum dinilai.",
                                        error="Jawaban harus salah satu dari daftar (skala di sel C1)."))
    sheet.validations.append(Validation(f"A{first}:A{INPUT_ROWS}", "whole", minimum=2000, maximum=2100,
                                        prompt="Tahun yang dinilai, misalnya 2026.",
                                        error="Tahun harus berupa tahun (2000–2100)."))
    return sheet


def default_lke_sheet(tahun: int) -> SheetLayout:
    """The LKE sheet a new or older book receives: the default criteria list of one year, no answers."""
    return lke_input_sheet(tahun, default_rows(tahun, default_kriteria()))


def default_lke_year(tahun_pk: Sequence[int], tahun_target: Sequence[int]) -> int:
    """The year the default LKE is laid out for: the last Perjanjian Kinerja year, else the first target year."""
    return tahun_pk[-1] if tahun_pk else tahun_target[0]


def default_rows(tahun: int, kriteria: Sequence[tuple[str, str]]) -> list[dict]:
    """The default criteria of one year as input rows (no answers)."""
    out = []
    for kode, text in kriteria:
        k, s = (int(p) for p in kode.split(".")[:2])
        komponen = KOMPONEN_LKE[k - 1]
        out.append({"Tahun": tahun, "Kode": kode, "Komponen": komponen.nama, "Sub-komponen": komponen.subs[s - 1].tipe,
                    "Kriteria": text})
    return out


# ---------------------------------------------------------------------------------------- Evaluasi AKIP YYYY

PREFIX = "Evaluasi AKIP"
HEADER_ROW = 5
COLUMNS = (("Kode", 8), ("Komponen / Sub-komponen", 45), ("Bobot", 8), ("Kriteria", 8), ("Terjawab", 9),
           ("Nilai", 9), ("% Bobot", 9), ("Peringkat", 9))
NOT_ASSESSED = "belum dinilai"
COMPONENT = styles.TEXT.but(bold=True, fill="F2F2F2")
COMPONENT_NUMBER = styles.NUMBER.but(bold=True, fill="F2F2F2")
TOTAL = styles.TEXT.but(bold=True, fill="D9D9D9")
TOTAL_NUMBER = styles.NUMBER.but(bold=True, fill="D9D9D9")
COUNT = styles.INTEGER.but(halign="center")
WEAK_FILL = "F8CBAD"


def _component_rows() -> tuple[int, ...]:
    rows, row = [], HEADER_ROW + 1
    for k in KOMPONEN_LKE:
        rows.append(row)
        row += 1 + len(k.subs)
    return tuple(rows)


#: Where each component's value and the total stand in column F of every `Evaluasi AKIP YYYY` (other sheets link
#: to them: the change against the previous year, `Nilai AKIP`).
COMPONENT_ROWS = _component_rows()
TOTAL_ROW = COMPONENT_ROWS[-1] + 1 + len(KOMPONEN_LKE[-1].subs)
VALUE_COLUMN = "F"
PREDIKAT_CELL = f"C{TOTAL_ROW + 1}"
INTERPRETASI_CELL = f"C{TOTAL_ROW + 2}"


def sheet_name(tahun: int) -> str:
    return f"{PREFIX} {tahun}"


def evaluasi_akip(tahun: int, hasil: HasilLke, lke: LkeSheet, instansi: str,
                  previous: tuple[int, HasilLke] | None = None) -> SheetLayout:
    """One year's self-assessment, live over the `LKE` sheet; `previous` is an earlier year (with its own sheet)
    and its result, for the change against it."""
    sheet = SheetLayout(sheet_name(tahun), freeze=(HEADER_ROW + 1, 3))
    columns = list(COLUMNS)
    if previous is not None:
        columns += [(f"Nilai {previous[0]}", 9), ("Perubahan", 10)]
    last = len(columns)
    sheet.column_widths = {c: w for c, (_, w) in enumerate(columns, start=1)}
    skala = hasil.skala
    sheet.merge(1, 1, 1, last, f"EVALUASI AKIP MANDIRI (LKE) TAHUN {tahun}", styles.TITLE)
    sheet.merge(2, 1, 2, last, instansi.upper(), styles.SUBTITLE)
    note = (f"Penilaian mandiri atas jawaban LKE tahun {tahun} (skala {skala.label}), menurut "
            "PermenPANRB 88/2021: nilai sub-komponen = bobot × rata-rata nilai jawaban kriterianya ÷ nilai "
            "tertinggi skala; komponen = jumlah sub-komponennya; Nilai AKIP = jumlah komponen. Sub-komponen yang "
            f"masih punya kriteria tanpa jawaban '{NOT_ASSESSED}', begitu pula komponen dan Nilai AKIP-nya. "
            "Nilainya dihitung ulang saat jawaban diubah.")  # paper names no sheet
    width = sum(w for _, w in columns)
    sheet.merge(3, 1, 3, last, note, styles.NOTE)
    sheet.row_heights[3] = text_height([(note, width)], size=9)
    for col, (text, _) in enumerate(columns, start=1):
        sheet.put(HEADER_ROW, col, text, styles.HEADER)
    sheet.row_heights[HEADER_ROW] = 30

    # the scale table the formulas read (below the tables; written first so its cells are known)
    first, total_row = HEADER_ROW + 1, TOTAL_ROW
    end = total_row - 1  # component and sub rows; the total follows
    prioritas_row = total_row + 4
    scale_row = prioritas_row + 6
    codes = f"$A${scale_row + 1}:$A${scale_row + len(skala.nilai)}"
    values = f"$C${scale_row + 1}:$C${scale_row + len(skala.nilai)}"
    maks = f"$C${scale_row + len(skala.nilai) + 1}"
    _scale_table(sheet, skala, scale_row, last)

    src = f"'{lke.name}'!"
    col = {k: f"{src}${column_letter(lke.columns[k])}:${column_letter(lke.columns[k])}"
           for k in ("tahun", "kode", "jawaban")}
    kode_col = f"$A${first}:$A${end}"
    pct_col = f"$G${first}:$G${end}"
    ranks = {s.sub.kode: i for i, s in enumerate(hasil.prioritas(len(hasil.subs)), start=1)}
    row = first
    component_rows = []
    for k in hasil.komponen:
        sub_rows = list(range(row + 1, row + 1 + len(k.subs)))
        component_rows.append(row)
        f_range = f"F{sub_rows[0]}:F{sub_rows[-1]}"
        sheet.put(row, 1, str(k.komponen.no), COMPONENT.but(halign="center"))
        sheet.put(row, 2, k.komponen.nama, COMPONENT)
        sheet.put(row, 3, float(k.komponen.bobot), COMPONENT_NUMBER)
        sheet.put_formula(row, 4, f"=SUM(D{sub_rows[0]}:D{sub_rows[-1]})", sum(s.kriteria for s in k.subs),
                          COUNT.but(bold=True, fill=COMPONENT.fill))
        sheet.put_formula(row, 5, f"=SUM(E{sub_rows[0]}:E{sub_rows[-1]})", sum(s.terjawab for s in k.subs),
                          COUNT.but(bold=True, fill=COMPONENT.fill))
        sheet.put_formula(row, 6, f'=IF(COUNT({f_range})={len(k.subs)},SUM({f_range}),"{NOT_ASSESSED}")',
                          _shown(k.nilai), COMPONENT_NUMBER)
        sheet.put_formula(row, 7, f'=IF(ISNUMBER(F{row}),100*F{row}/C{row},"")',
                          None if k.nilai is None else float(k.poin / k.komponen.bobot * 100), COMPONENT_NUMBER)
        sheet.put(row, 8, None, COMPONENT)
        for s, r in zip(k.subs, sub_rows):
            sub = s.sub
            where = f'{col["tahun"]},{tahun},{col["kode"]},"{sub.kode}.*"'
            count = f"COUNTIFS({where})"
            answered = f"SUMPRODUCT(COUNTIFS({where},{col['jawaban']},{codes}))"
            points = f"SUMPRODUCT(COUNTIFS({where},{col['jawaban']},{codes}),{values})"
            sheet.put(r, 1, sub.kode, styles.CENTER)
            label = f"{sub.tipe}: {sub.uraian}"
            sheet.put(r, 2, label, styles.TEXT)
            sheet.put(r, 3, float(sub.bobot), styles.NUMBER)
            sheet.put_formula(r, 4, f"={count}", s.kriteria, COUNT)
            sheet.put_formula(r, 5, f"={answered}", s.terjawab, COUNT)
            sheet.put_formula(r, 6, f'=IF(AND(D{r}>0,E{r}=D{r}),C{r}*{points}/({maks}*D{r}),"{NOT_ASSESSED}")',
                              _shown(s.nilai), styles.NUMBER)
            sheet.put_formula(r, 7, f'=IF(ISNUMBER(F{r}),100*{points}/({maks}*D{r}),"")', s.persen, styles.NUMBER)
            # rank by % of weight among the assessed sub-components, ties in LKE order (1 = weakest)
            rank = (f'=IF(ISNUMBER(G{r}),SUMPRODUCT(ISNUMBER(FIND(".",{kode_col}))*ISNUMBER({pct_col})*'
                    f'({pct_col}<G{r}))+SUMPRODUCT(ISNUMBER(FIND(".",$A${first}:$A{r}))*($G${first}:$G{r}=G{r})),"")')
            sheet.put_formula(r, 8, rank, ranks.get(sub.kode), COUNT)
            sheet.row_heights[r] = text_height([(label, COLUMNS[1][1])])
        row = sub_rows[-1] + 1
    sheet.put(total_row, 1, None, TOTAL)
    sheet.put(total_row, 2, "NILAI AKIP (penilaian mandiri)", TOTAL)
    sheet.put(total_row, 3, 100.0, TOTAL_NUMBER)
    comps = ",".join(f"{c}{r}" for r in component_rows for c in "D")
    sheet.put_formula(total_row, 4, f"=SUM({comps})", sum(s.kriteria for s in hasil.subs),
                      COUNT.but(bold=True, fill=TOTAL.fill))
    sheet.put_formula(total_row, 5, f"=SUM({comps.replace('D', 'E')})", sum(s.terjawab for s in hasil.subs),
                      COUNT.but(bold=True, fill=TOTAL.fill))
    f_comps = comps.replace("D", "F")
    sheet.put_formula(total_row, 6, f'=IF(COUNT({f_comps})={len(component_rows)},SUM({f_comps}),"{NOT_ASSESSED}")',
                      _shown(hasil.nilai), TOTAL_NUMBER)
    sheet.put_formula(total_row, 7, f'=IF(ISNUMBER(F{total_row}),F{total_row},"")', hasil.nilai, TOTAL_NUMBER)
    sheet.put(total_row, 8, None, TOTAL)
    for offset, (label, which) in enumerate((("Predikat", "code"), ("Interpretasi", "label")), start=1):
        r = total_row + offset
        sheet.merge(r, 1, r, 2, label, styles.TEXT.but(bold=True, halign="right"))
        cached = None if hasil.predikat is None else getattr(hasil.predikat, which)
        sheet.merge(r, 3, r, 8, None, styles.CENTER.but(bold=True))
        sheet.put_formula(r, 3, interval_formula(PREDIKAT_88_2021, f"F{total_row}", which), cached or "",
                          styles.CENTER.but(bold=True))

    if previous is not None:
        other = f"'{sheet_name(previous[0])}'!"
        now, before = _values_by_row(hasil, first, total_row), _values_by_row(previous[1], first, total_row)
        for r in [*range(first, end + 1), total_row]:
            bold = r in component_rows or r == total_row
            fill = TOTAL.fill if r == total_row else COMPONENT.fill if bold else None
            number = styles.NUMBER.but(bold=bold, fill=fill)
            change = now[r] - before[r] if now[r] is not None and before[r] is not None else ""
            sheet.put_formula(r, 9, f"={other}F{r}", _shown(before[r]), number)
            sheet.put_formula(r, 10, f'=IF(AND(ISNUMBER(F{r}),ISNUMBER(I{r})),F{r}-I{r},"")', change,
                              number.but(number_format=styles.number_format("+#,##0.00;-#,##0.00;0.00")))

    # prioritas perbaikan: the three weakest sub-components (lowest % of weight), live from the ranks
    sheet.merge(prioritas_row, 1, prioritas_row, last, "PRIORITAS PERBAIKAN (tiga sub-komponen dengan persentase "
                "bobot terendah)", styles.TEXT.but(bold=True, border=False))
    for c, text in enumerate(("Urutan", "Sub-komponen"), start=1):
        sheet.put(prioritas_row + 1, c, text, styles.HEADER)
    sheet.merge(prioritas_row + 1, 3, prioritas_row + 1, 6, "Komponen", styles.HEADER)
    sheet.put(prioritas_row + 1, 7, "% Bobot", styles.HEADER)
    sheet.put(prioritas_row + 1, 8, "Kode", styles.HEADER)
    weakest = hasil.prioritas(3)
    for i in range(1, 4):
        r = prioritas_row + 1 + i
        pick = f"MATCH({i},$H${first}:$H${end},0)"
        found = weakest[i - 1] if i <= len(weakest) else None
        sheet.put(r, 1, i, styles.CENTER)
        sheet.put_formula(r, 2, f'=IFERROR(INDEX($B${first}:$B${end},{pick}),"")',
                          f"{found.sub.tipe}: {found.sub.uraian}" if found else "", styles.TEXT)
        sheet.merge(r, 3, r, 6, None, styles.TEXT)
        sheet.put_formula(r, 3, f'=IFERROR(INDEX($B${first}:$B${end},{pick}-MOD({pick}-1,4)),"")',
                          KOMPONEN_LKE[found.sub.komponen - 1].nama if found else "", styles.TEXT)
        sheet.put_formula(r, 7, f'=IFERROR(INDEX({pct_col},{pick}),"")', found.persen if found else "",
                          styles.NUMBER)
        sheet.put_formula(r, 8, f'=IFERROR(INDEX({kode_col},{pick}),"")', found.sub.kode if found else "",
                          styles.CENTER)
        if found:
            sheet.row_heights[r] = text_height([(f"{found.sub.tipe}: {found.sub.uraian}", COLUMNS[1][1])])

    note_row = scale_row + len(skala.nilai) + 3
    predikat = f"Predikat (PermenPANRB 88/2021): {describe_predikat()}."
    sheet.merge(note_row, 1, note_row, last, predikat, styles.NOTE)
    sheet.row_heights[note_row] = text_height([(predikat, width)], size=9)
    if hasil.belum:
        rows = ", ".join(str(k.baris) for k in hasil.belum)
        text = f"Saat tabel ini dibuat, {len(hasil.belum)} kriteria tahun {tahun} belum dijawab."
        sheet.put(note_row + 1, last + 2, f"Belum dijawab: sheet '{lke.name}' baris {rows}.", styles.NOTE)
        sheet.merge(note_row + 1, 1, note_row + 1, last, text, styles.NOTE)
        sheet.row_heights[note_row + 1] = text_height([(text, width)], size=9)
    sheet.highlights.append(_weak_highlight(first, end))
    sheet.print_setup = PrintSetup(landscape=False, title_rows=(HEADER_ROW, HEADER_ROW),
                                   area=(1, 1, sheet.max_row, last))
    return sheet


def _scale_table(sheet: SheetLayout, skala: Skala, row: int, last: int) -> None:
    """Jawaban | (Penjelasan) | Nilai, then the scale's maximum: what the formulas count answers against."""
    sheet.put(row, 1, "Jawaban", styles.HEADER)
    sheet.put(row, 2, f"Skala jawaban: {skala.label}", styles.HEADER)
    sheet.put(row, 3, "Nilai", styles.HEADER)
    penjelasan = PENJELASAN_88_2021 if skala is SKALA_88_2021 else {}
    decimals = "#,##0" if skala.maks != 1 else "0.00"
    for i, (answer, value) in enumerate(skala.nilai, start=1):
        sheet.put(row + i, 1, answer, styles.CENTER)
        sheet.put(row + i, 2, penjelasan.get(answer, ""), styles.TEXT)
        sheet.row_heights[row + i] = text_height([(penjelasan.get(answer, ""), COLUMNS[1][1])])
        sheet.put(row + i, 3, float(value), styles.NUMBER.but(number_format=styles.number_format(decimals)))
    end = row + len(skala.nilai) + 1
    sheet.merge(end, 1, end, 2, "Nilai tertinggi skala", styles.TEXT.but(halign="right"))
    sheet.put(end, 3, float(skala.maks), styles.NUMBER.but(number_format=styles.number_format(decimals)))


def _weak_highlight(first: int, end: int) -> Highlight:
    """The three weakest sub-components' % coloured, following the ranks when answers change."""
    return Highlight(f"G{first}:G{end}", f'AND(ISNUMBER(H{first}),H{first}<=3)', WEAK_FILL)


def interval_formula(table: IntervalTable, cell: str, which: str = "code") -> str:
    """An Excel formula classifying `cell` on `table` (nested IF from the bands, each with its own open/closed
    bounds; the value is first rounded to 9 decimals, shedding float noise as `rules.akip.akip_category` does);
    blank when `cell` holds no number."""
    value = f"ROUND({cell},9)"
    expr = '""'
    for band in reversed(table.bands):
        lower = f"{value}{'>=' if band.lower_closed else '>'}{band.lower:g}"
        upper = f"{value}{'<=' if band.upper_closed else '<'}{band.upper:g}"
        shown = band.category.code if which == "code" else band.category.label
        expr = f'IF(AND({lower},{upper}),"{shown}",{expr})'
    return f'=IF(ISNUMBER({cell}),{expr},"")'


def _values_by_row(hasil: HasilLke, first: int, total_row: int) -> dict[int, float | None]:
    """Column F's values by row: each component, then its sub-components, then the total."""
    out, row = {}, first
    for k in hasil.komponen:
        out[row] = k.nilai
        for i, s in enumerate(k.subs, start=1):
            out[row + i] = s.nilai
        row += 1 + len(k.subs)
    out[total_row] = hasil.nilai
    return out


def _shown(value: float | None) -> float | str:
    return NOT_ASSESSED if value is None else value


__all__ = ["lke_input_sheet", "default_rows", "default_lke_sheet", "default_lke_year", "evaluasi_akip", "sheet_name",
           "PREFIX", "interval_formula",
           "COMPONENT_ROWS", "TOTAL_ROW", "VALUE_COLUMN", "PREDIKAT_CELL", "INTERPRETASI_CELL"]
