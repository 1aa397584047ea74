"""Hostile input, third round (issue 21): each class of tests/bad_inputs.md added by it, on today's readers.
Each test fails on the code before its fix."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from ods_books import table_style, write_ods
from skm_books import ikm_by_hand, survey_rows, write_survey

from xl_iku import UNSUR_14_2017
from xl_iku.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
CODES = [c for c, _ in UNSUR_14_2017]
HEADERS = ["Tanggal", "Jenis Layanan"] + CODES


def survey_file(path: Path, rows, headers=HEADERS, sheet="Data SKM", edit=None, book_edit=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    write_survey(ws, rows, headers)
    if edit:
        edit(ws)
    if book_edit:
        book_edit(wb)
    wb.save(path)
    return path


def patch_part(path: Path, part: str, change) -> None:
    """Rewrite one part of a saved package (what another producer would have written)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    new = change(parts[part])
    assert new != parts[part], "the patch changed nothing"
    parts[part] = new
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


SHEET = "xl/worksheets/sheet1.xml"


def cell_xml(path: Path, ref: str) -> bytes:
    import re

    data = zipfile.ZipFile(path).read(SHEET)
    return re.search(rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref.encode(), data).group(0)


def ikm_json(capsys, *argv) -> tuple[int, dict | None, str]:
    status = main(["ikm", *map(str, argv), "--json"])
    out = capsys.readouterr()
    return status, (json.loads(out.out) if status == 0 else None), out.err


# --- item 2: error values and uncomputed formulas, however the XML spells them ------------------------------------

@pytest.mark.parametrize("spelling, what", [
    (b'<c t="e" r="E6"><v>#DIV/0!</v></c>', "galat Excel #DIV/0!"),
    (b"<c r='E6' t='e'><v>#N/A</v></c>", "galat Excel #N/A"),
    (b'<c r = "E6" t = "e"><v>#N/A</v></c>', "galat Excel #N/A"),
    (b'<c\n r="E6"\tt="e"><v>#REF!</v></c>', "galat Excel #REF!"),
    (b'<c s="0" t="e" r="E6"/>', "galat Excel #N/A"),
    (b'<c r="E6"><v>NaN</v></c>', "NaN"),
    (b'<c r="E6" t="n"><v>nan</v></c>', "NaN"),
    (b"<c r='E6'><f>1/0</f></c>", "rumus belum punya nilai terhitung"),
    (b"<c r = 'E6' ><f>1/0</f><v></v></c>", "rumus belum punya nilai terhitung"),
], ids=["t-first", "single-quotes", "spaces-around-eq", "tab-newline", "empty-t-first", "NaN", "nan",
        "formula-single-quotes", "formula-empty-v"])
def test_error_and_uncomputed_cells_in_any_spelling_stop_ikm_and_skm(tmp_path, capsys, spelling, what):
    path = survey_file(tmp_path / "s.xlsx", survey_rows(seed=1, count=40))
    patch_part(path, SHEET, lambda d: d.replace(cell_xml(path, "E6"), spelling))
    status, _, err = ikm_json(capsys, path)
    assert status == 2, err
    assert "Sheet 'Data SKM', sel E6" in err and what in err
    good = survey_file(tmp_path / "baik.xlsx", survey_rows(seed=2, count=30))
    assert main(["skm", str(path), str(good), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert [f["berkas"] for f in result["gagal"]] == [str(path)] and "sel E6" in result["gagal"][0]["alasan"]
    assert result["gabungan"]["responden"] == 30


def test_a_part_spelled_otherwise_reads_the_same_numbers(tmp_path, capsys):
    """Single quotes and spaces everywhere, no error: the same IKM as the part written by openpyxl."""
    rows = survey_rows(seed=3, count=50)
    path = survey_file(tmp_path / "s.xlsx", rows)
    patch_part(path, SHEET, lambda d: d.replace(b'="', b" = '").replace(b'" ', b"' ").replace(b'">', b"'>")
               .replace(b'"/>', b"'/>"))
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12) and result["responden"] == 50


# --- item 1: the 1904 date system on every path -------------------------------------------------------------------

def _mac_1904(wb):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb.epoch = CALENDAR_MAC_1904


@pytest.mark.parametrize("far", [False, True], ids=["dense", "sparse"])
def test_1904_date_system_gives_the_same_periods_on_every_path(tmp_path, capsys, far):
    from skm_books import semester

    rows = survey_rows(seed=5, count=60)
    edit = (lambda ws: ws.cell(1048576, 16384, "x")) if far else None
    path = survey_file(tmp_path / "mac.xlsx", rows, edit=edit, book_edit=_mac_1904)
    assert b"date1904" in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert main(["skm", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    expected = {}
    for row in rows:
        expected[semester(row["Tanggal"])] = expected.get(semester(row["Tanggal"]), 0) + 1
    assert {g["periode"]: g["responden"] for g in result["berkas"]} == expected


def test_1904_sparse_read_of_an_input_book(tmp_path):
    """The input book's reader (regenerate, rekap) reads a far-away sheet sparsely: in the book's date system."""
    from xl_iku.readers.book import InputBook

    when = dt.datetime(2025, 7, 13, 9, 30)
    path = tmp_path / "mac.xlsx"
    wb = openpyxl.Workbook()
    _mac_1904(wb)
    wb.active["A1"] = when
    wb.active.cell(1048576, 16384, 1)
    wb.save(path)
    with InputBook(path) as book:
        assert book.rows(book.sheet_names[0])[0][0] == when


# --- item 3: an Excel Table's totals row is never a respondent ----------------------------------------------------

def _table_with_totals(ws):
    from openpyxl.worksheet.table import Table

    last = ws.max_row + 1
    for column in range(3, 12):  # MAX over each unsur, no "Total" label anywhere
        letter = openpyxl.utils.get_column_letter(column)
        ws.cell(last, column, f"=SUBTOTAL(104,{letter}2:{letter}{last - 1})")
    table = Table(displayName="TabelSurvei", ref=f"A1:K{last}", totalsRowCount=1)
    table._initialise_columns()
    ws.add_table(table)


def test_excel_table_totals_row_is_not_a_respondent(tmp_path, capsys):
    rows = survey_rows(seed=6, count=30)
    path = survey_file(tmp_path / "tabel.xlsx", rows, edit=_table_with_totals)
    # what Excel stores once it has computed the totals row: the MAX of each column
    maxima = {openpyxl.utils.get_column_letter(c): max(r[code] or 0 for r in rows)
              for c, code in zip(range(3, 12), CODES)}
    patch_part(path, SHEET, lambda d: _store_results(d, maxima, len(rows) + 2))
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["responden"] == 30
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)
    assert "baris 32 (baris total Tabel 'TabelSurvei')" in err
    assert main(["skm", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["gabungan"]["responden"] == 30


def _store_results(data: bytes, values: dict[str, int], row: int) -> bytes:
    import re

    def stored(match):
        return match.group(0).replace(b"<v />", b"<v>%d</v>" % values[match.group(1).decode()])
    return re.sub(rb'<c r="([A-Z]+)%d"[^>]*><f>[^<]*</f><v />' % row, stored, data)


# --- item 4: a hidden or very hidden sheet is never the survey the search finds -----------------------------------

@pytest.mark.parametrize("state, hidden_name", [("veryHidden", "Data SKM"), ("veryHidden", "Lama"),
                                                ("hidden", "Data SKM")])
def test_hidden_sheet_is_not_chosen_by_the_search(tmp_path, capsys, state, hidden_name):
    rows = survey_rows(seed=7, count=25)

    def hidden_first(wb):
        hidden = wb.create_sheet(hidden_name, 0)
        write_survey(hidden, [{c: 1 for c in CODES}] * 10, CODES)  # every answer 1: IKM 25
        hidden.sheet_state = state
        wb.active = 1

    path = survey_file(tmp_path / "s.xlsx", rows, sheet="Survei", book_edit=hidden_first)
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12) and result["responden"] == 25
    status, result, err = ikm_json(capsys, path, "--sheet", hidden_name)  # named: read as asked
    assert status == 0 and result["ikm"] == 25.0


def _ods_with_hidden_survey(path: Path, hidden_name: str, how: str, rows) -> Path:
    """A visible sheet 'Survei' holding `rows`, after a hidden sheet holding a survey whose every answer is 1.
    `how`: the hidden style in content.xml ("content"), inherited from a styles.xml parent ("parent"), or in
    content.xml with a far cell on the hidden sheet, so every sheet is read by the scan, not calamine ("far")."""
    headers = HEADERS
    fake = [CODES] + [[1] * len(CODES)] * 10
    if how == "far":  # A1 to the far cell: 10⁶ rows × 10⁴ columns
        fake += [1_000_000, [None] * 10_000 + ["x"]]
    styles = [table_style("ta1", "true"), table_style("ta2", "false" if how != "parent" else None,
                                                       "Tersembunyi" if how == "parent" else None)]
    common = [table_style("Tersembunyi", "false")] if how == "parent" else []
    real = [headers] + [[row.get(h) for h in headers] for row in rows]
    return write_ods(path, [(hidden_name, fake, "ta2"), ("Survei", real, "ta1")], styles, common)


@pytest.mark.parametrize("how, hidden_name", [("content", "Data SKM"), ("content", "Lama"), ("parent", "Data SKM"),
                                              ("far", "Lama")])
def test_hidden_ods_sheet_is_not_chosen_by_the_search(tmp_path, capsys, how, hidden_name):
    rows = survey_rows(seed=7, count=25)
    path = _ods_with_hidden_survey(tmp_path / "s.ods", hidden_name, how, rows)
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12) and result["responden"] == 25
    status, result, err = ikm_json(capsys, path, "--sheet", hidden_name)  # named: read as asked
    assert status == 0 and result["ikm"] == 25.0


@pytest.mark.libreoffice
def test_hidden_sheets_of_a_libreoffice_ods_are_not_chosen(tmp_path, capsys):
    """LibreOffice's own writing of an .xlsx with a hidden and a very hidden survey (both every answer 1)."""
    from xl_iku.pdf import convert

    rows = survey_rows(seed=7, count=25)

    def hidden_first(wb):
        for state, name in (("hidden", "Data SKM"), ("veryHidden", "Lama")):
            hidden = wb.create_sheet(name, 0)
            write_survey(hidden, [{c: 1 for c in CODES}] * 10, CODES)
            hidden.sheet_state = state
        wb.active = 2

    source = survey_file(tmp_path / "s.xlsx", rows, sheet="Survei", book_edit=hidden_first)
    (tmp_path / "ods").mkdir()
    convert(source, "ods", tmp_path / "ods")
    status, result, err = ikm_json(capsys, tmp_path / "ods" / "s.ods")
    assert status == 0, err
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12) and result["responden"] == 25


# --- item 5 (and 12, 15): CSV read as a stream, stray quotes, separators and encodings -----------------------------

def csv_lines(rows, separator=",", label=lambda i: f"Responden {i}") -> list[str]:
    lines = [separator.join(["Nama", "Tanggal"] + CODES)]
    for i, row in enumerate(rows, start=1):
        answers = ["" if row[c] is None else str(row[c]) for c in CODES]
        lines.append(separator.join([label(i), row["Tanggal"].strftime("%d/%m/%Y")] + answers))
    return lines


@pytest.mark.parametrize("opened_at", [15, 1])
def test_stray_quote_in_a_csv_is_an_error_naming_its_line(tmp_path, capsys, opened_at):
    rows = survey_rows(seed=8, count=20)
    path = tmp_path / "formulir.csv"
    lines = csv_lines(rows, label=lambda i: f'"Budi {i}' if i == opened_at else f"Responden {i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = ikm_json(capsys, path)
    assert status == 2
    assert f"baris {opened_at + 1}: tanda kutip (\") dibuka tetapi tidak ditutup" in err


def test_quoted_line_breaks_in_a_suggestion_are_still_one_answer(tmp_path, capsys):
    rows = survey_rows(seed=8, count=20)
    path = tmp_path / "formulir.csv"
    lines = csv_lines(rows, label=lambda i: '"Saran:\nlebih cepat\nterima kasih"' if i == 4 else f"R{i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["responden"] == 20 and result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)


@pytest.mark.parametrize("separator, encoding", [("\t", "utf-8"), (",", "utf-16"), (";", "utf-16-le"),
                                                 ("\t", "utf-16")])
def test_tsv_and_utf16_csv_are_read(tmp_path, capsys, separator, encoding):
    rows = survey_rows(seed=9, count=20)
    path = tmp_path / "formulir.csv"
    path.write_bytes(("\r\n".join(csv_lines(rows, separator)) + "\r\n").encode(encoding))
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["responden"] == 20 and result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)


def test_mixed_utf8_and_cp1252_lines_each_decoded_as_written(tmp_path):
    from xl_iku.frames import read_skm

    rows = survey_rows(seed=10, count=6)
    names = ["Dra. Siti Zulaikha", "Ni Komang Ayu", "Muh. Ridwan", "José Ramos", "Hj. Nur’aini", "Ömer"]
    lines = csv_lines(rows, label=lambda i: names[i - 1])
    raw = [line.encode("cp1252" if i in (4, 6) else "utf-8") for i, line in enumerate(lines)]
    path = tmp_path / "campur.csv"
    path.write_bytes(b"\n".join(raw) + b"\n")
    assert list(read_skm(path)["Nama"]) == names


def test_null_in_a_csv_is_an_empty_cell(tmp_path, capsys):
    rows = survey_rows(seed=11, count=20)
    path = tmp_path / "db.csv"
    path.write_text("\n".join(csv_lines(rows)).replace(",,", ",NULL,").replace(",,", ",NULL,") + "\n",
                    encoding="utf-8")
    assert "NULL" in path.read_text()
    status, result, err = ikm_json(capsys, path)
    assert status == 0, err
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)


# --- item 8: no sheet reaches calamine unchecked; one bad file is one failed row -----------------------------------

def _limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _run_limited(*argv):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "xl_iku.cli", *map(str, argv)], capture_output=True, text=True,
                          timeout=300, preexec_fn=_limit_memory)


def _nik_in_a_date_cell(ws):
    ws["A5"] = 1e12  # a NIK pasted into Tanggal, which keeps its date format
    ws["A5"].number_format = "dd/mm/yyyy"
    ws.cell(1048576, 16384, "x")


def _single_quoted_far_cell(path):
    patch_part(path, SHEET, lambda d: d.replace(b"</sheetData>", b"<row r='1048576'><c r='XFD1048576' t='n'>"
                                                                 b"<v>1</v></c></row></sheetData>"))


@pytest.mark.parametrize("case", ["nik", "quotes"])
def test_far_cell_with_a_bad_date_or_single_quotes_fails_one_file_only(tmp_path, case):
    rows = survey_rows(seed=12, count=20)
    bad = survey_file(tmp_path / "a_buruk.xlsx", rows, edit=_nik_in_a_date_cell if case == "nik" else None)
    if case == "quotes":
        _single_quoted_far_cell(bad)
    good = survey_file(tmp_path / "b_baik.xlsx", survey_rows(seed=13, count=30))
    done = _run_limited("skm", bad, good, "--jobs", "1", "--json")
    assert done.returncode in (0, 1), done.stderr[-2000:]
    result = json.loads(done.stdout)
    failed = {f["berkas"] for f in result["gagal"]}
    assert str(good) not in failed
    # read sparsely: the far cell is left out, the survey counted (the NIK's row under "tanggal tidak dikenali")
    assert not failed and result["gabungan"]["responden"] == 50


# --- item 6: the order of a column's dates decided from all its values --------------------------------------------

def _dated_csv(path: Path, rows, fmt) -> Path:
    lines = [",".join(["Tanggal"] + CODES)]
    for row in rows:
        answers = ["" if row[c] is None else str(row[c]) for c in CODES]
        lines.append(",".join([fmt(row["Tanggal"])] + answers))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_month_first_timestamps_are_read_month_first(tmp_path, capsys):
    from skm_books import semester

    rows = survey_rows(seed=14, count=24)
    us = lambda d: f"{d.month}/{d.day}/{d.year} {d.hour}:{d.minute:02d}:00"  # noqa: E731 (a US-set form)
    path = _dated_csv(tmp_path / "form.csv", rows, us)
    assert any(r["Tanggal"].day > 12 for r in rows)
    assert main(["skm", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    expected = {}
    for row in rows:
        expected[semester(row["Tanggal"])] = expected.get(semester(row["Tanggal"]), 0) + 1
    assert {g["periode"]: g["responden"] for g in result["berkas"]} == expected
    from xl_iku.frames import read_skm

    assert [d.date() for d in read_skm(path)["Tanggal"]] == [r["Tanggal"].date() for r in rows]


def test_day_first_and_month_first_in_one_column_is_said(tmp_path, capsys):
    rows = survey_rows(seed=15, count=24)
    flip = iter(range(10**6))
    both = lambda d: (f"{d.month}/{d.day}/{d.year}" if next(flip) % 2 else f"{d.day}/{d.month}/{d.year}")  # noqa
    path = _dated_csv(tmp_path / "campur.csv", rows, both)
    assert main(["skm", str(path), "--json"]) == 2  # its one file failed
    reason = json.loads(capsys.readouterr().out)["gagal"][0]["alasan"]
    assert "ditulis hari dulu" in reason and "bulan dulu" in reason


# --- the scenarios of tests/bad_inputs.md's rows for this round (test_bad_input_table runs them) -------------------

def _scenario_1904(folder: Path) -> Path:
    return survey_file(folder / "mac.xlsx", survey_rows(seed=5, count=60), book_edit=_mac_1904,
                       edit=lambda ws: ws.cell(1048576, 16384, "x"))


def _scenario_cell(spelling: bytes):
    def make(folder: Path) -> Path:
        path = survey_file(folder / "s.xlsx", survey_rows(seed=1, count=40))
        patch_part(path, SHEET, lambda d: d.replace(cell_xml(path, "E6"), spelling))
        return path
    return make


def _scenario_totals(folder: Path) -> Path:
    rows = survey_rows(seed=6, count=30)
    path = survey_file(folder / "tabel.xlsx", rows, edit=_table_with_totals)
    maxima = {openpyxl.utils.get_column_letter(c): max(r[code] or 0 for r in rows)
              for c, code in zip(range(3, 12), CODES)}
    patch_part(path, SHEET, lambda d: _store_results(d, maxima, len(rows) + 2))
    return path


def _scenario_very_hidden(folder: Path) -> Path:
    def hidden_first(wb):
        hidden = wb.create_sheet("Data SKM", 0)
        write_survey(hidden, [{c: 1 for c in CODES}] * 10, CODES)
        hidden.sheet_state = "veryHidden"
        wb.active = 1
    return survey_file(folder / "s.xlsx", survey_rows(seed=7, count=25), sheet="Survei", book_edit=hidden_first)


def _scenario_stray_quote(folder: Path) -> Path:
    path = folder / "formulir.csv"
    lines = csv_lines(survey_rows(seed=8, count=20), label=lambda i: f'"Budi {i}' if i == 15 else f"R{i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _scenario_mixed_dates(folder: Path) -> Path:
    flip = iter(range(10**6))
    return _dated_csv(folder / "campur.csv", survey_rows(seed=15, count=24),
                      lambda d: f"{d.month}/{d.day}/{d.year}" if next(flip) % 2 else f"{d.day}/{d.month}/{d.year}")


def _scenario_nik_far(folder: Path) -> Path:
    return survey_file(folder / "nik.xlsx", survey_rows(seed=12, count=20), edit=_nik_in_a_date_cell)


def _scenario_quoted_far(folder: Path) -> Path:
    path = survey_file(folder / "jauh.xlsx", survey_rows(seed=12, count=20))
    _single_quoted_far_cell(path)
    return path


def _many_rows_csv(folder: Path) -> Path:
    """Three blocks of column storage (csv_source.BLOCK rows each), short and empty lines, summary rows below."""
    from test_csv_columns import export_csv

    from xl_iku.readers.csv_source import BLOCK

    return export_csv(folder / "formulir.csv", 2 * BLOCK + 123, seed=3, ragged=True, summary=True)[0]


def _scenario_csv(separator: str, encoding: str):
    def make(folder: Path) -> Path:
        path = folder / "formulir.csv"
        path.write_bytes(("\r\n".join(csv_lines(survey_rows(seed=9, count=20), separator)) + "\r\n").encode(encoding))
        return path
    return make


def _scenario_semicolon_questions(folder: Path) -> Path:
    """Excel set to Indonesian saves CSV with ";" and quotes nothing: the questions' own commas outnumber them."""
    lines = csv_lines(survey_rows(seed=9, count=20), ";")
    lines[0] = ";".join(["Nama", "Tanggal"] + [f"{code}. Menurut Anda, bagaimana {name.lower()}, secara umum?"
                                               for code, name in UNSUR_14_2017])
    path = folder / "formulir.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


SCENARIOS = {
    "csv_semicolon_questions": _scenario_semicolon_questions,
    "nik_in_date_far_cell": _scenario_nik_far,
    "single_quoted_far_cell": _scenario_quoted_far,
    "control_characters": lambda folder: _office_with(folder, _control_characters),
    "target_near_1e26": lambda folder: _office_with(folder, _huge_target),
    "csv_tab_separated": _scenario_csv("\t", "utf-8"),
    "csv_utf16": _scenario_csv(",", "utf-16"),
    "date1904_far_cell": _scenario_1904,
    "error_spelled_otherwise": _scenario_cell(b"<c r='E6' t='e'><v>#N/A</v></c>"),
    "error_type_first": _scenario_cell(b'<c t="e" r="E6"><v>#DIV/0!</v></c>'),
    "nan_value": _scenario_cell(b'<c r="E6"><v>NaN</v></c>'),
    "formula_single_quotes": _scenario_cell(b"<c r='E6'><f>1/0</f></c>"),
    "shared_formula_no_value": _scenario_cell(b'<c r="E6"><f t="shared" ref="E6:E7" si="0">1+2</f></c>'),
    "table_totals_row": _scenario_totals,
    "very_hidden_sheet": _scenario_very_hidden,
    "csv_many_rows": lambda folder: _many_rows_csv(folder),
    "ods_hidden_sheet": lambda folder: _ods_with_hidden_survey(folder / "s.ods", "Data SKM", "content",
                                                               survey_rows(seed=7, count=25)),
    "csv_stray_quote": _scenario_stray_quote,
    "dates_both_orders": _scenario_mixed_dates,
}


# --- item 13: skm --csv never writes a formula a spreadsheet would run ----------------------------------------------

@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\",\"klik\")", "+1+cmd", "-2+3", "@SUM(A1)"])
def test_skm_csv_neutralises_formula_labels(tmp_path, capsys, name):
    import csv

    def as_text(ws):  # what a staff member typed: text, not a formula
        for r in range(2, ws.max_row + 1):
            ws.cell(r, 2).value, ws.cell(r, 2).data_type = name, "s"

    path = survey_file(tmp_path / "s.xlsx", survey_rows(seed=16, count=20), headers=["Tanggal", "Unit"] + CODES,
                       edit=as_text)
    out = tmp_path / "hasil.csv"
    assert main(["skm", str(path), "--csv", str(out)]) == 0
    capsys.readouterr()
    with open(out, encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert {r["unit"] for r in table} == {"'" + name}
    assert all(not v.startswith(("=", "+", "@")) for r in table for v in r.values())
    assert float(table[0]["ikm"]) > 0  # numbers stay numbers


# --- item 9: an unreadable file or an unlistable folder is a reported row, the others are still counted ------------

def _deny(monkeypatch, denied_name: str):
    """What the OS says to a user without the right: PermissionError (the tests run as root, who is never told)."""
    import os

    import xl_iku.files as files

    real_scandir, real_open = os.scandir, open

    def scandir(path="."):
        if Path(path).name == denied_name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def guarded_open(path, *args, **kwargs):
        if Path(path).name == denied_name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(files, "open", guarded_open, raising=False)


@pytest.mark.parametrize("denied", ["terkunci.xlsx", "arsip"])
def test_skm_reports_an_unreadable_file_or_folder_and_counts_the_rest(tmp_path, capsys, monkeypatch, denied):
    folder = tmp_path / "survei"
    (folder / "arsip").mkdir(parents=True)
    survey_file(folder / "a.xlsx", survey_rows(seed=17, count=20))
    survey_file(folder / "terkunci.xlsx", survey_rows(seed=18, count=25))
    survey_file(folder / "arsip" / "lama.xlsx", survey_rows(seed=19, count=15))
    _deny(monkeypatch, denied)
    assert main(["skm", str(folder), "--jobs", "1", "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert [Path(f["berkas"]).name for f in result["gagal"]] == [denied]
    assert "Permission denied" in result["gagal"][0]["alasan"]
    assert result["gabungan"]["responden"] == 20 + 25 + 15 - (25 if denied == "terkunci.xlsx" else 15)


def test_rekap_reports_an_unlistable_folder(tmp_path, capsys, monkeypatch):
    from iku_books import office_book

    folder = tmp_path / "kabupaten"
    (folder / "dinas").mkdir(parents=True)
    office_book(folder / "kantor.xlsx")
    office_book(folder / "dinas" / "dinas.xlsx")
    _deny(monkeypatch, "dinas")
    status = main(["rekap", str(folder), "-o", str(tmp_path / "rekap.xlsx"), "--json", "--tahun", "2025"])
    out = capsys.readouterr()
    assert status == 1, out.err
    gagal = json.loads(out.out)["gagal"]
    assert [Path(g["berkas"]).name for g in gagal] == ["dinas"] and "tidak dapat dibuka" in gagal[0]["pesan"]


# --- item 10: tracebacks -------------------------------------------------------------------------------------------

def _office_with(folder: Path, edit) -> Path:
    from iku_books import office_book

    path = office_book(folder / "kantor.xlsx")
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _control_characters(wb):
    wb["Instansi"]["B3"] = "Dinas_x000B_Kependudukan"  # Excel's escape of a Word paste's line break
    data = wb["Data IKU"]
    column = [c.value for c in data[1]].index("Indikator") + 1
    data.cell(2, column).value = "Persentase_x000B_penduduk_x0007_ ber-KTP-el"


def _huge_target(wb):
    data = wb["Data IKU"]
    data.cell(2, [c.value for c in data[1]].index("Target 2029") + 1).value = 1e26


@pytest.mark.parametrize("edit", [_control_characters, _huge_target], ids=["x000B", "1e26"])
def test_regenerate_takes_control_characters_and_huge_targets(tmp_path, capsys, edit):
    path = _office_with(tmp_path, edit)
    assert main(["regenerate", str(path)]) == 0, capsys.readouterr().err
    book = openpyxl.load_workbook(path)
    texts = [str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    if edit is _control_characters:
        assert any("Persentase\npenduduk ber-KTP-el" in t for t in texts)


def test_hasil_skm_and_skm_summary_take_labels_with_control_characters(root, tmp_path, capsys):
    import shutil

    path = tmp_path / "IKU.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Data SKM"]
    column = [c.value for c in ws[1]].index("Jenis Layanan") + 1
    for r in range(2, 12):
        ws.cell(r, column).value = "KTP_x000B_elektronik"
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0, capsys.readouterr().err
    hasil = openpyxl.load_workbook(path)["Hasil SKM"]
    assert any(c == "KTP elektronik" for row in hasil.iter_rows(values_only=True) for c in row)

    def unit(ws):
        for r in range(2, ws.max_row + 1):
            ws.cell(r, 2).value = "Kelurahan_x000B_Bahari"
    survey = survey_file(tmp_path / "s.xlsx", survey_rows(seed=21, count=20), headers=["Tanggal", "Unit"] + CODES,
                         edit=unit)
    out = tmp_path / "ringkasan.xlsx"
    assert main(["skm", str(survey), "-o", str(out)]) == 0, capsys.readouterr().err
    texts = [c for ws in openpyxl.load_workbook(out) for row in ws.iter_rows(values_only=True) for c in row]
    assert "Kelurahan\nBahari" in texts


def test_skm_prints_to_a_cp1252_pipe(tmp_path):
    import os
    import subprocess
    import sys

    path = survey_file(tmp_path / "Kantor ✓ Ψ.xlsx", survey_rows(seed=20, count=20))
    for extra in ([], ["--json"]):
        done = subprocess.run([sys.executable, "-m", "xl_iku.cli", "skm", str(path), *extra], capture_output=True,
                              env=dict(os.environ, PYTHONIOENCODING="cp1252"), timeout=120)
        assert done.returncode == 0, done.stderr.decode("cp1252", "replace")[-1500:]
        assert b"Traceback" not in done.stderr and b"Kantor" in done.stdout


# --- items 10 and 15: a full disk or a name too long is said as such -----------------------------------------------

def test_init_on_a_full_disk_says_so_and_leaves_nothing(tmp_path):
    """The disk fills while the workbook is written (simulated in a child process: writes of the new file fail
    with ENOSPC, as on a full disk)."""
    import subprocess
    import sys

    target = tmp_path / "baru.xlsx"
    code = (
        "import builtins, errno, sys\n"
        "real = builtins.open\n"
        "class Full:\n"
        "    def __init__(self, f): self.f = f\n"
        "    def __enter__(self): return self\n"
        "    def __exit__(self, *a): self.f.close()\n"
        "    def write(self, data): raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "    def __getattr__(self, name): return getattr(self.f, name)\n"
        "def full_open(path, mode='r', *a, **k):\n"
        "    f = real(path, mode, *a, **k)\n"
        "    return Full(f) if 'w' in mode and str(path).endswith('.xlsx') else f\n"
        "builtins.open = full_open\n"
        "import io\n"
        "io.open = full_open  # what zipfile opens its file with\n"
        "from xl_iku.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", code, "init", str(target)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert "disk atau kuota penuh" in done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_name_too_long_is_said_as_such(tmp_path, capsys):
    survey = survey_file(tmp_path / "s.xlsx", survey_rows(seed=22, count=20))
    out = tmp_path / ("r" * 300 + ".xlsx")
    assert main(["skm", str(survey), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "terlalu panjang" in err and "Tutup berkas itu di Excel" not in err


# --- item 11: a file name that is not UTF-8 (from a Windows zip) is read by every command ---------------------------

def test_non_utf8_file_names_are_read(root, tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    rows = survey_rows(seed=23, count=20)
    plain = survey_file(tmp_path / "s.xlsx", rows)
    survey = os.fsencode(tmp_path) + b"/survei_kec_\xe9.xlsx"  # cp1252 "é": not UTF-8
    os.rename(plain, survey)
    book = os.fsencode(tmp_path) + b"/IKU_\xe9.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", book)
    cli = [os.fsencode(sys.executable), b"-m", b"xl_iku.cli"]
    for argv in ([b"ikm", survey, b"--json"], [b"skm", survey, b"--json"], [b"skm", os.fsencode(tmp_path), b"--json"],
                 [b"regenerate", book]):
        done = subprocess.run(cli + argv, capture_output=True, timeout=300)
        assert done.returncode == 0, (argv, done.stderr[-1500:])
        assert b"Traceback" not in done.stderr
    assert json.loads(subprocess.run(cli + [b"ikm", survey, b"--json"], capture_output=True).stdout)["ikm"] == \
        pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)


# --- item 14: pdf leaves nothing behind, whatever ends it -----------------------------------------------------------

FAKE_SOFFICE = """#!/bin/sh
# what a hung LibreOffice looks like: the soffice script and its soffice.bin child, neither ever finishing
sleep 1000 &
echo $! > "$XL_IKU_TEST_PIDS/child"
echo $$ > "$XL_IKU_TEST_PIDS/script"
wait
"""


def _fake_soffice(tmp_path: Path) -> dict:
    import os

    bin_dir, pids, temp = tmp_path / "bin", tmp_path / "pids", tmp_path / "temp"
    for folder in (bin_dir, pids, temp):
        folder.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", XL_IKU_TEST_PIDS=str(pids),
                TMPDIR=str(temp))


def _alive(pid_file: Path) -> bool:
    import os

    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting for its parent is gone all the same
        return stat.read().split(")")[-1].split()[0] != "Z"


def _wait_for(check, seconds=60.0):
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_pdf_timeout_ends_libreoffice_and_its_children(root, tmp_path):
    import subprocess
    import sys

    env = _fake_soffice(tmp_path)
    code = ("import sys; import xl_iku.pdf as pdf; pdf.TIMEOUT_S = 3; from xl_iku.cli import main; "
            "sys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", code, "pdf", str(root / "templates" / "IKU_Wotu.xlsx"), "-o",
                           str(tmp_path / "out.pdf")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "tidak selesai dalam 3 detik" in done.stderr, done.stderr
    pids = tmp_path / "pids"
    assert _wait_for(lambda: not _alive(pids / "child"), 10), "soffice.bin's stand-in still runs"
    assert list((tmp_path / "temp").iterdir()) == []


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_pdf_killed_leaves_no_copy_no_profile_no_process(root, tmp_path, signal_name):
    import signal
    import subprocess
    import sys

    env = _fake_soffice(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "xl_iku.cli", "pdf", str(root / "templates" / "IKU_Wotu.xlsx"),
                                "-o", str(tmp_path / "out.pdf")], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    pids = tmp_path / "pids"
    assert _wait_for(lambda: (pids / "child").exists() and (pids / "child").read_text().strip())
    assert any((tmp_path / "temp").iterdir())  # the workbook's copy and the profile are there meanwhile
    process.send_signal(getattr(signal, signal_name))
    process.communicate(timeout=60)
    assert process.returncode != 0
    assert list((tmp_path / "temp").iterdir()) == []
    assert _wait_for(lambda: not _alive(pids / "child"), 10)
    assert not (tmp_path / "out.pdf").exists()


# --- Python API: the right answer or the project's own error -------------------------------------------------------

def _frame(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=CODES)


def test_ikm_score_on_object_and_decimal_frames():
    from decimal import Decimal

    import xl_iku

    rows = [[3] * 9, [4] * 9, [2, 3, 4, 1, 2, 3, 4, 1, 2]]
    expected = xl_iku.ikm_score(rows)
    assert xl_iku.ikm_score(_frame(rows).astype(object)) == expected
    assert xl_iku.ikm_score(_frame(rows).map(Decimal)) == expected
    assert xl_iku.ikm_score([[Decimal(v) for v in row] for row in rows]) == expected
    assert xl_iku.ikm_score([[3] * 9, [3] * 8 + [Decimal("4")]]) == xl_iku.ikm_score([[3] * 9, [3] * 8 + [4]])
    with pytest.raises(xl_iku.InputError, match="Rentang jawaban kosong"):
        xl_iku.ikm_score(_frame(rows).astype(object).iloc[:0])


def test_a_duplicated_unsur_column_is_an_error():
    import pandas as pd

    import xl_iku

    frame = _frame([[3] * 9, [4] * 9])
    twice = pd.concat([frame, pd.DataFrame({"U1": [1, 1]})], axis=1)
    for call in (xl_iku.ikm_score, xl_iku.ikm_table):
        with pytest.raises(xl_iku.InputError, match="Kolom U1 muncul lebih dari sekali"):
            call(twice)


def test_read_skm_takes_a_sheet_position(tmp_path):
    import xl_iku

    rows = survey_rows(seed=24, count=20)

    def second(wb):
        wb.create_sheet("Catatan", 0)
    path = survey_file(tmp_path / "s.xlsx", rows, sheet="Survei", book_edit=second)
    assert xl_iku.ikm_score(xl_iku.read_skm(path, sheet=1)) == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)
    assert xl_iku.ikm_score(xl_iku.read_skm(path, sheet=-1)) == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)
    with pytest.raises(xl_iku.InputError, match="Sheet ke-5 tidak ada"):
        xl_iku.read_skm(path, sheet=5)


# --- item 15: export --pdf without LibreOffice says so before writing anything --------------------------------------

def test_export_pdf_without_libreoffice_writes_nothing_and_says_why(root, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))  # no soffice anywhere
    out = tmp_path / "salinan.xlsx"
    assert main(["export", str(root / "templates" / "IKU_Wotu.xlsx"), "-o", str(out), "--pdf"]) == 2
    assert "LibreOffice tidak ditemukan" in capsys.readouterr().err
    assert not out.exists()


def test_export_pdf_that_fails_says_the_copy_was_written(root, tmp_path, capsys, monkeypatch):
    env = _fake_soffice(tmp_path)
    (tmp_path / "bin" / "soffice").write_text("#!/bin/sh\necho 'gagal total' >&2\nexit 3\n")
    monkeypatch.setenv("PATH", env["PATH"])
    out = tmp_path / "salinan.xlsx"
    assert main(["export", str(root / "templates" / "IKU_Wotu.xlsx"), "-o", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert f"Salinan sudah ditulis ke '{out}', tetapi PDF-nya tidak dibuat" in err and out.exists()


def test_dates_whose_order_nothing_proves_are_said(tmp_path, capsys):
    import random

    rng = random.Random(3)
    rows = survey_rows(seed=25, count=24)
    for row in rows:  # every day 12 or below: 5/6/2025 may be either order
        row["Tanggal"] = dt.datetime(2025, rng.randint(1, 12), rng.randint(1, 12))
    path = _dated_csv(tmp_path / "ragu.csv", rows, lambda d: f"{d.day}/{d.month}/{d.year}")
    assert main(["skm", str(path)]) == 0
    err = capsys.readouterr().err
    assert "urutan tanggal di kolom Tanggal tidak dapat dipastikan" in err and "dibaca hari/bulan/tahun" in err
    proved = _dated_csv(tmp_path / "pasti.csv", survey_rows(seed=14, count=24), lambda d: f"{d.day}/{d.month}/{d.year}")
    assert main(["skm", str(proved)]) == 0
    assert "tidak dapat dipastikan" not in capsys.readouterr().err


def test_an_input_book_whose_dimension_hides_a_far_cell_is_read_sparsely(tmp_path):
    """`<dimension>` states A1:…, a cell at XFD1048576 says otherwise: the input book's reader (regenerate, rekap)
    goes by the cells, not the statement, and never hands calamine the 512 GiB rectangle."""
    from iku_books import office_book

    path = office_book(tmp_path / "kantor.xlsx")
    with zipfile.ZipFile(path) as z:
        instansi = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    patch_part(path, instansi, lambda d: d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n">'
                                                                    b"<v>1</v></c></row></sheetData>"))
    assert b'<dimension ref="A2:B10"' in zipfile.ZipFile(path).read(instansi)  # the statement stays small
    done = _run_limited("regenerate", path)
    assert done.returncode in (0, 2) and "memory allocation" not in done.stderr, done.stderr[-1500:]
    assert "Traceback" not in done.stderr
