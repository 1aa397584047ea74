"""`[Content_Types].xml`: the type of each part, by extension (`Default`) or by part name (`Override`); part names
compared case-insensitively."""

from __future__ import annotations

import posixpath
from html import escape

from .xml import attr, insert_before_close, remove_elements, start_tag, start_tags

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
    default for a new non-XML extension). A part that keeps its name and type keeps its entry where it was, also
    when it is written anew (a regenerated sheet's comments), and new defaults go before the overrides: a second
    regeneration writes the same text as the first."""
    defaults, overrides = parse(text)
    again = {p.lower() for p, kind in new_types.items() if overrides.get(p.lower()) == kind}
    leaving = {p.lower() for p in gone} - again
    leaving |= {p.lower() for p, kind in new_types.items() if overrides.get(p.lower(), kind) != kind}
    text = remove_elements(text, "Override", lambda tag: (attr(tag, "PartName") or "").lstrip("/").lower()
                           not in leaving)
    overrides = {p: kind for p, kind in overrides.items() if p not in leaving}
    new_defaults, new_overrides = [], []
    for part, kind in new_types.items():
        ext = posixpath.splitext(part)[1].lstrip(".").lower()
        if overrides.get(part.lower()) == kind:
            continue
        if ext not in defaults and not kind.endswith("+xml"):
            defaults[ext] = kind
            new_defaults.append(f'<Default Extension="{escape(ext, quote=True)}" '
                                f'ContentType="{escape(kind, quote=True)}"/>')
        elif defaults.get(ext) != kind:
            new_overrides.append(f'<Override PartName="/{escape(part, quote=True)}" '
                                 f'ContentType="{escape(kind, quote=True)}"/>')
    first_override = start_tag("Override").search(text)
    if new_defaults and first_override is not None:
        text = text[:first_override.start()] + "".join(new_defaults) + text[first_override.start():]
        new_defaults = []
    return insert_before_close(text, "Types", "".join(new_defaults + new_overrides))


__all__ = ["PART", "parse", "type_of", "edit"]
