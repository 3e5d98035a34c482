"""Partition definitions shared by the assets and the jobs.

Monthly partitions run from January 2020 (the earliest period the performance regimes cover) to
the current month, in Asia/Jakarta; keys look like '2024-03-01' and are shown to people as
'2024-03'. The current month is included (end_offset=1): the nightly run keeps it provisional.
"""

from __future__ import annotations

import datetime as dt

import dagster as dg

from rules.units import months_from, semester_key

__all__ = [  # months_from and semester_key too: the CLI names months but holds no rules
    "FIRST_DAY",
    "PARTITION_TIMEZONE",
    "month_of",
    "monthly",
    "months_from",
    "partition_of",
    "semester",
    "semester_key",
    "semester_of",
]

FIRST_DAY = dt.date(2020, 1, 1)
PARTITION_TIMEZONE = "Asia/Jakarta"

monthly = dg.MonthlyPartitionsDefinition(
    start_date=FIRST_DAY.isoformat(), timezone=PARTITION_TIMEZONE, end_offset=1
)


def month_of(partition_key: str) -> str:
    """'2024-03-01' -> '2024-03'."""
    return partition_key[:7]


def partition_of(month: str) -> str:
    """'2024-03' -> '2024-03-01' (also accepts a partition key)."""
    dt.date.fromisoformat(f"{month[:7]}-01")
    return f"{month[:7]}-01"


# Semester partitions for performance scores (tech-notes §13): keys are the first month of each
# half ('2021-01', '2021-07'), shown to people as '2021-S1' / '2021-S2'
# (rules.performance.periods.semester_label). The current semester is included (provisional).
semester = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1,7 *",
    start=FIRST_DAY.strftime("%Y-%m"),
    fmt="%Y-%m",
    timezone=PARTITION_TIMEZONE,
    end_offset=1,
)


def semester_of(month: str) -> str:
    """The semester label of a 'YYYY-MM' month: '2024-03' -> '2024-S1'."""
    return f"{month[:4]}-S{1 if int(month[5:7]) <= 6 else 2}"
