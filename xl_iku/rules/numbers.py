"""Numbers as staff type them: Indonesian decimal comma, text cells, and the rounding reports use.

Kept apart so every rule (IKM, AKIP, capaian) and every reader (Data IKU, survey sheets) reads a number the same way.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

from ..errors import InputError

_PLAIN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_GROUPED_ID = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234.567,89
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")  # 1.234: thousands (id) or decimals (en)?
_THOUSANDS = r"\d{1,3}(?:\.\d{3})+"  # 2.500, 1.234.567: dots that group thousands
_GROUPED_COUNT = re.compile(rf"^{_THOUSANDS}$")  # a count has no decimals


def parse_number(value: object, what: str = "nilai", example: str = "71,2") -> float:
    """A finite float from a number or from text such as "71,2", "1.234,5" or " 85 ".

    "1.234" is refused: in Indonesian it is one thousand two hundred thirty-four, in an English-locale sheet it is
    one point two three four, and guessing would be a silently wrong number.
    """
    if isinstance(value, bool) or value is None:
        raise InputError(f"{what} harus berupa angka, bukan {_describe(value)}. Isi dengan angka, misalnya {example}.")
    if isinstance(value, Real):
        number = float(value)
    elif isinstance(value, str):
        text = _compact(value)
        if _AMBIGUOUS.match(text):
            raise InputError(
                f"{what} '{value}' ambigu (ribuan atau desimal?). Tulis tanpa titik ribuan (1234) "
                "atau dengan koma desimal (1,234)."
            )
        if _GROUPED_ID.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _PLAIN.match(text):
            text = text.replace(",", ".")
        else:
            raise InputError(f"{what} harus berupa angka, bukan teks '{value}'. Isi dengan angka, misalnya {example}.")
        number = float(text)
    else:
        raise InputError(f"{what} harus berupa angka, bukan {_describe(value)}.")
    if not math.isfinite(number):
        raise InputError(f"{what} bukan angka yang sah ({value!r}). Isi dengan angka terhingga.")
    return number


def parse_count(value: object, what: str = "jumlah") -> int:
    """A whole number of people or things, from a number or text: "2.500" is 2500 here, because a count has no
    decimals, so the dot can only group thousands (the ambiguity `parse_number` refuses does not arise)."""
    if isinstance(value, str) and _GROUPED_COUNT.match(_compact(value)):
        value = _compact(value).replace(".", "")
    number = parse_number(value, what, example="2500 atau 2.500")
    if number < 0 or not number.is_integer():
        raise InputError(f"{what} '{value}' harus bilangan bulat (jumlah orang), misalnya 2500 atau 2.500.")
    return int(number)


_RUPIAH_GROUPED = re.compile(rf"^{_THOUSANDS}(?:,0+)?$")  # 1.250.000.000 (,00 allowed)
_RUPIAH_PLAIN = re.compile(r"^\d+(?:,0+)?$")


def parse_rupiah(value: object, what: str = "Anggaran") -> int:
    """Whole rupiah from a number or from text such as "1.250.000.000", "Rp 350.000" or "350000".

    Unlike `parse_number`, a dot here always groups thousands: budgets are never written with decimal places, so
    "350.000" is three hundred fifty thousand, not 350. Sen (a fraction of a rupiah) and negative amounts are refused.
    """
    if isinstance(value, bool) or value is None:
        raise InputError(f"{what} harus berupa angka rupiah, bukan {_describe(value)}. Isi misalnya 1.250.000.000.")
    if isinstance(value, Real):
        number = float(value)
        if not math.isfinite(number) or not number.is_integer():
            shown = format_id(number, 2) if math.isfinite(number) else str(number)
            raise InputError(f"{what} {shown} bukan rupiah utuh. Isi tanpa sen, misalnya 1250000000.")
    elif isinstance(value, str):
        # "Rp 1.250.000,-": the dash after the comma (or a dot) says "no sen", as ",00" does
        text = re.sub(r"[,.]-+$", "", re.sub(r"^rp\.?", "", _compact(value).lower()))
        if not (_RUPIAH_GROUPED.match(text) or _RUPIAH_PLAIN.match(text)):
            raise InputError(f"{what} harus berupa angka rupiah, bukan teks '{value}'. Isi misalnya 1.250.000.000 "
                             "(titik pemisah ribuan) atau 1250000000.")
        number = float(text.split(",")[0].replace(".", ""))
    else:
        raise InputError(f"{what} harus berupa angka rupiah, bukan {_describe(value)}.")
    if number < 0:
        raise InputError(f"{what} {format_id(number, 0)} negatif. Isi anggaran 0 atau lebih.")
    return int(number)


def _compact(text: str) -> str:
    """Text of a number without the spaces (plain or non-breaking) that typing or pasting leaves in it."""
    return text.strip().replace("\u00a0", "").replace(" ", "")


def round_half_up(value: float, places: int = 2) -> float:
    """Round as reports do (88,305 -> 88,31), after shedding binary noise (88,30499999999999 is 88,305)."""
    if not math.isfinite(value) or abs(value) >= 1e15:  # a float this large has no digit after the point to round
        return float(value)
    exact = Decimal(f"{value:.10f}")
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def format_id(value: float, places: int = 2) -> str:
    """A number written the Indonesian way (88,31), for messages and CLI tables."""
    return f"{round_half_up(value, places):,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def format_exact(value: float) -> str:
    """Every digit a number holds, with the decimal comma (100, 0,75, 2,0000000001): for a message about a value
    that is wrong as typed, where `format_id`'s rounding could show the very number it is not."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")


def _describe(value: object) -> str:
    if value is None:
        return "sel kosong"
    if isinstance(value, bool):
        return f"nilai logika {'TRUE' if value else 'FALSE'}"
    if isinstance(value, str):
        return f"teks '{value}'"
    return f"{type(value).__name__} {value!r}"
