"""`xl/styles.xml`: the scratch sheets' cell formats (and conditional-format dxfs) merged into the source's style
tables: an equal entry is reused, a new one appended once; existing indices never change, so every cell of every
other sheet keeps its look and a second run appends nothing."""

from __future__ import annotations

import re
from html import escape
from xml.etree import ElementTree

from .xml import MAIN, prefix_of, set_attr

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


class StyleMerge:
    """Scratch cellXfs (and dxfs) mapped into the source's styles.xml: reuse an equal entry, else append once."""

    def __init__(self, source_text: str, scratch_text: str) -> None:
        self.text = source_text
        self.prefix = prefix_of(source_text, "styleSheet")
        source = ElementTree.fromstring(source_text.encode("utf-8"))
        scratch = ElementTree.fromstring(scratch_text.encode("utf-8"))
        self.lists = {name: self._children(source, name) for name in _STYLE_LISTS}
        self.index = {name: {_canonical(e): i for i, e in reversed(list(enumerate(items)))}
                      for name, items in self.lists.items() if name != "numFmts"}
        self.formats = {e.get("formatCode"): int(e.attrib["numFmtId"]) for e in self.lists["numFmts"]}
        self.next_format = max([163] + list(self.formats.values())) + 1
        self.appended: dict[str, list[str]] = {name: [] for name in _STYLE_LISTS}
        scratch_lists = {name: self._children(scratch, name) for name in _STYLE_LISTS}
        self.scratch_formats = {int(e.attrib["numFmtId"]): e.get("formatCode") for e in scratch_lists["numFmts"]}
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
                    mapped.set(attr, str(self._place(kind, self.scratch[kind][int(xf.attrib[attr])])))
            if "numFmtId" in xf.attrib:
                mapped.set("numFmtId", str(self._format(int(xf.attrib["numFmtId"]))))
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
                        self._format(int(child.attrib["numFmtId"])))))
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
                start = set_attr(f"<{self.prefix}{name}{full.group(1)}>", "count", str(total))
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


__all__ = ["StyleMerge"]
