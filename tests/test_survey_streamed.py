"""A large CSV export's profile columns are read a block at a time, when asked (issue 21 item 12): `xl-iku ikm`
never reads them; `xl-iku skm` works out periods and units per block into integer codes and counts the answers one
byte each, with results, digests and messages equal to those of the same rows read whole."""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

import numpy as np
import pytest

from xl_iku import batch, many
from xl_iku.errors import InputError, SheetError
from xl_iku.model.capaian import derived_realisasi
from xl_iku.model.skm_report import (
    TIDAK_DIISI,
    GroupResult,
    period_codes,
    period_labels_of,
    skm_report,
)
from xl_iku.model.survey import survey_summary
from xl_iku.readers.csv_source import BLOCK, ColumnRows
from xl_iku.readers.skm import read_survey, survey_from_rows
from xl_iku.readers.sources import open_source
from xl_iku.rules.ikm import (
    answer_byte,
    answer_bytes,
    ikm_by_group,
    ikm_by_group_coded,
    ikm_summary_bytes,
    ikm_summary_counted,
)

CODES = [f"U{i}" for i in range(1, 10)]


def export(path: Path, rows: int, *, dates=None, seed: int = 7, unit: bool = True) -> Path:
    """A form export of `rows` respondents over a few blocks: a date, a unit, profiles, nine answers (some blank)."""
    rng = random.Random(seed)
    header = ["Timestamp", *(["Unit"] if unit else []), "Jenis Kelamin", "Jenis Layanan", *CODES]
    lines = [header]
    for n in range(rows):
        when = dates(n) if dates else f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}/2025 {rng.randrange(24)}:00:{n % 60:02}"
        lines.append([when, *([rng.choice(["Loket A", "Loket B", ""])] if unit else []),
                      rng.choice(["Laki-laki", "Perempuan", ""]), rng.choice(["KTP", "KK"]),
                      *(rng.choice(["1", "2", "3", "3", "4", ""]) for _ in CODES)])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    return path


def plain_table(path: Path):
    """The same survey read from the same rows as plain lists: profiles held whole, as before."""
    source = open_source(path)
    name = source.sheet_names[0]
    return survey_from_rows(name, [list(row) for row in source.values(name)])


@pytest.fixture
def no_whole_columns(monkeypatch):
    """Fail on any whole-column read of a CSV's rows (a profile column held at once)."""
    def whole(self, index, missing=None):
        raise AssertionError(f"column {index} read whole")
    monkeypatch.setattr(ColumnRows, "column", whole)


def test_ikm_never_reads_the_profiles(tmp_path, monkeypatch):
    path = export(tmp_path / "f.csv", 2 * BLOCK + 50)
    read: list[int] = []
    real = ColumnRows.column
    monkeypatch.setattr(ColumnRows, "column", lambda self, index, missing=None: read.append(index) or
                        real(self, index, missing))
    table = read_survey(path)
    result = survey_summary(table)
    assert "Tanggal" in table.profiles and "Unit" in table.profiles and read == []
    plain = plain_table(path)
    assert result == survey_summary(plain)
    assert table.profiles["Jenis Kelamin"] == plain.profiles["Jenis Kelamin"] and read == [2]  # read when asked
    assert dict(table.profiles) == dict(plain.profiles)


def _old_file_groups(table, stem, granularity="semester"):
    """What `batch.process_file` computed before: a key per row, the float matrix grouped."""
    periods = period_labels_of(table, granularity)
    keys = [(str(u) if u not in (None, "") else stem, p) for u, p in zip(table.profiles["Unit"], periods)]
    results = ikm_by_group(table.answers, keys, names=table.names, codes=table.codes)
    return sorted(((unit, label), r) for (unit, (_, label)), r in results.items())


@pytest.mark.parametrize("granularity", ["semester", "triwulan"])
def test_skm_groups_come_block_by_block_with_the_same_results(tmp_path, no_whole_columns, granularity):
    path = export(tmp_path / "f.csv", 3 * BLOCK + 11)
    outcome, digest = batch.process_file(path, granularity=granularity)
    plain = plain_table(path)
    assert sorted(((g.unit, g.periode), g.result) for g in outcome.groups) == _old_file_groups(plain, "f",
                                                                                                 granularity)
    assert len(outcome.groups) == 3 * (2 if granularity == "semester" else 4)  # Loket A/B/the file × periods
    answers = np.nan_to_num(plain.answers, nan=0).astype(np.uint8)
    assert digest == many.digest(plain.codes, answers.shape, answers.tobytes(), sorted(dict(plain.profiles).items()))


def test_periods_are_coded_a_block_at_a_time(tmp_path, no_whole_columns):
    """The order of dates is decided from the whole column although only one block is held: the one date that
    proves month first sits in the last block, yet the first rows are read month first too."""
    last = 2 * BLOCK + 30
    path = export(tmp_path / "f.csv", last + 1, dates=lambda n: "7/13/2025" if n == last else "2/5/2025 10:00")
    table = read_survey(path)
    ids, periods = period_codes(table, "triwulan")
    assert len(ids) == last + 1 and periods == [((2025, 1), "2025 Triwulan I"), ((2025, 3), "2025 Triwulan III")]
    assert ids[0] == 0 and ids[last] == 1  # 5 February (day first it would be 2 May, Triwulan II)
    assert period_labels_of(plain_table(path), "triwulan") == [periods[i] for i in ids]


def test_dates_written_both_ways_in_different_blocks_still_refused(tmp_path, no_whole_columns):
    path = export(tmp_path / "f.csv", 2 * BLOCK + 5,
                  dates=lambda n: "13/7/2025" if n == 3 else "7/13/2025" if n == 2 * BLOCK else "2/3/2025")
    with pytest.raises(SheetError, match="hari dulu .*bulan dulu"):
        period_codes(read_survey(path))
    with pytest.raises(SheetError, match="hari dulu .*bulan dulu"):
        batch.process_file(path)


def test_a_bad_answer_is_named_by_cell_on_the_coded_path(tmp_path):
    path = export(tmp_path / "f.csv", BLOCK + 20, unit=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[BLOCK + 3].split(",")
    cells[5] = "7"  # U3 of the respondent on line BLOCK + 4
    lines[BLOCK + 3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        batch.process_file(path)
    assert f"F{BLOCK + 4}" in str(raised.value)


def test_answers_one_byte_each_group_as_the_float_matrix_does():
    rng = random.Random(5)
    rows = [tuple(rng.choice([1, 2, 3, 4, None, 3.0]) for _ in range(4)) for _ in range(3000)]
    rows += [(None,) * 4] * 7 + [(None, 2, None, 1)] * 3  # respondents without an answer; a group lacking U1
    groups = [rng.randrange(3) for _ in range(3000)] + [3] * 7 + [4] * 3
    coded = answer_bytes(rows)
    assert coded.dtype == np.uint8 and coded.shape == (3010, 4)
    assert np.array_equal(coded, np.nan_to_num(np.array(rows, dtype=float), nan=0).astype(np.uint8))
    got = ikm_by_group_coded(coded, groups, 5, codes=["A", "B", "C", "D"])
    want = ikm_by_group(rows, groups, codes=["A", "B", "C", "D"])
    assert set(got) == set(want) == {0, 1, 2, 4}  # group 3 has no respondent: left out
    for key in want:
        if isinstance(want[key], InputError):
            assert isinstance(got[key], InputError) and str(got[key]) == str(want[key])
        else:
            assert got[key] == want[key]
    for bad in (True, math.nan, 5, 0, "3", 2.5):
        assert answer_bytes([(1, 2), (bad, 3)]) is None


def test_a_digest_fed_in_pieces_is_the_digest_of_the_whole():
    text = repr([("Tanggal", ["1/2/2025", None, 3]), ("Unit", ["A"])])
    pieces = ["[", "('Tanggal', [", "'1/2/2025', None", ", 3", "])", ", ('Unit', [", "'A'", "])", "]"]
    assert "".join(pieces) == text
    assert many.digest(b"x", many.Pieces(iter(pieces))) == many.digest(b"x", [("Tanggal", ["1/2/2025", None, 3]),
                                                                           ("Unit", ["A"])])


def test_a_csv_surveys_answers_are_kept_one_byte_a_cell(tmp_path):
    """No tuple per respondent: each block's answer columns stay one byte a cell (codes into the block's distinct
    values); rows are built when asked for and equal the rows read as lists."""
    path = export(tmp_path / "f.csv", 2 * BLOCK + 77, unit=False)
    table = read_survey(path)
    plain = plain_table(path)
    assert not isinstance(table.rows, list) and len(table.rows) == 2 * BLOCK + 77
    kept = [column for _, columns in table.rows._parts for column in columns]
    assert all(isinstance(codes, bytes) and len(values) <= 6 for codes, values in kept)
    assert sum(len(codes) for codes, _ in kept) == 9 * len(table.rows)
    assert table.rows == plain.rows and list(table.rows[BLOCK - 3:BLOCK + 3]) == plain.rows[BLOCK - 3:BLOCK + 3]
    assert table.rows[-1] == plain.rows[-1] and table.rows[BLOCK] == plain.rows[BLOCK]
    assert [bytes(map(answer_byte, (row[j] for row in plain.rows))) for j in range(9)] == table.byte_columns
    assert survey_summary(table) == survey_summary(plain)
    assert np.array_equal(table.answers, plain.answers, equal_nan=True)
    assert np.array_equal(table.answer_bytes, answer_bytes(plain.rows))


def test_summary_rows_in_the_last_block_leave_the_answers_in_bytes(tmp_path):
    """A summary row's sums (300) share the last block with respondents; they are no answer of the survey, so the
    answers are still counted from their bytes, with the IKM of the same rows read as lists."""
    path = export(tmp_path / "f.csv", BLOCK + 40, unit=False)
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["Jumlah", "", "", *(["300"] * 9)])
    table = read_survey(path)
    assert table.left_out and len(table.rows) == BLOCK + 40 and table.byte_columns is not None
    assert survey_summary(table) == survey_summary(plain_table(path))


@pytest.mark.parametrize("cell, message", [("7", "F"), ("Sangat Baik", None)])
def test_answers_that_are_no_plain_number_take_the_careful_path(tmp_path, cell, message):
    """A cell that is no plain answer (a 7, an answer written as its label) leaves the bytes: the careful path
    names a wrong one by cell, or reads a label, as for rows read as lists."""
    path = export(tmp_path / "f.csv", BLOCK + 20, unit=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[BLOCK + 3].split(",")
    cells[5] = cell
    lines[BLOCK + 3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_survey(path)
    assert table.byte_columns is None
    if message:
        with pytest.raises(InputError, match=f"{message}{BLOCK + 4}"):
            survey_summary(table)
    else:
        assert survey_summary(table) == survey_summary(plain_table(path))


def test_answers_counted_from_bytes_as_from_rows():
    rng = random.Random(9)
    rows = [tuple(rng.choice([1, 2, 3, 4, None]) for _ in range(9)) for _ in range(5000)] + [(None,) * 9] * 4
    columns = [bytes(map(answer_byte, (row[j] for row in rows))) for j in range(9)]
    assert ikm_summary_bytes(columns, codes=CODES) == ikm_summary_counted(rows, codes=CODES)
    assert ikm_summary_bytes(columns, "0,11", codes=CODES) == ikm_summary_counted(rows, "0,11", codes=CODES)
    assert ikm_summary_bytes([bytes(3), b"\x01\x02\x03"]) is None  # an unsur nobody answered: the careful path
    assert [answer_byte(v) for v in (1, 4.0, None, True, 0, 5, 2.5, math.nan, "3")] == [1, 4, 0] + [None] * 6


def test_hasil_skm_breakdowns_come_from_codes_with_the_same_results(tmp_path, no_whole_columns):
    """The Hasil SKM report's groups (by layanan, by profile) and periods, each coded a block at a time and counted
    from the answers one byte each: the same results as labels per row over the float matrix; a group in which an
    unsur has no answer still shows its respondents."""
    path = export(tmp_path / "f.csv", 2 * BLOCK + 9)
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["3/4/2025", "Loket A", "Perempuan", "Izin", "", *(["3"] * 8)]] * 5)
    report = skm_report(read_survey(path))
    plain = plain_table(path)

    def old(labels):
        results = ikm_by_group(plain.answers, labels, names=plain.names, codes=plain.codes)
        return {k: (r.responden, r.ikm) if not isinstance(r, InputError) else None for k, r in results.items()}

    for name in ("Jenis Kelamin", "Jenis Layanan"):
        got = {g.label: (g.responden, g.ikm) if g.ikm is not None else None for g in report.groups[name]}
        assert got == old([v if v is not None else TIDAK_DIISI for v in plain.profiles[name]])  # labels as written
    assert [g for g in report.groups["Jenis Layanan"] if g.label == "Izin"] == [GroupResult("Izin", 5, None, None)]
    assert [g.label for g in report.groups["Jenis Kelamin"]] == ["Laki-laki", "Perempuan", TIDAK_DIISI]
    periods = {g.label: (g.responden, g.ikm) for g in report.periods}
    assert periods == old([label for _, label in period_labels_of(plain)])
    assert list(periods) == ["2025 Semester I", "2025 Semester II"]


def test_the_yearly_ikm_for_the_iku_sheet_comes_from_codes(tmp_path, no_whole_columns):
    """The IKM of each year's respondents that the IKU sheet takes as realisasi (`capaian.derived_realisasi`):
    periods coded a block at a time, the same numbers as the float matrix grouped by a year label per row."""
    path = export(tmp_path / "f.csv", 2 * BLOCK + 3, dates=lambda n: f"{n % 28 + 1}/5/{2024 + n % 2}")
    report = skm_report(read_survey(path), granularity="tahun")
    plain = plain_table(path)
    years = [label for _, label in period_labels_of(plain, "tahun")]
    want = {int(k): r.ikm for k, r in ikm_by_group(plain.answers, years, codes=plain.codes).items()}
    assert derived_realisasi([], report)["SKM"] == want and set(want) == {2024, 2025}


def test_the_roll_ups_yearly_totals_come_from_codes(tmp_path, no_whole_columns):
    """`xl-iku rekap`'s per-year sums and counts of a survey: years coded a block at a time from each block's
    distinct dates, totals counted from one byte per answer; the same as the float matrix summed by a year per row
    (rows whose Tanggal is no date, or empty, belong to no year)."""
    from xl_iku.model.skm_report import survey_dates
    from xl_iku.rekap import SurveyTotals, _survey_totals

    def when(n):
        return "bukan tanggal" if n % 97 == 0 else "" if n % 89 == 0 else f"{n % 28 + 1}/{n % 12 + 1}/{2024 + n % 2}"
    path = export(tmp_path / "f.csv", 2 * BLOCK + 3, dates=when)
    got = _survey_totals(read_survey(path))
    plain = plain_table(path)
    dates = survey_dates(plain.profiles["Tanggal"])
    years = np.array([dates[v].year if dates.get(v) else -1 for v in plain.profiles["Tanggal"]])
    given = ~np.isnan(plain.answers)
    want = {year: SurveyTotals(int(given[years == year].any(axis=1).sum()),
                               tuple(float(v) for v in np.where(given, plain.answers, 0)[years == year].sum(axis=0)),
                               tuple(int(v) for v in given[years == year].sum(axis=0))) for year in (2024, 2025)}
    assert got == want


@pytest.mark.parametrize("zero", ["0", "0.0", "0,0", " 0 "])
def test_a_zero_written_as_text_is_blank_with_nol_kosong_in_every_row(tmp_path, zero):
    """--nol-kosong reads every zero as not answered (`is_zero`: 0, "0", "0.0", "0,0"), whether or not its row also
    holds a blank: a CSV export and the same rows as lists give the same IKM, the zero's unsur answered once less."""
    path = tmp_path / "z.csv"
    lines = [["Timestamp", *CODES], ["1/2/2025", *"123433333"], ["1/2/2025", "1", "2", zero, *"433333"]]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    stored = survey_summary(read_survey(path, zero_blank=True))
    plain = survey_summary(survey_from_rows("z", [list(row) for row in lines], zero_blank=True))
    assert stored == plain and [u.n for u in plain.unsur] == [2, 2, 1, 2, 2, 2, 2, 2, 2]
