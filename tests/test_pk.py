"""Perjanjian Kinerja (PermenPANRB 53/2014) from the IKU workbook: the `PK YYYY` sheet of the template, another
office's PK with quarterly targets, the `xl-iku pk` PDF, and every check the issue lists."""

import datetime as dt
import re
import shutil

import openpyxl
import pytest
from iku_books import INSTANSI, other_office_rows, write_data, write_instansi
from test_pdf import pdf_pages, pdf_text

from xl_iku import InputError
from xl_iku.cli import main
from xl_iku.pdf import convert
from xl_iku.rules.numbers import parse_rupiah

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

A4 = (595.3, 841.9)  # portrait, points


def portrait_a4(pages):
    return all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in pages)


@pytest.fixture
def wotu(root, tmp_path):
    path = tmp_path / "IKU_Wotu.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", path)
    return path


def rows_of(ws):
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}


def find(ws, value):
    """(row, column) of the first cell holding exactly `value`."""
    return next((c.row, c.column) for row in ws.iter_rows() for c in row if c.value == value)


def instansi_set(wb, key, value):
    ws = wb["Instansi"]
    row = next((r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key), ws.max_row + 1)
    ws.cell(row, 1).value, ws.cell(row, 2).value = key, value  # (ws.cell(r, c, None) would not clear it)
    return f"B{row}"


# --- the template's PK 2026 -----------------------------------------------------------------------------------------

def test_template_pk_2026_agreement_page(wotu):
    ws = openpyxl.load_workbook(wotu)["PK 2026"]
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == ["PERJANJIAN KINERJA TAHUN 2026", "KECAMATAN WOTU",
                                                         "KABUPATEN LUWU TIMUR"]
    texts = [v for v in rows_of(ws).values() if isinstance(v, str)]
    break_row = ws.row_breaks.brk[0].id
    page1 = [v for (r, _), v in rows_of(ws).items() if r <= break_row and isinstance(v, str)]
    assert any(t.startswith("Dalam rangka mewujudkan manajemen pemerintahan yang efektif") for t in page1)
    assert any(t.startswith("Pihak pertama berjanji akan mewujudkan target kinerja") for t in page1)
    assert any(t.startswith("Pihak kedua akan melakukan supervisi") for t in page1)
    for text in (": YAHASIS DAWI, S.Sos., M.Si", ": Camat Wotu", "selanjutnya disebut pihak pertama",
                 ": H. IRWAN BACHRI SYAM", ": Bupati Luwu Timur",
                 "selaku atasan pihak pertama, selanjutnya disebut pihak kedua", "Wotu, …… Januari 2026"):
        assert text in page1, text
    # signatures: pihak kedua on the left, pihak pertama on the right, names underlined
    (r2, c2), (r1, c1) = find(ws, "Pihak Kedua,"), find(ws, "Pihak Pertama,")
    assert r1 == r2 and c2 < c1 and r1 < break_row
    assert ws.cell(r1 + 1, c2).value == "BUPATI LUWU TIMUR," and ws.cell(r1 + 1, c1).value == "CAMAT WOTU,"
    assert ws.row_dimensions[r1 + 2].height >= 40  # room to sign
    assert ws.cell(r1 + 3, c2).value == "H. IRWAN BACHRI SYAM" and ws.cell(r1 + 3, c2).font.u == "single"
    assert ws.cell(r1 + 3, c1).value == "YAHASIS DAWI, S.Sos., M.Si"
    assert ws.cell(r1 + 4, c1).value == "Pembina Tk. I, IV/b"
    assert ws.cell(r1 + 5, c1).value == "NIP. 19700908 200312 1 004"
    assert ws.cell(r1 + 5, c2).value is None  # a regional head has no NIP
    assert texts.count("Pihak Pertama,") == 2  # signed again under the lampiran


def test_template_pk_2026_lampiran_targets_and_programs(wotu):
    ws = openpyxl.load_workbook(wotu)["PK 2026"]
    header = find(ws, "Sasaran Strategis")[0]
    assert [ws.cell(header, c).value for c in range(1, 6)] == ["No", "Sasaran Strategis", "Indikator Kinerja",
                                                                "Satuan", "Target"]
    assert ws.cell(header - 4, 1).value == "PERJANJIAN KINERJA TAHUN 2026"  # the lampiran's own title
    body = [[ws.cell(r, c).value for c in range(1, 6)] for r in (header + 1, header + 2)]
    assert body == [
        [1, "Meningkatnya kualitas penyelenggaraan Pemerintahan dan Akuntabilitas Kinerja Perangkat Daerah",
         "Nilai AKIP Perangkat Daerah", "Nilai", 70.35],
        [2, "Meningkatnya Kualitas Pelayanan Publik Kepada Masyarakat", "Nilai Indeks Kepuasan Masyarakat (IKM)",
         "Indeks", 85.3]]
    # targets are numbers, each shown with its indicator's decimals as written (85,3 among 85,45: 85,30, the same
    # as in Tabel IKU), in the Indonesian form
    assert [(ws.cell(r, 5).data_type, ws.cell(r, 5).number_format) for r in (header + 1, header + 2)] == [
        ("n", "[$-421]#,##0.00"), ("n", "[$-421]#,##0.00")]
    assert ws.cell(header + 1, 3).border.left.style == "thin" and ws.cell(header, 1).font.b
    # programmes: the illustrative rows, marked as such, and a live Jumlah
    top = find(ws, "Anggaran (Rp)")[0]
    programs = [[ws.cell(r, c).value for c in (1, 2, 4, 6)] for r in range(top + 1, top + 5)]
    assert [p[2] for p in programs] == [1250000000, 350000000, 275500000, 150000000]
    assert all(p[3].startswith("Ilustrasi, bukan data resmi") for p in programs)
    assert ws.cell(top + 5, 1).value == "Jumlah" and ws.cell(top + 5, 4).value == f"=SUM(D{top + 1}:D{top + 4})"
    assert ws.cell(top + 1, 4).number_format == "[$-421]#,##0"
    # print setup: A4 portrait, fit to width, the table header repeated, the agreement on its own page
    assert ws.page_setup.orientation == "portrait" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${header}:${header}"
    assert [b.id for b in ws.row_breaks.brk] == [header - 5]


@pytest.mark.libreoffice
def test_jumlah_equals_the_sum_of_the_rows(wotu, tmp_path):
    """The formula is live: LibreOffice computes it from the rows, and it equals their sum."""
    ws = openpyxl.load_workbook(wotu)["PK 2026"]
    top = find(ws, "Anggaran (Rp)")[0]
    book = openpyxl.load_workbook(wotu)
    sheet = book["PK 2026"]
    sheet.cell(top + 2, 4).value = 400000000  # staff correct one budget by hand after regenerating
    book.save(tmp_path / "ubah.xlsx")
    convert(tmp_path / "ubah.xlsx", "xlsx", tmp_path / "hitung", recalc=True)
    computed = openpyxl.load_workbook(tmp_path / "hitung" / "ubah.xlsx", data_only=True)["PK 2026"]
    rows = [computed.cell(r, 4).value for r in range(top + 1, top + 5)]
    assert rows == [1250000000, 400000000, 275500000, 150000000]
    assert computed.cell(top + 5, 4).value == sum(rows) == 2075500000


@pytest.mark.libreoffice
def test_targets_are_numbers_a_formula_can_use(wotu, tmp_path):
    """A sum and a lookup over the lampiran's targets, computed by LibreOffice, see the numbers."""
    book = openpyxl.load_workbook(wotu)
    sheet = book["PK 2026"]
    header = find(sheet, "Sasaran Strategis")[0]
    sheet["H1"] = f"=SUM(E{header + 1}:E{header + 2})"
    sheet["H2"] = f'=VLOOKUP("Nilai AKIP Perangkat Daerah",C{header + 1}:E{header + 2},3,0)*2'
    book.save(tmp_path / "rumus.xlsx")
    convert(tmp_path / "rumus.xlsx", "xlsx", tmp_path / "hitung", recalc=True)
    computed = openpyxl.load_workbook(tmp_path / "hitung" / "rumus.xlsx", data_only=True)["PK 2026"]
    assert computed["H1"].value == pytest.approx(70.35 + 85.3)
    assert computed["H2"].value == pytest.approx(2 * 70.35)


# --- another office: three sasaran, two PK years, quarterly targets -------------------------------------------------

THREE_SASARAN = ("S1.1", "S1.2", "S2.1")


@pytest.fixture
def dukcapil(tmp_path):
    """An `init` book typed by another office: 3 sasaran (5 indicators), Tahun PK "2027, 2028", quarterly targets for
    2028 in extra columns, budgets as numbers and as Indonesian text."""
    path = tmp_path / "IKU_Dukcapil.xlsx"
    assert main(["init", str(path), "--periode", "2027-2031"]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb, {**INSTANSI, "Tahun PK": "2027, 2028", "Nama Atasan": "Ir. BUDI SANTOSO, M.T.",
                        "Jabatan Atasan": "Bupati Contoh", "Pangkat/Golongan Atasan": None, "NIP Atasan": None,
                        "Tanggal PK": dt.datetime(2028, 1, 15)})
    rows = [r for r in other_office_rows() if r["Kode Sasaran"] in THREE_SASARAN]
    quarters = {"I.1.1.1": (97.5, 97.6, 97.8, 98), "I.1.2.1": ("4,5", 4, 3.5, 3), "I.2.1.1": (70, 71, 71.5, 72)}
    for row in rows:
        for q, value in enumerate(quarters.get(row["Kode Indikator"], (None,) * 4), start=1):
            row[f"Target TW{q} 2028"] = value
    write_data(wb, rows)
    program = wb["Program"]
    for r, values in enumerate([(2027, "S1.1", "Program Pelayanan Pendaftaran Penduduk", 1800000000, None),
                                (2028, "S1.1", "Program Pelayanan Pendaftaran Penduduk", "1.950.000.000", "APBD"),
                                (2028, "S1.2", "Program Pencatatan Sipil", "350.000", None),
                                (2028, None, "Program Pengelolaan Informasi Administrasi Kependudukan",
                                 725000000, None)], start=2):
        for c, value in enumerate(values, start=1):
            program.cell(r, c, value)
    wb.save(path)
    return path


def test_other_office_pk_with_three_sasaran(dukcapil, capsys):
    assert main(["regenerate", str(dukcapil)]) == 0
    wb = openpyxl.load_workbook(dukcapil)
    assert [n for n in wb.sheetnames if n.startswith(("PK ", "Rencana Aksi "))] == [
        "PK 2027", "PK 2028", "Rencana Aksi 2028"]  # the Rencana Aksi only where quarterly targets exist
    assert wb.sheetnames[-1] == "Catatan"
    ws = wb["PK 2028"]
    header = find(ws, "Sasaran Strategis")[0]
    body = [[ws.cell(r, c).value for c in range(1, 6)] for r in range(header + 1, header + 6)]
    assert body == [
        [1, "Meningkatnya cakupan kepemilikan dokumen", "Persentase penduduk ber-KTP-el", "Persen", 97.5],
        [None, None, "Persentase anak ber-KIA", "Persen", 70],
        [None, None, "Persentase akta kelahiran", "Persen", 92],
        [2, "Meningkatnya kecepatan layanan", "Rata-rata waktu penerbitan dokumen", "Hari", 3.5],
        [3, "Meningkatnya nilai AKIP", "Nilai AKIP", "Nilai", 72]]
    # each indicator's decimals: the most among its numbers as written (Nilai AKIP's TW target 71,5 → 72,0)
    assert [ws.cell(r, 5).number_format for r in range(header + 1, header + 6)] == [
        "[$-421]#,##0.0", "[$-421]#,##0", "[$-421]#,##0", "[$-421]#,##0.0", "[$-421]#,##0.0"]
    merges = set(map(str, ws.merged_cells.ranges))
    assert {f"A{header + 1}:A{header + 3}", f"B{header + 1}:B{header + 3}"} <= merges  # sasaran merged down
    assert f"B{header + 4}:B{header + 4}" not in merges
    top = find(ws, "Anggaran (Rp)")[0]
    assert [ws.cell(r, 4).value for r in range(top + 1, top + 4)] == [1950000000, 350000, 725000000]  # dots group
    assert ws.cell(top + 4, 4).value == f"=SUM(D{top + 1}:D{top + 3})"
    texts = [v for v in rows_of(ws).values() if isinstance(v, str)]
    assert "Kota Contoh, 15 Januari 2028" in texts  # Tanggal PK belongs to the last Tahun PK
    assert "Kota Contoh, …… Januari 2027" in rows_of(wb["PK 2027"]).values()  # earlier year: left for the pen
    assert [wb["PK 2027"].cell(find(wb["PK 2027"], "Anggaran (Rp)")[0] + 1, 4).value] == [1800000000]
    assert "BUPATI CONTOH," in texts and "Ir. BUDI SANTOSO, M.T." in texts and "KEPALA DINAS," in texts
    ra = wb["Rencana Aksi 2028"]
    assert ra.cell(1, 1).value == "RENCANA AKSI TAHUN 2028"
    h = find(ra, "Indikator Kinerja")[0]
    assert [ra.cell(h + 1, c).value for c in range(5, 9)] == ["TW I", "TW II", "TW III", "TW IV"]
    table = [[ra.cell(r, c).value for c in range(1, 9)] for r in range(h + 2, h + 7)]
    assert table[0] == [1, "Persentase penduduk ber-KTP-el", "Persen", 97.5, 97.5, 97.6, 97.8, 98]
    assert table[1][3:] == [70, None, None, None, None]  # no quarterly target typed: left empty
    assert table[3] == [4, "Rata-rata waktu penerbitan dokumen", "Hari", 3.5, 4.5, 4, 3.5, 3]
    assert [ra.cell(h + 5, c).number_format for c in range(4, 9)] == ["[$-421]#,##0.0"] * 5  # 3,5 4,5 4,0 3,5 3,0
    assert ra.cell(h + 3, 5).number_format == "[$-421]#,##0"  # empty, in its indicator's format
    assert ra.print_title_rows == f"${h}:${h + 1}" and ra.page_setup.orientation == "portrait"
    err = capsys.readouterr().err
    assert "Tidak ada program" not in err and "Atasan" not in err  # both years have programmes, atasan filled


@pytest.mark.libreoffice
def test_pk_command_writes_only_the_pk_pages(dukcapil, tmp_path, capsys):
    assert main(["regenerate", str(dukcapil)]) == 0
    before = dukcapil.read_bytes()
    out = tmp_path / "cetak" / "pk.pdf"
    assert main(["pk", str(dukcapil), "--tahun", "2028", "-o", str(out)]) == 0
    assert dukcapil.read_bytes() == before  # the workbook is only read
    pages = pdf_pages(out)
    assert len(pages) == 3 and portrait_a4(pages)  # agreement, lampiran, rencana aksi
    texts = [pdf_text(out, n) for n in (1, 2, 3)]
    assert "PERJANJIAN KINERJA TAHUN 2028" in texts[0] and "Pihak pertama berjanji" in texts[0]
    assert "Sasaran Strategis" not in texts[0]
    assert "Sasaran Strategis" in texts[1] and "2.675.350.000" in texts[1]  # the Jumlah
    assert re.search(r"Persen\s+97,5\s", texts[1]) and re.search(r"Hari\s+3,5\s", texts[1])
    assert re.search(r"Nilai\s+72,0\s", texts[1])  # as written: one decimal (its TW target 71,5), no ",00" added
    assert "RENCANA AKSI TAHUN 2028" in texts[2] and "TW IV" in texts[2]
    assert re.search(r"Persen\s+97,5\s+97,5\s+97,6\s+97,8\s+98,0\s", texts[2])
    assert re.search(r"Hari\s+3,5\s+4,5\s+4,0\s+3,5\s+3,0\s", texts[2])
    assert not any("INDIKATOR KINERJA UTAMA" in t or "CATATAN KONSISTENSI" in t for t in texts)  # PK pages only


@pytest.mark.libreoffice
def test_pk_command_any_year_with_targets_default_name(wotu, capsys):
    before = wotu.read_bytes()
    assert main(["pk", str(wotu), "--tahun", "2027"]) == 0  # not in Tahun PK, but it has targets
    out = wotu.with_name("IKU_Wotu_PK_2027.pdf")
    assert f"'{out}'" in capsys.readouterr().out
    assert wotu.read_bytes() == before
    pages = pdf_pages(out)
    assert len(pages) == 2 and portrait_a4(pages)
    lampiran = pdf_text(out, 2)
    assert "70,75" in lampiran and "85,45" in lampiran and "H. IRWAN BACHRI SYAM" in lampiran


def test_pk_command_year_without_targets(wotu, capsys):
    before = wotu.read_bytes()
    assert main(["pk", str(wotu), "--tahun", "2031"]) == 2
    err = capsys.readouterr().err
    assert "2031" in err and "2025, 2026, 2027, 2028, 2029, 2030" in err
    assert wotu.read_bytes() == before
    assert not wotu.with_name("IKU_Wotu_PK_2031.pdf").exists()


def test_pk_command_never_writes_over_the_workbook(wotu, capsys):
    before = wotu.read_bytes()
    assert main(["pk", str(wotu), "--tahun", "2026", "-o", str(wotu)]) == 2
    # the rule every command shares (xl_iku/files.py): no output over an input
    assert "tidak akan ditimpa" in capsys.readouterr().err and wotu.read_bytes() == before


# --- checks ---------------------------------------------------------------------------------------------------------

def regenerate_fails(path, capsys, *expected):
    before = path.read_bytes()
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, (text, err)
    assert path.read_bytes() == before  # untouched
    return err


def test_tahun_pk_without_targets_is_an_error(wotu, capsys):
    wb = openpyxl.load_workbook(wotu)
    cell = instansi_set(wb, "Tahun PK", "2026, 2031")
    wb.save(wotu)
    regenerate_fails(wotu, capsys, f"Sheet 'Instansi', sel {cell}", "2031", "2025, 2026, 2027, 2028, 2029, 2030")


def test_tahun_pk_not_a_year_is_an_error(wotu, capsys):
    wb = openpyxl.load_workbook(wotu)
    cell = instansi_set(wb, "Tahun PK", "tahun depan")
    wb.save(wotu)
    regenerate_fails(wotu, capsys, f"Sheet 'Instansi', sel {cell}", "'tahun'")


def test_indicator_without_target_for_a_pk_year_is_an_error(wotu, capsys):
    wb = openpyxl.load_workbook(wotu)
    data = wb["Data IKU"]
    column = next(c for c in range(1, data.max_column + 1) if data.cell(1, c).value == "Target 2026")
    data.cell(3, column).value = None
    wb.save(wotu)
    regenerate_fails(wotu, capsys, f"Sheet 'Data IKU', sel {data.cell(3, column).coordinate}",
                     "Nilai Indeks Kepuasan Masyarakat (IKM)", "target 2026")


def test_anggaran_not_a_number_is_an_error(wotu, capsys):
    wb = openpyxl.load_workbook(wotu)
    wb["Program"]["D3"] = "tiga ratus juta"
    wb.save(wotu)
    regenerate_fails(wotu, capsys, "Sheet 'Program', sel D3", "tiga ratus juta")


def test_no_program_for_the_year_is_a_warning(wotu, capsys):
    wb = openpyxl.load_workbook(wotu)
    for r in range(2, 6):
        wb["Program"].cell(r, 1).value = 2027
    wb.save(wotu)
    assert main(["regenerate", str(wotu)]) == 0
    err = capsys.readouterr().err
    assert "Peringatan: sheet 'Program': Tidak ada program untuk tahun 2026" in err
    wb = openpyxl.load_workbook(wotu)
    notes = [wb["Catatan"].cell(r, 4).value for r in range(4, wb["Catatan"].max_row + 1)]
    assert any(n.startswith("Tidak ada program untuk tahun 2026") for n in notes)
    ws = wb["PK 2026"]  # still made, with an empty programme table
    top = find(ws, "Anggaran (Rp)")[0]
    assert ws.cell(top + 1, 1).value == "Jumlah" and ws.cell(top + 1, 4).value == "=0"


def test_missing_atasan_is_a_warning_with_a_blank_signature_line(wotu, capsys):
    wb = openpyxl.load_workbook(wotu)
    cell = instansi_set(wb, "Nama Atasan", None)
    wb.save(wotu)
    assert main(["regenerate", str(wotu)]) == 0
    err = capsys.readouterr().err
    assert f"sheet 'Instansi', sel {cell}: 'Nama Atasan'" in err
    wb = openpyxl.load_workbook(wotu)
    assert any(wb["Catatan"].cell(r, 3).value == cell for r in range(4, wb["Catatan"].max_row + 1))
    ws = wb["PK 2026"]
    r, c = find(ws, "BUPATI LUWU TIMUR,")
    assert ws.cell(r + 2, c).value.startswith("(…") and ws.cell(r + 2, c).font.u == "single"  # written by hand


def test_old_workbook_without_pk_inputs_keeps_working(tmp_path):
    from iku_books import office_book

    book = office_book(tmp_path / "lama.xlsx")  # no Tahun PK, no Program sheet
    assert main(["regenerate", str(book)]) == 0
    assert not [n for n in openpyxl.load_workbook(book).sheetnames if n.startswith("PK ")]


@pytest.mark.parametrize("text, rupiah", [("1.250.000.000", 1250000000), ("350.000", 350000), ("350000", 350000),
                                          ("Rp 75.000.000", 75000000), (1250000000.0, 1250000000), (0, 0),
                                          # the dash that says "no sen", as offices write it on every DPA
                                          ("Rp1.250.000.000,-", 1250000000), ("Rp. 350.000,--", 350000),
                                          ("350.000.-", 350000), ("Rp 75.000.000,00", 75000000)])
def test_rupiah_dot_always_groups_thousands(text, rupiah):
    assert parse_rupiah(text) == rupiah


@pytest.mark.parametrize("text", ["1,5", "350.00", "1.2345", 12.5, -1000, "satu juta", None, True, "-", ",-",
                                  "1,25 M"])
def test_rupiah_refuses_what_is_not_whole_rupiah(text):
    with pytest.raises(InputError):
        parse_rupiah(text)


@pytest.mark.parametrize("value, shown", [(1250000000.5, "Anggaran 1.250.000.000,50 bukan rupiah utuh"),
                                          (-1000, "Anggaran -1.000 negatif")])
def test_rupiah_messages_write_numbers_as_staff_do(value, shown):
    with pytest.raises(InputError, match=shown):
        parse_rupiah(value)


@pytest.mark.libreoffice
@pytest.mark.parametrize("indicators", [16, 20])
def test_long_lampiran_keeps_programmes_and_signatures_together(tmp_path, indicators):
    """A lampiran over two pages: the signatures print whole with the Jumlah, the programmes' header with its rows,
    and a page's repeated target header with target rows under it (16 indicators split the signatures, 20 left the
    repeated header alone above the Jumlah)."""
    path = tmp_path / "IKU_Panjang.xlsx"
    assert main(["init", str(path), "--periode", "2027-2031"]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb, {**INSTANSI, "Tahun PK": "2027", "Nama Atasan": "Ir. BUDI SANTOSO, M.T.",
                        "Jabatan Atasan": "Bupati Contoh"})
    base, rows = other_office_rows(), []
    for i in range(indicators):
        row = dict(base[i % len(base)])
        row.update({"Kode Indikator": f"I.X.{i}", "Indikator": f"{row['Indikator']} kelompok {i}",
                    "Kode Sasaran": f"S{i}", "Sasaran": f"{row['Sasaran']} ke-{i}"})
        rows.append(row)
    write_data(wb, rows)
    for k in range(3):
        for c, value in enumerate((2027, None, f"Program Nomor {k + 1}", 100000000 * (k + 1)), start=1):
            wb["Program"].cell(k + 2, c, value)
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    out = tmp_path / "pk.pdf"
    assert main(["pk", str(path), "--tahun", "2027", "-o", str(out)]) == 0
    pages = [[line.strip() for line in pdf_text(out, n).splitlines() if line.strip()]
             for n in range(1, len(pdf_pages(out)) + 1)]
    assert len(pages) == 3
    signed = [p for p in pages if any(line.startswith("NIP.") for line in p)]
    assert len(signed) == 2  # the agreement's page and the lampiran's last
    last = signed[-1]
    assert any(line.startswith("Jumlah") for line in last) and any(line.startswith("Kota Contoh,") for line in last)
    assert any("Pihak Kedua" in line for line in last) and any("BUPATI CONTOH" in line for line in last)
    for number, lines in enumerate(pages[1:], start=2):
        for i, line in enumerate(lines):
            if line.startswith("No") and ("Sasaran Strategis" in line or "Program" in line):
                assert i + 1 < len(lines) and re.match(r"\d+\s", lines[i + 1]), f"page {number}: {line!r} alone"


@pytest.mark.parametrize("typed, read", [(1.97501012000012e17, None), (197501012000012001, None),
                                         (123456789.0, "123456789"), (123456789, "123456789"),
                                         (999999999999999, "999999999999999"), ("19750101 200001 2 001",
                                                                                "19750101 200001 2 001")])
def test_a_nip_typed_as_a_number_is_read_only_while_excel_kept_every_digit(typed, read):
    """Excel keeps 15 significant digits: an 18-digit NIP typed as a number lost its last ones, and printing it on
    a PK to be signed would print digits nobody typed; a shorter number is its digits."""
    from xl_iku.errors import CellError
    from xl_iku.model.grid import SheetGrid
    from xl_iku.readers.iku import read_instansi

    rows = [["Nama Instansi", "Dinas"], ["Pemerintah Daerah", "Kabupaten"], ["Periode", "2025–2029"],
            ["NIP", typed], ["NIP Atasan", typed]]
    if read is None:
        with pytest.raises(CellError) as raised:
            read_instansi(SheetGrid("Instansi", rows))
        assert raised.value.cell == "B4" and "diketik sebagai angka" in raised.value.message
    else:
        info = read_instansi(SheetGrid("Instansi", rows))
        assert (info.nip, info.nip_atasan) == (read, read)
