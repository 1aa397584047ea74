"""The printed lampiran as a reader holds it: numbers in Indonesian form (decimal comma, thousands dot) in cells,
chart axes and data labels, whatever the locale of the machine that converts; each chart whole on its page."""

import re
import shutil
import subprocess
import zipfile
from html import unescape

import openpyxl
import pytest
from conftest import ROOT

from xl_iku.cli import main
from xl_iku.layout import is_generated
from xl_iku.layout.styles import INDONESIAN


def page_texts(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def lampiran(tmp_path_factory):
    """The template's PDF, converted under an English machine locale (LibreOffice's default would print 75.00)."""
    folder = tmp_path_factory.mktemp("lampiran")
    book = folder / "IKU_Wotu.xlsx"
    shutil.copyfile(ROOT / "templates" / "IKU_Wotu.xlsx", book)
    with pytest.MonkeyPatch.context() as env:
        for name in ("LC_ALL", "LANG", "LC_NUMERIC"):
            env.setenv(name, "en_US.UTF-8")
        assert main(["pdf", str(book)]) == 0
    return book.with_suffix(".pdf")


@pytest.mark.libreoffice
def test_numbers_print_in_indonesian_form(lampiran):
    pages = page_texts(lampiran)
    text = "\n".join(pages)
    tabel = pages[0]
    assert re.search(r"75,00\s+70,00\s+70,35", tabel)  # Tabel IKU: kondisi awal and targets
    hasil = next(p for p in pages if p.lstrip().startswith("HASIL SURVEI KEPUASAN"))
    for number in ("80,16", "3,298", "0,1111", "3,2064", "1.500"):  # IKM, NRR, bobot, Σ, Populasi SKM
        assert number in hasil, number
    axis = re.search(r"^\s*1,0\s+1,5\s+2,0\s+2,5\s+3,0\s+3,5\s+4,0\s*$", hasil, re.M)
    assert axis, "the NRR axis prints 1,0 … 4,0"
    assert hasil.count("3,298") == 2  # U1's NRR: in the table and as the bar's data label
    capaian = next(p for p in pages if p.lstrip().startswith("CAPAIAN KINERJA"))
    assert re.search(r"85,00\s+80,16\s+94,31", capaian)  # target, realisasi, capaian
    pk = next(p for p in pages if "Sasaran Strategis" in p)  # the PK lampiran: targets as written, number cells
    assert re.search(r"Nilai\s+70,35\s", pk) and re.search(r"Indeks\s+85,30\s", pk)
    # no number anywhere in English form: 75.00, 1.000 as an axis tick, 0.1111
    english = re.findall(r"(?<![\w.])\d+\.\d{2}(?!\d)|(?<![\w.])[1-4]\.000(?!\d)|(?<![\w.])0\.\d{3,4}(?!\d)", text)
    assert english == []


def test_numbers_stay_numbers_with_the_indonesian_format(root):
    """Every number the generated sheets hold is a number cell formatted with the locale tag, so Excel in an
    Indonesian Windows and LibreOffice anywhere show 75,00; chart axes and labels carry the tag too."""
    book = openpyxl.load_workbook(root / "templates" / "IKU_Wotu.xlsx")
    checked = 0
    names = [name for name in book.sheetnames if is_generated(name)]
    assert "Grafik Capaian" in names and "PK 2026" in names
    for name in names:
        for row in book[name].iter_rows():
            for cell in row:
                fmt = cell.number_format
                assert not (isinstance(cell.value, str) and re.fullmatch(r"-?[\d.]*\d,\d+", cell.value)), (
                    name, cell.coordinate, cell.value)  # a number written as text (PK targets were, once)
                if isinstance(cell.value, float) or fmt != "General":
                    assert fmt.startswith(INDONESIAN), (name, cell.coordinate, fmt)
                    if fmt.startswith(INDONESIAN) and cell.value is not None:
                        assert cell.data_type in ("n", "f"), (name, cell.coordinate, cell.data_type)
                        checked += 1
    assert checked > 100
    with zipfile.ZipFile(root / "templates" / "IKU_Wotu.xlsx") as package:
        charts = [package.read(n).decode() for n in package.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 3
    for xml in charts:
        axis = re.search(r"<valAx>.*?</valAx>", xml).group(0)
        assert re.search(r'<numFmt formatCode="\[\$-421\][^"]+" sourceLinked="0"', axis), axis
        for code in re.findall(r'<dLbls>.*?<numFmt formatCode="([^"]+)"', xml):
            assert code.startswith(INDONESIAN)


def page_words(pdf):
    """Per page, its words as (text, x0, y0, x1, y1) in points from the top left (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(unescape(text), float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, text in
                      re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                                 page)])
    return pages


FONTS_HINT = ("LibreOffice printed in fallback fonts: ./scripts/test.sh installs fonts-crosextra-carlito and "
              "fonts-liberation2 (scripts/lib/office.sh)")


@pytest.mark.libreoffice
def test_printed_in_fonts_with_excels_metrics(lampiran):
    """Carlito (Calibri's metrics: the unit of column widths) and Liberation Sans (Arial's: the cells' text), not a
    wider fallback: the Tabel IKU prints at Excel's scale (~85 %, 10 pt text at 8,5 pt), not ~67 %."""
    fonts = subprocess.run(["pdffonts", str(lampiran)], capture_output=True, text=True, check=True).stdout
    assert "Carlito" in fonts and "LiberationSans" in fonts and "DejaVu" not in fonts, f"{FONTS_HINT}\n{fonts}"
    words = page_words(lampiran)[0]
    height = next(w[4] - w[2] for w in words if w[0] == "Terwujudnya")  # 10 pt text: ~1,3 × its printed size
    assert height / 13 > 0.8, f"Tabel IKU printed at {height / 13:.0%}. {FONTS_HINT}"


@pytest.mark.libreoffice
def test_wrapped_text_fits_its_row(lampiran):
    """Row heights follow the text as Excel wraps it (Arial in columns measured in Calibri digits): a sasaran's last
    line ends above the next sasaran, a programme's Keterangan above the next programme."""
    pages = page_words(lampiran)

    def bottom_of(words, last_word, next_word, after=None):
        y_after = after[2] if after else 0
        end = min((w for w in words if w[0] == last_word and w[2] > y_after), key=lambda w: w[2])
        following = min((w for w in words if w[0] == next_word and w[2] > end[2]), key=lambda w: w[2])
        return end, following

    tabel = pages[0]
    end, following = bottom_of(tabel, "(S1.1)", "Meningkatnya")
    assert end[4] <= following[2], "Tabel IKU: sasaran S1.1 cut off at the bottom of its row"
    lampiran_pk = next(words for words in pages if "Anggaran" in [w[0] for w in words])
    first = next(w for w in lampiran_pk if w[0] == "Penunjang")
    end, following = bottom_of(lampiran_pk, "DPA", "Penyelenggaraan", after=first)
    assert end[4] <= following[2], "PK: Keterangan of programme 1 cut off at the bottom of its row"


def chart_pages(pdf, title_word):
    """(page number, words, title words) for each page holding the start of a chart title `title_word …`."""
    out = []
    for number, words in enumerate(page_words(pdf), start=1):
        starts = [w for i, w in enumerate(words) if w[0] == title_word.split()[0]
                  and " ".join(x[0] for x in words[i:i + len(title_word.split())]) == title_word]
        if starts:
            out.append((number, words, starts))
    return out


def assert_charts_whole(pdf, expected_charts):
    """Every chart of `Grafik Capaian` whole on one page under its title, no table header above: each page holding
    titles holds, below them and above the footer, as many legends and year labels; titles no taller than the
    labels allow."""
    found = 0
    pages = chart_pages(pdf, "Target dan realisasi:")
    for number, words, titles in pages:
        texts = [w[0] for w in words]
        assert "Sumber" not in texts and "Polaritas" not in texts, f"page {number}: the table's header row above charts"
        footer = min(w[2] for w in words if w[0] == "Halaman")
        top = min(t[2] for t in titles)
        legends = [w for w in words if w[0] == "Realisasi" and top < w[2] < footer]
        years = [w for w in words if re.fullmatch(r"20\d\d", w[0]) and top < w[2] < footer]
        assert len(legends) == len(titles) and len(years) >= 5 * len(titles), f"page {number}: a chart cut off"
        label = sorted(w[4] - w[2] for w in years)[len(years) // 2]
        title_height = max(w[4] - w[2] for w in words if top <= w[2] and w[0] in ("Target", "dan", "realisasi:"))
        assert title_height <= 1.3 * label, f"page {number}: chart titles {title_height:.1f} pt, labels {label:.1f}"
        found += len(titles)
    assert found == expected_charts
    return [number for number, _, _ in pages]


@pytest.mark.libreoffice
def test_template_charts_sit_on_their_page(lampiran):
    assert_charts_whole(lampiran, 2)
    pages = page_words(lampiran)
    (number, words, (title,)), = chart_pages(lampiran, "NRR per unsur")  # Hasil SKM's bar chart
    below = {w[0] for w in words if w[2] > title[2]}
    assert {"1,0", "4,0", "U1", "U9", "NRR"} <= below, "the NRR chart whole under its title"
    assert len(pages) >= number


@pytest.mark.libreoffice
def test_many_indicators_charts_on_pages_of_their_own(tmp_path):
    from iku_books import office_book, other_office_rows

    rows = other_office_rows()  # 8 indicators: four rows of charts, over more than one page
    book = office_book(tmp_path / "delapan.xlsx", rows)
    assert main(["regenerate", str(book)]) == 0
    assert main(["pdf", str(book)]) == 0
    chart_page_numbers = assert_charts_whole(book.with_suffix(".pdf"), len(rows))
    assert len(chart_page_numbers) >= 2


def test_hasil_skm_breaks_the_page_above_a_chart_that_would_not_fit():
    """The page arithmetic the layouts use: a chart low on the first page gets a break above it, one high does not;
    the rows it covers get a fixed height, so it ends at the same row in Excel and LibreOffice."""
    from xl_iku.layout import paging
    from xl_iku.layout.base import Chart, SheetLayout
    from xl_iku.layout.hasil_skm import PORTRAIT, WIDTHS, _chart_rows

    def breaks_with_chart_at(row):
        sheet = SheetLayout("Hasil SKM", column_widths=dict(enumerate(WIDTHS, start=1)), print_setup=PORTRAIT)
        chart = Chart("bar", "NRR per unsur", (5, 10, 14, 11), anchor=(row, 2), width_cm=17, height_cm=7.5)
        block = _chart_rows(sheet, chart)
        assert block == (row, row + paging.rows_for(7.5))
        assert all(sheet.row_heights[r] == paging.ROW_PT for r in range(*block))
        return paging.breaks_keeping(sheet, len(WIDTHS), block)

    _, page_cm = paging.printable_cm(PORTRAIT, paging.printed_width_cm(SheetLayout("x", column_widths=dict(
        enumerate(WIDTHS, start=1))), len(WIDTHS)))
    assert 25 < page_cm < 32  # A4 portrait less margins and footer, enlarged by fit-to-width
    fits = int((paging.SIZED_FILL * page_cm) / paging.row_cm(paging.ROW_PT)) - paging.rows_for(7.5)  # rows above
    assert breaks_with_chart_at(fits) == ()
    assert breaks_with_chart_at(fits + 2) == (fits + 1,)  # a new page starts at the chart's row


def signature_pages(pages, last_indicator):
    """(page number, holds 'Ditetapkan di', holds the last indicator) for each page holding part of a signature."""
    return [(number, "Ditetapkan di" in text, last_indicator in text)
            for number, text in enumerate(pages, start=1) if "NIP." in text or "Ditetapkan di" in text]


@pytest.mark.libreoffice
@pytest.mark.parametrize("words", [64, 70])
def test_signature_stays_with_the_last_indicator_row(tmp_path, words):
    """Tabel IKU and Penjelasan IKU end with the signature on the page of the table's last row, whole: with these
    texts the Penjelasan's signature was cut in two across pages (64) or printed alone under the repeated header
    (70)."""
    from iku_books import office_book, other_office_rows

    rows = other_office_rows()
    for row in rows:
        row["Definisi Operasional"] = " ".join(["definisi"] * words)
    rows[-1]["Penjelasan"] = ""
    book = office_book(tmp_path / "panjang.xlsx", rows)
    assert main(["regenerate", str(book)]) == 0
    assert main(["pdf", str(book)]) == 0
    pages = page_texts(book.with_suffix(".pdf"))
    tabel, penjelasan = signature_pages(pages, "perjanjian kerja sama")
    assert tabel == (tabel[0], True, True) and penjelasan == (penjelasan[0], True, True), (tabel, penjelasan)
    assert "PENJELASAN INDIKATOR" not in pages[penjelasan[0] - 1]  # a page the table ran onto, not the first


@pytest.mark.libreoffice
def test_template_signatures_with_their_tables(lampiran):
    pages = page_texts(lampiran)
    tabel, penjelasan = signature_pages(pages, "Nilai Indeks Kepuasan")[:2]
    assert tabel[1:] == (True, True) and penjelasan[1:] == (True, True), (tabel, penjelasan)


@pytest.mark.libreoffice
def test_pk_sasaran_row_no_taller_than_its_text(lampiran):
    """The PK lampiran's sasaran wraps in its column's full width (a merged block wraps no tighter): its row ends
    under its last line, not a blank line lower (the allowance of 4 width units gave S1.1 five lines' height for
    four lines of text)."""
    words = next(w for w in page_words(lampiran) if "Strategis" in [x[0] for x in w])
    first = min((w for w in words if w[0] == "Meningkatnya"), key=lambda w: w[2])  # sasaran 1, first line
    indikator = min((w for w in words if w[0] == "Nilai" and abs(w[2] - first[2]) < 1), key=lambda w: w[1])
    column = [w for w in words if first[1] - 1 < w[1] and w[3] < indikator[1] and w[2] >= first[2]]
    second = min((w for w in column if w[0] == "Meningkatnya" and w[2] > first[2]), key=lambda w: w[2])
    last_line = max(w[4] for w in column if w[2] < second[2])
    line = first[4] - first[2]
    assert second[2] - last_line < line, f"{second[2] - last_line:.1f} pt blank under the sasaran, a line is {line:.1f}"


SECTION_HEADING = re.compile(r"^\s*(IKM per |Rincian per kelompok|Unsur dengan NRR terendah|Kolom jawaban di sheet)")
TABLE_HEADER = re.compile(r"^\s*(No\s.*\sResponden\s+IKM\b|Kode\s+Kolom\s+Judul kolom)")


def hasil_sections(book):
    """Hasil SKM's breakdown sections as the workbook holds them: (heading, number and label of its last row)."""
    ws = openpyxl.load_workbook(book)["Hasil SKM"]
    out, heading, last = [], None, None
    for r in range(1, ws.max_row + 2):
        a = ws.cell(r, 1).value
        if isinstance(a, str) and a.startswith("IKM per "):
            heading = a
        elif heading and isinstance(a, int):
            last = (a, ws.cell(r, 2).value)
        elif heading and last:
            out.append((heading, *last))
            heading, last = None, None
    return out


def assert_sections_kept(pdf, sections):
    """No page ends with a section heading or a table's header row; each section (short enough for one page)
    prints whole on the page of its heading."""
    pages = [[line for line in page.splitlines() if line.strip() and not re.match(r"^\s*Halaman \d+ dari", line)]
             for page in page_texts(pdf)]
    for number, lines in enumerate(pages, start=1):
        tail = lines[-1] if lines else ""
        assert not SECTION_HEADING.match(tail), f"page {number} ends with the heading {tail.strip()!r}"
        assert not TABLE_HEADER.match(tail), f"page {number} ends with a table's header row {tail.strip()!r}"
    for heading, count, label in sections:
        number, lines = next((n, lines) for n, lines in enumerate(pages, start=1)
                             if any(line.strip() == heading for line in lines))
        below = lines[[line.strip() for line in lines].index(heading):]
        assert any(re.match(rf"^\s*{count}\s+{re.escape(label)}(\s|$)", line) for line in below), \
            f"page {number}: section {heading!r} split before its row {count} {label!r}"


@pytest.mark.libreoffice
def test_template_hasil_skm_sections_keep_their_heading(lampiran):
    """The template printed 'IKM per Jenis Kelamin' alone at the foot of a page, its table on the next."""
    sections = hasil_sections(lampiran.with_suffix(".xlsx"))
    assert len(sections) == 6
    assert_sections_kept(lampiran, sections)


@pytest.mark.libreoffice
@pytest.mark.parametrize("layanan", [12, 7])
def test_many_breakdown_rows_keep_sections_with_their_heading(tmp_path, layanan):
    """A survey with many layanan and pekerjaan: sections fall across page ends."""
    from iku_books import office_book
    from skm_books import survey_rows, write_survey

    from xl_iku import UNSUR_14_2017

    rows = survey_rows(seed=5, count=400)
    for i, row in enumerate(rows):
        row["Jenis Layanan"] = f"Layanan Administrasi Kependudukan Nomor {i % layanan + 1}"
        if i % layanan == 0:  # two lines in its cell: the row is sized to them, and the page breaks count them
            row["Jenis Layanan"] += " (surat keterangan pindah datang antarkabupaten)"
        row["Pekerjaan"] = f"Pekerjaan {i % 11 + 1}"
    book = office_book(tmp_path / "rincian.xlsx")
    wb = openpyxl.load_workbook(book)
    profile = ["Tanggal", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]
    write_survey(wb.create_sheet("Data SKM"), rows, profile + [c for c, _ in UNSUR_14_2017])
    wb.save(book)
    assert main(["regenerate", str(book)]) == 0
    assert main(["pdf", str(book)]) == 0
    sections = hasil_sections(book)
    assert [s[1] for s in sections[:1]] == [layanan]
    ws = openpyxl.load_workbook(book)["Hasil SKM"]
    heights = {ws.cell(r, 2).value: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    assert heights[rows[0]["Jenis Layanan"]] >= 30 and heights["Laki-laki"] is None
    assert_sections_kept(book.with_suffix(".pdf"), sections)
