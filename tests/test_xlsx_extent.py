"""The extent check of an .xlsx sheet (`xlsx_scan.extent`): calamine allocates the rectangle from A1 to the farthest
cell it places, so the check must place cells as calamine does, whatever the part states or omits. A cell follows
its own reference, not its row's number (`<row r="2"><c r="A1048576">`); a reference may be lower-case (`xfd1`);
a cell without a reference (the spec allows it) stands one column after the cell before it, in a row one after the
row before. Each case below was missed by the check before (the ones handed to calamine aborted the process)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from skm_books import survey_rows
from test_hostile_input_3 import SHEET, patch_part, survey_file

from xl_iku.readers import xlsx_scan

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_part(rows: str) -> bytes:
    return f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def one_sheet_book(path: Path, rows: str) -> Path:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{rel[:-1]}"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships"><Relationship Id="rId1" Type="{rel}worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr(SHEET, sheet_part(rows))
    return path


def calamine_rectangle(path: Path) -> tuple[int, int]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S").to_python(skip_empty_area=False)
    return len(rows), max(map(len, rows), default=0)


def hostile_rows(rng: random.Random) -> str:
    """A few rows written every way calamine accepts: numbered or not, empty, cells with a reference (upper or lower
    case, anywhere, out of order) or without one."""
    out = []
    for _ in range(rng.randint(1, 5)):
        number = rng.randint(1, 40)
        out.append(f'<row r="{number}">' if rng.random() < 0.6 else "<row>")
        if rng.random() < 0.15:
            out[-1] = out[-1][:-1] + "/>"
            continue
        for _ in range(rng.randint(0, 4)):
            kind = rng.random()
            if kind < 0.45:
                letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rng.randrange(26)] * rng.randint(1, 2)
                ref = f"{letters}{rng.randint(1, 60)}"
                out.append(f'<c r="{ref.lower() if rng.random() < 0.2 else ref}"><v>1</v></c>')
            else:
                out.append('<c><v>2</v></c>' if kind < 0.9 else f'<c s="0" r="C{rng.randint(1, 60)}"><v>3</v></c>')
        out.append("</row>")
    return "".join(out)


@pytest.mark.parametrize("seed", range(4))
def test_cells_are_placed_as_calamine_places_them(tmp_path, seed):
    """Drawn parts (fixed seeds): the extent is never smaller than calamine's rectangle, and the cell-by-cell
    placement equals it (every drawn cell holds a value)."""
    rng = random.Random(seed)
    for index in range(60):
        rows = hostile_rows(rng)
        path = one_sheet_book(tmp_path / f"{index}.xlsx", rows)
        expected = calamine_rectangle(path)
        data = sheet_part(rows)
        assert xlsx_scan._positions(data)[:2] == (expected[0], max(expected[1], 1)), rows
        found = xlsx_scan.extent(data)
        assert found[0] >= expected[0] and found[1] >= expected[1], rows


def padded(middle: str, count: int = 3000) -> bytes:
    """A sheet larger than the extent's samples (its first and last 64 KB), `middle` in the middle of it."""
    rows = [f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="n"><v>3</v></c>' for c in "ABCDEFGHIJK") + "</row>"
            for r in range(1, count + 1)]
    rows.insert(count // 2, middle)
    return sheet_part("".join(rows))


@pytest.mark.parametrize("middle, at_least", [
    ('<row r="1501"><c r="A1048576"><v>1</v></c></row>', (1048576, 11)),  # a cell follows its reference
    ('<row r="1501"><c r="xfd1501"><v>1</v></c></row>', (3000, 16384)),  # lower case
    ('<row r="1501"><c r="K1501"><v>1</v></c>' + "<c><v>1</v></c>" * 20 + "</row>", (3000, 31)),  # no reference
    ('<row r="300000"><c><v>1</v></c></row>', (300000, 11)),
    ('<row r="1501"/>' + "<row/>" * 5000 + "<row><c><v>1</v></c></row>", (6502, 11)),  # rows without a number
    ('<row r="1501"><x:c xmlns:x="' + MAIN + '" r="XFD1501"><x:v>1</x:v></x:c></row>', (3000, 16384)),  # prefixed
    ('<row r="1501"><c s="0" r="ZZ1501"><v>1</v></c></row>', (3000, 702)),  # reference not first
    ('<row r="1501"><c r="L1501"><v>1</v></c></row>', (3000, 12)),  # just outside the guessed box
    ('<row r="1501"><c r="A699999"><v>1</v></c></row>', (699999, 11)),
    ('<row r="1501"><c r="A700000"><v>1</v></c></row>', (700000, 11)),
    ('<row r="1501"><c r="ZZZZ1501"><v>1</v></c></row>', (3000, 475254)),  # calamine takes four letters too
], ids=["ref-row", "lower-case", "no-ref-cells", "row-far", "no-number-rows", "prefixed", "ref-not-first",
        "column-after-box", "row-at-bound", "row-after-bound", "four-letters"])
def test_a_far_cell_in_the_middle_of_a_large_sheet_is_found(middle, at_least):
    found = xlsx_scan.extent(padded(middle))
    assert found[0] >= at_least[0] and found[1] >= at_least[1]


def test_a_part_as_producers_write_it_is_bounded_in_one_pass():
    """No far cell: the box guessed from the first and last cells holds, its rows bounded within the limit."""
    rows, columns = xlsx_scan.extent(padded('<row r="1501"><c r="B1501"><v>1</v></c></row>'))
    assert columns == 11 and 3000 <= rows and rows * columns <= xlsx_scan.DENSE_CELL_LIMIT


def _limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _ikm(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xl_iku.cli", "ikm", str(path), "--json"], capture_output=True,
                          text=True, timeout=300, preexec_fn=_limit_memory)


@pytest.mark.parametrize("cells", [
    b'<row r="2500"><c r="xfd1048576" t="n"><v>1</v></c></row>',
    b'<row r="300000"><c r="L300000"><v>1</v></c>' + b"<c><v>1</v></c>" * 20_000 + b"</row>",
], ids=["lower-case-far-cell", "row-of-cells-without-reference"])
def test_ikm_never_hands_calamine_an_unchecked_rectangle(tmp_path, cells):
    """Before, both were read densely: calamine asked for 512 GiB (lower case) or 48 GiB (20,000 cells without a
    reference in row 300,000) and the process aborted. Now the sheet is read cell by cell."""
    rows = survey_rows(seed=31, count=2000)
    path = survey_file(tmp_path / "s.xlsx", rows)
    patch_part(path, SHEET, lambda d: d.replace(b"</sheetData>", cells + b"</sheetData>"))
    assert len(zipfile.ZipFile(path).read(SHEET)) > 2 * xlsx_scan._SAMPLE  # the far cell lies outside the samples
    done = _ikm(path)
    assert done.returncode == 0, done.stderr[-1500:]
    assert json.loads(done.stdout)["responden"] == 2000


def test_input_book_never_hands_calamine_an_unchecked_rectangle(tmp_path):
    """The input book's reader (regenerate, rekap) uses the same check: a lower-case far reference in Instansi."""
    from iku_books import office_book

    path = office_book(tmp_path / "kantor.xlsx")
    with zipfile.ZipFile(path) as z:
        instansi = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    patch_part(path, instansi, lambda d: d.replace(b"</sheetData>", b'<row r="40"><c r="xfd1048576" t="n"><v>1</v>'
                                                                    b"</c></row></sheetData>"))
    done = subprocess.run([sys.executable, "-c", "import sys; from xl_iku.readers.book import InputBook; "
                           "b = InputBook(sys.argv[1]); rows = b.rows(b.sheet_names[0]); print(len(rows))", str(path)],
                          capture_output=True, text=True, timeout=300, preexec_fn=_limit_memory)
    assert done.returncode == 0 and int(done.stdout) == 1048576, done.stderr[-1500:]


@pytest.mark.parametrize("middle", [
    '<row r="1501"><c r="B1501" t="e"><v>#DIV/0!</v></c><c r="C1501"><f>1/0</f></c></row>',
    '<row r="1501"/>' + "<row/>" * 500 + "<row><c><v>1</v></c>" + "<c><v>1</v></c>" * 40 + "</row>",
    "<row r='1501'><c r='xfd1501' t='e'><v>#N/A</v></c></row>",
], ids=["problem-cells", "no-references", "spelled-otherwise"])
def test_a_part_scanned_in_pieces_gives_what_the_whole_gives(tmp_path, monkeypatch, middle):
    """A part above `_WHOLE` is scanned in pieces cut at row ends: the same extent and problem cells, a cell without
    a reference placed after the rows of earlier pieces."""
    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(SHEET, padded(middle).replace(b'<row r="2000">', b"<x/><row r='2000'>"))

    class Zip:  # just the sheet part: scan_sheet needs no more of a package
        def __init__(self):
            self.zip, self.path = zipfile.ZipFile(path), str(path)

        def resolve(self, part):
            return part

        def open(self, part):
            return self.zip.open(part)

        def size(self, part):
            return self.zip.getinfo(part).file_size

    whole = xlsx_scan.scan_sheet(Zip(), SHEET)
    monkeypatch.setattr(xlsx_scan, "_WHOLE", 1 << 16)
    monkeypatch.setattr(xlsx_scan, "_PIECE", 1 << 15)
    pieces = xlsx_scan.scan_sheet(Zip(), SHEET)
    assert (pieces.max_row, pieces.max_column, pieces.problems) == (whole.max_row, whole.max_column, whole.problems)
    assert whole.max_row * whole.max_column >= 3000 * 11


def test_problem_cells_without_a_reference_are_placed_as_calamine_places_them():
    """An error value or a formula never computed in a cell without a reference: one column after the cell before it
    (before, the cell before it was named, and one first in its row raised AttributeError)."""
    data = sheet_part('<row r="3"><c r="A3"><v>1</v></c><c t="e"><v>#N/A</v></c></row>'
                      '<row><c t="e"><v>#REF!</v></c><c r="c4"><f>1+1</f></c><c><f>2+2</f></c></row>')
    assert xlsx_scan.error_cells(data) == {(3, 2): "#N/A", (4, 1): "#REF!"}
    assert list(xlsx_scan.uncomputed_formulas(data, *xlsx_scan.sheet_data(data))) == ["C4", "D4"]


def test_ikm_names_an_error_value_written_without_a_reference(tmp_path):
    from test_hostile_input_3 import cell_xml

    path = survey_file(tmp_path / "s.xlsx", survey_rows(seed=32, count=40))
    patch_part(path, SHEET, lambda d: d.replace(cell_xml(path, "E6"), b'<c t="e"><v>#N/A</v></c>'))
    done = _ikm(path)
    assert done.returncode == 2 and "sel E6" in done.stderr and "#N/A" in done.stderr, done.stderr[-800:]


def test_a_sparse_read_gives_calamines_text_for_excels_escapes(tmp_path):
    """The same cells read densely (calamine) and sparsely (a far stray cell) give the same text: `_x000B_` from a
    Word paste is U+000B on both paths, `_x005F_` an underscore (before, the sparse read kept `_x000B_`)."""
    from xl_iku.package import Package

    texts = ["KTP_x000B_elektronik", "a_x005F_x000B_b", "_x0041__x0042_", "biasa"]
    rows = '<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCD")) + "</row>"
    rows += '<row r="2">' + "".join(f'<c r="{c}2" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in zip("ABCD", texts))
    rows += '<c r="E2" t="str"><f>x</f><v>KTP_x000B_e</v></c></row>'
    path = one_sheet_book(tmp_path / "s.xlsx", rows)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    with zipfile.ZipFile(path) as old:
        parts = {n: old.read(n) for n in old.namelist()}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rId2" Type="{rel}sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>".encode())
    parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{t}</t></si>" for t in texts)
                                     + "</sst>").encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    from python_calamine import CalamineWorkbook

    dense = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S").to_python()
    package = Package(path)
    sparse = xlsx_scan.CellValues(package).sparse_rows(package.read(SHEET))
    assert [[v for v in row if v is not None] for row in sparse] == [[v for v in row if v != ""] for row in dense]
    assert sparse[0][0] == "KTP\x0belektronik" and sparse[1][1] == "a_x000B_b"


def test_cells_beyond_excels_last_cell_are_left_out_of_a_sparse_read(tmp_path):
    """calamine places `ZZZZZZZZ3` and `A99999999` (no workbook Excel writes holds them): the extent check sends the
    sheet to the sparse read, which leaves them out instead of building rows and columns that long."""
    path = one_sheet_book(tmp_path / "s.xlsx", '<row r="1"><c r="A1"><v>5</v></c><c r="ZZZZZZZZ3"><v>1</v></c>'
                                             '<c r="A99999999"><v>1</v></c></row>')
    done = subprocess.run([sys.executable, "-c", "import sys; from xl_iku.readers.book import InputBook; "
                           "print(InputBook(sys.argv[1]).rows('S'))", str(path)],
                          capture_output=True, text=True, timeout=300, preexec_fn=_limit_memory)
    assert done.returncode == 0 and done.stdout.strip() == "[[5.0]]", done.stderr[-800:]
