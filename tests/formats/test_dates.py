"""Date and date-time text as exports write it: one format per file, month names, and a
date-time at midnight accepted where a date is expected."""

import pandas as pd
import pytest

from formats.dates import parse_datetimes


def parsed(values: list[str | None], **kw) -> list[str | None]:
    got, _ = parse_datetimes(pd.Series(values, dtype="string"), **kw)
    return [None if pd.isna(v) else str(v) for v in got]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(
            ["2024-03-01 00:00:00", "2024-03-02 00:00"],
            ["2024-03-01 00:00:00", "2024-03-02 00:00:00"],
            id="MySQL DATETIME dump",
        ),
        pytest.param(
            ["2024-03-05T00:00:00.000", "2024-03-06T00:00:00Z"],
            ["2024-03-05 00:00:00", "2024-03-06 00:00:00"],
            id="ISO with T, fraction and Z",
        ),
        pytest.param(
            ["3/1/2024 12:00:00 AM", "3/2/2024 12:00 AM"],
            ["2024-03-01 00:00:00", "2024-03-02 00:00:00"],
            id="Access or SQL Server US midnight is month-first",
        ),
        pytest.param(
            ["01/03/2024 00:00:00", "15/03/2024 00:00:00"],
            ["2024-03-01 00:00:00", "2024-03-15 00:00:00"],
            id="day-first with midnight",
        ),
        pytest.param(
            ["2024-03-01 08:00:00", "2024-03-01 00:00:01", "2024-03-02"],
            [None, None, "2024-03-02 00:00:00"],
            id="any other time of day is not a date",
        ),
    ],
)
def test_a_datetime_at_midnight_is_a_date(values, expected):
    assert parsed(values, dates_only=True) == expected


def test_without_dates_only_the_time_of_day_is_kept():
    assert parsed(["2024-03-01 08:00:00"]) == ["2024-03-01 08:00:00"]


def test_month_names_with_two_digit_years_are_day_first_even_with_am_pm():
    # 05-Aug-26 is the 5th of August whatever the AM/PM: a written month is never month-first
    assert parsed(["05-Aug-26 1:23:41 PM", "07-Jul-26 9:02:00 AM"]) == [
        "2026-08-05 13:23:41",
        "2026-07-07 09:02:00",
    ]
    assert parsed(["12 Maret 2024 07:31"]) == ["2024-03-12 07:31:00"]
