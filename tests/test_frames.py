"""The pandas face of the Python API: read_skm, ikm_table, DataFrames into ikm_score/ikm_nrr/ikm_counts."""

import datetime as dt
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook
from skm_books import LAYANAN, survey_rows, write_survey

import xl_iku
from xl_iku import UNSUR_14_2017, CellError, InputError
from xl_iku.cli import main

CODES = [c for c, _ in UNSUR_14_2017]
PROFILE = ["Tanggal", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]


def survey_book(path, rows, headers, sheet="Data SKM"):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    write_survey(ws, rows, headers)
    book.save(path)
    return path


@pytest.fixture
def rows():
    return survey_rows(11, 120)


# -- read_skm ----------------------------------------------------------------------------------------------------

def test_read_skm_one_row_per_respondent_with_profiles_answers_and_other_columns(tmp_path, rows):
    rows[4] = {**rows[4], **{c: None for c in CODES}}  # profile filled in, nothing answered: not a respondent
    for i, row in enumerate(rows):
        row["Saran"] = f"saran {i}" if i % 3 else None
    rows[7]["Tanggal"] = "05/03/2025"  # day-first text, as typed by hand
    headers = ["Saran", *reversed(CODES), *PROFILE]  # any column order
    path = survey_book(tmp_path / "s.xlsx", rows, headers)

    frame = xl_iku.read_skm(path)

    kept = [i for i, r in enumerate(rows) if any(r[c] is not None for c in CODES)]
    assert len(frame) == len(rows) - 1
    assert list(frame.index) == [i + 2 for i in kept]  # the sheet row of each respondent
    assert frame.index.name == "baris"
    assert list(frame.columns) == PROFILE + CODES + ["Saran"]
    assert all(str(frame[c].dtype) == "Int64" for c in CODES)
    assert str(frame["Tanggal"].dtype).startswith("datetime64")
    assert str(frame["Usia"].dtype) == "Int64"
    for position, i in enumerate(kept):
        got = frame.iloc[position]
        for code in CODES:
            assert (None if pd.isna(got[code]) else int(got[code])) == rows[i][code]
        expected_date = dt.datetime(2025, 3, 5) if i == 7 else rows[i]["Tanggal"]
        assert got["Tanggal"] == pd.Timestamp(expected_date)
        assert (None if pd.isna(got["Jenis Kelamin"]) else got["Jenis Kelamin"]) == rows[i]["Jenis Kelamin"]
        assert (None if pd.isna(got["Usia"]) else got["Usia"]) == rows[i]["Usia"]
        assert (None if pd.isna(got["Saran"]) else got["Saran"]) == rows[i]["Saran"]
    assert frame.attrs["unsur"] == dict(UNSUR_14_2017)


def test_read_skm_range_and_sheet_like_the_cli(tmp_path, rows):
    path = survey_book(tmp_path / "s.xlsx", rows, CODES, sheet="Jawaban")
    frame = xl_iku.read_skm(path, sheet="jawaban", cell_range="A2:I121")
    assert list(frame.columns) == CODES
    assert xl_iku.ikm_score(frame) == pytest.approx(xl_iku.ikm_score([[r[c] for c in CODES] for r in rows]))


@pytest.mark.parametrize("bad", [5, "tiga", True])
def test_read_skm_rejects_what_the_cli_rejects_with_the_same_message(tmp_path, capsys, rows, bad):
    rows[9]["U4"] = bad
    path = survey_book(tmp_path / "s.xlsx", rows, PROFILE + CODES)
    with pytest.raises(InputError) as info:
        xl_iku.read_skm(path)
    assert main(["ikm", str(path)]) == 2
    assert str(info.value) in capsys.readouterr().err
    assert isinstance(info.value, CellError)  # U4 is column J; respondent 10 is row 11
    assert (info.value.sheet, info.value.cell) == ("Data SKM", "J11") and "sel J11" in str(info.value)


def test_read_skm_missing_file_message(tmp_path):
    with pytest.raises(InputError, match="tidak ditemukan"):
        xl_iku.read_skm(tmp_path / "tidak-ada.xlsx")


# -- DataFrames into the rules -------------------------------------------------------------------------------------

def nested(rows):
    return [[r[c] for c in CODES] for r in rows]


@pytest.mark.parametrize("make", [
    lambda rows: pd.DataFrame(rows)[PROFILE + CODES].astype({c: "Int64" for c in CODES}),  # read_skm's shape
    lambda rows: pd.DataFrame(nested(rows), columns=CODES, dtype=float),  # numpy floats, NaN = blank
    lambda rows: pd.DataFrame(nested(rows)).astype("Float64"),  # no U columns: all columns are answers
    lambda rows: pd.DataFrame([[str(v) if v is not None else "" for v in r] for r in nested(rows)], columns=CODES),
])
def test_dataframes_give_the_numbers_of_nested_lists(rows, make):
    frame = make(rows)
    lists = nested(rows)
    assert xl_iku.ikm_score(frame) == xl_iku.ikm_score(lists)
    assert xl_iku.ikm_score(frame, weight="0,111") == xl_iku.ikm_score(lists, weight="0,111")
    assert xl_iku.ikm_nrr(frame) == xl_iku.ikm_nrr(lists)
    assert xl_iku.ikm_counts(frame) == xl_iku.ikm_counts(lists)


@pytest.mark.parametrize("bad, fragment", [(True, "nilai logika TRUE"), ("x", "teks 'x'"), (7, "jawaban 7 di luar"),
                                           (dt.datetime(2025, 1, 1), "tanggal/waktu")])
def test_a_wrong_cell_in_a_dataframe_is_named_like_in_nested_lists(rows, bad, fragment):
    lists = nested(rows)
    lists[5][2] = bad
    frame = pd.DataFrame(lists, columns=CODES).astype({c: object for c in CODES})
    with pytest.raises(InputError) as from_frame:
        xl_iku.ikm_score(frame)
    with pytest.raises(InputError) as from_lists:
        xl_iku.ikm_score(lists)
    assert str(from_frame.value) == str(from_lists.value)
    assert fragment in str(from_frame.value) and "Baris 6, kolom 3" in str(from_frame.value)


def test_unsur_columns_with_a_gap_are_refused():
    frame = pd.DataFrame({"U1": [3, 4], "U2": [3, 3], "U4": [2, 4]})
    with pytest.raises(InputError, match="tidak lengkap: U3 tidak ada"):
        xl_iku.ikm_score(frame)


def test_pandas_is_not_imported_by_the_rules_or_the_excel_functions():
    code = ("import sys, xl_iku; xl_iku.ikm_score([[3, 4], [2, None]]); assert 'pandas' not in sys.modules; "
            # xlwings imports pandas itself when it is installed: hide it to see that xl_iku.udfs does not need it
            "sys.modules['pandas'] = None; import xl_iku.udfs as u; print(u.IKM_SCORE([[3.0, 4.0]]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) == pytest.approx(87.5)


# -- ikm_table -----------------------------------------------------------------------------------------------------

def test_ikm_table_per_unsur_is_the_summary(rows):
    frame = pd.DataFrame(rows)[PROFILE + CODES].astype({c: "Int64" for c in CODES})
    table = xl_iku.ikm_table(frame)
    summary = xl_iku.ikm_summary(nested(rows))
    assert list(table.columns) == ["kode", "nama", "n", "nrr", "nrr_tertimbang"]
    assert table["kode"].tolist() == CODES
    assert table["nama"].tolist() == [n for _, n in UNSUR_14_2017]
    assert table["n"].tolist() == [u.n for u in summary.unsur] == xl_iku.ikm_counts(nested(rows))
    assert table["nrr"].tolist() == [u.nrr for u in summary.unsur]
    assert table["nrr_tertimbang"].tolist() == [u.nrr_tertimbang for u in summary.unsur]
    assert table.attrs["ikm"] == summary.ikm and table.attrs["mutu"] == summary.category.code


def test_ikm_table_keeps_the_unsur_names_read_skm_found(tmp_path):
    rows = [{"U1 Keramahan": 3, "U2 Kebersihan": 4}, {"U1 Keramahan": 2, "U2 Kebersihan": None}]
    path = survey_book(tmp_path / "s.xlsx", rows, ["U1 Keramahan", "U2 Kebersihan"])
    with pytest.raises(xl_iku.InputError, match="--unsur-sendiri"):  # not the nine unsur: said, not assumed
        xl_iku.read_skm(path)
    table = xl_iku.ikm_table(xl_iku.read_skm(path, other_unsur=True))
    assert table["nama"].tolist() == ["Keramahan", "Kebersihan"]
    assert table["nrr"].tolist() == [2.5, 4.0]


@pytest.mark.parametrize("by", ["Jenis Layanan", ["Jenis Layanan", "Jenis Kelamin"]])
def test_group_ikm_equals_each_group_computed_alone(rows, by):
    frame = pd.DataFrame(rows)[PROFILE + CODES].astype({c: "Int64" for c in CODES})
    table = xl_iku.ikm_table(frame, by=by)
    keys = [by] if isinstance(by, str) else by
    assert list(table.columns) == ["responden", "ikm", "mutu", "kinerja", *(f"nrr_{c}" for c in CODES),
                                   "keterangan"]
    seen = 0
    for label, group in frame.groupby(keys, dropna=False):
        label = tuple("(tidak diisi)" if pd.isna(v) else v for v in label)
        got = table.loc[label if len(keys) > 1 else label[0]]
        alone = group[CODES]
        if all(alone[c].notna().any() for c in CODES):
            assert got["ikm"] == pytest.approx(xl_iku.ikm_score(alone), abs=1e-12)
            assert got["mutu"] == xl_iku.ikm_category(xl_iku.ikm_score(alone)).code
            assert [got[f"nrr_{c}"] for c in CODES] == pytest.approx(xl_iku.ikm_nrr(alone))
            assert pd.isna(got["keterangan"])
        else:
            assert pd.isna(got["ikm"]) and "tidak berisi satu jawaban pun" in got["keterangan"]
        assert got["responden"] == int(alone.notna().any(axis=1).sum())
        seen += 1
    assert len(table) == seen
    if isinstance(by, str):
        assert list(table.index) == sorted(LAYANAN)


def test_a_group_without_answers_to_some_unsur_says_why_and_blank_labels_come_last():
    frame = pd.DataFrame({"Layanan": ["A", "B", "A", None, "  "], "U1": [3, 4, 2, 3, 3], "U2": [4, None, 3, 2, 1]})
    table = xl_iku.ikm_table(frame, by="Layanan")
    assert list(table.index) == ["A", "B", "(tidak diisi)"]
    assert table.loc["A", "ikm"] == xl_iku.ikm_score([[3, 4], [2, 3]])
    assert table.loc["(tidak diisi)", "ikm"] == xl_iku.ikm_score([[3, 2], [3, 1]])
    assert table.loc["(tidak diisi)", "responden"] == 2
    assert pd.isna(table.loc["B", "ikm"]) and pd.isna(table.loc["B", "mutu"])
    assert table.loc["B", "responden"] == 1
    assert "Unsur U2" in table.loc["B", "keterangan"] and "tidak dapat dihitung" in table.loc["B", "keterangan"]


def test_ikm_table_without_unsur_headers_groups_all_other_columns():
    frame = pd.DataFrame({"Desa": ["x", "y", "x"], "a": [3, 4, 2], "b": [4, 1, 3]})
    table = xl_iku.ikm_table(frame, by="Desa")
    assert list(table.columns) == ["responden", "ikm", "mutu", "kinerja", "nrr_U1", "nrr_U2", "keterangan"]
    assert table.loc["x", "ikm"] == xl_iku.ikm_score([[3, 4], [2, 3]])
    assert table.loc["y", "ikm"] == xl_iku.ikm_score([[4, 1]])


def test_ikm_table_group_column_must_exist():
    frame = pd.DataFrame({"U1": [3], "U2": [4]})
    with pytest.raises(InputError, match="Kolom 'Jenis Layanan' tidak ada. Kolom yang ada: U1, U2"):
        xl_iku.ikm_table(frame, by="Jenis Layanan")


# -- xl-iku skm --csv ----------------------------------------------------------------------------------------------

def test_skm_csv_is_the_table_and_loads_with_pandas(tmp_path, capsys, rows):
    for i, row in enumerate(rows):
        row["Unit"] = "Desa Lampenai" if i % 2 else "Kelurahan Bawalipu"
    a = survey_book(tmp_path / "a.xlsx", rows, PROFILE + ["Unit"] + CODES)
    b = survey_book(tmp_path / "b.xlsx", survey_rows(3, 60), PROFILE + CODES)
    csv = tmp_path / "hasil.csv"
    assert main(["skm", str(a), str(b), "--json", "--csv", str(csv)]) == 0
    printed = json.loads(capsys.readouterr().out)["berkas"]
    table = pd.read_csv(csv)
    assert list(table.columns) == ["berkas", "unit", "periode", "responden", "ikm", "mutu", "kinerja",
                                   *(f"nrr_{c}" for c in CODES)]
    assert len(table) == len(printed) > 2
    for got, want in zip(table.to_dict("records"), printed):
        assert (got["berkas"], got["unit"], got["periode"]) == (want["berkas"], want["unit"], want["periode"])
        assert got["responden"] == want["responden"] and got["mutu"] == want["mutu"]
        assert got["ikm"] == pytest.approx(want["ikm"], rel=1e-15)
        assert [got[f"nrr_{c}"] for c in CODES] == pytest.approx([u["nrr"] for u in want["unsur"]], rel=1e-15)
    text = csv.read_text(encoding="utf-8")
    assert text.startswith("berkas,unit,periode,") and "Kelurahan Bawalipu" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx", "hasil.csv"]  # no temporary left


def test_ikm_by_group_takes_integer_codes_with_the_same_results_as_labels(rows):
    from xl_iku.rules.ikm import ikm_by_group

    labels = [r["Jenis Layanan"] for r in rows]
    coded = np.array([LAYANAN.index(label) * 7 for label in labels])  # sparse codes, not 0..k-1
    by_label = ikm_by_group(nested(rows), labels)
    by_code = ikm_by_group(nested(rows), coded)
    assert sorted(by_code) == sorted(LAYANAN.index(label) * 7 for label in set(labels))
    for label, result in by_label.items():
        assert by_code[LAYANAN.index(label) * 7] == result
