"""Which regulation regime a performance period falls under.

Period labels themselves ('2024-03', '2021-Q3', '2021-S2', '2021') are vocabulary:
``vocabulary.units`` parses them and converts partition keys.
"""

from __future__ import annotations

import pandas as pd

from rules.rulebook.performance import PerformanceRules


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
