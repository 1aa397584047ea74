"""Respondent profiles as offices write them (`L`, `Pria`, `SLTA`, `S-1`, `25 tahun`) are counted under the
questionnaire's choice they mean: "IKM per Jenis Kelamin" had a row per spelling, its `Laki-laki` row a fraction of
the men, exit 0. Anything that means no choice keeps a row of its own, as written (nothing guessed)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skm_books import ikm_by_hand

from xl_iku import UNSUR_14_2017
from xl_iku.model.skm_report import TIDAK_DIISI, skm_report
from xl_iku.readers.skm import survey_from_rows
from xl_iku.rules.profil import PROFILE_CHOICES, age_band, profile_choice

CODES = [c for c, _ in UNSUR_14_2017]

#: How offices write each choice (from forms, exports and typed sheets), written here independently of the rule's
#: own table: case, spacing and the older school names.
WRITTEN = {
    "Jenis Kelamin": {"Laki-laki": ["Laki-laki", "L", "l", "Pria", "LAKI-LAKI", "laki laki", "Laki - laki", "Lk"],
                      "Perempuan": ["Perempuan", "P", "Wanita", "perempuan ", "PEREMPUAN", "Pr"]},
    "Pendidikan": {"SD": ["SD", "SD/Sederajat", "sd", "SD / MI"], "SMP": ["SMP", "SLTP", "MTs", "SMP Sederajat"],
                   "SMA": ["SMA", "SLTA", "SMK", "SMA/SMK", "SMU", "SLTA/Sederajat"],
                   "D1-D3": ["D3", "D-III", "D1-D3", "Diploma", "D III"],
                   "D4/S1": ["S1", "S-1", "D4", "Sarjana", "D-IV", "D4/S1", "s1."],
                   "S2": ["S2", "S-2", "Magister"], "S3": ["S3", "Doktor"]},
    "Pekerjaan": {"PNS": ["PNS", "ASN", "Pegawai Negeri Sipil"], "TNI/Polri": ["TNI", "Polri", "TNI / POLRI"],
                  "Swasta": ["Swasta", "Pegawai Swasta", "karyawan swasta"], "Wiraswasta": ["Wiraswasta", "Wirausaha"],
                  "Petani/Nelayan": ["Petani", "Nelayan", "Petani/Nelayan"],
                  "Pelajar/Mahasiswa": ["Pelajar", "Mahasiswa", "Pelajar/Mahasiswa"],
                  "Lainnya": ["Lainnya", "Lain-lain", "lain lain"]},
}
#: Written answers that mean none of the choices: each its own row, as written
OTHER = {"Jenis Kelamin": ["Tidak menjawab"], "Pendidikan": ["Tidak sekolah", "S2 ke atas"],
         "Pekerjaan": ["Ibu Rumah Tangga", "Honorer"]}


#: A form's age choices for each band, as forms write them
FORM_BANDS = {"< 20 tahun": ["< 20 tahun", "<20", "Kurang dari 20 tahun", "Di bawah 20 tahun"],
              "20–29 tahun": ["20 - 29 tahun", "20-29", "20–29 Tahun", "20 s/d 29 tahun"],
              "30–39 tahun": ["30 - 39 tahun", "30-39 thn"], "40–49 tahun": ["40 - 49 tahun", "40 sampai 49"],
              "50–59 tahun": ["50 - 59 tahun", "50-59"],
              "≥ 60 tahun": ["≥ 60 tahun", ">= 60", "60 tahun ke atas", "60+"]}


def band(age):
    if age < 20:
        return "< 20 tahun"
    if age >= 60:
        return "≥ 60 tahun"
    return f"{age // 10 * 10}–{age // 10 * 10 + 9} tahun"


@st.composite
def respondent(draw):
    row, expected = {}, {}
    for name, choices in WRITTEN.items():
        kind = draw(st.sampled_from(["choice"] * 6 + ["other", "blank"]))
        if kind == "choice":
            expected[name] = draw(st.sampled_from(sorted(choices)))
            row[name] = draw(st.sampled_from(choices[expected[name]]))
        elif kind == "other":
            row[name] = expected[name] = draw(st.sampled_from(OTHER[name]))
        else:
            row[name], expected[name] = None, TIDAK_DIISI
    age = draw(st.integers(10, 95))
    row["Usia"] = draw(st.sampled_from([age, float(age), f"{age} tahun", f"{age} thn", str(age),
                                        *FORM_BANDS[band(age)]]))  # or the form's own choice of band
    expected["Usia"] = band(age)
    for code in CODES:
        row[code] = draw(st.integers(1, 4))
    return row, expected


@settings(max_examples=40, deadline=None)
@given(st.lists(respondent(), min_size=1, max_size=60))
def test_each_profile_row_counts_exactly_the_respondents_of_its_choice(people):
    headers = list(WRITTEN) + ["Usia"] + CODES
    rows = [headers] + [[row[h] for h in headers] for row, _ in people]
    report = skm_report(survey_from_rows("Data SKM", rows))
    for name in [*WRITTEN, "Usia"]:
        got = {g.label: g for g in report.groups[name]}
        want: dict[str, list] = {}
        for row, expected in people:
            want.setdefault(expected[name], []).append(row)
        assert set(got) == set(want), name
        for label, members in want.items():
            assert got[label].responden == len(members)
            assert got[label].ikm == pytest.approx(ikm_by_hand(members)[0], rel=1e-12)
        # the report lists the choices first, in the questionnaire's order
        order = [g.label for g in report.groups[name]]
        known = [c for c in PROFILE_CHOICES.get(name, ()) if c in got]
        assert order[:len(known)] == known


def test_each_row_says_what_other_spellings_it_counts():
    headers = ["Jenis Kelamin"] + CODES
    rows = [headers] + [[sex] + [3] * 9 for sex in ("L", "Pria", "Laki-laki", "Wanita", "X")]
    groups = {g.label: g for g in skm_report(survey_from_rows("S", rows)).groups["Jenis Kelamin"]}
    assert groups["Laki-laki"].ditulis == ("L", "Pria") and groups["Laki-laki"].responden == 3
    assert groups["Perempuan"].ditulis == ("Wanita",)
    assert groups["X"].ditulis == ()


@pytest.mark.parametrize("value, band_", [
    # a form's choice is its band only when it is exactly the report's band
    ("20 - 29 tahun", "20–29 tahun"), ("50 s/d 59 tahun", "50–59 tahun"), ("< 20", "< 20 tahun"),
    ("60 tahun ke atas", "≥ 60 tahun"), ("> 60", None), ("20 - 30", None), ("17-25", None), ("< 25", None),
    (19, "< 20 tahun"), (19.5, "< 20 tahun"), (20, "20–29 tahun"),
                                          ("59 tahun", "50–59 tahun"), ("60", "≥ 60 tahun"), (129, "≥ 60 tahun"),
                                          (130, None), (1985, None), (-1, None), ("abc", None), (True, None),
                                          (float("nan"), None), ("3171234567890001", None)])
def test_an_age_is_a_band_only_when_it_is_an_age(value, band_):
    assert age_band(value) == band_


@pytest.mark.parametrize("name, value", [("Jenis Kelamin", "M"), ("Pendidikan", "S2 ke atas"),
                                         ("Pekerjaan", "Honorer"), ("Jenis Layanan", "KTP")])
def test_what_means_no_choice_is_not_guessed(name, value):
    assert profile_choice(name, value) is None


def test_hasil_skm_says_beside_the_row_what_it_counted():
    """For staff, past the print area: the other spellings a row counts (paper shows the choices only)."""
    from xl_iku.layout.hasil_skm import ASIDE_COL, hasil_skm

    headers = ["Jenis Kelamin"] + CODES
    rows = [headers] + [[sex] + [3] * 9 for sex in ("L", "Pria", "Laki-laki", "Perempuan")]
    sheet = hasil_skm(skm_report(survey_from_rows("Data SKM", rows)), "Kantor", None)
    row = next(r for (r, c), cell in sheet.cells.items() if c == 2 and cell.value == "Laki-laki")
    assert sheet.cells[(row, ASIDE_COL)].value == "Termasuk yang ditulis 'L', 'Pria'"
    assert sheet.cells[(row, 4)].value == 3
    perempuan = next(r for (r, c), cell in sheet.cells.items() if c == 2 and cell.value == "Perempuan")
    assert (perempuan, ASIDE_COL) not in sheet.cells
