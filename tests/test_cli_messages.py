"""Messages that say the right thing in the right place: --bobot is an argument (no sheet prefix, an example that
suits a weight); a head count '2.500' is 2500; no message names its sheet twice; Capaian Kinerja says where a
typed realisasi came from."""

import openpyxl
import pytest
from iku_books import office_book
from skm_books import survey_rows, write_survey

from xl_iku import InputError
from xl_iku.cli import main
from xl_iku.rules.numbers import parse_count
from xl_iku.rules.sampel import krejcie_morgan

CODES = [f"U{i}" for i in range(1, 10)]


@pytest.mark.parametrize("bobot, fragment", [("abc", "bukan teks 'abc'"), ("2", "paling besar 1"),
                                             ("0", "lebih dari 0")])
def test_bobot_is_checked_as_an_argument(root, capsys, bobot, fragment):
    with pytest.raises(SystemExit) as exit_:
        main(["ikm", str(root / "workbooks" / "SKM_Wotu.xlsx"), "--bobot", bobot])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "isian --bobot" in err and fragment in err
    assert "Sheet" not in err and "71,2" not in err and ".." not in err
    if bobot == "abc":
        assert "misalnya 0,111" in err


@pytest.mark.parametrize("text, count", [("2.500", 2500), ("1.234.567", 1234567), (" 2.500 ", 2500), ("2500", 2500),
                                         (2500.0, 2500), ("2.500,0", 2500), (900, 900)])
def test_a_head_count_reads_the_dot_as_thousands(text, count):
    assert parse_count(text, "Populasi SKM") == count


@pytest.mark.parametrize("text", ["2,5", "2,500", "12.5", "-3", "banyak"])
def test_a_head_count_is_a_whole_number(text):
    with pytest.raises(InputError, match="Populasi SKM"):
        parse_count(text, "Populasi SKM")


def _book_with_survey(path, populasi):
    office_book(path)
    wb = openpyxl.load_workbook(path)
    rows = survey_rows(5, 120)
    write_survey(wb.create_sheet("Data SKM"), rows, ["Tanggal", "Jenis Layanan"] + CODES)
    wb["Instansi"]["A20"], wb["Instansi"]["B20"] = "Populasi SKM", populasi
    wb.save(path)
    return path


def test_populasi_typed_with_a_thousands_dot(tmp_path, capsys):
    path = _book_with_survey(tmp_path / "kantor.xlsx", "2.500")
    assert main(["regenerate", str(path)]) == 0, capsys.readouterr().err
    sheet = openpyxl.load_workbook(path, data_only=True)["Hasil SKM"]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert krejcie_morgan(2500) == 333 and 333 in values


def test_no_message_names_its_sheet_twice(tmp_path, capsys):
    """An empty Data SKM is noted once, as 'sheet 'Data SKM': ...', not 'sheet 'Data SKM': Sheet Data SKM ...'."""
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Data SKM").append(["Tanggal"] + CODES)
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "Data SKM" in line]
    assert lines and all(line.lower().count("data skm") == 1 for line in lines), lines
    catatan = openpyxl.load_workbook(path)["Catatan"]
    notes = [(r[1], r[3]) for r in catatan.iter_rows(min_row=4, values_only=True) if r[1] == "Data SKM"]
    assert notes and all("Data SKM" not in text for _, text in notes), notes


def test_typed_realisasi_says_where_it_was_typed(tmp_path):
    path = office_book(tmp_path / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet = wb["Data IKU"]
    header = [c.value for c in sheet[1]]
    column = len(header) + 1
    sheet.cell(1, column, "Realisasi 2027")
    sheet.cell(2, column, 97.2)
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    capaian = openpyxl.load_workbook(path)["Capaian Kinerja"]
    letter = openpyxl.utils.get_column_letter(column)
    rows = [r for r in capaian.iter_rows(min_row=6, values_only=True) if r[4] == 2027 and r[6] == 97.2]
    assert len(rows) == 1
    assert rows[0][9] is None  # paper names no sheet or cell: a cell past the print area says where it was typed
    row = next(r for r in range(6, capaian.max_row + 1) if capaian.cell(r, 5).value == 2027
               and capaian.cell(r, 7).value == 97.2)
    assert capaian.cell(row, 12).value == f"Data IKU!{letter}2"  # beside the print area (A:J): the workbook only
    assert capaian.print_area == f"'Capaian Kinerja'!$A$1:$J${capaian.max_row}"


def test_a_failed_file_is_named_once(tmp_path, capsys):
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    book = openpyxl.Workbook()
    book.active.append(CODES)
    book.active.append([3, 3, 3, 5, 3, 3, 3, 3, 3])
    book.save(tmp_path / "salah.xlsx")
    assert main(["skm", str(tmp_path)]) == 2
    failed = [line for line in capsys.readouterr().err.splitlines() if line.startswith("Gagal: ")]
    assert len(failed) == 2
    for line in failed:
        name = "kosong.xlsx" if "kosong.xlsx" in line else "salah.xlsx"
        assert line.count(name) == 1, line


def test_populasi_typed_as_text_is_read_the_same_by_the_live_formulas(tmp_path):
    """Excel turns the text '2.500' into 2,5 on an English-locale machine: the formulas must not rely on that."""
    from pycel import ExcelCompiler

    path = _book_with_survey(tmp_path / "kantor.xlsx", "2.500")
    assert main(["regenerate", str(path)]) == 0
    sheet = openpyxl.load_workbook(path)["Hasil SKM"]
    (row,) = [c.row for c in sheet["A"] if c.value and str(c.value).startswith("Populasi penerima layanan")]
    assert "SUBSTITUTE" in sheet[f"D{row}"].value
    engine = ExcelCompiler(filename=str(path), plugins=["pycel_xliku"])
    assert engine.evaluate(f"Hasil SKM!D{row}") == 2500
    assert engine.evaluate(f"Hasil SKM!D{row + 1}") == krejcie_morgan(2500)


@pytest.mark.parametrize("argv, fragment", [
    (["skm", "workbooks", "--jobs", "0"], "isian --jobs: '0' bukan jumlah proses"),
    (["skm", "workbooks", "--jobs", "-2"], "isian --jobs: '-2' bukan jumlah proses"),
    (["rekap", "templates", "--json", "--jobs", "-1"], "isian --jobs: '-1' bukan jumlah proses"),
    (["rekap", "templates", "--json", "--tahun", "225"], "isian --tahun: '225' bukan tahun 2000–2100"),
    (["rekap", "templates", "--json", "--tahun", "dua ribu"], "isian --tahun: 'dua ribu' bukan tahun"),
    # every command taking --tahun checks it the same way, before the book is opened
    (["pk", "templates/IKU_Wotu.xlsx", "--tahun", "225"], "isian --tahun: '225' bukan tahun 2000–2100"),
    (["lkjip", "templates/IKU_Wotu.xlsx", "--tahun", "20255"], "isian --tahun: '20255' bukan tahun 2000–2100"),
    (["lke", "templates/IKU_Wotu.xlsx", "--tahun", "duaribu"], "isian --tahun: 'duaribu' bukan tahun"),
])
def test_jobs_and_rollup_year_are_checked_as_arguments(root, capsys, monkeypatch, argv, fragment):
    """A typo in --tahun gave an empty roll-up with exit 0, --jobs -1 ran quietly on one process: both are errors
    before any file is read."""
    monkeypatch.chdir(root)
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert fragment in captured.err and captured.out == ""


@pytest.mark.parametrize("command, what", [("pk", "Perjanjian Kinerja"), ("lkjip", "tabel LKjIP")])
def test_a_one_year_document_goes_only_to_a_pdf(root, tmp_path, capsys, command, what):
    """`-o` naming a workbook would be written as a PDF under an .xlsx name: refused before anything is read, and
    nothing is written there."""
    target = tmp_path / "hasil.xlsx"
    assert main([command, str(root / "templates" / "IKU_Wotu.xlsx"), "--tahun", "2025", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"'hasil.xlsx': {what} ditulis sebagai PDF; beri nama berakhiran .pdf." in err
    assert not target.exists()


def test_rollup_year_and_jobs_in_range_are_taken(root, capsys):
    assert main(["rekap", str(root / "templates"), "--json", "--tahun", "2025", "--jobs", "1"]) == 0
    assert '"tahun": 2025' in capsys.readouterr().out


def test_output_cut_short_by_a_pipe_is_not_blamed_on_a_file(root):
    """`xl-iku skm … --json | head -c 100`: the reader closing the pipe is no file error ('tutup berkas itu di
    Excel'), and leaves no traceback."""
    import subprocess
    import sys

    run = subprocess.Popen([sys.executable, "-m", "xl_iku.cli", "skm", str(root / "workbooks" / "SKM_Wotu.xlsx"),
                            "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=root)
    run.stdout.close()  # before it writes: its first write meets a closed pipe
    err = run.stderr.read().decode()
    assert run.wait(timeout=120) == 1
    assert err == ""
