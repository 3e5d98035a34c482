"""Periods and shares of the dialog kinerja (issue 25): the evaluation period holding a day, a
label's bounds, the periods before it, and shares as exact integers in 1/100 of a percent."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vocabulary.units import MONTH, QUARTER, SEMESTER

PCT_DECIMALS = 2  # shares in 1/100 of a percent, rounded half up


def pct_units(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den in 1/100 of a percent, rounded half up (exact integers); <NA> where den is 0."""
    n = num.astype("int64").to_numpy()
    d = den.astype("int64").to_numpy()
    safe = np.where(d > 0, d, 1)
    units = (2 * n * 100 * 10**PCT_DECIMALS + safe) // (2 * safe)
    return pd.Series(units, index=num.index, dtype="Int64").mask(d <= 0)


def label_of(days: pd.Series, kind: str) -> pd.Series:
    """The label of the period of ``kind`` holding each day."""
    y = days.dt.year.astype("Int64").astype("string")
    m = days.dt.month.astype("Int64")
    if kind == MONTH:
        return (y + "-" + m.astype("string").str.zfill(2)).astype("string")
    if kind == QUARTER:
        return (y + "-Q" + ((m - 1) // 3 + 1).astype("string")).astype("string")
    if kind == SEMESTER:
        return (y + "-S" + (1 + (m > 6).astype("Int64")).astype("string")).astype("string")
    return y


def bounds(label: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a period label (one label: no frame to build)."""
    year, rest = int(label[:4]), label[5:]
    if not rest:
        first, months = 1, 12
    elif rest[0] in "QS":
        months = 3 if rest[0] == "Q" else 6
        first = (int(rest[1:]) - 1) * months + 1
    else:
        first, months = int(rest), 1
    start = pd.Timestamp(year, first, 1)
    return start, start + pd.DateOffset(months=months) - pd.Timedelta(days=1)


def earlier(label: str, n: int) -> list[str]:
    """The ``n`` periods of the label's kind that end with it, oldest first."""
    start, end = bounds(label)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    kind = {1: MONTH, 3: QUARTER, 6: SEMESTER}.get(months, "year")
    firsts = [start - pd.DateOffset(months=months * k) for k in range(n - 1, -1, -1)]
    return label_of(pd.Series(firsts), kind).tolist()


def periods_of_year(year: int, kind: str) -> list[str]:
    if kind == MONTH:
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    if kind == QUARTER:
        return [f"{year}-Q{q}" for q in range(1, 5)]
    if kind == SEMESTER:
        return [f"{year}-S1", f"{year}-S2"]
    return [str(year)]
