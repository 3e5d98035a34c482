"""e-Lapkin daily activity reports (issue 16; tax-360 §5): the kinerja basis of regions that
pay TPP kinerja by effective minutes or by reporting days, and the reporting compliance BKN ranks
("kepatuhan pelaporan").

Kinerja basis (profile ``performance.lapkin.basis``; ``predikat`` keeps today's table):

- ``minutes`` (TKD calculator [S]; issue 22): persen = min(cap, credited minutes / target x
  100). Credited: the approved minutes of reports dated on the employee's working days (the
  profile calendar's working days while the employee is active, minus approved leave of the
  types in ``cuti_mengurangi``), at most ``menit_maks_per_hari`` a day. Target: those days x
  ``menit_efektif_per_hari`` (300, Perka BKN 19/2011 [S]), or a fixed ``menit_efektif_per_bulan``
  where a region sets one (6,000 = 20 x 300 pays 90 % to someone who reports the yardstick on
  each of 18 working days, so the national profile leaves it null);
- ``days_with_report`` (Kab. Sumedang indigo [S]): persen = round(days with a verified report /
  working days x 100, 2), 0 when either is 0; a day counts once (COUNT(DISTINCT tanggal)).

Only activities whose status is in ``count_statuses`` (verified) count. Percentages are exact
integers in 1/PCT_SCALE of a percent (``kinerja_pct_units``, 100 % = 1,000,000), the unit the
TPP computation multiplies by (rules/tpp/money.py); the minutes share is rounded half up at that
precision, the days share at the profile's decimals (2, as indigo's ``round``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.attendance import expand_leave
from rules.inputs import duplicate_reasons, nip_reasons
from rules.performance.compliance import unit_of
from rules.rulebook.performance import LapkinRules
from vocabulary import columns as c
from vocabulary.columns import PCT_SCALE
from vocabulary.frames import combine_reasons, first_reason, isin_text
from vocabulary.performance import (
    BASIS_DAYS,
    BASIS_MINUTES,
    BASIS_PREDIKAT,
    BELUM,
    MAX_MINUTES_PER_DAY,
)

FULL = 100 * PCT_SCALE
MONTHLY_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.UNIT,
    c.REPORTS,
    c.DAYS_REPORTED,
    "days_verified",
    c.MINUTES_REPORTED,
    c.MINUTES_APPROVED,
    "reports_decided",
    c.REPORTS_ON_TIME,
    c.WORKDAYS,
    c.MINUTES_TARGET,
    c.BASIS,
    c.KINERJA_PCT_UNITS,
    c.LEAVE_WORKDAYS,
    c.MINUTES_CREDITED,
]
COMPLIANCE_COLUMNS = [
    c.UNIT,
    c.PERIOD,
    c.EMPLOYEES,
    c.REPORTED,
    c.ASSESSED,
    c.ON_TIME,
    c.REPORTS,
    c.REPORTS_ON_TIME,
]


def lapkin_reasons(reports: pd.DataFrame, known: pd.Series) -> pd.Series:
    """Rows of the daily reports that cannot count (quarantine)."""
    minutes = reports[c.MENIT]
    return combine_reasons(
        nip_reasons(reports[c.NIP]),
        first_reason(
            (
                ~isin_text(reports[c.NIP], known),
                "nip " + reports[c.NIP].fillna("") + " is not in the employee master",
            ),
            (minutes < 0, "menit is negative"),
            (minutes > MAX_MINUTES_PER_DAY, "menit is more than a day (1440)"),
            (
                reports[c.TANGGAL_LAPOR] < reports[c.TANGGAL],
                "tanggal_lapor is before the activity's tanggal",
            ),
            index=reports.index,
        ),
        duplicate_reasons(
            reports.assign(_a=reports[c.AKTIVITAS].fillna(""), _m=minutes.fillna(-1)),
            [c.NIP, c.TANGGAL, "_a", "_m"],
            "activity report",
        ),
    )


def _div_half_up(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den rounded half up for non-negative integers; 0 where den is 0."""
    safe = np.where(den > 0, den, 1)
    return np.where(den > 0, (2 * num + safe) // (2 * safe), 0)


def minutes_pct_units(approved: np.ndarray, target: np.ndarray, rules: LapkinRules) -> np.ndarray:
    """min(cap, approved / target x 100) in percentage units, half up."""
    cap = int(rules.cap_pct * PCT_SCALE)
    share = _div_half_up(np.asarray(approved, dtype=np.int64) * FULL, np.asarray(target, np.int64))
    return np.minimum(share, cap)


def days_pct_units(days: np.ndarray, workdays: np.ndarray, rules: LapkinRules) -> np.ndarray:
    """round(days / workdays x 100, decimals) in percentage units (capped like minutes)."""
    step = 10**rules.days_pct_decimals
    scaled = _div_half_up(np.asarray(days, dtype=np.int64) * 100 * step, np.asarray(workdays))
    return np.minimum(scaled * (PCT_SCALE // step), int(rules.cap_pct * PCT_SCALE))


def employee_days(
    employees: pd.DataFrame,
    workdays: pd.DatetimeIndex,
    leave: pd.DataFrame | None,
    rules: LapkinRules,
) -> pd.DataFrame:
    """Each employee's working days of the month: the calendar's working days inside the
    employee's active dates, and whether approved leave of a ``cuti_mengurangi`` type takes it.

    Returns:
        Columns nip, tanggal (datetime64[s]), on_leave (bool); one row per (nip, day).
    """
    days = pd.DatetimeIndex(workdays).astype("datetime64[s]")
    nips = employees[c.NIP].astype("string").to_numpy()
    out = pd.DataFrame(
        {
            c.NIP: pd.array(np.repeat(nips, len(days)), dtype="string"),
            c.TANGGAL: np.tile(days.to_numpy(), len(nips)),
        }
    )
    start = np.repeat(employees[c.ACTIVE_FROM].to_numpy(dtype="datetime64[s]"), len(days))
    end = np.repeat(employees[c.ACTIVE_TO].to_numpy(dtype="datetime64[s]"), len(days))
    day = out[c.TANGGAL].to_numpy()
    active = (np.isnat(start) | (start <= day)) & (np.isnat(end) | (end >= day))
    out = out[active].reset_index(drop=True)
    out["on_leave"] = False
    if leave is not None and len(leave) and len(days):
        taken = leave[leave[c.LEAVE_TYPE].isin(rules.cuti_mengurangi)]
        off = expand_leave(taken, days.min().date(), days.max().date())
        keys = set(zip(off[c.NIP], off[c.WORK_DATE], strict=True))
        out["on_leave"] = [(n, d) in keys for n, d in zip(out[c.NIP], out[c.TANGGAL], strict=True)]
    return out


def monthly_lapkin(
    reports: pd.DataFrame,
    employees: pd.DataFrame,
    month: str,
    workdays: pd.DatetimeIndex,
    rules: LapkinRules,
    basis: str | None = None,
    leave: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per employee of ``employees`` (those active in the month) with the month's reports.

    Args:
        reports: valid daily reports (nip, tanggal, menit, status, tanggal_lapor).
        employees: the employees to report on (nip, unit, unit_induk, active_from, active_to).
        month: 'YYYY-MM'.
        workdays: the month's working days of the profile calendar (``cycle.month_workdays``).
        rules: the profile's ``performance.lapkin``.
        basis: overrides ``rules.basis`` (to show both formulas side by side).
        leave: optional leave records (nip, leave_type, date_from, date_to, status): approved
            leave of the ``cuti_mengurangi`` types lowers the yardstick; absent = no leave.

    Returns:
        ``MONTHLY_COLUMNS``: ``workdays`` the employee's working days, ``leave_workdays`` those
        taken by leave, ``minutes_credited`` the approved minutes on the other working days
        capped per day, ``minutes_target`` the yardstick; ``kinerja_pct_units`` is <NA> under
        the predikat basis.
    """
    basis = basis or rules.basis
    first = pd.Timestamp(f"{month}-01")
    after = first + pd.offsets.MonthBegin(1)
    r = reports[(reports[c.TANGGAL] >= first) & (reports[c.TANGGAL] < after)]
    counted = r[c.STATUS].isin(rules.count_statuses)
    deadline = r[c.TANGGAL] + pd.Timedelta(days=rules.report_deadline_days)
    on_time = (r[c.TANGGAL_LAPOR] <= deadline).fillna(False)
    per = pd.DataFrame(
        {
            c.NIP: r[c.NIP],
            c.REPORTS: 1,
            c.MINUTES_REPORTED: r[c.MENIT].fillna(0).astype("int64"),
            c.MINUTES_APPROVED: r[c.MENIT].fillna(0).astype("int64").where(counted, 0),
            "reports_decided": (r[c.STATUS] != BELUM).astype("int64"),
            c.REPORTS_ON_TIME: on_time.astype("int64"),
        }
    )
    sums = per.groupby(c.NIP).sum()
    sums[c.DAYS_REPORTED] = r.groupby(c.NIP)[c.TANGGAL].nunique()
    sums["days_verified"] = r[counted].groupby(c.NIP)[c.TANGGAL].nunique()
    # the employee's calendar: working days while active, those on leave leave the yardstick
    days = employee_days(employees, workdays, leave, rules)
    sums[c.WORKDAYS] = days.groupby(c.NIP).size()
    sums[c.LEAVE_WORKDAYS] = days[days["on_leave"]].groupby(c.NIP).size()
    owed = days.loc[~days["on_leave"], [c.NIP, c.TANGGAL]]
    approved = r.loc[counted, [c.NIP, c.TANGGAL, c.MENIT]].assign(
        **{
            c.NIP: lambda x: x[c.NIP].astype("string"),
            c.TANGGAL: lambda x: x[c.TANGGAL].astype("datetime64[s]"),
            c.MENIT: lambda x: x[c.MENIT].fillna(0).astype("int64"),
        }
    )
    per_day = approved.merge(owed, on=[c.NIP, c.TANGGAL]).groupby([c.NIP, c.TANGGAL])[c.MENIT]
    credited = per_day.sum()
    if rules.menit_maks_per_hari is not None:
        credited = credited.clip(upper=rules.menit_maks_per_hari)
    sums[c.MINUTES_CREDITED] = credited.groupby(level=0).sum()
    nips = employees[c.NIP].astype("string")
    out = sums.reindex(nips).fillna(0).astype("int64").reset_index()
    out[c.MONTH] = month
    out[c.UNIT] = unit_of(employees).astype("string").to_numpy()
    per_month = rules.menit_efektif_per_bulan
    owed_days = out[c.WORKDAYS].to_numpy() - out[c.LEAVE_WORKDAYS].to_numpy()
    out[c.MINUTES_TARGET] = (
        np.full(len(out), per_month, dtype=np.int64)
        if per_month is not None
        else owed_days * rules.menit_efektif_per_hari
    )
    out[c.BASIS] = basis
    if basis == BASIS_MINUTES:
        units = minutes_pct_units(out[c.MINUTES_CREDITED], out[c.MINUTES_TARGET], rules)
    elif basis == BASIS_DAYS:
        units = days_pct_units(out["days_verified"], out[c.WORKDAYS], rules)
    elif basis == BASIS_PREDIKAT:
        units = None
    else:
        raise ValueError(f"unknown lapkin basis {basis!r}")
    out[c.KINERJA_PCT_UNITS] = pd.array(
        units if units is not None else [pd.NA] * len(out), dtype="Int64"
    )
    for col in (c.NIP, c.MONTH, c.UNIT, c.BASIS):
        out[col] = out[col].astype("string")
    return out[MONTHLY_COLUMNS]


def lapkin_compliance(monthly: pd.DataFrame) -> pd.DataFrame:
    """Kepatuhan pelaporan per unit and month: employees, who reported, who was assessed (at
    least one report verified or rejected by the atasan), who reported every activity on time,
    and the report counts."""
    m = monthly
    frame = pd.DataFrame(
        {
            c.UNIT: m[c.UNIT],
            c.PERIOD: m[c.MONTH],
            c.EMPLOYEES: 1,
            c.REPORTED: (m[c.REPORTS] > 0).astype("int64"),
            c.ASSESSED: (m["reports_decided"] > 0).astype("int64"),
            c.ON_TIME: ((m[c.REPORTS] > 0) & (m[c.REPORTS_ON_TIME] == m[c.REPORTS])).astype(
                "int64"
            ),
            c.REPORTS: m[c.REPORTS],
            c.REPORTS_ON_TIME: m[c.REPORTS_ON_TIME],
        }
    )
    out = frame.groupby([c.UNIT, c.PERIOD], sort=True).sum().reset_index()
    return out[COMPLIANCE_COLUMNS].astype({c.UNIT: "string", c.PERIOD: "string"})
