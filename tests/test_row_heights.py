"""Every wrapped text of a generated document fits the row(s) it prints in, for every office of the corpus, the Wotu
template and the roll-up of them all: checked on the written file (openpyxl), so a layout that sizes a row by some of
its texts and forgets another (a long Satuan in the PK or the roll-up, a two-word category in Capaian Kinerja, a
three-line header) is caught whichever builder wrote it. Excel does not fit a row with a stated height, and LibreOffice prints the height the file states, so
a row too low is text cut off on paper."""

from __future__ import annotations

import shutil

import corpus
import openpyxl
import pytest
from conftest import ROOT
from openpyxl.utils import get_column_letter

from xl_iku.cli import main
from xl_iku.layout.base import DEFAULT_WIDTH, SheetLayout, Style, room, wrapped_lines

#: Sheets staff type into: sized for typing, not printed as documents.
INPUT_SHEETS = {"Instansi", "Data IKU", "Data SKM", "AKIP", "LKE", "Program", "Catatan"}
LINE = 1.15  # a line of Arial/Liberation Sans, in em (ascent + descent): what a renderer draws per wrapped line
PADDING_PT = 2.0


def too_low(path) -> list[str]:
    """Each wrapped text on a document sheet that needs more lines than its row(s) can show."""
    found = []
    book = openpyxl.load_workbook(path, data_only=True)  # a formula by the value it shows
    for ws in book.worksheets:
        if ws.title in INPUT_SHEETS:
            continue
        blocks = {(r.min_row, r.min_col): (r.max_row, r.max_col) for r in ws.merged_cells.ranges}

        def width(column: int, ws=ws) -> float:
            dimension = ws.column_dimensions.get(get_column_letter(column))
            return dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH

        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                    continue
                last_row, last_col = blocks.get((cell.row, cell.column), (cell.row, cell.column))
                heights = [ws.row_dimensions[r].height for r in range(cell.row, last_row + 1)]
                if not all(heights):  # a row without a stated height is fitted by Excel and LibreOffice
                    continue
                size = cell.font.sz or 10
                lines = wrapped_lines(cell.value, room(sum(width(c) for c in range(cell.column, last_col + 1))),
                                      size, bool(cell.font.b))
                if lines > 1 and lines * size * LINE + PADDING_PT > sum(heights) + 0.5:
                    found.append(f"{ws.title}!{cell.coordinate}: {lines} baris dalam {sum(heights)} pt: {cell.value!r}")
    return found


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kantor")
    out = {}
    for office in corpus.OFFICES:
        book = corpus.build(office, folder)
        assert main(["regenerate", str(book)]) == 0, office.slug
        out[office.slug] = book
    wotu = folder / "IKU_Wotu.xlsx"
    shutil.copyfile(ROOT / "templates" / "IKU_Wotu.xlsx", wotu)
    assert main(["regenerate", str(wotu)]) == 0
    out["wotu"] = wotu
    rekap = folder.parent / f"{folder.name}_REKAP.xlsx"  # the kabupaten's roll-up of them all
    assert main(["rekap", str(folder), "-o", str(rekap), "--tahun", "2025"]) == 0
    out["rekap"] = rekap
    return out


@pytest.mark.parametrize("slug", [office.slug for office in corpus.OFFICES] + ["wotu", "rekap"])
def test_every_wrapped_text_fits_its_row(books, slug):
    assert too_low(books[slug]) == []


def test_the_corpus_has_satuan_that_wrap():
    """The check above is only as good as its corpus: some Satuan must need two lines in the PK's Satuan column."""
    from xl_iku.layout.pk import WIDTHS

    wrapping = [row.satuan for office in corpus.OFFICES for row in office.rows
                if wrapped_lines(row.satuan, room(WIDTHS[3])) > 1]
    assert len(wrapping) >= 2, wrapping


def test_fit_row_measures_every_wrapped_cell_of_the_row():
    sheet = SheetLayout("Uji")
    sheet.column_widths = {1: 30, 2: 10, 3: 5, 4: 5}
    wrap = Style(wrap=True)
    sheet.put(1, 1, "Indikator pendek", wrap)
    sheet.put(1, 2, "Dokumen/Laporan Kegiatan Tahunan", wrap)  # four lines in 10 characters
    sheet.put(1, 3, "tidak dibungkus, sepanjang apa pun teksnya", Style())
    sheet.merge(1, 4, 2, 4, "blok ke bawah: diatur oleh blok itu sendiri, bukan baris ini", wrap)
    height = sheet.fit_row(1)
    assert height == sheet.row_heights[1]
    assert wrapped_lines("Dokumen/Laporan Kegiatan Tahunan", room(10)) >= 3
    assert height >= wrapped_lines("Dokumen/Laporan Kegiatan Tahunan", room(10)) * 10 * LINE
    sheet.put_formula(2, 2, "=X1", "Sangat Rendah sekali", wrap)  # a formula by the value it shows
    assert sheet.fit_row(2) > 15
    sheet.row_heights[3] = 40
    assert sheet.fit_row(3) == 40  # never lower than it was
