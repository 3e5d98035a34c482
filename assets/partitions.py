"""Partition definitions shared by the assets and the jobs.

Monthly partition keys are the months people write, '2024-03' (fmt "%Y-%m"), from a configured
first month to the current month, in Asia/Jakarta. The current month is included (end_offset=1):
the nightly run keeps it provisional. The first month is deployment configuration read when the
code location loads (a partition set must be known then): KINERJA_FIRST_MONTH, default
``DEFAULT_FIRST_MONTH``. Set it to the first month the region's exports cover, so the UI's month
picker holds only months that can be computed.

Semester partitions keep their own, earlier start: performance history under PP 46/2011 and
PermenPAN-RB 8/2021 (2020-2021) is scored from e-Kinerja exports alone, without monthly inputs.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import dagster as dg

from resources.settings import SettingError
from vocabulary.units import months_from, semester_key

__all__ = [  # months_from and semester_key too: the CLI names months but holds no rules
    "DEFAULT_FIRST_MONTH",
    "FIRST_DAY",
    "FIRST_MONTH",
    "FIRST_MONTH_ENV",
    "PARTITION_TIMEZONE",
    "first_month",
    "month_of",
    "monthly",
    "months_from",
    "partition_of",
    "semester",
    "semester_key",
    "semester_of",
]

# The earliest date a punch may carry (older dates are a machine clock reset) and the first
# semester scored: not the first month partition.
FIRST_DAY = dt.date(2020, 1, 1)
PARTITION_TIMEZONE = "Asia/Jakarta"
MONTH_FORMAT = "%Y-%m"
FIRST_MONTH_ENV = "KINERJA_FIRST_MONTH"
DEFAULT_FIRST_MONTH = "2024-01"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def first_month(env: dict[str, str] | None = None) -> str:
    """The first monthly partition: KINERJA_FIRST_MONTH ('YYYY-MM'), else 2024-01.

    Raises:
        SettingError: the setting is not a month from 2020-01 on (a ValueError; the CLI
            prints it as one line, pipelines/__main__.py).
    """
    value = ((os.environ if env is None else env).get(FIRST_MONTH_ENV) or "").strip()
    value = value or DEFAULT_FIRST_MONTH
    if not _MONTH.fullmatch(value) or value < FIRST_DAY.strftime(MONTH_FORMAT):
        raise SettingError(
            f"{FIRST_MONTH_ENV}={value!r}: expected the first month to compute as YYYY-MM, "
            f"not before {FIRST_DAY:%Y-%m} (for example {DEFAULT_FIRST_MONTH}); correct it or "
            "leave it unset"
        )
    return value


FIRST_MONTH = first_month()

monthly = dg.MonthlyPartitionsDefinition(
    start_date=FIRST_MONTH, fmt=MONTH_FORMAT, timezone=PARTITION_TIMEZONE, end_offset=1
)


def month_of(partition_key: str) -> str:
    """The month a monthly partition key names: '2024-03' -> '2024-03' (the key is the month)."""
    return partition_of(partition_key)


def partition_of(month: str) -> str:
    """'2024-03' -> the monthly partition key '2024-03' (a date such as '2024-03-01' also names
    its month).

    Raises:
        ValueError: not a month.
    """
    key = month[:7]
    if not _MONTH.fullmatch(key):
        raise ValueError(f"{month!r} is not a month (YYYY-MM)")
    return key


# Semester partitions for performance scores (tech-notes §13): keys are the first month of each
# half ('2021-01', '2021-07'), shown to people as '2021-S1' / '2021-S2'
# (rules.performance.periods.semester_label). The current semester is included (provisional).
semester = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1,7 *",
    start=FIRST_DAY.strftime(MONTH_FORMAT),
    fmt=MONTH_FORMAT,
    timezone=PARTITION_TIMEZONE,
    end_offset=1,
)


def semester_of(month: str) -> str:
    """The semester label of a 'YYYY-MM' month: '2024-03' -> '2024-S1'."""
    return f"{month[:4]}-S{1 if int(month[5:7]) <= 6 else 2}"
