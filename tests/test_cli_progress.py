"""Progress of a long `skm` run: tqdm on stderr when it is a terminal, nothing otherwise; stdout stays clean."""

import io
import json
import shutil

import openpyxl
import pytest
from skm_books import survey_rows, write_survey

from xl_iku.cli import main


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def six_surveys(tmp_path):
    """Six different surveys (the same survey twice would be counted once)."""
    for i in range(6):
        book = openpyxl.Workbook()
        book.active.title = "Data SKM"
        write_survey(book.active, survey_rows(20 + i, 40), ["Tanggal"] + [f"U{j}" for j in range(1, 10)])
        book.save(tmp_path / f"s{i}.xlsx")
    return tmp_path


def test_progress_on_a_terminal(six_surveys, monkeypatch, capsys):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["skm", str(six_surveys), "--json", "--jobs", "1"]) == 0
    shown = terminal.getvalue()
    assert "Mengolah berkas" in shown and "6/6" in shown and "\r" in shown  # one line, redrawn
    assert len({g["berkas"] for g in json.loads(capsys.readouterr().out)["berkas"]}) == 6  # stdout: only JSON


def test_silent_when_not_a_terminal(six_surveys, monkeypatch, capsys):
    assert main(["skm", str(six_surveys), "--jobs", "1"]) == 0
    assert capsys.readouterr().err == ""


def test_the_bar_is_tqdm():
    """A kept library, not a hand-written bar: the CLI module holds no drawing code of its own."""
    import inspect

    from xl_iku.cli import progress, skm

    assert "from tqdm import tqdm" in inspect.getsource(progress)
    assert "'#'" not in inspect.getsource(skm) and "\\r" not in inspect.getsource(skm)


@pytest.mark.parametrize("terminal", [True, False])
def test_regenerate_shows_it_is_working_on_a_terminal_only(root, tmp_path, monkeypatch, capsys, terminal):
    book = tmp_path / "buku.xlsx"
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", book)
    stream = Terminal()
    if terminal:
        monkeypatch.setattr("sys.stderr", stream)
    assert main(["regenerate", str(book)]) == 0
    shown = stream.getvalue() if terminal else capsys.readouterr().err
    assert ("Membuat ulang sheet hasil" in shown) is terminal
