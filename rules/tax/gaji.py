"""The month's gaji gross for PPh 21 and the employee's pension/THT contribution, from the
payroll components (PMK 168/2023 Pasal 5(1); domain note §1.4).

    gaji_bruto    = gaji pokok + tunjangan keluarga + jabatan + umum + beras + lain
                    + BPJS 4 % x min(gaji pokok + keluarga + jabatan + umum, 12,000,000)
                    + JKK 0.24 % x gaji pokok + JKM 0.72 % x gaji pokok
    iuran_pensiun = (4.75 % + 3.25 %) x (gaji pokok + tunjangan keluarga)   (PNS only)

each premium rounded half up to Rp 1; rates, bases and who pays iuran are the tax profile's. The
tunjangan PPh of a PNS slip is not part of the gross (the simgaji fixture's 75,024 is 1 % of the
gross without it; E0 of the domain note).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.tax.profile import TaxVersion
from rules.tax.rates import FULL, round_div
from vocabulary import columns as c
from vocabulary.units import pct_units

GROSS_PARTS = (
    c.GAJI_POKOK,
    c.TUNJANGAN_KELUARGA,
    c.TUNJANGAN_JABATAN,
    c.TUNJANGAN_UMUM,
    c.TUNJANGAN_BERAS,
    c.TUNJANGAN_LAIN,
)


def _sum(payroll: pd.DataFrame, parts: list[str] | tuple[str, ...]) -> np.ndarray:
    total = np.zeros(len(payroll), dtype=np.int64)
    for part in parts:
        if part in payroll:
            total += np.asarray(payroll[part].fillna(0).astype("int64"), dtype=np.int64)
    return total


def gaji_bruto(payroll: pd.DataFrame, tax: TaxVersion) -> np.ndarray:
    """The month's gaji gross (rupiah) of each payroll row."""
    p = tax.employer_premiums
    bpjs_base = np.minimum(_sum(payroll, p.bpjs_base), p.bpjs_ceiling)
    premium_base = _sum(payroll, p.jkk_jkm_base)
    premiums = (
        round_div(bpjs_base * pct_units(p.bpjs_pct), FULL)
        + round_div(premium_base * pct_units(p.jkk_pct), FULL)
        + round_div(premium_base * pct_units(p.jkm_pct), FULL)
    )
    return _sum(payroll, GROSS_PARTS) + premiums


def iuran_pensiun(payroll: pd.DataFrame, kind: pd.Series, tax: TaxVersion) -> np.ndarray:
    """The employee's pension + THT contribution of the month (0 for kinds that pay none)."""
    rules = tax.iuran_pensiun
    pays = kind.astype("string").isin(rules.applies_to).fillna(False).to_numpy()
    amount = round_div(
        _sum(payroll, rules.base) * pct_units(rules.pension_pct + rules.tht_pct), FULL
    )
    return np.where(pays, amount, 0).astype(np.int64)
