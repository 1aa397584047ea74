"""OOXML package editing that knows nothing of IKU: replace or add named worksheets inside an existing .xlsx/.xlsm
with sheets built in a scratch package, and copy every other part byte for byte.

Why: an openpyxl load + save parses and re-serialises every cell of every sheet and drops what openpyxl does not
model (images, shapes, sparklines, x14 extensions, slicers, …). Here only the parts that belong to the replaced
sheets are written; the package-wide parts that must name them are edited as text, never re-serialised, so every
namespace prefix, extension and byte the producer wrote stays as it was:

- the worksheet part itself (same part name when a sheet is replaced) and what its relationships reach (drawings,
  charts, comments + legacy VML, tables), renamed to free part names;
- `styles.xml`: the scratch cell formats are merged in, existing indices unchanged, a format appended only when an
  equal one is not already there (so a second run appends nothing);
- strings: the scratch sheets' cells are made inline strings, `sharedStrings.xml` is never touched;
- `workbook.xml` (sheet list, defined names scoped by sheet position), `workbook.xml.rels`, `[Content_Types].xml`,
  `docProps/app.xml` (sheet titles); `calcChain.xml` is dropped (Excel rebuilds it; stale entries make it repair).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from html import escape, unescape
from typing import Callable, Iterable
from xml.etree import ElementTree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_REL = REL_NS + "/worksheet"
CALC_CHAIN_REL = REL_NS + "/calcChain"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


class PackageError(ValueError):
    """The file is not a usable OOXML spreadsheet package (empty, truncated, a missing or broken core part)."""


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # absolute part name without the leading "/", or the raw target when external
    external: bool


@dataclass(frozen=True)
class SheetEntry:
    name: str
    sheet_id: int
    rid: str
    part: str
    tag: str  # the <sheet …/> element as written in workbook.xml


def rels_part(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _attr(tag: str, name: str) -> str | None:
    match = re.search(r'(?:^|\s)' + re.escape(name) + r'\s*=\s*"([^"]*)"', tag)
    if match is None:
        match = re.search(r"(?:^|\s)" + re.escape(name) + r"\s*=\s*'([^']*)'", tag)
    return unescape(match.group(1)) if match else None


def _set_attr(tag: str, name: str, value: str) -> str:
    """`tag` (an element's start tag) with attribute `name` set, added before the tag's end when absent."""
    pattern = re.compile(r'(\s' + re.escape(name) + r'\s*=\s*)("[^"]*"|\'[^\']*\')')
    quoted = '"' + escape(value, quote=True) + '"'
    if pattern.search(tag):
        return pattern.sub(lambda m: m.group(1) + quoted, tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return f"{tag[:end].rstrip()} {name}={quoted}{tag[end:]}"


def _rid(tag: str) -> str:
    """A `<sheet>` tag's relationship id, whatever prefix the producer gave the relationships namespace."""
    return next((unescape(v) for v in re.findall(r'\s\w+:id="([^"]*)"', tag)), "")


def _prefix_of(text: str, local: str) -> str:
    """The namespace prefix ("x:" or "") the producer used for element `local`."""
    match = re.search(r"<(\w+:)?" + local + r"[\s>/]", text)
    return (match.group(1) or "") if match else ""


class Package:
    """A read-only view of a zip package: parts, relationships, the workbook's sheets."""

    def __init__(self, path) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
            self.infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            if isinstance(error, (FileNotFoundError, PermissionError, IsADirectoryError)):
                raise
            raise PackageError("bukan berkas zip yang utuh (kosong atau terpotong)") from None
        self.names = {info.filename for info in self.infos}
        # Part names are case-insensitive (ECMA-376 Part 2, 9.1.1.1): Excel and calamine open a package whose
        # relationship says `sheet1.xml` for the zip entry `Sheet1.xml`; every lookup goes through `resolve`.
        self._by_lower = {}
        for name in self.names:
            self._by_lower.setdefault(name.lower(), name)
        self._cache: dict[str, bytes] = {}
        roots = [r for r in self.rels("") if r.type.endswith("/officeDocument")]
        if not roots or roots[0].target not in self.names:
            raise PackageError("bagian buku kerja (workbook.xml) tidak ada")
        self.workbook_part = roots[0].target

    def resolve(self, name: str) -> str:
        """The zip entry named `name` whatever its case (the name itself when there is none)."""
        return name if name in self.names else self._by_lower.get(name.lower(), name)

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def read(self, name: str, keep: bool = True) -> bytes:
        """A part's bytes, inflated once and kept (`keep=False`: not kept, for a large sheet read once; 50,000
        survey rows are 29 MB of XML that would otherwise stay in memory for the whole run)."""
        name = self.resolve(name)
        data = self._cache.get(name)
        if data is None:
            try:
                data = self.zip.read(name)
            except (zipfile.BadZipFile, EOFError, ValueError, KeyError, OSError) as error:
                raise PackageError(f"bagian '{name}' rusak ({error})") from None
            if keep:
                self._cache[name] = data
        return data

    def text(self, name: str) -> str:
        return self.read(name).decode("utf-8")

    def rels(self, part: str) -> list[Rel]:
        name = self.resolve("_rels/.rels" if part == "" else rels_part(part))
        if name not in self.names:
            return []
        base = posixpath.dirname(part)
        out = []
        for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", self.text(name)):
            target = _attr(tag, "Target") or ""
            external = (_attr(tag, "TargetMode") or "").lower() == "external"
            if not external:
                target = self.resolve(target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(base, target)))
            out.append(Rel(_attr(tag, "Id") or "", _attr(tag, "Type") or "", target, external))
        return out

    def workbook_rel(self, kind: str) -> Rel | None:
        """The workbook's relationship of type `…/kind` ("styles", "sharedStrings"), if any."""
        return next((r for r in self.rels(self.workbook_part) if r.type.endswith("/" + kind)), None)

    def sheets(self) -> list[SheetEntry]:
        text = self.text(self.workbook_part)
        targets = {rel.id: rel.target for rel in self.rels(self.workbook_part)}
        out = []
        sheets = re.search(r"<(?:\w+:)?sheets\b[^>]*>(.*?)</(?:\w+:)?sheets>", text, re.S)
        for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", sheets.group(1) if sheets else ""):
            rid = _rid(tag)
            out.append(SheetEntry(_attr(tag, "name") or "", int(_attr(tag, "sheetId") or 0), rid,
                                  targets.get(rid, ""), tag))
        return out

    def sheet_part(self, name: str) -> str | None:
        return next((s.part for s in self.sheets() if s.name == name), None)

    def reachable(self, starts: Iterable[str], skip: set[str] = frozenset()) -> set[str]:
        """Parts reached from `starts` through relationships (the starts included), never entering `skip`."""
        seen: set[str] = set()
        todo = [s for s in starts if s not in skip]
        while todo:
            part = todo.pop()
            if part in seen:
                continue
            seen.add(part)
            todo.extend(r.target for r in self.rels(part) if not r.external and r.target not in skip
                        and r.target not in seen)
        return seen

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """(extension → default type, lower-case part name → override type)."""
        text = self.text("[Content_Types].xml")
        defaults = {(_attr(t, "Extension") or "").lower(): _attr(t, "ContentType") or ""
                    for t in re.findall(r"<(?:\w+:)?Default\b[^>]*>", text)}
        overrides = {(_attr(t, "PartName") or "").lstrip("/").lower(): _attr(t, "ContentType") or ""
                     for t in re.findall(r"<(?:\w+:)?Override\b[^>]*>", text)}
        return defaults, overrides

    def content_type(self, part: str) -> str:
        defaults, overrides = self.content_types()
        return overrides.get(part.lower()) or defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")


# -- styles -----------------------------------------------------------------------------------------------------

_STYLE_LISTS = ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs")
_STYLE_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                "tableStyles", "colors", "extLst")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _canonical(element: ElementTree.Element) -> tuple:
    """An element as a comparable value: local names, sorted attributes, children in order."""
    return (_local(element.tag), tuple(sorted((_local(k), v) for k, v in element.attrib.items())),
            (element.text or "").strip(), tuple(_canonical(child) for child in element))


def _serialise(element: ElementTree.Element, prefix: str) -> str:
    """A scratch style element written in the source's spelling of the main namespace."""
    name = prefix + _local(element.tag)
    attrs = "".join(f' {_local(k)}="{escape(v, quote=True)}"' for k, v in element.attrib.items())
    inner = escape(element.text or "", quote=False) + "".join(_serialise(c, prefix) for c in element)
    return f"<{name}{attrs}>{inner}</{name}>" if inner else f"<{name}{attrs}/>"


class _StyleMerge:
    """Scratch cellXfs (and dxfs) mapped into the source's styles.xml: reuse an equal entry, else append once."""

    def __init__(self, source_text: str, scratch_text: str) -> None:
        self.text = source_text
        self.prefix = _prefix_of(source_text, "styleSheet")
        source = ElementTree.fromstring(source_text.encode("utf-8"))
        scratch = ElementTree.fromstring(scratch_text.encode("utf-8"))
        self.lists = {name: self._children(source, name) for name in _STYLE_LISTS}
        self.index = {name: {_canonical(e): i for i, e in reversed(list(enumerate(items)))}
                      for name, items in self.lists.items() if name != "numFmts"}
        self.formats = {e.get("formatCode"): int(e.get("numFmtId")) for e in self.lists["numFmts"]}
        self.next_format = max([163] + list(self.formats.values())) + 1
        self.appended: dict[str, list[str]] = {name: [] for name in _STYLE_LISTS}
        scratch_lists = {name: self._children(scratch, name) for name in _STYLE_LISTS}
        self.scratch_formats = {int(e.get("numFmtId")): e.get("formatCode") for e in scratch_lists["numFmts"]}
        self.scratch = scratch_lists
        self.xf_map: dict[int, int] = {}
        self.dxf_map: dict[int, int] = {}

    @staticmethod
    def _children(root: ElementTree.Element, name: str) -> list[ElementTree.Element]:
        container = root.find(f"{{{MAIN}}}{name}")
        return list(container) if container is not None else []

    def _place(self, kind: str, element: ElementTree.Element) -> int:
        key = _canonical(element)
        found = self.index[kind].get(key)
        if found is None:
            found = len(self.lists[kind])
            self.lists[kind].append(element)
            self.index[kind][key] = found
            self.appended[kind].append(_serialise(element, self.prefix))
        return found

    def _format(self, scratch_id: int) -> int:
        code = self.scratch_formats.get(scratch_id)
        if code is None:
            return scratch_id  # a built-in format: the same id everywhere
        if code not in self.formats:
            self.formats[code] = self.next_format
            self.next_format += 1
            element = ElementTree.Element(f"{{{MAIN}}}numFmt", {"numFmtId": str(self.formats[code]),
                                                                "formatCode": code})
            self.appended["numFmts"].append(_serialise(element, self.prefix))
        return self.formats[code]

    def xf(self, scratch_index: int) -> int:
        if scratch_index not in self.xf_map:
            xf = self.scratch["cellXfs"][scratch_index]
            mapped = ElementTree.Element(xf.tag, dict(xf.attrib))
            mapped.extend(list(xf))
            for attr, kind in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                if attr in xf.attrib:
                    mapped.set(attr, str(self._place(kind, self.scratch[kind][int(xf.get(attr))])))
            if "numFmtId" in xf.attrib:
                mapped.set("numFmtId", str(self._format(int(xf.get("numFmtId")))))
            mapped.set("xfId", "0")  # the source's Normal cell style
            self.xf_map[scratch_index] = self._place("cellXfs", mapped)
        return self.xf_map[scratch_index]

    def dxf(self, scratch_index: int) -> int:
        if scratch_index not in self.dxf_map:
            dxf = self.scratch["dxfs"][scratch_index]
            mapped = ElementTree.Element(dxf.tag, dict(dxf.attrib))
            for child in dxf:
                if _local(child.tag) == "numFmt":
                    child = ElementTree.Element(child.tag, dict(child.attrib, numFmtId=str(
                        self._format(int(child.get("numFmtId"))))))
                mapped.append(child)
            self.dxf_map[scratch_index] = self._place("dxfs", mapped)
        return self.dxf_map[scratch_index]

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.appended.values())

    def result(self) -> str:
        """The source styles.xml with the appended entries, untouched when nothing was appended."""
        text = self.text
        for name in _STYLE_LISTS:
            added = self.appended[name]
            if not added:
                continue
            total = len(self.lists[name]) if name != "numFmts" else len(self.formats)
            p = re.escape(self.prefix)
            full = re.search(rf"<{p}{name}\b([^>]*?)>(.*?)</{p}{name}>", text, re.S)
            empty = re.search(rf"<{p}{name}\b([^>]*?)/>", text)
            if full:
                start = _set_attr(f"<{self.prefix}{name}{full.group(1)}>", "count", str(total))
                block = f"{start}{full.group(2)}{''.join(added)}</{self.prefix}{name}>"
                text = text[:full.start()] + block + text[full.end():]
                continue
            block = f'<{self.prefix}{name} count="{total}">{"".join(added)}</{self.prefix}{name}>'
            if empty:
                text = text[:empty.start()] + block + text[empty.end():]
                continue
            later = _STYLE_ORDER[_STYLE_ORDER.index(name) + 1:]
            spot = min([m.start() for m in (re.search(rf"<{p}{n}[\s>/]", text) for n in later) if m]
                       + [text.rindex(f"</{self.prefix}styleSheet>")])
            text = text[:spot] + block + text[spot:]
        return text


# -- sheet XML from the scratch package ------------------------------------------------------------------------

_CELL = re.compile(r"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)


def _sheet_xml(text: str, styles: _StyleMerge, strings: list[str]) -> str:
    """A scratch worksheet with its style indices mapped into the source, shared strings made inline and the
    tab-selection mark removed (the source keeps its own selected tab)."""

    def cell(match: "re.Match[str]") -> str:
        attrs, body = match.group(1), match.group(3)
        s = _attr(attrs, "s")
        if s is not None:
            attrs = _set_attr(attrs, "s", str(styles.xf(int(s))))
        if _attr(attrs, "t") == "s" and body is not None:
            value = re.search(r"<v>(\d+)</v>", body)
            attrs = _set_attr(attrs, "t", "inlineStr")
            text = strings[int(value.group(1))] if value else ""
            body = f'<is><t xml:space="preserve">{escape(text, quote=False)}</t></is>'
        return f"<c{attrs}/>" if body is None else f"<c{attrs}>{body}</c>"

    text = _CELL.sub(cell, text)
    text = re.sub(r"(<row\b[^>]*?\ss=\")(\d+)", lambda m: m.group(1) + str(styles.xf(int(m.group(2)))), text)
    text = re.sub(r"(<col\b[^>]*?\sstyle=\")(\d+)", lambda m: m.group(1) + str(styles.xf(int(m.group(2)))), text)
    text = re.sub(r"(\sdxfId=\")(\d+)", lambda m: m.group(1) + str(styles.dxf(int(m.group(2)))), text)
    return text.replace(' tabSelected="1"', "")


def shared_strings(package: Package) -> list[str]:
    rel = package.workbook_rel("sharedStrings")
    if rel is None or rel.target not in package.names:
        return []
    root = ElementTree.fromstring(package.read(rel.target))
    return ["".join(t.text or "" for t in si.iter(f"{{{MAIN}}}t")) for si in root.findall(f"{{{MAIN}}}si")]


# -- the edit ---------------------------------------------------------------------------------------------------

class PartNames:
    """Part names allocated against the whole package: every zip entry that stays (whatever its case: part names
    are case-insensitive), every part a staying relationship names (even one the zip lacks), and everything
    already planned. A name is never handed out twice, so no two sheets (or drawings, charts, …) share a part."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set()
        for name in taken:
            self.reserve(name)

    def reserve(self, name: str) -> str:
        self._taken.add(name.lower())
        return name

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._taken

    def new(self, wanted: str) -> str:
        """`wanted`'s folder and stem with the lowest free number (xl/drawings/drawing3.xml), now reserved."""
        folder, base = posixpath.split(wanted)
        match = re.match(r"^(.*?)(\d*)(\.[^.]+)$", base)
        stem, ext = (match.group(1), match.group(3)) if match else (base, "")
        n = 1
        while posixpath.join(folder, f"{stem}{n}{ext}") in self:
            n += 1
        return self.reserve(posixpath.join(folder, f"{stem}{n}{ext}"))


def _rels_xml(rels: list[Rel], names: dict[str, str]) -> str:
    items = []
    for rel in rels:
        target = escape(rel.target, quote=True) if rel.external else "/" + names[rel.target]
        mode = ' TargetMode="External"' if rel.external else ""
        items.append(f'<Relationship Id="{escape(rel.id, quote=True)}" Type="{escape(rel.type, quote=True)}" '
                     f'Target="{target}"{mode}/>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
            + "".join(items) + "</Relationships>")


def _remove_elements(text: str, local: str, keep: Callable[[str], bool]) -> str:
    """Drop `<local …/>` (or `<local …>…</local>`) elements whose start tag `keep` rejects."""
    pattern = re.compile(r"<(\w+:)?" + local + r"\b[^>]*?(?:/>|>.*?</(?:\w+:)?" + local + r">)", re.S)
    return pattern.sub(lambda m: m.group(0) if keep(m.group(0)) else "", text)


def _insert_before_close(text: str, local: str, xml: str) -> str:
    match = re.search(r"</(\w+:)?" + local + r">", text)
    return text[:match.start()] + xml + text[match.start():]


def replace_sheets(source: str, scratch: str, out: str, replaces: dict[str, str | None],
                   remove: Iterable[str] = (), edit_sheet: Callable[[str, bytes], bytes | None] | None = None,
                   without_macros: bool = False) -> None:
    """Write `out`: the `source` package with each scratch sheet put in place of the source sheet named in
    `replaces` (scratch name → source name, None to add it: before the next scratch sheet that replaces one, else
    at the end), the sheets in `remove` taken out, and
    `edit_sheet(name, xml)` given each other sheet's part (return new bytes, or None to keep it byte for byte).
    `without_macros` drops the VBA project and makes the workbook a plain .xlsx one."""
    with Package(source) as src, Package(scratch) as scr:
        sheets = src.sheets()
        by_name = {s.name: s for s in sheets}
        removed_names = set(remove) - {n for n in replaces.values() if n}
        replaced = {n: by_name[n] for n in replaces.values() if n}
        staying = {s.part.lower() for s in sheets if s.name not in removed_names and s.name not in replaced}
        dropped_parts = {by_name[n].part for n in removed_names | set(replaced)
                         if by_name[n].part.lower() not in staying}
        dropped_rels = {CALC_CHAIN_REL} | ({VBA_REL} if without_macros else set())
        dropped_targets = {r.target for r in src.rels(src.workbook_part) if r.type in dropped_rels}
        alive = src.reachable([src.workbook_part] + [r.target for r in src.rels("") if not r.external],
                              skip=dropped_parts | dropped_targets)
        gone = (src.reachable(dropped_parts) | src.reachable(dropped_targets)) - alive
        gone |= {src.resolve(rels_part(p)) for p in gone}

        scratch_sheets = scr.sheets()
        # Whole-package allocation. Reserved before anything is placed: every entry that stays, every part named
        # by a staying relationship, and the part of each replaced sheet (it keeps its part name), so a new sheet
        # processed earlier can never take the part of a sheet replaced later.
        keeps = {}  # scratch name → the source part it takes over
        for sheet in scratch_sheets:
            old = replaces.get(sheet.name)
            part = by_name[old].part if old else None
            # a part a kept sheet also points at (a book an older version broke) or one already taken over by
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
            styles = _StyleMerge(src.text(styles_rel.target), scr.text(scratch_styles.target))
        except (ElementTree.ParseError, UnicodeDecodeError):
            raise PackageError("tabel gaya sel (styles.xml) rusak") from None
        strings = shared_strings(scr)
        table_ids = _table_ids(src, alive)
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
                    data = _sheet_xml(data.decode("utf-8"), styles, strings).encode("utf-8")
                elif scr.content_type(old_part).endswith("table+xml"):
                    data = _renumber_table(data, table_ids)
                overrides[new_part] = data
                new_types[new_part] = scr.content_type(old_part)
                rels = scr.rels(old_part)
                if rels:
                    overrides[rels_part(new_part)] = _rels_xml(rels, names).encode("utf-8")
        if styles.count:
            overrides[styles_rel.target] = styles.result().encode("utf-8")
        if edit_sheet is not None:
            for entry in sheets:
                if entry.name in removed_names or entry.name in replaced or entry.part not in src.names:
                    continue
                edited = edit_sheet(entry.name, src.read(entry.part))
                if edited is not None:
                    overrides[entry.part] = edited
        order, workbook_rels = _workbook(src, sheets, scratch_sheets, scr, replaces, removed_names, placed,
                                         overrides, dropped_rels)
        overrides[rels_part(src.workbook_part)] = workbook_rels.encode("utf-8")
        if without_macros:
            new_types[src.workbook_part] = WORKBOOK_TYPE
        overrides["[Content_Types].xml"] = _content_types(src, gone, new_types).encode("utf-8")
        if "docProps/app.xml" in src.names and "docProps/app.xml" not in gone:
            app = _app_xml(src.text("docProps/app.xml"), [s.name for s in sheets], order)
            if app is not None:
                overrides["docProps/app.xml"] = app.encode("utf-8")
        _write(src, out, overrides, gone)


def _table_ids(src: Package, alive: set[str]) -> list[int]:
    ids = []
    for part in alive:
        if src.content_type(part).endswith("table+xml"):
            start = re.search(r"<(?:\w+:)?table\b[^>]*>", src.text(part))
            ids.append(int(_attr(start.group(0), "id") or 0) if start else 0)
    return ids


def _renumber_table(data: bytes, ids: list[int]) -> bytes:
    """Table ids are unique across the workbook: a transplanted table gets the next free one."""
    ids.append(max(ids + [0]) + 1)
    text = data.decode("utf-8")
    start = re.search(r"<(?:\w+:)?table\b[^>]*>", text)
    return (text[:start.start()] + _set_attr(start.group(0), "id", str(ids[-1])) + text[start.end():]).encode()


def _workbook(src: Package, sheets: list[SheetEntry], scratch_sheets: list[SheetEntry], scr: Package,
              replaces: dict[str, str | None], removed: set[str], placed: dict[str, str],
              overrides: dict[str, bytes], dropped_rels: set[str]) -> tuple[list[str], str]:
    """Edit workbook.xml (into `overrides`) and return the new sheet order and workbook.xml.rels."""
    text = src.text(src.workbook_part)
    rels_text = src.text(rels_part(src.workbook_part))
    rel_ids = {r.id.lower() for r in src.rels(src.workbook_part)}
    by_scratch = {old: new for new, old in replaces.items() if old}
    kept = [s for s in sheets if s.name not in removed]
    # A new sheet goes where a fresh build puts it: before the next scratch sheet that replaces an existing one
    # (a `Grafik Capaian` added on upgrade lands after `Capaian Kinerja`), or at the end when none follows.
    anchors: dict[str | None, list[str]] = {}
    for i, sheet in enumerate(scratch_sheets):
        if replaces.get(sheet.name):
            continue
        anchor = next((replaces[s.name] for s in scratch_sheets[i + 1:] if replaces.get(s.name)), None)
        anchors.setdefault(anchor, []).append(sheet.name)
    order = []
    for s in kept:
        order += anchors.get(s.name, []) + [by_scratch.get(s.name, s.name)]
    order += anchors.get(None, [])
    position = {s.name: order.index(by_scratch.get(s.name, s.name)) for s in kept}  # source name → new position
    scratch_position = {name: order.index(name) for name in (s.name for s in scratch_sheets)}

    p = _prefix_of(text, "sheets")
    r_prefix = next((m for m in re.findall(r'xmlns:(\w+)\s*=\s*["\']' + re.escape(REL_NS) + '["\']', text)), None)
    next_id = max([s.sheet_id for s in sheets] + [0]) + 1
    new_rels = []

    def new_rel(name: str) -> str:
        n = 1
        while f"rid{n}" in rel_ids:
            n += 1
        rel_ids.add(f"rid{n}")
        new_rels.append(f'<Relationship Id="rId{n}" Type="{WORKSHEET_REL}" Target="/{placed[name]}"/>')
        return f"rId{n}"

    def new_tag(name: str) -> str:
        nonlocal next_id
        rid = new_rel(name)
        ref = f'{r_prefix}:id="{rid}"' if r_prefix else f'xmlns:r="{REL_NS}" r:id="{rid}"'
        next_id += 1
        return f'<{p}sheet name="{escape(name, quote=True)}" sheetId="{next_id - 1}" {ref}/>'

    # sheet list: rename replaced sheets to the scratch spelling, drop removed ones, add new ones at their place;
    # the k-th <sheet> element is sheets[k] (read the same way), whatever its relationship id
    removed_rids = {s.rid for s in sheets if s.name in removed}
    tags = iter(sheets)

    def sheet_tag(match: "re.Match[str]") -> str:
        tag = match.group(0)
        entry = next(tags, None)
        if entry is None:
            return tag
        if entry.name in removed:
            return ""
        before = "".join(new_tag(name) for name in anchors.get(entry.name, []))
        if entry.name in by_scratch:
            name = by_scratch[entry.name]
            tag = _set_attr(tag, "name", name)
            if placed[name].lower() != entry.part.lower():  # given a part of its own: its own relationship too
                attr = re.search(r"\s(\w+:id)\s*=", tag)
                if attr:
                    if all(s.rid != entry.rid for s in kept if s is not entry):
                        removed_rids.add(entry.rid)
                    tag = _set_attr(tag, attr.group(1), new_rel(name))
        return before + tag

    block = re.search(r"(<(?:\w+:)?sheets\b[^>]*>)(.*?)(</(?:\w+:)?sheets>)", text, re.S)
    inner = re.sub(r"<(?:\w+:)?sheet\b[^>]*>", sheet_tag, block.group(2))
    inner += "".join(new_tag(name) for name in anchors.get(None, []))
    text = text[:block.start()] + block.group(1) + inner + block.group(3) + text[block.end():]

    # defined names: positions follow the new order; built-in names of replaced sheets come from the scratch
    removed_refs = [re.escape(n) for n in removed]
    refers_removed = re.compile(r"(?:'(?:" + "|".join(n.replace("'", "''") for n in removed_refs) + r")'|\b(?:"
                                + "|".join(removed_refs) + r"))!") if removed_refs else None

    def keep_name(element: str) -> str:
        start = re.match(r"<[^>]*>", element).group(0)
        local = _attr(start, "localSheetId")
        if local is not None:
            index = int(local)
            owner = sheets[index].name if index < len(sheets) else None
            if owner is None or owner in removed:
                return ""
            if owner in by_scratch and (_attr(start, "name") or "").startswith("_xlnm."):
                return ""
            return element.replace(start, _set_attr(start, "localSheetId", str(position[owner])), 1)
        if refers_removed is not None and refers_removed.search(unescape(element)):
            return ""
        return element

    names_block = re.search(r"(<(?:\w+:)?definedNames\b[^>]*>)(.*?)(</(?:\w+:)?definedNames>)", text, re.S)
    names = names_block.group(2) if names_block else ""
    names = re.sub(r"<(?:\w+:)?definedName\b[^>]*?(?:/>|>.*?</(?:\w+:)?definedName>)",
                   lambda m: keep_name(m.group(0)), names, flags=re.S)
    scratch_text = scr.text(scr.workbook_part)
    for element in re.findall(r"<(?:\w+:)?definedName\b[^>]*>.*?</(?:\w+:)?definedName>", scratch_text, re.S):
        start = re.match(r"<[^>]*>", element).group(0)
        local = _attr(start, "localSheetId")
        if local is None:
            continue
        owner = scratch_sheets[int(local)].name
        body = element[len(start):element.rindex("</")]
        attrs = _set_attr(start, "localSheetId", str(scratch_position[owner]))
        attrs = re.sub(r"^<(?:\w+:)?definedName", f"<{p}definedName", attrs)
        names += f"{attrs}{body}</{p}definedName>"
    if names_block:
        replacement = f"{names_block.group(1)}{names}{names_block.group(3)}" if names.strip() else ""
        text = text[:names_block.start()] + replacement + text[names_block.end():]
    else:
        text = re.sub(r"<(?:\w+:)?definedNames\b[^>]*/>", "", text)  # an empty list, written self-closed
        if names:
            end = re.search(r"</(?:\w+:)?sheets>", text).end()
            text = text[:end] + f"<{p}definedNames>{names}</{p}definedNames>" + text[end:]

    # the active and first visible tab are positions too
    if order != [s.name for s in sheets]:
        def view(match: "re.Match[str]") -> str:
            tag = match.group(0)
            for attr in ("activeTab", "firstSheet"):
                value = _attr(tag, attr)
                if value is not None and int(value) < len(sheets):
                    owner = sheets[int(value)].name
                    tag = _set_attr(tag, attr, str(position.get(owner, 0)))
            return tag

        text = re.sub(r"<(?:\w+:)?workbookView\b[^>]*>", view, text)
    overrides[src.workbook_part] = text.encode("utf-8")

    rels_text = _remove_elements(rels_text, "Relationship", lambda tag: not (
        unescape(_attr(tag, "Id") or "") in removed_rids
        or (_attr(tag, "Type") or "") in dropped_rels))
    rels_text = _insert_before_close(rels_text, "Relationships", "".join(new_rels))
    return order, rels_text


def _content_types(src: Package, gone: set[str], new_types: dict[str, str]) -> str:
    """[Content_Types].xml without the overrides of parts that are gone, with those of the new parts (part names
    compared case-insensitively, as the package specification says)."""
    text = src.text("[Content_Types].xml")
    defaults, overrides = src.content_types()
    gone = {p.lower() for p in gone}
    changed = {p.lower() for p, kind in new_types.items() if overrides.get(p.lower(), kind) != kind}
    text = _remove_elements(text, "Override", lambda tag: (_attr(tag, "PartName") or "").lstrip("/").lower() not in
                            gone | changed)
    overrides = {p: kind for p, kind in overrides.items() if p not in changed | gone}
    added = []
    for part, kind in new_types.items():
        ext = posixpath.splitext(part)[1].lstrip(".").lower()
        if overrides.get(part.lower()) == kind:
            continue
        if ext not in defaults and not kind.endswith("+xml"):
            defaults[ext] = kind
            added.append(f'<Default Extension="{escape(ext, quote=True)}" ContentType="{escape(kind, quote=True)}"/>')
        elif defaults.get(ext) != kind:
            added.append(f'<Override PartName="/{escape(part, quote=True)}" ContentType="{escape(kind, quote=True)}"/>')
    return _insert_before_close(text, "Types", "".join(added))


def _app_xml(text: str, old: list[str], new: list[str]) -> str | None:
    """docProps/app.xml with the sheet titles of the new order, when it lists them the way Excel does (the first
    heading pair counts the worksheets, whose names open TitlesOfParts); otherwise None (left as it was)."""
    pairs = re.search(r"<(?:\w+:)?HeadingPairs>.*?<(?:\w+:)?i4>(\d+)</(?:\w+:)?i4>", text, re.S)
    titles = re.search(r"(<(?:\w+:)?TitlesOfParts>\s*<(?:\w+:)?vector\b[^>]*>)(.*?)(</(?:\w+:)?vector>)", text, re.S)
    if not pairs or not titles or old == new:
        return None
    items = re.findall(r"<(\w+:)?lpstr>(.*?)</(?:\w+:)?lpstr>", titles.group(2), re.S)
    count = int(pairs.group(1))
    if count != len(old) or [unescape(v) for _, v in items[:count]] != old:
        return None
    vt = items[0][0] if items else "vt:"
    rest = "".join(f"<{q}lpstr>{v}</{q}lpstr>" for q, v in items[count:])
    body = "".join(f"<{vt}lpstr>{escape(n, quote=False)}</{vt}lpstr>" for n in new) + rest
    vector = _set_attr(titles.group(1)[titles.group(1).rindex("<"):], "size", str(len(new) + len(items) - count))
    start = titles.group(1)[:titles.group(1).rindex("<")] + vector
    text = text[:titles.start()] + start + body + titles.group(3) + text[titles.end():]
    return text[:pairs.start(1)] + str(len(new)) + text[pairs.end(1):]


def _write(src: Package, out: str, overrides: dict[str, bytes], gone: set[str]) -> None:
    """Every source entry in its order (raw copy unless overridden or gone), then the new parts."""
    written = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in src.infos:
            name = info.filename
            if name in gone:
                continue
            if name in overrides:
                target.writestr(_info(name, info.date_time), overrides[name])
            else:
                _copy_raw(src.zip, info, target)
            written.add(name)
        for name, data in overrides.items():
            if name not in written:
                target.writestr(_info(name, src.infos[0].date_time), data)


def _info(name: str, date_time) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _copy_raw(source: zipfile.ZipFile, info: zipfile.ZipInfo, target: zipfile.ZipFile) -> None:
    """Copy an entry's compressed bytes as they are: byte-identical, and nothing decompressed or re-compressed
    (most of a large workbook is the data sheets nobody changed). Uses zipfile's writer state, which has been the
    same from Python 3.8 to 3.13; anything unexpected falls back to reading and re-compressing the entry."""
    if info.flag_bits & 0x01 or not all(hasattr(target, a) for a in ("_lock", "start_dir", "_didModify")):
        target.writestr(_copy_info(info), source.read(info.filename), compress_type=info.compress_type)
        return
    source.fp.seek(info.header_offset)
    header = struct.unpack(zipfile.structFileHeader, source.fp.read(zipfile.sizeFileHeader))
    source.fp.seek(header[zipfile._FH_FILENAME_LENGTH] + header[zipfile._FH_EXTRA_FIELD_LENGTH], 1)
    raw = source.fp.read(info.compress_size)
    copy = _copy_info(info)
    copy.flag_bits = info.flag_bits & ~0x08  # sizes go in the local header, no data descriptor after the data
    copy.CRC, copy.compress_size, copy.file_size = info.CRC, info.compress_size, info.file_size
    zip64 = info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT
    with target._lock:
        target.fp.seek(target.start_dir)
        copy.header_offset = target.fp.tell()
        target.fp.write(copy.FileHeader(zip64))
        target.fp.write(raw)
        target.start_dir = target.fp.tell()
        target.filelist.append(copy)
        target.NameToInfo[copy.filename] = copy
        target._didModify = True


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy


__all__ = ["Package", "PackageError", "replace_sheets", "rels_part", "shared_strings"]
