"""Exact money arithmetic on integer arrays: no float ever holds an amount.

Amounts are int64 in sen (1/100 rupiah) for the intermediate steps and in rupiah for payable
lines; percentages and factors are int64 in 1/PCT_SCALE of a percent, so 100 % is
``FULL = 100 * PCT_SCALE`` = 1_000_000 units. Each step is one multiplication and one division
rounded half up, which keeps every product far inside int64 for amounts below Rp 1 milyar
(rules.tpp.MAX_RUPIAH): 1e11 sen x 1e6 units = 1e17 < 9.2e18.

Rounding (profile ``tpp.rounding``, reg §9.3): intermediate values to whole sen, payable lines to
whole rupiah, both half up (0.5 goes up). All values here are non-negative.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vocabulary.columns import PCT_SCALE

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
