"""The work calendar: which days are working days, their hours and scan windows.

Working days are the profile's weekdays minus national public holidays and cuti bersama (the
``holidays`` package, country ID, categories ``public`` and ``government``), plus the profile's own
additions and removals. Ramadan periods, listed in the profile per year, switch the hours.
"""

from __future__ import annotations

import datetime as dt

import holidays
import pandas as pd

from rules.profile import Profile
from vocabulary import columns as c
from vocabulary.units import WEEKDAYS

DAY = "day"
IS_WORKDAY = "is_workday"
HOLIDAY_NAME = "holiday_name"
VERSION = "version"
SCHED_START_S = "sched_start_s"
SCHED_END_S = "sched_end_s"
CI_START_S = "ci_start_s"
CI_END_S = "ci_end_s"
CO_START_S = "co_start_s"
CO_END_S = "co_end_s"


def as_day(values: pd.Series | pd.DatetimeIndex) -> pd.Series:
    """Naive midnight timestamps at second resolution, the one representation of a date here."""
    s = pd.Series(values) if not isinstance(values, pd.Series) else values
    return pd.to_datetime(s).dt.normalize().astype("datetime64[s]")


def _holiday_table(profile: Profile, version: int, years: range) -> dict[dt.date, str]:
    cal = profile.versions[version].calendar
    found = dict(
        holidays.country_holidays(
            cal.holiday_country, years=list(years), categories=tuple(cal.holiday_categories)
        )
    )
    found.update({extra.date: extra.name for extra in cal.extra_holidays})
    for removed in cal.removed_holidays:
        found.pop(removed, None)
    return found


def work_calendar(profile: Profile, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per calendar day in [start, end] with its working-day status and hours.

    Args:
        profile: the rulebook profile (each day uses the version in force that day).
        start: first day, inclusive.
        end: last day, inclusive.

    Returns:
        Columns ``day`` (datetime64[s]), ``is_workday``, ``holiday_name``, ``ramadan``,
        ``version`` (index into ``profile.versions``), and seconds since local midnight for the
        schedule (``sched_start_s``, ``sched_end_s``) and the scan windows (``ci_*``, ``co_*``).
        Hours are filled on working days only.
    """
    years = range(start.year, end.year + 1)
    tables: dict[int, dict[dt.date, str]] = {}
    rows = []
    day = start
    while day <= end:
        index = profile.version_index(day)
        version = profile.versions[index]
        if index not in tables:
            tables[index] = _holiday_table(profile, index, years)
        weekday = WEEKDAYS[day.weekday()]
        in_ramadan = any(p.start <= day <= p.end for p in version.calendar.ramadan)
        holiday = tables[index].get(day)
        is_workday = weekday in version.calendar.workdays and holiday is None
        spans = version.schedule.ramadan if in_ramadan else version.schedule.regular
        span = spans.get(weekday) if is_workday else None
        win = version.scan_windows
        rows.append(
            (
                day,
                is_workday,
                holiday,
                in_ramadan,
                index,
                span.start_s if span else None,
                span.end_s if span else None,
                win.check_in.start_s,
                win.check_in.end_s,
                win.check_out.start_s,
                win.check_out.end_s,
            )
        )
        day += dt.timedelta(days=1)
    frame = pd.DataFrame(
        rows,
        columns=[
            DAY,
            IS_WORKDAY,
            HOLIDAY_NAME,
            c.RAMADAN,
            VERSION,
            SCHED_START_S,
            SCHED_END_S,
            CI_START_S,
            CI_END_S,
            CO_START_S,
            CO_END_S,
        ],
    )
    frame[DAY] = as_day(frame[DAY])
    for col in (SCHED_START_S, SCHED_END_S):
        frame[col] = frame[col].astype("Int64")
    frame[HOLIDAY_NAME] = frame[HOLIDAY_NAME].astype("string")
    return frame
