"""Another office: more tujuan/sasaran/indikator, other years, columns in another order, typed into an `init` book."""

import random

import openpyxl
import pytest
from iku_books import YEARS, other_office_rows, write_data, write_instansi
from xlsx_compare import sheet_differences

from xl_iku.cli import main


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "IKU_Dukcapil.xlsx"
    assert main(["init", str(path), "--periode", "2027-2031"]) == 0
    wb = openpyxl.load_workbook(path)
    write_instansi(wb)
    headers = [wb["Data IKU"].cell(1, c).value for c in range(1, wb["Data IKU"].max_column + 1)]
    assert "Kondisi Awal 2026" in headers and "Target 2031" in headers
    random.Random(5).shuffle(headers)  # staff may reorder columns
    write_data(wb, other_office_rows(), headers)
    wb.save(path)
    return path


def test_init_workbook_has_input_sheets_with_hints_and_validation(tmp_path):
    path = tmp_path / "baru.xlsx"
    assert main(["init", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instansi", "Data IKU", "Data SKM", "AKIP", "Program", "LKE"]
    keys = [wb["Instansi"].cell(r, 1).value for r in range(2, 18)]
    assert keys == ["Nama Instansi", "Pemerintah Daerah", "Periode", "Tempat Penetapan", "Tanggal Penetapan",
                    "Jabatan Penandatangan", "Nama Penandatangan", "Pangkat/Golongan", "NIP", "Populasi SKM",
                    "Tahun PK", "Nama Atasan", "Jabatan Atasan", "Pangkat/Golongan Atasan", "NIP Atasan", "Tanggal PK"]
    data = wb["Data IKU"]
    headers = [data.cell(1, c).value for c in range(1, data.max_column + 1)]
    assert headers[:8] == ["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran", "Kode Indikator", "Indikator",
                           "Satuan", "Polaritas"]
    assert headers[8:14] == ["Kondisi Awal 2024", "Target 2025", "Target 2026", "Target 2027", "Target 2028",
                             "Target 2029"]
    assert all(data.cell(1, c).comment for c in range(1, len(headers) + 1))
    rules = {str(d.sqref): d for d in data.data_validations.dataValidation}
    assert rules["H2:H200"].formula1 == '"positif,negatif"'
    assert headers[14:19] == ["Realisasi 2025", "Realisasi 2026", "Realisasi 2027", "Realisasi 2028",
                              "Realisasi 2029"]
    assert rules["I2:S200"].type == "decimal"
    assert rules["T2:T200"].formula1 == '"AKIP,SKM"'  # Sumber Realisasi
    akip = wb["AKIP"]
    assert [akip.cell(1, c).value for c in range(1, 8)] == ["Tahun", "Jenis Isian", "Perencanaan", "Pengukuran",
                                                         "Pelaporan", "Evaluasi Internal", "Keterangan"]
    assert akip.cell(1, 8).value == "Perencanaan - Keberadaan"
    skm = wb["Data SKM"]
    headers = [skm.cell(1, c).value for c in range(1, skm.max_column + 1)]
    assert headers == ["Tanggal", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan",
                       "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]
    assert "Sistem, Mekanisme, dan Prosedur" in skm["H1"].comment.text  # unsur names as notes
    rules = {str(d.sqref): d for d in skm.data_validations.dataValidation}
    assert rules["G2:G2000"].formula1 == '"1,2,3,4,Tidak sesuai,Kurang sesuai,Sesuai,Sangat sesuai"'  # U1
    assert rules["J2:J2000"].formula1 == '"1,2,3,4,Sangat mahal,Cukup mahal,Murah,Gratis"'  # U4 Biaya/Tarif
    assert rules["N2:N2000"].formula1 == ('"1,2,3,4,Tidak ada,Ada tetapi tidak berfungsi,Berfungsi kurang maksimal,'
                                          'Dikelola dengan baik"')  # U8 Pengaduan
    assert all(rules[f"{c}2:{c}2000"].type == "list" for c in "GHIJKLMNO")
    assert rules["C2:C2000"].formula1 == '"Laki-laki,Perempuan"'
    program = wb["Program"]
    assert [program.cell(1, c).value for c in range(1, 6)] == ["Tahun", "Kode Sasaran", "Program", "Anggaran",
                                                              "Keterangan"]
    assert all(program.cell(1, c).comment for c in range(1, 6))
    assert "Petani/Nelayan" in rules["F2:F2000"].formula1
    assert list(skm.tables) == ["TabelSKM"] and skm.tables["TabelSKM"].ref == "A1:O2"
    # an empty init workbook is not silently "regenerated"
    assert main(["regenerate", str(path)]) == 2


def test_init_does_not_overwrite(tmp_path, capsys):
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"isi lama")
    assert main(["init", str(path)]) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert path.read_bytes() == b"isi lama"


def test_regenerated_tables_group_tujuan_and_sasaran(book, capsys):
    assert main(["regenerate", str(book)]) == 0
    out = capsys.readouterr()
    assert "8 indikator, 3 tujuan, target 2027–2031" in out.out
    wb = openpyxl.load_workbook(book)
    ws = wb["Tabel IKU"]
    assert [ws.cell(7, c).value for c in range(5, 10)] == YEARS
    assert ws["D6"].value == "KONDISI AWAL 2026" and ws["J6"].value == "KET."
    merges = set(map(str, ws.merged_cells.ranges))
    # T1 spans its 4 indicators (rows 9-12), S1.1 its 3; T2 rows 13-15, S2.2 rows 14-15; T3 one row
    assert {"A9:A12", "B9:B11", "A13:A15", "B14:B15", "E6:I6"} <= merges
    assert not any(m.startswith("A16") or m.startswith("B12:") for m in merges)
    assert ws["C9"].value == "Persentase penduduk ber-KTP-el (I.1.1.1)"
    assert [ws.cell(9, c).value for c in range(4, 9)] == [96.5, 97, 97.5, 98, 98.5]
    assert ws["D14"].value == pytest.approx(82.1)
    assert ws["A16"].value == "Meningkatnya pemanfaatan data kependudukan (T3)"
    pj = wb["Penjelasan IKU"]
    assert [pj.cell(r, 1).value for r in range(8, 16)] == list(range(1, 9))
    assert pj["C15"].value == "Jumlah perjanjian kerja sama"
    assert "Rumus Rata-rata waktu penerbitan dokumen" in pj["D11"].value


def test_warnings_are_reported_and_listed_without_changing_data(book, capsys, tmp_path):
    before = tmp_path / "before.xlsx"
    before.write_bytes(book.read_bytes())
    assert main(["regenerate", str(book)]) == 0
    err = capsys.readouterr().err
    # negatif "pengaduan" goes 8 → 9, positif IKM goes 84 → 83,5: both wrong-way moves
    assert "Target 2029 (9,00) naik dari target 2028 (8,00)" in err
    assert "Target 2029 (83,50) turun dari target 2028 (84,00)" in err
    wb = openpyxl.load_workbook(book)
    notes = [wb["Catatan"].cell(r, 4).value for r in range(4, wb["Catatan"].max_row + 1)]
    assert len(notes) == 3 and all("Target 2029" in n for n in notes[:2])
    assert notes[2].startswith("belum berisi jawaban")  # the Sheet column already says 'Data SKM'
    assert wb["Catatan"].cell(6, 2).value == "Data SKM"
    assert sheet_differences(openpyxl.load_workbook(before)["Data IKU"], wb["Data IKU"]) == []
    assert sheet_differences(openpyxl.load_workbook(before)["Instansi"], wb["Instansi"]) == []
