"""PermenPAN-RB 6/2022 (2022 on): ratings -> predikat kinerja by the 3x3 matrix (reg §5.2 [S]),
the monthly predikat TPP needs, and semester/year results from monthly predikat.

Which assessment counts when an employee has several for one period (mutasi, Plt/Plh, the same
month in two exports) is decided by ``choose``: the definitive SKP before a Plt/Plh one (the BKN
dashboards drop ``is_plt_plh != 0``, source-formats §3.6), an assessed row before a '-' row, the
SKP with the latest ``periode_akhir`` (mutasi), then the profile's source priority, then the
file and line.
"""

from __future__ import annotations

import pandas as pd

from rules.rulebook.performance import FromMonthly, Permenpanrb6Rules
from vocabulary import columns as c
from vocabulary.performance import PREDIKAT_CODES, PREDIKAT_RANK

MONTHLY_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.PREDIKAT,
    c.RATING_HASIL_KERJA,
    c.RATING_PERILAKU,
    c.REGIME,
    c.SOURCE,
]
_CODE_OF_RANK = {rank: code for code, rank in PREDIKAT_RANK.items()}


def matrix_predikat(
    hasil_kerja: pd.Series, perilaku: pd.Series, rules: Permenpanrb6Rules
) -> pd.Series:
    """Predikat of each (rating hasil kerja, rating perilaku); <NA> where either is missing."""
    table = {f"{hk}|{p}": code for hk, row in rules.matrix.items() for p, code in row.items()}
    key = hasil_kerja.astype("string") + "|" + perilaku.astype("string")
    return key.map(table).astype("string")


def choose(assessments: pd.DataFrame, priority: list[str]) -> pd.DataFrame:
    """One assessment per (nip, period): see the module docstring for the order."""
    if assessments.empty:
        return assessments
    rank = {name: i for i, name in enumerate(priority)}
    order = assessments.assign(
        _plt=assessments[c.IS_PLT_PLH].fillna(False).astype(bool),
        _unassessed=assessments[c.PREDIKAT].isna(),
        _end=assessments[c.SKP_PERIOD_END].fillna(pd.Timestamp("1900-01-01")),
        _src=assessments[c.SOURCE].map(rank).fillna(len(rank)),
    ).sort_values(
        ["_plt", "_unassessed", "_end", "_src", c.SOURCE_FILE, c.SOURCE_LINE],
        ascending=[True, True, False, True, True, True],
        kind="stable",
    )
    first = order.drop_duplicates([c.NIP, c.PERIOD], keep="first")
    return first.drop(columns=["_plt", "_unassessed", "_end", "_src"]).sort_values(
        [c.NIP, c.PERIOD], kind="stable"
    )


def monthly_predikat(
    assessments: pd.DataFrame, month: str, regime: str, rules: Permenpanrb6Rules
) -> pd.DataFrame:
    """The predikat of one month ('YYYY-MM') per employee who has one (the TPP interface).

    Employees without an assessment for the month (or only '-') have no row.
    """
    rows = assessments[assessments[c.PERIOD] == month]
    chosen = choose(rows, rules.source_priority)
    chosen = chosen[chosen[c.PREDIKAT].notna()] if len(chosen) else chosen
    out = pd.DataFrame(
        {
            c.NIP: chosen[c.NIP].astype("string") if len(chosen) else pd.Series(dtype="string"),
            c.MONTH: month,
            c.PREDIKAT: chosen[c.PREDIKAT].astype("string") if len(chosen) else None,
            c.RATING_HASIL_KERJA: chosen[c.RATING_HASIL_KERJA] if len(chosen) else None,
            c.RATING_PERILAKU: chosen[c.RATING_PERILAKU] if len(chosen) else None,
            c.REGIME: regime,
            c.SOURCE: chosen[c.SOURCE] if len(chosen) else None,
        }
    )
    for col in MONTHLY_COLUMNS:
        out[col] = out[col].astype("string")
    return out[MONTHLY_COLUMNS].reset_index(drop=True)


def from_monthly(monthly: pd.DataFrame, rule: FromMonthly) -> pd.DataFrame:
    """A period's predikat from its monthly predikat (rows nip, month, predikat).

    Rules: ``median_low`` the lower median of the ordinal levels (Sangat Kurang = 1 ...
    Sangat Baik = 5; an even count takes the worse middle); ``latest`` the last assessed month;
    ``worst`` the lowest month; ``mode_low`` the most frequent level, ties to the worse one.
    Employees with fewer than ``min_months`` assessed months get no result.

    Returns:
        Columns nip, predikat, months (number of assessed months used).
    """
    m = monthly[[c.NIP, c.MONTH, c.PREDIKAT]].dropna(subset=[c.PREDIKAT])
    m = m.assign(_rank=m[c.PREDIKAT].map(PREDIKAT_RANK).astype("int64"))
    g = m.groupby(c.NIP, sort=True)
    months = g.size().rename("months")
    if rule.rule == "median_low":
        rank = g["_rank"].quantile(0.5, interpolation="lower")
    elif rule.rule == "worst":
        rank = g["_rank"].min()
    elif rule.rule == "latest":
        rank = m.sort_values([c.NIP, c.MONTH]).groupby(c.NIP, sort=True)["_rank"].last()
    else:  # mode_low
        counts = m.groupby([c.NIP, "_rank"]).size().rename("n").reset_index()
        counts = counts.sort_values([c.NIP, "n", "_rank"], ascending=[True, False, True])
        rank = counts.drop_duplicates(c.NIP).set_index(c.NIP)["_rank"]
    out = pd.concat([rank.rename("_rank"), months], axis=1).reset_index()
    out = out[out["months"] >= rule.min_months]
    out[c.PREDIKAT] = out["_rank"].astype("int64").map(_CODE_OF_RANK).astype("string")
    return out[[c.NIP, c.PREDIKAT, "months"]].reset_index(drop=True)


def predikat_counts(codes: pd.Series) -> dict[str, int]:
    """How many of each predikat, in the order best to worst (for summaries and metadata)."""
    counts = codes.value_counts()
    return {code: int(counts.get(code, 0)) for code in PREDIKAT_CODES}
