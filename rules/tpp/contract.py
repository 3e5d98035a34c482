"""Checks on a month's TPP rows: the identities every row must satisfy (a blocking contract)
and counts of rows computed with a missing input (a warning HR can act on)."""

from __future__ import annotations

import pandas as pd

from rules.tax.inputs import NO_PTKP
from vocabulary import columns as c
from vocabulary.tpp import RUPIAH_COLUMNS, SIGNED_RUPIAH_COLUMNS


def contract_failures(tpp: pd.DataFrame) -> dict[str, int]:
    """Rows breaking each identity; an empty dict means the month is consistent."""
    money = {col: tpp[col].astype("int64") for col in RUPIAH_COLUMNS}
    checks = {
        "duplicate nip": tpp.duplicated([c.NIP, c.MONTH]),
        "negative amount": pd.concat(
            [v < 0 for k, v in money.items() if k not in SIGNED_RUPIAH_COLUMNS], axis=1
        ).any(axis=1),
        "gross != kinerja_paid + disiplin_paid + plt_addition": money[c.GROSS]
        != money[c.KINERJA_PAID] + money[c.DISIPLIN_PAID] + money[c.PLT_ADDITION],
        "net != gross - bpjs_employee - pph21 - adjustment + tunjangan_pph": money[c.NET]
        != money[c.GROSS]
        - money[c.BPJS_EMPLOYEE]
        - money[c.PPH21]
        - money[c.PPH21_DECEMBER_ADJUSTMENT]
        + money[c.TUNJANGAN_PPH],
        "bpjs_base > gross": money[c.BPJS_BASE] > money[c.GROSS],
        "paid_days > month_workdays": tpp[c.PAID_DAYS] > tpp[c.MONTH_WORKDAYS],
    }
    return {name: int(mask.sum()) for name, mask in checks.items() if mask.any()}


def missing_inputs(tpp: pd.DataFrame) -> dict[str, int]:
    """Rows computed without one of their inputs (each also explained in ``notes``)."""
    notes = tpp[c.NOTES].astype("string").fillna("")
    return {
        "no ceiling (ceiling 0)": int(notes.str.contains("ceiling 0", regex=False).sum()),
        "no predikat for the month": int(tpp[c.PREDIKAT].isna().sum()),
        "no PTKP status (default used)": int(notes.str.contains(NO_PTKP, regex=False).sum()),
        "no payroll row for the month": int(
            (tpp[c.SALARY_MONTH] != tpp[c.MONTH]).fillna(True).sum()
        ),
    }
