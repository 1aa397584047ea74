"""The same workbook package spelled as the specification allows (issue 18, item 4): attributes in single quotes,
whitespace around `=`, attributes in reverse order, elements under a namespace prefix (`x:sheet`, `rel:id`), text
and values entity-encoded (`&#84;abel IKU`), zip entries in another case than their relationships name them.
Only the package-level parts are respelled (workbook.xml, relationships, content types, app.xml): what
`xl_iku/package` reads and edits."""

from __future__ import annotations

import re
import zipfile
from html import unescape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_TAG = re.compile(r"<(/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_ATTR = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _encode(value: str, entities: bool) -> str:
    """An attribute value or text re-encoded: markup characters as numeric references always, letters too when
    `entities` (every other one, so names stay readable in a failure message)."""
    out = []
    for i, ch in enumerate(value):
        if ch in "&<>\"'":
            out.append(f"&#{ord(ch)};")
        elif entities and ch.isalpha() and i % 2 == 0:
            out.append(f"&#{ord(ch)};" if i % 4 == 0 else f"&#x{ord(ch):x};")
        else:
            out.append(ch)
    return "".join(out)


def respell(text: str, *, quotes: str = '"', spaces: bool = False, reverse: bool = False, prefix: str | None = None,
            rel_prefix: str | None = None, entities: bool = False) -> str:
    """`text` (an XML part) in another spelling with the same meaning."""

    def tag(match: re.Match[str]) -> str:
        closing, name, attrs, empty = match.groups()
        items = [(k, unescape(v if v is not None else w)) for k, v, w in _ATTR.findall(attrs)]
        if prefix is not None and ":" not in name:
            name = f"{prefix}:{name}" if not name.startswith("?") else name
        renamed = []
        for key, value in items:
            if prefix is not None and key == "xmlns" and value == MAIN:
                key = f"xmlns:{prefix}"
            if rel_prefix is not None:
                if key.startswith("xmlns:") and value == REL:
                    key = f"xmlns:{rel_prefix}"
                elif key.startswith("r:"):
                    key = f"{rel_prefix}:{key[2:]}"
            renamed.append((key, value))
        if reverse:
            renamed.reverse()
        eq = " = " if spaces else "="
        # names and text carry character references as producers write them; ids, types and targets markup
        # escapes only (calamine compares relationship ids undecoded)
        body = "".join(f" {k}{eq}{quotes}{_encode(v, entities and k == 'name')}{quotes}" for k, v in renamed)
        return f"<{closing}{name}{body}{' /' if empty else ''}>"

    head = ""
    if text.startswith("<?xml"):
        end = text.index("?>") + 2
        head, text = text[:end], text[end:]
    out = _TAG.sub(tag, text)
    if entities:  # element text too (defined-name formulas, titles)
        out = re.sub(r">([^<]+)<", lambda m: ">" + _encode(unescape(m.group(1)), True) + "<", out)
    return head + out


DIALECTS = {
    "single quotes, spaces, reversed attributes, entities": dict(quotes="'", spaces=True, reverse=True,
                                                                 entities=True),
    "namespace prefixes": dict(prefix="x", rel_prefix="rel"),
}

_PACKAGE_PARTS = re.compile(r"(^|/)(workbook\.xml|[^/]*\.rels|\[Content_Types\]\.xml|app\.xml)$")


def respell_package(path, out, dialect: dict, zip_case: bool = False) -> None:
    """The package at `path` with its package-level parts respelled; with `zip_case` the worksheet entries'
    names upper-cased in the zip (relationships still name them in lower case)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            name = info.filename
            if _PACKAGE_PARTS.search(name):
                options = dict(dialect)
                if not name.endswith("workbook.xml"):  # only the workbook uses the main namespace
                    options.pop("prefix", None)
                data = respell(data.decode("utf-8"), **options).encode("utf-8")
            if zip_case and name.startswith("xl/worksheets/"):
                name = name.upper()
            target.writestr(name, data)
