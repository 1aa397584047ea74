"""A survey's dates, written as form services write them, land in the period they name (issue 21 item 6).

Random dates are written as text, day first or month first (a US-set form service), padded or not, with "/", "-" or
".", with or without a time, some in ISO form, in a CSV export and, the same texts, in an .xlsx. The order of the
whole column is decided from all its values: when one date proves it (a day above 12), every row's triwulan and
semester must be the one of the date written; when nothing proves it, the column is read day first, as Indonesian
forms write dates, and each row lands where that reading puts it.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from xl_iku.model.skm_report import period_codes  # noqa: E402
from xl_iku.readers.skm import read_survey  # noqa: E402

CODES = [f"U{i}" for i in range(1, 10)]
ROMAN = ("I", "II", "III", "IV")

#: any day, and often one at the edge of the proof: day 12 proves nothing, day 13 proves the order
dates = st.one_of(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)),
                  st.builds(dt.date, st.integers(2024, 2026), st.integers(1, 12), st.sampled_from([1, 12, 13])))


@st.composite
def columns(draw):
    when = draw(st.lists(dates, min_size=1, max_size=30))
    month_first = draw(st.booleans())
    pad, separator, time = draw(st.booleans()), draw(st.sampled_from("/-.")), draw(st.booleans())
    iso = draw(st.lists(st.booleans(), min_size=len(when), max_size=len(when)))

    def text(day: dt.date, as_iso: bool) -> str:
        if as_iso:
            return day.isoformat()
        first, second = (day.month, day.day) if month_first else (day.day, day.month)
        written = (f"{first:02d}{separator}{second:02d}" if pad else f"{first}{separator}{second}")
        return f"{written}{separator}{day.year}" + (" 10:22:33" if time else "")

    return when, [text(day, as_iso) for day, as_iso in zip(when, iso)], month_first, iso


def period(day: dt.date, granularity: str) -> str:
    if granularity == "semester":
        return f"{day.year} Semester {ROMAN[(day.month - 1) // 6]}"
    return f"{day.year} Triwulan {ROMAN[(day.month - 1) // 3]}"


def read_as(day: dt.date, month_first: bool, proven: bool, as_iso: bool) -> dt.date:
    """The date a reader that follows the rule reads: as written when the column proves its order, else day first."""
    if as_iso or proven or not month_first:
        return day
    return dt.date(day.year, day.day, day.month)  # month first, read day first: both numbers are 12 or less


def write(folder, texts, kind):
    rows = [["Timestamp", *CODES]] + [[text, *([3] * 9)] for text in texts]
    if kind == "csv":
        path = folder / "survei.csv"
        with open(path, "w", newline="", encoding="utf-8") as stream:
            csv.writer(stream).writerows(rows)
        return path
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Survei")
    for row in rows:
        sheet.append(row)
    path = folder / "survei.xlsx"
    book.save(path)
    return path


@settings(max_examples=60)
@given(columns(), st.sampled_from(["csv", "xlsx"]), st.sampled_from(["semester", "triwulan"]))
def test_each_date_lands_in_the_period_it_names(tmp_path_factory, column, kind, granularity):
    when, texts, month_first, iso = column
    proven = any(day.day > 12 and day.day != day.month for day, as_iso in zip(when, iso) if not as_iso)
    table = read_survey(write(tmp_path_factory.mktemp("tanggal"), texts, kind))
    ids, periods = period_codes(table, granularity)
    got = [periods[i][1] for i in ids]
    assert got == [period(read_as(day, month_first, proven, as_iso), granularity)
                   for day, as_iso in zip(when, iso)], texts
