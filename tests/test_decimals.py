"""Each indicator prints with the decimals it was written with (text, number format, or the number itself; percent
formats read as shown), the same in Tabel IKU, Capaian Kinerja, PK, Rencana Aksi and the roll-up (issue 20 item 2,
issue 21 item 7)."""

from __future__ import annotations

import re
import subprocess

import openpyxl
import pytest
from iku_books import INSTANSI, other_office_rows, write_data, write_instansi

from xl_iku.cli import main
from xl_iku.rules.decimals import (
    format_places,
    is_percent_format,
    number_places,
    places_of,
    shown_value,
    text_places,
    written_places,
)


@pytest.mark.parametrize("code, places", [
    ("General", None), ("@", None), ("0", 0), ("0.000", 3), ("#,##0.00", 2), ("[$-421]#,##0.0", 1),
    ("0%", 0), ("0.0%", 1), ('0.00" poin"', 2), ("#,##0.00;[Red]-#,##0.00", 2), ("0.00E+00", None),
    ("d mmmm yyyy", None), ("dd/mm/yyyy", None), ("# ?/?", None), ("", None)])
def test_format_places(code, places):
    assert format_places(code) == places


@pytest.mark.parametrize("text, places", [("0,890", 3), ("97,60", 2), ("1.234,5", 1), ("97.6", 1), ("5", 0),
                                          (" 0,85 ", 2), ("1.500", 0)])
def test_text_places(text, places):
    assert text_places(text) == places


@pytest.mark.parametrize("number, places", [(0.865, 3), (5.0, 0), (97.6, 1), (0.1 + 0.2, 1), (70.35, 2),
                                            (1e-7, 0), (1 / 3, 6), (1234567.0, 0)])
def test_number_places(number, places):
    assert number_places(number) == places


def test_percent_formats_read_as_shown():
    assert is_percent_format("0%") and is_percent_format("[$-421]0,0%") and not is_percent_format('0.00"%"')
    assert shown_value(0.85, "0%") == 85 and shown_value(0.855, "0.0%") == 85.5 and shown_value(0.85, "0.00") == 0.85
    assert written_places(0.85, "0%") == 0 and written_places(0.8555, "0.00%") == 2
    assert written_places(0.855) == 3 and written_places(None) is None and written_places(" ") is None
    assert written_places(True) is None and written_places("0,890", "0.0") == 3  # text says it, not the format
    assert places_of([None, 1, 3, 0]) == 3 and places_of([None]) == 2 and places_of([]) == 2


ROWS = [  # (kode, name, satuan, polaritas, (kondisi awal, 2027..2031), format of the numbers or None)
    ("I.1", "Indeks Pelayanan Publik", "Indeks", "positif", (0.8, 0.865, 0.87, 0.88, 0.9, 0.925), None),
    ("I.2", "Indeks Reformasi Birokrasi", "Indeks", "positif", ("0,800", "0,890", "0,9", "0,9", "0,91", "0,92"), None),
    ("I.3", "Nilai Kematangan SPIP", "Nilai", "positif", (3.1, 3.2, 3.3, 3.4, 3.5, 3.6), "0.000"),
    ("I.4", "Jumlah desa mandiri", "Desa", "positif", (3, 5, 6, 7, 8, 9), None),
    ("I.5", "Persentase pengaduan selesai", "%", "positif", (0.8, 0.85, 0.86, 0.87, 0.88, 0.9), "0%"),
    ("I.6", "Persentase temuan berulang", "%", "negatif", (12.5, 97.6, 11, 10, 9, 8), "0.00"),
]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("desimal") / "IKU_Desimal.xlsx"
    assert main(["init", str(path), "--periode", "2027-2031"]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb, {**INSTANSI, "Tahun PK": 2027})
    template = other_office_rows()[0]
    rows = []
    for kode, name, satuan, polaritas, numbers, _ in ROWS:
        row = {**template, "Kode Indikator": kode, "Indikator": name, "Satuan": satuan, "Polaritas": polaritas,
               "Kondisi Awal 2026": numbers[0]}
        row.update({f"Target {y}": v for y, v in zip(range(2027, 2032), numbers[1:])})
        rows.append(row)
    rows[3]["Realisasi 2027"] = 6  # a count realised: still no decimals
    rows[4]["Realisasi 2027"] = 0.9  # 90% in a percent cell
    headers = [wb["Data IKU"].cell(1, c).value for c in range(1, wb["Data IKU"].max_column + 1)]
    ws = write_data(wb, rows, headers)
    for r, (*_, code) in enumerate(ROWS, start=2):
        for c, header in enumerate(headers, start=1):
            if code and header.startswith(("Kondisi Awal", "Target", "Realisasi")):
                ws.cell(r, c).number_format = code
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    return path


def shown(ws, row, col):
    """The cell as a reader sees it: its value in its format, Indonesian separators."""
    cell = ws.cell(row, col)
    match = re.fullmatch(r"\[\$-421\]#,##0(?:\.(0+))?", cell.number_format)
    assert match, cell.number_format
    places = len(match.group(1) or "")
    return f"{cell.value:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def rows_named(ws, col, names):
    return {ws.cell(r, col).value.split(" (")[0]: r for r in range(1, ws.max_row + 1)
            if isinstance(ws.cell(r, col).value, str) and ws.cell(r, col).value.split(" (")[0] in names}


EXPECTED = {  # kondisi awal, targets 2027..2031, as the office wrote them
    "Indeks Pelayanan Publik": ["0,800", "0,865", "0,870", "0,880", "0,900", "0,925"],
    "Indeks Reformasi Birokrasi": ["0,800", "0,890", "0,900", "0,900", "0,910", "0,920"],
    "Nilai Kematangan SPIP": ["3,100", "3,200", "3,300", "3,400", "3,500", "3,600"],
    "Jumlah desa mandiri": ["3", "5", "6", "7", "8", "9"],
    "Persentase pengaduan selesai": ["80", "85", "86", "87", "88", "90"],
    "Persentase temuan berulang": ["12,50", "97,60", "11,00", "10,00", "9,00", "8,00"],
}


def test_tabel_iku_prints_each_indicator_as_written(book):
    ws = openpyxl.load_workbook(book)["Tabel IKU"]
    found = rows_named(ws, 3, EXPECTED)
    assert set(found) == set(EXPECTED)
    for name, numbers in EXPECTED.items():
        assert [shown(ws, found[name], c) for c in range(4, 10)] == numbers, name


def test_capaian_pk_and_rencana_aksi_print_the_same(book):
    wb = openpyxl.load_workbook(book)
    capaian = wb["Capaian Kinerja"]
    found = rows_named(capaian, 2, EXPECTED)
    for name, numbers in EXPECTED.items():
        r = found[name]  # first year's row: 2027
        assert capaian.cell(r, 5).value == 2027 and shown(capaian, r, 6) == numbers[1], name
    assert shown(capaian, found["Jumlah desa mandiri"], 7) == "6"
    assert shown(capaian, found["Persentase pengaduan selesai"], 7) == "90"
    pk = wb["PK 2027"]
    found = rows_named(pk, 3, EXPECTED)
    assert {name: shown(pk, r, 5) for name, r in found.items()} == {n: v[1] for n, v in EXPECTED.items()}


def test_percent_cells_read_as_shown_with_a_note(book):
    wb = openpyxl.load_workbook(book)
    capaian = wb["Capaian Kinerja"]
    r = rows_named(capaian, 2, EXPECTED)["Persentase pengaduan selesai"]
    assert capaian.cell(r, 6).value == 85 and capaian.cell(r, 7).value == 90  # not 0,85 / 0,9
    assert capaian.cell(r, 8).value.startswith("=CAPAIAN(")  # capaian of 90 against 85
    notes = [wb["Catatan"].cell(r, c).value for r in range(1, wb["Catatan"].max_row + 1)
             for c in range(1, wb["Catatan"].max_column + 1)]
    text = " ".join(str(n) for n in notes if n)
    assert "berformat persen" in text and "0,85 yang tampil 85% dibaca 85" in text
    assert len(re.findall("berformat persen", text)) == 1  # one note for the indicator, naming its cells


@pytest.mark.libreoffice
def test_printed_pages_show_the_written_decimals(book, tmp_path):
    out = tmp_path / "desimal.pdf"
    assert main(["pdf", str(book), "-o", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"0,800\s+0,865\s+0,870\s+0,880\s+0,900\s+0,925", text)
    assert re.search(r"0,800\s+0,890\s+0,900", text) and re.search(r"3,100\s+3,200", text)
    assert re.search(r"\s3\s+5\s+6\s+7\s+8\s+9\s", text) and re.search(r"\s80\s+85\s+86\s+87\s+88\s+90\s", text)
    assert re.search(r"12,50\s+97,60\s+11,00", text)
    assert "0,87 " not in text and "0,93" not in text and "5,00" not in text


def test_roll_up_prints_each_office_indicator_as_written(book, tmp_path):
    folder = tmp_path / "kantor"
    folder.mkdir()
    (folder / book.name).write_bytes(book.read_bytes())
    out = tmp_path / "rekap.xlsx"
    assert main(["rekap", str(folder), "-o", str(out), "--tahun", "2027"]) == 0
    ws = openpyxl.load_workbook(out)["Rekap Indikator"]
    found = rows_named(ws, 3, EXPECTED)
    assert {name: shown(ws, r, 7) for name, r in found.items()} == {n: v[1] for n, v in EXPECTED.items()}
    assert shown(ws, found["Jumlah desa mandiri"], 8) == "6"


class _FakeSheet:
    """What `oneclick.sheet_grid` asks of a live sheet for the formats: `range(...).number_format` (None when the
    range mixes formats, as xlwings reports it)."""

    def __init__(self, formats):
        self.formats, self.calls = formats, 0

    def range(self, first, last=None):
        self.calls += 1
        cells = [(r, first[1]) for r in range(first[0], (last or first)[0] + 1)]
        codes = {self.formats.get(cell, "General") for cell in cells}
        return type("R", (), {"number_format": codes.pop() if len(codes) == 1 else None})()


def test_live_path_reads_number_formats_a_column_at_once():
    from xl_iku.oneclick import _number_formats

    rows = [["Kode", "Target 2025", "Target 2026"], ["a", 0.89, 0.85], ["b", 5, "0,9"], ["c", 1.5, None]]
    sheet = _FakeSheet({(2, 2): "0.000", (3, 2): "0.000", (4, 2): "0.000", (2, 3): "0%"})
    assert _number_formats(sheet, rows) == {(2, 2): "0.000", (3, 2): "0.000", (4, 2): "0.000", (2, 3): "0%"}
    assert sheet.calls == 2  # one call a column whose cells share a format

    class Lite:  # xlwings Lite cannot read a format synchronously
        def range(self, *args):
            raise NotImplementedError

    assert _number_formats(Lite(), rows) == {}
