"""A shareable copy for readers without the add-in (Bupati, Inspektorat, DPRD; Excel, LibreOffice, phone viewers).

Every xl-iku function is replaced by its value: in the generated sheets from a fresh computation (the same layouts
as regeneration), elsewhere from the value Excel last stored or, for a plain call on cells and numbers, computed
here. Native formulas stay (with their values) unless the input sheets are left out, when everything is valued so
nothing points at a sheet that is gone. Formats, merges, charts and print setup come along.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import udfs
from .bookdata import INPUT_SHEETS, input_data
from .cells import column_index, parse_range
from .errors import CellError, FileError
from .files import refuse_overwrite
from .layout import iku_layouts, sheet_key
from .layout.base import SheetLayout
from .layout.base import valued as base_valued
from .package.sheet_xml import cell_around, formula_cell, valued_cell
from .readers.book import InputBook
from .readers.xlsx_scan import formula_tags, sheet_data
from .workbook import check_book_path, write_generated

FUNCTIONS = ("IKM_SCORE", "IKM_NRR", "IKM_TABEL", "IKM_CATEGORY", "IKM_LABEL", "AKIP_SCORE", "AKIP_CATEGORY",
             "AKIP_LABEL", "CAPAIAN", "LKE_SCORE", "LKE_PREDIKAT")
#: a titled table spilled over many cells: only Excel's stored values can stand for it, never one computed here
_TABLES = ("IKM_TABEL",)
# `_xldudf_` is how a file stores a call to an Office.js (xlwings Lite) custom function; the look-behind keeps
# MYIKM_SCORE( out (a \b after the prefix never matched: `_` and `I` are both word characters)
_CALL = re.compile(r"(?<![\w.])(?:_xldudf_)?(" + "|".join(FUNCTIONS) + r")\s*\(", re.IGNORECASE)
_PLAIN_CALL = re.compile(r"^=\s*(?:_xldudf_)?([A-Z_]+)\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)


def uses_xl_iku(formula: str) -> bool:
    return bool(_CALL.search(formula))


def valued(layout: SheetLayout, everything: bool) -> SheetLayout:
    """The layout with xl-iku formulas (or all formulas) replaced by the values computed for them."""
    return base_valued(layout, lambda formula: everything or uses_xl_iku(formula))


def export(path: str | os.PathLike, out: str | os.PathLike, with_inputs: bool = True, pdf: bool = False) -> Path:
    """The shareable copy, built at package level like regeneration: generated sheets rebuilt as values, user
    formulas that call xl-iku functions replaced by their stored results in the sheet parts, the rest copied."""
    source, target = Path(path), Path(out)
    refuse_overwrite([source], [target])  # the Python API too, not only the CLI (a hard link as well)
    if target.suffix.lower() != ".xlsx":
        raise FileError(target, f"'{target.name}': salinan untuk dibagikan disimpan sebagai .xlsx (tanpa makro).",
                        reason=FileError.WRONG_KIND)
    check_book_path(source)
    data = input_data(source)
    layouts = [valued(layout, everything=not with_inputs) for layout in iku_layouts(data)]
    with InputBook(source) as book:
        inputs = {sheet_key(n) for n in INPUT_SHEETS}
        remove = [] if with_inputs else [n for n in book.sheet_names if sheet_key(n) in inputs]
        stored = _Stored(book)
        write_generated(source, layouts, target, remove=remove, without_macros=True,
                        edit_sheet=lambda name, xml: _value_user_formulas(name, xml, stored, not with_inputs))
    if pdf:
        from .layout import is_printed
        from .pdf import export_pdf

        export_pdf(target, target.with_suffix(".pdf"), is_printed)
    return target


class _Stored:
    """Values as last computed, per sheet, read once (for a plain xl-iku call that Excel never computed)."""

    def __init__(self, book: InputBook) -> None:
        self.book = book
        self.sheetnames = book.sheet_names
        self._rows: dict[str, list] = {}

    def rows(self, sheet: str) -> list:
        if sheet not in self._rows:
            self._rows[sheet] = self.book.rows(sheet, check_formulas=False)
        return self._rows[sheet]

    def value(self, sheet: str, row: int, col: int):
        rows = self.rows(sheet)
        return rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else None


def _value_user_formulas(sheet: str, xml: bytes, stored: _Stored, everything: bool) -> bytes | None:
    """The sheet part with the chosen formula cells turned into their values; None when nothing changes."""
    first, last = sheet_data(xml)
    tags = formula_tags(xml, first, last)
    if not tags:
        return None
    out, done, masters = [], 0, set()
    for found in tags:
        bounds = cell_around(xml, found.start(), first)
        if bounds is None or bounds[0] < done:
            continue
        start, end = bounds
        new = _valued_cell(sheet, xml[start:end].decode("utf-8"), stored, everything, masters)
        if new is not None:
            out += [xml[done:start], new.encode("utf-8")]
            done = end
    if not out:
        return None
    return b"".join(out + [xml[done:]])


def _valued_cell(sheet: str, cell: str, stored: _Stored, everything: bool, masters: set[str]) -> str | None:
    found = formula_cell(cell)
    shared = found.shared  # a shared formula: its master and the cells that reuse it
    if not (everything or uses_xl_iku(found.formula) or (shared is not None and shared in masters)):
        return None
    if found.master:
        masters.add(shared)
    value = None
    if found.stored:
        text = found.stored
        value = text if found.kind in ("str", "e") else (text == "1" if found.kind == "b" else float(text))
    if value is None and uses_xl_iku(found.formula):
        value = _evaluate_call(found.formula, stored, sheet, found.ref)
    if value is None:
        raise CellError.uncomputed(sheet, found.ref, instead="lalu buat salinan lagi")
    return valued_cell(cell, value, error=found.kind == "e")


def _evaluate_call(formula: str, stored, sheet: str, coordinate: str):
    """=FUNC(A1:B9, C3, 0.111, "negatif") computed with xl-iku; anything more complex needs Excel's stored value."""
    match = _PLAIN_CALL.match(formula)
    if not match or match.group(1).upper() not in FUNCTIONS or match.group(1).upper() in _TABLES:
        return None
    args = [a.strip() for a in _split_args(match.group(2))]
    values = [_argument(a, stored, sheet) for a in args]
    if any(v is _UNKNOWN for v in values):
        return None
    result = getattr(udfs, match.group(1).upper())(*values)
    if isinstance(result, str) and result.startswith("#XL-IKU!"):
        raise CellError(sheet, coordinate, result[len('#XL-IKU! '):])
    while isinstance(result, list):
        result = result[0]
    return result


_UNKNOWN = object()
_REF = re.compile(r"^(?:'?([^'!]+)'?!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$", re.IGNORECASE)


def _argument(text: str, stored: _Stored, sheet: str):
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    try:
        return float(text)
    except ValueError:
        pass
    match = _REF.match(text)
    if not match:
        return _UNKNOWN
    name = match.group(1) or sheet
    if name not in stored.sheetnames:
        return _UNKNOWN
    if match.group(4):
        top, left, bottom, right = parse_range(f"{match.group(2)}{match.group(3)}:{match.group(4)}{match.group(5)}")
        return [[stored.value(name, r, c) for c in range(left, right + 1)] for r in range(top, bottom + 1)]
    return stored.value(name, int(match.group(3)), column_index(match.group(2)))


def _split_args(text: str) -> list[str]:
    out, depth, current, quoted = [], 0, "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if not quoted and ch in "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            out.append(current)
            current = ""
        else:
            current += ch
    return out + [current] if current or out else out
