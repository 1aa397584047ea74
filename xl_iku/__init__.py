"""xl-iku: IKU, IKM and Nilai AKIP for Indonesian government offices, in Excel and headless.

The rules below are importable without Excel (numpy only); Excel functions live in `xl_iku.udfs`. `read_skm` and
`ikm_table` give DataFrames; pandas is imported when they are called, not here.
"""

from importlib.metadata import PackageNotFoundError, version

from .errors import CellError, FileError, InputError, SheetError
from .frames import ikm_table, read_skm
from .rules.akip import PREDIKAT_88_2021, akip_category, akip_lke_points, akip_points_total, akip_score
from .rules.capaian import SKALA_86_2017, capaian, capaian_rating
from .rules.ikm import (
    MUTU_14_2017,
    MUTU_KEP25_2004,
    UNSUR_14_2017,
    IkmResult,
    ikm_category,
    ikm_counts,
    ikm_nrr,
    ikm_score,
    ikm_summary,
)
from .rules.intervals import Band, Category, IntervalTable
from .rules.lke import lke_predikat, lke_score
from .rules.numbers import parse_number, round_half_up

try:  # written once, in pyproject.toml; the installed package's metadata carries it
    __version__ = version("xl-iku")
except PackageNotFoundError:  # the source tree on sys.path without being installed
    __version__ = "unknown"

__all__ = [
    "InputError",
    "FileError",
    "SheetError",
    "CellError",
    "Category",
    "Band",
    "IntervalTable",
    "IkmResult",
    "UNSUR_14_2017",
    "MUTU_14_2017",
    "MUTU_KEP25_2004",
    "PREDIKAT_88_2021",
    "SKALA_86_2017",
    "ikm_score",
    "ikm_nrr",
    "ikm_counts",
    "ikm_category",
    "ikm_summary",
    "ikm_table",
    "read_skm",
    "akip_score",
    "akip_points_total",
    "akip_lke_points",
    "akip_category",
    "capaian",
    "capaian_rating",
    "lke_score",
    "lke_predikat",
    "parse_number",
    "round_half_up",
]
