"""Period labels: '2024-03' (month), '2021-Q3' (quarter), '2021-S2' (semester), '2021' (year).

Labels are what people and the warehouse see; Dagster semester partition keys are the first
month ('2021-07'), converted at the edges with ``semester_label`` / ``semester_key``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rules.performance.model import PerformanceRules

MONTH = "month"
QUARTER = "quarter"
SEMESTER = "semester"
YEAR = "year"
PERIOD_KINDS: tuple[str, ...] = (MONTH, QUARTER, SEMESTER, YEAR)

_PATTERNS = {
    MONTH: r"^(?P<y>\d{4})-(?P<n>0[1-9]|1[0-2])$",
    QUARTER: r"^(?P<y>\d{4})-Q(?P<n>[1-4])$",
    SEMESTER: r"^(?P<y>\d{4})-S(?P<n>[12])$",
    YEAR: r"^(?P<y>\d{4})$",
}
_MONTHS_PER = {MONTH: 1, QUARTER: 3, SEMESTER: 6, YEAR: 12}


def parse_periods(labels: pd.Series) -> pd.DataFrame:
    """Kind, first day and last day of each label; <NA>/NaT where the label is not a period.

    Returns:
        Columns ``period_kind`` (string), ``period_start`` and ``period_end`` (datetime64[s]).
    """
    s = labels.astype("string").str.strip().str.upper()
    kind = pd.Series(pd.NA, index=labels.index, dtype="string")
    year = pd.Series(pd.NA, index=labels.index, dtype="Int64")
    first_month = pd.Series(pd.NA, index=labels.index, dtype="Int64")
    for k, pattern in _PATTERNS.items():
        m = s.str.extract(pattern)
        hit = m["y"].notna() & kind.isna()
        if not hit.any():
            continue
        kind[hit] = k
        year[hit] = m.loc[hit, "y"].astype("int64")
        n = m["n"].astype("Int64") if "n" in m.columns else pd.Series(1, index=s.index)
        first_month[hit] = ((n[hit] - 1) * _MONTHS_PER[k] + 1) if k != MONTH else n[hit]
    span = kind.map(_MONTHS_PER).astype("Int64")
    y, m = year.fillna(2000), first_month.fillna(1)
    after = y * 12 + (m - 1) + span.fillna(1)  # the month after the period, as a month count
    start = pd.to_datetime({"year": y, "month": m, "day": 1}).where(kind.notna())
    end = pd.to_datetime({"year": after // 12, "month": after % 12 + 1, "day": 1}) - pd.Timedelta(
        days=1
    )
    end = end.where(kind.notna())
    return pd.DataFrame(
        {
            "period_kind": kind,
            "period_start": start.astype("datetime64[s]"),
            "period_end": end.astype("datetime64[s]"),
        },
        index=labels.index,
    )


def semester_label(partition_key: str) -> str:
    """Semester partition key ('2021-07' or '2021-07-01') -> '2021-S2'."""
    year, month = int(partition_key[:4]), int(partition_key[5:7])
    if month not in (1, 7):
        raise ValueError(f"{partition_key!r} is not the first month of a semester")
    return f"{year}-S{1 if month == 1 else 2}"


def semester_key(label: str) -> str:
    """'2021-S2' -> semester partition key '2021-07'."""
    parsed = parse_periods(pd.Series([label]))
    if parsed.period_kind.iloc[0] != SEMESTER:
        raise ValueError(f"expected a semester like 2021-S2, got {label!r}")
    return parsed.period_start.iloc[0].strftime("%Y-%m")


def bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period label."""
    p = parse_periods(pd.Series([label])).iloc[0]
    if pd.isna(p.period_kind):
        raise ValueError(f"{label!r} is not a period (YYYY, YYYY-S1, YYYY-Q1 or YYYY-MM)")
    return p.period_start.date(), p.period_end.date()


def months_of(label: str) -> list[str]:
    """The 'YYYY-MM' months a period covers."""
    first, last = bounds(label)
    return [p.strftime("%Y-%m") for p in pd.period_range(first, last, freq="M")]


def regimes_of(frame: pd.DataFrame, rules: PerformanceRules) -> pd.Series:
    """The regime of each period (``period_start``/``period_end`` columns): the one in force on
    its first day, <NA> when another regime starts inside the period (2021 as a whole year)."""
    starts = [pd.Timestamp(r.start) for r in rules.regimes]
    names = [r.regime for r in rules.regimes]
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    first, last = frame["period_start"], frame["period_end"]
    for i, (start, name) in enumerate(zip(starts, names, strict=True)):
        nxt = starts[i + 1] if i + 1 < len(starts) else pd.Timestamp.max
        out[(first >= start) & (last < nxt)] = name
    return out
