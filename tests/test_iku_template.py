"""templates/IKU_Wotu.xlsx: regenerated from its own data it is the same file, cell by cell and style by style;
and what it shows is what the office's document prints (Tabel IV.1, Penjelasan IKU)."""

import shutil

import openpyxl
import pytest
from xlsx_compare import workbook_differences

from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture
def template(root):
    return root / "templates" / "IKU_Wotu.xlsx"


@pytest.fixture
def regenerated(template, tmp_path):
    copy = tmp_path / "IKU_Wotu.xlsx"
    shutil.copyfile(template, copy)
    assert main(["regenerate", str(copy)]) == 0
    return copy


def test_regenerating_the_template_reproduces_it(template, regenerated):
    assert workbook_differences(template, regenerated) == []


def test_comparison_would_catch_a_change(template, regenerated):
    book = openpyxl.load_workbook(regenerated)
    book["Tabel IKU"]["E9"].number_format = "0.0"
    book["Penjelasan IKU"]["B8"].font = openpyxl.styles.Font(bold=True)
    book.save(regenerated)
    diffs = workbook_differences(template, regenerated)
    assert any("Tabel IKU!E9: style" in d for d in diffs)
    assert any("Penjelasan IKU!B8: style" in d for d in diffs)


def test_tabel_iku_is_laid_out_like_tabel_iv1(template):
    ws = openpyxl.load_workbook(template)["Tabel IKU"]
    assert [ws.cell(r, 1).value for r in range(1, 5)] == [
        "INDIKATOR KINERJA UTAMA", "KECAMATAN WOTU", "KABUPATEN LUWU TIMUR", "TAHUN 2025–2029"]
    assert [ws.cell(6, c).value for c in (1, 2, 3, 4, 5, 11)] == [
        "TUJUAN", "SASARAN", "INDIKATOR", "KONDISI AWAL 2024", "TARGET TAHUN", "KET."]
    assert [ws.cell(7, c).value for c in range(5, 11)] == [2025, 2026, 2027, 2028, 2029, 2030]
    assert [ws.cell(8, c).value for c in range(1, 12)] == list(range(1, 12))
    merges = set(map(str, ws.merged_cells.ranges))
    assert {"A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:J6", "K6:K7", "A9:A10"} <= merges  # tujuan spans both rows
    assert "B9:B10" not in merges  # one sasaran per indicator here
    assert ws["A9"].value == ("Terwujudnya Penyelenggaraan Pemerintahan dan Pelayanan Publik yang berkualitas (T1)")
    assert ws["B9"].value.endswith("(S1.1)") and ws["B10"].value.endswith("(S1.2)")
    assert ws["C9"].value == "Nilai AKIP Perangkat Daerah (IS.1.1)"
    assert ws["C10"].value == "Nilai Indeks Kepuasan Masyarakat (IKM) (T.1)"
    row9 = [ws.cell(9, c).value for c in range(4, 11)]
    assert row9 == [75, 70, 70.35, 70.75, 71.2, 71.7, 72.25]
    assert [ws.cell(10, c).value for c in range(4, 11)] == [78.6, 85, 85.3, 85.45, 85.65, 85.95, 86.5]
    assert all(ws.cell(r, c).number_format == "[$-421]#,##0.00" for r in (9, 10) for c in range(4, 11))
    assert ws["A9"].alignment.wrap_text and ws["A9"].border.left.style == "thin"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$6:$8"
    signature = [ws.cell(r, 8).value for r in range(12, 20)]
    assert signature == ["Ditetapkan di Wotu", "pada tanggal 7 Oktober 2025", "CAMAT WOTU,", None,
                         "YAHASIS DAWI, S.Sos., M.Si", "Pembina Tk. I, IV/b", "NIP. 19700908 200312 1 004", None]
    assert ws["H16"].font.b and ws["H16"].font.u == "single"
    assert ws.row_dimensions[15].height >= 40  # room to sign


def test_penjelasan_iku(template):
    ws = openpyxl.load_workbook(template)["Penjelasan IKU"]
    assert [ws.cell(6, c).value for c in range(1, 8)] == [
        "No", "Sasaran", "Indikator Kinerja Utama", "Definisi Operasional/Formulasi Perhitungan", "Penjelasan",
        "Sumber Data", "Penanggung Jawab"]
    assert ws["B8"].value.startswith("Meningkatnya capaian kinerja dan keuangan")  # the Penjelasan's own wording
    assert ws["C9"].value == "Nilai Indeks Kepuasan Masyarakat (IKM)"
    definisi = ws["D8"].value
    assert definisi.startswith("Nilai AKIP adalah") and "\n\nFormulasi:\nNilai AKIP = (0,30 × Nilai Perencanaan)" \
        in definisi
    assert "Sangat memuaskan (AA) = 90–100" in definisi  # the office's own table, verbatim
    assert ws["F8"].value == "LHE Inspektorat Kabupaten Luwu Timur" and ws["G9"].value == "Camat"
    assert ws["D8"].alignment.wrap_text
    lines = definisi.count("\n") + 1
    assert ws.row_dimensions[8].height >= lines * 12  # multi-line text fits
    assert ws.print_title_rows == "$6:$7" and ws.page_setup.orientation == "landscape"


def test_catatan_lists_the_real_warning(template):
    ws = openpyxl.load_workbook(template)["Catatan"]
    rows = [[ws.cell(r, c).value for c in range(1, 5)] for r in range(4, ws.max_row + 1)]
    assert rows == [[1, "Data IKU", "J2", "Target 2025, 2026, 2027, 2028, 2029, 2030 di bawah kondisi awal 2024 "
                     "(75,00) untuk Indikator 'Nilai AKIP Perangkat Daerah' (IS.1.1) berpolaritas positif."]]
