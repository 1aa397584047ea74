"""python-calamine opened for any file name (the one place a CalamineWorkbook is made)."""

from __future__ import annotations

import os
from typing import Any


def open_calamine(path: str | os.PathLike) -> Any:
    """A CalamineWorkbook for `path`, whatever bytes its name holds: a name that is not UTF-8 (from a Windows zip,
    an old flash disk) reaches Python as a surrogate-escaped str that calamine cannot take as a path, so such a
    file is handed over open instead."""
    from python_calamine import CalamineWorkbook

    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        with open(name, "rb") as handle:
            return CalamineWorkbook.from_filelike(handle)
    return CalamineWorkbook.from_path(name)
