"""Reading and editing package XML as text, the way the specification allows it to be spelled: attributes in
either quote style, in any order, with whitespace around `=`; elements with any namespace prefix (or none);
entity-encoded values (`&amp;`, `&#39;`, `&#x27;`). Editing as text keeps every other byte the producer wrote
(namespace declarations, extensions, spacing); only what changes is rewritten."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape, unescape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_VALUE = r"""(?:"([^"]*)"|'([^']*)')"""


def _attr_pattern(name: str) -> re.Pattern:
    return re.compile(r"(\s" + re.escape(name) + r"\s*=\s*)" + _VALUE)


def attr(tag: str, name: str) -> str | None:
    """Attribute `name` (a qualified name as written, e.g. `r:id`, or a plain one) of a start tag, decoded."""
    match = _attr_pattern(name).search(tag)
    if match is None:
        return None
    return unescape(match.group(2) if match.group(2) is not None else match.group(3))


def attr_local(tag: str, local: str) -> str | None:
    """The attribute whose local name is `local`, whatever its prefix (`r:id`, `rel:id`, `x:id`)."""
    match = re.search(r"\s[\w.-]+:" + re.escape(local) + r"\s*=\s*" + _VALUE, tag)
    if match is None:
        return None
    return unescape(match.group(1) if match.group(1) is not None else match.group(2))


def set_attr(tag: str, name: str, value: str) -> str:
    """`tag` (an element's start tag) with attribute `name` set, added before the tag's end when absent."""
    quoted = '"' + escape(value, quote=True) + '"'
    pattern = _attr_pattern(name)
    if pattern.search(tag):
        return pattern.sub(lambda m: m.group(1) + quoted, tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return f"{tag[:end].rstrip()} {name}={quoted}{tag[end:]}"


def drop_attr(tag: str, name: str) -> str:
    return re.sub(r"\s" + re.escape(name) + r"\s*=\s*" + _VALUE, "", tag)


def prefix_of(text: str, local: str) -> str:
    """The namespace prefix ("x:" or "") the producer used for element `local`."""
    match = re.search(r"<([\w.-]+:)?" + local + r"[\s>/]", text)
    return (match.group(1) or "") if match else ""


def ns_prefix(text: str, uri: str) -> str | None:
    """The prefix a document declares for namespace `uri` (None when it declares none)."""
    match = re.search(r"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(uri) + "[\"']", text)
    return match.group(1) if match else None


def start_tag(local: str) -> re.Pattern:
    """A start (or empty-element) tag `<local …>` with any prefix; `>` inside quoted values allowed."""
    return re.compile(r"<(?:[\w.-]+:)?" + local + r"""(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""")


def element(local: str) -> re.Pattern:
    """A whole element `<local …/>` or `<local …>…</local>` with any prefix (not nested in itself)."""
    return re.compile(r"<([\w.-]+:)?" + local + r"""(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>.*?</(?:[\w.-]+:)?"""
                      + local + r"\s*>)", re.S)


def block(text: str, local: str) -> re.Match | None:
    """`<local …>` (1) inner (2) `</local>` (3) of the first such element, any prefix."""
    return re.search(r"(<(?:[\w.-]+:)?" + local + r"""(?=[\s>])(?:[^>"']|"[^"]*"|'[^']*')*>)(.*?)(</(?:[\w.-]+:)?"""
                     + local + r"\s*>)", text, re.S)


def start_tags(text: str, local: str) -> Iterator[str]:
    return (m.group(0) for m in start_tag(local).finditer(text))


def remove_elements(text: str, local: str, keep: Callable[[str], bool]) -> str:
    """Drop `<local …/>` (or `<local …>…</local>`) elements whose text `keep` rejects."""
    return element(local).sub(lambda m: m.group(0) if keep(m.group(0)) else "", text)


def insert_before_close(text: str, local: str, xml: str) -> str:
    match = re.search(r"</([\w.-]+:)?" + local + r"\s*>", text)
    return text[:match.start()] + xml + text[match.start():]


def text_of(inner: str) -> str:
    """The text of an element's content: tags dropped, entities decoded (`<t>A &amp; B</t>` → `A & B`)."""
    return unescape(re.sub(r"<[^>]*>", "", inner))


__all__ = ["MAIN", "REL_NS", "PKG_REL_NS", "attr", "attr_local", "set_attr", "drop_attr", "prefix_of", "ns_prefix",
           "start_tag", "start_tags", "element", "block", "remove_elements", "insert_before_close", "text_of"]
