"""The IKU plan as data: instansi, tujuan → sasaran → indikator, baseline and yearly targets.

Parsed and validated by `readers.iku`; read by `checks` (warnings) and `layout` (the generated sheets). Nothing here
knows about Excel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Instansi:
    nama: str
    pemerintah_daerah: str
    periode: str
    tempat: str = ""
    tanggal: dt.date | str | None = None
    jabatan: str = ""
    penandatangan: str = ""
    pangkat: str = ""
    nip: str = ""
    populasi_skm: float | None = None  # people served in the survey period, for the minimum sample
    tahun_pk: tuple[int, ...] = ()  # years whose Perjanjian Kinerja is generated
    nama_atasan: str = ""  # pihak kedua of the PK (the office head's superior, e.g. the Bupati)
    jabatan_atasan: str = ""
    pangkat_atasan: str = ""
    nip_atasan: str = ""  # empty for a regional head
    tanggal_pk: dt.date | str | None = None  # blank: left for the pen
    tahun_lkjip: tuple[int, ...] = ()  # years whose LKjIP tables (sheet `LKjIP YYYY`) are generated


@dataclass(frozen=True)
class Indikator:
    row: int  # sheet row in Data IKU, for messages
    kode_tujuan: str
    tujuan: str
    kode_sasaran: str
    sasaran: str
    kode: str
    nama: str
    satuan: str = ""
    polaritas: str = "positif"
    kondisi_awal: float | None = None
    target: dict[int, float | None] = field(default_factory=dict)
    realisasi: dict[int, float | None] = field(default_factory=dict)  # typed in Data IKU ("Realisasi YYYY")
    target_tw: dict[int, tuple[float | None, ...]] = field(default_factory=dict)  # "Target TW1 YYYY" … TW4
    sumber_realisasi: str = ""  # "AKIP" or "SKM": realisasi taken from those sheets when not typed
    keterangan: str = ""
    sasaran_penjelasan: str = ""
    definisi: str = ""
    formulasi: str = ""
    penjelasan: str = ""
    sumber_data: str = ""
    penanggung_jawab: str = ""
    standar_nasional: float | None = None  # a national benchmark, for the LKjIP's comparison (Tabel 3.4)
    sumber_standar: str = ""  # where that benchmark comes from
    jenis_target_akhir: str = "tahunan"  # "tahunan": the end year's target; "kumulatif": realisasi add up to it
    desimal: int = 2  # decimals its numbers print with: the most it was written with (rules.decimals)
    persen: tuple[str, ...] = ()  # Data IKU header keys whose cell had a percent format (read as shown: 85%→85)


@dataclass(frozen=True)
class Sasaran:
    kode: str
    nama: str
    indikator: tuple[Indikator, ...]


@dataclass(frozen=True)
class Tujuan:
    kode: str
    nama: str
    sasaran: tuple[Sasaran, ...]

    @property
    def indikator(self) -> tuple[Indikator, ...]:
        return tuple(i for s in self.sasaran for i in s.indikator)


@dataclass(frozen=True)
class IkuPlan:
    instansi: Instansi
    tahun_awal: int  # year of the kondisi awal
    tahun_target: tuple[int, ...]
    indikator: tuple[Indikator, ...]

    def __post_init__(self) -> None:
        # One order for every table of the document: the Tabel IKU's (tujuan, then sasaran, by first appearance).
        # Rows of one sasaran scattered over Data IKU were grouped there but numbered in sheet order in Penjelasan
        # IKU, the PK and the Capaian sheet, so "indikator 3" was a different one in each.
        ordered = tuple(ind for t in self.tujuan() for ind in t.indikator)
        object.__setattr__(self, "indikator", ordered)

    def tujuan(self) -> list[Tujuan]:
        """Indicators grouped for the table: tujuan and sasaran in order of first appearance."""
        tujuan: dict[tuple[str, str], dict[tuple[str, str], list[Indikator]]] = {}
        for ind in self.indikator:
            sasaran = tujuan.setdefault((ind.kode_tujuan, ind.tujuan), {})
            sasaran.setdefault((ind.kode_sasaran, ind.sasaran), []).append(ind)
        return [
            Tujuan(kt, nt, tuple(Sasaran(ks, ns, tuple(inds)) for (ks, ns), inds in sasaran.items()))
            for (kt, nt), sasaran in tujuan.items()
        ]


@dataclass(frozen=True)
class Catatan:
    """A consistency warning: reported and listed, never changing the data."""

    sheet: str
    cell: str  # an address such as "J2", or "" when the note is about the whole sheet
    pesan: str

    @property
    def tempat(self) -> str:
        """Where staff should look: "sheet 'Data IKU', sel J2"."""
        return f"sheet '{self.sheet}', sel {self.cell}" if self.cell else f"sheet '{self.sheet}'"


INSTANSI_SHEET = "Instansi"
DATA_SHEET = "Data IKU"
#: Instansi keys as staff write them in column A → Instansi field; the first three are required.
INSTANSI_FIELDS = (
    ("Nama Instansi", "nama"),
    ("Pemerintah Daerah", "pemerintah_daerah"),
    ("Periode", "periode"),
    ("Tempat Penetapan", "tempat"),
    ("Tanggal Penetapan", "tanggal"),
    ("Jabatan Penandatangan", "jabatan"),
    ("Nama Penandatangan", "penandatangan"),
    ("Pangkat/Golongan", "pangkat"),
    ("NIP", "nip"),
    ("Populasi SKM", "populasi_skm"),
    ("Tahun PK", "tahun_pk"),
    ("Nama Atasan", "nama_atasan"),
    ("Jabatan Atasan", "jabatan_atasan"),
    ("Pangkat/Golongan Atasan", "pangkat_atasan"),
    ("NIP Atasan", "nip_atasan"),
    ("Tanggal PK", "tanggal_pk"),
    ("Tahun LKjIP", "tahun_lkjip"),
)
#: Keys whose value is a date (a date cell, or text as typed) and keys kept as text (an NIP is not a number).
INSTANSI_DATE_KEYS = ("Tanggal Penetapan", "Tanggal PK")
INSTANSI_TEXT_KEYS = ("NIP", "NIP Atasan")
