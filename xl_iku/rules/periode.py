"""Survey periods from a response date: semester, triwulan or year, labelled as reports write them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..errors import InputError

ROMAWI = ("I", "II", "III", "IV")
GRANULARITIES = ("semester", "triwulan", "tahun")


def period_of(date: dt.date, granularity: str = "semester") -> tuple[tuple[int, int], str]:
    """(sort key, label): 2025-03-02 → ((2025, 1), "2025 Semester I")."""
    if granularity == "semester":
        part = 1 if date.month <= 6 else 2
        return (date.year, part), f"{date.year} Semester {ROMAWI[part - 1]}"
    if granularity == "triwulan":
        part = (date.month - 1) // 3 + 1
        return (date.year, part), f"{date.year} Triwulan {ROMAWI[part - 1]}"
    if granularity == "tahun":
        return (date.year, 0), str(date.year)
    raise InputError(f"Jenis periode '{granularity}' tidak dikenal. Pilih: {', '.join(GRANULARITIES)}.")


#: Month names as Indonesian forms and reports write them (full and short), and English ones from form services.
_MONTHS = {name: i for i, names in enumerate((
    ("januari", "jan", "january"), ("februari", "feb", "pebruari", "february"), ("maret", "mar", "march"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("agustus", "agu", "agt", "aug", "august"), ("september", "sep", "sept"), ("oktober", "okt", "oct", "october"),
    ("november", "nov", "nop", "nopember"), ("desember", "des", "dec", "december")), start=1) for name in names}
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ T]\d{1,2}[:.]\d{2}.*)?$")
_WORDS = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?:\s+\d{1,2}[:.]\d{2}.*)?$")


def month_first_order(texts: Iterable[str]) -> bool:
    """Whether a column's numeric dates are written month first ("7/13/2025", as a US-set form service writes
    them), judged from all its values: a first number above 12 proves day first, a second number above 12 proves
    month first. No proof either way reads day first, as Indonesian forms write dates; proof of both is an error
    (which order a date such as 5/6/2025 means cannot then be told)."""
    day_first = month_first = None
    for text in texts:
        match = _NUMERIC.match(" ".join(text.split()))
        if not match or len(match.group(3)) != 4:
            continue
        a, b = int(match.group(1)), int(match.group(2))
        if a > 12 and b <= 12:
            day_first = day_first or text
        elif b > 12 and a <= 12:
            month_first = month_first or text
        if day_first and month_first:
            raise InputError(
                f"Kolom Tanggal memuat tanggal yang ditulis hari dulu ('{day_first}') dan bulan dulu "
                f"('{month_first}'): urutan tanggal seperti 5/6/2025 tidak dapat dipastikan. Samakan cara penulisan "
                "tanggal di kolom itu (misalnya 13/07/2025), atau ubah menjadi sel tanggal Excel."
            )
    return month_first is not None


def undecided_order(texts: Iterable[str]) -> str | None:
    """A numeric date of the column whose order nothing proves ("5/6/2025" where no date has a day above 12), when
    the order changes what it means; None when the column proves its order or no date depends on it."""
    undecided = None
    for text in texts:
        match = _NUMERIC.match(" ".join(text.split()))
        if not match or len(match.group(3)) != 4:
            continue
        a, b = int(match.group(1)), int(match.group(2))
        if (a > 12) != (b > 12):
            return None  # proved one way (month_first_order says which)
        if a != b and a <= 12 and b <= 12:
            undecided = undecided or text
    return undecided


def parse_date(text: str, month_first: bool = False) -> dt.date | None:
    """A survey date written as text: day first as an Indonesian form service writes it ("26/11/2026 14:03:12",
    "26-11-2026"), year first ("2026-11-26", "2026/11/26 2:03:12 PM GMT+8"), or in words ("Kamis, 26 November
    2026"). None when it is none of these (or not a real date)."""
    value = " ".join(text.split()).lower()
    try:
        match = _NUMERIC.match(value)
        if match:
            a, b, c = match.groups()
            if len(a) == 4:
                return dt.date(int(a), int(b), int(c))
            if len(c) == 4:
                return dt.date(int(c), int(a), int(b)) if month_first else dt.date(int(c), int(b), int(a))
            return None
        match = _WORDS.match(value)
        if match and match.group(2) in _MONTHS:
            return dt.date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:  # 31/02/2026
        return None
    return None
