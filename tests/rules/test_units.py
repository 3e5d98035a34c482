"""The vocabulary's units: one home for percentages, exact decimal text and period labels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from rules.discipline import cap_deduction
from rules.profile import AbsenceRules
from vocabulary.units import (
    month_bounds,
    months_from,
    months_of,
    pct_units,
    period_bounds,
    periods_of_semester,
    semester_key,
    semester_label,
)


def test_pct_units_is_exact_and_refuses_a_fifth_decimal():
    assert pct_units(Decimal("1.25")) == 12_500
    assert pct_units(Decimal("0.0001")) == 1
    with pytest.raises(ValueError, match="more than 4 decimals"):
        pct_units(Decimal("0.00001"))


@pytest.mark.parametrize(
    ("first", "count", "expected"),
    [
        pytest.param("2024-11", 3, ["2024-11", "2024-12", "2025-01"], id="across a year end"),
        pytest.param("2024-03-01", 1, ["2024-03"], id="a partition key"),
        pytest.param("2024-03", 0, [], id="none"),
    ],
)
def test_months_from(first, count, expected):
    assert months_from(first, count) == expected


def test_months_and_bounds_of_periods():
    assert month_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("2021-S2") == (dt.date(2021, 7, 1), dt.date(2021, 12, 31))
    assert months_of("2021-Q4") == ["2021-10", "2021-11", "2021-12"]
    assert len(months_of("2024")) == 12
    with pytest.raises(ValueError, match="is not a period"):
        period_bounds("2021-S3")


def test_semester_labels_and_the_periods_a_semester_publishes():
    assert semester_label("2021-07-01") == "2021-S2" and semester_key("2021-S1") == "2021-01"
    assert periods_of_semester("2021-S1") == ["2021-S1"]
    assert periods_of_semester("2021-S2") == ["2021-S2", "2021"]
    assert periods_of_semester("2021-S2", quarters=True) == [
        "2021-S2",
        "2021-Q3",
        "2021-Q4",
        "2021",
    ]
    assert periods_of_semester("2022-S1", quarters=True) == ["2022-S1", "2022-Q1", "2022-Q2"]


def _absence(cap: str, forfeit: int | None) -> AbsenceRules:
    return AbsenceRules(
        source="test [I]",
        tk_pct=Decimal(5),
        tk_forfeit_days=forfeit,
        monthly_cap_pct=Decimal(cap),
        leave={
            t: {"pct": 0}
            for t in AbsenceRules.model_fields["leave"].annotation.__args__[0].__args__
        },
    )


def test_cap_deduction_caps_the_month_and_forfeits_from_the_nth_tk_day():
    units = np.array([500_000, 1_200_000, 100_000, 100_000])
    tk = np.array([0, 0, 4, 5])
    assert cap_deduction(units, tk, _absence("100", None)).tolist() == [
        500_000, 1_000_000, 100_000, 100_000]  # fmt: skip
    assert cap_deduction(units, tk, _absence("100", 5)).tolist() == [
        500_000, 1_000_000, 100_000, 1_000_000]  # fmt: skip
    # a sum of daily percentages over 20 paid days: the cap scales with the days
    summed = cap_deduction(np.array([25_000_000]), np.array([0]), _absence("80", None), 20)
    assert summed.tolist() == [16_000_000]
