"""Worksheet XML and what a sheet reaches (tables, drawings, comments): the scratch sheets' cells mapped into the
source's styles with their computed values stored beside the formulas, shared strings made inline, the tab
selection removed; what a user put on a sheet (pictures, shapes, sparklines, form controls) recognised in any
namespace spelling."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from xml.etree import ElementTree

from .xml import MAIN, attr, drop_attr, set_attr, start_tag

_CELL = re.compile(r"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)


def transplant(text: str, xf: Callable[[int], int], dxf: Callable[[int], int], strings: list[str],
               cached: dict[str, object] | None = None) -> str:
    """A scratch worksheet (openpyxl's spelling) ready for the source package: style indices through `xf`/`dxf`,
    shared strings made inline, the tab-selection mark removed (the source keeps its own selected tab), and each
    formula cell named in `cached` given its computed value (openpyxl writes none: with it LibreOffice, phone
    viewers and Excel before its first recalculation show the right number, not #NAME? for xl-iku's functions)."""
    cached = cached or {}

    def cell(match: re.Match[str]) -> str:
        attrs, body = match.group(1), match.group(3)
        s = attr(attrs, "s")
        if s is not None:
            attrs = set_attr(attrs, "s", str(xf(int(s))))
        if attr(attrs, "t") == "s" and body is not None:
            index = re.search(r"<v>(\d+)</v>", body)
            attrs = set_attr(attrs, "t", "inlineStr")
            body = f'<is><t xml:space="preserve">{escape(strings[int(index.group(1))] if index else "", quote=False)}' \
                   "</t></is>"
        elif body is not None and cached and "<f>" in body:
            value = cached.get(attr(attrs, "r") or "")
            if value is not None:
                attrs, body = _with_value(attrs, body, value)
        return f"<c{attrs}/>" if body is None else f"<c{attrs}>{body}</c>"

    text = _CELL.sub(cell, text)
    text = re.sub(r"(<row\b[^>]*?\ss=\")(\d+)", lambda m: m.group(1) + str(xf(int(m.group(2)))), text)
    text = re.sub(r"(<col\b[^>]*?\sstyle=\")(\d+)", lambda m: m.group(1) + str(xf(int(m.group(2)))), text)
    text = re.sub(r"(\sdxfId=\")(\d+)", lambda m: m.group(1) + str(dxf(int(m.group(2)))), text)
    return text.replace(' tabSelected="1"', "")


def _with_value(attrs: str, body: str, value: object) -> tuple[str, str]:
    formula = re.search(r"<f>.*?</f>", body, re.S)
    if formula is None:
        return attrs, body
    attrs = re.sub(r"""\st\s*=\s*(?:"[^"]*"|'[^']*')""", "", attrs)
    if isinstance(value, bool):
        attrs, text = attrs + ' t="b"', "1" if value else "0"
    elif isinstance(value, (int, float)):
        text = repr(float(value))
    else:
        attrs, text = attrs + ' t="str"', escape(str(value), quote=False)
    return attrs, f"{formula.group(0)}<v>{text}</v>"


def unselect(data: bytes) -> bytes:
    """A worksheet without its tab-selection mark, in any spelling (`tabSelected="1"`, `tabSelected = '1'`)."""
    return re.sub(rb"""\stabSelected\s*=\s*(?:"(?:1|true)"|'(?:1|true)')""", b"", data)


def shared_strings(data: bytes | None) -> list[str]:
    """The text of each shared string (rich-text runs joined), in order."""
    if not data:
        return []
    root = ElementTree.fromstring(data)
    return ["".join(t.text or "" for t in si.iter(f"{{{MAIN}}}t")) for si in root.findall(f"{{{MAIN}}}si")]


#: What a user may have put on a sheet, found in the parts it reaches: (element local name, label).
USER_CONTENT = (
    ("pic", "gambar"),
    ("sp", "bentuk/kotak teks"),
    ("grpSp", "bentuk/kotak teks"),
    ("sparklineGroup", "sparkline"),
    ("legacyDrawingHF", "gambar di header/footer"),
    ("control", "tombol/kontrol formulir"),
)
_USER_TAGS = [(re.compile(rb"<(?:[\w.-]+:)?" + local.encode() + rb"[\s>/]"), label) for local, label in USER_CONTENT]


def user_content(data: bytes) -> list[str]:
    """Labels of what a user put in this part (a picture, a shape, …), each once, in `USER_CONTENT`'s order."""
    found: list[str] = []
    for pattern, label in _USER_TAGS:
        if label not in found and pattern.search(data):
            found.append(label)
    return found


# -- formula cells of a sheet someone else wrote (the shareable copy values them) ---------------------------------

_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")


def cell_around(xml: bytes, position: int, first: int = 0) -> tuple[int, int] | None:
    """(start, end) of the cell element holding `position` (a formula's tag), any prefix or spelling."""
    start = -1
    for candidate in (xml.rfind(b"<c", first, position), xml.rfind(b":c", first, position)):
        if candidate > start:
            start = candidate if xml[candidate:candidate + 1] == b"<" else xml.rfind(b"<", first, candidate)
    if start < 0 or _CELL_START.match(xml, start) is None:
        return None
    head_end = xml.find(b">", start)
    if xml[head_end - 1:head_end] == b"/":
        return start, head_end + 1
    end = re.compile(rb"</(?:[\w.-]+:)?c\s*>").search(xml, position)
    return (start, end.end()) if end else None


@dataclass(frozen=True)
class FormulaCell:
    ref: str
    kind: str  # the cell's t attribute ("n" when absent)
    formula: str  # "=…", decoded
    shared: str | None  # the si of a shared formula
    master: bool  # the shared formula's master (it holds the text)
    stored: str | None  # the stored value's text, decoded (None: no value stored)


def formula_cell(cell: str) -> FormulaCell:
    """A formula cell's parts, whatever prefix and quote style the producer used."""
    head = start_tag("c").match(cell).group(0)
    tag = re.search(r"<(?:[\w.-]+:)?f(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?:/>|>(.*?)</(?:[\w.-]+:)?f\s*>)",
                    cell, re.S)
    shared = attr(tag.group(0), "si") if tag else None
    raw = re.search(r"<(?:[\w.-]+:)?v\s*>(.*?)</(?:[\w.-]+:)?v\s*>", cell, re.S)
    return FormulaCell(attr(head, "r") or "", attr(head, "t") or "n", "=" + unescape(tag.group(2) or "") if tag else "=",
                       shared, bool(tag and shared is not None and tag.group(2)),
                       unescape(raw.group(1)) if raw else None)


def valued_cell(cell: str, value: object, error: bool = False) -> str:
    """The same cell (prefix, reference, style kept) holding `value` instead of its formula: a number, a boolean,
    an Excel error value (`error`) or text (inline)."""
    head = start_tag("c").match(cell).group(0)
    prefix = re.match(r"<([\w.-]+:)?c", head).group(1) or ""
    # t (the type), cm and vm (cell and value metadata: a dynamic-array spill, a rich value) belong to the formula
    attrs = head[len(prefix) + 2:].rstrip(">").rstrip("/")
    for name in ("t", "cm", "vm"):
        attrs = drop_attr(attrs, name)
    c, v = f"{prefix}c", f"{prefix}v"
    if isinstance(value, bool):
        return f'<{c}{attrs} t="b"><{v}>{int(value)}</{v}></{c}>'
    if isinstance(value, (int, float)):
        return f"<{c}{attrs}><{v}>{repr(float(value))}</{v}></{c}>"
    if error:
        return f'<{c}{attrs} t="e"><{v}>{escape(str(value), quote=False)}</{v}></{c}>'
    return (f'<{c}{attrs} t="inlineStr"><{prefix}is><{prefix}t xml:space="preserve">{escape(str(value), quote=False)}'
            f"</{prefix}t></{prefix}is></{c}>")


def table_id(text: str) -> int:
    start = start_tag("table").search(text)
    value = attr(start.group(0), "id") if start else None
    return int(value) if value and value.isdigit() else 0


def with_table_id(data: bytes, new_id: int) -> bytes:
    """A table part with another id (table ids are unique across the workbook)."""
    text = data.decode("utf-8")
    start = start_tag("table").search(text)
    return (text[:start.start()] + set_attr(start.group(0), "id", str(new_id)) + text[start.end():]).encode("utf-8")


__all__ = ["cell_around", "FormulaCell", "formula_cell", "valued_cell", "transplant", "unselect", "shared_strings",
           "user_content", "USER_CONTENT", "table_id", "with_table_id"]
