"""`xl-iku skm` takes the same `--sheet`/`--range` as `ikm` (the reader's messages suggest `--range`)."""

import json

import openpyxl
import pytest
from skm_books import ikm_by_hand, survey_rows

from xl_iku.cli import main

CODES = [f"U{i}" for i in range(1, 10)]


def answers_only(path, rows):
    """Answers in C4:K…, no header row: only --range can find them."""
    book = openpyxl.Workbook()
    book.active.title = "Catatan"
    sheet = book.create_sheet("Jawaban")
    sheet["A1"] = "Rekap jawaban (tanpa judul kolom)"
    for r, row in enumerate(rows, start=4):
        for c, code in enumerate(CODES, start=3):
            sheet.cell(r, c, row[code])
    book.save(path)
    return f"C4:K{3 + len(rows)}"


def test_without_range_the_message_suggests_it(tmp_path, capsys):
    path = tmp_path / "a.xlsx"
    answers_only(path, survey_rows(1, 30))
    assert main(["skm", str(path), "--sheet", "Jawaban"]) == 2
    assert "--range" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_skm_with_sheet_and_range_equals_ikm(tmp_path, capsys, jobs):
    surveys = {name: survey_rows(seed, 40 + seed) for seed, name in enumerate(["a", "b"], start=1)}
    ranges = {name: answers_only(tmp_path / f"{name}.xlsx", rows) for name, rows in surveys.items()}
    assert len(set(ranges.values())) == 2
    # one range for the batch: the larger; the rows below the smaller file's answers are empty
    cell_range = max(ranges.values(), key=lambda r: int(r.split("K")[1]))
    assert main(["skm", str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"), "--sheet", "Jawaban", "--range",
                 cell_range, "--json", "--jobs", jobs]) == 0
    result = json.loads(capsys.readouterr().out)
    for name, rows in surveys.items():
        (group,) = [g for g in result["berkas"] if g["berkas"].endswith(f"{name}.xlsx")]
        assert group["responden"] == len(rows)
        assert group["ikm"] == pytest.approx(ikm_by_hand(rows)[0], rel=1e-12)
        assert main(["ikm", str(tmp_path / f"{name}.xlsx"), "--sheet", "Jawaban", "--range", ranges[name],
                     "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["ikm"] == pytest.approx(group["ikm"], rel=1e-12)
    everyone = surveys["a"] + surveys["b"]
    assert result["gabungan"]["ikm"] == pytest.approx(ikm_by_hand(everyone)[0], rel=1e-12)
