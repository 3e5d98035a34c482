"""Adjustment lines for a closed month: what to pay or recover after a recomputation.

A closed month's final rows are what was paid and are never rewritten. When the month is
recomputed, each employee's line is

    difference = recomputed net - (paid net + every earlier adjustment of that employee and month)

and only non-zero differences become lines. Recomputing again with the same inputs therefore adds
nothing, and a correction that is later undone produces the opposite line. An employee who is new
in the recomputation was paid 0; one who disappeared is recomputed at 0.

The reason names each component that changed since the previous state: the previous
recomputation when there is one, else the final row.
"""

from __future__ import annotations

import pandas as pd

from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason

ADJUSTMENT_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.PAID_NET,
    c.RECOMPUTED_NET,
    c.DIFFERENCE,
    c.REASON,
    c.RUN_ID,
]
# component columns compared for the reason, with the words used in it
COMPONENTS = (
    (c.CEILING, "ceiling"),
    (c.KELAS_JABATAN, "kelas jabatan"),
    (c.PAID_DAYS, "paid days"),
    (c.CPNS_FACTOR, "CPNS factor"),
    (c.PREDIKAT, "predikat"),
    (c.KINERJA_FACTOR, "kinerja factor"),
    (c.DISIPLIN_DEDUCTION_PCT, "discipline deduction %"),
    (c.SANCTION_FACTOR, "sanction factor"),
    (c.PLT_ADDITION, "Plt/Plh addition"),
    (c.SALARY_BASE, "BPJS salary base"),
    (c.PROFILE, "profile"),
)


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("none")


def component_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.Series:
    """Per NIP of ``after``: 'discipline deduction % 10.0000 -> 5.0000; ...' (<NA> if none)."""
    b = before.drop_duplicates(c.NIP).set_index(c.NIP)
    a = after.drop_duplicates(c.NIP).set_index(c.NIP)
    b = b.reindex(a.index)
    parts = []
    for col, words in COMPONENTS:
        old, new = _text(b[col]), _text(a[col])
        changed = (old != new) & b[c.NET].notna()
        parts.append(first_reason((changed, words + " " + old + " -> " + new), index=a.index))
    return combine_reasons(*parts)


def adjustments(
    final: pd.DataFrame,
    prior: pd.DataFrame,
    basis: pd.DataFrame,
    recomputed: pd.DataFrame,
    month: str,
    run_id: str,
) -> pd.DataFrame:
    """The new adjustment lines of a closed month.

    Args:
        final: the month's final rows (what was paid): nip, net and the component columns.
        prior: the month's earlier adjustment lines (nip, difference).
        basis: the previous recomputation's rows (may be empty): the state the earlier lines
            brought the payment to, used for the reason only.
        recomputed: this recomputation's rows (same columns as ``final``).
        month: 'YYYY-MM'.
        run_id: the run writing the lines.

    Returns:
        ``ADJUSTMENT_COLUMNS``; money as int64 rupiah.
    """
    paid = final[[c.NIP, c.NET]].rename(columns={c.NET: c.PAID_NET})
    now = recomputed[[c.NIP, c.NET]].rename(columns={c.NET: c.RECOMPUTED_NET})
    lines = paid.merge(now, on=c.NIP, how="outer")
    earlier = prior.groupby(c.NIP)[c.DIFFERENCE].sum() if len(prior) else pd.Series(dtype="int64")
    settled = lines[c.NIP].map(earlier).fillna(0).astype("int64")
    lines[c.PAID_NET] = lines[c.PAID_NET].fillna(0).astype("int64")
    lines[c.RECOMPUTED_NET] = lines[c.RECOMPUTED_NET].fillna(0).astype("int64")
    lines[c.DIFFERENCE] = lines[c.RECOMPUTED_NET] - lines[c.PAID_NET] - settled
    lines = lines[lines[c.DIFFERENCE] != 0].reset_index(drop=True)
    if lines.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in ADJUSTMENT_COLUMNS})
    previous = pd.concat(
        [basis, final[~final[c.NIP].isin(basis[c.NIP])] if len(basis) else final],
        ignore_index=True,
    )
    changes = component_changes(previous, recomputed).reindex(lines[c.NIP].to_numpy())
    changes.index = lines.index
    lines[c.REASON] = combine_reasons(
        first_reason(
            (~lines[c.NIP].isin(final[c.NIP]), "not in the final list of the month"),
            (~lines[c.NIP].isin(recomputed[c.NIP]), "no longer in the month's recomputation"),
            index=lines.index,
        ),
        changes,
    ).fillna("net changed with no component change (check the profile's numbers)")
    lines[c.MONTH] = month
    lines[c.RUN_ID] = run_id
    for col in (c.NIP, c.MONTH, c.REASON, c.RUN_ID):
        lines[col] = lines[col].astype("string")
    return lines[ADJUSTMENT_COLUMNS].sort_values(c.NIP, kind="stable").reset_index(drop=True)
