"""BPJS Kesehatan on TPP (reg §9.1).

BPJS: the salary base (the profile's payroll components: gaji pokok, tunjangan keluarga,
tunjangan jabatan, tunjangan umum; Perpres 75/2019 Pasal 30) and TPP together are capped at
Rp 12.000.000, so the TPP base is ``min(gross, max(0, ceiling - salary base))``; employer 4 % and
employee 1 % of it, each rounded half up to Rp 1. The salary base comes from the month's payroll
row, else the latest earlier month's (noted); without any payroll row it is taken as 0 and noted,
so the whole TPP up to the cap is the base.

PPh 21 is rules/tax (the modes, TER, the December true-up); docs/tpp.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.rulebook.tpp import BpjsRules
from rules.tpp.money import FULL, as_int, div_half_up
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.units import pct_units


def salary_base(
    nips: pd.Series, payroll: pd.DataFrame, rules: BpjsRules, month: str
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The BPJS salary base of each employee for ``month``.

    Returns:
        salary base in rupiah (<NA> without payroll), the payroll month used, and a note.
    """
    cols = list(rules.salary_components)
    rows = payroll[payroll[c.MONTH] <= month] if len(payroll) else payroll
    if rows.empty:
        none = pd.Series(pd.NA, index=nips.index)
        note = pd.Series(
            "no payroll row: BPJS salary base taken as 0", index=nips.index, dtype="string"
        )
        return none.astype("Int64"), none.astype("string"), note
    rows = rows.assign(_base=rows[cols].astype("int64").sum(axis=1))
    latest = rows.sort_values([c.NIP, c.MONTH], kind="stable").drop_duplicates(c.NIP, keep="last")
    latest = latest.set_index(c.NIP)
    key = nips.astype("string")
    base = key.map(latest["_base"]).astype("Int64").set_axis(nips.index)
    used = key.map(latest[c.MONTH]).astype("string").set_axis(nips.index)
    note = first_reason(
        (used.isna(), "no payroll row: BPJS salary base taken as 0"),
        (used != month, "no payroll row for the month: BPJS salary base from " + used.fillna("")),
        index=nips.index,
    )
    return base, used, note


def bpjs(
    gross: np.ndarray, salary: pd.Series, rules: BpjsRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(TPP base, employer share, employee share) in rupiah."""
    room = np.maximum(rules.ceiling - as_int(salary.fillna(0).astype("int64")), 0)
    base = np.minimum(as_int(gross), room)
    employer = div_half_up(base * pct_units(rules.employer_pct), FULL)
    employee = div_half_up(base * pct_units(rules.employee_pct), FULL)
    return base, employer, employee
