"""Regeneration of the books an office has after upgrading: some generated sheets missing, a new year in
`Tahun PK`, parts named by other producers. Each new generated sheet gets a part of its own; none takes the part of
another sheet (issue 18: `Grafik Capaian` showed `Nilai AKIP`, `PK 2027` showed `Catatan`, all with exit 0)."""

import shutil
import zipfile

import openpyxl
import pytest
from package_books import (
    TEMPLATE,
    assert_like_fresh,
    assert_own_parts,
    assert_rest_untouched,
    openable,
    parts,
    rename_parts,
    template_without,
)
from xlsx_compare import workbook_differences

from xl_iku.cli import main
from xl_iku.package import Package

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def regenerate(path, capsys=None):
    assert main(["regenerate", str(path)]) == 0
    if capsys is not None:
        capsys.readouterr()


def test_previous_release_template_upgrades_to_todays_template(tmp_path):
    """The template as the previous release wrote it (openpyxl, no `Grafik Capaian`) regenerates to exactly
    today's template: the same sheets in the same order, cell by cell and style by style, with the charts."""
    path = template_without(tmp_path / "lama.xlsx", drop=["Grafik Capaian"])
    regenerate(path)
    assert_own_parts(path)
    assert workbook_differences(path, TEMPLATE) == []
    ours, today = openpyxl.load_workbook(path), openpyxl.load_workbook(TEMPLATE)
    assert ours["Grafik Capaian"]["A1"].value == today["Grafik Capaian"]["A1"].value
    assert len(ours["Grafik Capaian"]._charts) == len(today["Grafik Capaian"]._charts) > 0
    assert assert_like_fresh(path, tmp_path)


def test_new_pk_year_gets_its_own_sheet(tmp_path):
    path = template_without(tmp_path / "pk.xlsx", tahun_pk="2026, 2027")
    regenerate(path)
    assert_own_parts(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-4:] == ["PK 2026", "PK 2027", "LKjIP 2025", "Catatan"]  # where a fresh build puts it
    assert wb["PK 2027"]["A1"].value == "PERJANJIAN KINERJA TAHUN 2027"
    assert wb["Catatan"]["A1"].value.startswith("CATATAN")
    assert_like_fresh(path, tmp_path)


@pytest.mark.parametrize("dropped", [["Penjelasan IKU"], ["Tabel IKU"], ["Grafik Capaian", "Hasil SKM"],
                                     ["Capaian Kinerja", "PK 2026"], ["Catatan"]])
def test_book_holding_some_generated_sheets(tmp_path, dropped):
    path = template_without(tmp_path / "sebagian.xlsx", drop=dropped)
    before = parts(path)
    shutil.copyfile(path, tmp_path / "before.xlsx")
    regenerate(path)
    assert_own_parts(path)
    names = assert_like_fresh(path, tmp_path)
    assert workbook_differences(path, TEMPLATE) == []
    assert_rest_untouched(before, tmp_path / "before.xlsx", path, names)


def test_book_an_earlier_run_broke_is_repaired(tmp_path):
    """Two sheets pointing at one part (what the bug left behind): each gets a part of its own again."""
    path = template_without(tmp_path / "rusak.xlsx", drop=["Grafik Capaian"])
    content = parts(path)
    with Package(path) as package:
        akip = next(s.part for s in package.sheets() if s.name == "Nilai AKIP")
    rels = content["xl/_rels/workbook.xml.rels"].decode()
    content["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            f'relationships/worksheet" Target="/{akip}"/></Relationships>').encode()
    workbook = content["xl/workbook.xml"].decode()
    content["xl/workbook.xml"] = workbook.replace(
        "</sheets>", '<sheet name="Grafik Capaian" sheetId="99" r:id="rId99"/></sheets>').encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in content.items():
            z.writestr(name, data)
    regenerate(path)
    assert_own_parts(path)
    assert_like_fresh(path, tmp_path)


@pytest.mark.parametrize("absolute", [False, True])
def test_parts_in_other_folders_and_case(tmp_path, absolute):
    """Part names of another producer: sheets in another folder, absolute targets, zip entries whose case differs
    from their relationships (Excel and calamine open such files): no KeyError, every sheet its own part."""
    source = template_without(tmp_path / "asal.xlsx", drop=["Grafik Capaian", "Hasil SKM"])
    path = tmp_path / "lain.xlsx"
    rename_parts(source, path, lambda n: n.replace("xl/worksheets/sheet", "xl/worksheets/lembar/Sheet"),
                 absolute=absolute, zip_case=lambda n: n.upper() if n.startswith("xl/worksheets/lembar/") else n)
    before = parts(path)
    shutil.copyfile(path, tmp_path / "before.xlsx")
    regenerate(path)
    assert_own_parts(path)
    names = assert_like_fresh(path, tmp_path)
    assert workbook_differences(openable(path, tmp_path / "dibuka.xlsx"), TEMPLATE) == []
    assert_rest_untouched(before, tmp_path / "before.xlsx", path, names)
    # a second run changes nothing
    first = parts(path)
    regenerate(path)
    assert parts(path) == first


def test_workbook_part_in_another_case(tmp_path, capsys):
    """Every `xl/` entry upper-cased in the zip (`XL/WORKBOOK.XML`), the relationships in lower case: the book is a
    workbook (not 'no xl/workbook.xml'), regenerates like the template and reads as a survey."""
    path = tmp_path / "besar.xlsx"
    rename_parts(TEMPLATE, path, lambda n: n, zip_case=lambda n: n.upper() if n.startswith("xl/") else n)
    assert "XL/WORKBOOK.XML" in parts(path)
    assert main(["ikm", str(path), "--json"]) == 0
    assert '"responden": 320' in capsys.readouterr().out
    regenerate(path)
    assert_own_parts(path)
    assert workbook_differences(openable(path, tmp_path / "dibuka.xlsx"), TEMPLATE) == []
