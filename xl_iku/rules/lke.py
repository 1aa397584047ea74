"""The LKE (Lembar Kerja Evaluasi) of PermenPANRB No. 88 Tahun 2021: an office scores its own SAKIP as the
Inspektorat will.

Structure (data): four components, each split into Keberadaan 20 %, Kualitas 30 %, Pemanfaatan 50 % of its weight
(the sub-component points of `rules.akip.SUBKOMPONEN`; the regulation's, never edited). Criteria sit under each
sub-component; a default list ships with the package (`lke_kriteria_88_2021.csv`: the KemenPANRB template as
reproduced by public e-SAKIP projects), and an office edits its own.

Score: a sub-component's value = its weight × the mean of its criteria's values (as a fraction of the scale's
maximum); a component = the sum of its sub-components; Nilai AKIP = the sum of the components. Exact arithmetic
(fractions) throughout, rounded only for display. A criterion left unanswered means its sub-component is not
assessed: no value for it, its component and the total (never a silent zero, never a mean over fewer criteria).
Predikat: the official table `rules.akip.PREDIKAT_88_2021` (strict lower bounds: 90,00 is A, 70,00 is B).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from typing import Any

from ..errors import InputError
from .akip import KOMPONEN, PREDIKAT_88_2021, SUBKOMPONEN, akip_category
from .intervals import Category
from .numbers import format_exact, format_id, parse_number

SUB_TIPE = ("Keberadaan", "Kualitas", "Pemanfaatan")


@dataclass(frozen=True)
class SubKomponen:
    kode: str  # "1.2"
    komponen: int  # 1..4
    no: int  # 1..3
    tipe: str  # Keberadaan | Kualitas | Pemanfaatan
    uraian: str  # the regulation's wording of the sub-component
    bobot: Fraction  # points

    @property
    def nama(self) -> str:
        return f"{self.tipe} ({KOMPONEN_LKE[self.komponen - 1].nama})"


@dataclass(frozen=True)
class KomponenLke:
    no: int
    nama: str
    bobot: Fraction
    subs: tuple[SubKomponen, ...]


_URAIAN = {
    "1.1": "Dokumen Perencanaan kinerja telah tersedia",
    "1.2": "Dokumen Perencanaan kinerja telah memenuhi standar yang baik, yaitu untuk mencapai hasil dengan ukuran "
           "kinerja yang SMART, menggunakan penyelarasan (cascading) disetiap level secara logis, serta "
           "memperhatikan kinerja bidang lain (crosscutting)",
    "1.3": "Perencanaan Kinerja telah dimanfaatkan untuk mewujudkan hasil yang berkesinambungan",
    "2.1": "Pengukuran Kinerja telah dilakukan",
    "2.2": "Pengukuran Kinerja telah menjadi kebutuhan dalam mewujudkan Kinerja secara Efektif dan Efisien dan telah "
           "dilakukan secara berjenjang dan berkelanjutan",
    "2.3": "Pengukuran Kinerja telah dijadikan dasar dalam pemberian Reward dan Punishment, serta penyesuaian "
           "strategi dalam mencapai kinerja yang efektif dan efisien",
    "3.1": "Terdapat Dokumen Laporan yang menggambarkan Kinerja",
    "3.2": "Dokumen Laporan Kinerja telah memenuhi Standar yang menggambarkan Kualitas atas Pencapaian Kinerja, "
           "informasi keberhasilan / kegagalan kinerja serta upaya perbaikan / penyempurnaannya",
    "3.3": "Pelaporan Kinerja telah memberikan dampak yang besar dalam penyesuaian strategi / kebijakan dalam "
           "mencapai kinerja berikutnya",
    "4.1": "Evaluasi Akuntabilitas Kinerja Internal telah dilaksanakan",
    "4.2": "Evaluasi Akuntabilitas Kinerja Internal telah dilaksanakan secara berkualitas dengan Sumber Daya yang "
           "memadai",
    "4.3": "Implementasi SAKIP telah meningkat karena evaluasi Akuntabilitas Kinerja Internal sehingga memberikan "
           "kesan yang nyata (dampak) dalam efektifitas dan efisiensi Kinerja",
}


def _structure() -> tuple[KomponenLke, ...]:
    """Components and sub-components from the AKIP rules' weights (written once, there)."""
    out = []
    for k, (key, nama, share) in enumerate(KOMPONEN, start=1):
        subs = tuple(SubKomponen(f"{k}.{s}", k, s, tipe, _URAIAN[f"{k}.{s}"], Fraction(weight))
                     for s, (tipe, weight) in enumerate(zip(SUB_TIPE, SUBKOMPONEN[key]), start=1))
        out.append(KomponenLke(k, nama, Fraction(share) * 100, subs))
    return tuple(out)


KOMPONEN_LKE = _structure()
SUBS: tuple[SubKomponen, ...] = tuple(s for k in KOMPONEN_LKE for s in k.subs)
SUB_BY_KODE = {s.kode: s for s in SUBS}


@dataclass(frozen=True)
class Skala:
    """An answer scale: answer → value, and the value that counts as full marks."""

    kode: str  # "88/2021" | "Y/T" | "A-E"
    label: str  # what the LKE sheet's header cell shows
    nilai: tuple[tuple[str, Fraction], ...]
    maks: Fraction

    @property
    def jawaban(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.nilai)

    def value(self, answer: str) -> Fraction:
        return dict(self.nilai)[answer]


#: The scales, as data. 88/2021: AA 100 … E 0. The older OPD forms: Y/T (1/0) and A–E (1/0,75/0,5/0,25/0).
SKALA_88_2021 = Skala("88/2021", "AA–E (PermenPANRB 88/2021)",
                      tuple((a, Fraction(v)) for a, v in (("AA", 100), ("A", 90), ("BB", 80), ("B", 70), ("CC", 60),
                                                          ("C", 50), ("D", 30), ("E", 0))), Fraction(100))
SKALA_YT = Skala("Y/T", "Y/T (LKE OPD lama)", (("Y", Fraction(1)), ("T", Fraction(0))), Fraction(1))
SKALA_AE = Skala("A-E", "A–E (LKE OPD lama)",
                 tuple((a, Fraction(v)) for a, v in (("A", "1"), ("B", "0.75"), ("C", "0.5"), ("D", "0.25"),
                                                     ("E", "0"))), Fraction(1))
SKALA = (SKALA_88_2021, SKALA_YT, SKALA_AE)
#: Penjelasan of each 88/2021 answer (the regulation's wording), for the input sheet's hints.
PENJELASAN_88_2021 = {
    "AA": "seluruh kriteria terpenuhi (100%) dan dipertahankan setidaknya 5 tahun terakhir",
    "A": "seluruh kriteria terpenuhi (100%) dan dipertahankan setidaknya 1 tahun terakhir",
    "BB": "kualitas seluruh kriteria terpenuhi (100%) sesuai mandat kebijakan nasional",
    "B": "kualitas sebagian besar kriteria terpenuhi (>75%–100%)",
    "CC": "kualitas sebagian besar kriteria terpenuhi (>50%–75%)",
    "C": "kualitas sebagian kecil kriteria terpenuhi (>25%–50%)",
    "D": "kriteria mulai dipenuhi (>0%–25%)",
    "E": "sama sekali tidak ada upaya pemenuhan kriteria",
}


def skala_of(text: Any) -> Skala:
    """The scale a sheet states (its label, its code, or words close to them); blank is 88/2021."""
    raw = "" if text is None else str(text)
    key = re.sub(r"[\s–—_]+", "-", raw.strip().upper()).replace("/", "-")
    if not key:
        return SKALA_88_2021
    if "88" in key or key.startswith("AA"):
        return SKALA_88_2021
    if key.startswith("Y-T"):
        return SKALA_YT
    if key.startswith(("A-E", "A-B-C-D-E")):
        return SKALA_AE
    raise InputError(f"Skala jawaban '{raw.strip()}' tidak dikenal. Pilih salah satu: "
                     f"{'; '.join(s.label for s in SKALA)}.")


def answer_value(answer: Any, skala: Skala = SKALA_88_2021) -> Fraction | None:
    """An answer's value on its scale (None: not answered). Case and spaces are forgiven; anything else is refused."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return None
    if isinstance(answer, float) and answer != answer:  # NaN from a DataFrame
        return None
    text = str(answer).strip().upper() if isinstance(answer, str) else None
    if text is None or text not in skala.jawaban:
        number = isinstance(answer, (int, float, Fraction)) and not isinstance(answer, bool)
        shown = f"'{answer}'" if isinstance(answer, str) else format_exact(answer) if number else repr(answer)
        hint = ""
        if text is not None and skala is not SKALA_YT and text in SKALA_YT.jawaban:
            hint = " Lembar ini memakai skala Y/T? Ubah skala jawabannya."
        # the score typed for its letter (100 for AA): name the letter, since the sheet's formulas read letters
        letter = next((a for a, v in skala.nilai if number and v == answer), None)
        if letter is not None:
            hint = f" {shown} adalah nilai jawaban {letter}: isi hurufnya, {letter}."
        raise InputError(f"jawaban {shown} tidak ada pada skala {skala.label}. Isi salah satu: "
                         f"{', '.join(skala.jawaban)}, atau kosongkan bila belum dinilai.{hint}")
    return skala.value(text)


def sub_value(values: Sequence[Fraction], bobot: Fraction, skala: Skala) -> Fraction:
    """A sub-component's points: weight × mean of its criteria's values as a fraction of the scale's maximum."""
    return bobot * sum(values, Fraction(0)) / (len(values) * skala.maks)


def lke_score(jawaban: Any, bobot: Any, skala: Any = None) -> float:
    """A sub-component's value from its answers (a range: any shape; read row by row) and its weight in points.

    A blank answer is an error naming which (the sub-component is then not assessed), never 0."""
    scale = skala if isinstance(skala, Skala) else skala_of(skala)
    weight = parse_number(bobot, "Bobot sub-komponen")
    if weight <= 0:
        raise InputError(f"Bobot sub-komponen {format_id(weight)} harus lebih dari 0 (misalnya 6 untuk Keberadaan "
                         "Perencanaan Kinerja).")
    cells = _cells(jawaban)
    if not cells:
        raise InputError("Rentang jawaban kosong. Pilih sel-sel jawaban kriteria sub-komponen itu.")
    values, blank = [], []
    for index, (row, column, answer) in enumerate(cells, start=1):
        try:
            value = answer_value(answer, scale)
        except InputError as error:
            raise InputError(error.message, row=row, column=column,
                             where=f"Kriteria ke-{index} (baris {row}, kolom {column} rentang)") from None
        if value is None:
            blank.append(index)
        values.append(value)
    if blank:
        which = ", ".join(f"ke-{i}" for i in blank)
        raise InputError(f"Kriteria {which} dari {len(cells)} belum dijawab: sub-komponen belum dapat dinilai. "
                         "Isi jawabannya (nilai tidak dihitung dari sebagian kriteria).")
    return float(sub_value([v for v in values if v is not None], Fraction(repr(weight)), scale))  # none blank


def lke_predikat(nilai: Any) -> Category:
    """Predikat of a Nilai AKIP from the LKE: the project's official table (90,00 is A, 70,00 is B)."""
    return akip_category(nilai, PREDIKAT_88_2021)


def _cells(jawaban: Any) -> list[tuple[int, int, Any]]:
    """(row, column, value) of a range as Excel hands it over (nested lists), a flat list, or one value."""
    if not isinstance(jawaban, (list, tuple)):
        return [(1, 1, jawaban)]
    out = []
    for r, row in enumerate(jawaban, start=1):
        if isinstance(row, (list, tuple)):
            out += [(r, c, v) for c, v in enumerate(row, start=1)]
        else:
            out.append((r, 1, row))
    return out


# ------------------------------------------------------------------------------------------------ a whole LKE


@dataclass(frozen=True)
class Kriteria:
    """One criterion row of an LKE: where it sits (sheet row, for messages), its code and text, the answer."""

    kode: str
    kriteria: str
    jawaban: str | None = None  # normalised answer (upper case) or None
    baris: int = 0

    @property
    def sub(self) -> str:
        return sub_of(self.kode).kode


@dataclass(frozen=True)
class SubHasil:
    sub: SubKomponen
    kriteria: int
    terjawab: int
    poin: Fraction | None  # exact points; None: not assessed (a criterion unanswered, or no criteria)
    belum: tuple[Kriteria, ...] = ()

    @property
    def nilai(self) -> float | None:
        return None if self.poin is None else float(self.poin)

    @property
    def persen(self) -> float | None:
        """The value as % of the weight."""
        return None if self.poin is None else float(self.poin / self.sub.bobot * 100)


@dataclass(frozen=True)
class KomponenHasil:
    komponen: KomponenLke
    subs: tuple[SubHasil, ...]
    poin: Fraction | None

    @property
    def nilai(self) -> float | None:
        return None if self.poin is None else float(self.poin)


@dataclass(frozen=True)
class HasilLke:
    skala: Skala
    komponen: tuple[KomponenHasil, ...]
    nilai: float | None  # Nilai AKIP; None while any sub-component is not assessed
    predikat: Category | None
    belum: tuple[Kriteria, ...] = field(default_factory=tuple)  # unanswered criteria, in sheet order

    @property
    def subs(self) -> tuple[SubHasil, ...]:
        return tuple(s for k in self.komponen for s in k.subs)

    def prioritas(self, n: int = 3) -> list[SubHasil]:
        """The `n` weakest assessed sub-components (lowest % of weight; ties in LKE order)."""
        assessed = [s for s in self.subs if s.persen is not None]
        return sorted(assessed, key=lambda s: s.persen or 0.0)[:n]  # all assessed: persen is a number


def sub_of(kode: Any) -> SubKomponen:
    """The sub-component a criterion code belongs to: `1.2.3` → 1.2 (Kualitas of Perencanaan Kinerja)."""
    text = "" if kode is None else str(kode).strip()
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", text)
    if not match:
        raise InputError(f"kode kriteria '{text}' tidak dikenali. Tulis komponen.sub-komponen.nomor, misalnya "
                         "1.2.3 (komponen 1–4, sub-komponen 1 Keberadaan, 2 Kualitas, 3 Pemanfaatan).")
    sub = SUB_BY_KODE.get(f"{int(match.group(1))}.{int(match.group(2))}")
    if sub is None:
        raise InputError(f"kode kriteria '{text}' tidak ada pada LKE PermenPANRB 88/2021: komponen 1–4, sub-komponen "
                         "1 (Keberadaan), 2 (Kualitas), 3 (Pemanfaatan).")
    return sub


def evaluate(kriteria: Iterable[Kriteria], skala: Skala = SKALA_88_2021) -> HasilLke:
    """One year's LKE: sub-components, components, Nilai AKIP and predikat; unanswered criteria listed."""
    rows = list(kriteria)
    by_sub: dict[str, list[Kriteria]] = {s.kode: [] for s in SUBS}
    for row in rows:
        by_sub[sub_of(row.kode).kode].append(row)
    komponen = []
    for k in KOMPONEN_LKE:
        subs = []
        for s in k.subs:
            mine = by_sub[s.kode]
            values = [answer_value(r.jawaban, skala) for r in mine]
            belum = tuple(r for r, v in zip(mine, values) if v is None)
            poin = sub_value([v for v in values if v is not None], s.bobot, skala) if mine and not belum else None
            subs.append(SubHasil(s, len(mine), len(mine) - len(belum), poin, belum))
        total = None if any(x.poin is None for x in subs) else sum((x.poin for x in subs if x.poin is not None),
                                                                    Fraction(0))
        komponen.append(KomponenHasil(k, tuple(subs), total))
    exact = None if any(k.poin is None for k in komponen) else sum((k.poin for k in komponen if k.poin is not None),
                                                                   Fraction(0))
    nilai = None if exact is None else float(exact)
    belum = tuple(r for r in rows if answer_value(r.jawaban, skala) is None)
    return HasilLke(skala, tuple(komponen), nilai, lke_predikat(nilai) if nilai is not None else None, belum)


def default_kriteria() -> list[tuple[str, str]]:
    """The default criteria list shipped with the package: (kode, kriteria) in LKE order."""
    text = resources.files(__package__).joinpath("lke_kriteria_88_2021.csv").read_text(encoding="utf-8")
    return [(row["kode"], row["kriteria"]) for row in csv.DictReader(io.StringIO(text))]


def describe_predikat() -> str:
    """The predikat table in one line, for sheets and the CLI."""
    return "; ".join(f"{b.category.code} ({b.category.label}) {b.describe().split(': ', 1)[1]}"
                     for b in PREDIKAT_88_2021.bands)
