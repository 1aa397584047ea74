"""`xl/workbook.xml` (with its relationships part): the sheet list, sheet states, defined names scoped by sheet
position, the active tab. Read and edited as text in any spelling the specification allows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

from . import relationships
from .xml import (
    REL_NS,
    attr,
    attr_local,
    block,
    drop_attr,
    element,
    insert_before_close,
    ns_prefix,
    prefix_of,
    remove_elements,
    set_attr,
    start_tag,
    start_tags,
)


@dataclass(frozen=True)
class SheetEntry:
    name: str
    sheet_id: int
    rid: str
    part: str
    tag: str  # the <sheet …/> element as written in workbook.xml
    state: str = "visible"  # "hidden", "veryHidden"


def sheets(text: str, targets: dict[str, str]) -> list[SheetEntry]:
    """The sheets in workbook order; `targets` maps relationship ids to parts."""
    found = block(text, "sheets")
    out = []
    for tag in start_tags(found.group(2) if found else "", "sheet"):
        rid = attr_local(tag, "id") or ""
        sheet_id = attr(tag, "sheetId") or "0"
        out.append(SheetEntry(attr(tag, "name") or "", int(sheet_id) if sheet_id.isdigit() else 0, rid,
                              targets.get(rid, ""), tag, attr(tag, "state") or "visible"))
    return out


def defined_names(text: str) -> list[tuple[str, int | None, str]]:
    """(name, localSheetId or None, formula) of each defined name, decoded."""
    out = []
    names = block(text, "definedNames")
    for match in element("definedName").finditer(names.group(2) if names else ""):
        whole = match.group(0)
        start = start_tag("definedName").match(whole).group(0)
        local = attr(start, "localSheetId")
        body = "" if whole.endswith("/>") and len(whole) == len(start) else whole[len(start):whole.rindex("</")]
        out.append((attr(start, "name") or "", int(local) if local is not None else None, unescape(body)))
    return out


def show_only(text: str, keep) -> tuple[str, list[str]]:
    """workbook.xml with every sheet but those `keep(name)` accepts hidden, the kept ones visible and the first of
    them the active and first tab (LibreOffice prints the active sheet even when hidden), and the hidden sheets'
    print areas dropped (LibreOffice prints a hidden sheet that has one). Returns the kept names."""
    present: list[str] = []
    order: list[str] = []

    def restate(match: re.Match[str]) -> str:
        tag = drop_attr(match.group(0), "state")
        name = attr(tag, "name") or ""
        order.append(name)
        if keep(name):
            present.append(name)
            return tag
        return set_attr(tag, "state", "hidden")

    found = block(text, "sheets")
    if found is None:
        return text, present
    inner = start_tag("sheet").sub(restate, found.group(2))
    text = text[:found.start(2)] + inner + text[found.end(2):]
    first = str(order.index(present[0])) if present else "0"
    # LibreOffice prints a hidden sheet that has a print area: drop the print areas of the sheets hidden here
    hidden = {str(i) for i, name in enumerate(order) if name not in present}

    def print_area_of_hidden(match: re.Match[str]) -> str:
        start = start_tag("definedName").match(match.group(0)).group(0)
        return "" if attr(start, "name") == "_xlnm.Print_Area" and attr(start, "localSheetId") in hidden \
            else match.group(0)

    names = block(text, "definedNames")
    if names is not None:
        inner = element("definedName").sub(print_area_of_hidden, names.group(2))
        text = text[:names.start(2)] + inner + text[names.end(2):]

    def view(match: re.Match[str]) -> str:
        return set_attr(set_attr(match.group(0), "activeTab", first), "firstSheet", first)

    return start_tag("workbookView").sub(view, text, count=1), present


def rewrite(text: str, rels_text: str, sheets_: list[SheetEntry], rel_ids: set[str], scratch_names: list[str],
            scratch_text: str, replaces: dict[str, str | None], removed: set[str], placed: dict[str, str],
            dropped_rel_types: set[str]) -> tuple[list[str], str, str]:
    """workbook.xml and its relationships with the scratch sheets in place: each replaced sheet renamed to the
    scratch spelling (it keeps its place), removed ones dropped, new ones added where a fresh build puts them
    (before the next scratch sheet that replaces one, else at the end), defined names and the active tab moved with
    their sheets, the scratch sheets' own built-in names (print titles) taken over.
    Returns (the new sheet order, workbook.xml, workbook.xml.rels)."""
    rel_ids = {r.lower() for r in rel_ids}
    by_scratch = {old: new for new, old in replaces.items() if old}
    kept = [s for s in sheets_ if s.name not in removed]
    anchors: dict[str | None, list[str]] = {}
    for i, name in enumerate(scratch_names):
        if replaces.get(name):
            continue
        anchor = next((replaces[n] for n in scratch_names[i + 1:] if replaces.get(n)), None)
        anchors.setdefault(anchor, []).append(name)
    order = []
    for s in kept:
        order += anchors.get(s.name, []) + [by_scratch.get(s.name, s.name)]
    order += anchors.get(None, [])
    position = {s.name: order.index(by_scratch.get(s.name, s.name)) for s in kept}  # source name → new position
    scratch_position = {name: order.index(name) for name in scratch_names}

    p = prefix_of(text, "sheets")
    r_prefix = ns_prefix(text, REL_NS)
    next_id = max([s.sheet_id for s in sheets_] + [0]) + 1
    new_rels: list[str] = []

    def new_rel(name: str) -> str:
        rid = relationships.new_id(rel_ids)
        new_rels.append(f'<Relationship Id="{rid}" Type="{relationships.WORKSHEET}" Target="/{placed[name]}"/>')
        return rid

    def new_tag(name: str) -> str:
        nonlocal next_id
        rid = new_rel(name)
        ref = f'{r_prefix}:id="{rid}"' if r_prefix else f'xmlns:r="{REL_NS}" r:id="{rid}"'
        next_id += 1
        return f'<{p}sheet name="{escape(name, quote=True)}" sheetId="{next_id - 1}" {ref}/>'

    # the k-th <sheet> element is sheets_[k] (read the same way), whatever its relationship id
    removed_rids = {s.rid for s in sheets_ if s.name in removed}
    entries = iter(sheets_)

    def sheet_tag(match: re.Match[str]) -> str:
        tag = match.group(0)
        entry = next(entries, None)
        if entry is None:
            return tag
        if entry.name in removed:
            return ""
        before = "".join(new_tag(name) for name in anchors.get(entry.name, []))
        if entry.name in by_scratch:
            name = by_scratch[entry.name]
            tag = set_attr(tag, "name", name)
            if placed[name].lower() != entry.part.lower():  # given a part of its own: its own relationship too
                qualified = re.search(r"\s([\w.-]+:id)\s*=", tag)
                if qualified:
                    if all(s.rid != entry.rid for s in kept if s is not entry):
                        removed_rids.add(entry.rid)
                    tag = set_attr(tag, qualified.group(1), new_rel(name))
        return before + tag

    found = block(text, "sheets")
    inner = start_tag("sheet").sub(sheet_tag, found.group(2))
    inner += "".join(new_tag(name) for name in anchors.get(None, []))
    text = text[:found.start(2)] + inner + text[found.end(2):]

    text = _defined_names(text, p, sheets_, removed, by_scratch, position, scratch_text, scratch_names,
                          scratch_position)

    if order != [s.name for s in sheets_]:  # the active and first visible tab are positions too
        def view(match: re.Match[str]) -> str:
            tag = match.group(0)
            for name in ("activeTab", "firstSheet"):
                value = attr(tag, name)
                if value is not None and value.isdigit() and int(value) < len(sheets_):
                    tag = set_attr(tag, name, str(position.get(sheets_[int(value)].name, 0)))
            return tag

        text = start_tag("workbookView").sub(view, text)

    rels_text = remove_elements(rels_text, "Relationship", lambda tag: not (
        (attr(tag, "Id") or "") in removed_rids or (attr(tag, "Type") or "") in dropped_rel_types))
    rels_text = insert_before_close(rels_text, "Relationships", "".join(new_rels))
    return order, text, rels_text


def _defined_names(text, p, sheets_, removed, by_scratch, position, scratch_text, scratch_names, scratch_position):
    """Names scoped to a sheet follow its position; names of removed sheets go; the built-in names (print titles,
    print area) of replaced sheets come from the scratch."""
    removed_refs = [re.escape(n) for n in removed]
    refers_removed = re.compile(r"(?:'(?:" + "|".join(n.replace("'", "''") for n in removed_refs) + r")'|\b(?:"
                                + "|".join(removed_refs) + r"))!") if removed_refs else None

    def keep_name(match: re.Match[str]) -> str:
        whole = match.group(0)
        start = start_tag("definedName").match(whole).group(0)
        local = attr(start, "localSheetId")
        if local is not None and local.isdigit():
            index = int(local)
            owner = sheets_[index].name if index < len(sheets_) else None
            if owner is None or owner in removed:
                return ""
            if owner in by_scratch and (attr(start, "name") or "").startswith("_xlnm."):
                return ""
            return set_attr(start, "localSheetId", str(position[owner])) + whole[len(start):]
        if refers_removed is not None and refers_removed.search(unescape(whole)):
            return ""
        return whole

    found = block(text, "definedNames")
    names = element("definedName").sub(keep_name, found.group(2)) if found else ""
    for match in element("definedName").finditer(scratch_text):
        whole = match.group(0)
        start = start_tag("definedName").match(whole).group(0)
        local = attr(start, "localSheetId")
        if local is None or whole.endswith("/>"):
            continue
        body = whole[len(start):whole.rindex("</")]
        attrs = set_attr(start, "localSheetId", str(scratch_position[scratch_names[int(local)]]))
        attrs = re.sub(r"^<(?:[\w.-]+:)?definedName", f"<{p}definedName", attrs)
        names += f"{attrs}{body}</{p}definedName>"
    if found:
        replacement = f"{found.group(1)}{names}{found.group(3)}" if names.strip() else ""
        return text[:found.start()] + replacement + text[found.end():]
    text = start_tag("definedNames").sub(lambda m: "" if m.group(0).endswith("/>") else m.group(0), text)
    if names:
        end = re.search(r"</(?:[\w.-]+:)?sheets\s*>", text).end()
        text = text[:end] + f"<{p}definedNames>{names}</{p}definedNames>" + text[end:]
    return text


__all__ = ["SheetEntry", "sheets", "defined_names", "show_only", "rewrite"]
