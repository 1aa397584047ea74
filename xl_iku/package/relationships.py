"""Relationships (`_rels/*.rels`): which part reaches which, and the allocation of part names for new parts.

Part names are case-insensitive (ECMA-376 Part 2, 9.1.1.1.2): `Target="worksheets/Sheet1.xml"` reaches the zip entry
`xl/worksheets/sheet1.xml`. Targets are relative to the source part's folder or absolute (`/xl/...`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import unquote

from .xml import PKG_REL_NS, attr, start_tags

WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # absolute part name without the leading "/", or the raw target when external
    external: bool


def rels_part(part: str) -> str:
    """The relationships part of `part` ("" is the package itself)."""
    if part == "":
        return "_rels/.rels"
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def source_of(rels_name: str) -> str | None:
    """The part a relationships part belongs to ("" for the package's own), None when the name is no rels part."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder).lower() != "_rels" or not base.lower().endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base[:-len(".rels")])


def resolve_target(source: str, target: str) -> str:
    """A relationship target as an absolute part name (no leading "/"): relative to the source part's folder."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def parse(text: str, source: str, resolve: Callable[[str], str] = lambda name: name) -> list[Rel]:
    """The relationships of `source` written in `text`; `resolve` maps a part name to the zip entry's spelling."""
    out = []
    for tag in start_tags(text, "Relationship"):
        target = attr(tag, "Target") or ""
        external = (attr(tag, "TargetMode") or "").lower() == "external"
        if not external:
            target = resolve(resolve_target(source, target))
        out.append(Rel(attr(tag, "Id") or "", attr(tag, "Type") or "", target, external))
    return out


def to_xml(rels: list[Rel], names: dict[str, str]) -> str:
    """A relationships part for `rels`, internal targets renamed through `names` and written absolute."""
    items = []
    for rel in rels:
        target = escape(rel.target, quote=True) if rel.external else "/" + escape(names[rel.target], quote=True)
        mode = ' TargetMode="External"' if rel.external else ""
        items.append(f'<Relationship Id="{escape(rel.id, quote=True)}" Type="{escape(rel.type, quote=True)}" '
                     f'Target="{target}"{mode}/>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
            + "".join(items) + "</Relationships>")


def new_id(taken: set[str]) -> str:
    """The lowest free `rIdN` (ids compared case-insensitively), now taken."""
    n = 1
    while f"rid{n}" in taken:
        n += 1
    taken.add(f"rid{n}")
    return f"rId{n}"


class PartNames:
    """Part names allocated against the whole package: every zip entry that stays (whatever its case), every part a
    staying relationship names (even one the zip lacks), and everything already planned. A name is never handed
    out twice, so no two sheets (or drawings, charts, …) share a part."""

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


__all__ = ["Rel", "rels_part", "source_of", "resolve_target", "parse", "to_xml", "new_id", "PartNames", "WORKSHEET",
           "CALC_CHAIN", "VBA"]
