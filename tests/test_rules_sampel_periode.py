import datetime as dt

import pytest

from xl_iku import InputError
from xl_iku.rules.periode import period_of
from xl_iku.rules.sampel import excel_formula, krejcie_morgan


@pytest.mark.parametrize("population, sample", [  # Krejcie & Morgan (1970), table values
    (10, 10), (50, 44), (100, 80), (500, 217), (1000, 278), (1500, 306), (10000, 370), (1000000, 384),
])
def test_krejcie_morgan_table(population, sample):
    assert krejcie_morgan(population) == sample


@pytest.mark.parametrize("bad", [0, -5, 10.5, "banyak", None])
def test_population_must_be_a_count(bad):
    with pytest.raises(InputError, match="Populasi"):
        krejcie_morgan(bad)


def test_excel_formula_is_the_same_rule():
    formula = excel_formula("D21")
    assert formula.startswith("=ROUND(") and "D21" in formula
    for population in (50, 100, 500, 1500, 10000):
        from xl_iku import round_half_up

        value = eval(formula[1:].replace("ROUND(", "_round(").replace("^", "**").replace("D21", str(population)),
                     {"_round": round_half_up})
        assert value == krejcie_morgan(population)


@pytest.mark.parametrize("date, granularity, label", [
    (dt.date(2025, 6, 30), "semester", "2025 Semester I"), (dt.date(2025, 7, 1), "semester", "2025 Semester II"),
    (dt.date(2025, 3, 31), "triwulan", "2025 Triwulan I"), (dt.date(2025, 10, 1), "triwulan", "2025 Triwulan IV"),
    (dt.date(2024, 12, 31), "tahun", "2024"),
])
def test_periods(date, granularity, label):
    assert period_of(date, granularity)[1] == label


def test_unknown_period_kind():
    with pytest.raises(InputError, match="bulan"):
        period_of(dt.date(2025, 1, 1), "bulan")
