"""PP 94/2021 hukuman disiplin that cut TPP (reg §8): the month's sanction factor.

A ``pemotongan_tpp`` sanction (hukuman sedang: 25 % for 6, 9 or 12 months) applies from the
month after the decision (profile ``tpp.sanctions.start``) for its number of months. Two cuts in
the same month do not add up: the larger applies (profile source note). Other types change no
percentage here.
"""

from __future__ import annotations

import pandas as pd

from rules.rulebook.tpp import SanctionRules
from rules.tpp.money import FULL
from vocabulary import columns as c
from vocabulary.frames import combine_reasons
from vocabulary.units import decimal_text, pct_units


def _month_index(values: pd.Series) -> pd.Series:
    d = pd.to_datetime(values)
    return d.dt.year * 12 + d.dt.month - 1


def sanction_factor(
    nips: pd.Series, sanctions: pd.DataFrame, rules: SanctionRules, month: str
) -> tuple[pd.Series, pd.Series]:
    """The sanction factor of each employee for ``month`` ('YYYY-MM').

    Args:
        nips: the employees of the month.
        sanctions: valid sanctions (nip, sanction_type, decision_date, months).
        rules: the profile's sanction rules.
        month: the month.

    Returns:
        The factor in percentage units (``FULL`` = 1, no cut) aligned with ``nips``, and a note
        per employee naming the sanction that applies (<NA> when none).
    """
    factor = pd.Series(FULL, index=nips.index, dtype="int64")
    note = pd.Series(pd.NA, index=nips.index, dtype="string")
    cuts = {kind: pct_units(pct) for kind, pct in rules.cut_pct.items()}
    s = sanctions[sanctions[c.SANCTION_TYPE].isin(list(cuts))] if len(sanctions) else sanctions
    if s.empty:
        return factor, note
    here = int(month[:4]) * 12 + int(month[5:7]) - 1
    offset = 1 if rules.start == "month_after_decision" else 0
    start = _month_index(s[c.DECISION_DATE]) + offset
    active = (start <= here) & (here <= start + s[c.MONTHS].astype("int64") - 1)
    s = s[active.to_numpy()].copy()
    if s.empty:
        return factor, note
    s["_cut"] = s[c.SANCTION_TYPE].map(cuts).astype("int64")
    first = _month_index(s[c.DECISION_DATE]) + offset
    s["_note"] = (
        "PP 94/2021 "
        + s[c.SANCTION_TYPE].astype("string")
        + " "
        + decimal_text(s["_cut"], 4).str.rstrip("0").str.rstrip(".")
        + "% (decision "
        + pd.to_datetime(s[c.DECISION_DATE]).dt.strftime("%Y-%m-%d").astype("string")
        + ", "
        + s[c.MONTHS].astype("string")
        + " months from "
        + (first // 12).astype("string")
        + "-"
        + (first % 12 + 1).astype("string").str.zfill(2)
        + ")"
    )
    s = s.sort_values([c.NIP, "_cut"], ascending=[True, False], kind="stable")
    largest = s.drop_duplicates(c.NIP).set_index(c.NIP)
    pos = nips.astype("string")
    factor = (FULL - pos.map(largest["_cut"]).fillna(0).astype("int64")).set_axis(nips.index)
    rest = s.assign(_k=s.groupby(c.NIP).cumcount())
    wide = rest.pivot(index=c.NIP, columns="_k", values="_note").astype("string")
    notes = combine_reasons(*[wide[k] for k in wide.columns])
    return factor.astype("int64"), pos.map(notes).astype("string").set_axis(nips.index)
