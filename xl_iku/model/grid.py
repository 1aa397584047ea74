"""A sheet's values as any reader got them (openpyxl, xlwings, calamine), and the lookups on them that
readers and the model share."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SheetGrid:
    """A sheet's values (row 1 first), its merged ranges and its cells' number formats ((row, column) 1-based →
    format code, for the cells that have one other than General; empty when the path cannot read them), however
    they were read."""

    name: str
    rows: Sequence[Sequence[Any]]
    merged: Sequence[str] = field(default_factory=tuple)
    formats: Mapping[tuple[int, int], str] = field(default_factory=dict)


def normalise(header: Any) -> str:
    text = " ".join(str(header).split()).lower() if header is not None else ""
    return re.sub(r"\s*/\s*", "/", text)


def key_row(grid: SheetGrid, key: str) -> int | None:
    """Row of an Instansi key in column A (for messages and live references), or None when it is absent."""
    for r, row in enumerate(grid.rows, start=1):
        if row and normalise(row[0]) == normalise(key):
            return r
    return None
