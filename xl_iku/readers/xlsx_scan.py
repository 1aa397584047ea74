"""A quick look at an .xlsx sheet's XML before a fast reader loads it.

Two things the fast reader (python-calamine) cannot be trusted with: it turns a formula without a stored value and an
Excel error value (``#DIV/0!``) into an empty cell, which would silently count as "not answered"; and it allocates
the whole rectangle from A1 to the farthest cell, so one stray value at XFD1048576 asks for 512 GiB and aborts the
process. One streaming pass over the sheet part finds both: the cells whose value is missing or an error, and the
extent of the cells that exist. A sheet whose rectangle is too large is then read sparsely (`sparse_values`): only
the cells that hold data cost anything.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import iterparse

from ..cells import column_index

#: Above this many cells in the A1-to-farthest rectangle the dense reader is not used (calamine: ~32 bytes a cell).
DENSE_CELL_LIMIT = 8_000_000
_CHUNK = 1 << 25
_WHOLE = 1 << 28

_P = rb"(?:\w+:)?"  # producers may prefix the main namespace (x:c)
# a literal ' r="' is searched many times faster than '\sr="'; other whitespace before r= takes the slow pattern
_ROW, _ROW_ANY_SPACE = re.compile(rb' r="(\d+)"'), re.compile(rb'\sr="(\d+)"')
_WIDE_CELL, _WIDE_ANY_SPACE = re.compile(rb' r="([A-Z]{2,3})\d'), re.compile(rb'\sr="([A-Z]{2,3})\d')
_ODD_SPACE = (b'\nr="', b'\tr="', b'\rr="')
_ERROR_CELL = re.compile(rb"<" + _P + rb'c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"[^>]*?\st="e"[^>]*>(.*?)</' + _P + rb"c>",
                         re.S)
_FORMULA_NO_VALUE = re.compile(
    rb"<" + _P + rb'c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"[^>]*>\s*<' + _P + rb"f\b[^>]*(?:/>|>[^<]*</" + _P + rb"f>)\s*"
    rb"(?:<" + _P + rb"v\s*/>|<" + _P + rb"v>\s*</" + _P + rb"v>)?\s*</" + _P + rb"c>")
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]*)</" + _P + rb"v>")


@dataclass
class SheetScan:
    max_row: int = 0
    max_column: int = 0  # an upper bound: 26 when no cell lies beyond column Z
    #: (row, column) 1-based → what is wrong: "rumus" (formula never computed) or the error text ("#DIV/0!")
    problems: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def dense_cells(self) -> int:
        return self.max_row * self.max_column


def sheet_parts(path: str) -> dict[str, str]:
    """Sheet name → its part inside the package (``xl/worksheets/sheet1.xml``)."""
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml")
        rels = package.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for rel in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', rel.group(1)))
        target = attrs.get(b"Target", b"").decode()
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[attrs.get(b"Id", b"").decode()] = target
    out = {}
    for sheet in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)/?>", workbook):
        attrs = dict(re.findall(rb'([\w:]+)="([^"]*)"', sheet.group(1)))
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), b"").decode()
        name = _unescape(attrs.get(b"name", b"").decode("utf-8"))
        if rid in targets:
            out[name] = targets[rid]
    return out


def scan_sheet(path: str, part: str) -> SheetScan:
    """One streaming pass over a sheet part: its extent and its problem cells."""
    scan = SheetScan()
    wide: set[bytes] = set()
    with zipfile.ZipFile(path) as package, package.open(part) as stream:
        rest, first = b"", True
        whole = package.getinfo(part).file_size <= _WHOLE  # one read, no copies, for any sheet of usual size
        while True:
            chunk = stream.read(-1 if whole else _CHUNK)
            data = rest + chunk if rest else chunk
            if whole:
                chunk = b""  # all read: this is the last pass
            elif chunk:
                cut = data.rfind(b"row>")  # "</row>" (or "</x:row>"): no cell is cut in two
                if cut < 0:  # no row end in this chunk yet: read on
                    rest = data
                    continue
                data, rest = data[:cut + 4], data[cut + 4:]
            # producers write tags on one line; only a file with other whitespace inside needs the slow patterns
            # (memchr over the data, then the substring tests only when some \n, \t or \r follows the prologue)
            odd = any(data.find(ch, 1024 if first else 0) >= 0 for ch in (b"\n", b"\t", b"\r")) and \
                any(space in data for space in _ODD_SPACE)
            first = False
            rows = (_ROW_ANY_SPACE if odd else _ROW).findall(data)  # cell refs never match: they hold letters
            if rows:
                scan.max_row = max(scan.max_row, max(map(int, rows)))
            wide.update((_WIDE_ANY_SPACE if odd else _WIDE_CELL).findall(data))
            if b't="e"' in data:
                for letters, row, inner in _ERROR_CELL.findall(data):
                    value = _VALUE.search(inner)
                    text = value.group(1).decode("utf-8", "replace") if value else "#N/A"
                    scan.problems[(int(row), column_index(letters.decode()))] = text
            if b"<f" in data or b":f>" in data or b":f " in data:
                for letters, row in _FORMULA_NO_VALUE.findall(data):
                    scan.problems[(int(row), column_index(letters.decode()))] = "rumus"
            if not chunk:
                break
    scan.max_column = max((column_index(c.decode()) for c in wide), default=26)
    return scan


def sparse_values(path: str, part: str) -> list[list[Any]]:
    """A sheet's values row by row, each row only as long as its last cell holding data (rows between hold nothing).

    Slower per cell than the dense reader but bounded by the cells that exist; used only for sheets whose rectangle
    is too large to allocate. Numbers come as floats, text as text; error and uncomputed cells are blank here (the
    scan reports them).
    """
    strings = _shared_strings(path)
    rows: dict[int, dict[int, Any]] = {}
    with zipfile.ZipFile(path) as package, package.open(part) as stream:
        for _, element in iterparse(stream):
            if _local(element.tag) != "c":
                continue
            ref = element.get("r")
            match = re.match(r"([A-Z]{1,3})(\d+)$", ref or "")
            if match:
                value = _cell_value(element, strings)
                if value is not None:
                    rows.setdefault(int(match.group(2)), {})[column_index(match.group(1))] = value
            element.clear()
    out: list[list[Any]] = [[] for _ in range(max(rows, default=0))]
    for r, cells in rows.items():
        line: list[Any] = [""] * max(cells)
        for c, value in cells.items():
            line[c - 1] = value
        out[r - 1] = line
    return out


def _cell_value(element, strings: list[str]) -> Any:
    kind = element.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in element.iter() if _local(t.tag) == "t")
    v = next((child.text for child in element if _local(child.tag) == "v"), None)
    if v is None or kind == "e":
        return None
    if kind == "s":
        return strings[int(v)]
    if kind == "b":
        return v == "1"
    if kind in ("str", "d"):
        return v
    number = float(v)
    return int(number) if number.is_integer() else number


def _shared_strings(path: str) -> list[str]:
    with zipfile.ZipFile(path) as package:
        if "xl/sharedStrings.xml" not in package.namelist():
            return []
        out = []
        with package.open("xl/sharedStrings.xml") as stream:
            for _, element in iterparse(stream):
                if _local(element.tag) == "si":
                    out.append("".join(t.text or "" for t in element.iter() if _local(t.tag) == "t"))
                    element.clear()
        return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))
