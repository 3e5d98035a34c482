"""Small vectorised helpers shared by the regime engines: thresholds and rounding."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.rulebook.performance import Threshold

DECIMALS = 2  # published scores have two decimals, rounded half up [I]: no rule text found


def round_half_up(values: pd.Series, decimals: int = DECIMALS) -> pd.Series:
    """Round half away from zero at ``decimals`` places (85.505 -> 85.51).

    Scores are computed in binary floating point; the 1e-9 nudge makes values such as
    41.525 (stored as 41.52499...) round the way a person with a calculator does.
    """
    x = values.astype("float64").to_numpy()
    scale = 10.0**decimals
    out = np.sign(x) * np.floor(np.abs(x) * scale + 0.5 + 1e-9) / scale
    return pd.Series(out, index=values.index, dtype="float64")


def apply_thresholds(values: pd.Series, levels: list[Threshold]) -> pd.Series:
    """The predikat code of each value (highest threshold first); <NA> where the value is."""
    x = values.astype("float64")
    out = pd.Series(pd.NA, index=values.index, dtype="string")
    for level in levels:
        if level.min is None:
            hit = x.notna()
        elif level.inclusive:
            hit = x >= float(level.min)
        else:
            hit = x > float(level.min)
        out = out.mask(out.isna() & hit.fillna(False), level.predikat)
    return out
