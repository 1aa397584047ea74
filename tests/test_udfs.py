"""Excel functions as classic xlwings calls them (nested lists, floats, None for blanks), as plain Python."""

import pytest

import xl_iku
from xl_iku import udfs

SURVEY = [[4.0, 3.0, None], [3.0, None, 2.0], [None, 3.0, 2.0], [4.0, 4.0, 1.0]]


def test_ikm_functions_match_the_rules():
    assert udfs.IKM_SCORE(SURVEY) == pytest.approx(xl_iku.ikm_score(SURVEY))
    assert udfs.IKM_NRR(SURVEY) == [pytest.approx(xl_iku.ikm_nrr(SURVEY))]  # one row, spilled
    assert udfs.IKM_CATEGORY(88.305) == "A"
    assert udfs.IKM_LABEL(76.60) == "Kurang baik"


def test_legacy_weight_argument():
    rows = [[3.0] * 9] * 4
    assert udfs.IKM_SCORE(rows, 0.111) == pytest.approx(27 * 0.111 * 25)
    assert udfs.IKM_SCORE(rows, None) == pytest.approx(75.0)


def test_akip_and_capaian_functions():
    assert udfs.AKIP_SCORE(80.0, 70.0, 60.0, 50.0) == pytest.approx(66.5)
    assert udfs.AKIP_CATEGORY(80.0) == "BB"
    assert udfs.AKIP_LABEL(80.01) == "Memuaskan"
    assert udfs.AKIP_CATEGORY(70.0, [[70.0, 79.0, "BB", "Sangat Baik"], [None, None, None, None]]) == "BB"
    assert udfs.AKIP_CATEGORY(70.0, [[None]]) == "B"  # an empty optional range is the official table
    assert udfs.CAPAIAN(10.0, 8.0, "negatif") == pytest.approx(120.0)
    assert udfs.CAPAIAN(10.0, 8.0) == pytest.approx(80.0)


@pytest.mark.parametrize("call, fragment", [
    (lambda: udfs.IKM_SCORE([[5.0, 3.0]]), "Baris 1, kolom 1 (U1): jawaban 5 di luar skala 1–4"),
    (lambda: udfs.IKM_SCORE([[3.0, "#N/A"]]), "nilai galat Excel #N/A bukan jawaban"),
    (lambda: udfs.IKM_NRR([[None, None]]), "tidak berisi satu jawaban pun"),
    (lambda: udfs.IKM_CATEGORY("#XL-IKU! x"), "Nilai IKM harus berupa angka"),
    (lambda: udfs.IKM_LABEL(101.0), "di luar rentang 25–100"),
    (lambda: udfs.AKIP_SCORE(120.0, 1.0, 1.0, 1.0), "Perencanaan Kinerja 120"),
    (lambda: udfs.AKIP_LABEL(-1.0), "di luar rentang 0–100"),
    (lambda: udfs.CAPAIAN(0.0, 5.0), "Target bernilai 0"),
])
def test_bad_input_is_a_short_message_in_the_cell_not_a_traceback(call, fragment):
    result = call()
    assert isinstance(result, str)
    assert result.startswith("#XL-IKU! ")
    assert fragment in result
    assert "Traceback" not in result and "\n" not in result


HEADERS = [f"U{i}" for i in range(1, 10)]


@pytest.mark.parametrize("function", [udfs.IKM_SCORE, udfs.IKM_NRR, udfs.IKM_TABEL])
def test_a_range_selected_with_its_header_row_says_so(function):
    """=IKM_SCORE(B4:J104) where B4:J4 are the headers: the first row is named as the likely header row."""
    result = function([HEADERS] + [[3.0] * 9] * 4)
    text = result if isinstance(result, str) else ""
    assert text.startswith("#XL-IKU! Baris 1, kolom 1") and "teks 'U1' bukan jawaban" in text
    assert "Baris pertama rentang ini tampaknya judul kolom: mulai rentangnya dari baris responden pertama" in text


@pytest.mark.parametrize("rows", [
    [[3.0] * 9, ["x"] * 9],  # text in a later row: no header there
    [[3.0, "x"] + [3.0] * 7],  # a first row with numbers is answers, one of them wrong
])
def test_no_header_hint_where_the_first_row_is_no_header(rows):
    result = udfs.IKM_SCORE(rows)
    assert result.startswith("#XL-IKU! ") and "judul kolom" not in result


# -- IKM_TABEL: a whole table, spilled with its header row ----------------------------------------------------------

def test_ikm_tabel_per_unsur_is_the_nrr_table():
    table = udfs.IKM_TABEL(SURVEY)
    assert list(table.columns) == ["Kode", "Unsur", "n", "NRR", "NRR tertimbang"]
    assert table["Kode"].tolist() == ["U1", "U2", "U3"]
    assert table["n"].tolist() == xl_iku.ikm_counts(SURVEY)
    assert table["NRR"].tolist() == xl_iku.ikm_nrr(SURVEY)
    assert table["NRR tertimbang"].tolist() == pytest.approx([v / 3 for v in xl_iku.ikm_nrr(SURVEY)])
    assert list(udfs.IKM_TABEL(SURVEY, [[None]]).columns) == list(table.columns)  # an empty optional range


@pytest.mark.parametrize("kelompok", [[["A"], ["B"], ["A"], ["B"]], ["A", "B", "A", "B"]])
def test_ikm_tabel_per_group_from_a_column_or_a_flat_list(kelompok):
    table = udfs.IKM_TABEL(SURVEY, kelompok)
    assert list(table.columns) == ["Kelompok", "Responden", "IKM", "Mutu", "Kinerja"]
    expected = []
    for label, rows in (("A", [SURVEY[0], SURVEY[2]]), ("B", [SURVEY[1], SURVEY[3]])):
        score = xl_iku.ikm_score(rows)
        category = xl_iku.ikm_category(score)
        expected.append([label, 2, score, category.code, category.label])
    assert table.values.tolist() == expected


def test_ikm_tabel_group_without_an_unsur_says_why_in_place_of_the_result():
    table = udfs.IKM_TABEL(SURVEY, [["A"], ["B"], [None], ["A"]])
    row = table.set_index("Kelompok").loc["B"]
    assert row["Responden"] == 1 and row["IKM"] is None and row["Mutu"] is None
    assert row["Kinerja"] == "Unsur U2 tidak berisi satu jawaban pun, sehingga IKM tidak dapat dihitung."
    assert table["Kelompok"].tolist() == ["A", "B", "(tidak diisi)"]


@pytest.mark.parametrize("kelompok, fragment", [
    ([["A"], ["B"]], "Rentang kelompok berisi 2 baris, rentang jawaban 4 baris"),
    ([["A", 1]] * 4, "Rentang kelompok harus satu kolom"),
])
def test_ikm_tabel_mismatched_group_range_is_a_message(kelompok, fragment):
    result = udfs.IKM_TABEL(SURVEY, kelompok)
    assert isinstance(result, str) and result.startswith("#XL-IKU! ") and fragment in result
