"""Monthly discipline: counts per code and the month's deduction percentage.

The month's deduction is the sum of the daily percentages, capped at the profile's monthly cap;
where the profile forfeits the month after N TK days (e.g. Pakpak Bharat: 5), it is the cap from
the N-th TK day on. The month's rules are those of the version in force on its first day.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules.profile import AbsenceRules, Profile
from vocabulary import columns as c
from vocabulary.units import pct_units

MONTH_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.WORKDAYS,
    c.PRESENT_DAYS,
    *[code.lower() for code in c.LATE_CODES],
    *[code.lower() for code in c.EARLY_CODES],
    c.TK_DAYS,
    c.LEAVE_DAYS,
    c.NO_DATA_DAYS,
    "deduction_units",
    c.PROFILE,
]


def monthly_discipline(daily: pd.DataFrame, profile: Profile, month: str) -> pd.DataFrame:
    """Aggregate daily attendance of one month ('YYYY-MM') to one row per employee."""
    first = dt.date.fromisoformat(f"{month}-01")
    rules = profile.version_for(first).absence
    d = daily
    absence = d[c.ABSENCE_CODE]
    frame = pd.DataFrame(
        {
            c.NIP: d[c.NIP],
            c.WORKDAYS: 1,
            c.PRESENT_DAYS: absence.isna().astype("int64"),
            c.TK_DAYS: (absence == c.TK).fillna(False).astype("int64"),
            c.LEAVE_DAYS: (absence.notna() & ~absence.isin([c.TK, c.NO_DATA])).astype("int64"),
            c.NO_DATA_DAYS: (absence == c.NO_DATA).fillna(False).astype("int64"),
            "deduction_units": d["deduction_units"].astype("int64"),
        }
    )
    for code in c.LATE_CODES:
        frame[code.lower()] = (d[c.LATE_CODE] == code).fillna(False).astype("int64")
    for code in c.EARLY_CODES:
        frame[code.lower()] = (d[c.EARLY_CODE] == code).fillna(False).astype("int64")
    out = frame.groupby(c.NIP, sort=True).sum().reset_index()
    units = cap_deduction(out["deduction_units"].to_numpy(), out[c.TK_DAYS].to_numpy(), rules)
    out["deduction_units"] = units.astype("int64")
    out[c.MONTH] = month
    out[c.PROFILE] = profile.name
    out[c.NIP] = out[c.NIP].astype("string")
    return out[MONTH_COLUMNS]


def cap_deduction(
    units: np.ndarray, tk_days: np.ndarray, absence: AbsenceRules, days: np.ndarray | int = 1
) -> np.ndarray:
    """The month's deduction capped at the profile's monthly cap, and the whole cap from the
    profile's TK forfeit day on (``tk_forfeit_days``).

    Args:
        units: the month's summed deduction, in percentage units (times ``days`` when the sum is
            of daily percentages of a daily TPP: the cap scales with it).
        tk_days: TK days of the month, per employee.
        absence: the profile's absence rules (``monthly_cap_pct``, ``tk_forfeit_days``).
        days: the divisor the units will be averaged over (1 for a monthly percentage).
    """
    cap = pct_units(absence.monthly_cap_pct) * np.asarray(days, dtype=np.int64)
    capped = np.minimum(np.asarray(units, dtype=np.int64), cap)
    if absence.tk_forfeit_days is not None:
        capped = np.where(np.asarray(tk_days) >= absence.tk_forfeit_days, cap, capped)
    return capped
