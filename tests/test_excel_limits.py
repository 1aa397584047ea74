"""Text longer than a cell holds is cut visibly and noted in `Catatan` with the cell; no row taller than 409 pt."""

from iku_books import office_book, other_office_rows
from openpyxl import load_workbook

from xl_iku.cli import main
from xl_iku.layout.limits import MAX_ROW_HEIGHT, MAX_TEXT


def test_long_text_is_cut_with_a_note_and_rows_are_capped(tmp_path, capsys):
    rows = other_office_rows()
    # a full cell (openpyxl, like Excel, keeps at most 32,767 characters): joined with its Formulasi, too long
    rows[0]["Definisi Operasional"] = "Definisi yang sangat panjang. " * 1500
    rows[1]["Penjelasan"] = "kata " * 4000  # 20,000 characters: fits a cell, not a row
    path = office_book(tmp_path / "panjang.xlsx", rows)
    assert main(["regenerate", str(path)]) == 0
    book = load_workbook(path)
    sheet = book["Penjelasan IKU"]
    cut = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.endswith("…")
           and len(c.value) == MAX_TEXT]
    assert [c.coordinate for c in cut] == ["D8"]  # the first indicator's Definisi Operasional/Formulasi
    assert cut[0].value.startswith("Definisi yang sangat panjang.")
    notes = [[c.value for c in row] for row in book["Catatan"].iter_rows(min_row=4)]
    assert any(n[1] == "Penjelasan IKU" and n[2] == "D8" and "dipotong" in n[3] and "32.767" in n[3] for n in notes)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and len(cell.value) > MAX_TEXT), (ws.title, cell.coordinate)
        heights = [d.height for d in ws.row_dimensions.values() if d.height is not None]
        assert max(heights, default=0) <= MAX_ROW_HEIGHT, ws.title
    assert book["Penjelasan IKU"].row_dimensions[9].height == MAX_ROW_HEIGHT  # the 20,000-character row
