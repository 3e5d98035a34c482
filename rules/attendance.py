"""Daily attendance: one row per employee per scheduled working day.

For each working day of an active employee:

- check-in is the earliest punch inside the profile's check-in window, check-out the latest
  inside the check-out window (the device's in/out flag is never used);
- late minutes are whole minutes after the scheduled start (07:31:00 is 1 minute late, 07:30:59
  is not); early minutes are whole minutes before the scheduled end; where the profile allows
  making up lateness, the end moves later by the late minutes up to that allowance;
- each is banded (TL1-TL4, PSW1-PSW4); a missing check-in or check-out takes the profile's code;
- a day with approved leave or dinas luar carries the leave type and that leave's deduction;
- a day with neither a punch nor approved leave is TK and carries no TL/PSW, unless none of the
  employee's machines holds data for it (``rules.coverage``) or no machine knows the employee
  that day (``rules.enrolment``): then it is ``no_data``, neither TK nor TL/PSW, and costs
  nothing until HR decides it;
- on a day the employee's machines cover only partly (their data stops at ``cover_seconds``
  into the day: a file cut off mid-day), what the data cannot show is not charged: without a
  punch the day is TK only if the data reaches past the check-in window, else ``no_data``; the
  check-in is judged when there is one (the earliest punch stays the earliest whatever came
  after the cut) or the data reaches past the check-in window; the check-out (PSW) is judged
  only if the data reaches past the check-out window;
- an employee in a position the profile exempts from fingerprint (``fingerprint_exempt``) is
  counted present on every working day without leave: no code, no minutes, 0 %.

Percentages are exact integers in 1/PCT_SCALE of a percent.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules import calendar as cal
from rules.profile import Profile, RuleVersion
from vocabulary import columns as c
from vocabulary.units import pct_units

DAY_COLUMNS = [
    c.NIP,
    c.WORK_DATE,
    c.TIMEZONE,
    c.RAMADAN,
    c.SCHEDULE_START,
    c.SCHEDULE_END,
    c.FIRST_IN,
    c.LAST_OUT,
    c.LATE_MINUTES,
    c.EARLY_MINUTES,
    c.LATE_CODE,
    c.EARLY_CODE,
    c.ABSENCE_CODE,
    "deduction_units",
    c.PROFILE,
    c.COVER_SECONDS,
]


def workday_grid(
    employees: pd.DataFrame, calendar: pd.DataFrame, as_of: dt.date | None
) -> pd.DataFrame:
    """Every (employee, working day) pair for employees active that day, before ``as_of``."""
    days = calendar[calendar[cal.IS_WORKDAY]]
    if as_of is not None:
        days = days[days[cal.DAY] < pd.Timestamp(as_of)]
    emp = employees[[c.NIP, c.ACTIVE_FROM, c.ACTIVE_TO]].reset_index(drop=True)
    n_emp, n_day = len(emp), len(days)
    grid = pd.DataFrame(
        {
            c.NIP: np.repeat(emp[c.NIP].to_numpy(), n_day),
            c.WORK_DATE: np.tile(days[cal.DAY].to_numpy(), n_emp),
        }
    )
    grid[c.NIP] = grid[c.NIP].astype("string")
    start = np.repeat(emp[c.ACTIVE_FROM].to_numpy(), n_day)
    end = np.repeat(emp[c.ACTIVE_TO].to_numpy(), n_day)
    wd = grid[c.WORK_DATE].to_numpy()
    active = (pd.isna(start) | (wd >= start)) & (pd.isna(end) | (wd <= end))
    grid = grid[active].reset_index(drop=True)
    return grid.merge(days, left_on=c.WORK_DATE, right_on=cal.DAY, how="left").drop(
        columns=[cal.DAY]
    )


def first_and_last(punches: pd.DataFrame, calendar: pd.DataFrame) -> pd.DataFrame:
    """Per (nip, local date): the check-in (earliest punch in the check-in window) and the
    check-out (latest punch in the check-out window), with their local seconds and zone."""
    windows = calendar[[cal.DAY, cal.CI_START_S, cal.CI_END_S, cal.CO_START_S, cal.CO_END_S]]
    p = punches[[c.NIP, c.LOCAL_DATE, c.LOCAL_SECONDS, c.INSTANT, c.TIMEZONE]].merge(
        windows, left_on=c.LOCAL_DATE, right_on=cal.DAY, how="inner"
    )
    p = p.sort_values([c.NIP, c.LOCAL_DATE, c.INSTANT], kind="stable")
    s = p[c.LOCAL_SECONDS]
    ins = p[(s >= p[cal.CI_START_S]) & (s < p[cal.CI_END_S])].drop_duplicates(
        [c.NIP, c.LOCAL_DATE], keep="first"
    )
    outs = p[(s >= p[cal.CO_START_S]) & (s < p[cal.CO_END_S])].drop_duplicates(
        [c.NIP, c.LOCAL_DATE], keep="last"
    )
    ins = ins[[c.NIP, c.LOCAL_DATE, c.INSTANT, c.LOCAL_SECONDS, c.TIMEZONE]].rename(
        columns={c.INSTANT: c.FIRST_IN, c.LOCAL_SECONDS: "in_s", c.TIMEZONE: "in_zone"}
    )
    outs = outs[[c.NIP, c.LOCAL_DATE, c.INSTANT, c.LOCAL_SECONDS, c.TIMEZONE]].rename(
        columns={c.INSTANT: c.LAST_OUT, c.LOCAL_SECONDS: "out_s", c.TIMEZONE: "out_zone"}
    )
    both = ins.merge(outs, on=[c.NIP, c.LOCAL_DATE], how="outer")
    return both.rename(columns={c.LOCAL_DATE: c.WORK_DATE})


def expand_leave(leave: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Approved leave as one row per (nip, day) inside [first, last]."""
    ok = leave[leave[c.STATUS] == "approved"]
    start = ok[c.DATE_FROM].clip(lower=pd.Timestamp(first))
    end = ok[c.DATE_TO].clip(upper=pd.Timestamp(last))
    keep = (end >= start).to_numpy()
    ok, start, end = ok[keep], start[keep], end[keep]
    lengths = ((end - start).dt.days + 1).to_numpy()
    days = np.repeat(start.to_numpy(), lengths) + np.concatenate(
        [np.arange(n) for n in lengths] or [np.array([], dtype=int)]
    ).astype("timedelta64[D]")
    out = pd.DataFrame(
        {
            c.NIP: np.repeat(ok[c.NIP].to_numpy(), lengths),
            c.WORK_DATE: pd.Series(days).astype("datetime64[s]"),
            c.LEAVE_TYPE: np.repeat(ok[c.LEAVE_TYPE].to_numpy(), lengths),
        }
    )
    out[c.NIP] = out[c.NIP].astype("string")
    return out.drop_duplicates([c.NIP, c.WORK_DATE], keep="first")


def _bands(
    minutes: pd.Series,
    bands: list,
    present: pd.Series,
    missing_code: str,
) -> tuple[pd.Series, np.ndarray]:
    """Band code and units per row; ``missing_code`` where ``present`` is False."""
    lower = np.array([b.from_minute for b in bands])
    codes = np.array([b.code for b in bands], dtype=object)
    units = np.array([b.units for b in bands], dtype="int64")
    m = minutes.fillna(0).to_numpy(dtype="int64")
    idx = np.searchsorted(lower, m, side="right") - 1
    has_band = (idx >= 0) & present.to_numpy()
    idx_safe = np.clip(idx, 0, None)
    code = np.where(has_band, codes[idx_safe], None)
    unit = np.where(has_band, units[idx_safe], 0)
    missing = ~present.to_numpy()
    code = np.where(missing, missing_code, code)
    missing_units = units[list(codes).index(missing_code)]
    unit = np.where(missing, missing_units, unit)
    return pd.Series(code, index=minutes.index, dtype="string"), unit.astype("int64")


def _classify_version(day: pd.DataFrame, version: RuleVersion) -> pd.DataFrame:
    rules = version.lateness
    absence = version.absence
    has_in = day[c.FIRST_IN].notna()
    has_out = day[c.LAST_OUT].notna()
    late = ((day["in_s"] - day[cal.SCHED_START_S]).clip(lower=0) // 60).astype("Int64")
    makeup = late.clip(upper=rules.late_makeup_max_minutes).fillna(0)
    required_end = day[cal.SCHED_END_S] + makeup * 60
    early = ((required_end - day["out_s"]).clip(lower=0) // 60).astype("Int64")
    late_code, late_units = _bands(late, rules.late_bands, has_in, rules.no_check_in)
    early_code, early_units = _bands(early, rules.early_bands, has_out, rules.no_check_out)

    # how far the data reaches into the day (all of it unless a machine's export stops early)
    cover = day[c.COVER_SECONDS].to_numpy(dtype="int64")
    past_check_in = cover >= day[cal.CI_END_S].to_numpy(dtype="int64")
    judge_in = has_in.to_numpy() | past_check_in
    judge_out = cover >= day[cal.CO_END_S].to_numpy(dtype="int64")
    late_units = np.where(judge_in, late_units, 0)
    early_units = np.where(judge_out, early_units, 0)
    units = late_units + early_units
    if absence.daily_cap_pct is not None:
        units = np.minimum(units, pct_units(absence.daily_cap_pct))

    on_leave = day[c.LEAVE_TYPE].notna().to_numpy()
    exempt = day["exempt"].to_numpy(dtype=bool) & ~on_leave  # counted present
    no_punch = ~on_leave & ~exempt & ~has_in.to_numpy() & ~has_out.to_numpy()
    no_data = no_punch & ~past_check_in
    tk = no_punch & ~no_data
    worked = ~on_leave & ~no_punch & ~exempt

    out = day.copy()
    out[c.LATE_MINUTES] = late.where(worked & has_in.to_numpy())
    out[c.EARLY_MINUTES] = early.where(worked & has_out.to_numpy() & judge_out)
    out[c.LATE_CODE] = late_code.where(worked & judge_in)
    out[c.EARLY_CODE] = early_code.where(worked & judge_out)
    absence_code = pd.Series(pd.NA, index=day.index, dtype="string")
    absence_code[tk] = c.TK
    absence_code[no_data] = c.NO_DATA
    absence_code[on_leave] = day.loc[on_leave, c.LEAVE_TYPE]
    out[c.ABSENCE_CODE] = absence_code

    leave_units = np.zeros(len(day), dtype="int64")
    nth = day["leave_nth"].fillna(0).to_numpy(dtype="int64")
    for leave_type, rule in absence.leave.items():
        m = (day[c.LEAVE_TYPE] == leave_type).fillna(False).to_numpy()
        if not m.any():
            continue
        base, beyond = pct_units(rule.pct), None
        if rule.free_days is not None and rule.pct_beyond is not None:
            beyond = pct_units(rule.pct_beyond)
            leave_units[m] = np.where(nth[m] > rule.free_days, beyond, base)
        else:
            leave_units[m] = base
    out["deduction_units"] = np.where(
        on_leave,
        leave_units,
        np.where(tk, pct_units(absence.tk_pct), np.where(no_data | exempt, 0, units)),
    )
    return out


def classify_days(
    punches: pd.DataFrame,
    employees: pd.DataFrame,
    leave: pd.DataFrame,
    profile: Profile,
    first: dt.date,
    last: dt.date,
    as_of: dt.date | None = None,
    without_data: pd.DataFrame | None = None,
    exempt: pd.Series | None = None,
) -> pd.DataFrame:
    """Daily attendance for [first, last].

    Args:
        punches: valid punches with ``nip``, ``instant``, ``timezone``, ``local_date`` and
            ``local_seconds``.
        employees: the master with ``nip``, ``active_from``, ``active_to``.
        leave: leave records with ``nip``, ``leave_type``, ``date_from``, ``date_to``, ``status``.
        profile: the rulebook (each day uses the version in force that day).
        first: first day of the period.
        last: last day of the period.
        as_of: days on or after this date are not yet over and get no row (the current month).
        without_data: employee-days (``nip``, ``work_date``, optionally ``cover_seconds``) none
            of whose machines holds the whole day's data
            (``rules.coverage.employee_days_without_data``) or no machine knows the employee on
            (``rules.enrolment.not_judged``): without ``cover_seconds`` (or 0) they hold none,
            and without punches are ``no_data`` instead of TK; with it they are judged only as
            far as the data reaches (module docstring).
        exempt: NIPs of positions exempt from fingerprint (``rules.enrolment.exempt_nips``):
            counted present on every working day without leave, 0 %.

    Returns:
        One row per employee per working day, columns ``DAY_COLUMNS``.
    """
    calendar = cal.work_calendar(profile, first, last)
    grid = workday_grid(employees, calendar, as_of)
    marks = first_and_last(punches, calendar)
    day = grid.merge(marks, on=[c.NIP, c.WORK_DATE], how="left")
    leave_days = expand_leave(leave, first, last)
    day = day.merge(leave_days, on=[c.NIP, c.WORK_DATE], how="left")
    day[c.COVER_SECONDS] = _cover(day, without_data)
    day["exempt"] = day[c.NIP].isin(exempt if exempt is not None else []).to_numpy(bool)
    day = day.sort_values([c.NIP, c.WORK_DATE], kind="stable").reset_index(drop=True)
    day["leave_nth"] = day.groupby([c.NIP, c.LEAVE_TYPE], dropna=True).cumcount() + 1

    # the zone of the day: the check-in's, else the check-out's, else the employee's usual zone
    counts = punches.groupby([c.NIP, c.TIMEZONE], observed=True).size().reset_index(name="n")
    usual = (
        counts.sort_values([c.NIP, "n"], ascending=[True, False])
        .drop_duplicates(c.NIP)
        .set_index(c.NIP)[c.TIMEZONE]
    )
    default_zone = profile.version_for(first).timezone
    zone = (
        day["in_zone"]
        .astype("string")
        .fillna(day["out_zone"].astype("string"))
        .fillna(day[c.NIP].map(usual).astype("string"))
    )
    day[c.TIMEZONE] = zone.fillna(default_zone).astype("string")

    parts = [
        _classify_version(part, profile.versions[int(v)])
        for v, part in day.groupby(cal.VERSION, sort=True)
    ]
    out = pd.concat(parts) if parts else day.assign(**{k: pd.NA for k in DAY_COLUMNS})
    out = out.sort_values([c.NIP, c.WORK_DATE], kind="stable").reset_index(drop=True)
    out[c.SCHEDULE_START] = _instants(out, cal.SCHED_START_S)
    out[c.SCHEDULE_END] = _instants(out, cal.SCHED_END_S)
    out[c.PROFILE] = profile.name
    return out[DAY_COLUMNS]


def _cover(day: pd.DataFrame, rows: pd.DataFrame | None) -> np.ndarray:
    """Seconds of each day row the data covers: 86400, or for the rows listed in ``rows``
    (nip, work_date[, cover_seconds]) their ``cover_seconds`` (0 when not given or empty: an
    employee no machine knows is covered by none)."""
    full = np.full(len(day), c.DAY_SECONDS, dtype="int64")
    if rows is None or rows.empty:
        return full
    keys = rows[[c.NIP, c.WORK_DATE]].astype({c.NIP: "string", c.WORK_DATE: "datetime64[s]"})
    seconds = rows[c.COVER_SECONDS].fillna(0) if c.COVER_SECONDS in rows.columns else 0
    keys = keys.assign(_cover=seconds).sort_values("_cover", ascending=False)
    keys = keys.drop_duplicates([c.NIP, c.WORK_DATE])
    merged = day[[c.NIP, c.WORK_DATE]].merge(keys, on=[c.NIP, c.WORK_DATE], how="left")
    return merged["_cover"].fillna(c.DAY_SECONDS).to_numpy(dtype="int64")


def _instants(day: pd.DataFrame, seconds_col: str) -> pd.Series:
    """Local clock seconds on the work date, in the day's zone, as UTC instants."""
    result = pd.Series(pd.NaT, index=day.index, dtype="datetime64[s, UTC]")
    local = day[c.WORK_DATE] + pd.to_timedelta(day[seconds_col].astype("float64"), unit="s")
    for zone in day[c.TIMEZONE].unique():
        m = (day[c.TIMEZONE] == zone).to_numpy()
        result.loc[m] = (
            local[m].dt.tz_localize(zone).dt.tz_convert("UTC").astype("datetime64[s, UTC]")
        )
    return result
