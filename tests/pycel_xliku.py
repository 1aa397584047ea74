"""The xl-iku Excel functions as a pycel plugin: pycel looks functions up by lower-case name and hands ranges over
as tuples of row tuples. Thin, like the add-in: the rules do the work."""

from xl_iku import udfs


def _rows(rng):
    return [list(r) for r in rng] if isinstance(rng, tuple) else rng


def ikm_score(jawaban, bobot=None):
    return udfs.IKM_SCORE(_rows(jawaban), bobot)


def ikm_category(nilai):
    return udfs.IKM_CATEGORY(nilai)


def ikm_label(nilai):
    return udfs.IKM_LABEL(nilai)


def akip_score(perencanaan, pengukuran, pelaporan, evaluasi):
    return udfs.AKIP_SCORE(perencanaan, pengukuran, pelaporan, evaluasi)


def akip_category(nilai, tabel=None):
    return udfs.AKIP_CATEGORY(nilai, _rows(tabel) if tabel is not None else None)


def akip_label(nilai, tabel=None):
    return udfs.AKIP_LABEL(nilai, _rows(tabel) if tabel is not None else None)


def capaian(target, realisasi, polaritas="positif"):
    return udfs.CAPAIAN(target, realisasi, polaritas)


def lke_score(jawaban, bobot, skala=None):
    return udfs.LKE_SCORE(_rows(jawaban), bobot, skala)


def lke_predikat(nilai):
    return udfs.LKE_PREDIKAT(nilai)


def ikm_nrr(jawaban):
    result = udfs.IKM_NRR(_rows(jawaban))
    return result[0][0] if isinstance(result, list) and len(result[0]) == 1 else result


def counta(*ranges):
    """Excel's COUNTA (pycel lacks it): cells that are not empty."""
    cells = [v for rng in ranges for row in (rng if isinstance(rng, tuple) else ((rng,),)) for v in row]
    return sum(v is not None and v != "" for v in cells)
