"""Sheet `LKjIP YYYY`: the tables of a Laporan Kinerja Instansi Pemerintah's BAB III (PermenPANRB 53/2014), from
`lkjip.Lkjip` (every number is computed there, by the rules).

- Tabel 3.1 Capaian kinerja: target, realisasi, capaian, kategori per indicator, each sasaran's mean capaian;
- Tabel 3.2 Perbandingan dengan tahun sebelumnya: realisasi N-2, N-1, N, capaian N-1 and N, change in points;
- Tabel 3.3 Perbandingan dengan target akhir Renstra: end target, realisasi (summed for `kumulatif`), capaian
  against it, year x of the period and the status;
- Tabel 3.4 Perbandingan dengan standar nasional;
- Tabel 3.5 Realisasi anggaran: pagu, realisasi, penyerapan, sisa, capaian and efisiensi per sasaran and programme.

Live: a realisasi cell follows the `Data IKU` (or `Program`) cell staff type it in, and capaian, kategori, means,
changes, status, penyerapan and efisiensi are plain Excel formulas over the sheet's own cells (no add-in needed, so
a shared copy recomputes too); each formula carries the value xl-iku computed, which is what it evaluates to.

Five tables with different headers share one sheet, and a sheet repeats only one set of title rows: so the layout
paginates itself. Every row has a set height, each block (a heading with its header and first rows, a sasaran's
rows, the Jumlah with the formula under it) goes whole on a page, and a table that continues on a new page gets
its header row(s) again there.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.lkjip import BELUM, IndikatorLkjip, Lkjip, Nilai, program_ref
from ..rules import decimals
from ..rules.intervals import IntervalTable
from ..rules.lkjip import penyerapan
from ..rules.numbers import format_id
from . import paging, styles
from .base import PrintSetup, SheetLayout, Style, text_height
from .text import with_code

PREFIX = "LKjIP "
#: No | Sasaran | Indikator | Satuan | Polaritas | … numbers … (every table maps its columns onto this grid)
WIDTHS = (5, 24, 26, 9, 9, 10, 10, 11, 13, 13, 11)
LAST = len(WIDTHS)
PERCENT = styles.NUMBER.but(number_format=styles.number_format("#,##0.00"), wrap=True)
RUPIAH = styles.INTEGER.but(wrap=True)
RATIO = styles.NUMBER.but(number_format=styles.number_format("0.00"))
HEADING = Style(bold=True, size=10, valign="center")
NONE = "–"  # a year before the workbook's data: nothing to show


def sheet_name(year: int) -> str:
    return f"{PREFIX}{year}"


def number_style(places: int) -> Style:
    """Right-aligned, in Indonesian form with `places` decimals; wraps so `belum ada realisasi` fits its cell."""
    code = "#,##0" + ("." + "0" * places if places else "")
    return styles.NUMBER.but(number_format=styles.number_format(code), wrap=True)


def indicator_places(item: IndikatorLkjip) -> int:
    """The decimals an indicator was written with (`Indikator.desimal`, rules.decimals: the same as every other
    document prints it), or more when its standar nasional was written with more."""
    ind = item.ind
    standar = decimals.written_places(ind.standar_nasional) if ind.standar_nasional is not None else None
    return max(ind.desimal, standar or 0)


def num(value: float) -> str:
    """A number inside a formula (Python's shortest exact form; never locale-formatted)."""
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


class _Pages:
    """Rows written top to bottom, a page break placed before a block that would cross the page's foot."""

    def __init__(self, sheet: SheetLayout, setup: PrintSetup) -> None:
        self.sheet = sheet
        _, page_cm = paging.printable_cm(setup, paging.printed_width_cm(sheet, LAST))
        self.room = paging.SIZED_FILL * page_cm
        self.row, self.used, self.breaks = 1, 0.0, []

    def measure(self, draw: Callable[[SheetLayout, int], int]) -> list[float]:
        """Row heights a block takes, drawn once on a scratch sheet (its formulas' rows do not matter there)."""
        scratch = SheetLayout("scratch", column_widths=dict(self.sheet.column_widths))
        end = draw(scratch, 1)
        return [scratch.row_heights.get(r, paging.ROW_PT) for r in range(1, end)]

    def place(self, draw: Callable[[SheetLayout, int], int], again: Callable[[SheetLayout, int], int] | None = None,
              keep: float = 0.0) -> None:
        """Draw a block (returns the row after it) on this page when it fits, else on a new one, under `again`
        (the table's header) when it continues a table. `keep`: height (cm) that must follow on the same page."""
        height = sum(paging.row_cm(h) for h in self.measure(draw)) + keep
        if self.used and self.used + height > self.room:
            self.breaks.append(self.row - 1)
            self.used = 0.0
            if again is not None:
                self._draw(again)
        self._draw(draw)

    def _draw(self, draw: Callable[[SheetLayout, int], int]) -> None:
        end = draw(self.sheet, self.row)
        for r in range(self.row, end):
            self.sheet.row_heights.setdefault(r, paging.ROW_PT)
            self.used += paging.row_cm(self.sheet.row_heights[r])
        self.row = end


def lkjip_sheet(report: Lkjip, scale: IntervalTable) -> SheetLayout:
    sheet = SheetLayout(sheet_name(report.tahun))
    sheet.column_widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    setup = PrintSetup(landscape=True)
    pages = _Pages(sheet, setup)
    info = report.plan.instansi
    lines = [f"TABEL CAPAIAN KINERJA LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {report.tahun}",
             info.nama.upper(), info.pemerintah_daerah.upper()]

    def title(s: SheetLayout, row: int) -> int:
        for i, text in enumerate(lines):
            s.merge(row, 1, row, LAST, text, styles.TITLE if i == 0 else styles.SUBTITLE)
            s.row_heights[row] = 18
            row += 1
        s.row_heights[row] = 8
        return row + 1

    pages.place(title)
    rows31: dict[int, int] = {}  # Data IKU row of an indicator → its row in Tabel 3.1
    sasaran_rows: dict[str, int] = {}  # sasaran kode+nama → the row of its mean capaian in Tabel 3.1
    _tabel_31(pages, report, scale, rows31, sasaran_rows)
    _tabel_32(pages, report, rows31)
    _tabel_33(pages, report, rows31)
    _tabel_34(pages, report, rows31)
    _tabel_35(pages, report, rows31, sasaran_rows)
    sheet.print_setup = PrintSetup(landscape=True, area=(1, 1, pages.row - 1, LAST), breaks=tuple(pages.breaks))
    return sheet


def _table(pages: _Pages, heading: str, header: Callable[[SheetLayout, int], int],
           blocks: list[Callable[[SheetLayout, int], int]], notes: list[str] = ()) -> None:
    """A heading, the header and the first block together, then block by block (the header again on a new page),
    the last block with the notes under the table; a gap row after."""
    def head(s: SheetLayout, row: int) -> int:
        s.merge(row, 1, row, LAST, heading, HEADING)
        s.row_heights[row] = 18
        return header(s, row + 1)

    def with_notes(block: Callable[[SheetLayout, int], int]) -> Callable[[SheetLayout, int], int]:
        def draw(s: SheetLayout, row: int) -> int:
            row = block(s, row)
            for text in notes:
                s.merge(row, 1, row, LAST, text, styles.NOTE)
                s.row_heights[row] = text_height([(text, sum(WIDTHS))], size=9, minimum=13)
                row += 1
            s.row_heights[row] = 12
            return row + 1
        return draw

    blocks = blocks[:-1] + [with_notes(blocks[-1])]

    def first(s: SheetLayout, row: int) -> int:
        return blocks[0](s, head(s, row))

    pages.place(first)
    for block in blocks[1:]:
        pages.place(block, again=header)


BOLD_WIDTH = 0.85  # bold header text takes this much more room than `text_height` counts for plain text


def header_height(labels: list[tuple[str, int, int]], minimum: float = 18) -> float:
    """Height of a header row whose labels ((text, first column, last column)) wrap in their cells, in bold."""
    return text_height([(text, BOLD_WIDTH * sum(WIDTHS[c1 - 1:c2])) for text, c1, c2 in labels], minimum=minimum)


def _header(columns: list[tuple[int, int, str]]) -> Callable[[SheetLayout, int], int]:
    """One header row: (first column, last column, text)."""
    def draw(s: SheetLayout, row: int) -> int:
        for c1, c2, text in columns:
            s.merge(row, c1, row, c2, text, styles.HEADER)
        s.row_heights[row] = header_height([(text, c1, c2) for c1, c2, text in columns])
        return row + 1
    return draw


def _put_texts(s: SheetLayout, row: int, cells: list[tuple[int, int, object, Style]]) -> float:
    """Cells of one row ((first, last column, value, style)); returns the height their wrapped texts need."""
    needs = []
    for c1, c2, value, style in cells:
        if c1 == c2:
            s.put(row, c1, value, style)
        else:
            s.merge(row, c1, row, c2, value, style)
        if isinstance(value, str) and not value.startswith("="):
            needs.append((value, sum(WIDTHS[c1 - 1:c2])))
    return text_height(needs)


def _grow(s: SheetLayout, first: int, last: int, texts: list[tuple[str, float]]) -> None:
    """Grow rows first..last evenly when a text merged down them needs more room than they have."""
    needed = text_height(texts)
    have = sum(s.row_heights[r] for r in range(first, last + 1))
    if needed > have:
        extra = (needed - have) / (last - first + 1)
        for r in range(first, last + 1):
            s.row_heights[r] = round(s.row_heights[r] + extra, 1)


def _realisasi(n: Nilai, missing: str = BELUM) -> tuple[str | None, object]:
    """(formula or None, value) of a realisasi cell: live over the cell staff type it in, `missing` while blank."""
    shown = n.value if n.value is not None else missing
    if n.ref is None:
        return None, shown
    otherwise = num(n.fallback) if n.fallback is not None else f'"{missing}"'
    return f"=IF(ISNUMBER({n.ref}),{n.ref},{otherwise})", shown


def _term(n: Nilai) -> str:
    """The realisasi as an Excel expression: the typed cell, or while it is blank what AKIP/SKM give."""
    if n.ref is None:
        return num(n.value) if n.value is not None else '""'
    if n.fallback is not None:
        return f"IF(ISNUMBER({n.ref}),{n.ref},{num(n.fallback)})"
    return n.ref


def _put(s: SheetLayout, row: int, col: int, formula: str | None, value: object, style: Style,
         last: int | None = None) -> None:
    """A value, or a formula carrying it; over columns col..last when `last` is given. A text standing for a number
    that is not there (`–`, `belum ada realisasi`) is a centred text cell, not text in a number format."""
    if formula is None and isinstance(value, str):
        style = style.but(number_format="General", halign="center")
    if formula is None:
        s.put(row, col, value, style)
    else:
        s.put_formula(row, col, formula, "" if value is None else value, style)
    if last is not None and last > col:
        for c in range(col + 1, last + 1):
            s.put(row, c, None, style)
        s.merges.append((row, col, row, last))


def _capaian_formula(real: str, target: str, polaritas: str) -> str:
    """Capaian in percent, as `rules.capaian`: positif r/t×100, negatif (2 − r/t)×100; "" without realisasi."""
    ratio = f"{real}/{target}"
    value = f"{ratio}*100" if polaritas == "positif" else f"(2-{ratio})*100"
    return f'=IF(ISNUMBER({real}),IF(N({target})<>0,{value},""),"")'


def _kategori_formula(ref: str, scale: IntervalTable) -> str:
    """The scale's bands as nested IFs (open and closed ends as the table says); outside every band as
    `performance` says it."""
    expr = '"di luar skala"'
    for band in reversed(scale.bands):
        parts = []
        if band.lower != float("-inf"):
            parts.append(f"{ref}{'>=' if band.lower_closed else '>'}{num(band.lower)}")
        if band.upper != float("inf"):
            parts.append(f"{ref}{'<=' if band.upper_closed else '<'}{num(band.upper)}")
        condition = parts[0] if len(parts) == 1 else (f"AND({','.join(parts)})" if parts else "TRUE")
        expr = f'IF({condition},"{band.category.label}",{expr})'
    return f'=IF(ISNUMBER({ref}),{expr},"")'


def _or_blank(value: float | None) -> object:
    return "" if value is None else value


# --- Tabel 3.1 -------------------------------------------------------------------------------------------------------

def _tabel_31(pages: _Pages, report: Lkjip, scale: IntervalTable, rows31: dict[int, int],
              sasaran_rows: dict[str, int]) -> None:
    n = report.tahun
    header = _header([(1, 1, "No"), (2, 2, "Sasaran"), (3, 3, "Indikator Kinerja"), (4, 4, "Satuan"),
                      (5, 5, "Polaritas"), (6, 6, f"Target {n}"), (7, 7, f"Realisasi {n}"), (8, 8, "Capaian (%)"),
                      (9, 10, "Kategori"), (11, 11, "Capaian Sasaran (%)")])
    blocks = []
    number = 0
    for sasaran in report.sasaran:
        first_number = number + 1
        number += len(sasaran.indikator)

        def block(s: SheetLayout, row: int, sasaran=sasaran, first_number=first_number) -> int:
            first = row
            for i, item in enumerate(sasaran.indikator):
                ind = item.ind
                rows31[ind.row] = row
                style = number_style(indicator_places(item))
                formula, shown = _realisasi(item.realisasi.get(n, Nilai(None)))
                height = _put_texts(s, row, [(1, 1, first_number + i, styles.CENTER),
                                             (3, 3, with_code(ind.nama, ind.kode), styles.TEXT),
                                             (4, 4, ind.satuan or None, styles.CENTER),
                                             (5, 5, ind.polaritas, styles.CENTER)])
                s.put(row, 6, item.target, style)
                _put(s, row, 7, formula, shown, style)
                _put(s, row, 8, _capaian_formula(f"G{row}", f"F{row}", ind.polaritas), _or_blank(item.capaian),
                     PERCENT)
                _put(s, row, 9, _kategori_formula(f"H{row}", scale), item.rating if item.capaian is not None else "",
                     styles.CENTER, last=10)
                s.row_heights[row] = max(height, text_height([(shown if isinstance(shown, str) else "", WIDTHS[6])]))
                row += 1
            last = row - 1
            s.merge(first, 2, last, 2, with_code(sasaran.nama, sasaran.kode), styles.TEXT)
            sasaran_rows[sasaran.kode + "\n" + sasaran.nama] = first
            mean = f'=IFERROR(AVERAGE(H{first}:H{last}),"")'
            for r in range(first, last + 1):
                s.put(r, 11, None, PERCENT)
            s.put_formula(first, 11, mean, _or_blank(sasaran.capaian), PERCENT)
            if last > first:
                s.merges.append((first, 11, last, 11))
            _grow(s, first, last, [(with_code(sasaran.nama, sasaran.kode), WIDTHS[1])])
            return row

        blocks.append(block)
    bands = "; ".join(f"{b.category.label} {b.describe().split(': ', 1)[1]}" for b in scale.bands)
    notes = [f"Capaian: polaritas positif = realisasi ÷ target × 100; negatif = (2 − realisasi ÷ target) × 100. "
             f"Kategori ({scale.name}): {bands}. Capaian sasaran: rata-rata capaian indikatornya yang sudah ada "
             f"realisasinya (angka yang sama dengan tabel Capaian Kinerja)."]
    _table(pages, f"Tabel 3.1 Capaian Kinerja Tahun {n}", header, blocks, notes)


# --- Tabel 3.2 -------------------------------------------------------------------------------------------------------

def _tabel_32(pages: _Pages, report: Lkjip, rows31: dict[int, int]) -> None:
    n = report.tahun
    awal = report.plan.tahun_awal

    def label(year: int) -> str:
        return f"{year} (kondisi awal)" if year == awal else str(year)

    def header(s: SheetLayout, row: int) -> int:
        for c1, c2, text in ((1, 1, "No"), (2, 3, "Indikator Kinerja"), (4, 4, "Satuan"),
                             (10, 11, "Perubahan Capaian (poin)")):
            s.merge(row, c1, row + 1, c2, text, styles.HEADER)
        s.merge(row, 5, row, 7, "Realisasi", styles.HEADER)
        s.merge(row, 8, row, 9, "Capaian (%)", styles.HEADER)
        years = [(label(year) if col < 8 else str(year), col, col)
                 for col, year in ((5, n - 2), (6, n - 1), (7, n), (8, n - 1), (9, n))]
        for text, col, _ in years:
            s.put(row + 1, col, text, styles.HEADER)
        s.row_heights[row] = 18
        s.row_heights[row + 1] = max(header_height(years), header_height([("Perubahan Capaian (poin)", 10, 11)]) - 18)
        return row + 2

    blocks = []
    for number, item in enumerate(report.indikator, start=1):
        def block(s: SheetLayout, row: int, item=item, number=number) -> int:
            ind = item.ind
            style = number_style(indicator_places(item))
            height = _put_texts(s, row, [(1, 1, number, styles.CENTER),
                                         (2, 3, with_code(ind.nama, ind.kode), styles.TEXT),
                                         (4, 4, ind.satuan or None, styles.CENTER)])
            shown_texts = []
            for col, year in ((5, n - 2), (6, n - 1)):
                if year in item.realisasi:
                    formula, shown = _realisasi(item.realisasi[year])
                else:
                    formula, shown = None, NONE
                _put(s, row, col, formula, shown, style)
                shown_texts.append(shown)
            r31 = rows31[ind.row]
            _, shown_now = _realisasi(item.realisasi.get(n, Nilai(None)))
            s.put_formula(row, 7, f"=G{r31}", shown_now, style)
            shown_texts.append(shown_now)
            if item.target_lalu is not None:
                _put(s, row, 8, _capaian_formula(f"F{row}", num(item.target_lalu), ind.polaritas),
                     _or_blank(item.capaian_lalu), PERCENT)
            else:
                _put(s, row, 8, None, NONE, PERCENT)
            s.put_formula(row, 9, f"=H{r31}", _or_blank(item.capaian), PERCENT)
            _put(s, row, 10, f'=IF(AND(ISNUMBER(H{row}),ISNUMBER(I{row})),I{row}-H{row},"")',
                 _or_blank(item.perubahan), PERCENT, last=11)
            texts = [(t, WIDTHS[4]) for t in shown_texts if isinstance(t, str)]
            s.row_heights[row] = max(height, text_height(texts))
            return row + 1

        blocks.append(block)
    notes = [f"Realisasi {awal} adalah kondisi awal; '{NONE}': tahun sebelum data buku kerja ini, atau tanpa target "
             f"(tidak ada capaian). Perubahan = capaian {n} − capaian {n - 1}, dalam poin persen."]
    _table(pages, f"Tabel 3.2 Perbandingan Realisasi dan Capaian Kinerja Tahun {n} dengan Tahun Sebelumnya",
           header, blocks, notes)


# --- Tabel 3.3 -------------------------------------------------------------------------------------------------------

def _tabel_33(pages: _Pages, report: Lkjip, rows31: dict[int, int]) -> None:
    n, akhir, posisi = report.tahun, report.tahun_akhir, report.posisi
    header = _header([(1, 1, "No"), (2, 3, "Indikator Kinerja"), (4, 4, "Satuan"),
                      (5, 5, f"Kondisi Awal {report.plan.tahun_awal}"), (6, 6, f"Target Akhir {akhir}"),
                      (7, 7, f"Realisasi {n}*"), (8, 8, "Capaian thd Target Akhir (%)"), (9, 9, "Tahun ke-"),
                      (10, 10, "Periode Berjalan (%)"), (11, 11, "Status")])
    blocks = []
    kumulatif = False
    for number, item in enumerate(report.indikator, start=1):
        kumulatif = kumulatif or item.kumulatif

        def block(s: SheetLayout, row: int, item=item, number=number) -> int:
            ind = item.ind
            style = number_style(indicator_places(item))
            name = with_code(ind.nama, ind.kode) + (" (kumulatif)" if item.kumulatif else "")
            height = _put_texts(s, row, [(1, 1, number, styles.CENTER), (2, 3, name, styles.TEXT),
                                         (4, 4, ind.satuan or None, styles.CENTER),
                                         (9, 9, f"{posisi.ke} dari {posisi.dari}", styles.CENTER)])
            s.put(row, 5, ind.kondisi_awal, style)
            s.put(row, 6, item.target_akhir, style)
            if item.kumulatif:
                formula, shown = _kumulatif(item, report)
            else:
                formula, shown = f"=G{rows31[ind.row]}", (item.realisasi_akhir if item.realisasi_akhir is not None
                                                          else BELUM)
            _put(s, row, 7, formula, shown, style)
            _put(s, row, 8, _capaian_formula(f"G{row}", f"F{row}", ind.polaritas), _or_blank(item.capaian_akhir),
                 PERCENT)
            s.put(row, 10, posisi.share, PERCENT)
            _put(s, row, 11, f'=IF(ISNUMBER(H{row}),IF(H{row}>=J{row},"sesuai jalur","perlu percepatan"),"")',
                 item.status, styles.CENTER)
            texts = [(shown, WIDTHS[6])] if isinstance(shown, str) else []
            s.row_heights[row] = max(height, text_height(texts + [(item.status, WIDTHS[10])]))
            return row + 1

        blocks.append(block)
    start = n - posisi.ke + 1
    summed = f"{start}–{n}" if start < n else str(n)
    notes = [f"* Realisasi tahun {n}; untuk indikator kumulatif, jumlah realisasi {summed}. Target akhir: target "
             f"tahun {akhir}, tahun terakhir periode {start}–{start + posisi.dari - 1}. "
             f"Tahun {n} adalah tahun ke-{posisi.ke} dari {posisi.dari}: {format_id(posisi.share)}% periode telah "
             "berjalan. "
             "Status 'sesuai jalur' bila capaian terhadap target akhir sekurang-kurangnya persentase periode yang "
             "telah berjalan, selain itu 'perlu percepatan'."]
    _table(pages, f"Tabel 3.3 Perbandingan Realisasi Tahun {n} dengan Target Akhir Renstra ({akhir})", header, blocks,
           notes)


def _kumulatif(item: IndikatorLkjip, report: Lkjip) -> tuple[str | None, object]:
    """The sum of the period's realisasi up to the year, live; the first year without one named while it is
    missing (the sum is then unknown, not smaller)."""
    start = report.tahun - report.posisi.ke + 1
    years = [y for y in sorted(item.realisasi) if start <= y <= report.tahun]
    shown = item.realisasi_akhir if item.realisasi_akhir is not None else f"{BELUM} {item.kurang}"
    if not any(item.realisasi[y].ref for y in years):
        return None, shown
    terms = [_term(item.realisasi[y]) for y in years]
    expr = "+".join(terms)
    for year, term in reversed(list(zip(years, terms))):
        expr = f'IF(ISNUMBER({term}),{expr},"{BELUM} {year}")'
    return f"={expr}", shown


# --- Tabel 3.4 -------------------------------------------------------------------------------------------------------

def _tabel_34(pages: _Pages, report: Lkjip, rows31: dict[int, int]) -> None:
    n = report.tahun
    header = _header([(1, 1, "No"), (2, 3, "Indikator Kinerja"), (4, 4, "Satuan"), (5, 5, "Polaritas"),
                      (6, 6, f"Realisasi {n}"), (7, 7, "Standar Nasional"), (8, 8, "Capaian thd Standar (%)"),
                      (9, 11, "Sumber Standar")])
    blocks = []
    for number, item in enumerate(report.standar, start=1):
        def block(s: SheetLayout, row: int, item=item, number=number) -> int:
            ind = item.ind
            style = number_style(indicator_places(item))
            height = _put_texts(s, row, [(1, 1, number, styles.CENTER),
                                         (2, 3, with_code(ind.nama, ind.kode), styles.TEXT),
                                         (4, 4, ind.satuan or None, styles.CENTER),
                                         (5, 5, ind.polaritas, styles.CENTER),
                                         (9, 11, ind.sumber_standar or None, styles.TEXT)])
            _, shown = _realisasi(item.realisasi.get(n, Nilai(None)))
            s.put_formula(row, 6, f"=G{rows31[ind.row]}", shown, style)
            s.put(row, 7, ind.standar_nasional, style)
            _put(s, row, 8, _capaian_formula(f"F{row}", f"G{row}", ind.polaritas), _or_blank(item.capaian_standar),
                 PERCENT)
            s.row_heights[row] = max(height, text_height([(shown, WIDTHS[5])] if isinstance(shown, str) else []))
            return row + 1

        blocks.append(block)
    if not blocks:
        def none(s: SheetLayout, row: int) -> int:
            text = "Belum ada indikator yang memiliki standar nasional sebagai pembanding."
            s.merge(row, 1, row, LAST, text, styles.TEXT)
            s.row_heights[row] = text_height([(text, sum(WIDTHS))])
            return row + 1

        blocks.append(none)
    notes = ["Capaian terhadap standar dihitung dengan aturan capaian yang sama: standar nasional sebagai "
             "pembanding (target), sesuai polaritas indikator."]
    _table(pages, f"Tabel 3.4 Perbandingan Realisasi Tahun {n} dengan Standar Nasional", header, blocks, notes)


# --- Tabel 3.5 -------------------------------------------------------------------------------------------------------

def _tabel_35(pages: _Pages, report: Lkjip, rows31: dict[int, int], sasaran_rows: dict[str, int]) -> None:
    n = report.tahun
    header = _header([(1, 1, "No"), (2, 2, "Sasaran"), (3, 3, "Program"), (4, 5, "Pagu (Rp)"),
                      (6, 7, "Realisasi (Rp)"), (8, 8, "Penyerapan (%)"), (9, 9, "Sisa (Rp)"),
                      (10, 10, "Capaian Sasaran (%)"), (11, 11, "Efisiensi")])
    blocks = []
    counted = [0]
    program_rows: dict[int, int] = {}  # Program sheet row → its row here
    first_row31 = min(rows31.values(), default=0)
    last_row31 = max(rows31.values(), default=0)
    for group in report.anggaran:
        first_number = counted[0] + 1
        counted[0] += len(group.programs)

        def block(s: SheetLayout, row: int, group=group, first_number=first_number) -> int:
            first = row
            for i, p in enumerate(group.programs):
                program_rows[p.row] = row
                height = _put_texts(s, row, [(1, 1, first_number + i, styles.CENTER),
                                             (3, 3, p.program, styles.TEXT)])
                _put(s, row, 4, None, p.anggaran, RUPIAH, last=5)
                shown = p.realisasi if p.realisasi is not None else BELUM
                ref = program_ref(report.program_sheet, p)
                formula = f'=IF(ISNUMBER({ref}),{ref},"{BELUM}")' if ref else None
                _put(s, row, 6, formula, shown, RUPIAH, last=7)
                serapan = penyerapan(p.anggaran, p.realisasi)
                _put(s, row, 8, f'=IF(ISNUMBER(F{row}),IF(D{row}<>0,F{row}/D{row}*100,""),"")', _or_blank(serapan),
                     PERCENT)
                sisa = p.anggaran - p.realisasi if p.realisasi is not None else None
                _put(s, row, 9, f'=IF(ISNUMBER(F{row}),D{row}-F{row},"")', _or_blank(sisa), RUPIAH)
                s.row_heights[row] = max(height, text_height([(shown, WIDTHS[5] + WIDTHS[6])]
                                                             if isinstance(shown, str) else []))
                row += 1
            last = row - 1
            if group.sasaran is not None:
                label = with_code(group.sasaran.nama, group.sasaran.kode)
                mean_row = sasaran_rows[group.sasaran.kode + "\n" + group.sasaran.nama]
                capaian_formula = f"=K{mean_row}"
            else:
                label, capaian_formula = "Program lain (tanpa sasaran IKU)", None
            s.merge(first, 2, last, 2, label, styles.TEXT)
            for r in range(first, last + 1):
                s.put(r, 10, None, PERCENT)
                s.put(r, 11, None, RATIO)
            _put(s, first, 10, capaian_formula, _or_blank(group.capaian) if capaian_formula else NONE, PERCENT)
            count = last - first + 1
            rng = lambda col: f"{col}{first}:{col}{last}"  # noqa: E731
            efisiensi = (f'=IF(AND(ISNUMBER(J{first}),COUNT({rng("F")})={count}),IF(SUM({rng("F")})*SUM({rng("D")})'
                         f'<>0,J{first}/(SUM({rng("F")})/SUM({rng("D")})*100),""),"")')
            _put(s, first, 11, efisiensi if capaian_formula else None,
                 _or_blank(group.efisiensi) if capaian_formula else NONE, RATIO)
            if last > first:
                s.merges += [(first, 10, last, 10), (first, 11, last, 11)]
            _grow(s, first, last, [(label, WIDTHS[1])])
            return row

        blocks.append(block)
    formula_note = ("Penyerapan = realisasi ÷ pagu × 100. Sisa = pagu − realisasi. Efisiensi = capaian sasaran (%) ÷ "
                    "penyerapan anggaran program sasaran itu (%); pada baris Jumlah: rata-rata capaian seluruh "
                    "indikator (Tabel 3.1) ÷ penyerapan seluruh program. Efisiensi di atas 1: capaian kinerja "
                    "melebihi persentase anggaran yang diserap.")
    if blocks:
        def jumlah(s: SheetLayout, row: int) -> int:
            rows = sorted(program_rows.values())
            top, bottom = rows[0], rows[-1]
            bold = dict(bold=True)
            s.merge(row, 1, row, 3, "Jumlah", styles.TEXT.but(halign="center", **bold))
            _put(s, row, 4, f"=SUM(D{top}:D{bottom})", report.pagu, RUPIAH.but(**bold), last=5)
            spent = report.realisasi_anggaran
            _put(s, row, 6, f'=IF(COUNT(F{top}:F{bottom})={len(rows)},SUM(F{top}:F{bottom}),"{BELUM}")',
                 spent if spent is not None else BELUM, RUPIAH.but(**bold), last=7)
            _put(s, row, 8, f'=IF(ISNUMBER(F{row}),IF(D{row}<>0,F{row}/D{row}*100,""),"")',
                 _or_blank(report.penyerapan), PERCENT.but(**bold))
            _put(s, row, 9, f'=IF(ISNUMBER(F{row}),D{row}-F{row},"")',
                 _or_blank(report.pagu - spent if spent is not None else None), RUPIAH.but(**bold))
            _put(s, row, 10, f'=IFERROR(AVERAGE(H{first_row31}:H{last_row31}),"")', _or_blank(report.capaian),
                 PERCENT.but(**bold))
            _put(s, row, 11, f'=IF(AND(ISNUMBER(J{row}),ISNUMBER(H{row})),IF(H{row}<>0,J{row}/H{row},""),"")',
                 _or_blank(report.efisiensi), RATIO.but(**bold))
            s.row_heights[row] = text_height([(BELUM, WIDTHS[5] + WIDTHS[6])] if spent is None else [])
            return row + 1

        # the Jumlah goes with the last programme block (and the notes under it)
        last_block = blocks[-1]

        def last_with_jumlah(s: SheetLayout, row: int) -> int:
            return jumlah(s, last_block(s, row))

        blocks[-1] = last_with_jumlah
    else:
        def none(s: SheetLayout, row: int) -> int:
            text = f"Belum ada data program dan anggaran tahun {n}."
            s.merge(row, 1, row, LAST, text, styles.TEXT)
            s.row_heights[row] = text_height([(text, sum(WIDTHS))])
            return row + 1

        blocks.append(none)
    _table(pages, f"Tabel 3.5 Realisasi Anggaran dan Efisiensi Tahun {n}", header, blocks, [formula_note])
