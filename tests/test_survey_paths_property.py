"""One survey, every way it reaches the IKM, one answer (issue 21's gravest class: a silent wrong IKM).

The same respondents, drawn at random, are written as an .xlsx (calamine's rectangle: answers looked up once into
bytes, counted without numpy), as a CSV export (kept one byte a cell, counted per column, across the CSV reader's
4,096-row blocks when the survey is large), and passed to the Python API as lists and as a DataFrame (the numpy path).
Every path must give what the rule gives when worked out by hand with exact fractions (PermenPANRB 14/2017: per unsur
the mean of the answers given, blanks left out; weight 1/n; × 25; mutu from the IKM rounded half up to two
decimals), with titles above the header, blank and unanswered rows among the respondents, summary rows below them,
answers written as numbers, texts or the scale's words, and, with `--nol-kosong`, 0 written for "not answered". Fixtures prove the cases someone thought of; this draws the
rest.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import xl_iku  # noqa: E402
from xl_iku.model.survey import survey_summary  # noqa: E402
from xl_iku.readers.csv_source import BLOCK  # noqa: E402
from xl_iku.readers.skm import read_survey  # noqa: E402

CODES = [f"U{i}" for i in range(1, 10)]
#: PermenPANRB 14/2017's conversion table, written out here as the regulation states it (the oracle's own copy)
MUTU = ((Decimal("88.31"), "A"), (Decimal("76.61"), "B"), (Decimal("65.00"), "C"), (Decimal("25.00"), "D"))

answer = st.sampled_from([1, 2, 3, 4, 4, 3, 3, None])
respondent = st.lists(answer, min_size=9, max_size=9)


@st.composite
def surveys(draw):
    rows = draw(st.lists(respondent, min_size=1, max_size=40))
    rows.append(draw(st.lists(st.sampled_from([1, 2, 3, 4]), min_size=9, max_size=9)))  # every unsur answered
    rows = draw(st.permutations(rows))
    if draw(st.booleans()):  # a large export: the rows repeated past the CSV reader's first block
        rows = (rows * (BLOCK // len(rows) + 2))[:BLOCK + draw(st.integers(1, 50))]
    return dict(rows=rows, titles=draw(st.integers(0, 2)), summary=draw(st.booleans()),
                zero_blank=draw(st.booleans()), separator=draw(st.sampled_from([",", ";"])))


#: How an office's sheet may write an answer n besides the number: as text, padded, with the decimal comma of a
#: sheet set to Indonesian, or as the generic scale's words (with an option letter)
SPELLINGS = {
    "text": lambda n: str(n),
    "padded": lambda n: f" {n} ",
    "decimal comma": lambda n: f"{n},0",
    "words": lambda n: ("Tidak puas", "Kurang puas", "Puas", "Sangat puas")[n - 1],
    "lettered": lambda n: f"{'abcd'[n - 1]}. {('Tidak puas', 'Kurang puas', 'Puas', 'SANGAT PUAS')[n - 1]}",
}


def exact(rows):
    """(IKM as a Fraction, NRR per unsur, respondents, mutu) worked out from the rule, nothing of xl-iku's."""
    nrr = []
    for j in range(9):
        given_ = [row[j] for row in rows if row[j] is not None]
        nrr.append(Fraction(sum(given_), len(given_)))
    ikm = sum(nrr) / 9 * 25
    shown = Decimal(ikm.numerator) / Decimal(ikm.denominator)
    rounded = shown.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    mutu = next(code for floor, code in MUTU if rounded >= floor)
    return ikm, nrr, sum(any(v is not None for v in row) for row in rows), mutu


def sheet_rows(survey, spelling=None):
    """The sheet as a form service or a web app would lay it out: titles, a header, the respondents (a name each),
    then, sometimes, a row of sums and a row of averages."""
    blank = 0 if survey["zero_blank"] else None
    spell = SPELLINGS.get(spelling, lambda n: n)
    out = [[f"Rekap Survei Kepuasan Masyarakat {i + 1}"] + [None] * 9 for i in range(survey["titles"])]
    if survey["titles"]:
        out.append([None] * 10)
    out.append(["Nama", *CODES])
    out += [[f"Responden {i + 1}", *(blank if v is None else spell(v) for v in row)]
            for i, row in enumerate(survey["rows"])]
    if survey["summary"]:
        columns = list(zip(*survey["rows"]))
        out.append(["Jumlah", *(sum(v for v in c if v is not None) for c in columns)])
        out.append(["Rata-rata", *(round(sum(v for v in c if v is not None) / sum(v is not None for v in c), 2)
                                   for c in columns)])
    return out


def write_xlsx(path, rows):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data SKM")
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_csv(path, rows, separator):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, delimiter=separator).writerows(["" if v is None else v for v in row] for row in rows)


def assert_is(result, expected):
    ikm, nrr, responden, mutu = expected
    assert result.responden == responden
    assert [u.nrr for u in result.unsur] == pytest.approx([float(x) for x in nrr], abs=1e-12)
    assert result.ikm == pytest.approx(float(ikm), abs=1e-9)
    assert result.category.code == mutu


@pytest.mark.parametrize("spelling", [None, *SPELLINGS])
@settings(max_examples=20)
@given(survey=surveys())
def test_every_path_gives_the_rules_ikm(tmp_path_factory, spelling, survey):
    event("past the first block" if len(survey["rows"]) > BLOCK else "one block")
    expected = exact(survey["rows"])
    rows = sheet_rows(survey, spelling)
    folder = tmp_path_factory.mktemp("survey")
    write_xlsx(folder / "survei.xlsx", rows)
    write_csv(folder / "survei.csv", rows, survey["separator"])
    for name in ("survei.xlsx", "survei.csv"):
        table = read_survey(folder / name, zero_blank=survey["zero_blank"])
        assert_is(survey_summary(table), expected)
        if survey["summary"]:  # the summary rows are named as left out, never counted
            assert table.left_out[-2:] == [f"baris {len(rows) - 1} ('Jumlah')", f"baris {len(rows)} ('Rata-rata')"]
    assert xl_iku.ikm_score(survey["rows"]) == pytest.approx(float(expected[0]), abs=1e-9)


@settings(max_examples=15)
@given(surveys())
def test_the_dataframe_path_gives_the_rules_ikm(survey):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(survey["rows"], columns=CODES, dtype="Int64")
    ikm, nrr, _, mutu = exact(survey["rows"])
    assert xl_iku.ikm_score(frame) == pytest.approx(float(ikm), abs=1e-9)
    table = xl_iku.ikm_table(frame)
    assert list(table["nrr"]) == pytest.approx([float(x) for x in nrr], abs=1e-12)
