"""One rule for every workbook format the survey reader accepts (.xlsx/.xlsm, .xls, .ods): an Excel error value in
an answer cell is an error naming the sheet and cell, never a blank that silently lowers n; a stray value far away
costs only what the cells holding data cost. The .xls and .ods files are made by LibreOffice from an .xlsx, so the
errors are computed by a spreadsheet as a user's would be."""

import json
import resource
import subprocess
import sys

import openpyxl
import pytest
from skm_books import ikm_by_hand, survey_rows, write_survey

from xl_iku import UNSUR_14_2017
from xl_iku.cli import main
from xl_iku.pdf import convert

CODES = [c for c, _ in UNSUR_14_2017]


def converted(tmp_path, fmt, edit, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data SKM"
    write_survey(ws, rows, ["Tanggal", "Jenis Layanan"] + CODES)
    edit(ws)
    source = tmp_path / "survei.xlsx"
    wb.save(source)
    out = tmp_path / fmt
    out.mkdir()
    convert(source, fmt, out)
    return out / f"survei.{fmt}"


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_error_values_are_errors_in_xls_and_ods(tmp_path, capsys, fmt):
    def errors(ws):
        ws["E6"] = "=1/0"
        ws["H9"] = "=NA()"

    path = converted(tmp_path, fmt, errors, survey_rows(seed=11, count=20))
    assert main(["ikm", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Sheet 'Data SKM', sel E6: berisi nilai galat Excel #DIV/0!" in err, err
    assert main(["skm", str(path), "--json"]) == 2
    assert "sel E6" in capsys.readouterr().err


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt, far", [("xls", (65536, 256)), ("ods", (1048576, 16384))])
def test_far_away_cell_in_xls_and_ods(tmp_path, fmt, far):
    rows = survey_rows(seed=12, count=25)
    path = converted(tmp_path, fmt, lambda ws: ws.cell(*far, 1), rows)
    done = subprocess.run([sys.executable, "-m", "xl_iku.cli", "ikm", str(path), "--json"], capture_output=True,
                          text=True, timeout=120, preexec_fn=_limit_memory)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["responden"] == 25
    assert result["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)
