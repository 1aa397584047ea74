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
    (lambda: udfs.IKM_SCORE([[3.0, "#N/A"]]), "teks '#N/A' bukan jawaban"),
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
