"""Every row of tests/bad_inputs.md holds: the scenario named in `kasus`, run with each command of the row, gets
the message in `pesan`, exit 2 (a warning in `Catatan`: exit 0; a right result in `Hasil`: exit 0 and the text on
stdout), and leaves its input files as they were."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
import test_hostile_input_3 as hostile3
from iku_books import office_book, other_office_rows
from skm_exports import results_table_xlsx, template_csv
from test_broken_inputs import ARGV, BOOK, CASES, SURVEY, _make

from xl_iku.cli import main

TABLE = Path(__file__).with_name("bad_inputs.md")
THIRD_ROUND = hostile3.SCENARIOS
CODES = [f"U{i}" for i in range(1, 10)]


def rows():
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[1] in ("kasus", "---"):
            continue
        kelas, kasus, commands, pesan = cells
        in_catatan = "Catatan" if pesan.startswith("Catatan:") else "Hasil" if pesan.startswith("Hasil:") else ""
        text = re.search(r"`(.+)`", pesan).group(1)
        out += [pytest.param(kasus, c.strip(), text, in_catatan, id=f"{kasus}-{c.strip()}")
                for c in commands.split(",")]
    return out


def _survey_with_a_five(folder: Path, answer: float = 5) -> Path:
    path = folder / "survei.xlsx"
    book = openpyxl.Workbook()
    book.active.append(CODES)
    book.active.append([3, 3, 3, answer, 3, 3, 3, 3, 3])
    book.save(path)
    return path


def _office(folder: Path, edit) -> Path:
    path = office_book(folder / "kantor.xlsx")
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def _target_9999(book):
    for cell in book["Data IKU"][1]:
        if cell.value == "Target 2029":
            cell.value = "Target 9999"


def _populasi(book):
    book["Instansi"]["A20"], book["Instansi"]["B20"] = "Populasi SKM", "2,5"


def _percent_target(book):
    ws = book["Data IKU"]
    column = next(c.column for c in ws[1] if c.value == "Target 2027")
    ws.cell(2, column).value, ws.cell(2, column).number_format = 0.85, "0%"


def _akip_target_typo(book):
    """Nilai AKIP's realisasi from the AKIP sheet, and its 2028 target typed 720 for 72."""
    ws = book["Data IKU"]
    headers = [c.value for c in ws[1]]
    sumber = len(headers) + 1
    ws.cell(1, sumber, "Sumber Realisasi")
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headers.index("Indikator") + 1).value == "Nilai AKIP")
    ws.cell(row, sumber, "AKIP")
    ws.cell(row, headers.index("Target 2028") + 1, 720)


def scenario(kasus: str, command: str, folder: Path) -> tuple[list, list[Path]]:
    """(argv, input files that must stay untouched)."""
    out = folder / "out"
    out.mkdir()
    if kasus in CASES:
        path = _make(kasus, folder)
        return ARGV[command](path, out), [path]
    if kasus == "existing":
        shutil.copy(BOOK, folder / "ada.xlsx")
        return ["init", folder / "ada.xlsx"], [folder / "ada.xlsx"]
    if kasus == "output_over_input":
        source = folder / ("survei.xlsx" if command == "skm" else "buku.xlsx")
        shutil.copy(SURVEY if command == "skm" else BOOK, source)
        extra = {"pk": ["--tahun", "2026"], "lkjip": ["--tahun", "2025"]}.get(command, [])
        return [command, source, "-o", folder / "." / source.name] + extra, [source]
    if kasus == "periode_out_of_range":
        return ["init", out / "baru.xlsx", "--periode", "1000-9999"], []
    if kasus == "periode_too_long":
        return ["init", out / "baru.xlsx", "--periode", "2025-2050"], []
    if kasus == "target_year_out_of_range":
        path = _office(folder, _target_9999)
        return ["regenerate", path], [path]
    if kasus == "bobot_not_a_number":
        return ["ikm", SURVEY, "--bobot", "abc"], [SURVEY]
    if kasus == "populasi_not_whole":
        path = _office(folder, _populasi)
        return ["regenerate", path], [path]
    if kasus == "answer_out_of_scale":
        path = _survey_with_a_five(folder)
        return [command, path], [path]
    if kasus == "survey_turned":
        path = folder / "survei.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["No", "Unsur"] + [f"Responden {r}" for r in range(1, 6)])
        for number, code in enumerate(CODES, start=1):
            book.active.append([number, code] + [3, 4, 2, 3, 1])
        book.save(path)
        return [command, path], [path]
    if kasus == "answer_float_noise":
        path = _survey_with_a_five(folder, 2.0000000001)
        return [command, path], [path]
    if kasus == "results_table":
        path = results_table_xlsx(folder / "hasil.xlsx")
        return [command, path], [path]
    if kasus == "template_no_respondents":
        path = template_csv(folder / "template.csv", ["No", "Tanggal"] + [f"Unsur {i}" for i in range(1, 10)])
        return [command, path], [path]
    if kasus in ("lke_answer_off_scale", "lke_unknown_code"):
        path = folder / "kantor.xlsx"
        shutil.copy(BOOK, path)
        book = openpyxl.load_workbook(path)
        cell, value = ("F4", "X") if kasus == "lke_answer_off_scale" else ("B4", "4.4.1")
        book["LKE"][cell].value = value
        book.save(path)
        return [command, path], [path]
    if kasus == "long_text":
        data = other_office_rows()
        data[0]["Definisi Operasional"] = "x" * 32_767  # a full cell, joined with its Formulasi: too long
        return ["regenerate", office_book(folder / "panjang.xlsx", data)], []
    if kasus in THIRD_ROUND:
        path = THIRD_ROUND[kasus](folder)
        return [command, path], [] if command == "regenerate" else [path]  # regenerate rewrites its book: its job
    if kasus == "percent_format":
        path = _office(folder, _percent_target)
        return ["regenerate", path], []
    if kasus == "nip_as_number":
        def nip_number(book):  # an 18-digit NIP typed as a number: Excel keeps 15 digits of it
            ws = book["Instansi"]
            row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "NIP")
            ws.cell(row, 2).value = 1.97501012000012e17
        path = _office(folder, nip_number)
        return ["regenerate", path], [path]
    if kasus == "rule_range":
        path = _office(folder, _akip_target_typo)
        return ["regenerate", path], []
    if kasus == "unknown_option":
        return ARGV[command](folder / "x.xlsx", out) + ["--tidak-ada"], []
    raise AssertionError(f"no scenario for '{kasus}': add one here")


def test_every_broken_file_of_the_catalogue_has_a_row():
    assert set(CASES) <= {p.values[0] for p in rows()}


@pytest.mark.parametrize("kasus, command, pesan, in_catatan", rows())
def test_row(kasus, command, pesan, in_catatan, tmp_path, capsys):
    argv, inputs = scenario(kasus, command, tmp_path)
    before = {p: p.read_bytes() for p in inputs if p.is_file()}
    try:
        status = main([str(a) for a in argv])
    except SystemExit as exit_:  # argparse's own errors
        status = exit_.code
    captured = capsys.readouterr()
    err = captured.err
    if in_catatan == "Hasil":
        assert status == 0, err
        assert pesan in captured.out
        assert {p: p.read_bytes() for p in inputs if p.is_file()} == before
        return
    if in_catatan:
        assert status == 0
        notes = " ".join(str(r[3]) for r in openpyxl.load_workbook(argv[1])["Catatan"].iter_rows(values_only=True))
        assert pesan in notes
        return
    assert status == 2
    assert pesan in err
    assert {p: p.read_bytes() for p in inputs if p.is_file()} == before
