"""Sheet `Skala Capaian`: a bad row is named by its sheet and cell (the row counted on the sheet, not from the first
data row), like every other input message; the file is left untouched."""

import shutil

import openpyxl
import pytest

from xl_iku import udfs
from xl_iku.cli import main


@pytest.mark.parametrize("row, cell, fragment", [
    ([90, "sembilan puluh", "Sangat Tinggi"], "B3", "Batas atas harus berupa angka"),
    (["lima", 100, "Sangat Tinggi"], "A3", "Batas bawah harus berupa angka"),
    ([95, 90, "Sangat Tinggi"], "A3", "batas bawah 95,00 lebih besar dari batas atas 90,00"),
    ([90, 100, None], "C3", "kode predikat kosong"),
])
def test_scale_errors_name_the_sheet_and_cell(root, tmp_path, capsys, row, cell, fragment):
    path = tmp_path / "IKU.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Skala Capaian")
    for values in (["Batas Bawah", "Batas Atas", "Kategori"], [0, 89.99, "Belum"], row):
        ws.append(values)
    wb.save(path)
    before = path.read_bytes()
    assert main(["regenerate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"Sheet 'Skala Capaian', sel {cell}: {fragment}" in err, err
    assert "tabel interval baris" not in err
    assert path.read_bytes() == before


def test_udf_table_errors_count_in_the_range_given():
    """In a formula the table is a range: the position is inside it, as the IKM functions say it."""
    result = udfs.AKIP_CATEGORY(75, [[0, 70, "B", "Baik"], [70, "x", "A", "Bagus"]])
    assert result.startswith("#XL-IKU! Baris 2, kolom 2: Batas atas harus berupa angka"), result
