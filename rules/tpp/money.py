"""Exact money arithmetic on integer arrays: no float ever holds an amount.

Amounts are int64 in sen (1/100 rupiah) for the intermediate steps and in rupiah for payable
lines; percentages and factors are int64 in 1/PCT_SCALE of a percent, so 100 % is
``FULL = 100 * PCT_SCALE`` = 1_000_000 units. Each step is one multiplication and one division
rounded half up, which keeps every product far inside int64 for amounts below Rp 1 milyar
(rules/tpp/model.py MAX_RUPIAH): 1e11 sen x 1e6 units = 1e17 < 9.2e18.

Rounding (profile ``tpp.rounding``, reg §9.3): intermediate values to whole sen, payable lines to
whole rupiah, both half up (0.5 goes up). All values here are non-negative.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from rules.columns import PCT_SCALE

SEN = 100  # sen per rupiah
FULL = 100 * PCT_SCALE  # 100 % in percentage units
INT64_SAFE = 2**62


def as_int(values: pd.Series | np.ndarray | int) -> np.ndarray:
    """An int64 array (a scalar is broadcast by numpy where it is used)."""
    return np.asarray(values, dtype=np.int64)


def div_half_up(numerator: np.ndarray, denominator: np.ndarray | int) -> np.ndarray:
    """``numerator / denominator`` rounded half up, for non-negative integers.

    Raises:
        ValueError: a negative numerator, a non-positive denominator, or a value that could
            overflow int64 (so an overflow can never pass silently).
    """
    num = as_int(numerator)
    den = as_int(denominator)
    if num.size and (num.min() < 0 or num.max() >= INT64_SAFE):
        raise ValueError("div_half_up: numerator out of range (negative or near int64 limit)")
    if np.any(den <= 0):
        raise ValueError("div_half_up: denominator must be positive")
    return (2 * num + den) // (2 * den)


def scale(amount: np.ndarray, units: np.ndarray | int, divisor: int = FULL) -> np.ndarray:
    """``amount x units / divisor`` rounded half up (units in 1/PCT_SCALE of a percent when
    ``divisor`` is FULL)."""
    return div_half_up(as_int(amount) * as_int(units), divisor)


def pct_to_units(pct: Decimal) -> int:
    """A profile percentage as integer units (rules.profile.pct_units, imported when used)."""
    from rules.profile import pct_units

    return pct_units(pct)


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
