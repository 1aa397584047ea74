"""Respondent profile answers as offices write them, read as the questionnaire's choices.

The Data SKM sheet offers `Laki-laki`/`Perempuan`, `SD` … `S3` and a Pekerjaan list, but a survey typed elsewhere or
exported from a form writes `L`, `Pria`, `SLTA`, `S-1`, `25 tahun`. Counted as written, "IKM per Jenis Kelamin" had
nine rows and its `Laki-laki` row held a fraction of the men. Each spelling below is one the choice plainly means (a
synonym or an equal school level); anything else keeps a row of its own: nothing is guessed.
"""

from __future__ import annotations

import math
import re
from typing import Any

#: The choices of each profile column, in the order reports list them (the Data SKM sheet validates against these).
PROFILE_CHOICES: dict[str, tuple[str, ...]] = {
    "Jenis Kelamin": ("Laki-laki", "Perempuan"),
    "Pendidikan": ("SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"),
    "Pekerjaan": ("PNS", "TNI/Polri", "Swasta", "Wiraswasta", "Petani/Nelayan", "Pelajar/Mahasiswa", "Lainnya"),
}

#: Other spellings of each choice, written as `_key` leaves them (lower case; no space around / and -; no
#: "sederajat"). A choice's own name is always one of its spellings.
SPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "Jenis Kelamin": {
        "Laki-laki": ("l", "lk", "laki", "laki laki", "lakilaki", "pria"),
        "Perempuan": ("p", "pr", "wanita"),
    },
    "Pendidikan": {
        "SD": ("mi", "sd/mi", "sekolah dasar", "sd ke bawah"),
        "SMP": ("sltp", "mts", "smp/mts"),
        "SMA": ("slta", "smk", "smu", "stm", "ma", "sma/smk", "sma/ma", "sma/smk/ma"),
        "D1-D3": ("d1", "d2", "d3", "d-1", "d-2", "d-3", "d i", "d ii", "d iii", "d-i", "d-ii", "d-iii", "diii",
                  "d1/d2/d3", "d1-d2-d3", "diploma"),
        "D4/S1": ("d4", "d-4", "d iv", "d-iv", "div", "s1", "s-1", "d4-s1", "s1/d4", "sarjana"),
        "S2": ("s-2", "magister"),
        "S3": ("s-3", "doktor"),
    },
    "Pekerjaan": {
        "PNS": ("asn", "pegawai negeri", "pegawai negeri sipil"),
        "TNI/Polri": ("tni", "polri", "polisi"),
        "Swasta": ("pegawai swasta", "karyawan swasta"),
        "Wiraswasta": ("wirausaha",),
        "Petani/Nelayan": ("petani", "nelayan"),
        "Pelajar/Mahasiswa": ("pelajar", "mahasiswa", "siswa"),
        "Lainnya": ("lain-lain", "lain lain"),
    },
}

#: Age bands of the Usia breakdown: [from, to) in whole years; the last has no end.
USIA_KELOMPOK: tuple[tuple[int, float, str], ...] = (
    (0, 20, "< 20 tahun"), (20, 30, "20–29 tahun"), (30, 40, "30–39 tahun"), (40, 50, "40–49 tahun"),
    (50, 60, "50–59 tahun"), (60, math.inf, "≥ 60 tahun"))
#: Ages past this are no age (a year of birth, a NIK): they keep their own row
USIA_MAKS = 130
_YEARS = r"\s*(?:tahun|thn\.?|th\.?)?"
_AGE_TEXT = re.compile(rf"^(\d{{1,3}})(?:[.,]\d+)?{_YEARS}$")
#: A form's own age choices, when they are the report's bands: "20 - 29 tahun", "20–29", "< 20 tahun",
#: "kurang dari 20", "≥ 60", "60 tahun ke atas" (a band the report does not have, "> 60" or "20 - 30", keeps its row)
_AGE_RANGE = re.compile(rf"^(\d{{1,3}}){_YEARS}\s*(?:-|–|—|s/d|s\.d\.?|sampai|hingga)\s*(\d{{1,3}}){_YEARS}$")
_AGE_BELOW = re.compile(rf"^(?:<|kurang dari|di bawah|dibawah)\s*(\d{{1,3}}){_YEARS}$")
_AGE_FROM = re.compile(rf"^(?:(?:≥|>=)\s*(\d{{1,3}}){_YEARS}|(\d{{1,3}}){_YEARS}\s*(?:ke atas|keatas|\+))$")


def _key(text: str) -> str:
    key = " ".join(text.lower().split())
    key = re.sub(r"\s*([/-])\s*", r"\1", key)
    key = re.sub(r"[/ ]?sederajat$", "", key)
    return key.rstrip(".")


_CHOICE_OF: dict[str, dict[str, str]] = {
    name: {_key(spelling): choice for choice, spellings in table.items() for spelling in (choice, *spellings)}
    for name, table in SPELLINGS.items()
}


def profile_choice(name: str, value: Any) -> str | None:
    """The choice a profile answer means ("Pria" → "Laki-laki", "SLTA" → "SMA", "25 tahun" → "20–29 tahun"), or
    None when it means none of them (it keeps its own row)."""
    if name == "Usia":
        return age_band(value)
    if not isinstance(value, str):
        return None
    return _CHOICE_OF.get(name, {}).get(_key(value))


def age_band(value: Any) -> str | None:
    """The band of an age in years, a number or text such as "25 tahun"; None for anything that is no age."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = " ".join(value.lower().split())
        match = _AGE_TEXT.match(text)
        if not match:
            return _age_choice(text)
        value = int(match.group(1))
    if not isinstance(value, (int, float)) or not 0 <= value < USIA_MAKS:
        return None
    return next(label for low, high, label in USIA_KELOMPOK if low <= value < high)


def _age_choice(text: str) -> str | None:
    """The band a form's age choice names, when it is exactly one of the report's bands."""
    low: int
    high: float
    if match := _AGE_RANGE.match(text):
        low, high = int(match.group(1)), int(match.group(2)) + 1
    elif match := _AGE_BELOW.match(text):
        low, high = 0, int(match.group(1))
    elif match := _AGE_FROM.match(text):
        low, high = int(match.group(1) or match.group(2)), math.inf
    else:
        return None
    return next((label for start, end, label in USIA_KELOMPOK if (start, end) == (low, high)), None)
