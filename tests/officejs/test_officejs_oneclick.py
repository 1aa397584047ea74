"""One-click regeneration through xlwings as Excel (Office.js) runs it: the action list equals the headless sheets."""

import asyncio
import datetime as dt
import importlib.util

import openpyxl
import pytest
import xlwings as xw
import xlwings.server

from xl_iku.layout import iku_layouts, is_generated


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def json_values(sheet):
    out = []
    for row in sheet.iter_rows(values_only=True):
        out.append([(v - dt.datetime(1899, 12, 30)).days if isinstance(v, dt.datetime) else ("" if v is None else v)
                    for v in row])
    return out


INPUTS = ("Instansi", "Data IKU", "Data SKM", "AKIP", "Program", "LKE")


def generated_sheets(template):
    """The template's generated sheets in its order, the yearly Perjanjian Kinerja included."""
    names = [n for n in openpyxl.load_workbook(template, read_only=True).sheetnames if is_generated(n)]
    assert "PK 2026" in names  # Tahun PK = 2026 in the template: the one click rebuilds it too
    assert "LKjIP 2025" in names  # and Tahun LKjIP = 2025: its tables, live formulas included
    return names


def payload(template, sheets=INPUTS, wb=None):
    """What Excel sends for a workbook holding `sheets` of `template` (or of `wb`, its edited copy)."""
    wb = wb or openpyxl.load_workbook(template)
    return {
        "client": "Office.js", "version": xw.__version__, "names": [],
        "book": {"name": "IKU_Wotu.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "sheets": [{"name": n, "values": json_values(wb[n]), "pictures": [], "tables": []} for n in sheets],
    }


def book_payload(template, sheets=INPUTS, wb=None):
    return xw.Book(json=payload(template, sheets, wb))


def run_script(book, root):
    module = load_module(root / "excel" / "lite" / "main.py", "lite_main")
    response = asyncio.run(xlwings.server.custom_scripts_call(module, "buat_ulang_iku",
                                                              typehint_to_value={xw.Book: book}))
    return response.json()["actions"] if hasattr(response, "json") else response["actions"]


@pytest.fixture
def template(root):
    return root / "templates" / "IKU_Wotu.xlsx"


def test_script_is_registered(root):
    module = load_module(root / "excel" / "lite" / "main.py", "lite_main")
    names = [s["function_name"] for s in xlwings.server.custom_scripts_meta(module)]
    assert "buat_ulang_iku" in names


def test_live_sheets_equal_the_headless_ones(template, root):
    actions = run_script(book_payload(template), root)
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == generated_sheets(template)
    headless = openpyxl.load_workbook(template)
    for position, name in enumerate(added, start=len(INPUTS)):  # after the input sheets
        sheet_actions = [a for a in actions if a.get("sheet_position") == position]
        (values,) = [a["values"] for a in sheet_actions if a["func"] == "setValues"]
        expected = [[("" if v is None else v) for v in row] for row in headless[name].iter_rows(values_only=True)]
        width = len(values[0])
        expected = [row[:width] + [""] * (width - len(row)) for row in expected][:len(values)]
        assert values == [[pytest.approx(v, rel=1e-15) if isinstance(v, float) else v for v in row]
                          for row in expected]
        assert len(values) == headless[name].max_row
        merges = {(a["start_row"] + 1, a["start_column"] + 1, a["start_row"] + a["row_count"],
                   a["start_column"] + a["column_count"]) for a in sheet_actions if a["func"] == "rangeMerge"}
        assert merges == {(m.min_row, m.min_col, m.max_row, m.max_col) for m in headless[name].merged_cells.ranges}
        heights = {a["start_row"] + 1: a["args"][0] for a in sheet_actions if a["func"] == "setRowHeight"}
        assert heights == {r: d.height for r, d in headless[name].row_dimensions.items() if d.height}
        borders = [a for a in sheet_actions if a["func"] == "setBorderProperty"]
        assert borders, "tables need their borders live too"
    alert = [a for a in actions if a["func"] == "alert"]
    assert alert and "sudah dibuat ulang" in str(alert[0]["args"]) and "1 catatan" in str(alert[0]["args"])


def test_bad_data_alerts_and_writes_nothing(template, root):
    actions = run_script(book_payload(template, sheets=("Instansi",)), root)
    assert [a["func"] for a in actions] == ["alert"]
    assert "Sheet 'Data IKU' tidak ada" in str(actions[0]["args"])


def test_classic_run_main_script(template, root, monkeypatch):
    book = book_payload(template)
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    module = load_module(root / "workbooks" / "IKU_Wotu.py", "IKU_Wotu")
    module.main()
    actions = book.json()["actions"]
    assert [a["args"][1] for a in actions if a["func"] == "addSheet"] == generated_sheets(template)


def test_tanggal_pk_serial_becomes_the_signing_date(template, root):
    """Excel sends dates as serials: the one click must print `Tanggal PK` as a date, like the headless path."""
    wb = openpyxl.load_workbook(template)
    instansi = wb["Instansi"]
    row = next(r for r in range(1, instansi.max_row + 1) if instansi.cell(r, 1).value == "Tanggal PK")
    instansi.cell(row, 2).value = dt.datetime(2026, 1, 5)
    actions = run_script(book_payload(template, wb=wb), root)
    position = len(INPUTS) + generated_sheets(template).index("PK 2026")
    (values,) = [a["values"] for a in actions if a.get("sheet_position") == position and a["func"] == "setValues"]
    cells = [v for row in values for v in row]
    assert cells.count("Wotu, 5 Januari 2026") == 2  # the agreement and the lampiran


def test_live_charts_carry_the_layout_print_settings(template, root):
    """The live writer honours the chart data the headless one does: where, how big, the value axis's Indonesian
    number format (1,0 … 4,0), the axis bounds."""
    from openpyxl.utils import get_column_letter

    from xl_iku.bookdata import input_data

    actions = run_script(book_payload(template), root)
    added = [a for a in actions if a["func"] == "addChart"]
    axes = {(a["sheet_position"], a["args"][0]): a["args"][2] for a in actions
            if a["func"] == "setChartAxis" and a["args"][1] == "value"}
    expected = [(layout.name, index, chart) for layout in iku_layouts(input_data(template))
                for index, chart in enumerate(layout.charts)]
    assert [(a["args"][2], a["args"][0]) for a in added] == [(name, chart.title) for name, _, chart in expected]
    for action, (_, index, chart) in zip(added, expected):
        row, column = chart.anchor
        assert action["args"][9] == f"${get_column_letter(column)}${row}"
        assert action["args"][6:8] == pytest.approx([chart.width_cm * 72 / 2.54, chart.height_cm * 72 / 2.54])
        axis = axes[(action["sheet_position"], index)]
        assert axis["number_format"] == chart.value_format and axis["number_format"].startswith("[$-421]")
        assert axis.get("minimum_scale") == chart.y_min and axis.get("maximum_scale") == chart.y_max


def test_charts_an_older_version_left_on_a_generated_sheet_go(template, root):
    """`Capaian Kinerja` once held the charts: rebuilt live, it keeps none (they now live on `Grafik Capaian`)."""
    older = payload(template, INPUTS + ("Capaian Kinerja",))
    older["sheets"][-1]["charts"] = [{"name": "Grafik lama 1"}, {"name": "Grafik lama 2"}]
    actions = run_script(xw.Book(json=older), root)
    position = len(INPUTS)
    deleted = [a for a in actions if a["func"] == "deleteChart" and a["sheet_position"] == position]
    added = [a for a in actions if a["func"] == "addChart" and a["sheet_position"] == position]
    assert len(deleted) == 2 and not added


def test_a_book_without_lke_receives_the_default_sheet_live(template, root):
    """The one click, like `regenerate`, gives a book made before the LKE its sheet: default criteria, unanswered."""
    from xl_iku.rules.lke import default_kriteria

    actions = run_script(book_payload(template, sheets=INPUTS[:-1]), root)
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == [n for n in generated_sheets(template) if not n.startswith("Evaluasi AKIP")] + ["LKE"]
    position = len(INPUTS) - 1 + len(added) - 1
    (values,) = [a["values"] for a in actions if a.get("sheet_position") == position and a["func"] == "setValues"]
    assert values[2][:6] == ["Tahun", "Kode", "Komponen", "Sub-komponen", "Kriteria", "Jawaban"]
    assert [(row[1], row[4]) for row in values[3:]] == default_kriteria()
    assert {row[0] for row in values[3:]} == {2026} and {row[5] for row in values[3:]} == {""}
