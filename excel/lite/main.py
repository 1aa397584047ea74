# xl-iku untuk xlwings Lite: salin seluruh isi berkas ini ke tab main.py di xlwings Lite.
# Fungsi Excel yang tersedia: IKM_SCORE, IKM_NRR, IKM_TABEL, IKM_CATEGORY, IKM_LABEL, AKIP_SCORE, AKIP_CATEGORY,
# AKIP_LABEL, CAPAIAN, LKE_SCORE, LKE_PREDIKAT. Paket xl-iku dipasang lewat tab requirements.txt (lihat
# requirements.txt di folder ini).
# (Developers: this file is tested in tests/officejs; it must stay a plain import of xl_iku's definitions.)

from xl_iku.udfs import (  # noqa: F401
    AKIP_CATEGORY,
    AKIP_LABEL,
    AKIP_SCORE,
    CAPAIAN,
    IKM_CATEGORY,
    IKM_LABEL,
    IKM_NRR,
    IKM_SCORE,
    IKM_TABEL,
    LKE_PREDIKAT,
    LKE_SCORE,
)

import xlwings as xw  # noqa: E402
from xlwings import script  # noqa: E402

from xl_iku.oneclick import run  # noqa: E402


@script
def buat_ulang_iku(book: xw.Book):
    """Buat ulang sheet hasil (Tabel IKU, Penjelasan IKU, Capaian Kinerja, Grafik Capaian, Nilai AKIP, Hasil SKM,
    PK TAHUN, Rencana Aksi TAHUN, LKjIP TAHUN, Catatan)."""
    run(book)
