"""Property: whatever shape an office's book has, regeneration gives every sheet its own part, each generated sheet
exactly what a fresh build of it holds, every other part byte for byte, a package LibreOffice opens and
recalculates, and a second run changes nothing (issue 18).

Shapes (hypothesis draws them): any subset and order of the generated sheets, one of them possibly spelled in other
case/spacing; user sheets before, between and after them (one named like a generated sheet); `Tahun PK` years added
or removed; quarterly targets (a `Rencana Aksi` sheet) or none; books written by openpyxl, XlsxWriter or
LibreOffice; part names in other folders, absolute targets, zip entries in another case than their relationships.

Profiles (tests/conftest.py): `ci` (default: few examples, derandomized, well under a minute) and `long`
(`--hypothesis-profile=long` or HYPOTHESIS_PROFILE=long, hundreds of examples, random).
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given, note  # noqa: E402
from hypothesis import strategies as st
from package_books import (  # noqa: E402
    TEMPLATE,
    assert_like_fresh,
    assert_own_parts,
    assert_rest_untouched,
    instansi_row,
    openable,
    parts,
    rename_parts,
    set_cell_text,
)

from xl_iku.cli import main  # noqa: E402
from xl_iku.layout import sheet_key  # noqa: E402
from xl_iku.package import Package  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

INPUTS = ["Instansi", "Data IKU", "Data SKM", "AKIP", "Program"]
GENERATED = ["Tabel IKU", "Penjelasan IKU", "Capaian Kinerja", "Grafik Capaian", "Nilai AKIP", "Hasil SKM", "PK 2026",
             "Catatan"]
USER = ["Sampul", "Anggaran 2026", "Tabel IKU (lama)", "PK  2026 Revisi"]
PK_YEARS = ["2026", "2026, 2027", "2027", "2025, 2026", ""]
DIALECTS = {
    "as written": None,
    "other folder": dict(rename=lambda n: n.replace("xl/worksheets/sheet", "xl/worksheets/data/lembar")),
    "absolute targets": dict(rename=lambda n: n, absolute=True),
    "zip case": dict(rename=lambda n: n, zip_case=lambda n: n.upper() if n.startswith("xl/worksheets/") else n),
}


def respell(name: str) -> str:
    """The same sheet as staff retype it: other case, doubled space."""
    return name.upper().replace(" ", "  ", 1)


@st.composite
def shapes(draw):
    generated = draw(st.lists(st.sampled_from(GENERATED), unique=True, max_size=len(GENERATED)))
    respelled = draw(st.sampled_from([None] + generated)) if generated else None
    order = INPUTS + [respell(n) if n == respelled else n for n in generated]
    users = draw(st.lists(st.sampled_from(USER), unique=True, max_size=2))
    for name in users:
        order.insert(draw(st.integers(0, len(order))), name)
    return dict(order=order, tahun_pk=draw(st.sampled_from(PK_YEARS)), quarterly=draw(st.booleans()),
                producer=draw(st.sampled_from(["openpyxl", "xlsxwriter", "libreoffice"])),
                seed=draw(st.integers(0, len(LO_SEEDS) - 1)), dialect=draw(st.sampled_from(sorted(DIALECTS))))


def template_book(order, quarterly):
    """The bundled template (openpyxl) with its sheets in `order`: template sheets kept, generated ones not listed
    deleted, respelled ones renamed, user sheets added (values, a formula, a comment)."""
    wb = openpyxl.load_workbook(TEMPLATE)
    keys = {sheet_key(n): n for n in order}
    for ws in list(wb):
        if sheet_key(ws.title) not in keys or ws.title not in INPUTS + GENERATED:
            wb.remove(ws)
        else:
            ws.title = keys[sheet_key(ws.title)]
    for name in order:
        if name not in wb.sheetnames:
            ws = wb.create_sheet(name)
            ws["A1"], ws["B1"], ws["B2"] = f"Milik kantor: {name}", 1250, "=B1*2"
            ws["A3"].comment = openpyxl.comments.Comment("catatan staf", "staf")
    wb._sheets = [wb[name] for name in order]
    if quarterly:
        data = wb["Data IKU"]
        first = data.max_column + 1
        for q in range(1, 5):
            data.cell(1, first + q - 1, f"Target TW{q} 2026")
            for row in range(2, data.max_row + 1):
                data.cell(row, first + q - 1, 20 * q)
    return wb


def openpyxl_producer(path, order, quarterly):
    template_book(order, quarterly).save(path)


def xlsxwriter_producer(path, order, quarterly):
    """Input sheets as XlsxWriter writes them (values, shared strings, its own part names); generated sheets as
    stale leftovers that regeneration must replace."""
    import xlsxwriter

    source = template_book(order, quarterly)
    book = xlsxwriter.Workbook(str(path))
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for name in order:
        ws, src = book.add_worksheet(name), source[name]
        if name not in INPUTS:
            ws.write("A1", "sisa lama" if sheet_key(name) in {sheet_key(g) for g in GENERATED} else name)
            ws.write("Z99", "sisa lama")
            ws.write_comment("A3", "catatan staf")
            continue
        for row in src.iter_rows():
            for cell in row:
                if isinstance(cell.value, (dt.datetime, dt.date)):
                    ws.write_datetime(cell.row - 1, cell.column - 1, cell.value, date)
                elif cell.value is not None:
                    ws.write(cell.row - 1, cell.column - 1, cell.value)
    book.close()


def soffice_convert(paths, outdir):
    """LibreOffice opens each file and writes it back (one start for all), recalculating every formula."""
    from xl_iku.pdf import _RECALC, _xcu, soffice

    with tempfile.TemporaryDirectory(prefix="xl-iku-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_xcu(_RECALC), encoding="utf-8")
        subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "xlsx", "--outdir", str(outdir)] + [str(p) for p in paths],
                       capture_output=True, timeout=600, check=True)
    return [Path(outdir) / Path(p).name for p in paths]


#: Books saved by LibreOffice are slow to make: a few fixed shapes made once per session, varied by hypothesis.
LO_SEEDS = [
    ["Sampul"] + INPUTS + GENERATED,
    INPUTS + ["Tabel IKU", "Penjelasan IKU", "Anggaran 2026", "Capaian Kinerja", "Nilai AKIP", "PK 2026", "Catatan"],
    INPUTS + ["TABEL  IKU", "Catatan", "Tabel IKU (lama)"],
]


@pytest.fixture(scope="session")
def libreoffice_seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo_seeds")
    sources = []
    for i, order in enumerate(LO_SEEDS):
        sources.append(folder / f"seed{i}.xlsx")
        openpyxl_producer(sources[-1], order, quarterly=False)
    out = folder / "saved"
    out.mkdir()
    return soffice_convert(sources, out)


def replaced_sheets(path, generated_names) -> list[str]:
    """The source sheets the regeneration replaces (exact name first, else the first with the same key)."""
    with Package(path) as package:
        existing = [s.name for s in package.sheets()]
    out = []
    for name in generated_names:
        same = [n for n in existing if sheet_key(n) == sheet_key(name)]
        if same:
            out.append(name if name in same else same[0])
    return out


@pytest.mark.libreoffice
def test_regeneration_of_any_book_shape(tmp_path, libreoffice_seeds):
    counter = itertools.count()
    results = []

    # the reproductions and one book of each other producer run every time; hypothesis varies the rest
    @given(shapes())
    @example(dict(order=INPUTS + [g for g in GENERATED if g != "Grafik Capaian"], tahun_pk="2026", quarterly=False,
                  producer="openpyxl", seed=0, dialect="as written"))
    @example(dict(order=["Sampul"] + INPUTS + GENERATED, tahun_pk="2026, 2027", quarterly=True, producer="openpyxl",
                  seed=0, dialect="zip case"))
    @example(dict(order=INPUTS + ["Catatan", "TABEL  IKU", "Anggaran 2026", "Hasil SKM"], tahun_pk="2025, 2026",
                  quarterly=False, producer="xlsxwriter", seed=0, dialect="other folder"))
    @example(dict(order=[], tahun_pk="2027", quarterly=False, producer="libreoffice", seed=1,
                  dialect="absolute targets"))
    def regenerate_any(shape):
        work = tmp_path / f"ex{next(counter)}"
        work.mkdir()
        path = work / "kantor.xlsx"
        if shape["producer"] == "libreoffice":
            shutil.copyfile(libreoffice_seeds[shape["seed"]], path)
            shape = dict(shape, order=LO_SEEDS[shape["seed"]], quarterly=False)
        elif shape["producer"] == "xlsxwriter":
            xlsxwriter_producer(path, shape["order"], shape["quarterly"])
        else:
            openpyxl_producer(path, shape["order"], shape["quarterly"])
        ws = openpyxl.load_workbook(TEMPLATE)["Instansi"]
        set_cell_text(path, "Instansi", f"B{instansi_row(ws, 'Tahun PK')}", shape["tahun_pk"])
        dialect = DIALECTS[shape["dialect"]]
        if dialect:
            rename_parts(path, work / "dialect.xlsx", **dialect)
            shutil.move(work / "dialect.xlsx", path)
        note(f"shape: {shape}")
        before_path = work / "before.xlsx"
        shutil.copyfile(path, before_path)
        before = parts(path)

        assert main(["regenerate", str(path)]) == 0
        assert_own_parts(path)
        names = assert_like_fresh(path, work)
        assert_rest_untouched(before, before_path, path, replaced_sheets(before_path, names))
        first = parts(path)
        assert main(["regenerate", str(path)]) == 0
        assert parts(path) == first, "a second run changed the package"
        results.append((openable(path, work / "openable.xlsx"), names))

    regenerate_any()
    assert results
    # the packages open and recalculate in LibreOffice (one start for all of them)
    out = tmp_path / "lo"
    out.mkdir()
    for i, (path, _) in enumerate(results):
        shutil.copyfile(path, out / f"r{i}.xlsx")
    opened_dir = tmp_path / "opened"
    opened_dir.mkdir()
    opened = soffice_convert(sorted(out.iterdir()), opened_dir)
    for (path, names), saved in zip(results, opened):
        wb = openpyxl.load_workbook(saved, data_only=True)
        assert [n for n in names if n not in wb.sheetnames] == [], saved
        mine = openpyxl.load_workbook(path, data_only=True)
        for name in names:
            assert wb[name]["A1"].value == mine[name]["A1"].value, (saved, name)
