"""Units of the vocabulary: exact percentages, exact decimal text, and period labels.

Names and conversions only, no regulation: every module that carries a percentage, writes a
NUMERIC column or names a period (readers, contracts, rules, the warehouse, the CLI) converts
here, so each conversion has one home.

- Percentages are integers in 1/``PCT_SCALE`` of a percent (``pct_units``).
- Exact decimals travel as text ('123456.78') between integer arithmetic and NUMERIC columns
  (``decimal_text`` / ``text_to_scaled``); floats never reach the database.
- Period labels: '2024-03' (month), '2021-Q3' (quarter), '2021-S2' (semester), '2021' (year).
  Dagster semester partition keys are the first month ('2021-07'), converted at the edges with
  ``semester_label`` / ``semester_key``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd

from vocabulary.columns import PCT_SCALE

# --- percentages ---------------------------------------------------------------------------------


def pct_units(value: Decimal) -> int:
    """A percentage as an exact integer in 1/PCT_SCALE of a percent.

    Raises:
        ValueError: the percentage has more decimals than the scale holds.
    """
    scaled = Decimal(value) * PCT_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"percentage {value} has more than 4 decimals")
    return int(scaled)


# --- exact decimal text --------------------------------------------------------------------------


def decimal_text(values: pd.Series | np.ndarray, decimals: int) -> pd.Series:
    """Integers in 1/10**decimals as exact decimal text ('123456.78'), vectorised, for
    NUMERIC columns (floats never reach the database). Missing values stay missing."""
    s = pd.Series(values)
    missing = s.isna()
    u = s.fillna(0).astype("int64")
    if (u < 0).any():
        raise ValueError("decimal_text: negative values are not expected here")
    base = 10**decimals
    whole = (u // base).astype("string")
    text = whole if decimals == 0 else whole + "." + (u % base).astype("string").str.zfill(decimals)
    return text.astype("string").mask(missing.to_numpy())


def text_to_scaled(values: pd.Series, decimals: int) -> np.ndarray:
    """The inverse of ``decimal_text``: exact decimal text to integers in 1/10**decimals."""
    s = values.astype("string").fillna("0")
    if s.empty:
        return np.zeros(0, dtype=np.int64)
    parts = s.str.split(".", n=1, expand=True)
    whole = parts[0].astype("int64").to_numpy()
    if decimals == 0:
        return whole
    frac = (
        parts[1].fillna("").str.ljust(decimals, "0").str.slice(0, decimals)
        if 1 in parts.columns
        else pd.Series("0" * decimals, index=s.index)
    )
    return whole * 10**decimals + frac.astype("int64").to_numpy()


# --- period labels -------------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = (
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
)  # date.weekday() order

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
    # a column of labels holds a few distinct ones: each is parsed once
    codes, uniques = pd.factorize(labels.astype("string"), use_na_sentinel=False)  # as read below
    if len(uniques) == len(labels):
        return _parse_periods(labels)
    once = _parse_periods(pd.Series(uniques))
    return pd.DataFrame(
        {col: once[col].array.take(codes) for col in once.columns}, index=labels.index
    )


def _parse_periods(labels: pd.Series) -> pd.DataFrame:
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


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of a 'YYYY-MM' month."""
    first = dt.date.fromisoformat(f"{month[:7]}-01")
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def period_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period label."""
    p = parse_periods(pd.Series([label])).iloc[0]
    if pd.isna(p.period_kind):
        raise ValueError(f"{label!r} is not a period (YYYY, YYYY-S1, YYYY-Q1 or YYYY-MM)")
    return p.period_start.date(), p.period_end.date()


def months_from(first_month: str, count: int) -> list[str]:
    """``count`` consecutive 'YYYY-MM' months starting with ``first_month``."""
    first = dt.date.fromisoformat(f"{first_month[:7]}-01")
    index = first.year * 12 + first.month - 1
    return [f"{(index + i) // 12}-{(index + i) % 12 + 1:02d}" for i in range(count)]


def months_of(label: str) -> list[str]:
    """The 'YYYY-MM' months a period label covers."""
    first, last = period_bounds(label)
    return months_from(
        first.strftime("%Y-%m"), (last.year - first.year) * 12 + last.month - first.month + 1
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


def periods_of_semester(label: str, quarters: bool = False) -> list[str]:
    """The period labels a semester's scores are judged and published under: the semester,
    with ``quarters`` its two quarters, and in a second semester the year it completes."""
    year, second = label[:4], label.endswith("S2")
    quarter_labels = [f"{year}-Q{q}" for q in ((3, 4) if second else (1, 2))] if quarters else []
    return [label, *quarter_labels, *([year] if second else [])]


def month_after(month: str) -> str:
    """'2024-03' -> '2024-04', '2024-12' -> '2025-01'."""
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12}-{mon % 12 + 1:02d}"


# --- money as people read it ---------------------------------------------------------------------


def thousands(value: int | float) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator; whole rupiah, half up)."""
    whole = int(Decimal(str(value)).to_integral_value(rounding="ROUND_HALF_UP"))
    return f"{abs(whole):,}".replace(",", ".") if whole >= 0 else "-" + thousands(-whole)


def rupiah(value: int | float) -> str:
    """1234567 -> 'Rp 1.234.567'; -174842 -> '-Rp 174.842'. The one money format of every text
    HR reads (UI metadata, CLI report, chart labels)."""
    text = thousands(value)
    return "-Rp " + text[1:] if text.startswith("-") else "Rp " + text
