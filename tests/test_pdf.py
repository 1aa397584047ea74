"""`xl-iku pdf`: the generated sheets through LibreOffice, rendered and read back (pdfinfo, pdftotext, pdftoppm)."""

import re
import shutil
import subprocess

import pytest
from iku_books import office_book

from xl_iku.cli import main


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    return [(float(w), float(h)) for w, h in sizes]


def pdf_text(pdf, page):
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.libreoffice
def test_template_pdf(root, tmp_path, capsys):
    book = tmp_path / "IKU_Wotu.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", book)
    assert main(["pdf", str(book)]) == 0
    pdf = tmp_path / "IKU_Wotu.pdf"  # default: beside the workbook
    assert f"'{pdf}'" in capsys.readouterr().out
    pages = pdf_pages(pdf)
    texts = [pdf_text(pdf, n) for n in range(1, len(pages) + 1)]
    titles = {"Tabel IKU": "INDIKATOR KINERJA UTAMA", "Penjelasan IKU": "PENJELASAN INDIKATOR KINERJA UTAMA",
              "Capaian Kinerja": "CAPAIAN KINERJA INDIKATOR", "Grafik Capaian": "GRAFIK CAPAIAN KINERJA",
              "Nilai AKIP": "NILAI AKUNTABILITAS KINERJA", "Evaluasi AKIP 2026": "EVALUASI AKIP MANDIRI (LKE)",
              "Hasil SKM": "HASIL SURVEI KEPUASAN", "PK 2026": "PERJANJIAN KINERJA TAHUN 2026",
              "LKjIP 2025": "TABEL CAPAIAN KINERJA LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2025"}
    starts = [next(n for n, t in enumerate(texts, start=1) if t.lstrip().startswith(title))
              for title in titles.values()]
    assert starts == sorted(starts) and starts[0] == 1  # every generated sheet, in order; no input sheet
    input_headers = ("Kunci", "Kode Tujuan", "Perencanaan - Keberadaan", "TabelSKM", "Skala Jawaban")
    assert not any(h in t for t in texts for h in input_headers)  # Instansi, Data IKU, AKIP, LKE not printed
    evaluasi_pages = list(range(starts[5], starts[6]))
    hasil_pages = list(range(starts[6], starts[7]))
    pk_pages = list(range(starts[7], starts[8]))
    assert len(pk_pages) == 2  # the agreement and its lampiran
    assert not any("CATATAN KONSISTENSI" in t for t in texts)
    assert len(evaluasi_pages) == 2  # the table, then the priorities and the scale
    lkjip = "".join(texts[n - 1] for n in range(starts[8], len(pages) + 1))  # landscape, checked below; the
    # Catatan only when asked, so nothing after it
    for text in ("Tabel 3.1 Capaian Kinerja Tahun 2025", "Tabel 3.5 Realisasi Anggaran", "80,16", "94,31",
                 "1.785.000.000", "sesuai jalur"):
        assert text in lkjip, text
    assert "belum ada" in lkjip  # Nilai AKIP 2025: not yet in the AKIP sheet
    for number, (width, height) in enumerate(pages, start=1):
        portrait = number in evaluasi_pages + hasil_pages + pk_pages
        assert (width < height) if portrait else (width > height)
        assert abs(max(width, height) - 842) < 2 and abs(min(width, height) - 595) < 2  # A4 in points
    tabel = texts[0]
    for text in ("INDIKATOR KINERJA UTAMA", "KECAMATAN WOTU", "TARGET TAHUN", "KONDISI", "AWAL 2024", "(S1.1)",
                 "Nilai AKIP Perangkat Daerah", "(IS.1.1)", "YAHASIS DAWI", "NIP. 19700908 200312 1 004"):
        assert text in tabel, text
    assert re.search(r"75[.,]00\s+70[.,]00\s+70[.,]35", tabel)
    penjelasan = texts[starts[1] - 1]
    for text in ("PENJELASAN INDIKATOR KINERJA UTAMA", "Definisi Operasional", "LHE Inspektorat", "Formulasi:"):
        assert text in penjelasan, text
    hasil = "".join(texts[n - 1] for n in hasil_pages)
    for text in ("HASIL SURVEI KEPUASAN MASYARAKAT", "Penanganan Pengaduan", "80,16", "Baik", "Cukup",
                 "2025 Semester II"):
        assert text in hasil, text  # the values stored beside the xl-iku formulas, not #NAME?
    assert "#NAME" not in hasil and "Err:" not in hasil
    evaluasi = "".join(texts[n - 1] for n in evaluasi_pages)
    for text in ("EVALUASI AKIP MANDIRI (LKE) TAHUN 2026", "Perencanaan Kinerja", "68,30", "PRIORITAS PERBAIKAN",
                 "Nilai tertinggi skala"):
        assert text in evaluasi, text
    assert "#NAME" not in evaluasi and "Err:" not in evaluasi
    assert "Kunci" not in tabel + penjelasan  # Instansi sheet not exported
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "hal")], check=True)
    pngs = sorted(tmp_path.glob("hal-*.png"))
    assert len(pngs) == len(pages) and all(p.stat().st_size > 3000 for p in pngs)


@pytest.mark.libreoffice
def test_catatan_printed_only_when_asked(root, tmp_path):
    book = tmp_path / "IKU_Wotu.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", book)
    assert main(["pdf", str(book), "--dengan-catatan", "-o", str(tmp_path / "dengan.pdf")]) == 0
    texts = [pdf_text(tmp_path / "dengan.pdf", n) for n in range(1, len(pdf_pages(tmp_path / "dengan.pdf")) + 1)]
    assert texts[-1].lstrip().startswith("CATATAN KONSISTENSI") and " J2 " in texts[-1]
    assert sum("CATATAN KONSISTENSI" in t for t in texts) == 1


@pytest.mark.libreoffice
def test_long_table_repeats_header_on_every_page(tmp_path):
    from iku_books import other_office_rows

    rows = []
    for copy in range(6):  # 48 indicators
        for row in other_office_rows():
            row = dict(row)
            row["Kode Indikator"] = f"{row['Kode Indikator']}.{copy}"
            row["Kode Tujuan"] = f"{row['Kode Tujuan']}.{copy}"
            rows.append(row)
    book = office_book(tmp_path / "panjang.xlsx", rows)
    assert main(["regenerate", str(book)]) == 0
    out = tmp_path / "keluar" / "lampiran.pdf"
    assert main(["pdf", str(book), "-o", str(out)]) == 0
    pages = pdf_pages(out)
    texts = [pdf_text(out, p) for p in range(1, len(pages) + 1)]
    penjelasan = next(n for n, t in enumerate(texts) if "PENJELASAN INDIKATOR" in t)
    tabel_pages = texts[:penjelasan]  # Tabel IKU is printed first, up to the Penjelasan
    assert len(tabel_pages) >= 2
    for text in tabel_pages:
        assert "TARGET TAHUN" in text and "TUJUAN" in text  # print title rows on every page


def test_pdf_needs_generated_sheets(tmp_path, capsys):
    book = tmp_path / "baru.xlsx"
    assert main(["init", str(book)]) == 0
    assert main(["pdf", str(book)]) == 2
    assert "xl-iku regenerate" in capsys.readouterr().err
    assert not (tmp_path / "baru.pdf").exists()
