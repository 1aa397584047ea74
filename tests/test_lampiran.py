"""The printed lampiran as a reader holds it: numbers in Indonesian form (decimal comma, thousands dot) in cells,
chart axes and data labels, whatever the locale of the machine that converts; each chart whole on its page."""

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from conftest import ROOT

from xl_iku.cli import main
from xl_iku.layout import GENERATED_SHEETS
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
    # no number anywhere in English form: 75.00, 1.000 as an axis tick, 0.1111
    english = re.findall(r"(?<![\w.])\d+\.\d{2}(?!\d)|(?<![\w.])[1-4]\.000(?!\d)|(?<![\w.])0\.\d{3,4}(?!\d)", text)
    assert english == []


def test_numbers_stay_numbers_with_the_indonesian_format(root):
    """Every number the generated sheets hold is a number cell formatted with the locale tag, so Excel in an
    Indonesian Windows and LibreOffice anywhere show 75,00; chart axes and labels carry the tag too."""
    book = openpyxl.load_workbook(root / "templates" / "IKU_Wotu.xlsx")
    checked = 0
    for name in GENERATED_SHEETS:
        for row in book[name].iter_rows():
            for cell in row:
                fmt = cell.number_format
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
