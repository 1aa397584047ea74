"""Package-level edits: replace or add named worksheets with sheets built in a scratch package, or show only some
sheets; every part not concerned is copied byte for byte (zip.write_package)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from xml.etree import ElementTree

from . import app_xml, content_types, relationships, sheet_xml, workbook_xml
from .parts import Package, PackageError
from .relationships import PartNames, rels_part
from .styles import StyleMerge
from .zip import write_package

WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def replace_sheets(source: str, scratch: str, out: str, replaces: dict[str, str | None],
                   remove: Iterable[str] = (), edit_sheet: Callable[[str, bytes], bytes | None] | None = None,
                   without_macros: bool = False, cached: dict[str, dict[str, object]] | None = None) -> None:
    """Write `out`: the `source` package with each scratch sheet put in place of the source sheet named in
    `replaces` (scratch name → source name, None to add it: before the next scratch sheet that replaces one, else
    at the end), the sheets in `remove` taken out, and `edit_sheet(name, xml)` given each other sheet's part (return
    new bytes, or None to keep it byte for byte). `without_macros` drops the VBA project and makes the workbook a
    plain .xlsx one. `cached`: scratch sheet → cell → the computed value stored beside its formula."""
    with Package(source) as src, Package(scratch) as scr:
        sheets = src.sheets()
        by_name = {s.name: s for s in sheets}
        removed_names = set(remove) - {n for n in replaces.values() if n}
        replaced = {n: by_name[n] for n in replaces.values() if n}
        staying = {s.part.lower() for s in sheets if s.name not in removed_names and s.name not in replaced}
        dropped_parts = {by_name[n].part for n in removed_names | set(replaced)
                         if by_name[n].part.lower() not in staying}
        dropped_rels = {relationships.CALC_CHAIN} | ({relationships.VBA} if without_macros else set())
        dropped_targets = {r.target for r in src.rels(src.workbook_part) if r.type in dropped_rels}
        alive = src.reachable([src.workbook_part] + [r.target for r in src.rels("") if not r.external],
                              skip=dropped_parts | dropped_targets)
        gone = (src.reachable(dropped_parts) | src.reachable(dropped_targets)) - alive
        gone |= {src.resolve(rels_part(p)) for p in gone}

        scratch_sheets = scr.sheets()
        # Whole-package allocation. Reserved before anything is placed: every entry that stays, every part named
        # by a staying relationship, and the part of each replaced sheet (it keeps its part name), so a new sheet
        # processed earlier can never take the part of a sheet replaced later.
        keeps: dict[str, str] = {}  # scratch name → the source part it takes over
        for sheet in scratch_sheets:
            old = replaces.get(sheet.name)
            part = by_name[old].part if old else None
            # a part a staying sheet also points at (a book an older version broke) or one already taken over by
            # another scratch sheet is not overwritten: the replacement gets a part of its own
            if part and part.lower() not in staying and part.lower() not in {p.lower() for p in keeps.values()}:
                keeps[sheet.name] = part
        taken = PartNames(n for n in src.names if n not in gone)
        for part in alive:
            taken.reserve(part)
            taken.reserve(rels_part(part))
            for rel in src.rels(part):
                if not rel.external:
                    taken.reserve(rel.target)
        for part in keeps.values():
            taken.reserve(part)

        overrides: dict[str, bytes] = {}
        new_types: dict[str, str] = {}
        styles_rel = src.workbook_rel("styles")
        scratch_styles = scr.workbook_rel("styles")
        if styles_rel is None or styles_rel.target not in src.names:
            raise PackageError("tabel gaya sel (styles.xml) tidak ada")
        try:
            styles = StyleMerge(src.text(styles_rel.target), scr.text(scratch_styles.target))
        except (ElementTree.ParseError, UnicodeDecodeError):
            raise PackageError("tabel gaya sel (styles.xml) rusak") from None
        strings_rel = scr.workbook_rel("sharedStrings")
        strings = sheet_xml.shared_strings(scr.read(strings_rel.target) if strings_rel and scr.has(strings_rel.target)
                                           else None)
        table_ids = [sheet_xml.table_id(src.text(p)) for p in alive if src.content_type(p).endswith("table+xml")]
        placed: dict[str, str] = {}  # scratch sheet name → output part
        for sheet in scratch_sheets:
            part = keeps.get(sheet.name) or taken.new("xl/worksheets/sheet.xml")
            placed[sheet.name] = part
            names = {sheet.part: part}
            for extra in sorted(scr.reachable([sheet.part]) - {sheet.part}):
                names[extra] = taken.new(extra)
            for old_part, new_part in names.items():
                data = scr.read(old_part)
                if old_part == sheet.part:
                    data = sheet_xml.transplant(data.decode("utf-8"), styles.xf, styles.dxf, strings,
                                                (cached or {}).get(sheet.name)).encode("utf-8")
                elif scr.content_type(old_part).endswith("table+xml"):
                    table_ids.append(max(table_ids + [0]) + 1)
                    data = sheet_xml.with_table_id(data, table_ids[-1])
                overrides[new_part] = data
                new_types[new_part] = scr.content_type(old_part)
                rels = scr.rels(old_part)
                if rels:
                    overrides[rels_part(new_part)] = relationships.to_xml(rels, names).encode("utf-8")
        if styles.count:
            overrides[styles_rel.target] = styles.result().encode("utf-8")
        if edit_sheet is not None:
            for entry in sheets:
                if entry.name in removed_names or entry.name in replaced or entry.part not in src.names:
                    continue
                edited = edit_sheet(entry.name, src.read(entry.part))
                if edited is not None:
                    overrides[entry.part] = edited
        workbook_rels = src.resolve(rels_part(src.workbook_part))
        order, workbook, rels_text = workbook_xml.rewrite(
            src.text(src.workbook_part), src.text(workbook_rels), sheets,
            {r.id for r in src.rels(src.workbook_part)}, [s.name for s in scratch_sheets], scr.text(scr.workbook_part),
            replaces, removed_names, placed, dropped_rels)
        overrides[src.workbook_part] = workbook.encode("utf-8")
        overrides[workbook_rels] = rels_text.encode("utf-8")
        if without_macros:
            new_types[src.workbook_part] = WORKBOOK_TYPE
        types_part = src.resolve(content_types.PART)
        overrides[types_part] = content_types.edit(src.text(types_part), gone, new_types).encode("utf-8")
        app = src.resolve(app_xml.PART)
        if app in src.names and app not in gone:
            titles = app_xml.retitle(src.text(app), [s.name for s in sheets], order)
            if titles is not None:
                overrides[app] = titles.encode("utf-8")
        write_package(src.zip, src.path, out, overrides, gone)


def show_only(source: str, out: str, keep: Callable[[str], bool]) -> list[str]:
    """Write `out`: `source` with every sheet but those `keep(name)` accepts hidden (the first kept one active,
    no sheet tab-selected), only workbook.xml and the worksheets' selection marks edited, and zip entries spelled
    as the relationships name them (for LibreOffice, which compares part names case-sensitively). Returns the kept
    names in workbook order."""
    with Package(source) as src:
        text, present = workbook_xml.show_only(src.text(src.workbook_part), keep)
        overrides = {src.workbook_part: text.encode("utf-8")}
        for sheet in src.sheets():
            if sheet.part in src.names:
                data = src.read(sheet.part, keep=False)
                unselected = sheet_xml.unselect(data)
                if unselected != data:
                    overrides[sheet.part] = unselected
        write_package(src.zip, src.path, out, overrides, set(), src.spelled())
    return present


def sheet_names(path) -> list[str]:
    """The sheets of a package, in order (only workbook.xml and its relationships are read)."""
    with Package(path) as package:
        return [s.name for s in package.sheets()]


__all__ = ["replace_sheets", "show_only", "sheet_names"]
