"""`xl-iku rekap`: a kabupaten's folder of office workbooks → one roll-up workbook and JSON whose every number is what
each office's own regenerated sheets show, the pooled IKM equal to pooling the raw answers, broken and duplicate
files handled, inputs untouched, and a printable PDF."""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from rekap_books import FILES, OFFICES, PEMDA, akip_values, capaian_rows, catatan_count, hasil_skm, kabupaten_folder

from xl_iku import UNSUR_14_2017, ikm_category, ikm_score
from xl_iku.cli import main
from xl_iku.layout.base import text_height
from xl_iku.layout.styles import INDONESIAN
from xl_iku.rekap import find_books, records, summarise_all

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
CODES = [c for c, _ in UNSUR_14_2017]
TAHUN = 2025  # the latest year with a realisasi (Bappeda's AKIP of 2026 is no realisasi)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return kabupaten_folder(tmp_path_factory.mktemp("rekap"))


@pytest.fixture(scope="module")
def rolled(folder, tmp_path_factory):
    """The roll-up of the folder (default year), its exit status, and every file's hash before and after."""
    out = tmp_path_factory.mktemp("hasil") / "REKAP.xlsx"
    before = _hashes(folder)
    status = main(["rekap", str(folder), "-o", str(out)])
    return out, status, before, _hashes(folder)


def _hashes(folder):
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _sheet_rows(ws, header_row=5):
    headers = []  # the table's headers, up to the first empty one (chart data lies beyond)
    while ws.cell(header_row, len(headers) + 1).value is not None:
        headers.append(ws.cell(header_row, len(headers) + 1).value)
    rows = []
    for r in range(header_row + 1, ws.max_row + 1):
        values = dict(zip(headers, (ws.cell(r, c).value for c in range(1, len(headers) + 1))))
        if values.get("Instansi") is None and values.get("No") is None:
            break
        rows.append(values)
    return rows


def _office(folder, name):
    return openpyxl.load_workbook(folder / FILES[name], data_only=True)


def _year_answers(name, tahun=TAHUN):
    """The raw answers of an office's respondents in `tahun` (all of them when the survey has no dates)."""
    survey = OFFICES[name][3]
    if survey is None:
        return None
    return [[r[c] for c in CODES] for r in survey if r["Tanggal"] is None or r["Tanggal"].year == tahun]


def test_rekap_instansi_repeats_each_office_alone(folder, rolled):
    out, status, _, _ = rolled
    assert status == 1  # two files could not be read
    rows = {r["Instansi"]: r for r in _sheet_rows(openpyxl.load_workbook(out)["Rekap Instansi"])}
    assert set(rows) == set(OFFICES)  # the hidden, lock and byte-identical copies were not counted again
    for name in OFFICES:
        row, book = rows[name], _office(folder, name)
        assert row["Pemerintah Daerah"] == PEMDA
        assert row["Berkas"] == str(folder / FILES[name])
        answers = _year_answers(name)
        if answers is None:
            assert (row["Responden"], row["IKM"], row["Mutu"]) == (None, None, None)
        else:
            ikm, mutu, responden, _ = hasil_skm(book)
            by_year = [label for label in capaian_rows(book, TAHUN) if "Kepuasan" in label]
            if by_year:  # the office's own Capaian Kinerja shows the IKM of the year's respondents
                ikm = capaian_rows(book, TAHUN)[by_year[0]][1]
                mutu = ikm_category(ikm).code
                responden = sum(1 for a in answers if any(v is not None for v in a))
            assert row["IKM"] == pytest.approx(ikm, rel=1e-15)
            assert row["Mutu"] == mutu and row["Responden"] == responden
            assert row["IKM"] == pytest.approx(ikm_score(answers), rel=1e-12)
        akip = akip_values(book).get(TAHUN, (None, None))
        assert (row["Nilai AKIP"], row["Predikat"]) == akip
        capaian = capaian_rows(book, TAHUN)
        assert row["Indikator"] == len(capaian) == len(OFFICES[name][2])
        assert row["Indikator tercapai"] == sum(1 for v in capaian.values() if v[2] is not None and v[2] >= 100)
        assert row["Catatan"] == catatan_count(book)
    # the office without SKM is present and the offices without AKIP carry no Nilai AKIP
    assert rows["Badan Perencanaan Pembangunan Daerah"]["IKM"] is None
    assert rows["Kecamatan Wotu Barat"]["Nilai AKIP"] is None


def test_rekap_instansi_is_ranked_by_ikm_sortable_and_charted(rolled):
    ws = openpyxl.load_workbook(rolled[0])["Rekap Instansi"]
    rows = _sheet_rows(ws)
    ikm = [r["IKM"] for r in rows if r["IKM"] is not None]
    assert ikm == sorted(ikm, reverse=True) and len(ikm) == 3
    assert rows[-1]["IKM"] is None and rows[-1]["Peringkat"] is None  # without a survey: last, unranked
    assert [r["Peringkat"] for r in rows[:3]] == [1, 2, 3]
    (table,) = ws.tables.values()
    assert table.ref == f"A5:L{5 + len(rows)}"
    assert [c.name for c in table.tableColumns] == [ws.cell(5, c).value for c in range(1, 13)]
    assert not ws._charts and ws.print_area == f"'Rekap Instansi'!$A$1:$L${5 + len(rows)}"  # the table alone
    ws = openpyxl.load_workbook(rolled[0])["Grafik Rekap"]  # the charts: a sheet without repeated table header
    assert ws.print_title_rows is None
    charts = ws._charts
    assert len(charts) == 2
    # no chart starts on a page's first row (it would be drawn over the page before and the repeated header)
    breaks = {b.id for b in ws.row_breaks.brk}
    assert all(c.anchor._from.row not in breaks for c in charts)  # 0-based anchor row = the 1-based row above it
    titles = ["".join(run.t for p in c.title.tx.rich.p for run in p.r) for c in charts]
    assert titles == [f"IKM per perangkat daerah, tahun {TAHUN}", f"Nilai AKIP per perangkat daerah, tahun {TAHUN}"]
    # each chart's data: the offices with a value, highest first, with the names and numbers of the table
    for chart, column in zip(charts, ("IKM", "Nilai AKIP")):
        values = [c[0].value for c in ws[chart.series[0].val.numRef.f.split("!")[1].replace("$", "")]]
        names = [c[0].value for c in ws[chart.series[0].cat.numRef.f.split("!")[1].replace("$", "")]]
        shown = sorted(((r["Instansi"], r[column]) for r in rows if r[column] is not None), key=lambda v: -v[1])
        assert list(zip(names, values)) == shown and len(shown) == 3
    assert len(breaks) == 1  # each chart on a page of its own
    table = openpyxl.load_workbook(rolled[0])["Rekap Instansi"]
    setup = table.page_setup
    assert setup.orientation == "landscape" and table.sheet_properties.pageSetUpPr.fitToPage
    assert table.print_title_rows == "$5:$5"


def test_rekap_indikator_repeats_each_office_capaian_kinerja(folder, rolled):
    rows = _sheet_rows(openpyxl.load_workbook(rolled[0])["Rekap Indikator"])
    assert len(rows) == sum(len(spec[2]) for spec in OFFICES.values())
    for name, (_, _, indicators, _, _) in OFFICES.items():
        shown = capaian_rows(_office(folder, name), TAHUN)
        mine = [r for r in rows if r["Instansi"] == name]
        assert [r["Kode"] for r in mine] == [i["Kode Indikator"] for i in indicators]
        for row, spec in zip(mine, indicators):
            assert row["Indikator"] == spec["Indikator"] and row["Satuan"] == spec["Satuan"]
            assert row["Polaritas"] == spec["Polaritas"] and row["Tahun"] == TAHUN
            expected = shown[f"{spec['Indikator']} ({spec['Kode Indikator']})"]
            # openpyxl writes 16 significant digits (Excel keeps 15): equal to the last digit Excel can hold
            numbers = (row["Target"], row["Realisasi"], row["Capaian (%)"])
            assert numbers == pytest.approx(expected[:3], rel=1e-15) and row["Kategori"] == expected[3]
    # a negatif indicator's capaian and a realisasi taken from the AKIP sheet are among them
    waktu = next(r for r in rows if r["Kode"] == "I.3")
    assert waktu["Capaian (%)"] == pytest.approx((2 - 2.5 / 3) * 100)
    # capaian against the end target (the target of the period's last year), as the office's LKjIP Tabel 3.3
    assert waktu["Capaian Target Akhir (%)"] == pytest.approx((2 - 2.5 / 3) * 100)  # 2025 is the last year here
    layanan = next(r for r in rows if r["Kode"] == "IS.2")
    assert layanan["Capaian Target Akhir (%)"] == pytest.approx(88 / 90 * 100)  # 2025 realisasi, 2026 target
    dokumen = next(r for r in rows if r["Kode"] == "P.3")
    assert dokumen["Capaian Target Akhir (%)"] == pytest.approx((2 - 7 / 4) * 100)  # negatif, 2026 target 4
    akip = next(r for r in rows if r["Kode"] == "I.2")
    assert akip["Realisasi"] == pytest.approx(0.30 * 75 + 0.30 * 68 + 0.15 * 74 + 0.25 * 66)


def test_rekap_unsur_pools_the_raw_answers(folder, rolled):
    ws = openpyxl.load_workbook(rolled[0])["Rekap Unsur"]
    rows = _sheet_rows(ws)
    surveyed = [name for name in OFFICES if OFFICES[name][3] is not None]
    assert [r["Instansi"] for r in rows[:-1]] == [r["Instansi"] for r in _sheet_rows(
        openpyxl.load_workbook(rolled[0])["Rekap Instansi"]) if r["IKM"] is not None]
    assert sorted(r["Instansi"] for r in rows[:-1]) == sorted(surveyed)
    for row in rows[:-1]:
        answers = _year_answers(row["Instansi"])
        for j, code in enumerate(CODES):
            given = [a[j] for a in answers if a[j] is not None]
            assert row[code] == pytest.approx(sum(given) / len(given), rel=1e-12)
        if OFFICES[row["Instansi"]][3][0]["Tanggal"] is None or row["Instansi"] == "Kecamatan Wotu Barat":
            _, _, _, nrr = hasil_skm(_office(folder, row["Instansi"]))  # one year in the survey: Hasil SKM's NRR
            assert [row[c] for c in CODES] == pytest.approx([nrr[c] for c in CODES], rel=1e-15)
    pooled = ws.cell(5 + len(rows), 1)
    assert pooled.value.startswith("KABUPATEN")
    # the label wraps in its merged No + Instansi cell: its row is tall enough for it (Excel does not auto-fit)
    label_width = ws.column_dimensions["A"].width + ws.column_dimensions["B"].width
    assert (ws.row_dimensions[pooled.row].height or 15) >= text_height([(pooled.value, label_width)])
    everything = [a for name in surveyed for a in _year_answers(name)]
    pooled_row = rows[-1]
    assert pooled_row["IKM"] == pytest.approx(ikm_score(everything), rel=1e-12)
    assert pooled_row["IKM"] != pytest.approx(sum(r["IKM"] for r in rows[:-1]) / len(rows[:-1]), rel=1e-9)
    assert pooled_row["Responden"] == sum(1 for a in everything if any(v is not None for v in a))
    assert pooled_row["Mutu"] == ikm_category(ikm_score(everything)).code
    # the weakest unsur of every row (and of the kabupaten) is coloured by a conditional format
    (formatting,) = ws.conditional_formatting
    assert str(formatting.sqref) == f"D6:L{5 + len(rows)}"
    (rule,) = formatting.rules
    assert rule.dxf.fill.fgColor.rgb.endswith("F8CBAD")
    assert rule.formula == ["AND(ISNUMBER(D6),D6=MIN($D6:$L6))"]


def test_numbers_carry_the_indonesian_format(rolled):
    book = openpyxl.load_workbook(rolled[0])
    checked = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and cell.number_format != "General":
                    assert cell.number_format.startswith(INDONESIAN), (ws.title, cell.coordinate)
                    checked += 1
    assert checked > 100
    with zipfile.ZipFile(rolled[0]) as package:
        charts = [package.read(n).decode() for n in package.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    for xml in charts:
        assert re.search(r'<valAx>.*<numFmt formatCode="\[\$-421\]0" sourceLinked="0"', xml, re.S)


def test_gagal_lists_each_unreadable_file_in_bahasa_indonesia(folder, rolled):
    rows = _sheet_rows(openpyxl.load_workbook(rolled[0])["Gagal"])
    failed = {r["Berkas"]: r["Alasan"] for r in rows if r["No"] is not None and r["Berkas"]}
    assert set(failed) >= {str(folder / "rusak.xlsx"), str(folder / "bukan_iku.xlsx")}
    assert "rusak atau terpotong" in failed[str(folder / "rusak.xlsx")]
    assert "zip file" not in failed[str(folder / "rusak.xlsx")]  # the library's English stays out
    assert "Sheet 'Instansi' tidak ada" in failed[str(folder / "bukan_iku.xlsx")]
    ws = openpyxl.load_workbook(rolled[0])["Gagal"]
    text = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1)]
    assert f"sama dengan {folder / FILES['Dinas Kependudukan dan Pencatatan Sipil']}" in text


def test_inputs_are_never_changed(rolled):
    _, _, before, after = rolled
    assert before == after


def test_files_found_once_hidden_and_temporary_skipped(folder):
    first = folder / FILES["Dinas Kependudukan dan Pencatatan Sipil"]
    found = find_books([folder, first, folder / "kecamatan"])
    copy = folder / "arsip" / "disdukcapil (salinan).xlsx"
    names = sorted(str(p.relative_to(folder)) for p in found.files)
    assert names == sorted([*FILES.values(), "rusak.xlsx", "bukan_iku.xlsx", str(copy.relative_to(folder))])
    assert found.same == []  # the same spelling of a path twice is no news
    summaries, skipped = summarise_all(found, 1)
    assert skipped == [(str(copy), f"sama dengan {first}")]  # the copy holds the same data: read, not counted
    assert str(copy) not in {s.berkas for s in summaries}


def test_json_is_the_issue_contract(folder, capsys):
    status = main(["rekap", str(folder), "--json", "--jobs", "1"])
    assert status == 1
    printed = capsys.readouterr()
    data = json.loads(printed.out)  # stdout holds the JSON only; failures (and progress) go to stderr
    assert "Gagal:" in printed.err
    assert set(data) == {"tahun", "instansi", "gagal"} and data["tahun"] == TAHUN
    assert {g["berkas"] for g in data["gagal"]} == {str(folder / "rusak.xlsx"), str(folder / "bukan_iku.xlsx")}
    assert all(set(g) == {"berkas", "pesan"} and g["pesan"] for g in data["gagal"])
    by_name = {i["nama"]: i for i in data["instansi"]}
    for name, (_, _, indicators, survey, _) in OFFICES.items():
        item, book = by_name[name], _office(folder, name)
        assert set(item) == {"nama", "berkas", "responden", "ikm", "mutu", "akip", "predikat", "lke", "indikator"}
        assert item["lke"] is None  # no office here self-assessed (tests/test_lke.py has those that did)
        answers = _year_answers(name)
        if survey is None:
            assert item["responden"] is None and item["ikm"] is None and item["mutu"] is None
        else:
            assert item["ikm"] == ikm_score(answers)  # unrounded, the very float of the rules
            assert item["responden"] == len(answers)
        assert (item["akip"], item["predikat"]) == akip_values(book).get(TAHUN, (None, None))
        shown = capaian_rows(book, TAHUN)
        assert [set(i) for i in item["indikator"]] == [{"kode", "target", "realisasi", "capaian",
                                                        "capaian_target_akhir"}] * len(indicators)
        end_year = OFFICES[name][1][-1]  # Periode spans the target years: the last one's target is the end target
        for got, spec in zip(item["indikator"], indicators):
            target, realisasi, capaian, _ = shown[f"{spec['Indikator']} ({spec['Kode Indikator']})"]
            end = spec[f"Target {end_year}"]
            ratio = None if realisasi is None else realisasi / end
            akhir = None if ratio is None else (ratio if spec["Polaritas"] == "positif" else 2 - ratio) * 100
            assert got == {"kode": spec["Kode Indikator"], "target": target, "realisasi": realisasi,
                           "capaian": capaian, "capaian_target_akhir": pytest.approx(akhir)}
    assert by_name["Kecamatan Wotu Barat"]["akip"] is None and by_name["Kecamatan Wotu Barat"]["predikat"] is None


def test_output_inside_the_folder_may_be_an_earlier_rollup_never_an_office(folder, tmp_path, capsys):
    """-o in the folder being rolled up: written, then overwritten on the next run (an earlier roll-up is never
    read); -o naming an office's workbook (another spelling of it too) is refused and the file left as it was."""
    copy = tmp_path / "kabupaten"
    shutil.copytree(folder, copy)
    out = copy / "REKAP.xlsx"
    first = main(["rekap", str(copy), "-o", str(out), "--json"])
    assert out.exists()
    one = json.loads(capsys.readouterr().out)
    assert main(["rekap", str(copy), "-o", str(out), "--json"]) == first
    assert json.loads(capsys.readouterr().out) == one  # the roll-up was not read as an office
    office = copy / next(iter(FILES.values()))
    before = office.read_bytes()
    for name in (office, copy / "." / office.name):
        assert main(["rekap", str(copy), "-o", str(name)]) == 2
        assert "tidak akan ditimpa" in capsys.readouterr().err
    assert office.read_bytes() == before


def test_summarise_all_on_processes_keeps_order_progress_and_runs_meanwhile_once(folder):
    """Every file is read by the workers: the summaries still come in the order of the files, progress counts every
    file once, and the caller's `meanwhile` runs once, while they read (before any result was taken)."""
    found = find_books([folder])
    steps, calls = [], []
    parallel = summarise_all(found, 2, lambda done, total: steps.append((done, total)),
                             meanwhile=lambda: calls.append(len(steps)))
    assert parallel == summarise_all(found, 1)
    summaries, skipped = parallel
    copies = {path for path, _ in skipped}
    assert [s.berkas for s in summaries] == [str(p) for p in found.files if str(p) not in copies] and copies
    assert steps == [(i, len(found.files)) for i in range(1, len(found.files) + 1)]
    assert calls == [0]


def test_tahun_filters_respondents_and_parallel_gives_the_same(folder, capsys):
    assert main(["rekap", str(folder), "--json", "--tahun", "2024", "--jobs", "1"]) == 1
    one = json.loads(capsys.readouterr().out)
    assert main(["rekap", str(folder), "--json", "--tahun", "2024", "--jobs", "2"]) == 1
    assert json.loads(capsys.readouterr().out) == one
    by_name = {i["nama"]: i for i in one["instansi"]}
    dukcapil = by_name["Dinas Kependudukan dan Pencatatan Sipil"]
    answers = _year_answers("Dinas Kependudukan dan Pencatatan Sipil", 2024)
    assert dukcapil["responden"] == len(answers) and dukcapil["ikm"] == ikm_score(answers)
    assert dukcapil["akip"] == pytest.approx(0.30 * 70 + 0.30 * 65 + 0.15 * 72 + 0.25 * 60)
    wotu = by_name["Kecamatan Wotu Barat"]  # all respondents in 2025; no target year 2024
    assert wotu["responden"] == 0 and wotu["ikm"] is None
    assert [i["target"] for i in wotu["indikator"]] == [None, None]
    assert by_name["Kecamatan Tanpa Tanggal"]["responden"] == 200  # no dates: the whole sheet


def test_no_failure_exits_0_and_an_office_workbook_is_never_overwritten(folder, tmp_path):
    good = [str(folder / f) for f in FILES.values()]
    out = tmp_path / "REKAP.xlsx"
    assert main(["rekap", *good, "-o", str(out)]) == 0
    assert main(["rekap", *good, "-o", str(out)]) == 0  # an earlier roll-up may be replaced
    office = tmp_path / "kantor.xlsx"
    shutil.copyfile(folder / FILES["Kecamatan Wotu Barat"], office)
    before = office.read_bytes()
    assert main(["rekap", *good, "-o", str(office)]) == 2
    assert office.read_bytes() == before
    # the roll-up lying in the folder it rolls up is not read as an office
    inside = folder.parent / "lain"
    shutil.copytree(folder / "kecamatan", inside)
    shutil.copyfile(out, inside / "REKAP lama.xlsx")
    assert main(["rekap", str(inside), "-o", str(inside / "REKAP.xlsx")]) == 0


@pytest.mark.libreoffice
def test_pdf_of_the_rollup_prints_its_sheets(rolled, tmp_path):
    pdf = tmp_path / "REKAP.pdf"
    assert main(["pdf", str(rolled[0]), "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for title in (f"REKAPITULASI KINERJA PERANGKAT DAERAH TAHUN {TAHUN}", "REKAPITULASI CAPAIAN INDIKATOR",
                  "REKAPITULASI NILAI UNSUR PELAYANAN", "KABUPATEN (gabungan"):
        assert title in text, title
    assert "Kecamatan Wotu Barat" in text and "#NAME?" not in text
    assert "BERKAS YANG TIDAK DAPAT DIBACA" not in text  # the Gagal sheet only when asked
    with_notes = tmp_path / "REKAP_catatan.pdf"
    assert main(["pdf", str(rolled[0]), "-o", str(with_notes), "--dengan-catatan"]) == 0
    assert "BERKAS YANG TIDAK DAPAT DIBACA" in subprocess.run(["pdftotext", "-layout", str(with_notes), "-"],
                                                              capture_output=True, text=True, check=True).stdout
    ikm = _sheet_rows(openpyxl.load_workbook(rolled[0])["Rekap Instansi"])[0]["IKM"]
    assert text.count(f"{ikm:.2f}".replace(".", ",")) >= 2  # in the table and as its bar's label, Indonesian form
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages"))) >= 4


def test_default_year_without_any_realisasi():
    from xl_iku.errors import InputError
    from xl_iku.rekap import OfficeSummary, SurveyTotals, default_year

    row = {"Tahun": 2026, "Realisasi": None}
    akip_only = OfficeSummary("a.xlsx", indikator=(row,), akip={2024: (70.0, "BB")})
    dated = OfficeSummary("b.xlsx", survey={2025: SurveyTotals(1, (3.0,), (1,))}, codes=("U1",))
    undated = OfficeSummary("c.xlsx", survey={None: SurveyTotals(1, (3.0,), (1,))}, codes=("U1",))
    assert default_year([akip_only, dated, undated]) == 2025  # a target year without realisasi does not count
    assert default_year([akip_only, OfficeSummary("d.xlsx", indikator=({"Tahun": 2023, "Realisasi": 1.0},))]) == 2023
    with pytest.raises(InputError, match="--tahun"):
        default_year([undated, OfficeSummary("e.xlsx", error="rusak")])


def test_offices_with_another_set_of_unsur_are_not_pooled():
    from xl_iku.rekap import OfficeSummary, SurveyTotals, build

    nine = tuple(CODES)

    def office(name, codes, survey):
        return OfficeSummary(f"{name}.xlsx", name, PEMDA, survey=survey, codes=codes, names=codes,
                             indikator=({"Tahun": 2025, "Realisasi": 1.0, "Kode": "K", "Capaian (%)": None},))

    totals = SurveyTotals(2, (6.0,) * 9, (2,) * 9)
    a = office("A", nine, {2025: totals})
    b = office("B", nine, {2024: totals})  # the nine unsur, but nobody surveyed in 2025
    c = office("C", ("U1", "U2", "U3"), {2025: SurveyTotals(1, (4.0, 2.0, 1.0), (1, 1, 1))})
    result = build([a, b, c], 2025)
    assert result.codes == nine and result.names == nine  # the set most offices use
    assert result.pooled.ikm == 75.0 and result.pooled.responden == 2  # A only: C's unsur cannot be pooled with it
    assert result.pooled_note == "1 instansi dengan susunan unsur lain tidak ikut digabung"
    only_c = build([b, c, office("D", nine, None)], 2025)
    assert only_c.pooled is None and "susunan unsur" in only_c.pooled_note
    assert records(only_c.unsur) == [{"Instansi": "C", "Responden": 1, "U1": 4.0, "U2": 2.0, "U3": 1.0,
                                      **{code: None for code in CODES[3:]}, "IKM": (4 + 2 + 1) / 3 * 25,
                                      "Mutu": "D", "Berkas": "C.xlsx"}]


def test_warm_imports_what_reading_a_workbook_needs(root):
    """The workers inherit the imports `_warm` makes before they start: reading a workbook then imports nothing of
    weight (numpy, python-calamine, the readers) in every worker again."""
    code = ("import sys; from pathlib import Path; import xl_iku.rekap as r; r._warm(); before = set(sys.modules); "
            f"r.summarise(Path({str(root / 'templates' / 'IKU_Wotu.xlsx')!r})); "
            "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] in ('numpy', 'python_calamine', "
            "'xl_iku', 'pandas', 'openpyxl')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_office_in_two_workbooks_with_other_data_is_counted_by_neither(folder, tmp_path, capsys):
    """A revised copy beside the old one (other data, so no digest catches it) counted the office twice: two rows of
    the ranking and its respondents twice in the kabupaten's IKM, exit 0. Which file is current cannot be told, so
    both are failed rows naming each other (exit 1), and the other offices roll up as before."""
    kabupaten = tmp_path / "kabupaten"
    shutil.copytree(folder / "kecamatan", kabupaten)
    for name in ("Kecamatan Wotu Barat", "Dinas Kependudukan dan Pencatatan Sipil"):
        shutil.copyfile(folder / FILES[name], kabupaten / FILES[name])
    revised = kabupaten / "wotu_barat (revisi).xlsx"
    book = openpyxl.load_workbook(folder / FILES["Kecamatan Wotu Barat"])
    book["Instansi"]["B2"] = "  kecamatan WOTU barat "  # spelled otherwise: still the same office
    book.save(revised)
    assert main(["rekap", str(kabupaten), "--tahun", str(TAHUN), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    counted = ["Dinas Kependudukan dan Pencatatan Sipil", "Kecamatan Tanpa Tanggal"]
    assert sorted(o["nama"] for o in result["instansi"]) == counted
    failed = {g["berkas"].replace(str(kabupaten), "").lstrip("/\\"): g["pesan"] for g in result["gagal"]}
    assert set(failed) == {"wotu_barat.xlsx", "wotu_barat (revisi).xlsx"}
    assert "juga ada di 'wotu_barat (revisi).xlsx'" in failed["wotu_barat.xlsx"]
    assert "juga ada di 'wotu_barat.xlsx'" in failed["wotu_barat (revisi).xlsx"]
    assert "pindahkan berkas yang lama" in failed["wotu_barat.xlsx"]
    # the kabupaten's pooled respondents are the counted offices' own, once each
    assert main(["rekap", str(kabupaten), "--tahun", str(TAHUN), "-o", str(tmp_path / "REKAP.xlsx")]) == 1
    out = capsys.readouterr().out
    expected = sum(sum(1 for a in _year_answers(n) if any(v is not None for v in a))
                   for n in counted if _year_answers(n) is not None)
    assert f"Gabungan ({expected} responden)" in out


def test_rekap_unsur_of_a_year_without_any_survey_prints_whole(tmp_path):
    """Offices without a survey for the year: the sheet has five columns, and its title was clipped on paper
    ('EKAPITULASI … TAHUN 202'), its note began with '. ' (an empty unsur legend) and 'Tidak dihitung: …' ran out
    of its row. Every row is now as tall as its wrapped text in the width it prints in."""
    from iku_books import office_book

    from xl_iku.layout.base import text_height
    from xl_iku.layout.rekap import UNSUR_SHEET

    folder = tmp_path / "kabupaten"
    folder.mkdir()
    office_book(folder / "dinas.xlsx")  # no Data SKM
    out = tmp_path / "REKAP.xlsx"
    assert main(["rekap", str(folder), "--tahun", "2025", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)[UNSUR_SHEET]
    widths = {c: ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, ws.max_column + 1)}
    title = ws["A1"].value
    assert title.endswith("TAHUN 2025") and ws["A1"].alignment.wrap_text
    assert ws.row_dimensions[1].height >= text_height([(title, sum(widths.values()))], size=12, bold=True)
    assert ws["A3"].value.startswith("Sel berwarna:")
    pooled = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("KABUPATEN (gabungan"))
    note = ws.cell(pooled, 3).value
    assert note.startswith("Tidak dihitung:")
    assert ws.row_dimensions[pooled].height >= text_height([(note, sum(widths[c] for c in range(3, 6)))], bold=True)


def test_gagal_sheet_rows_passed_over_are_as_tall_as_their_wrapped_path(folder, rolled):
    """'Dilewati' rows with a long path printed its second line below the row (seen on paper)."""
    from xl_iku.layout.base import text_height
    from xl_iku.layout.rekap import GAGAL_SHEET

    out, *_ = rolled
    ws = openpyxl.load_workbook(out)[GAGAL_SHEET]
    width = ws.column_dimensions["B"].width
    skipped = [r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 3).value).startswith("sama dengan")]
    assert skipped
    for r in skipped:
        assert ws.row_dimensions[r].height >= text_height([(ws.cell(r, 2).value, width)])
