"""Kabupaten roll-up: many offices' workbooks → the tables of one picture (`xl-iku rekap`).

Each workbook goes through the project's one reading of a workbook's inputs (`bookdata.input_data`), only read,
never written. A worker turns a workbook into an `OfficeSummary` that does not depend on the year (small and cheap
to send back from a process); once every summary is in, the year is chosen and the tables are built with pandas.
Finding the workbooks, counting each once and running the workers (a crash fails one file) are `many`'s.
Every number is the one the office's own generated sheets show: capaian from `model.capaian`, Nilai AKIP from the
`AKIP` sheet's reading, the IKM of a year's respondents from the same per-unsur totals the rules use. The
kabupaten's IKM is pooled from per-unsur sums and counts, never averaged from the offices' IKM.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import many
from .errors import InputError
from .rules.decimals import realisasi_places
from .rules.ikm import IkmResult, ikm_from_totals, ikm_pooled

if TYPE_CHECKING:
    import pandas as pd

    from .model.book import BookData

BOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Columns of the office table, in sheet order (the JSON keys are mapped from these in `rekap_json`).
INSTANSI_COLUMNS = ("Peringkat", "Instansi", "Pemerintah Daerah", "Berkas", "Responden", "IKM", "Mutu", "Nilai AKIP",
                    "Predikat", "Indikator", "Indikator tercapai", "Catatan")
#: The table also carries `Berkas`, to tell same-named offices apart.
INDIKATOR_COLUMNS = ("Instansi", "Kode", "Indikator", "Satuan", "Polaritas", "Tahun", "Target", "Realisasi",
                     "Capaian (%)", "Kategori", "Capaian Target Akhir (%)")
DECIMAL_COLUMNS = ("_desimal", "_desimal_realisasi")  # how Target and Realisasi print (rules.decimals), not shown
TERCAPAI = 100.0  # capaian (%) at or above which an indicator counts as achieved


@dataclass(frozen=True)
class SurveyTotals:
    """One year's respondents of an office (or the whole sheet when it has no dates): enough to pool."""

    responden: int
    sums: tuple[float, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class OfficeSummary:
    """What the roll-up needs from one workbook, for every year it holds."""

    berkas: str
    nama: str = ""
    pemda: str = ""
    catatan: int = 0
    indikator: tuple[dict, ...] = ()  # one per indicator × target year: INDIKATOR_COLUMNS and Berkas
    akip: dict[int, tuple[float, str]] = field(default_factory=dict)  # tahun → (Nilai AKIP, predikat)
    #: tahun → (Nilai AKIP of the self-assessment or None, each sub-component's % of weight or None, in LKE order)
    lke: dict[int, tuple[float | None, tuple[float | None, ...]]] = field(default_factory=dict)
    survey: dict[int | None, SurveyTotals] | None = None  # None: no survey; key None: whole sheet (no Tanggal)
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    error: str = ""
    fault: str = ""  # the failure is a fault of xl-iku (`error` says so): its traceback

    def realisasi_years(self) -> set[int]:
        return {row["Tahun"] for row in self.indikator if row["Realisasi"] is not None}

    def assessed_years(self) -> set[int]:
        """Years whose LKE holds an answer (`init` lays out the PK year's criteria unanswered: not a year yet)."""
        return {year for year, (_, persen) in self.lke.items() if any(p is not None for p in persen)}

    def survey_of(self, tahun: int) -> SurveyTotals | None:
        """The year's respondents; without dates in the survey, the whole sheet."""
        if self.survey is None:
            return None
        if None in self.survey:
            return self.survey[None]
        return self.survey.get(tahun, SurveyTotals(0, (0.0,) * len(self.codes), (0,) * len(self.codes)))


@dataclass(frozen=True)
class Rekap:
    tahun: int
    instansi: pd.DataFrame  # INSTANSI_COLUMNS, ranked by IKM
    indikator: pd.DataFrame  # INDIKATOR_COLUMNS
    unsur: pd.DataFrame  # Instansi, Responden, one NRR column per unsur code, IKM, Mutu, Berkas
    codes: tuple[str, ...]
    names: tuple[str, ...]
    pooled: IkmResult | None  # the kabupaten's IKM from all offices' respondents of the year
    pooled_note: str  # why there is no pooled IKM
    gagal: list[tuple[str, str]]  # (berkas, pesan)
    skipped: list[tuple[str, str]]  # (berkas, why it was not read: the file it repeats, or an earlier roll-up)
    #: Instansi, Berkas, one column per LKE sub-component (% of its weight), Nilai AKIP (LKE), Predikat: the offices
    #: that self-assessed the year, in rank order
    lke: pd.DataFrame | None = None

    @property
    def berkas(self) -> int:
        return len(self.instansi) + len(self.gagal)

    @staticmethod
    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        """`records` for the layouts, which are handed a Rekap and import nothing above themselves."""
        return records(frame)


def find_books(paths: Iterable[str | os.PathLike]) -> many.Found:
    """Workbooks named, or found in folders (recursively; what `many.find` passes over left out)."""
    return many.find(paths, BOOK_SUFFIXES, other="bukan buku kerja .xlsx/.xlsm")


def is_rekap_workbook(path: str | os.PathLike) -> bool:
    """A roll-up written earlier (it may be overwritten, and is never read as an office): it has `Rekap Instansi`.
    Only the package's sheet list is looked at."""
    from .layout.rekap import INSTANSI_SHEET

    return INSTANSI_SHEET in _sheet_names(path)


def _sheet_names(path: str | os.PathLike) -> list[str]:
    """The package's sheet list; empty when it cannot be read (the reading says why, as the file's row)."""
    from .package import PackageError, sheet_names

    try:
        return sheet_names(path)
    except (OSError, PackageError):
        return []


def summarise(path: Path, in_folder: bool = False) -> tuple[OfficeSummary, str]:
    """One workbook → its summary, and a digest of it without the file's name (a copy holding the same data is
    counted once). Raises for a bad file (`many.run` turns it into a row of `Gagal`). Skipped (`many.Skip`): an
    earlier roll-up, and a workbook found in a folder that holds none of an office's input sheets (a budget, a
    letter): a folder holds those too, and they are no office missing from the roll-up."""
    from .bookdata import INPUT_SHEETS, input_data
    from .files import check_readable
    from .layout.rekap import INSTANSI_SHEET as ROLL_UP
    from .readers.iku import find_sheet

    names = _sheet_names(path)
    if ROLL_UP in names:
        raise many.Skip("buku kerja rekap, bukan buku kerja instansi")
    if in_folder and names and not any(find_sheet(names, wanted) for wanted in INPUT_SHEETS):
        raise many.Skip(f"bukan buku kerja IKU (tidak ada sheet {', '.join(INPUT_SHEETS[:2])})")
    if path.suffix.lower() not in BOOK_SUFFIXES:  # named by hand: what it holds decides (check_readable)
        check_readable(path, BOOK_SUFFIXES)
    summary = office_summary(str(path), input_data(path))
    return summary, many.digest(summary.nama, summary.pemda, summary.catatan,
                                [{k: v for k, v in row.items() if k != "Berkas"} for row in summary.indikator],
                                summary.akip, summary.lke, summary.survey, summary.codes, summary.names)


def office_summary(berkas: str, data: BookData) -> OfficeSummary:
    from .model.lkjip import capaian_target_akhir

    instansi = data.plan.instansi
    rows = []
    for result in data.performance:
        ind = result.indikator
        akhir = capaian_target_akhir(data.plan, result)  # as the office's LKjIP Tabel 3.3 shows it
        for year in result.years:
            rows.append({"Instansi": instansi.nama, "Berkas": berkas, "Kode": ind.kode, "Indikator": ind.nama,
                         "Satuan": ind.satuan, "Polaritas": ind.polaritas, "Tahun": year.tahun, "Target": year.target,
                         "Realisasi": year.realisasi, "Capaian (%)": year.capaian, "Kategori": year.rating or None,
                         "Capaian Target Akhir (%)": akhir.get(year.tahun),
                         # decimals the indicator was written with, for the roll-up's pages (rules.decimals)
                         "_desimal": ind.desimal, "_desimal_realisasi": realisasi_places(
                             ind.desimal, computed=year.sumber in ("AKIP", "SKM") and not year.sel)})
    akip = {y.tahun: (y.nilai, y.category.code) for y in data.akip.years} if data.akip else {}
    lke = {year: (hasil.nilai, tuple(s.persen for s in hasil.subs))
           for year, hasil in (data.lke.hasil.items() if data.lke else ())}
    survey, codes, names = None, (), ()
    if data.skm is not None:
        table = data.skm.survey
        survey, codes, names = _survey_totals(table), tuple(table.codes), tuple(table.names)
    return OfficeSummary(berkas, instansi.nama, instansi.pemerintah_daerah, len(data.notes), tuple(rows), akip,
                         lke, survey, codes, names)


def _survey_totals(table) -> dict[int | None, SurveyTotals]:
    """Per-unsur sums and counts of answers and respondents, by year of `Tanggal` (rows without a date belong to
    no year); the whole sheet under the key None when no row has a date."""
    import numpy as np

    from .model.skm_report import tanggal_codes, tanggal_order
    from .rules.ikm import totals_by_group

    answers = table.answer_bytes  # validated once (one byte an answer); a bad answer raises as `answers` would
    ids: Any = bytes(len(table.rows))
    years: list[int | None] = [None]
    if "Tanggal" in table.profiles:  # a year per distinct date of each block; day or month first for the column
        ids, years = tanggal_codes(table, lambda date, _: date.year if date else None, tanggal_order(table))
    responden, sums, given = totals_by_group(answers, np.frombuffer(ids, dtype=np.uint8) if isinstance(ids, bytes)
                                             else ids, len(years))
    dated = any(y is not None for y in years)
    keys = np.array([y if dated and y is not None else (-1 if dated else 0) for y in years])  # one per year code
    out: dict[int | None, SurveyTotals] = {}
    for key in sorted(set(keys.tolist())):
        if key == -1:  # no date while others have one: in no year
            continue
        year = keys == key  # the year codes of this key
        out[int(key) if dated else None] = SurveyTotals(int(responden[year].sum()),
                                                        tuple(float(v) for v in sums[year].sum(axis=0)),
                                                        tuple(int(v) for v in given[year].sum(axis=0)))
    return out


def summarise_all(found: many.Found, jobs: int = 0, progress: Callable[[int, int], None] | None = None,
                  meanwhile: Callable[[], Any] | None = None) -> tuple[list[OfficeSummary], list[tuple[str, str]]]:
    """Summaries of the workbooks found, in their order, each failure a summary with its `error`; and what was
    passed over as (file, why): the same file by another path, a copy holding the same data, an earlier roll-up.
    With `jobs` > 1 on that many processes (0: `many.jobs_for`); `meanwhile` runs here while the workers read (the
    caller's own imports for the tables and the workbook, ~0.35 s), not after them."""
    ran = many.run(_read, found, many.jobs_for(len(found.files), jobs), progress, warm=_warm,
                   meanwhile=meanwhile)
    summaries = [o.value if o.value is not None else OfficeSummary(o.path, error=o.error, fault=o.fault)
                 for o in ran.outcomes]
    summaries = _each_office_once(summaries)
    skipped = [(path, f"sama dengan {first}") for path, first in ran.same_file + ran.same_data] + ran.skipped
    return summaries, skipped


def _each_office_once(summaries: list[OfficeSummary]) -> list[OfficeSummary]:
    """Two workbooks of one office (a revised copy beside the old one, holding other data) would count it twice:
    in the ranking, and its respondents twice in the kabupaten's IKM. Which one is current cannot be told from the
    files (a copy's date is the copying's), so each becomes a failed row naming the others, and the office waits
    for the staff to move the old one."""
    from .model.grid import normalise  # case and spacing, as every other name of the workbook is compared

    def office(summary: OfficeSummary) -> tuple[str, str]:
        return normalise(summary.nama), normalise(summary.pemda)

    by_office: dict[tuple[str, str], list[OfficeSummary]] = {}
    for summary in summaries:
        if not summary.error:
            by_office.setdefault(office(summary), []).append(summary)
    out = []
    for summary in summaries:
        same = by_office.get(office(summary), []) if not summary.error else []
        if len(same) > 1:
            others = ", ".join(f"'{Path(o.berkas).name}'" for o in same if o is not summary)
            summary = OfficeSummary(summary.berkas, error=(
                f"{summary.nama} ({summary.pemda}) juga ada di {others}, dengan isi yang berbeda. Satu instansi "
                "dihitung sekali: pindahkan berkas yang lama dari folder itu (atau perbaiki 'Nama Instansi' di sheet "
                "'Instansi' bila memang instansi lain), lalu jalankan rekap lagi."))
        out.append(summary)
    return out


def _read(path: Path, in_folder: bool) -> tuple[OfficeSummary, str]:
    """`many`'s per-file function: `summarise`, looked up when called (a test may stand in for it)."""
    return summarise(path, in_folder)


def _warm() -> None:
    """What reading a workbook needs (numpy, python-calamine, the readers: ~0.15 s), imported once here before the
    workers start instead of once in every worker (checked by tests/test_rekap.py: nothing is left to import)."""
    import numpy  # noqa: F401
    import python_calamine  # noqa: F401

    from . import bookdata, files  # noqa: F401
    from .model import lkjip  # noqa: F401
    from .readers import book  # noqa: F401


def default_year(offices: Sequence[OfficeSummary]) -> int:
    """The latest year with a realisasi in any workbook; without any, the latest year with a Nilai AKIP, a
    self-assessment (LKE) with some answer, or dated respondents."""
    good = [o for o in offices if not o.error]
    years = set().union(*(o.realisasi_years() for o in good))
    if not years:
        years = set().union(*(set(o.akip) | o.assessed_years() | {y for y in (o.survey or {}) if y is not None}
                              for o in good))
    if not years:
        raise InputError("Tidak ada realisasi, Nilai AKIP, penilaian mandiri (LKE) yang dijawab, atau responden "
                         "bertanggal di buku kerja mana pun, sehingga tahun rekap tidak dapat dipilih. Sebutkan "
                         "tahunnya: --tahun 2025.")
    return max(years)


def build(offices: Sequence[OfficeSummary], tahun: int | None = None,
          skipped: Sequence[tuple[str, str]] = ()) -> Rekap:
    """The roll-up tables for `tahun` (default: `default_year`)."""
    import pandas as pd

    good = [o for o in offices if not o.error]
    gagal = [(o.berkas, o.error) for o in offices if o.error]
    if not good:
        raise InputError("Tidak ada buku kerja yang dapat dibaca: " + "; ".join(f"{b}: {e}" for b, e in gagal))
    tahun = default_year(good) if tahun is None else tahun
    codes = _unsur_codes(good)
    names = next(o.names for o in good if o.codes == codes) if codes else ()

    indikator = pd.DataFrame([row for o in good for row in o.indikator if row["Tahun"] == tahun] +
                             _missing_year_rows(good, tahun),
                             columns=[*INDIKATOR_COLUMNS, "Berkas", *DECIMAL_COLUMNS])
    office_rows, unsur_rows = [], []
    for o in good:
        survey = o.survey_of(tahun)
        ikm = _ikm(o, survey)
        nilai, predikat = o.akip.get(tahun, (None, None))
        mine = indikator[indikator["Berkas"] == o.berkas]
        office_rows.append({"Instansi": o.nama, "Pemerintah Daerah": o.pemda, "Berkas": o.berkas,
                            "Responden": survey.responden if survey else None,
                            "IKM": ikm.ikm if ikm else None, "Mutu": ikm.category.code if ikm else None,
                            "Nilai AKIP": nilai, "Predikat": predikat,
                            "Indikator": len(mine),
                            "Indikator tercapai": int((mine["Capaian (%)"] >= TERCAPAI).sum()),
                            "Catatan": o.catatan})
        if survey is not None and survey.responden:
            nrr = {c: (s / n if n else None) for c, s, n in zip(o.codes, survey.sums, survey.counts)}
            unsur_rows.append({"Instansi": o.nama, "Responden": survey.responden,
                               **{c: nrr.get(c) for c in codes}, "IKM": ikm.ikm if ikm else None,
                               "Mutu": ikm.category.code if ikm else None, "Berkas": o.berkas,
                               "_sums": survey.sums if o.codes == codes else None,
                               "_counts": survey.counts if o.codes == codes else None})
    instansi = pd.DataFrame(office_rows, columns=INSTANSI_COLUMNS[1:]).astype(
        {"Responden": "Int64", "IKM": "float64", "Nilai AKIP": "float64"})
    instansi = instansi.sort_values(["IKM", "Instansi"], ascending=[False, True], na_position="last",
                                    kind="stable").reset_index(drop=True)
    instansi.insert(0, "Peringkat", instansi["IKM"].rank(method="min", ascending=False).astype("Int64"))
    order = {berkas: i for i, berkas in enumerate(instansi["Berkas"])}
    indikator = (indikator.assign(_order=indikator["Berkas"].map(order)).sort_values("_order", kind="stable")
                 .drop(columns="_order").reset_index(drop=True))
    unsur = pd.DataFrame(unsur_rows, columns=["Instansi", "Responden", *codes, "IKM", "Mutu", "Berkas", "_sums",
                                              "_counts"])
    unsur = unsur.assign(_order=unsur["Berkas"].map(order)).sort_values("_order", kind="stable")
    pooled, note = _pooled(unsur, codes, names)
    unsur = unsur.drop(columns=["_order", "_sums", "_counts"]).reset_index(drop=True)
    return Rekap(tahun, instansi, indikator, unsur, codes, names, pooled, note, gagal, list(skipped),
                 _lke_table(good, tahun, order))


def _lke_table(offices: Sequence[OfficeSummary], tahun: int, order: dict[str, int]) -> pd.DataFrame:
    """Each office's self-assessment of the year: every sub-component as % of its weight (comparable across
    sub-components of different weights), its Nilai AKIP and predikat."""
    import pandas as pd

    from .rules.lke import SUBS, lke_predikat

    codes = [s.kode for s in SUBS]
    rows = []
    for o in offices:
        if tahun not in o.lke:
            continue
        nilai, persen = o.lke[tahun]
        rows.append({"Instansi": o.nama, "Berkas": o.berkas, **dict(zip(codes, persen)), "Nilai AKIP (LKE)": nilai,
                     "Predikat": lke_predikat(nilai).code if nilai is not None else None})
    table = pd.DataFrame(rows, columns=["Instansi", "Berkas", *codes, "Nilai AKIP (LKE)", "Predikat"])
    table = table.astype({c: "float64" for c in [*codes, "Nilai AKIP (LKE)"]})
    return (table.assign(_order=table["Berkas"].map(order)).sort_values("_order", kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def _unsur_codes(offices: Sequence[OfficeSummary]) -> tuple[str, ...]:
    """The unsur of the roll-up: those most offices' surveys use (the nine of 14/2017 in practice)."""
    from collections import Counter

    counted = Counter(o.codes for o in offices if o.survey is not None)
    return counted.most_common(1)[0][0] if counted else ()


def _missing_year_rows(offices: Sequence[OfficeSummary], tahun: int) -> list[dict]:
    """An office whose plan has no target year `tahun` still lists its indicators, with nothing to show."""
    rows = []
    for o in offices:
        years = {row["Tahun"] for row in o.indikator}
        if years and tahun not in years:
            rows += [{**row, "Tahun": tahun, "Target": None, "Realisasi": None, "Capaian (%)": None,
                      "Kategori": None, "Capaian Target Akhir (%)": None}
                     for row in o.indikator if row["Tahun"] == min(years)]
    return rows


def _ikm(office: OfficeSummary, survey: SurveyTotals | None) -> IkmResult | None:
    if survey is None or not survey.responden:
        return None
    try:
        return ikm_from_totals(survey.sums, survey.counts, survey.responden, office.names, office.codes)
    except InputError:  # an unsur nobody answered that year: no IKM, the answered unsur still show
        return None


def _pooled(unsur: pd.DataFrame, codes: tuple[str, ...], names: tuple[str, ...]) -> tuple[IkmResult | None, str]:
    if unsur.empty:
        return None, "tidak ada responden survei pada tahun ini"
    other = unsur["_sums"].isna().sum()
    usable = unsur[unsur["_sums"].notna()]
    if usable.empty:
        return None, "instansi yang disurvei tahun ini memakai susunan unsur yang berbeda-beda"
    try:
        pooled = ikm_pooled(zip(usable["_sums"], usable["_counts"], usable["Responden"]), names, codes)
    except InputError as error:
        return None, str(error)
    note = f"{other} instansi dengan susunan unsur lain tidak ikut digabung" if other else ""
    return pooled, note


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain Python values, absent values as None (pandas' NaN/NA never reach a cell or JSON)."""
    import pandas as pd

    return [{k: (None if not isinstance(v, (tuple, list)) and pd.isna(v) else _plain(v)) for k, v in row.items()}
            for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def rekap_json(result: Rekap) -> dict:
    """`{"tahun", "instansi": [...], "gagal": [...]}`: IKM and capaian unrounded, absent values null; `lke` the
    office's self-assessment of the year (each sub-component as % of its weight), null when it has none."""
    from .rules.lke import SUBS

    lke_of = {r["Berkas"]: {"nilai": r["Nilai AKIP (LKE)"], "predikat": r["Predikat"],
                            "subkomponen": {s.kode: r[s.kode] for s in SUBS}}
              for r in (records(result.lke) if result.lke is not None else [])}
    indikator_of: dict[str, list[dict]] = {}
    for r in records(result.indikator):
        indikator_of.setdefault(r["Berkas"], []).append({"kode": r["Kode"], "target": r["Target"],
                                                         "realisasi": r["Realisasi"], "capaian": r["Capaian (%)"],
                                                         "capaian_target_akhir": r["Capaian Target Akhir (%)"]})
    return {
        "tahun": result.tahun,
        "instansi": [{"nama": r["Instansi"], "berkas": r["Berkas"], "responden": r["Responden"], "ikm": r["IKM"],
                      "mutu": r["Mutu"], "akip": r["Nilai AKIP"], "predikat": r["Predikat"],
                      "lke": lke_of.get(r["Berkas"]), "indikator": indikator_of.get(r["Berkas"], [])}
                     for r in records(result.instansi)],
        "gagal": [{"berkas": berkas, "pesan": pesan} for berkas, pesan in result.gagal],
    }
