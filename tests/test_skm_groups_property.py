"""`xl-iku skm` on many offices' files: every unit × period row and the combined figure equal the rule worked out
by hand, and a small group in which nobody answered one unsur has no IKM of its own but never costs its file or the
combined figure its respondents.

Before, such a group failed its whole file (exit 1): a kecamatan whose one loket had two respondents who both left
U6 blank dropped out of the kabupaten's combined IKM, although its survey is sound.
"""

from __future__ import annotations

import csv
import json
from fractions import Fraction

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from xl_iku.batch import run_batch  # noqa: E402
from xl_iku.cli import main  # noqa: E402

CODES = [f"U{i}" for i in range(1, 10)]
UNITS = ["Loket A", "Loket B", ""]
#: one date per semester of 2025, day first as an Indonesian form writes it
DATES = {"2025 Semester I": "13/02/2025 09:00", "2025 Semester II": "14/08/2025 10:30"}

answers = st.lists(st.sampled_from([1, 2, 3, 4, 4, 3, None, None]), min_size=9, max_size=9)
respondent = st.tuples(st.sampled_from(UNITS), st.sampled_from(sorted(DATES)), answers)


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Timestamp", "Unit", *CODES])
        for unit, period, cells in rows:
            writer.writerow([DATES[period], unit, *("" if v is None else v for v in cells)])


def exact(rows):
    """(IKM, respondents) of these rows by the rule with exact fractions; IKM None when an unsur has no answer."""
    given_ = [[r[2][j] for r in rows if r[2][j] is not None] for j in range(9)]
    responden = sum(any(v is not None for v in r[2]) for r in rows)
    if not all(given_):
        return None, responden
    return sum(Fraction(sum(g), len(g)) for g in given_) / 9 * 25, responden


@settings(max_examples=40)
@given(st.lists(st.lists(respondent, min_size=1, max_size=12), min_size=1, max_size=4))
def test_every_row_and_the_combined_figure_follow_the_rule(tmp_path_factory, offices):
    folder = tmp_path_factory.mktemp("kabupaten")
    paths = []
    for number, rows in enumerate(offices):
        paths.append(folder / f"kantor{number}.csv")
        write(paths[-1], rows)
    batch = run_batch(paths)
    counted, seen = [], []
    for path, rows in zip(paths, offices):
        if rows in seen:  # the same survey in a second file: counted once, with a warning
            assert any(str(path) in warning for warning in batch.warnings)
            assert not [g for g in batch.groups if g.berkas == str(path)]
            continue
        seen.append(rows)
        whole, _ = exact(rows)
        if whole is None or not any(any(v is not None for v in r[2]) for r in rows):
            assert [f.error for f in batch.failed if f.berkas == str(path)], path  # the file itself has no IKM
            continue
        counted += rows
        got = {(g.unit, g.periode): g for g in batch.groups if g.berkas == str(path)}
        expected = {}
        for unit, period, cells in rows:
            expected.setdefault((unit or path.stem, period), []).append((unit, period, cells))
        expected = {key: group for key, group in expected.items() if exact(group)[1]}  # rows with some answer
        assert set(got) == set(expected)
        for key, group in expected.items():
            ikm, responden = exact(group)
            assert got[key].responden == responden
            if ikm is None:
                assert got[key].result is None and "tidak berisi satu jawaban pun" in got[key].keterangan
            else:
                assert got[key].result.ikm == pytest.approx(float(ikm), abs=1e-9)
    ikm, responden = exact(counted) if counted else (None, 0)
    if ikm is None:
        assert batch.combined is None
    else:
        assert batch.combined.responden == responden
        assert batch.combined.ikm == pytest.approx(float(ikm), abs=1e-9)


def test_a_group_without_an_unsur_keeps_its_file_in_the_combined_figure(tmp_path, capsys):
    rows = [("Loket A", "2025 Semester I", [3, 3, 4, 2, 3, 3, 4, 4, 1]),
            ("Loket B", "2025 Semester I", [3, 2, 4, 2, 3, None, 4, 4, 2]),  # nobody at Loket B answered U6
            ("Loket A", "2025 Semester II", [4] * 9)]
    write(tmp_path / "wotu.csv", rows)
    assert main(["skm", str(tmp_path / "wotu.csv"), "--json", "--csv", str(tmp_path / "hasil.csv"),
                 "-o", str(tmp_path / "ringkasan.xlsx")]) == 0
    out = json.loads(capsys.readouterr().out)
    loket_b = next(row for row in out["berkas"] if row["unit"] == "Loket B")
    assert loket_b["ikm"] is None and loket_b["responden"] == 1
    assert loket_b["keterangan"].startswith("Unsur U6 Kompetensi Pelaksana tidak berisi satu jawaban pun")
    assert out["gabungan"]["responden"] == 3 and out["gabungan"]["ikm"] == pytest.approx(float(exact(rows)[0]))
    assert out["gagal"] == []
    with open(tmp_path / "hasil.csv", encoding="utf-8") as stream:
        table = {row["unit"]: row for row in csv.DictReader(stream)}
    assert table["Loket B"]["ikm"] == "" and "U6" in table["Loket B"]["keterangan"]
    assert table["Loket A"]["keterangan"] == ""
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "ringkasan.xlsx")["Ringkasan SKM"]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[2].value == "Loket B")
    assert [c.value for c in row[4:7]] == [1, "–", "–"] and row[7].value.startswith("Tanpa IKM: Unsur U6")
    assert main(["skm", str(tmp_path / "wotu.csv")]) == 0
    assert "Catatan: wotu.csv, unit 'Loket B', periode 2025 Semester I: tanpa IKM." in capsys.readouterr().out


def test_an_unsur_nobody_in_the_file_answered_still_fails_the_file(tmp_path, capsys):
    write(tmp_path / "a.csv", [("Loket A", "2025 Semester I", [3, 3, 4, 2, 3, None, 4, 4, 1])])
    write(tmp_path / "b.csv", [("", "2025 Semester I", [4] * 9)])
    assert main(["skm", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["berkas"] for f in out["gagal"]] == [str(tmp_path / "a.csv")]
    assert "U6 Kompetensi Pelaksana (kolom H kosong" in out["gagal"][0]["alasan"]
    assert out["gabungan"]["responden"] == 1
