"""The Excel functions as Excel (Office.js: xlwings Lite / Server) calls them: the JSON payload, through xlwings."""

import asyncio
import importlib.util

import pytest
import xlwings
import xlwings.server

from xl_iku import udfs

SURVEY = [[4, 3, None], [3, "", 2], [None, 3, 2], [4, 4, 1]]


def call(name, *args, module=udfs):
    body = {
        "client": "Office.js", "func_name": name, "args": list(args), "caller_address": "[IKU.xlsx]Hasil SKM!C5",
        "culture_info_name": "id-ID", "date_format": "dd/MM/yyyy", "version": xlwings.__version__, "runtime": "1.4",
    }
    return asyncio.run(xlwings.server.custom_functions_call(body, module))


def test_runs_in_office_js_mode():
    assert udfs.OFFICE_JS


def test_all_functions_are_registered():
    meta = xlwings.server.custom_functions_meta(udfs)
    names = {f["name"] for f in meta["functions"]}
    assert names == {"IKM_SCORE", "IKM_NRR", "IKM_TABEL", "IKM_CATEGORY", "IKM_LABEL", "AKIP_SCORE",
                     "AKIP_CATEGORY", "AKIP_LABEL", "CAPAIAN", "LKE_SCORE", "LKE_PREDIKAT"}
    ikm = next(f for f in meta["functions"] if f["name"] == "IKM_SCORE")
    assert [p["name"] for p in ikm["parameters"]] == ["jawaban", "bobot"]
    assert ikm["parameters"][1].get("optional") is True


def test_payload_results():
    expected = (4 + 3 + 4) / 3 + (3 + 3 + 4) / 3 + (2 + 2 + 1) / 3
    assert call("IKM_SCORE", SURVEY) == [[pytest.approx(expected / 3 * 25)]]
    assert call("IKM_SCORE", [[3] * 9], [[0.111]]) == [[pytest.approx(27 * 0.111 * 25)]]
    assert call("IKM_NRR", SURVEY) == [[pytest.approx(11 / 3), pytest.approx(10 / 3), pytest.approx(5 / 3)]]
    assert call("IKM_CATEGORY", [[88.305]]) == [["A"]]
    assert call("IKM_LABEL", [[64.99]]) == [["Tidak baik"]]
    assert call("AKIP_SCORE", [[80]], [[70]], [[60]], [[50]]) == [[pytest.approx(66.5)]]
    assert call("AKIP_CATEGORY", [[70]]) == [["B"]]
    assert call("AKIP_CATEGORY", [[70]], [[70, 79, "BB", "Sangat Baik"]]) == [["BB"]]
    assert call("AKIP_LABEL", [[90.5]]) == [["Sangat Memuaskan"]]
    assert call("CAPAIAN", [[10]], [[8]], [["negatif"]]) == [[pytest.approx(120.0)]]
    assert call("CAPAIAN", [[10]], [[8]]) == [[pytest.approx(80.0)]]


@pytest.mark.parametrize("name, args, fragment", [
    ("IKM_SCORE", ([[3, 5]],), "Baris 1, kolom 2 (U2): jawaban 5 di luar skala 1–4"),
    ("IKM_SCORE", ([[3, True]],), "nilai logika TRUE"),
    ("IKM_CATEGORY", ([[12]],), "di luar rentang 25–100"),
    ("CAPAIAN", ([[0]], [[3]]), "Target bernilai 0"),
])
def test_bad_input_is_an_excel_error_with_the_message(name, args, fragment):
    with pytest.raises(xlwings.XlwingsError) as info:
        call(name, *args)
    assert fragment in str(info.value)


def test_lke_functions_through_the_payload():
    # Keberadaan of Perencanaan Kinerja (bobot 6), answers as Excel sends a column: 6 × (70 + 90 + 100)/3/100 = 5,2
    assert call("LKE_SCORE", [["B"], ["A"], ["AA"]], [[6]]) == [[pytest.approx(5.2)]]
    assert call("LKE_SCORE", [["b", " bb "]], [[9]]) == [[pytest.approx(9 * 0.75)]]  # case and spaces forgiven
    assert call("LKE_SCORE", [["Y"], ["T"], ["Y"], ["Y"]], [[5]], [["Y/T"]]) == [[pytest.approx(3.75)]]
    assert call("LKE_SCORE", [["A"], ["C"]], [[4.5]], [["A-E"]]) == [[pytest.approx(4.5 * 0.75)]]
    assert call("LKE_PREDIKAT", [[90]]) == [["A"]]  # 90,00 is A: the bound is open below
    assert call("LKE_PREDIKAT", [[70]]) == [["B"]]
    assert call("LKE_PREDIKAT", [[70.01]]) == [["BB"]]


@pytest.mark.parametrize("args, fragment", [
    (([["B"], [None], ["A"], [""]], [[6]]), "Kriteria ke-2, ke-4 dari 4 belum dijawab"),
    (([["B"], ["X"]], [[6]]), "jawaban 'X' tidak ada pada skala AA–E"),
    (([["B"], ["Y"]], [[6]]), "skala Y/T?"),
    (([["B"]], [[0]]), "harus lebih dari 0"),
    (([["B"]], [[6]], [["Likert"]]), "Skala jawaban 'Likert' tidak dikenal"),
])
def test_lke_score_blank_or_bad_is_an_excel_error_saying_which(args, fragment):
    with pytest.raises(xlwings.XlwingsError) as info:
        call("LKE_SCORE", *args)
    assert fragment in str(info.value)


def test_lke_predikat_out_of_range_is_an_excel_error():
    with pytest.raises(xlwings.XlwingsError) as info:
        call("LKE_PREDIKAT", [[100.5]])
    assert "di luar rentang 0–100" in str(info.value)


def test_lite_main_py_exposes_the_functions(root):
    spec = importlib.util.spec_from_file_location("lite_main", root / "excel" / "lite" / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = {f["name"] for f in xlwings.server.custom_functions_meta(module)["functions"]}
    assert {"IKM_SCORE", "IKM_NRR", "AKIP_SCORE", "CAPAIAN"} <= names
    assert call("IKM_SCORE", SURVEY, module=module) == call("IKM_SCORE", SURVEY)


def test_ikm_tabel_spills_a_table_with_its_header_row():
    per_unsur = call("IKM_TABEL", SURVEY)
    assert per_unsur[0] == ["Kode", "Unsur", "n", "NRR", "NRR tertimbang"]
    assert [r[0] for r in per_unsur[1:]] == ["U1", "U2", "U3"]
    assert [r[3] for r in per_unsur[1:]] == call("IKM_NRR", SURVEY)[0]
    assert call("IKM_TABEL", SURVEY, [[None]]) == per_unsur  # the optional range left empty
    per_group = call("IKM_TABEL", SURVEY, [["A"], ["B"], ["A"], [""]])
    assert per_group[0] == ["Kelompok", "Responden", "IKM", "Mutu", "Kinerja"]
    a = call("IKM_SCORE", [SURVEY[0], SURVEY[2]])[0][0]
    assert per_group[1] == ["A", 2, pytest.approx(a), "C", "Kurang baik"]
    assert per_group[2][:2] == ["B", 1] and per_group[2][2:4] == ["", ""]  # empty cells, not #NUM!
    assert "tidak dapat dihitung" in per_group[2][4]
    assert per_group[3][:2] == ["(tidak diisi)", 1]


def test_ikm_tabel_mismatched_heights_is_an_excel_error():
    with pytest.raises(xlwings.XlwingsError, match="Rentang kelompok berisi 2 baris, rentang jawaban 4 baris"):
        call("IKM_TABEL", SURVEY, [["A"], ["B"]])
