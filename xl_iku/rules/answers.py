"""Answers written as the questionnaire's words, and headers written as its questions (PermenPANRB 14/2017).

Offices collect the SKM on paper, in a form service or in a web application; what reaches Excel is often the answer's
words (``c. Sesuai``, ``Sangat cepat``) under a header that is the question itself. Both are read here *by rule, from
the tables below*: a label means the same value in every unsur (so text answers work even where the unsur of a
column is unknown, e.g. ``=IKM_SCORE(B2:J321)``), and a header maps to the unsur whose subject it names. Nothing is
guessed: an unknown label is an error listing the accepted ones; a header naming two subjects maps to none.
"""

from __future__ import annotations

import re
from typing import Any

#: The questionnaire's answer words per unsur, value 1 … 4 (the official sets).
OFFICIAL_LABELS: dict[str, tuple[str, str, str, str]] = {
    "U1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "U3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "U4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "U5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "U7": ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    "U8": ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    "U9": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}

#: One scale some offices use for every question.
GENERIC_LABELS: tuple[str, str, str, str] = ("Tidak puas", "Kurang puas", "Puas", "Sangat puas")

#: Other wordings seen in offices' forms, each with the value of the official label it stands for.
VARIANT_LABELS: dict[str, int] = {
    "Tidak sopan dan tidak ramah": 1,
    "Kurang sopan dan kurang ramah": 2,
    "Sangat sopan dan sangat ramah": 4,
    "Ada tapi tidak berfungsi": 2,
    "Ada tetapi tidak berfungsi dengan baik": 2,
    "Ada, tetapi tidak berfungsi": 2,
    "Berfungsi tetapi kurang maksimal": 3,
    "Dikelola dengan sangat baik": 4,
    "Tidak baik": 1,
    "Kurang baik": 2,
}

#: Option letters and numbers a form puts before the words (``c. Sesuai``, ``(d) Gratis``, ``3 - Sesuai``).
OPTION_VALUES = {"a": 1, "b": 2, "c": 3, "d": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_OPTION = re.compile(r"^\(?([abcd1-4])\s*[.)\-:]\s*|^\(([abcd1-4])\)\s*")


def _key(text: str) -> str:
    """Case, spacing, commas and a final full stop do not change a label."""
    return " ".join(text.replace(",", " ").split()).lower().rstrip(".")


def _label_table() -> dict[str, int]:
    table: dict[str, int] = {}
    sets = list(OFFICIAL_LABELS.values()) + [GENERIC_LABELS]
    pairs = [(label, value) for labels in sets for value, label in enumerate(labels, start=1)]
    for label, value in pairs + list(VARIANT_LABELS.items()):
        key = _key(label)
        if table.setdefault(key, value) != value:  # a label must mean one value everywhere
            raise ValueError(f"label {label!r} has two values")
    return table


LABEL_VALUES: dict[str, int] = _label_table()


def label_value(text: str) -> int | None:
    """"c. Sesuai" → 3, "SANGAT CEPAT" → 4, "Sangat sopan dan sangat ramah" → 4; anything else → None.

    An option letter or number must agree with the words (``d. Sesuai`` is not an answer: which one was meant?).
    """
    key = _key(text)
    value = LABEL_VALUES.get(key)
    if value is not None:
        return value
    match = _OPTION.match(key)
    if match:
        option = OPTION_VALUES[match.group(1) or match.group(2)]
        value = LABEL_VALUES.get(key[match.end():].strip())
        if value == option:
            return value
    return None


def accepted_labels(code: str | None) -> str:
    """What an error message lists for a column: its unsur's words (or every set) and the generic scale."""
    if code in OFFICIAL_LABELS:
        words = OFFICIAL_LABELS[code]
        text = ", ".join(f"{label} ({value})" for value, label in enumerate(words, start=1))
        generic = ", ".join(f"{label} ({value})" for value, label in enumerate(GENERIC_LABELS, start=1))
        return f"{text}; atau skala umum {generic}"
    sets = {labels for labels in OFFICIAL_LABELS.values()} | {GENERIC_LABELS}
    return "; ".join(" / ".join(labels) for labels in sorted(sets)) + " (berturut-turut 1–4)"


# --- headers ------------------------------------------------------------------------------------------------------

#: The subject words of each unsur's question (a header naming exactly one unsur's subject maps to it).
SUBJECTS: dict[str, tuple[str, ...]] = {
    "U1": ("persyaratan",),
    "U2": ("prosedur", "mekanisme"),
    "U3": ("waktu", "kecepatan"),
    "U4": ("biaya", "tarif"),
    "U5": ("produk", "spesifikasi"),
    "U6": ("kompetensi", "kemampuan"),
    "U7": ("perilaku", "kesopanan", "keramahan", "sopan"),
    "U8": ("pengaduan",),
    "U9": ("sarana", "prasarana"),
}

#: Profile and grouping columns by how their header begins (a form asks "Pendidikan terakhir", "Pekerjaan utama",
#: "Jenis layanan yang diterima"). Checked before the subjects: "Stempel waktu" is the date, not U3. The first rule
#: that matches decides; None: no profile column at all ("Tanggal lahir" is a date, but not the survey's: read as
#: Tanggal, every respondent would land in the period of their birth).
PROFILE_HEADERS: tuple[tuple[str, str | None], ...] = (
    ("tanggal lahir", None),
    ("tgl lahir", None),
    ("tanggal", "Tanggal"),
    ("tgl", "Tanggal"),
    ("timestamp", "Tanggal"),
    ("stempel waktu", "Tanggal"),
    ("waktu pengisian", "Tanggal"),
    ("waktu isi", "Tanggal"),
    ("waktu input", "Tanggal"),
    # when a database row was created: the response's date in an application's export
    ("created at", "Tanggal"),
    ("created date", "Tanggal"),
    ("created on", "Tanggal"),
    ("date created", "Tanggal"),
    ("submitted at", "Tanggal"),
    ("syscreate", "Tanggal"),
    ("jenis kelamin", "Jenis Kelamin"),
    ("jenkel", "Jenis Kelamin"),
    ("kelamin", "Jenis Kelamin"),
    ("usia", "Usia"),
    ("umur", "Usia"),
    ("pendidikan", "Pendidikan"),
    ("pekerjaan", "Pekerjaan"),
    ("jenis layanan", "Jenis Layanan"),
    ("jenis pelayanan", "Jenis Layanan"),
    ("layanan", "Jenis Layanan"),
    ("periode", "Periode"),
    ("unit", "Unit"),
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower())


#: A database column name: words joined by underscores (``tblhasilsurvei_usia``, ``created_at``).
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$")


def profile_of(header: Any) -> str | None:
    """"Pendidikan terakhir" → "Pendidikan", "Stempel waktu" → "Tanggal", "created_at" → "Tanggal",
    "jenisPelayanan" → "Jenis Layanan"; a database column under its table's prefix by its field
    ("tblhasilsurvei_syscreate" → "Tanggal"); else None."""
    if not isinstance(header, str):
        return None
    words = _words(header)
    candidates = [words, words[1:]] if _IDENTIFIER.match(header.strip()) else [words]
    for start, name in PROFILE_HEADERS:
        key = start.split()
        if any(w[:len(key)] == key for w in candidates):
            return name
    return None


def subject_unsur(header: Any) -> str | None:
    """The unsur a question header asks about, by its subject words; None when it names none or several."""
    if not isinstance(header, str):
        return None
    words = set(_words(header))
    found = {code for code, subjects in SUBJECTS.items() if words.intersection(subjects)}
    return found.pop() if len(found) == 1 else None


__all__ = ["OFFICIAL_LABELS", "GENERIC_LABELS", "VARIANT_LABELS", "LABEL_VALUES", "label_value", "accepted_labels",
           "SUBJECTS", "PROFILE_HEADERS", "profile_of", "subject_unsur"]
