"""The domain as data, and the services that compute reports from it; nothing here reads a file or knows Excel.

Data: the IKU plan (`plan`), a sheet's values (`grid`), AKIP years (`akip`), survey tables (`survey`), programmes
(`program`), the LKE self-assessment (`lke`), a book's inputs (`book`). Services: realisasi and capaian (`capaian`),
the SKM report (`skm_report`), the Perjanjian Kinerja (`pk`), the consistency warnings (`checks`), the LKjIP tables
(`lkjip`). Readers (`readers/`) build the data; layouts (`layout/`) draw it. The plan's types are importable from
here, imported on first use (PEP 562): `xl-iku ikm` reads a survey through `model.survey` and never pays for the
plan's dataclasses (~5 ms of its start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .plan import Catatan, IkuPlan, Indikator, Instansi, Sasaran, Tujuan

__all__ = ["Instansi", "Indikator", "Sasaran", "Tujuan", "IkuPlan", "Catatan"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import plan

        return getattr(plan, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
