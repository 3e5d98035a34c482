"""Rate tables and PTKP, vectorised: TER lookup, PTKP amount and category, NPWP multiplier,
Pasal 17 on yearly PKP, and the rounding of a tax line.

Amounts are int64 rupiah; rates are int64 in 1/PCT_SCALE of a percent (``vocabulary.units``), so a
tax line is one multiplication and one rounded division, never a float. TER brackets hold
``lower < bruto <= upper`` (domain note §1.2): an ordered search on the upper bounds, so no
amount can fall between two rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.tax.profile import TaxVersion
from vocabulary.tax import CEIL, FLOOR, NPWP_NONE, PTKP_STATUSES
from vocabulary.units import pct_units

FULL = 100 * pct_units(1)  # 100 % in rate units
MULTIPLIER_SCALE = 10  # the NPWP multiplier in tenths: 1.0 -> 10, 1.2 -> 12
_OPEN = np.iinfo(np.int64).max


def _table(rows: list) -> tuple[np.ndarray, np.ndarray]:
    uppers = np.array([_OPEN if u is None else u for u, _ in rows], dtype=np.int64)
    rates = np.array([pct_units(r) for _, r in rows], dtype=np.int64)
    return uppers, rates


def round_div(numerator: np.ndarray, denominator: int, how: str = "half_up") -> np.ndarray:
    """``numerator / denominator`` to whole units: half up (default), ceil or floor; the
    numerator may be negative only for floor/ceil-free half-up of a refund (symmetric)."""
    num = np.asarray(numerator, dtype=np.int64)
    if how == CEIL:
        return -((-num) // denominator)
    if how == FLOOR:
        return num // denominator
    sign = np.where(num < 0, -1, 1)
    return sign * ((2 * np.abs(num) + denominator) // (2 * denominator))


def ter_rate_units(bruto: np.ndarray, category: pd.Series, tax: TaxVersion) -> np.ndarray:
    """The TER rate (rate units) of each row's monthly bruto in its category.

    Raises:
        ValueError: a category that is not A, B or C, or a negative bruto.
    """
    amounts = np.asarray(bruto, dtype=np.int64)
    cats = category.astype("string").to_numpy()
    if amounts.size and amounts.min() < 0:
        raise ValueError("ter_rate_units: bruto must not be negative")
    out = np.full(len(amounts), -1, dtype=np.int64)
    for cat, rows in tax.ter.brackets.items():
        mask = cats == cat
        if mask.any():
            uppers, rates = _table(rows)
            out[mask] = rates[np.searchsorted(uppers, amounts[mask], side="left")]
    if (out < 0).any():
        bad = sorted({str(x) for x in cats[out < 0]})
        raise ValueError(f"ter_rate_units: unknown TER categories {bad}")
    return out


def ter_category(status: pd.Series, tax: TaxVersion) -> pd.Series:
    """'K/1' -> 'B' (PP 58/2023 Pasal 2, from the tax profile's map)."""
    return status.astype("string").map(tax.ptkp.category).astype("string")


def ptkp_amount(status: pd.Series, tax: TaxVersion) -> np.ndarray:
    """PTKP per year of each status (rupiah)."""
    amounts = {s: tax.ptkp.amount(s) for s in PTKP_STATUSES}
    return np.asarray(status.astype("string").map(amounts).astype("int64"), dtype=np.int64)


def npwp_multiplier_tenths(npwp_status: pd.Series, tax: TaxVersion) -> np.ndarray:
    """12 (x1.2) where the employee has no valid NPWP, else 10 (x1.0)."""
    none = int(tax.npwp.none_multiplier * MULTIPLIER_SCALE)
    return np.where(npwp_status.astype("string").eq(NPWP_NONE).fillna(False), none, 10)


def tax_line(
    base: np.ndarray, rate: np.ndarray, multiplier: np.ndarray | int, how: str
) -> np.ndarray:
    """``base x rate x multiplier`` rounded once to whole rupiah (the profile's rounding)."""
    num = np.asarray(base, dtype=np.int64) * np.asarray(rate, dtype=np.int64)
    num = num * np.asarray(multiplier, dtype=np.int64)
    return round_div(num, FULL * MULTIPLIER_SCALE, how)


def pasal17(pkp: np.ndarray, tax: TaxVersion) -> np.ndarray:
    """Yearly tax on PKP (rupiah, int64) with the progressive Pasal 17 rates; each bracket's
    tax is exact in rate units and the sum is rounded half up once."""
    uppers, rates = _table(tax.pasal17.brackets)
    amounts = np.maximum(np.asarray(pkp, dtype=np.int64), 0)
    total = np.zeros(len(amounts), dtype=np.int64)
    lower = 0
    for upper, rate in zip(uppers, rates, strict=True):
        slice_ = np.clip(amounts, lower, upper) - lower
        total += slice_ * rate
        lower = upper
        if upper == _OPEN:
            break
    return round_div(total, FULL)


def floor_pkp(neto_minus_ptkp: np.ndarray, tax: TaxVersion) -> np.ndarray:
    """PKP: neto minus PTKP floored to whole thousands, never negative."""
    step = tax.pasal17.pkp_floor_to
    return np.maximum(np.asarray(neto_minus_ptkp, dtype=np.int64), 0) // step * step
