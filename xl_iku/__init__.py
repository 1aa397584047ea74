"""xl-iku: IKU, IKM and Nilai AKIP for Indonesian government offices, in Excel and headless.

The rules below are importable without Excel (numpy only); Excel functions live in `xl_iku.udfs`. `read_skm` and
`ikm_table` give DataFrames; pandas is imported when they are called, not here.
"""

from typing import TYPE_CHECKING, Any

from .errors import CellError, FileError, InputError, SheetError

#: Where each public name lives. They are imported on first use (PEP 562), so a command that needs none of them
#: (`xl-iku ikm` reads the package's own modules directly) does not pay for importing them all, nor for reading the
#: installed metadata that `__version__` comes from (~40 ms of `importlib.metadata` on every start).
_LAZY = {
    ".frames": ("ikm_table", "read_skm"),
    ".rules.akip": ("PREDIKAT_88_2021", "akip_category", "akip_lke_points", "akip_points_total", "akip_score"),
    ".rules.capaian": ("SKALA_86_2017", "capaian", "capaian_rating"),
    ".rules.ikm": ("MUTU_14_2017", "MUTU_KEP25_2004", "UNSUR_14_2017", "IkmResult", "ikm_category", "ikm_counts",
                   "ikm_nrr", "ikm_score", "ikm_summary"),
    ".rules.intervals": ("Band", "Category", "IntervalTable"),
    ".rules.lke": ("lke_predikat", "lke_score"),
    ".rules.numbers": ("parse_number", "round_half_up"),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}

if TYPE_CHECKING:
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

    __version__: str


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:  # written once, in pyproject.toml; the installed package's metadata carries it
            value = version("xl-iku")
        except PackageNotFoundError:  # the source tree on sys.path without being installed
            value = "unknown"
    elif name in _WHERE:
        from importlib import import_module

        value = getattr(import_module(_WHERE[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # once: later lookups find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE) | {"__version__"})


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
