"""Monthly discipline: counts per code and the month's deduction percentage.

The month's deduction is the sum of the daily percentages, capped at the profile's monthly cap;
where the profile forfeits the month after N TK days (e.g. Pakpak Bharat: 5), it is the cap from
the N-th TK day on. The month's rules are those of the version in force on its first day.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules import columns as c
from rules.profile import Profile, pct_units

MONTH_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.WORKDAYS,
    c.PRESENT_DAYS,
    *[code.lower() for code in c.LATE_CODES],
    *[code.lower() for code in c.EARLY_CODES],
    c.TK_DAYS,
    c.LEAVE_DAYS,
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
            c.LEAVE_DAYS: (absence.notna() & (absence != c.TK)).astype("int64"),
            "deduction_units": d["deduction_units"].astype("int64"),
        }
    )
    for code in c.LATE_CODES:
        frame[code.lower()] = (d[c.LATE_CODE] == code).fillna(False).astype("int64")
    for code in c.EARLY_CODES:
        frame[code.lower()] = (d[c.EARLY_CODE] == code).fillna(False).astype("int64")
    out = frame.groupby(c.NIP, sort=True).sum().reset_index()
    cap = pct_units(rules.monthly_cap_pct)
    units = np.minimum(out["deduction_units"].to_numpy(), cap)
    if rules.tk_forfeit_days is not None:
        units = np.where(out[c.TK_DAYS].to_numpy() >= rules.tk_forfeit_days, cap, units)
    out["deduction_units"] = units.astype("int64")
    out[c.MONTH] = month
    out[c.PROFILE] = profile.name
    out[c.NIP] = out[c.NIP].astype("string")
    return out[MONTH_COLUMNS]


def units_to_pct_text(units: pd.Series) -> pd.Series:
    """Exact decimal text of percentage units: 12_500 -> '1.2500'."""
    u = units.astype("int64")
    scale = c.PCT_SCALE
    digits = len(str(scale)) - 1
    whole = (u // scale).astype("string")
    frac = (u % scale).astype("string").str.zfill(digits)
    return (whole + "." + frac).astype("string")
