"""XML as the specification allows it (issue 18, item 4): the same workbook with its package parts spelled
otherwise (single quotes, spaces around `=`, attributes reversed, namespace prefixes, entity-encoded text and
values, zip entries in another case) gives the same result from every command: regenerate, pdf, export, ikm on a
survey book, rekap (which also recognises its own roll-up however it is spelled)."""

import json
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from package_books import TEMPLATE, assert_own_parts, openable
from xlsx_compare import workbook_differences
from xml_dialects import DIALECTS, respell_package

from xl_iku.cli import main
from xl_iku.package import Package

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
SPELLINGS = [(name, False) for name in DIALECTS] + [("namespace prefixes", True)]
IDS = [f"{name}{', zip case' if case else ''}" for name, case in SPELLINGS]


def spelled(source, folder, name, case):
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / source.name
    respell_package(source, out, DIALECTS[name], zip_case=case)
    return out


def test_the_respelling_changes_the_bytes_not_the_meaning(tmp_path):
    """The check itself: the respelled workbook.xml really differs, and reads the same."""
    for name, case in SPELLINGS:
        book = spelled(TEMPLATE, tmp_path / name / str(case), name, case)
        with Package(book) as package, Package(TEMPLATE) as plain:
            assert package.read(package.workbook_part) != plain.read(plain.workbook_part)
            assert [(s.name, s.state) for s in package.sheets()] == [(s.name, s.state) for s in plain.sheets()]


@pytest.fixture(scope="module")
def plain_results(tmp_path_factory):
    """What every command gives on the template as openpyxl spelled it."""
    work = tmp_path_factory.mktemp("plain")
    return run_commands(TEMPLATE, work)


def run_commands(book, work):
    out = {}
    regenerated = work / "regen" / book.name
    regenerated.parent.mkdir()
    shutil.copyfile(book, regenerated)
    assert main(["regenerate", str(regenerated)]) == 0
    out["regenerate"] = regenerated
    out["export"] = work / "salinan.xlsx"
    assert main(["export", str(book), "-o", str(out["export"])]) == 0
    out["pdf"] = work / "lampiran.pdf"
    assert main(["pdf", str(book), "-o", str(out["pdf"])]) == 0
    folder = work / "kantor"
    folder.mkdir()
    shutil.copyfile(book, folder / "IKU_Wotu.xlsx")
    out["rekap"] = work / "rekap.xlsx"
    here = os.getcwd()
    os.chdir(work)  # the roll-up names each office's file as given: the same relative name in both runs
    try:
        assert main(["rekap", "kantor", "-o", str(out["rekap"])]) == 0
    finally:
        os.chdir(here)
    return out


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.libreoffice  # plain_results prints a PDF
@pytest.mark.parametrize("name, case", SPELLINGS, ids=IDS)
def test_every_command_gives_the_same_result(tmp_path, plain_results, capsys, name, case):
    book = spelled(TEMPLATE, tmp_path / "buku", name, case)
    ours = run_commands(book, tmp_path)
    capsys.readouterr()
    assert_own_parts(ours["regenerate"])
    for command in ("regenerate", "export", "rekap"):
        readable = openable(ours[command], tmp_path / f"{command}_dibuka.xlsx")
        assert workbook_differences(plain_results[command], readable) == [], command
    assert pdf_text(ours["pdf"]) == pdf_text(plain_results["pdf"])


@pytest.mark.parametrize("name, case", SPELLINGS, ids=IDS)
def test_ikm_on_a_survey_book(tmp_path, capsys, root, name, case):
    survey = root / "workbooks" / "SKM_Wotu.xlsx"
    assert main(["ikm", str(survey), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["ikm", str(spelled(survey, tmp_path, name, case)), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == plain


@pytest.mark.libreoffice  # plain_results prints a PDF
@pytest.mark.parametrize("name, case", SPELLINGS, ids=IDS)
def test_rekap_knows_its_own_roll_up_however_spelled(tmp_path, capsys, plain_results, name, case):
    folder = tmp_path / "kantor"
    folder.mkdir()
    shutil.copyfile(TEMPLATE, folder / "IKU_Wotu.xlsx")
    respell_package(plain_results["rekap"], folder / "rekap_lama.xlsx", DIALECTS[name], zip_case=case)
    assert main(["rekap", str(folder), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [i["nama"] for i in result["instansi"]] == ["Kecamatan Wotu"] and result["gagal"] == []


@pytest.mark.parametrize("spelling", ['<mergeCell ref="A1:B2"/>', "<mergeCell ref = 'A1:B2' />",
                                      '<x:mergeCell xr:uid="{7}" ref="A1:B2"></x:mergeCell>'])
def test_merged_ranges_of_an_input_sheet_in_any_spelling(tmp_path, spelling):
    import openpyxl

    from xl_iku.readers.book import InputBook

    path = tmp_path / "gabung.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Instansi"
    wb.active.merge_cells("A1:B2")
    wb.save(path)
    content = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            content[name] = z.read(name)
    sheet = "xl/worksheets/sheet1.xml"
    xml = re.sub(rb'<mergeCell ref="A1:B2"\s*/>', spelling.encode(), content[sheet])
    content[sheet] = xml.replace(b"<worksheet ", b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
                                 b'2006/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/'
                                 b'revision" ', 1)
    assert spelling.encode() in content[sheet]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in content.items():
            z.writestr(name, data)
    with InputBook(path) as book:
        assert book.merged("Instansi") == ("A1:B2",)
