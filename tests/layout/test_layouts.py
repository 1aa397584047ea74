"""Each generated sheet's `SheetLayout` built from a small plan in memory: no workbook, no reader, no CLI. The
layout layer is pure, so what a sheet shows is checked where it is decided (the golden template and the CLI tests
check the same sheets once written)."""

from xl_iku.layout.catatan import catatan
from xl_iku.layout.hasil_skm import hasil_skm
from xl_iku.layout.iku_table import iku_table
from xl_iku.layout.penjelasan import penjelasan
from xl_iku.layout.pk import pk_layouts
from xl_iku.model import Catatan, IkuPlan, Indikator, Instansi
from xl_iku.model.pk import PerjanjianKinerja
from xl_iku.model.program import ProgramRow
from xl_iku.model.skm_report import skm_report
from xl_iku.model.survey import SurveyTable
from xl_iku.rules.ikm import UNSUR_14_2017

YEARS = (2027, 2028, 2029)


def indikator(row, tujuan, sasaran, kode, nama, awal, targets, **more):
    return Indikator(row=row, kode_tujuan=tujuan[0], tujuan=tujuan[1], kode_sasaran=sasaran[0], sasaran=sasaran[1],
                     kode=kode, nama=nama, satuan="Persen", kondisi_awal=awal, target=dict(zip(YEARS, targets)),
                     **more)


T1, T2 = ("T1", "Meningkatnya pelayanan publik"), ("T2", "Meningkatnya akuntabilitas")
S11, S12, S21 = ("S1.1", "Meningkatnya kepuasan"), ("S1.2", "Meningkatnya kecepatan"), ("S2.1", "Meningkatnya AKIP")
PLAN = IkuPlan(
    instansi=Instansi(nama="Kecamatan Contoh", pemerintah_daerah="Kabupaten Contoh", periode="2027–2029",
                      jabatan="Camat", penandatangan="BUDI, S.STP"),
    tahun_awal=2026,
    tahun_target=YEARS,
    indikator=(
        indikator(5, T1, S11, "I.1", "Indeks Kepuasan Masyarakat", 80.5, [81, 82, 83.5],
                  definisi="Nilai IKM dari survei.", formulasi="Rata-rata tertimbang NRR unsur"),
        indikator(6, T1, S11, "I.2", "Persentase pengaduan selesai", 70, [75, 80, 85], penjelasan="Dari SP4N."),
        indikator(7, T1, S12, "I.3", "Rata-rata waktu layanan", 5, [4, 3, 2], polaritas="negatif"),
        indikator(8, T2, S21, "I.4", "Nilai AKIP", 60, [62, None, 66], sumber_data="LHE Inspektorat"),
    ),
)


def values(sheet):
    return {position: cell.value for position, cell in sheet.cells.items() if cell.value not in (None, "")}


def where(sheet, value):
    """The one cell holding `value`."""
    found = [position for position, v in values(sheet).items() if v == value]
    assert len(found) == 1, (value, found)
    return found[0]


def merged_span(sheet, row, column):
    """Rows a merged block starting at (row, column) covers (one row when not merged)."""
    return next((r2 - r1 + 1 for r1, c1, r2, c2 in sheet.merges if (r1, c1) == (row, column)), 1)


def test_tabel_iku_one_row_per_indicator_with_its_targets_in_year_order():
    sheet = iku_table(PLAN)
    header_row, first_year = where(sheet, "TARGET TAHUN")
    assert [sheet.cells[(header_row + 1, first_year + i)].value for i in range(len(YEARS))] == list(YEARS)
    rows = []
    for ind in PLAN.indikator:
        row, column = where(sheet, f"{ind.nama} ({ind.kode})")
        rows.append(row)
        assert sheet.cells[(row, column + 1)].value == ind.kondisi_awal
        assert [sheet.cells[(row, first_year + i)].value for i in range(len(YEARS))] == [ind.target[y] for y in YEARS]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)  # the plan's order, one row each


def test_tabel_iku_tujuan_and_sasaran_span_their_indicators():
    sheet = iku_table(PLAN)
    tujuan_row, tujuan_column = where(sheet, "Meningkatnya pelayanan publik (T1)")
    assert merged_span(sheet, tujuan_row, tujuan_column) == 3  # I.1, I.2, I.3
    sasaran_row, sasaran_column = where(sheet, "Meningkatnya kepuasan (S1.1)")
    assert (sasaran_row, merged_span(sheet, sasaran_row, sasaran_column)) == (tujuan_row, 2)
    assert where(sheet, "Meningkatnya kecepatan (S1.2)")[0] == tujuan_row + 2
    assert where(sheet, "Meningkatnya AKIP (S2.1)")[0] == where(sheet, "Meningkatnya akuntabilitas (T2)")[0]


def test_tabel_iku_names_the_office_and_its_signatory():
    shown = set(values(iku_table(PLAN)).values())
    assert {"CAMAT,", "BUDI, S.STP"} <= shown  # the jabatan as the signature block prints it
    assert any(isinstance(v, str) and "KECAMATAN CONTOH" in v.upper() for v in shown)


def test_penjelasan_one_row_per_indicator_with_its_definition_and_formula():
    sheet = penjelasan(PLAN)
    row, _ = where(sheet, "Indeks Kepuasan Masyarakat")
    assert "Nilai IKM dari survei.\n\nFormulasi:\nRata-rata tertimbang NRR unsur" in values(sheet).values()
    assert where(sheet, "Nilai IKM dari survei.\n\nFormulasi:\nRata-rata tertimbang NRR unsur")[0] == row
    assert where(sheet, "Dari SP4N.")[0] == where(sheet, "Persentase pengaduan selesai")[0]
    assert where(sheet, "LHE Inspektorat")[0] == where(sheet, "Nilai AKIP")[0]


def test_catatan_lists_each_note_with_sheet_and_cell():
    notes = [Catatan("Data IKU", "H7", "Target 2028 kosong untuk Indikator 'Nilai AKIP' (I.4)."),
             Catatan("AKIP", "", "belum berisi nilai.")]
    sheet = catatan(notes)
    for number, note in enumerate(notes, start=1):
        row, column = where(sheet, note.pesan)
        assert [sheet.cells[(row, c)].value for c in range(column - 3, column)] == [number, note.sheet,
                                                                                    note.cell or None]


def test_catatan_without_notes_says_the_data_is_consistent():
    assert "Tidak ada catatan: data konsisten." in values(catatan([])).values()


def test_pk_lampiran_lists_the_years_targets_and_programmes_with_a_live_sum():
    programs = (ProgramRow(2, 2027, "S1.1", "Program Pelayanan Administrasi", 1_250_000_000),
                ProgramRow(3, 2027, "", "Program Penunjang", 300_000_000))
    sheet = pk_layouts(PerjanjianKinerja(2027, PLAN, programs, None))[0]
    assert values(sheet)[(1, 1)] == "PERJANJIAN KINERJA TAHUN 2027"
    header_row, target_column = where(sheet, "Target")
    for ind in PLAN.indikator:
        row, _ = where(sheet, ind.nama)
        assert row > header_row and sheet.cells[(row, target_column)].value == ind.target[2027]
    first, column = where(sheet, 1_250_000_000)
    assert sheet.cells[(first + 1, column)].value == 300_000_000
    total = sheet.cells[(first + 2, column)]
    assert total.formula and total.cached == 1_550_000_000
    assert total.value == f"=SUM({chr(64 + column)}{first}:{chr(64 + column)}{first + 1})"


def test_hasil_skm_unsur_rows_are_live_formulas_over_the_survey_cells_with_the_values_computed():
    codes, names = [c for c, _ in UNSUR_14_2017], [n for _, n in UNSUR_14_2017]
    rows = [[4, 3, 3, 4, 4, 3, 4, 2, 3], [3, 3, 4, 4, 3, 3, 4, 3, 3], [4, 4, 4, 4, 4, 4, 4, 4, 4]]
    table = SurveyTable("Data SKM", codes, names, list(range(2, 11)), 5, rows)  # answers in B5:J7
    sheet = hasil_skm(skm_report(table), "Kecamatan Contoh", None)
    for j, code in enumerate(codes):
        row, column = min(p for p, v in values(sheet).items() if v == code)  # the unsur table comes first
        column_letter = chr(ord("B") + j)
        count, nrr = sheet.cells[(row, column + 2)], sheet.cells[(row, column + 3)]
        assert (count.value, count.cached) == (f"=COUNT('Data SKM'!${column_letter}$5:${column_letter}$7)", 3)
        assert nrr.value == f"=AVERAGE('Data SKM'!${column_letter}$5:${column_letter}$7)"
        assert nrr.cached == sum(r[j] for r in rows) / 3
