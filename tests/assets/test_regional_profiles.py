"""Regional profiles on the same March 2024 punches: where and why they differ from nasional.

Values computed by hand from the profiles (rules/profiles/*.yaml) and the planted punches
(tests/fixtures/march2024/README.md). Each profile's month runs once for the module; the tests
only read what it published.
"""

import shutil
from decimal import Decimal

import dagster as dg
import pandas as pd
import pytest

from tests.conftest import E1, E2, E3, MARCH_2024, Pipeline

MONTH = "2024-03"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Per profile: the month's daily rows and deductions, from one run each."""
    out = {}
    with dg.DagsterInstance.ephemeral() as instance:
        for profile in ("tulang_bawang", "pakpak_bharat"):
            root = tmp_path_factory.mktemp(profile)
            shutil.copytree(MARCH_2024, root / "inbox")
            state = root / "state"
            p = Pipeline(root / "inbox", state, f"duckdb:///{state}/wh.duckdb", instance, profile)
            assert p.run(MONTH).success
            daily = p.table("fact_attendance_daily", ["nip", "work_date"])
            deductions = p.table("fact_discipline_monthly").set_index("nip").deduction_pct
            out[profile] = (daily, deductions)
    return out


def run(published, profile: str) -> pd.DataFrame:
    return published[profile][0]


def day(daily: pd.DataFrame, nip: str, d: int) -> pd.Series:
    rows = daily[(daily.nip == nip) & (pd.to_datetime(daily.work_date).dt.day == d)]
    assert len(rows) == 1
    return rows.iloc[0]


def monthly(published, profile: str) -> pd.Series:
    return published[profile][1]


@pytest.mark.parametrize(
    ("d", "codes", "pct"),
    [
        pytest.param(1, ("TL1", "PSW1"), "1", id="late 1 min must stay 1 min longer"),
        pytest.param(5, ("TL1", "PSW3"), "1.75", id="late 30 shifts the end to 16:30"),
        pytest.param(6, ("TL2", "PSW1"), "1.5", id="make-up is capped at 30 minutes"),
        pytest.param(8, ("TL4", "PSW4"), "3", id="unchanged when already at the top band"),
        pytest.param(14, (None, None), "1.5", id="TK costs 1.5 instead of 5"),
    ],
)
def test_tulang_bawang_late_makeup_and_tk(published, d, codes, pct):
    daily = run(published, "tulang_bawang")
    row = day(daily, E1, d)
    got = (
        None if pd.isna(row.late_code) else row.late_code,
        None if pd.isna(row.early_code) else row.early_code,
    )
    assert got == codes
    assert row.deduction_pct == Decimal(pct)
    assert row.profile == "tulang_bawang"


def test_tulang_bawang_month_totals(published):
    totals = monthly(published, "tulang_bawang")
    assert totals[E1] == Decimal("13.5")  # nasional 15.75
    assert totals[E2] == Decimal("3")  # two TK days at 1.5 (nasional 10)


def test_pakpak_bharat_narrow_windows_and_ramadan_hours(published):
    daily = run(published, "pakpak_bharat")
    # 04:00 and 23:59:59 fall outside 06:00-11:00 / 15:00-23:00: no valid punch at all
    assert day(daily, E3, 18).absence_code == "TK"
    assert day(daily, E3, 18).deduction_pct == Decimal("4")
    assert day(daily, E3, 19).absence_code == "TK"  # 11:59:59 and 12:00 are outside too
    # Ramadan ends at 15:30 here: leaving at 15:00 is 30 minutes early
    r21 = day(daily, E3, 21)
    assert (r21.late_code, r21.early_code, r21.deduction_pct) == ("TL2", "PSW1", Decimal("1.5"))
    r22 = day(daily, E3, 22)  # Friday Ramadan ends 16:00
    assert (r22.early_minutes, r22.early_code, r22.deduction_pct) == (60, "PSW2", Decimal("1"))
    # a normal Ramadan day (in 07:50, out 15:10) costs 0.5 here and nothing under nasional
    r13 = day(daily, E3, 13)
    assert (r13.early_minutes, r13.early_code, r13.deduction_pct) == (20, "PSW1", Decimal("0.5"))
    totals = monthly(published, "pakpak_bharat")
    assert totals[E3] == Decimal("22")  # 4 TK x 4 + 1.5 + 1 + 7 Ramadan days x 0.5
    assert totals[E2] == Decimal("12")  # sick 3 days free, 2 TK x 4, 8 Ramadan days x 0.5
