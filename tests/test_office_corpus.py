"""Every office of the corpus (`tests/corpus.py`) and the bundled Kecamatan Wotu, printed as staff print them
(`xl-iku regenerate`, then `xl-iku pdf`), checked page by page as a head of office reads before signing: nothing
off the page or drawn over something else, every jabatan and name whole, every target as written, each PK indicator
on a page with its sasaran, and no sheet name or cell address on paper (issue 20)."""

from __future__ import annotations

import re
import shutil

import corpus
import pytest
from conftest import ROOT
from pages import drawn_over, has_words, lines, on_a_line, outside, read_pages, whole

from xl_iku.cli import main

OFFICES = {office.slug: office for office in corpus.OFFICES}
#: Words that belong in the workbook, never on paper: sheet names, cell addresses, how a table was made.
INTERNAL = re.compile(r"\bsheet\b|\bsel [A-Z]{1,3}[0-9]+\b|Data IKU|Data SKM|\bbaris \d|dibuat ulang",
                      re.IGNORECASE)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kantor")
    out = {}
    for slug, office in OFFICES.items():
        book = corpus.build(office, folder)
        assert main(["regenerate", str(book)]) == 0, slug
        assert main(["pdf", str(book)]) == 0, slug
        out[slug] = read_pages(book.with_suffix(".pdf"))
    wotu = folder / "IKU_Wotu.xlsx"
    shutil.copyfile(ROOT / "templates" / "IKU_Wotu.xlsx", wotu)
    assert main(["pdf", str(wotu)]) == 0
    out["wotu"] = read_pages(wotu.with_suffix(".pdf"))
    rekap = folder.parent / f"{folder.name}_REKAP.xlsx"  # the kabupaten's roll-up of them all
    assert main(["rekap", str(folder), "-o", str(rekap), "--tahun", "2025"]) == 0
    assert main(["pdf", str(rekap)]) == 0
    out["rekap"] = read_pages(rekap.with_suffix(".pdf"))
    return out


def test_the_corpus_is_as_varied_as_real_offices():
    counts = [len(o.rows) for o in corpus.OFFICES]
    assert len(corpus.OFFICES) >= 6 and min(counts) == 1 and max(counts) == 15
    names = " ".join(o.instansi["Nama Instansi"] for o in corpus.OFFICES)
    for kind in ("Kecamatan", "Dinas", "Badan", "Sekretariat Dewan", "Inspektorat"):
        assert kind in names
    assert max(len(o.instansi["Jabatan Penandatangan"]) for o in corpus.OFFICES) > 120
    assert max(len(o.instansi["Nama Penandatangan"]) for o in corpus.OFFICES) > 120
    assert max(len(r.nama) for o in corpus.OFFICES for r in o.rows) > 120
    places = {len(w.split(",")[1]) if "," in w else 0 for o in corpus.OFFICES for r in o.rows for w in r.written}
    assert places == {0, 1, 2, 3}
    rows = [r for o in corpus.OFFICES for r in o.rows]
    assert any(r.polaritas == "negatif" for r in rows) and any(r.format and "%" in r.format for r in rows)
    assert any(0 in r.realisasi.values() for r in rows) and any(not r.realisasi for r in rows)
    assert any("," in str(o.instansi["Tahun PK"]) for o in corpus.OFFICES)


@pytest.mark.parametrize("slug", [*OFFICES, "wotu", "rekap"])
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_nothing_off_the_page_or_drawn_over_another(printed, slug):
    for page in printed[slug]:
        assert not outside(page), (page.number, [w.text for w in outside(page)])
        assert not drawn_over(page), (page.number, [(a.text, b.text) for a, b in drawn_over(page)][:5])


@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_roll_up_pages(printed):
    pages = printed["rekap"]
    charts = [p for p in pages if "per perangkat daerah, tahun 2025" in p.text]
    assert charts and not any("Peringkat" in p.text for p in charts)  # no table header above a chart
    assert whole(pages, "KABUPATEN (gabungan seluruh responden)") == 1
    assert not any("BERKAS YANG TIDAK DAPAT DIBACA" in p.text for p in pages)  # Gagal only when asked
    for office in corpus.OFFICES:
        assert any(office.instansi["Nama Instansi"] in block for p in pages for block in p.blocks)


@pytest.mark.parametrize("slug", OFFICES)
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_every_jabatan_and_name_whole(printed, slug):
    office, pages = OFFICES[slug], printed[slug]
    info = office.instansi
    years = len(str(info["Tahun PK"]).split(","))
    quarterly = any(r.tw for r in office.rows)
    signed = 2 + 2 * years + quarterly  # Tabel IKU, Penjelasan, each PK's agreement and lampiran, Rencana Aksi
    assert whole(pages, info["Jabatan Penandatangan"].upper() + ",") == signed
    assert whole(pages, info["Nama Penandatangan"]) >= signed
    assert whole(pages, info["Jabatan Atasan"].upper() + ",") == 2 * years
    assert whole(pages, info["Nama Atasan"]) >= 2 * years


def _pages_of(pages, title, next_title=None):
    """The pages of one printed sheet: from the page starting with `title` up to the next sheet's first page."""
    first = next(i for i, p in enumerate(pages) if p.text.startswith(title))
    rest = [i for i, p in enumerate(pages) if i > first and next_title and p.text.startswith(next_title)]
    return pages[first:rest[0] if rest else None]


@pytest.mark.parametrize("slug", OFFICES)
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_every_target_printed_as_written(printed, slug):
    office, pages = OFFICES[slug], printed[slug]
    tabel = _pages_of(pages, "INDIKATOR KINERJA UTAMA", "PENJELASAN")
    for row in office.rows:
        assert any(on_a_line(p, " ".join(row.written)) for p in tabel), (row.kode, row.written)


@pytest.mark.parametrize("slug", OFFICES)
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_each_pk_indicator_on_a_page_with_its_sasaran_and_target(printed, slug):
    office, pages = OFFICES[slug], printed[slug]
    lampiran: dict[int, list] = {}  # a continued lampiran page has only the repeated header: the year's title before
    year = None
    for page in pages:
        found = re.search(r"PERJANJIAN KINERJA TAHUN (\d{4})", page.text)
        year = int(found.group(1)) if found else year
        if "Sasaran Strategis" in page.text:
            lampiran.setdefault(year, []).append(page)
    for year in (int(y) for y in str(office.instansi["Tahun PK"]).split(",")):
        of_year = lampiran[year]
        for row in office.rows:
            target = row.written[office.years.index(year) + 1]
            found = [p for p in of_year if has_words(p, row.nama)]
            assert found and all(has_words(p, row.sasaran[1]) for p in found), (year, row.kode)
            satuan = re.split(r"(?<=/)|\s", row.satuan)[0]  # its first line, beside the target ('Desa/' of two)
            assert any(on_a_line(p, f"{satuan} {target}") for p in found), (year, row.kode, target)


@pytest.mark.parametrize("slug", [*OFFICES, "wotu"])
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_no_sheet_name_or_cell_address_on_paper(printed, slug):
    for page in printed[slug]:
        assert not INTERNAL.search(page.text), (page.number, INTERNAL.search(page.text).group(0))


@pytest.mark.parametrize("slug", OFFICES)
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_negative_polarity_said_on_paper(printed, slug):
    from xl_iku.layout.iku_table import NEGATIF

    office, pages = OFFICES[slug], printed[slug]
    tabel = _pages_of(pages, "INDIKATOR KINERJA UTAMA", "PENJELASAN")
    grafik = " ".join(p.text for p in _pages_of(pages, "GRAFIK CAPAIAN", "NILAI AKUNTABILITAS"))
    negatif = [row for row in office.rows if row.polaritas == "negatif"]
    for row in negatif:  # KET. left empty by the office: the table says it
        assert any(has_words(p, row.nama) and has_words(p, NEGATIF) for p in tabel), row.kode
    assert grafik.count("polaritas negatif") == len(negatif)


@pytest.mark.parametrize("slug", OFFICES)
@pytest.mark.libreoffice  # the offices printed through LibreOffice
def test_chart_titles_keep_the_code(printed, slug):
    office, pages = OFFICES[slug], printed[slug]
    grafik = _pages_of(pages, "GRAFIK CAPAIAN", "NILAI AKUNTABILITAS")
    for row in office.rows:
        assert any(f"({row.kode})" in line for p in grafik for line in lines(p)), row.kode


def test_chart_title_shortened_at_a_word_with_its_code():
    from xl_iku.layout.base import text_width
    from xl_iku.layout.capaian_kinerja import TITLE_WIDTH_PT, chart_title
    from xl_iku.model import Indikator

    title = chart_title(Indikator(0, "T1", "t", "S1", "s", "IKU.9", corpus.LONG_1, polaritas="negatif"))
    shown = title.split("\n")
    assert len(shown) == 2 and all(text_width(line, 10, bold=True) <= TITLE_WIDTH_PT for line in shown)
    assert title.endswith("… (IKU.9) — polaritas negatif")
    words = title.replace("\n", " ").split("… (IKU.9)")[0].split()
    full = ("Target dan realisasi: " + corpus.LONG_1).split()
    assert words[:-1] == full[:len(words) - 1] and full[len(words) - 1].startswith(words[-1])  # whole words
    short = chart_title(Indikator(0, "T1", "t", "S1", "s", "IKU.5", "Rasio Gini"))
    assert short == "Target dan realisasi: Rasio Gini (IKU.5)"


@pytest.mark.parametrize("values, places", [((0.865, 0.87, 0.88, 0.9, 0.925), 2), ((70, 70.35, 72.25), 1),
                                            ((3, 5, 12), 0), ((0.327, 0.325, 0.315), 3), ((5, 5), 2)])
def test_axis_ticks_differ(values, places):
    from xl_iku.layout.capaian_kinerja import axis_format
    from xl_iku.model import Indikator
    from xl_iku.model.capaian import IndicatorPerformance, YearResult

    years = tuple(YearResult(2025 + i, v, None, "", None, "", "") for i, v in enumerate(values))
    code = axis_format(IndicatorPerformance(Indikator(0, "", "", "", "", "K", "n"), years))
    assert code == "[$-421]#,##0" + ("." + "0" * places if places else "")
