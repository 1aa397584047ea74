"""Books in the shapes an office meets on upgrade, and the checks every regeneration must pass.

Shapes: the bundled template with generated sheets deleted or reordered, user sheets anywhere, `Tahun PK` years
added or removed; the same package as other producers spell it (part names in other folders, absolute targets,
zip entries whose case differs from what the relationships say). Checks: every sheet has a part of its own, each
generated sheet holds what a fresh build of it holds (values, styles, merges, charts), every part no generated sheet
owns is byte for byte what it was.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from html import escape
from pathlib import Path

import openpyxl
from xlsx_compare import sheet_differences

from xl_iku.bookdata import input_data
from xl_iku.layout import iku_layouts, is_generated
from xl_iku.package import Package, rels_part
from xl_iku.workbook import _scratch_book

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "IKU_Wotu.xlsx"
PACKAGE_WIDE = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                "docProps/app.xml", "xl/calcChain.xml"}


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


# -- shaping books ------------------------------------------------------------------------------------------------

def instansi_row(ws, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)


def template_without(path, drop=(), tahun_pk=None, order=None, user_sheets=()):
    """The bundled template saved by openpyxl (as an earlier version wrote it) without the sheets in `drop`,
    optionally with another `Tahun PK`, the sheets in `order` and user sheets `(name, position)` added."""
    wb = openpyxl.load_workbook(TEMPLATE)
    for name in drop:
        del wb[name]
    if tahun_pk is not None:
        ws = wb["Instansi"]
        ws.cell(instansi_row(ws, "Tahun PK"), 2).value = tahun_pk
    for name, position in user_sheets:
        ws = wb.create_sheet(name, position)
        ws["A1"], ws["B1"], ws["B2"] = f"Milik kantor: {name}", 1250, "=B1*2"
        ws["A3"].comment = openpyxl.comments.Comment("catatan staf", "staf")
    if order is not None:
        wb._sheets = [wb[name] for name in order]
    wb.save(path)
    return path


def rename_parts(path, out, rename, absolute=False, zip_case=None):
    """The same package with its parts renamed by `rename(part) -> part` (every relationship and content type
    following), targets written absolute (`/xl/...`) or relative; `zip_case(name) -> name` then renames the zip
    entries alone, so relationships and content types name them in another case (Excel opens such files)."""
    old = parts(path)
    plain = [n for n in old if "/_rels/" not in n and not n.startswith("_rels/") and n != "[Content_Types].xml"]
    new_name = {n: rename(n) for n in plain}
    new_name["[Content_Types].xml"] = "[Content_Types].xml"
    for n in old:
        if n.endswith(".rels"):
            folder, base = posixpath.split(n)
            source = posixpath.join(posixpath.dirname(folder), base[:-len(".rels")])
            new_name[n] = rels_part(new_name.get(source, source)) if source else n
    out_parts = {}
    for n, data in old.items():
        if n.endswith(".rels"):
            folder, base = posixpath.split(n)
            source = posixpath.join(posixpath.dirname(folder), base[:-len(".rels")])
            new_source = new_name.get(source, source)

            def target(tag, source=source, new_source=new_source):
                if re.search(r'TargetMode\s*=\s*["\']External', tag):
                    return tag
                value = re.search(r'Target\s*=\s*"([^"]*)"', tag).group(1)
                resolved = value.lstrip("/") if value.startswith("/") else posixpath.normpath(
                    posixpath.join(posixpath.dirname(source), value))
                moved = new_name.get(resolved, resolved)
                written = "/" + moved if absolute else posixpath.relpath(moved, posixpath.dirname(new_source) or ".")
                return re.sub(r'Target\s*=\s*"[^"]*"', f'Target="{escape(written)}"', tag)

            data = re.sub(rb"<Relationship\b[^>]*>", lambda m: target(m.group(0).decode()).encode(), data)
        elif n == "[Content_Types].xml":
            data = re.sub(rb'PartName="/([^"]*)"', lambda m: b'PartName="/' + new_name.get(
                m.group(1).decode(), m.group(1).decode()).encode() + b'"', data)
        out_parts[new_name[n]] = data
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in out_parts.items():
            z.writestr(zip_case(n) if zip_case else n, data)
    return out


def openable(path, out) -> Path:
    """A copy whose zip entries are spelled as the relationships name them (openpyxl, unlike Excel and calamine,
    compares part names case-sensitively); every byte inside unchanged. (`Package.spelled` walks the relationships
    from the package root; tests/package/test_package_parts.py checks it.)"""
    with Package(path) as package:
        spelled = package.spelled()
    content = parts(path)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            z.writestr(spelled.get(name, name), data)
    return Path(out)


def set_cell_text(path, sheet: str, ref: str, text: str) -> None:
    """Put `text` in `sheet!ref` by editing the sheet's XML in place (any producer, any part name)."""
    with Package(path) as package:
        part = next(s.part for s in package.sheets() if s.name == sheet)
    content = parts(path)
    xml = content[part].decode()
    cell = f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
    xml, n = re.subn(rf'<(\w+:)?c\s[^>]*?r="{ref}"[^>]*?(/>|>.*?</(\w+:)?c>)', cell, xml, count=1, flags=re.S)
    assert n == 1, f"{sheet}!{ref} not found"
    content[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            z.writestr(name, data)


# -- checks -------------------------------------------------------------------------------------------------------

def sheet_parts(path) -> dict[str, str]:
    with Package(path) as package:
        return {s.name: s.part for s in package.sheets()}


def assert_own_parts(path) -> None:
    """Every sheet points at a part of its own, and that part is in the zip."""
    with Package(path) as package:
        sheets = package.sheets()
        assert all(s.part in package.names for s in sheets), [s.part for s in sheets]
        owners = {}
        for s in sheets:
            owners.setdefault(s.part.lower(), []).append(s.name)
        shared = {p: names for p, names in owners.items() if len(names) > 1}
        assert not shared, f"sheets sharing a part: {shared}"


def charts(ws) -> list[tuple]:
    return [(type(c).__name__, c.anchor._from.row, c.anchor._from.col,
             tuple(s.val.numRef.f for s in c.series if s.val and s.val.numRef)) for c in ws._charts]


def fresh_build(path, out) -> list[str]:
    """The generated sheets a fresh build makes from `path`'s inputs, saved to `out`; their names in order."""
    layouts = iku_layouts(input_data(Path(path)))
    _scratch_book(layouts).save(out)
    return [layout.name for layout in layouts]


def assert_like_fresh(path, tmp_path) -> list[str]:
    """Each generated sheet of `path` holds what a fresh build of it holds: values, formulas, styles, merges,
    sizes, print setup, charts. Returns the generated sheets' names."""
    reference = Path(tmp_path) / f"fresh_{Path(path).name}"
    names = fresh_build(path, reference)
    readable = openable(path, Path(tmp_path) / f"openable_{Path(path).name}")
    ours, fresh = openpyxl.load_workbook(readable), openpyxl.load_workbook(reference)
    for name in names:
        assert name in ours.sheetnames, f"{name} missing from {ours.sheetnames}"
        assert sheet_differences(ours[name], fresh[name]) == [], name
        assert charts(ours[name]) == charts(fresh[name]), name
    return names


def owned_parts(path, names) -> set[str]:
    """The parts that belong to the sheets `names` (the sheet, what it reaches, their rels)."""
    with Package(path) as package:
        starts = [s.part for s in package.sheets() if s.name in names]
        found = package.reachable(starts)
        return {p.lower() for p in found | {package.resolve(rels_part(p)) for p in found}}


def assert_rest_untouched(before: dict[str, bytes], before_path, after_path, replaced) -> None:
    """Every part no replaced sheet owns (and no package-wide part names them) is byte for byte as it was."""
    skip = owned_parts(before_path, replaced) | {p.lower() for p in PACKAGE_WIDE}
    after = parts(after_path)
    after_lower = {n.lower(): d for n, d in after.items()}
    for name, data in before.items():
        if name.lower() in skip:
            continue
        assert name in after, f"{name} is gone (or renamed)"
        assert after_lower[name.lower()] == data, f"{name} changed"


def generated_in(path) -> list[str]:
    with Package(path) as package:
        return [s.name for s in package.sheets() if is_generated(s.name)]
