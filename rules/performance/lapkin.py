"""e-Lapkin daily activity reports (issue 16; tax-360 §5): the kinerja basis of regions that
pay TPP kinerja by effective minutes or by reporting days, and the reporting compliance BKN ranks
("kepatuhan pelaporan").

Kinerja basis (profile ``performance.lapkin.basis``; ``predikat`` keeps today's table):

- ``minutes`` (TKD calculator [S]): persen = min(cap, approved minutes / target x 100), the
  target being ``menit_efektif_per_bulan`` (6,000: 20 days x 300 min, Perka BKN 19/2011 [S]) or,
  when that is null, the month's working days x ``menit_efektif_per_hari`` (300);
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

from rules.inputs import duplicate_reasons, nip_reasons
from rules.performance.compliance import unit_of
from rules.rulebook.performance import LapkinRules
from vocabulary import columns as c
from vocabulary.columns import PCT_SCALE
from vocabulary.frames import combine_reasons, first_reason
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
                ~reports[c.NIP].isin(known),
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


def monthly_lapkin(
    reports: pd.DataFrame,
    employees: pd.DataFrame,
    month: str,
    workdays: int | pd.Series,
    rules: LapkinRules,
    basis: str | None = None,
) -> pd.DataFrame:
    """One row per employee of ``employees`` (those active in the month) with the month's reports.

    Args:
        reports: valid daily reports (nip, tanggal, menit, status, tanggal_lapor).
        employees: the employees to report on (nip, unit, unit_induk): the active ones.
        month: 'YYYY-MM'.
        workdays: the month's working days (rules.calendar), one number or per NIP.
        rules: the profile's ``performance.lapkin``.
        basis: overrides ``rules.basis`` (to show both formulas side by side).

    Returns:
        ``MONTHLY_COLUMNS``; ``kinerja_pct_units`` is <NA> under the predikat basis.
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
    nips = employees[c.NIP].astype("string")
    out = sums.reindex(nips).fillna(0).astype("int64").reset_index()
    out[c.MONTH] = month
    out[c.UNIT] = unit_of(employees).astype("string").to_numpy()
    days = nips.map(workdays).fillna(0) if isinstance(workdays, pd.Series) else workdays
    out[c.WORKDAYS] = np.asarray(days, dtype=np.int64) * np.ones(len(out), dtype=np.int64)
    per_month = rules.menit_efektif_per_bulan
    out[c.MINUTES_TARGET] = (
        np.full(len(out), per_month, dtype=np.int64)
        if per_month is not None
        else out[c.WORKDAYS].to_numpy() * rules.menit_efektif_per_hari
    )
    out[c.BASIS] = basis
    if basis == BASIS_MINUTES:
        units = minutes_pct_units(out[c.MINUTES_APPROVED], out[c.MINUTES_TARGET], rules)
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
