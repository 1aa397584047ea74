"""The programmes and budgets of the `Program` sheet as data (read by `readers.program`)."""

from __future__ import annotations

from dataclasses import dataclass

SHEET = "Program"


@dataclass(frozen=True)
class ProgramRow:
    row: int  # sheet row, for messages
    tahun: int
    kode_sasaran: str
    program: str
    anggaran: int  # whole rupiah
    keterangan: str = ""
    realisasi: int | None = None  # realisasi anggaran, whole rupiah; None: not typed (or no such column)
    realisasi_sel: str = ""  # its cell ("F3"): warnings point at it, the LKjIP's formulas follow it...
    realisasi_text: bool = False  # ...unless it was typed as text ("400.000.000"), which Excel does not read as one
