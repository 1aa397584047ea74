"""LKE self-assessment (PermenPANRB 88/2021): the rules with worked cases, the LKE sheet, `Evaluasi AKIP YYYY`
recalculated by LibreOffice against the Python result, `Nilai AKIP` beside the LHE, `xl-iku lke`, `Rekap LKE`."""

import json
import shutil

import openpyxl
import pytest

from xl_iku import udfs
from xl_iku.bookdata import input_data
from xl_iku.cli import main
from xl_iku.errors import CellError, InputError
from xl_iku.rules.lke import SKALA_AE, SKALA_YT, SUBS, Kriteria, default_kriteria, evaluate, lke_predikat, lke_score

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

DEFAULT = default_kriteria()

# A pattern worked by hand, one answer per sub-component unless a list is given (default list: 1.1 has 7 criteria,
# 1.2 10, 1.3 8, 2.1 3, 2.2 7, 2.3 10, 3.1 6, 3.2 9, 3.3 7, 4.1 3, 4.2 5, 4.3 5):
#   1.1 all AA        6 × 100/100                    = 6
#   1.2 5 × A, 5 × B  9 × (5·90 + 5·70)/10/100       = 9 × 0,8   = 7,2
#   1.3 all C         15 × 0,5                       = 7,5     → Perencanaan 20,7
#   2.1 AA, BB, D     6 × (100 + 80 + 30)/3/100      = 6 × 0,7   = 4,2
#   2.2 all CC        9 × 0,6                        = 5,4
#   2.3 all B         15 × 0,7                       = 10,5    → Pengukuran 20,1
#   3.1 all A         3 × 0,9                        = 2,7
#   3.2 all E         4,5 × 0                        = 0
#   3.3 all BB        7,5 × 0,8                      = 6       → Pelaporan 8,7
#   4.1 A, A, B       5 × (90 + 90 + 70)/3/100       = 25/6 = 4,1666…
#   4.2 all D         7,5 × 0,3                      = 2,25
#   4.3 all AA        12,5                           = 12,5    → Evaluasi internal 18,9166…
#   Nilai AKIP = 20,7 + 20,1 + 8,7 + 18,91666… = 68,41666… → B (Baik)
#   weakest (% of weight): 3.2 (0 %), 4.2 (30 %), 1.3 (50 %)
MIXED = {"1.1": "AA", "1.2": ["A"] * 5 + ["B"] * 5, "1.3": "C", "2.1": ["AA", "BB", "D"], "2.2": "CC", "2.3": "B",
         "3.1": "A", "3.2": "E", "3.3": "BB", "4.1": ["A", "A", "B"], "4.2": "D", "4.3": "AA"}
MIXED_TOTAL = 20.7 + 20.1 + 8.7 + (25 / 6 + 2.25 + 12.5)


def answers(pattern) -> list[str]:
    """One answer per default criterion, from a single answer or a per-sub-component pattern."""
    out, seen = [], {}
    for kode, _ in DEFAULT:
        sub = kode.rsplit(".", 1)[0]
        given = pattern if isinstance(pattern, str) else pattern[sub]
        index = seen.get(sub, 0)
        seen[sub] = index + 1
        out.append(given if isinstance(given, str) else given[index])
    return out


def lke(pattern, skala=None):
    rows = [Kriteria(kode, text, answer, baris=i) for i, ((kode, text), answer)
            in enumerate(zip(DEFAULT, answers(pattern)), start=4)]
    return evaluate(rows, skala) if skala else evaluate(rows)


@pytest.mark.parametrize("answer, nilai, predikat", [("B", 70.0, "B"), ("A", 90.0, "A"), ("BB", 80.0, "BB"),
                                                     ("AA", 100.0, "AA"), ("E", 0.0, "D")])
def test_one_answer_everywhere(answer, nilai, predikat):
    hasil = lke(answer)
    assert hasil.nilai == pytest.approx(nilai, abs=1e-12)
    assert hasil.predikat.code == predikat
    weights = {k.komponen.nama: float(k.komponen.bobot) for k in hasil.komponen}
    assert weights == {"Perencanaan Kinerja": 30, "Pengukuran Kinerja": 30, "Pelaporan Kinerja": 15,
                       "Evaluasi Akuntabilitas Kinerja Internal": 25}
    assert [k.nilai for k in hasil.komponen] == pytest.approx([w * nilai / 100 for w in weights.values()])


def test_mixed_pattern_worked_by_hand():
    hasil = lke(MIXED)
    assert [k.nilai for k in hasil.komponen] == pytest.approx([20.7, 20.1, 8.7, 25 / 6 + 14.75])
    assert hasil.nilai == pytest.approx(MIXED_TOTAL)
    assert hasil.predikat.code == "B" and hasil.predikat.label == "Baik"
    assert [s.sub.kode for s in hasil.prioritas()] == ["3.2", "4.2", "1.3"]
    assert [s.persen for s in hasil.prioritas()] == pytest.approx([0, 30, 50])
    assert hasil.belum == ()


@pytest.mark.parametrize("nilai, predikat", [(90, "A"), (90.0001, "AA"), (80, "BB"), (80.01, "A"), (70, "B"),
                                             (70.00000000000001, "B"), (70.01, "BB"), (60, "CC"), (50, "C"),
                                             (30, "D"), (30.01, "C"), (0, "D"), (100, "AA")])
def test_predikat_bounds_are_open_below(nilai, predikat):
    assert lke_predikat(nilai).code == predikat
    assert udfs.LKE_PREDIKAT(nilai) == predikat


def test_older_scales():
    # Y/T: Y = 1, T = 0. 2.1 has three criteria: Y, Y, T → 6 × 2/3 = 4
    assert lke_score([["Y"], ["Y"], ["T"]], 6, "Y/T") == pytest.approx(4.0)
    yt = lke({s.kode: (["Y", "T"] * 10)[:n] for s, n in zip(SUBS, (7, 10, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5))},
             SKALA_YT)
    # each sub-component: its Y share; 1.1 (7: Y,T,Y,T,Y,T,Y) → 4/7 of 6
    assert yt.subs[0].nilai == pytest.approx(6 * 4 / 7)
    assert yt.subs[3].nilai == pytest.approx(6 * 2 / 3)
    # A–E (1 / 0,75 / 0,5 / 0,25 / 0): all B → 75 % of every weight → 75,00 BB
    ae = lke("B", SKALA_AE)
    assert ae.nilai == pytest.approx(75.0) and ae.predikat.code == "BB"
    assert lke("D", SKALA_AE).nilai == pytest.approx(25.0)
    # the same letters mean something else on the 88/2021 scale (B = 70)
    assert lke("B").nilai == pytest.approx(70.0)
    with pytest.raises(InputError, match="tidak ada pada skala Y/T"):
        lke("B", SKALA_YT)


def test_an_unanswered_criterion_leaves_its_subcomponent_component_and_total_unassessed():
    rows = [Kriteria(kode, text, None if kode == "2.2.4" else "B", baris=i)
            for i, (kode, text) in enumerate(DEFAULT, start=4)]
    hasil = evaluate(rows)
    by_kode = {s.sub.kode: s for s in hasil.subs}
    assert by_kode["2.2"].nilai is None and by_kode["2.2"].terjawab == 6 and by_kode["2.2"].kriteria == 7
    assert by_kode["2.1"].nilai == pytest.approx(4.2)  # the others are still valued
    assert [k.nilai is None for k in hasil.komponen] == [False, True, False, False]
    assert hasil.nilai is None and hasil.predikat is None
    assert [(k.kode, k.baris) for k in hasil.belum] == [("2.2.4", 4 + [k for k, _ in DEFAULT].index("2.2.4"))]
    assert "2.2" not in [s.sub.kode for s in hasil.prioritas()]
    with pytest.raises(InputError, match="Kriteria ke-2 dari 3 belum dijawab"):
        lke_score([["B"], [""], ["A"]], 6)
    assert udfs.LKE_SCORE([["B"], [None]], 6).startswith("#XL-IKU! Kriteria ke-2 dari 2 belum dijawab")


def test_an_edited_criteria_list():
    # 1.1 cut to two criteria (AA and E: 6 × 0,5 = 3) plus one of the office's own (1.1.9, BB):
    # 6 × (100 + 0 + 80)/3/100 = 3,6; 4.1 reworded, same code: unchanged; every other criterion B
    rows = []
    for kode, text in DEFAULT:
        if kode.startswith("1.1.") and kode not in ("1.1.1", "1.1.2"):
            continue
        answer = {"1.1.1": "AA", "1.1.2": "E"}.get(kode, "B")
        rows.append(Kriteria(kode, "Rumusan kabupaten sendiri" if kode == "4.1.1" else text, answer))
    rows.append(Kriteria("1.1.9", "Kriteria tambahan kabupaten", "BB"))
    hasil = evaluate(rows)
    assert hasil.subs[0].kriteria == 3 and hasil.subs[0].nilai == pytest.approx(3.6)
    assert hasil.nilai == pytest.approx(3.6 + 0.7 * 94)
    with pytest.raises(InputError, match="tidak ada pada LKE PermenPANRB 88/2021"):
        evaluate([Kriteria("4.4.1", "Capaian kinerja", "B")])  # a local variant's 4.4: weights are the regulation's


# ------------------------------------------------------------------------------------------------ the workbook


@pytest.fixture
def book(root, tmp_path):
    """The template with its LKE answered in the mixed pattern (2026) and all B (2025, for the change)."""
    path = tmp_path / "IKU.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    header = [c.value for c in ws[3]]
    col = {h: i for i, h in enumerate(header, start=1)}
    assert header[:7] == ["Tahun", "Kode", "Komponen", "Sub-komponen", "Kriteria", "Jawaban", "Bukti / Catatan"]
    rows = [r for r in range(4, ws.max_row + 1) if ws.cell(r, col["Kode"]).value]
    assert len(rows) == 80 and {ws.cell(r, 1).value for r in rows} == {2026}
    for r, answer in zip(rows, answers(MIXED)):
        ws.cell(r, col["Jawaban"]).value = answer
    for r in rows:  # the same criteria for 2025, below
        for c in range(1, 8):
            ws.cell(ws.max_row + 1 if c == 1 else ws.max_row, c).value = ws.cell(r, c).value
        ws.cell(ws.max_row, 1).value = 2025
        ws.cell(ws.max_row, col["Jawaban"]).value = "B"
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    return path


def test_evaluasi_sheets_hold_the_python_result(book):
    data = input_data(book)
    assert sorted(data.lke.hasil) == [2025, 2026]
    assert data.lke.hasil[2026].nilai == pytest.approx(MIXED_TOTAL)
    wb = openpyxl.load_workbook(book)
    assert {"Evaluasi AKIP 2025", "Evaluasi AKIP 2026"} <= set(wb.sheetnames)
    # 2025 is a new sheet among replaced ones: each sheet holds its own content (no two sheets in one part)
    titles = {"Evaluasi AKIP 2025": "EVALUASI AKIP MANDIRI (LKE) TAHUN 2025", "Hasil SKM": "HASIL SURVEI KEPUASAN",
              "Evaluasi AKIP 2026": "EVALUASI AKIP MANDIRI (LKE) TAHUN 2026", "Catatan": "CATATAN KONSISTENSI",
              "PK 2026": "PERJANJIAN KINERJA TAHUN 2026"}
    assert all(wb[name]["A1"].value.startswith(title) for name, title in titles.items())
    ws = wb["Evaluasi AKIP 2026"]
    assert ws["F7"].value.startswith("=IF(AND(D7>0,E7=D7),C7*SUMPRODUCT(COUNTIFS('LKE'!")  # live, over the LKE
    assert ws["I5"].value == "Nilai 2025" and ws["J5"].value == "Perubahan"
    assert ws.print_title_rows == "$5:$5" and ws.sheet_properties.pageSetUpPr.fitToPage
    cached = openpyxl.load_workbook(book, data_only=True)["Evaluasi AKIP 2026"]
    assert cached["F22"].value == pytest.approx(MIXED_TOTAL) and cached["C23"].value == "B"
    assert cached["J22"].value == pytest.approx(MIXED_TOTAL - 70)


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_sheet_to_the_python_result(book, tmp_path):
    """The formulas, not the stored values: LibreOffice recalculates on load (recalc profile), after an answer is
    changed in the LKE sheet and one is cleared, and must land on what the rules compute for the edited sheet."""
    from xl_iku.pdf import convert

    wb = openpyxl.load_workbook(book)
    ws = wb["LKE"]
    kode = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == 2026}
    ws.cell(kode["3.2.1"], 6).value = "AA"  # 3.2: 4,5 × 100/9/100 = 0,5
    ws.cell(kode["2.2.4"], 6).value = None  # 2.2 unassessed, and with it Pengukuran and the total
    wb.save(book)  # openpyxl keeps no cached values: LibreOffice must compute every formula
    expected = input_data(book).lke.hasil[2026]
    assert expected.nilai is None
    out = tmp_path / "lo"
    out.mkdir()
    convert(book, "xlsx", out, recalc=True)
    ws = openpyxl.load_workbook(out / book.name, data_only=True)["Evaluasi AKIP 2026"]
    row = 6
    for k in expected.komponen:
        shown = ws.cell(row, 6).value
        assert shown == (pytest.approx(k.nilai) if k.nilai is not None else "belum dinilai"), k.komponen.nama
        for i, s in enumerate(k.subs, start=1):
            r = row + i
            assert ws.cell(r, 1).value == s.sub.kode
            assert (ws.cell(r, 4).value, ws.cell(r, 5).value) == (s.kriteria, s.terjawab)
            assert ws.cell(r, 6).value == (pytest.approx(s.nilai) if s.nilai is not None else "belum dinilai")
            assert ws.cell(r, 7).value in ((pytest.approx(s.persen),) if s.persen is not None else (None, ""))
        row += 1 + len(k.subs)
    assert ws["F22"].value == "belum dinilai" and ws["C23"].value in (None, "")
    assert [ws.cell(r, 8).value for r in (28, 29, 30)] == [s.sub.kode for s in expected.prioritas(3)]
    assert [ws.cell(r, 7).value for r in (28, 29, 30)] == pytest.approx([s.persen for s in expected.prioritas(3)])
    # the year before, answered in full, with its predikat and the change
    before = openpyxl.load_workbook(out / book.name, data_only=True)["Evaluasi AKIP 2025"]
    assert before["F22"].value == pytest.approx(70) and before["C23"].value == "B" and before["C24"].value == "Baik"
    assert ws["I7"].value == pytest.approx(4.2) and ws["J7"].value == pytest.approx(expected.subs[0].nilai - 4.2)
    nilai_akip = openpyxl.load_workbook(out / book.name, data_only=True)["Nilai AKIP"]
    rows = {nilai_akip.cell(r, 1).value: r for r in range(6, 10) if nilai_akip.cell(r, 2).value}
    assert nilai_akip.cell(rows[2025], 2).value == "Penilaian mandiri (LKE)"
    assert nilai_akip.cell(rows[2025], 7).value == pytest.approx(70) and nilai_akip.cell(rows[2025], 8).value == "B"


def test_nilai_akip_shows_the_self_assessment_beside_the_lhe(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["AKIP"]
    ws.append([2026, "Poin LHE", 22, 21, 10, 15, "LHE Inspektorat (contoh uji)"])
    wb.save(book)
    assert main(["regenerate", str(book)]) == 0
    ws = openpyxl.load_workbook(book, data_only=True)["Nilai AKIP"]
    table = [[ws.cell(r, c).value for c in range(1, 12)] for r in range(6, 9)]
    assert [row[:2] for row in table] == [[2025, "Penilaian mandiri (LKE)"],
                                          [2026, "Hasil evaluasi (LHE): Poin LHE"],
                                          [2026, "Penilaian mandiri (LKE)"]]
    assert table[1][6] == pytest.approx(68) and table[1][9] == pytest.approx(70.35)  # LHE: the IKU's realisasi
    assert table[1][10] == pytest.approx(68 / 70.35 * 100)
    assert table[2][6] == pytest.approx(MIXED_TOTAL) and table[2][7] == "B"
    assert table[2][9] is None and table[2][10] is None  # the self-assessment is no realisasi
    # the IKU's realisasi of 2026 is the LHE's 68, never the self-assessment
    akip = next(p for p in input_data(book).performance if p.indikator.sumber_realisasi == "AKIP")
    assert {y.tahun: y.realisasi for y in akip.years}[2026] == pytest.approx(68)


def test_cli_lke_table_and_json(book, capsys):
    assert main(["lke", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Evaluasi AKIP mandiri (LKE) tahun 2026 — Kecamatan Wotu" in out
    assert "Nilai AKIP (penilaian mandiri): 68,42 — predikat B (Baik)" in out
    assert "Prioritas perbaikan: 3.2 Kualitas Pelaporan Kinerja (0,00 % bobot)" in out
    assert main(["lke", str(book), "--tahun", "2025", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["tahun"] == 2025 and result["nilai_akip"] == pytest.approx(70.0)
    assert result["predikat"] == "B" and result["interpretasi"] == "Baik"
    assert [k["nilai"] for k in result["komponen"]] == pytest.approx([21, 21, 10.5, 17.5])
    assert result["komponen"][2]["sub_komponen"][1] == {
        "kode": "3.2", "nama": "Kualitas", "bobot": 4.5, "kriteria": 9, "terjawab": 9, "nilai": pytest.approx(3.15),
        "persen": pytest.approx(70)}
    assert result["belum_dijawab"] == []
    assert main(["lke", str(book), "--tahun", "2024"]) == 2
    assert "Tahun 2024 belum punya jawaban" in capsys.readouterr().err


def test_cli_lke_names_unanswered_rows(book, capsys):
    wb = openpyxl.load_workbook(book)
    ws = wb["LKE"]
    target = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "4.2.3" and ws.cell(r, 1).value == 2026)
    ws.cell(target, 6).value = None
    wb.save(book)
    assert main(["lke", str(book), "--json"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["nilai_akip"] is None and result["predikat"] is None
    assert result["belum_dijawab"] == [{"sheet": "LKE", "baris": target, "kode": "4.2.3",
                                        "kriteria": "Evaluasi AKIP Internal telah dilaksanakan dengan pendalaman "
                                                    "yang memadai."}]
    assert result["komponen"][3]["nilai"] is None and result["komponen"][3]["sub_komponen"][1]["nilai"] is None
    assert f"baris {target}" in captured.err and "4.2 belum dinilai" in captured.err


@pytest.mark.parametrize("cell, value, fragment", [
    ("B4", "5.1.1", "Sheet 'LKE', sel B4: kode kriteria '5.1.1' tidak ada pada LKE"),
    ("F4", "X", "Sheet 'LKE', sel F4: jawaban 'X' tidak ada pada skala AA–E"),
    # the score typed for its letter: written as staff write it (was 'jawaban 100.0'), and the letter named
    ("F4", 100, "Sheet 'LKE', sel F4: jawaban 100 tidak ada pada skala AA–E"),
    ("F4", 100, "100 adalah nilai jawaban AA: isi hurufnya, AA."),
    ("F4", 30.0, "30 adalah nilai jawaban D: isi hurufnya, D."),
    ("F4", 72.5, "jawaban 72,5 tidak ada pada skala AA–E"),
    ("C1", "Likert 1-5", "Sheet 'LKE', sel C1: Skala jawaban 'Likert 1-5' tidak dikenal"),
    ("B5", "1.1.1", "Sheet 'LKE', sel B5: kriteria 1.1.1 tahun 2026 sudah ada di baris 4"),
    ("A4", "kemarin", "Sheet 'LKE', sel A4"),
    ("A4", "2026", "Sheet 'LKE', sel A4: tahun '2026' berupa teks"),
    ("F4", " B", "Sheet 'LKE', sel F4: jawaban ' B' berisi spasi di awal atau akhir"),
    ("B4", "1.1.1 ", "Sheet 'LKE', sel B4: kode '1.1.1 ' berisi spasi"),
])
def test_bad_lke_input_names_sheet_and_cell(book, cell, value, fragment, capsys):
    wb = openpyxl.load_workbook(book)
    wb["LKE"][cell].value = value
    wb.save(book)
    with pytest.raises(CellError) as raised:  # the place as data (issue 19), not only in the text
        input_data(book)
    assert (raised.value.sheet, raised.value.cell) == ("LKE", cell)
    before = book.read_bytes()
    assert main(["regenerate", str(book)]) == 2
    assert fragment in capsys.readouterr().err
    assert book.read_bytes() == before


def test_older_scale_stated_in_the_sheet(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["LKE"]
    ws["C1"].value = "Y/T (LKE OPD lama)"
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, 1).value == 2026:
            ws.cell(r, 6).value = "Y" if ws.cell(r, 2).value.startswith(("1.", "2.")) else "T"
        elif ws.cell(r, 1).value == 2025:
            ws.cell(r, 6).value = "Y"
    wb.save(book)
    assert main(["regenerate", str(book)]) == 0
    hasil = input_data(book).lke.hasil
    assert hasil[2026].nilai == pytest.approx(60.0) and hasil[2026].predikat.code == "CC"
    assert hasil[2025].nilai == pytest.approx(100.0)
    cached = openpyxl.load_workbook(book, data_only=True)["Evaluasi AKIP 2026"]
    assert cached["F22"].value == pytest.approx(60.0) and cached["C23"].value == "CC"
    assert cached["A33"].value == "Y" and cached["C35"].value == 1  # the scale the formulas count against


def test_regenerate_adds_the_default_lke_sheet_to_a_book_without_one(root, tmp_path, capsys):
    path = tmp_path / "lama.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", path)
    wb = openpyxl.load_workbook(path)
    for name in [n for n in wb.sheetnames if n.startswith("Evaluasi AKIP") or n == "LKE"]:
        del wb[name]
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    assert "Sheet 'LKE' ditambahkan" in capsys.readouterr().out
    wb = openpyxl.load_workbook(path)
    assert "LKE" in wb.sheetnames and not any(n.startswith("Evaluasi AKIP") for n in wb.sheetnames)
    ws = wb["LKE"]
    rows = [[ws.cell(r, c).value for c in range(1, 8)] for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value]
    assert [(r[1], r[4]) for r in rows] == DEFAULT  # the default list, as shipped
    assert {r[0] for r in rows} == {2026} and all(r[5] is None for r in rows)  # its PK year, no answers
    assert ws["C1"].value == "AA–E (PermenPANRB 88/2021)"
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert '"AA,A,BB,B,CC,C,D,E,Y,T"' == validations["F4:F1000"].formula1
    # a second regeneration keeps it as it is (an input sheet)
    ws.cell(4, 6).value = "A"
    wb.save(path)
    assert main(["regenerate", str(path)]) == 0
    assert "ditambahkan" not in capsys.readouterr().out
    assert openpyxl.load_workbook(path)["LKE"].cell(4, 6).value == "A"


def test_init_makes_the_lke_sheet(tmp_path):
    path = tmp_path / "baru.xlsx"
    assert main(["init", str(path), "--periode", "2026-2030"]) == 0
    ws = openpyxl.load_workbook(path)["LKE"]
    assert [c.value for c in ws[3]] == ["Tahun", "Kode", "Komponen", "Sub-komponen", "Kriteria", "Jawaban",
                                        "Bukti / Catatan"]
    assert ws["A4"].value == 2026 and ws["B4"].value == "1.1.1" and ws["B4"].number_format == "@"
    assert ws.max_row == 3 + len(DEFAULT)


def test_rekap_lke(root, tmp_path, book):
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    shutil.copyfile(book, folder / "a.xlsx")
    other = folder / "b.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", other)  # the template's illustrative answers: 68,30
    wb = openpyxl.load_workbook(other)
    wb["Instansi"]["B2"].value = "Kecamatan Lain"
    wb.save(other)
    out = tmp_path / "rekap.xlsx"
    assert main(["rekap", str(folder), "-o", str(out), "--tahun", "2026"]) in (0, 1)
    ws = openpyxl.load_workbook(out)["Rekap LKE"]
    header = [c.value for c in ws[5]]
    assert header[:3] == ["No", "Instansi", "1.1"] and header[-2:] == ["Nilai AKIP (LKE)", "Predikat"]
    table = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(3, len(header) + 1)] for r in (6, 7)}
    mixed = lke(MIXED)
    assert table["Kecamatan Wotu"][:12] == pytest.approx([s.persen for s in mixed.subs])
    assert table["Kecamatan Wotu"][12:] == [pytest.approx(MIXED_TOTAL), "B"]
    assert table["Kecamatan Lain"][12:] == [pytest.approx(68.3), "B"]
    mean = [ws.cell(8, c).value for c in range(3, len(header))]
    assert ws["A8"].value == "RATA-RATA KABUPATEN"
    assert mean == pytest.approx([(a + b) / 2 for a, b in zip(table["Kecamatan Wotu"][:13],
                                                              table["Kecamatan Lain"][:13])])
    formulas = [r.formula[0] for r in ws.conditional_formatting for r in r.rules]
    assert any("SMALL($C$8:$N$8" in f for f in formulas) and any("MIN($C6:$N6)" in f for f in formulas)


def test_self_assessment_without_an_akip_sheet(book):
    """No LHE yet (no `AKIP` sheet): `Nilai AKIP` shows the self-assessments alone, and the IKU has no realisasi
    from them; a criterion left unanswered is listed in `Catatan` with its row."""
    wb = openpyxl.load_workbook(book)
    del wb["AKIP"]
    ws = wb["LKE"]
    target = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "1.3.2" and ws.cell(r, 1).value == 2026)
    ws.cell(target, 6).value = None
    wb.save(book)
    assert main(["regenerate", str(book)]) == 0
    wb = openpyxl.load_workbook(book, data_only=True)
    ws = wb["Nilai AKIP"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 7).value) for r in (6, 7)] == [
        (2025, "Penilaian mandiri (LKE)", pytest.approx(70)), (2026, "Penilaian mandiri (LKE)", "belum dinilai")]
    notes = [str(r[3]) for r in wb["Catatan"].iter_rows(min_row=4, values_only=True) if r[3]]
    assert any(n.startswith(f"Tahun 2026: 1 kriteria belum dijawab (baris {target}): sub-komponen 1.3 belum dinilai")
               for n in notes)
    akip = next(p for p in input_data(book).performance if p.indikator.sumber_realisasi == "AKIP")
    assert all(y.realisasi is None for y in akip.years)


def test_rekap_json_carries_each_office_s_self_assessment(root, tmp_path, book, capsys):
    """`rekap --json` gives what `Rekap LKE` shows: the office's Nilai AKIP (LKE), predikat and every sub-component
    as % of its weight; null for an office without a self-assessment of the year."""
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    shutil.copyfile(book, folder / "a.xlsx")
    other = folder / "b.xlsx"
    shutil.copyfile(root / "templates" / "IKU_Wotu.xlsx", other)
    wb = openpyxl.load_workbook(other)
    wb["Instansi"]["B2"].value = "Kecamatan Tanpa LKE"
    del wb["LKE"]
    wb.save(other)
    assert main(["rekap", str(folder), "--json", "--tahun", "2026", "--jobs", "1"]) in (0, 1)
    offices = {o["nama"]: o for o in json.loads(capsys.readouterr().out)["instansi"]}
    mixed = lke(MIXED)
    wotu = offices["Kecamatan Wotu"]["lke"]
    assert wotu["nilai"] == pytest.approx(MIXED_TOTAL) and wotu["predikat"] == "B"
    assert wotu["subkomponen"] == pytest.approx({s.kode: sub.persen for s, sub in zip(SUBS, mixed.subs)})
    assert offices["Kecamatan Tanpa LKE"]["lke"] is None


def test_roll_up_year_from_self_assessments_alone():
    """Offices whose workbooks hold no realisasi, no LHE and no dated respondents, only answered LKE: the roll-up's
    year is the latest assessed one, not an error; a year laid out but unanswered does not count."""
    from xl_iku.rekap import OfficeSummary, default_year

    answered, unanswered = (70.0, (80.0,) * 12), (None, (None,) * 12)
    offices = [OfficeSummary("a.xlsx", lke={2026: answered, 2027: unanswered}),
               OfficeSummary("b.xlsx", lke={2025: answered})]
    assert default_year(offices) == 2026
    with pytest.raises(InputError) as raised:
        default_year([OfficeSummary("c.xlsx", lke={2027: unanswered})])
    assert "--tahun" in raised.value.message
