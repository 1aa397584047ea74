"""LKjIP tables (PermenPANRB 53/2014, BAB III) from the IKU workbook: numbers worked by hand for an office with a
positif and a negatif indicator, two `kumulatif` ones (one missing a year), one without realisasi and four
programmes; the sheet recalculated by LibreOffice equal to xl-iku's own numbers, also after staff change a
realisasi; the `xl-iku lkjip` PDF page by page; every check the issue lists."""

import hashlib
import shutil

import openpyxl
import pytest
from iku_books import INSTANSI, write_data, write_instansi
from test_lampiran import page_words
from test_pdf import pdf_pages, pdf_text

from xl_iku import CellError, InputError
from xl_iku.bookdata import input_data
from xl_iku.cli import main
from xl_iku.pdf import convert
from xl_iku.rules import lkjip as rules

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

YEARS = [2025, 2026, 2027, 2028, 2029, 2030]  # 2030: a transition year; Periode 2025–2029 ends the plan in 2029


def indicator(code, sasaran, name, polaritas, awal, targets, realisasi, **extra):
    row = {"Kode Tujuan": "T1", "Tujuan": "Meningkatnya kualitas pelayanan", "Kode Sasaran": sasaran,
           "Sasaran": f"Sasaran {sasaran}", "Kode Indikator": code, "Indikator": name, "Satuan": "Persen",
           "Polaritas": polaritas, "Kondisi Awal 2024": awal, "Definisi Operasional": "D", "Penjelasan": "P"}
    row.update({f"Target {y}": t for y, t in zip(YEARS, targets)})
    row.update({f"Realisasi {y}": realisasi.get(y) for y in YEARS})
    row.update({"Jenis Target Akhir": None, "Standar Nasional": None, "Sumber Standar": None, **extra})
    return row


ROWS = [
    indicator("A", "S1", "Persentase layanan tepat waktu", "positif", 80, [82, 84, 86, 88, 90, 91],
              {2025: 83, 2026: 85.5}, **{"Standar Nasional": 88, "Sumber Standar": "SPM Kecamatan"}),
    indicator("B", "S1", "Rata-rata waktu layanan", "negatif", 5, [4.5, 4, 3.5, 3, 2.5, 2.4], {2025: 4.2, 2026: 4.4}),
    indicator("C", "S2", "Jumlah inovasi pelayanan", "positif", 0, [2, 2, 2, 2, 10, 2], {2025: 3, 2026: 2},
              **{"Jenis Target Akhir": "kumulatif"}),
    indicator("D", "S2", "Jumlah kerja sama", "positif", 1, [1, 1, 1, 1, 5, 1], {2026: 4},
              **{"Jenis Target Akhir": "Kumulatif"}),  # 2025 missing: its sum is unknown
    indicator("E", "S3", "Indeks kepuasan aparatur", "positif", 70, [72, 74, 76, 78, 80, 81], {2025: 71}),
]
#: Tahun, Kode Sasaran, Program, Anggaran, Keterangan, Realisasi Anggaran (the init sheet's column order)
PROGRAMS = [
    (2025, "S1", "Program Lama", 900000000, None, 800000000),  # another year: not in the 2026 tables
    (2026, "S1", "Program Pelayanan Umum", 1000000000, None, 950000000),
    (2026, "S1", "Program Pelayanan Khusus", "500.000.000", None, "400.000.000"),
    (2026, "S2", "Program Inovasi", 200000000, None, 250000000),  # above its pagu: a warning
    (2026, None, "Program Penunjang", 100000000, None, 100000000),
]


def make_book(path, tahun="2026", rows=ROWS, programs=PROGRAMS, periode="2025–2029"):
    assert main(["init", str(path), "--periode", "2025-2030"]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb, {**INSTANSI, "Periode": periode, "Tahun LKjIP": tahun})
    write_data(wb, rows)
    for r, values in enumerate(programs, start=2):
        for c, value in enumerate(values, start=1):
            wb["Program"].cell(r, c, value)
    wb.save(path)
    return path


@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path / "IKU_Contoh.xlsx")


# --- the rules ------------------------------------------------------------------------------------------------------

def test_rules_by_hand():
    assert rules.end_target_year([2025, 2026, 2027, 2028, 2029], YEARS) == 2029  # not the transition year 2030
    assert rules.end_target_year(None, YEARS) == 2030  # without Periode: the last target year
    assert rules.position(2026, range(2025, 2030)).share == 40.0
    assert rules.position(2027, range(2025, 2030)).share == 60.0  # exactly: 3/5*100 is 60.00000000000001
    assert rules.cumulative({2025: 3, 2026: 2}, [2025, 2026]) == (5, None)
    assert rules.cumulative({2025: None, 2026: 4}, [2025, 2026]) == (None, 2025)
    assert rules.status(50, 40) == "sesuai jalur" and rules.status(40, 40) == "sesuai jalur"
    assert rules.status(24, 40) == "perlu percepatan" and rules.status(None, 40) == ""
    assert rules.penyerapan(200, 250) == 125.0 and rules.penyerapan(0, 10) is None
    assert rules.efisiensi(95, 0) is None and rules.efisiensi(250, 125) == 2.0
    assert rules.mean([100, None, 400]) == 250 and rules.mean([None]) is None


# --- the numbers, worked by hand ------------------------------------------------------------------------------------

CAPAIAN = {"A": 85.5 / 84 * 100, "B": (2 - 4.4 / 4) * 100, "C": 2 / 2 * 100, "D": 4 / 1 * 100}
S1 = (CAPAIAN["A"] + CAPAIAN["B"]) / 2  # 95,89
ALL = sum(CAPAIAN.values()) / 4  # 172,95


def test_model_numbers_worked_by_hand(book, capsys):
    data = input_data(book)
    (report,) = data.lkjip
    assert report.tahun == 2026 and report.tahun_akhir == 2029 and (report.posisi.ke, report.posisi.dari) == (2, 5)
    items = {i.ind.kode: i for i in report.indikator}
    for kode, value in CAPAIAN.items():
        assert items[kode].capaian == pytest.approx(value)
    assert items["E"].capaian is None and items["E"].realisasi[2026].value is None  # missing: never 0
    assert [items[k].rating for k in "ABCD"] == ["Sangat Tinggi", "Tinggi", "Sangat Tinggi", "Sangat Tinggi"]
    # Tabel 3.2: capaian 2025 and the change in points
    assert items["A"].capaian_lalu == pytest.approx(83 / 82 * 100)
    assert items["A"].perubahan == pytest.approx(85.5 / 84 * 100 - 83 / 82 * 100)  # +0,57
    assert items["B"].perubahan == pytest.approx(90 - (2 - 4.2 / 4.5) * 100)  # −16,67 (negatif)
    assert items["D"].capaian_lalu is None and items["D"].perubahan is None  # a missing year
    assert items["A"].realisasi[2024].value == 80  # the baseline year counts as a realisasi
    # Tabel 3.3: against the target of 2029 (not 2030), 40 % of the period gone
    assert items["A"].target_akhir == 90 and items["A"].capaian_akhir == pytest.approx(95.0)
    assert items["A"].status == "sesuai jalur"
    assert items["B"].capaian_akhir == pytest.approx((2 - 4.4 / 2.5) * 100)  # 24 %
    assert items["B"].status == "perlu percepatan"
    assert items["C"].realisasi_akhir == 5 and items["C"].capaian_akhir == pytest.approx(50.0)  # 3 + 2 of 10
    assert items["C"].status == "sesuai jalur"
    assert items["D"].realisasi_akhir is None and items["D"].kurang == 2025 and items["D"].status == ""
    # Tabel 3.4: only the indicator with a Standar Nasional
    assert [i.ind.kode for i in report.standar] == ["A"]
    assert items["A"].capaian_standar == pytest.approx(85.5 / 88 * 100)
    # Tabel 3.5: sasaran means, penyerapan and efisiensi
    sasaran = {s.kode: s for s in report.sasaran}
    assert sasaran["S1"].capaian == pytest.approx(S1) and sasaran["S2"].capaian == pytest.approx(250)
    assert sasaran["S3"].capaian is None
    groups = {(a.sasaran.kode if a.sasaran else None): a for a in report.anggaran}
    assert list(groups) == ["S1", "S2", None]
    assert groups["S1"].pagu == 1500000000 and groups["S1"].realisasi == 1350000000
    assert groups["S1"].penyerapan == pytest.approx(90.0)
    assert groups["S1"].efisiensi == pytest.approx(S1 / 90)  # 1,07
    assert groups["S2"].efisiensi == pytest.approx(250 / 125)
    assert groups[None].efisiensi is None
    assert report.pagu == 1800000000 and report.realisasi_anggaran == 1700000000
    assert report.capaian == pytest.approx(ALL)
    assert report.efisiensi == pytest.approx(ALL / (1700 / 1800 * 100))
    warned = [n for n in data.notes if n.sheet == "Program"]
    assert [(n.cell, "melebihi pagunya" in n.pesan) for n in warned] == [("F5", True)]


def sheet_values(ws):
    """Cells holding something ("" — a formula's empty text — is nothing, as LibreOffice saves it)."""
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}


def find(ws, value):
    return next((c.row, c.column) for row in ws.iter_rows() for c in row if c.value == value)


def test_sheet_tables_and_live_formulas(book, capsys):
    assert main(["regenerate", str(book)]) == 0
    err = capsys.readouterr().err
    assert "sheet 'Program', sel F5: Realisasi anggaran program 'Program Inovasi' tahun 2026" in err
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-2:] == ["LKjIP 2026", "Catatan"]
    catatan = [row for row in wb["Catatan"].iter_rows(values_only=True) if row[1] == "Program"]
    assert [(row[2], "melebihi pagunya" in row[3]) for row in catatan] == [("F5", True)]  # the warning, listed
    ws = wb["LKjIP 2026"]
    assert ws.cell(1, 1).value == "TABEL CAPAIAN KINERJA LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2026"
    headings = [v for v in sheet_values(ws).values() if isinstance(v, str) and v.startswith("Tabel 3.")]
    assert [h[:9] for h in headings] == ["Tabel 3.1", "Tabel 3.2", "Tabel 3.3", "Tabel 3.4", "Tabel 3.5"]
    # Tabel 3.1: the realisasi follows its Data IKU cell; a missing one says so and is never 0
    top = find(ws, "Tabel 3.1 Capaian Kinerja Tahun 2026")[0] + 2
    data_iku = wb["Data IKU"]
    column = next(c for c in range(1, data_iku.max_column + 1) if data_iku.cell(1, c).value == "Realisasi 2026")
    letter = openpyxl.utils.get_column_letter(column)
    assert ws.cell(top, 7).value == f"=IF(ISNUMBER('Data IKU'!${letter}$2),'Data IKU'!${letter}$2,\"belum ada realisasi\")"
    # each indicator in the decimals it was written with: A's realisasi 85,5, B's 4,5; E's numbers all whole
    assert [ws.cell(top + i, 6).number_format for i in (0, 1, 4)] == ["[$-421]#,##0.0", "[$-421]#,##0.0",
                                                                      "[$-421]#,##0"]
    assert ws.cell(top, 8).value == f'=IF(ISNUMBER(G{top}),IF(N(F{top})<>0,G{top}/F{top}*100,""),"")'
    assert ws.cell(top + 1, 8).value == '=IF(ISNUMBER(G{0}),IF(N(F{0})<>0,(2-G{0}/F{0})*100,""),"")'.format(top + 1)
    assert ws.cell(top, 11).value == f'=IFERROR(AVERAGE(H{top}:H{top + 1}),"")'  # the sasaran's mean, merged
    assert f"K{top}:K{top + 1}" in set(map(str, ws.merged_cells.ranges))
    # Tabel 3.3: D's sum misses 2025, and says so (live: typing it in Data IKU fills the sum)
    row33 = find(ws, "Jumlah kerja sama (D) (kumulatif)")[0]
    assert openpyxl.load_workbook(book, data_only=True)["LKjIP 2026"].cell(row33, 7).value == \
        "belum ada realisasi 2025"
    assert ws.cell(row33, 7).value.startswith("=IF(ISNUMBER('Data IKU'!$")
    # print setup: A4 landscape, fit to width, explicit page breaks, the whole sheet as print area
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def recalculated(path, out_dir):
    convert(path, "xlsx", out_dir, recalc=True)
    return openpyxl.load_workbook(out_dir / path.name, data_only=True)


def assert_same_values(got, expected, name="LKjIP 2026"):
    """Every cell of the sheet: LibreOffice's recalculated value equals the value xl-iku stored."""
    a, b = sheet_values(got[name]), sheet_values(expected[name])
    assert a.keys() == b.keys()
    formulas = 0
    for pos, value in b.items():
        if isinstance(value, float):
            assert a[pos] == pytest.approx(value, rel=1e-12), pos
            formulas += 1
        else:
            assert a[pos] == value, pos
    return formulas


@pytest.mark.libreoffice
def test_recalculated_by_libreoffice_equals_python(book, tmp_path, capsys):
    """Recalculated from its formulas by LibreOffice, the sheet shows exactly what xl-iku computed (cached);
    after staff change realisasi in Data IKU and Program, LibreOffice's recalculation equals a fresh regeneration."""
    assert main(["regenerate", str(book)]) == 0
    cached = openpyxl.load_workbook(book, data_only=True)
    assert_same_values(recalculated(book, tmp_path / "a"), cached)
    # staff type new realisasi and do not regenerate: the formulas follow
    changed = tmp_path / "ubah" / book.name
    changed.parent.mkdir()
    wb = openpyxl.load_workbook(book)
    data_iku, program = wb["Data IKU"], wb["Program"]
    column = {data_iku.cell(1, c).value: c for c in range(1, data_iku.max_column + 1)}
    data_iku.cell(2, column["Realisasi 2026"]).value = 80  # A: 95,24 % → Sangat Tinggi
    data_iku.cell(3, column["Realisasi 2026"]).value = 3.2  # B (negatif): 120 %
    data_iku.cell(4, column["Realisasi 2025"]).value = 9  # C kumulatif: 9 + 2 = 11 of 10
    program.cell(3, 6).value = 500000000  # a programme's realisasi anggaran
    wb.save(changed)
    live = recalculated(changed, tmp_path / "b")
    fresh = tmp_path / "baru" / book.name
    fresh.parent.mkdir()
    shutil.copyfile(changed, fresh)
    assert main(["regenerate", str(fresh)]) == 0
    expected = openpyxl.load_workbook(fresh, data_only=True)
    assert assert_same_values(live, expected) > 30
    ws = live["LKjIP 2026"]
    top = find(ws, "Tabel 3.1 Capaian Kinerja Tahun 2026")[0] + 2
    assert ws.cell(top + 1, 8).value == pytest.approx((2 - 3.2 / 4) * 100)
    assert ws.cell(top, 11).value == pytest.approx((80 / 84 * 100 + 120) / 2)


@pytest.mark.libreoffice
def test_template_lkjip_2025(root, tmp_path):
    """The template: Tahun LKjIP 2025, the sample survey's IKM the one realisasi, illustrative budgets marked."""
    wb = openpyxl.load_workbook(root / "templates" / "IKU_Wotu.xlsx", data_only=True)
    values = sheet_values(wb["LKjIP 2025"])
    assert "belum ada realisasi" in values.values()  # Nilai AKIP 2025 is not in the office's document
    illustrative = [wb["Program"].cell(r, 5).value for r in range(2, wb["Program"].max_row + 1)
                    if wb["Program"].cell(r, 1).value == 2025]
    assert illustrative and all(k.startswith("Ilustrasi") for k in illustrative)
    assert_same_values(recalculated(root / "templates" / "IKU_Wotu.xlsx", tmp_path),
                       openpyxl.load_workbook(root / "templates" / "IKU_Wotu.xlsx", data_only=True), "LKjIP 2025")


# --- the command ----------------------------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_lkjip_command_writes_the_tables_without_changing_the_book(book, capsys):
    before = hashlib.sha256(book.read_bytes()).digest()
    assert main(["lkjip", str(book), "--tahun", "2026"]) == 0
    out = book.with_name("IKU_Contoh_LKjIP_2026.pdf")
    assert f"'{out}'" in capsys.readouterr().out
    assert hashlib.sha256(book.read_bytes()).digest() == before
    pages = pdf_pages(out)
    assert all(abs(w - 842) < 2 and abs(h - 595) < 2 for w, h in pages)  # A4 landscape
    text = "".join(pdf_text(out, n) for n in range(1, len(pages) + 1))
    for expected in ("Tabel 3.1", "Tabel 3.5", "101,79", "95,89", "perlu percepatan", "sesuai jalur",
                     "1.800.000.000", "1.700.000.000", "125,00", "1,07", "2,00",
                     "SPM Kecamatan", "97,16"):
        assert expected in text, expected
    assert "PERJANJIAN KINERJA" not in text and "Tabel IKU" not in text


def test_lkjip_year_without_realisasi_names_the_years_that_have_them(book, capsys):
    assert main(["lkjip", str(book), "--tahun", "2027"]) == 2
    err = capsys.readouterr().err
    assert "belum ada realisasi tahun 2027" in err and "Tahun yang punya realisasi: 2025, 2026." in err
    assert not book.with_name("IKU_Contoh_LKjIP_2027.pdf").exists()


def test_lkjip_year_outside_the_period(book, capsys):
    assert main(["lkjip", str(book), "--tahun", "2030"]) == 2  # a transition year is not in Periode 2025–2029
    assert "--tahun: tahun LKjIP 2030 di luar periode 2025–2029" in capsys.readouterr().err


def page_boxes_ok(pdf):
    """Every word inside its page, none drawn over another (pdftotext -bbox). A word's box holds its font's ascent
    and descent, so the boxes of consecutive wrapped lines touch by a point or two: over another means overlapping
    across at least a third of the lower word's height."""
    sizes = pdf_pages(pdf)
    for number, (words, (width, height)) in enumerate(zip(page_words(pdf), sizes), start=1):
        for text, x0, y0, x1, y1 in words:
            assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (number, text)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                dx = min(a[3], b[3]) - max(a[1], b[1])
                dy = min(a[4], b[4]) - max(a[2], b[2])
                assert dx <= 0.5 or dy <= min(a[4] - a[2], b[4] - b[2]) / 3, (number, a, b)
    return len(sizes)


@pytest.mark.libreoffice
@pytest.mark.parametrize("count", [5, 24])
def test_pages_keep_blocks_and_repeat_headers(tmp_path, count, capsys):
    """Short and long: each table's heading on the page of its header and first row, a table continued on a
    new page under its header again, the Jumlah with the formula under it, no word outside its page or over
    another."""
    rows = []
    for i in range(count):
        base = dict(ROWS[i % len(ROWS)])
        base.update({"Kode Indikator": f"K{i}", "Indikator": f"{base['Indikator']} nomor {i}",
                     "Kode Sasaran": f"S{i // 2}", "Sasaran": f"Sasaran {i // 2} tentang pelayanan nomor {i // 2}"})
        rows.append(base)
    programs = [(2026, f"S{k}", f"Program nomor {k}", 100000000 * (k + 1), None, 90000000 * (k + 1))
                for k in range(count // 2)]
    path = make_book(tmp_path / "IKU_Panjang.xlsx", rows=rows, programs=programs)
    out = tmp_path / "lkjip.pdf"
    assert main(["lkjip", str(path), "--tahun", "2026", "-o", str(out)]) == 0
    pages = page_boxes_ok(out)
    texts = [[line.strip() for line in pdf_text(out, n).splitlines() if line.strip()] for n in range(1, pages + 1)]
    if count > 5:
        assert pages >= 4
    for number, lines in enumerate(texts, start=1):
        for i, line in enumerate(lines):
            if line.startswith("Tabel 3."):
                assert any(x.startswith("No") for x in lines[i + 1:i + 6]), f"page {number}: {line!r} alone"
        starts_with_row = lines and lines[0][:1].isdigit()
        assert not starts_with_row, f"page {number} continues a table without its header: {lines[0]!r}"
    last = texts[-1]
    jumlah = next(i for i, line in enumerate(last) if line.startswith("Jumlah"))
    assert any(line.startswith("Penyerapan = realisasi") for line in last[jumlah:])


# --- the checks -----------------------------------------------------------------------------------------------------

def regenerate_fails(path, capsys, *expected):
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, err


def test_tahun_lkjip_outside_the_period_is_an_error(tmp_path, capsys):
    path = make_book(tmp_path / "b.xlsx", tahun="2026, 2031")
    row = next(r for r in range(1, 40) if openpyxl.load_workbook(path)["Instansi"].cell(r, 1).value == "Tahun LKjIP")
    regenerate_fails(path, capsys, f"Sheet 'Instansi', sel B{row}: tahun LKjIP 2031 di luar periode 2025–2029")


def test_tahun_lkjip_not_a_year_is_an_error(tmp_path, capsys):
    path = make_book(tmp_path / "b.xlsx", tahun="2026, dua")
    regenerate_fails(path, capsys, "'Tahun LKjIP' berisi 'dua', bukan tahun", "tabel LKjIP")


@pytest.mark.parametrize("program", [(2026, "S1", "Program Tanpa Pagu", None, None, 5000000),
                                     (2026, "S1", "Program X", 1000, None, "seribu")])
def test_a_bad_realisasi_anggaran_is_a_cell_error_at_its_cell(tmp_path, program):
    path = make_book(tmp_path / "b.xlsx", programs=[program])
    with pytest.raises(CellError) as raised:
        input_data(path)
    assert (raised.value.sheet, raised.value.cell) == ("Program", "F2")


def test_realisasi_anggaran_without_pagu_is_an_error(tmp_path, capsys):
    path = make_book(tmp_path / "b.xlsx", programs=[(2026, "S1", "Program Tanpa Pagu", None, None, 5000000)])
    regenerate_fails(path, capsys, "Sheet 'Program', sel F2: realisasi anggaran program 'Program Tanpa Pagu' diisi, "
                                   "tetapi pagunya (Anggaran, sel D2) kosong")


def test_realisasi_anggaran_not_rupiah_is_an_error(tmp_path, capsys):
    path = make_book(tmp_path / "b.xlsx", programs=[(2026, "S1", "Program X", 1000, None, "seribu")])
    regenerate_fails(path, capsys, "Sheet 'Program', sel F2: Realisasi anggaran program 'Program X'")


def test_bad_jenis_target_akhir_and_standar_name_their_cells(tmp_path, capsys):
    rows = [dict(ROWS[0], **{"Jenis Target Akhir": "bertahap"})] + ROWS[1:]
    path = make_book(tmp_path / "a.xlsx", rows=rows)
    column = openpyxl.utils.get_column_letter(list(rows[0]).index("Jenis Target Akhir") + 1)
    regenerate_fails(path, capsys, f"Sheet 'Data IKU', sel {column}2: jenis target akhir 'bertahap' tidak dikenal")
    rows = [dict(ROWS[0], **{"Standar Nasional": "tinggi"})] + ROWS[1:]
    path = make_book(tmp_path / "b.xlsx", rows=rows)
    column = openpyxl.utils.get_column_letter(list(rows[0]).index("Standar Nasional") + 1)
    regenerate_fails(path, capsys, f"Sheet 'Data IKU', sel {column}2: Standar nasional harus berupa angka")


def test_year_without_any_realisasi_is_a_warning_with_the_tables_saying_so(tmp_path, capsys):
    path = make_book(tmp_path / "b.xlsx", tahun="2027")
    assert main(["regenerate", str(path)]) == 0
    assert "Tahun LKjIP 2027 belum punya realisasi satu pun" in capsys.readouterr().err
    ws = openpyxl.load_workbook(path, data_only=True)["LKjIP 2027"]
    top = find(ws, "Tabel 3.1 Capaian Kinerja Tahun 2027")[0] + 2
    assert [ws.cell(r, 7).value for r in range(top, top + len(ROWS))] == ["belum ada realisasi"] * len(ROWS)
    assert [ws.cell(r, 8).value for r in range(top, top + len(ROWS))] == [None] * len(ROWS)  # no capaian, not 0


def test_old_workbook_without_lkjip_inputs_keeps_working(tmp_path):
    path = tmp_path / "lama.xlsx"
    assert main(["init", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb)
    from iku_books import other_office_rows

    write_data(wb, other_office_rows())  # no Jenis Target Akhir, Standar Nasional; Program without Realisasi
    wb["Program"].delete_cols(6)
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    assert not [n for n in openpyxl.load_workbook(path).sheetnames if n.startswith("LKjIP")]
    with pytest.raises(InputError, match="Tahun yang punya realisasi: belum ada"):
        from xl_iku.pdf import lkjip_pdf

        lkjip_pdf(path, 2027)


def test_a_programme_is_counted_once_when_two_sasaran_share_its_code(tmp_path):
    rows = [dict(ROWS[0]), dict(ROWS[1], **{"Sasaran": "Sasaran lain dengan kode yang sama"})]  # both S1
    path = make_book(tmp_path / "b.xlsx", rows=rows, programs=PROGRAMS[1:3])
    (report,) = input_data(path).lkjip
    assert [len(a.programs) for a in report.anggaran] == [2]
    assert report.pagu == 1500000000 and report.realisasi_anggaran == 1350000000


def test_a_year_without_programmes_says_so(tmp_path, capsys):
    path = make_book(tmp_path / "b.xlsx", programs=PROGRAMS[:1])  # only 2025 programmes
    assert main(["regenerate", str(path)]) == 0
    assert "sheet 'Program': Tidak ada program untuk tahun 2026: tabel realisasi anggaran" in capsys.readouterr().err
    values = sheet_values(openpyxl.load_workbook(path)["LKjIP 2026"]).values()
    assert "Belum ada data program dan anggaran tahun 2026." in values and "Jumlah" not in values
