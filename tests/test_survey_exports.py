"""Exports of the SKM applications offices run, read as they come, by rule (issue 22): `Unsur N` headers, numbered
question columns of databases and form builders, a group header over unlabeled answer columns, NULL in CSV, columns
never used, a results table, a template with no respondents, creation-time headers as the survey date. Each shape
gives the IKM of the same survey typed as numbers, says in `--verbose` which rule read it, and reaches every entry
point through the one reader."""

import json
import shutil

import openpyxl
import pytest
from skm_books import ikm_by_hand, semester, survey_rows
from skm_exports import CODES, database_csv, group_header_xlsx, results_table_xlsx, template_csv, unsur_n_xlsx

from xl_iku.cli import main
from xl_iku.readers.skm import read_survey

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
REGULATION_ORDER = "urutan diambil sebagai urutan unsur PermenPANRB 14/2017"


@pytest.fixture(scope="module")
def rows():
    return survey_rows(seed=22, count=120)


def ikm_json(capsys, *args):
    assert main(["ikm", *map(str, args), "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def verbose(capsys, *args):
    assert main(["ikm", *map(str, args), "--verbose"]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def same_as_numbers(result, rows):
    ikm, nrr = ikm_by_hand(rows)
    assert result["ikm"] == pytest.approx(ikm, rel=1e-12)
    assert {u["kode"]: u["nrr"] for u in result["unsur"]} == pytest.approx(nrr, rel=1e-12)
    assert {u["kode"]: u["n"] for u in result["unsur"]} == {c: sum(r[c] is not None for r in rows) for c in CODES}


def periods_match(capsys, path, rows):
    """`skm` groups by the survey date the export holds (its creation time): respondents and IKM per semester."""
    assert main(["skm", str(path), "--json"]) == 0, capsys.readouterr().err
    groups = {g["periode"]: g for g in json.loads(capsys.readouterr().out)["berkas"]}
    labels = {semester(r["Tanggal"]) for r in rows}
    assert set(groups) == labels
    for label in labels:
        subset = [r for r in rows if semester(r["Tanggal"]) == label]
        assert groups[label]["responden"] == len(subset)
        assert groups[label]["ikm"] == pytest.approx(ikm_by_hand(subset)[0], rel=1e-12)


# --- 1. Unsur N ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["Unsur {n}", "Unsur-{n}", "UNSUR{n}", "unsur {n} "])
def test_unsur_n_headers_are_codes(tmp_path, capsys, rows, style):
    path = unsur_n_xlsx(tmp_path / "unsur.xlsx", rows, style)
    same_as_numbers(ikm_json(capsys, path), rows)
    out = verbose(capsys, path)
    assert f"D  {style.format(n=1).strip()}  →  U1 Persyaratan  [kata unsur dan nomornya]" in out
    periods_match(capsys, path, rows)


# --- 2 + 4 + 5 + 8. a database table as CSV ---------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, total, date_header", [
    ("pertanyaan", 9, "created_at"),
    ("pertanyaan", 10, "created_at"),
    ("tblhasilsurvei_pertanyaan", 10, "tblhasilsurvei_syscreate"),
    ("p", 9, "tanggal_isi"),
    ("q", 12, "created_at"),
    ("soal", 9, "waktu"),
    ("u", 15, "created_at"),
])
def test_database_export_numbered_columns_null_unused_columns_and_creation_time(tmp_path, capsys, rows, prefix,
                                                                               total, date_header):
    path = database_csv(tmp_path / "hasil_survei.csv", rows, prefix, total, date_header)
    assert "NULL" in path.read_text()  # unanswered questions and never-used columns, as database tools write them
    same_as_numbers(ikm_json(capsys, path), rows)
    out = verbose(capsys, path)
    if prefix != "u":  # u1 … u15 are codes already
        assert REGULATION_ORDER in out
        assert f"F  {prefix}1  →  U1 Persyaratan  [kolom bernomor urut]" in out
    if total > 9:
        unused = ", ".join(repr(f"{prefix}{i}") for i in range(10, total + 1))
        assert f"({unused}) kosong dari atas sampai bawah: bukan unsur, tidak dipakai." in out
    assert f"{date_header}  →  Tanggal" in out
    assert f"N  {prefix}9  →  U9" in out  # A–E: id, nama, jenkel, usia, pendidikan
    periods_match(capsys, path, rows)


def test_null_is_an_empty_cell_not_a_label(tmp_path, capsys, rows):
    path = database_csv(tmp_path / "survei.csv", rows[:30])
    table = read_survey(path)
    assert "NULL" not in {v for values in table.profiles.values() for v in values}
    assert [r[0] for r in table.rows] == [r["U1"] for r in rows[:30]]  # an unanswered U1 is None, not "NULL"


def test_unused_column_with_zeros_is_left_out_when_zero_means_blank(tmp_path, capsys, rows):
    """Applications that write 0 for "no answer" fill a never-used pertanyaan10 with 0: with --nol-kosong it is
    empty, so not an unsur."""
    path = database_csv(tmp_path / "survei.csv", rows, total=10)
    path.write_text(path.read_text().replace("NULL", '"0"'))
    same_as_numbers(ikm_json(capsys, path, "--nol-kosong"), rows)


def test_a_nine_unsur_survey_with_an_unanswered_unsur_names_the_empty_column(tmp_path, capsys, rows):
    blank = [dict(r, U5=None) for r in rows]
    path = database_csv(tmp_path / "survei.csv", blank, total=9)
    assert main(["ikm", str(path)]) == 2
    assert "U5 Produk Spesifikasi Jenis Pelayanan (kolom J kosong seluruhnya) tidak ditemukan" in \
        capsys.readouterr().err


def test_numbering_that_does_not_run_from_one_is_not_read(tmp_path, capsys, rows):
    """Pertanyaan 0 … 8, or a gap: not the regulation's order, so nothing is taken."""
    for headers in ([f"pertanyaan{i}" for i in range(0, 9)],
                    [f"pertanyaan{i}" for i in (1, 2, 3, 4, 6, 7, 8, 9, 10)]):
        path = template_csv(tmp_path / "t.csv", ["id"] + headers)
        with open(path, "a") as handle:
            handle.write("1," + ",".join("3" * 9) + "\n")
        assert main(["ikm", str(path)]) == 2
        assert "baris judul unsur" in capsys.readouterr().err


# --- 3. a group header over unlabeled answer columns ------------------------------------------------------------------

@pytest.mark.parametrize("label, merged, numbering", [
    ("NILAI UNSUR", True, False),
    ("UNSUR PELAYANAN", False, False),
    ("NILAI UNSUR PELAYANAN", True, True),
    ("Nilai Unsur", False, True),
])
def test_group_header_over_unlabeled_answer_columns(tmp_path, capsys, rows, label, merged, numbering):
    path = group_header_xlsx(tmp_path / "rekap.xlsx", rows, label, merged, numbering)
    same_as_numbers(ikm_json(capsys, path), rows)
    out = verbose(capsys, path)
    assert f"Kolom D–L di bawah judul kelompok '{label}' (D3) dibaca sebagai U1 … U9 dari kiri ke kanan: " \
           f"{REGULATION_ORDER}." in out
    assert f"D  {label}  →  U1 Persyaratan  [judul kelompok di atas kolom jawaban]" in out
    assert "E  (kosong)  →  U2" in out
    assert f"baris {len(rows) + 4 + numbering} ('Jumlah')" in out  # the total row is not a respondent
    periods_match(capsys, path, rows)


def test_group_header_over_coded_columns_still_reads_the_codes(tmp_path, capsys, rows):
    path = group_header_xlsx(tmp_path / "rekap.xlsx", rows, numbering=True)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    order = [3, 1, 2, 4, 5, 6, 7, 8, 9]  # a second header row that says which column is which
    for i, n in enumerate(order):
        ws.cell(4, 4 + i, f"U{n}")
        for r in range(len(rows)):
            ws.cell(5 + r, 4 + i).value = rows[r][f"U{n}"]  # None clears the cell
    wb.save(path)
    same_as_numbers(ikm_json(capsys, path), rows)
    assert REGULATION_ORDER not in verbose(capsys, path)


def test_group_header_over_eight_columns_is_eight_unsur(tmp_path, capsys, rows):
    path = group_header_xlsx(tmp_path / "rekap.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    wb.active.delete_cols(12)  # eight answer columns under the group header
    wb.save(path)
    assert main(["ikm", str(path)]) == 2
    assert "U9 Sarana dan Prasarana tidak ditemukan" in capsys.readouterr().err
    assert main(["ikm", str(path), "--unsur-sendiri", "--verbose"]) == 0
    assert "dibaca sebagai U1 … U8" in capsys.readouterr().out


# --- 6. a results table -----------------------------------------------------------------------------------------------

def test_results_table_is_refused_as_such(tmp_path, capsys, rows):
    path = results_table_xlsx(tmp_path / "hasil.xlsx")
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert "tabel hasil olahan, bukan jawaban responden" in err and "'nilai indeks' dan 'mutu'" in err
    assert "tidak ditemukan" not in err
    # in a folder of surveys it is skipped, not counted and not failed
    unsur_n_xlsx(tmp_path / "survei.xlsx", rows)
    assert main(["skm", str(tmp_path), "--json", "--verbose"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["gabungan"]["responden"] == len(rows) and result["gagal"] == []
    assert "Dilewati: " in captured.err and "hasil.xlsx: bukan berkas survei (Sheet 'Hasil' adalah tabel hasil " \
        "olahan, bukan jawaban responden" in captured.err


def test_results_table_with_headers_the_reader_does_not_know(tmp_path, capsys):
    path = results_table_xlsx(tmp_path / "hasil.xlsx")
    wb = openpyxl.load_workbook(path)
    for i in range(2, 11):
        wb.active.cell(1, i, f"NRR tertimbang {i - 1}")
    wb.save(path)
    assert main(["ikm", str(path)]) == 2
    assert "tabel hasil olahan, bukan jawaban responden" in capsys.readouterr().err


def test_answers_with_an_ikm_column_are_still_answers(tmp_path, capsys, rows):
    """A survey sheet may carry a computed IKM and Mutu per respondent: whole-number answers are still answers."""
    path = unsur_n_xlsx(tmp_path / "s.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(1, 13, "IKM")
    wb.active.cell(1, 14, "Mutu")
    wb.save(path)
    same_as_numbers(ikm_json(capsys, path), rows)


# --- 7. a template without respondents --------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    ["No", "Tanggal"] + [f"Unsur {i}" for i in range(1, 10)],
    ["id"] + [f"pertanyaan{i}" for i in range(1, 11)] + ["created_at"],
    ["No"] + CODES,
])
def test_template_without_respondents(tmp_path, capsys, headers):
    path = template_csv(tmp_path / "template.csv", headers)
    for command in ("ikm", "skm"):
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        assert "judul kolom unsur ada di baris 1, tetapi belum ada responden" in err
        assert "tidak ditemukan" not in err and "Rentang jawaban kosong" not in err


# --- 8. creation time as the survey date ------------------------------------------------------------------------------

def test_waktu_holding_answers_is_still_u3(tmp_path, capsys, rows):
    """Short headers (Persyaratan, Prosedur, Waktu, …): "Waktu" is the survey date only when it holds dates."""
    short = ["Persyaratan", "Prosedur", "Waktu", "Biaya", "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tanggal"] + short)
    for r in rows:
        ws.append([r["Tanggal"]] + [r[c] for c in CODES])
    wb.save(tmp_path / "s.xlsx")
    same_as_numbers(ikm_json(capsys, tmp_path / "s.xlsx"), rows)


def test_read_skm_gives_the_creation_time_as_tanggal(tmp_path, rows):
    from xl_iku import read_skm

    frame = read_skm(database_csv(tmp_path / "survei.csv", rows, "tblhasilsurvei_pertanyaan", 10,
                                  "tblhasilsurvei_syscreate"))
    assert "Tanggal" in frame and "U9" in frame and "U10" not in frame
    assert [d.date() for d in frame["Tanggal"]] == [r["Tanggal"].date() for r in rows]


# --- messages and the workbook ----------------------------------------------------------------------------------------

def test_message_names_the_cell_by_its_column_header_once(tmp_path, capsys):
    path = template_csv(tmp_path / "o.csv", ["No", "U1", "U2"])
    with open(path, "a") as handle:
        handle.write("1,3,5\n")
    for command in ("ikm", "skm"):
        assert main([command, str(path), "--unsur-sendiri"]) == 2
        err = capsys.readouterr().err
        assert "sel C2 (U2): jawaban 5 di luar skala" in err and "U2 U2" not in err


def book_with_database_export(root, path, rows):
    """The template with its Data SKM replaced by a database table pasted as is: id, created_at (text timestamps,
    as a CSV opened in Excel may keep them), pertanyaan1 … pertanyaan10 (the tenth never used)."""
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index("Data SKM")
    wb.remove(wb["Data SKM"])
    ws = wb.create_sheet("Data SKM", index)
    ws.append(["id", "created_at"] + [f"pertanyaan{i}" for i in range(1, 11)])
    for number, r in enumerate(rows, start=1):
        ws.append([number, r["Tanggal"].strftime("%Y-%m-%d %H:%M:%S")] + [r[c] for c in CODES] + [None])
    wb.save(path)
    return path


def test_data_skm_pasted_from_a_database_export(root, tmp_path, rows):
    """Regenerate reads numbered columns in Data SKM and says, in Hasil SKM, how they were read."""
    path = book_with_database_export(root, tmp_path / "IKU.xlsx", rows)
    assert main(["regenerate", str(path)]) == 0
    hasil = openpyxl.load_workbook(path)["Hasil SKM"]
    texts = [str(c.value) for row in hasil.iter_rows() for c in row if c.value is not None]
    assert any(REGULATION_ORDER in t and "'pertanyaan1' … 'pertanyaan9'" in t for t in texts)
    assert any("'pertanyaan10'" in t and "kosong dari atas sampai bawah" in t for t in texts)
    assert "IKM per Periode" in texts and {semester(r["Tanggal"]) for r in rows} <= set(texts)  # created_at
    values = {hasil.cell(r, 1).value: hasil.cell(r, 4).value for r in range(1, hasil.max_row + 1)}
    assert values["Jumlah responden"] == len(rows)
    kolom = {hasil.cell(r, 1).value: hasil.cell(r, 2).value for r in range(1, hasil.max_row + 1)}
    assert [kolom[c] for c in CODES] == list("CDEFGHIJK")  # pertanyaan1 … pertanyaan9, in that order


def test_rekap_reads_an_office_whose_data_skm_is_a_database_export(root, tmp_path, capsys, rows):
    """The roll-up takes the office's respondents of the year by the export's creation time."""
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    book_with_database_export(root, folder / "kantor.xlsx", rows)
    for year in {r["Tanggal"].year for r in rows}:
        assert main(["rekap", str(folder), "--json", "--tahun", str(year), "--jobs", "1"]) == 0
        office = json.loads(capsys.readouterr().out)["instansi"][0]
        in_year = [r for r in rows if r["Tanggal"].year == year]
        assert office["responden"] == len(in_year)
        assert office["ikm"] == pytest.approx(ikm_by_hand(in_year)[0], rel=1e-12)


# --- a date that is not the survey's ----------------------------------------------------------------------------------

@pytest.mark.parametrize("birth", ["Tanggal Lahir", "Tgl. lahir", "tanggal_lahir", "Tanggal lahir responden"])
def test_a_birth_date_is_never_the_survey_date(tmp_path, capsys, rows, birth):
    """A form that asks the respondent's date of birth before its own timestamp: the periods follow the
    timestamp; a birth date is no period of the survey (read as one, every respondent lands in the 1980s)."""
    import datetime as dt

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["No", birth, "Jenis Kelamin", *CODES, "Timestamp"])
    for number, row in enumerate(rows, start=1):
        born = dt.datetime(1970 + number % 30, 1 + number % 12, 1 + number % 28)
        ws.append([number, born, row["Jenis Kelamin"], *(row[c] for c in CODES), row["Tanggal"]])
    path = tmp_path / "formulir.xlsx"
    book.save(path)
    periods_match(capsys, path, rows)
    assert main(["ikm", str(path), "--verbose"]) == 0
    assert "Timestamp" in capsys.readouterr().out


def test_a_birth_date_alone_gives_no_periods(tmp_path, capsys, rows):
    import datetime as dt

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["No", "Tanggal Lahir", *CODES])
    for number, row in enumerate(rows, start=1):
        ws.append([number, dt.datetime(1980, 1 + number % 12, 1), *(row[c] for c in CODES)])
    path = tmp_path / "formulir.xlsx"
    book.save(path)
    assert main(["skm", str(path), "--json"]) == 0, capsys.readouterr().err
    groups = json.loads(capsys.readouterr().out)["berkas"]
    assert [g["responden"] for g in groups] == [len(rows)]
    assert not any("1980" in g["periode"] for g in groups)
