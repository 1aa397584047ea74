"""How plan values read on the printed page (Indonesian dates, codes in parentheses)."""

from __future__ import annotations

import datetime as dt

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def tanggal(value: dt.date | str | None) -> str:
    if isinstance(value, dt.date):
        return f"{value.day} {BULAN[value.month - 1]} {value.year}"
    return value or ""


def with_code(text: str, code: str) -> str:
    """"Meningkatnya … (S1.1)": as the office's document prints them."""
    return f"{text} ({code})" if code else text
