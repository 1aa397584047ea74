"""`[Content_Types].xml`: the type of each part, by extension (`Default`) or by part name (`Override`); part names
compared case-insensitively."""

from __future__ import annotations

import posixpath
from html import escape

from .xml import attr, insert_before_close, remove_elements, start_tags

PART = "[Content_Types].xml"


def parse(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case extension → default type, lower-case part name without "/" → override type)."""
    defaults = {(attr(t, "Extension") or "").lower(): attr(t, "ContentType") or "" for t in start_tags(text, "Default")}
    overrides = {(attr(t, "PartName") or "").lstrip("/").lower(): attr(t, "ContentType") or ""
                 for t in start_tags(text, "Override")}
    return defaults, overrides


def type_of(part: str, defaults: dict[str, str], overrides: dict[str, str]) -> str:
    return overrides.get(part.lower()) or defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")


def edit(text: str, gone: set[str], new_types: dict[str, str]) -> str:
    """`text` without the overrides of parts that are gone, with what the new parts need (an override, or a
    default for a new non-XML extension); a part that keeps its name and type keeps its entry as it was."""
    defaults, overrides = parse(text)
    gone = {p.lower() for p in gone}
    changed = {p.lower() for p, kind in new_types.items() if overrides.get(p.lower(), kind) != kind}
    text = remove_elements(text, "Override", lambda tag: (attr(tag, "PartName") or "").lstrip("/").lower() not in
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
    return insert_before_close(text, "Types", "".join(added))


__all__ = ["PART", "parse", "type_of", "edit"]
