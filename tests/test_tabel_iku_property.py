"""Property: whatever an office's Data IKU holds (any number of tujuan, sasaran and indicators, rows in any order,
codes or none, one sasaran name under two tujuan, numbers with 0–3 decimals, typed as numbers or as Indonesian text,
long names, negatif indicators), the Tabel IKU and Penjelasan IKU that `regenerate` writes show exactly it: every
indicator once, grouped under its tujuan and sasaran in order of first appearance, its baseline and targets as typed,
its tujuan and sasaran label covering its row (merged per page when a group crosses a page break).

The fixtures of tests/test_iku_other_office.py prove one other office; this draws many."""

from __future__ import annotations

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from iku_books import YEARS, office_book

from xl_iku.cli import main

FIRST_DATA_ROW = 9
HEADERS = (["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran", "Kode Indikator", "Indikator", "Satuan",
            "Polaritas", "Kondisi Awal 2026"] + [f"Target {y}" for y in YEARS]
           + ["Keterangan", "Definisi Operasional", "Formulasi", "Penjelasan", "Sumber Data", "Penanggung Jawab"])

words = st.sampled_from(["Meningkatnya", "kualitas", "pelayanan", "publik", "kecamatan", "desa", "kelurahan",
                         "akuntabilitas", "kinerja", "penduduk", "ber-KTP-el", "(Persen)", "dan/atau", "5%", "Rp",
                         "ketenteraman", "ketertiban", "umum", "masyarakat", "pemberdayaan", "IKM", "AKIP"])
names = st.lists(words, min_size=2, max_size=14).map(" ".join)
codes = st.one_of(st.just(""), st.from_regex(r"[TSI]\.?[1-9](\.[1-9]){0,3}", fullmatch=True))
numbers = st.tuples(st.integers(0, 99_999), st.integers(0, 3)).map(lambda t: round(t[0] / 10 ** t[1], t[1]))


@st.composite
def offices(draw):
    """Data IKU rows (dicts by header), each with the expected tujuan/sasaran labels it belongs to."""
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        kt, tujuan = draw(codes), draw(names)
        for _ in range(draw(st.integers(1, 3))):
            # the same sasaran text under two tujuan sometimes: still two groups
            ks, sasaran = draw(codes), (rows[0]["Sasaran"] if rows and draw(st.booleans()) else draw(names))
            for _ in range(draw(st.integers(1, 3))):
                awal, targets = draw(numbers), draw(st.lists(numbers, min_size=len(YEARS), max_size=len(YEARS)))
                polaritas = draw(st.sampled_from(["positif", "negatif", None]))
                as_text = draw(st.booleans())  # numbers typed as text with the decimal comma, as offices do
                shown = (lambda v: f"{v}".replace(".", ",")) if as_text else (lambda v: v)
                name = draw(names)
                rows.append({"Kode Tujuan": kt, "Tujuan": tujuan, "Kode Sasaran": ks, "Sasaran": sasaran,
                             "Kode Indikator": f"{draw(codes)}#{len(rows)}" if draw(st.booleans()) else "",
                             "Indikator": f"{name} {len(rows)}", "Satuan": "Persen", "Polaritas": polaritas,
                             "Kondisi Awal 2026": shown(awal),
                             **{f"Target {y}": shown(v) for y, v in zip(YEARS, targets)},
                             "Keterangan": None, "Definisi Operasional": f"Definisi {name}.",
                             "Formulasi": f"Rumus {name}", "Penjelasan": f"Penjelasan {name}.",
                             "Sumber Data": "Bidang", "Penanggung Jawab": "Kepala",
                             "_numbers": (awal, targets), "_group": ((kt, tujuan), (ks, sasaran))})
    order = draw(st.permutations(range(len(rows)))) if draw(st.booleans()) else range(len(rows))
    return [rows[i] for i in order]


def _label(code, text):
    return f"{text} ({code})" if code else text


def _covering(ws, row, column):
    """The value shown for (row, column): its merged range's top-left cell, or the cell itself."""
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return ws.cell(merged.min_row, merged.min_col).value
    return ws.cell(row, column).value


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(rows=offices())
def test_tabel_and_penjelasan_show_exactly_the_office_data(rows, tmp_path_factory, capsys):
    folder = tmp_path_factory.mktemp("kantor")
    data = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
    book = office_book(folder / "kantor.xlsx", data, HEADERS)
    assert main(["regenerate", str(book)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    # expected order: tujuan by first appearance, then sasaran within it, then indicators as they come
    groups: dict = {}
    for r in rows:
        tujuan, sasaran = r["_group"]
        groups.setdefault(tujuan, {}).setdefault(sasaran, []).append(r)
    expected = [r for sasarans in groups.values() for inds in sasarans.values() for r in inds]

    wb = openpyxl.load_workbook(book)
    ws = wb["Tabel IKU"]
    for offset, r in enumerate(expected):
        line = FIRST_DATA_ROW + offset
        code = r["Kode Indikator"]
        assert ws.cell(line, 3).value == _label(code, r["Indikator"])
        awal, targets = r["_numbers"]
        got = [ws.cell(line, c).value for c in range(4, 5 + len(YEARS))]
        assert got == pytest.approx([awal] + targets, abs=1e-9)
        (kt, tujuan), (ks, sasaran) = r["_group"]
        assert _covering(ws, line, 1) == _label(kt, tujuan)
        assert _covering(ws, line, 2) == _label(ks, sasaran)
        ket = ws.cell(line, 5 + len(YEARS)).value
        assert (ket == "Polaritas negatif (makin rendah makin baik)") == (r["Polaritas"] == "negatif")
    after = FIRST_DATA_ROW + len(expected)
    assert ws.cell(after, 3).value is None  # nothing more, nothing twice

    pj = wb["Penjelasan IKU"]
    for offset, r in enumerate(expected):
        line = 8 + offset
        assert pj.cell(line, 1).value == offset + 1
        assert pj.cell(line, 2).value == r["Sasaran"] or _covering(pj, line, 2) == r["Sasaran"]
        assert pj.cell(line, 3).value == r["Indikator"]
        assert f"Definisi {r['Indikator'].rsplit(' ', 1)[0]}." in pj.cell(line, 4).value


def test_one_order_for_every_table_of_the_plan():
    """Rows of one sasaran scattered over Data IKU: the plan holds them in the Tabel IKU's order, so Penjelasan IKU,
    the PK and the Capaian sheet number them as the table does; each keeps its Data IKU row for messages."""
    from xl_iku.model import IkuPlan
    from xl_iku.model.plan import Indikator, Instansi

    def ind(row, tujuan, sasaran):
        return Indikator(row=row, kode_tujuan="", tujuan=tujuan, kode_sasaran="", sasaran=sasaran, kode=f"I{row}",
                         nama=f"Indikator {row}")

    plan = IkuPlan(Instansi("Kantor", "Kabupaten", "2025–2029"), 2024, (2025,),
                   (ind(2, "T1", "S1"), ind(3, "T2", "S2"), ind(4, "T1", "S3"), ind(5, "T1", "S1")))
    assert [i.row for i in plan.indikator] == [2, 5, 4, 3]
    assert [i.row for t in plan.tujuan() for i in t.indikator] == [2, 5, 4, 3]
