"""A corpus of offices as different as real ones: each filled into an `xl-iku init` workbook the way staff fill it.

Kecamatan, dinas, badan, sekretariat DPRD, inspektorat; 1 to 15 indicators; indicator names and jabatan over 120
characters; 0 to 3 decimals, typed as numbers, as text (`"97,60"`) or in formatted cells (`0.000`, percent);
counts, percentages and 0–1 indices; negative polarity; realisasi missing and zero; several PK years; quarterly
targets. The indicator rows follow published Keputusan IKU of Indonesian regional offices (names, units, scales);
the numbers are illustrative. `tests/test_office_corpus.py` prints every office and checks its pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from xl_iku.cli import main


@dataclass(frozen=True)
class Row:
    """One indicator: numbers as staff typed them (float, int or text), and the number format of its cells."""

    tujuan: tuple[str, str]
    sasaran: tuple[str, str]
    kode: str
    nama: str
    satuan: str
    polaritas: str
    awal: Any
    target: tuple[Any, ...]
    realisasi: dict[int, Any] = field(default_factory=dict)
    format: str | None = None  # number format of its number cells (None: General)
    written: tuple[str, ...] = ()  # kondisi awal and targets as they must print (checked on paper)
    tw: tuple[Any, ...] = ()  # quarterly targets of the office's last PK year


@dataclass(frozen=True)
class Office:
    slug: str
    instansi: dict[str, Any]
    periode: tuple[int, int]
    rows: tuple[Row, ...]

    @property
    def years(self) -> list[int]:
        return list(range(self.periode[0], self.periode[1] + 1))


def _instansi(nama: str, jabatan: str, penandatangan: str, tahun_pk: str, **more: Any) -> dict[str, Any]:
    values = {"Nama Instansi": nama, "Pemerintah Daerah": "Kabupaten Luwu Timur", "Tempat Penetapan": "Malili",
              "Tanggal Penetapan": dt.datetime(2025, 10, 7), "Jabatan Penandatangan": jabatan,
              "Nama Penandatangan": penandatangan, "Pangkat/Golongan": "Pembina Utama Muda, IV/c",
              "NIP": "19750101 200001 2 001", "Tahun PK": tahun_pk, "Nama Atasan": "Drs. H. IRWAN BACHRI SYAM, M.Si",
              "Jabatan Atasan": "Bupati Luwu Timur"}
    values.update(more)
    return values


T_PEM = ("T1", "Meningkatnya kualitas tata kelola pemerintahan daerah yang akuntabel dan berorientasi hasil")
T_LAY = ("T2", "Meningkatnya kualitas pelayanan publik")

KECAMATAN = Office("kecamatan", _instansi(
    "Kecamatan Malili", "Camat Malili", "ANDI MAKKASAU, S.STP", "2026"), (2025, 2029), (
    Row(T_LAY, ("S1", "Meningkatnya kualitas pelayanan administrasi kecamatan"), "IKU.1",
        "Jumlah desa yang menyelenggarakan pelayanan administrasi terpadu", "Desa/Kelurahan", "positif", 3, (5, 6, 8, 10, 12),
        {2025: 0}, None, ("3", "5", "6", "8", "10", "12")),
))

DUKCAPIL_JABATAN = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Luwu Timur"
S_DOK = ("S1.1", "Meningkatnya cakupan kepemilikan dokumen kependudukan dan pencatatan sipil")
S_LAY = ("S1.2", "Meningkatnya kualitas dan kecepatan pelayanan administrasi kependudukan")
S_DAT = ("S2.1", "Meningkatnya pemanfaatan data kependudukan oleh perangkat daerah dan lembaga")
T_DUK = ("T1", "Terwujudnya tertib administrasi kependudukan")
T_DAT = ("T2", "Meningkatnya pemanfaatan data dan dokumen kependudukan")
DINAS = Office("dinas", _instansi(
    "Dinas Kependudukan dan Pencatatan Sipil", DUKCAPIL_JABATAN, "Dr. SITI AMINAH RAHMAWATI, S.Sos., M.Si",
    "2025, 2026"), (2025, 2029), (
    Row(T_DUK, S_DOK, "IKU.1.1", "Persentase penduduk wajib KTP yang memiliki KTP elektronik", "%", "positif",
        "97,60", ("97,80", "98,00", "98,25", "98,50", "98,75"), {2025: "97,95"}, None,
        ("97,60", "97,80", "98,00", "98,25", "98,50", "98,75"), ("97,85", "97,90", "97,95", "98,00")),
    Row(T_DUK, S_DOK, "IKU.1.2", "Persentase anak usia 0–17 tahun yang memiliki Kartu Identitas Anak", "%",
        "positif", 62.5, (65, 70, 75, 80, 85), {2025: 66.2}, None, ("62,5", "65,0", "70,0", "75,0", "80,0", "85,0")),
    Row(T_DUK, S_DOK, "IKU.1.3", "Persentase kepemilikan akta kelahiran penduduk usia 0–18 tahun", "%", "positif",
        0.9125, (0.92, 0.93, 0.94, 0.95, 0.96), {2025: 0.9231}, "0.00%",
        ("91,25", "92,00", "93,00", "94,00", "95,00", "96,00")),
    Row(T_DUK, S_LAY, "IKU.1.4", "Rata-rata waktu penerbitan dokumen kependudukan", "Hari", "negatif", 3,
        (3, 2, 2, 1, 1), {2025: 2}, None, ("3", "3", "2", "2", "1", "1"), (3, 3, 2, 2)),
    Row(T_DUK, S_LAY, "IKU.1.5", "Indeks Kepuasan Masyarakat terhadap pelayanan administrasi kependudukan",
        "Indeks", "positif", 0.812, (0.825, 0.83, 0.845, 0.865, 0.88), {}, None,
        ("0,812", "0,825", "0,830", "0,845", "0,865", "0,880")),
    Row(T_DUK, S_LAY, "IKU.1.6", "Jumlah pengaduan layanan yang tidak tertangani dalam 5 hari kerja", "Pengaduan Masyarakat",
        "negatif", 14, (12, 10, 8, 6, 4), {2025: 0}, None, ("14", "12", "10", "8", "6", "4")),
    Row(T_DAT, S_DAT, "IKU.2.1", "Jumlah perangkat daerah dan lembaga yang memanfaatkan data kependudukan",
        "Lembaga", "positif", 12, (15, 18, 21, 24, 27), {2025: 16}, None, ("12", "15", "18", "21", "24", "27")),
    Row(T_DAT, S_DAT, "IKU.2.2", "Persentase data kependudukan yang dimutakhirkan secara berkala", "%", "positif",
        "85", ("88", "90", "92,5", "95", "97,5"), {}, None, ("85,0", "88,0", "90,0", "92,5", "95,0", "97,5")),
    Row(T_DAT, S_DAT, "IKU.2.3", "Nilai Indeks Pemanfaatan Data Kependudukan", "Indeks", "positif", 0.75,
        (0.78, 0.8, 0.82, 0.84, 0.86), {2025: 0.79}, "0.000",
        ("0,750", "0,780", "0,800", "0,820", "0,840", "0,860")),
))

BAPPEDA_JABATAN = ("Pelaksana Tugas Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah "
                   "Kabupaten Luwu Timur Provinsi Sulawesi Selatan")
BAPPEDA_NAMA = ("Prof. Dr. Ir. H. ANDI MUHAMMAD RIDWAN SYAMSUDDIN PATUNRU MAPPANYUKKI, S.T., M.T., M.Si., M.Eng., "
                "Ph.D., IPU., ASEAN Eng., CIPA")
LONG_1 = ("Persentase dokumen perencanaan pembangunan daerah (RPJPD, RPJMD, RKPD, Renstra dan Renja Perangkat Daerah) "
          "yang ditetapkan tepat waktu sesuai ketentuan peraturan perundang-undangan")
LONG_2 = ("Persentase rekomendasi hasil penelitian dan pengembangan daerah yang dimanfaatkan sebagai bahan perumusan "
          "kebijakan pembangunan oleh Perangkat Daerah di lingkungan Pemerintah Kabupaten")
T_EKO = ("T1", "Meningkatnya kesejahteraan masyarakat melalui pembangunan ekonomi yang inklusif dan berkelanjutan")
S_EKO = ("S1.1", "Meningkatnya pertumbuhan ekonomi daerah yang inklusif")
S_SOS = ("S1.2", "Menurunnya kemiskinan, pengangguran dan ketimpangan pendapatan antarkelompok masyarakat")
S_MAN = ("S1.3", "Meningkatnya kualitas sumber daya manusia")
T_REN = ("T2", "Meningkatnya kualitas perencanaan pembangunan daerah")
S_REN = ("S2.1", "Meningkatnya kualitas dan konsistensi dokumen perencanaan pembangunan daerah yang berbasis "
                 "data, bukti dan hasil penelitian serta pengembangan")
S_AKU = ("S2.2", "Meningkatnya akuntabilitas kinerja Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah")
BADAN = Office("badan", _instansi(
    "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", BAPPEDA_JABATAN, BAPPEDA_NAMA,
    "2025, 2026, 2027"), (2025, 2029), (
    Row(T_EKO, S_EKO, "IKU.1", "Laju pertumbuhan ekonomi", "%", "positif", 4.87, (5.1, 5.25, 5.4, 5.55, 5.7),
        {2025: 5.02}, None, ("4,87", "5,10", "5,25", "5,40", "5,55", "5,70")),
    Row(T_EKO, S_EKO, "IKU.2", "PDRB per kapita atas dasar harga berlaku", "Juta Rupiah", "positif", 98.4,
        (101.2, 104.5, 108.1, 111.9, 115.8), {}, None, ("98,4", "101,2", "104,5", "108,1", "111,9", "115,8")),
    Row(T_EKO, S_SOS, "IKU.3", "Persentase penduduk miskin", "%", "negatif", 6.75, (6.5, 6.25, 6, 5.75, 5.5),
        {2025: 6.61}, None, ("6,75", "6,50", "6,25", "6,00", "5,75", "5,50")),
    Row(T_EKO, S_SOS, "IKU.4", "Tingkat pengangguran terbuka", "%", "negatif", 3.9, (3.8, 3.7, 3.6, 3.5, 3.4),
        {2025: 0}, None, ("3,9", "3,8", "3,7", "3,6", "3,5", "3,4")),
    Row(T_EKO, S_SOS, "IKU.5", "Rasio Gini", "Indeks", "negatif", 0.327, (0.325, 0.322, 0.32, 0.318, 0.315),
        {2025: 0.329}, None, ("0,327", "0,325", "0,322", "0,320", "0,318", "0,315")),
    Row(T_EKO, S_MAN, "IKU.6", "Indeks Pembangunan Manusia", "Indeks", "positif", 72.44,
        (72.9, 73.35, 73.8, 74.25, 74.7), {2025: 72.95}, None, ("72,44", "72,90", "73,35", "73,80", "74,25", "74,70")),
    Row(T_EKO, S_MAN, "IKU.7", "Rata-rata lama sekolah penduduk usia 25 tahun ke atas", "Tahun", "positif", 8.6,
        (8.7, 8.8, 8.9, 9, 9.1), {}, None, ("8,6", "8,7", "8,8", "8,9", "9,0", "9,1")),
    Row(T_EKO, S_MAN, "IKU.8", "Usia harapan hidup saat lahir", "Tahun", "positif", 69.8,
        (69.95, 70.1, 70.25, 70.4, 70.55), {2025: 69.97}, None, ("69,80", "69,95", "70,10", "70,25", "70,40", "70,55")),
    Row(T_REN, S_REN, "IKU.9", LONG_1, "%", "positif", 80, (85, 90, 95, 100, 100), {2025: 85}, None,
        ("80", "85", "90", "95", "100", "100")),
    Row(T_REN, S_REN, "IKU.10", LONG_2, "%", "positif", 40, (45, 50, 55, 60, 65), {2025: 47.5}, None,
        ("40,0", "45,0", "50,0", "55,0", "60,0", "65,0")),
    Row(T_REN, S_REN, "IKU.11", "Persentase konsistensi program RKPD terhadap RPJMD", "%", "positif", 92.31,
        (93, 94, 95, 96, 97), {2025: 93.75}, None, ("92,31", "93,00", "94,00", "95,00", "96,00", "97,00")),
    Row(T_REN, S_REN, "IKU.12", "Indeks Kualitas Perencanaan Pembangunan Daerah", "Indeks", "positif", 0.71,
        (0.73, 0.75, 0.77, 0.79, 0.81), {}, "0.000", ("0,710", "0,730", "0,750", "0,770", "0,790", "0,810")),
    Row(T_REN, S_REN, "IKU.13", "Jumlah hasil kajian penelitian dan pengembangan yang diterbitkan", "Dokumen Kajian",
        "positif", 4, (5, 5, 6, 6, 7), {2025: 0}, None, ("4", "5", "5", "6", "6", "7")),
    Row(T_REN, S_AKU, "IKU.14", "Nilai AKIP Perangkat Daerah", "Nilai", "positif", 68.21,
        (70, 71.5, 73, 74.5, 76), {}, None, ("68,21", "70,00", "71,50", "73,00", "74,50", "76,00")),
    Row(T_REN, S_AKU, "IKU.15", "Indeks Reformasi Birokrasi Perangkat Daerah", "Indeks", "positif", 65.3,
        (67, 69, 71, 73, 75), {2025: 66.8}, None, ("65,3", "67,0", "69,0", "71,0", "73,0", "75,0")),
))

DPRD_JABATAN = "Sekretaris Dewan Perwakilan Rakyat Daerah Kabupaten Luwu Timur"
SEKRETARIAT = Office("sekretariat_dprd", _instansi(
    "Sekretariat Dewan Perwakilan Rakyat Daerah", DPRD_JABATAN, "H. MUHAMMAD NASIR LATIF, S.E., M.M.", "2026",
    **{"Jabatan Atasan": "Bupati Luwu Timur melalui Sekretaris Daerah Kabupaten Luwu Timur"}), (2026, 2030), (
    Row(T_PEM, ("S1", "Meningkatnya kualitas fasilitasi fungsi legislasi, anggaran dan pengawasan DPRD"), "IKU.1",
        "Persentase rancangan peraturan daerah yang ditetapkan menjadi peraturan daerah", "%", "positif",
        "75,00", ("80,00", "82,50", "85,00", "87,50", "90,00"), {2026: 0}, None,
        ("75,00", "80,00", "82,50", "85,00", "87,50", "90,00")),
    Row(T_PEM, ("S1", "Meningkatnya kualitas fasilitasi fungsi legislasi, anggaran dan pengawasan DPRD"), "IKU.2",
        "Jumlah peraturan daerah yang ditetapkan", "Perda", "positif", 8, (10, 10, 12, 12, 12), {}, None,
        ("8", "10", "10", "12", "12", "12")),
    Row(T_PEM, ("S2", "Menurunnya keterlambatan penyampaian dokumen persidangan kepada anggota DPRD"), "IKU.3",
        "Persentase dokumen persidangan yang terlambat disampaikan", "%", "negatif", 12.5, (10, 7.5, 5, 2.5, 0),
        {}, None, ("12,5", "10,0", "7,5", "5,0", "2,5", "0,0")),
))

INSPEKTORAT_JABATAN = "Inspektur Daerah Kabupaten Luwu Timur"
S_APIP = ("S1.1", "Meningkatnya kapabilitas Aparat Pengawasan Intern Pemerintah dan maturitas penyelenggaraan SPIP")
S_TL = ("S1.2", "Meningkatnya tindak lanjut hasil pemeriksaan dan pengawasan")
INSPEKTORAT = Office("inspektorat", _instansi(
    "Inspektorat Daerah", INSPEKTORAT_JABATAN, "Ir. YUSUF MAKKAWARU, M.Si", "2026, 2027"), (2025, 2029), (
    Row(T_PEM, S_APIP, "IKU.1", "Level Kapabilitas APIP", "Level", "positif", "3,0", ("3,0", "3,0", "3,5", "3,5", "4,0"),
        {2025: 3}, None, ("3,0", "3,0", "3,0", "3,5", "3,5", "4,0")),
    Row(T_PEM, S_APIP, "IKU.2", "Level Maturitas Penyelenggaraan Sistem Pengendalian Intern Pemerintah", "Level",
        "positif", 3.012, (3.1, 3.2, 3.35, 3.5, 3.65), {2025: 3.115}, "0.000",
        ("3,012", "3,100", "3,200", "3,350", "3,500", "3,650")),
    Row(T_PEM, S_TL, "IKU.3", "Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti", "%", "positif",
        0.78, (0.8, 0.825, 0.85, 0.875, 0.9), {2025: 0.81}, "0.0%", ("78,0", "80,0", "82,5", "85,0", "87,5", "90,0")),
    Row(T_PEM, S_TL, "IKU.4", "Jumlah temuan pemeriksaan yang berulang", "Temuan Berulang", "negatif", 9, (8, 6, 5, 4, 3),
        {}, None, ("9", "8", "6", "5", "4", "3")),
))

BKPSDM_JABATAN = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Luwu Timur"
LONG_3 = ("Persentase Aparatur Sipil Negara yang memenuhi standar kompetensi jabatan sesuai hasil uji kompetensi dan "
          "penilaian potensi yang dilaksanakan oleh assessment center daerah")
S_ASN = ("S1", "Meningkatnya profesionalitas, kompetensi dan kinerja Aparatur Sipil Negara di lingkungan Pemerintah "
               "Kabupaten Luwu Timur sesuai prinsip sistem merit")
BKPSDM = Office("badan_kepegawaian", _instansi(
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", BKPSDM_JABATAN, "ANDI TENRI SAU, S.Psi., M.A.P.",
    "2026"), (2025, 2029), (
    Row(T_PEM, S_ASN, "IKU.1", "Indeks Profesionalitas Aparatur Sipil Negara", "Indeks", "positif", 68.5,
        (70, 72, 74, 76, 78), {2025: 71.25}, None, ("68,50", "70,00", "72,00", "74,00", "76,00", "78,00")),
    Row(T_PEM, S_ASN, "IKU.2", LONG_3, "%", "positif", 0.55, (0.6, 0.65, 0.7, 0.75, 0.8), {2025: 0.62}, "0%",
        ("55", "60", "65", "70", "75", "80")),
    Row(T_PEM, S_ASN, "IKU.3", "Nilai Sistem Merit dalam Manajemen Aparatur Sipil Negara", "Nilai", "positif",
        245.5, (260, 275, 290, 305, 320), {2025: 262}, None, ("245,5", "260,0", "275,0", "290,0", "305,0", "320,0")),
    Row(T_PEM, S_ASN, "IKU.4", "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran",
        "%", "positif", 0.4, (0.5, 0.6, 0.7, 0.8, 0.9), {}, "0.00%",
        ("40,00", "50,00", "60,00", "70,00", "80,00", "90,00")),
    Row(T_PEM, S_ASN, "IKU.5", "Jumlah pelanggaran disiplin ASN tingkat berat", "Kasus", "negatif", 7,
        (6, 5, 4, 3, 2), {2025: 0}, None, ("7", "6", "5", "4", "3", "2")),
    Row(T_PEM, S_ASN, "IKU.6", "Indeks Kepuasan Pegawai terhadap layanan kepegawaian", "Indeks", "positif",
        "3,105", ("3,150", "3,200", "3,250", "3,300", "3,350"), {2025: "3,180"}, None,
        ("3,105", "3,150", "3,200", "3,250", "3,300", "3,350")),
))

OFFICES = (KECAMATAN, DINAS, BADAN, SEKRETARIAT, INSPEKTORAT, BKPSDM)


def build(office: Office, folder: Path) -> Path:
    """The office's workbook: `xl-iku init`, then Instansi and Data IKU filled as staff fill them."""
    path = folder / f"IKU_{office.slug}.xlsx"
    assert main(["init", str(path), "--periode", f"{office.periode[0]}-{office.periode[1]}"]) == 0
    book = openpyxl.load_workbook(path)
    ws = book["Instansi"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    for key, value in office.instansi.items():
        ws.cell(rows[key], 2).value = value
    ws.cell(rows["Periode"], 2).value = f"{office.periode[0]}–{office.periode[1]}"
    data = book["Data IKU"]
    headers = {data.cell(1, c).value: c for c in range(1, data.max_column + 1) if data.cell(1, c).value}
    last_pk = max(int(y) for y in str(office.instansi["Tahun PK"]).replace(",", " ").split())
    if any(row.tw for row in office.rows):
        for q in range(1, 5):
            headers[f"Target TW{q} {last_pk}"] = data.max_column + 1
            data.cell(1, headers[f"Target TW{q} {last_pk}"]).value = f"Target TW{q} {last_pk}"
    for r, row in enumerate(office.rows, start=2):
        values = {"Kode Tujuan": row.tujuan[0], "Tujuan": row.tujuan[1], "Kode Sasaran": row.sasaran[0],
                  "Sasaran": row.sasaran[1], "Kode Indikator": row.kode, "Indikator": row.nama, "Satuan": row.satuan,
                  "Polaritas": row.polaritas, f"Kondisi Awal {office.years[0] - 1}": row.awal,
                  "Definisi Operasional": f"Definisi operasional {row.nama.lower()}.",
                  "Formulasi": f"{row.nama} = realisasi ÷ sasaran × 100", "Penjelasan": f"Penjelasan {row.nama}.",
                  "Sumber Data": office.instansi["Nama Instansi"], "Penanggung Jawab": "Sekretaris"}
        values.update({f"Target {y}": t for y, t in zip(office.years, row.target)})
        values.update({f"Realisasi {y}": v for y, v in row.realisasi.items()})
        values.update({f"Target TW{q} {last_pk}": v for q, v in enumerate(row.tw, start=1)})
        for header, value in values.items():
            cell = data.cell(r, headers[header])
            cell.value = value
            numeric = header.startswith(("Kondisi Awal", "Target", "Realisasi"))
            if numeric and row.format and not isinstance(value, str):
                cell.number_format = row.format
    book.save(path)
    return path
