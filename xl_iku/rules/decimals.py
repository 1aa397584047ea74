"""How many decimals a number was written with, so it prints as staff wrote it (`0,890`, `97,60`, `5`).

A number reaches xl-iku three ways, and each says its decimals differently:
- typed as text (`"0,890"`, `"1.234,5"`): the digits after the decimal comma (or point) as typed;
- a number in a cell with a number format (`0.000`, `#,##0.00`, `0.0%`): the decimals the format shows, since that
  is what staff see in the cell;
- a number in a General cell: the digits of the number itself (0,865 → 3; 5 → 0), as General shows it.
A percent format shows the number × 100 (0,85 as `85%`): what staff wrote is 85, so `shown_value` multiplies.

An indicator prints all its numbers with the most decimals among them (`places_of`), so a target row reads
`70,00 70,35 70,75` and not `70 70,35 70,75`. Pure functions: readers pass values and format codes; layouts print
with `layout.styles.fixed(places)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from numbers import Real

#: Decimals shown when nothing says otherwise (an indicator with no number at all): the reports' habit.
DEFAULT_PLACES = 2
#: At most this many: a General cell holding 1/3 shows 0,333333333; paper never needs more than this.
MAX_PLACES = 6

#: Excel's built-in number formats (numFmtId → code) that a cell may use without a <numFmt> of its own.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    12: "# ?/?", 13: "# ??/??", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0", 49: "@",
}

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # literal text, escapes, [colour]/[$-421] tags, padding


def _first_section(code: str) -> str:
    """The part of a format code that shows positive numbers, without literal text and tags."""
    return _QUOTED.sub("", code or "").split(";")[0]


def is_percent_format(code: str | None) -> bool:
    """A number format that shows the value × 100 with a `%` (`0%`, `0.00%`, `[$-421]0,0%`)."""
    return "%" in _first_section(code or "")


def format_places(code: str | None) -> int | None:
    """Decimals a number format shows, or None when the format leaves it to the number (General, text, scientific,
    fractions, or a format that is not a number format at all)."""
    section = _first_section(code or "").strip()
    if not section or section.lower() in ("general", "@") or re.search(r"[eE][+-]|\?|/", section):
        return None
    if not re.search(r"[0#]", section):
        return None  # a date, a time, or literal text only
    if re.search(r"[dmyhs]", section.lower()):
        return None  # a date or time format
    if "." not in section:
        return 0
    digits = re.match(r"[0#?]*", section.split(".", 1)[1])
    return len(digits.group(0)) if digits else 0


def text_places(text: str) -> int:
    """Decimals of a number typed as text: digits after its decimal comma, or after a point that is not a thousands
    separator (`0,890` → 3, `1.234,5` → 1, `97.6` → 1, `2.500` → 0)."""
    compact = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in compact:
        return len(compact.rsplit(",", 1)[1])
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", compact):
        return 0  # 1.500: dots grouping thousands (a count)
    if re.fullmatch(r"[+-]?\d+\.\d+", compact):
        return len(compact.split(".", 1)[1])
    return 0


def number_places(number: float) -> int:
    """Decimals of a number as General shows it: 0,865 → 3, 5.0 → 0, 0,1 + 0,2 → 1 (binary noise shed)."""
    text = repr(round(float(number), MAX_PLACES))
    if "e" in text or "E" in text:
        mantissa, exponent = text.lower().split("e")
        digits = len(mantissa.split(".", 1)[1].rstrip("0")) if "." in mantissa else 0
        return max(0, min(MAX_PLACES, digits - int(exponent)))
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text else 0


def shown_value(value: float, code: str | None) -> float:
    """The number a cell shows: its value, or its value × 100 under a percent format (0,85 shown as 85%)."""
    return round(value * 100, 10) if is_percent_format(code) else value


def written_places(value: object, code: str | None = None) -> int | None:
    """Decimals `value` was written with: from its text, its cell's number format, or the number itself; None for
    a blank or a value that is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return min(MAX_PLACES, text_places(value)) if value.strip() else None
    if isinstance(value, Real):
        places = format_places(code)
        if places is None:
            places = number_places(shown_value(float(value), code))
        return min(MAX_PLACES, places)
    return None


def places_of(places: Iterable[int | None], default: int = DEFAULT_PLACES) -> int:
    """The decimals to print a group of numbers with (one indicator's): the most any of them was written with."""
    known = [p for p in places if p is not None]
    return max(known) if known else default


def realisasi_places(places: int, computed: bool) -> int:
    """Decimals of a realisasi: its indicator's, but at least the two a computed score (IKM, Nilai AKIP taken from
    the SKM or AKIP sheet, 88,31) is reported with."""
    return max(places, 2) if computed else places
