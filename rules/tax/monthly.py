"""The month's PPh 21 on TPP in each mode, vectorised over a whole frame (domain note §1.6).

Per row, with ``bruto_gaji`` the month's gaji gross (components + employer premiums) and
``m`` the NPWP multiplier (1.0, or 1.2 without a valid NPWP):

    ter_combined         pph21_base = bruto_gaji + TPP gross (+ employer BPJS 4 % on TPP)
                         ter_rate   = TER(category, pph21_base)
                         pph21      = max(0, round(pph21_base x ter_rate x m) - pph21_gaji)
    borne_tunjangan_pph  as ter_combined, and tunjangan_pph = pph21 (net unchanged)
    final_by_golongan    pph21_base = TPP gross; rate = PP 80/2010 final rate of the golongan
                         pph21      = round(TPP gross x rate x m)
    not_computed         nothing withheld (pph21_base, rate, pph21 = 0)

``pph21_gaji`` is the PPh on gaji the payroll export states, else
``round(bruto_gaji x TER(category, bruto_gaji) x m)`` (noted). In the month THR or gaji-13 TPP
is paid (``thr13_gross``), ``pph21_base`` and the rate include it, ``pph21`` stays the tax of the
month without it (what the monthly TPP withholds) and ``pph21_thr13`` = the tax with it - the
tax without it (rules/tpp/thr13.py). Every tax line is rounded once to
whole rupiah with the tax profile's ``rounding.monthly`` (half up). The December / last-month
true-up is ``rules.tax.year_end``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.tax.profile import TaxVersion
from rules.tax.rates import npwp_multiplier_tenths, tax_line, ter_category, ter_rate_units
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason
from vocabulary.tax import (
    BORNE_TUNJANGAN_PPH,
    FINAL_BY_GOLONGAN,
    MODES,
    NOT_COMPUTED,
    PPPK,
    TER_MODES,
)
from vocabulary.units import decimal_text, pct_units

TAX_COLUMNS = [
    c.PTKP_STATUS,
    c.TER_CATEGORY,
    c.PPH21_BASE,
    c.TER_RATE_PCT,
    c.PPH21_GAJI,
    c.PPH21,
    c.TUNJANGAN_PPH,
    c.NPWP_MULTIPLIER,
    c.PPH21_MODE,
]
RATE_DECIMALS = 4  # ter_rate_pct as DECIMAL(9,4) percent, like the other percentages
MULTIPLIER_DECIMALS = 1


def _ints(values: pd.Series) -> np.ndarray:
    return np.asarray(pd.Series(values).fillna(0).astype("int64"), dtype=np.int64)


def final_rate_units(
    kind: pd.Series, golongan: pd.Series, tax: TaxVersion
) -> tuple[np.ndarray, pd.Series]:
    """PP 80/2010 final rate (rate units) per row from the employee kind and golongan
    ('III/c' -> III for PNS; the roman numeral for PPPK), and a note where none is known."""
    roman = golongan.astype("string").str.strip().str.split("/").str[0].str.upper()
    pppk = kind.astype("string").eq(PPPK).fillna(False)
    pns_rates = {g: pct_units(r) for g, r in tax.final_rates.pns.items()}
    pppk_rates = {g: pct_units(r) for g, r in tax.final_rates.pppk.items()}
    rate = roman.map(pns_rates).where(~pppk, roman.map(pppk_rates))
    note = first_reason(
        (
            rate.isna(),
            "no PP 80/2010 final rate for golongan '" + golongan.astype("string").fillna("")
            + "': 0 % withheld",
        ),
        index=kind.index,
    )  # fmt: skip
    return _ints(rate), note


def withhold_month(
    rows: pd.DataFrame,
    mode: pd.Series,
    include_employer_bpjs: pd.Series | bool,
    tax: TaxVersion,
) -> pd.DataFrame:
    """The tax columns of one month's TPP rows.

    Args:
        rows: per employee ``employee_kind``, ``golongan``, ``ptkp_status`` (TK/0..K/3),
            ``npwp_status`` (valid/none), ``gross`` (TPP, rupiah), ``bpjs_employer`` (4 % on
            TPP), ``gaji_bruto`` (Int64; <NA> without payroll) and ``pph21_gaji_payroll``
            (Int64; <NA> when the payroll export does not state it).
        mode: the PPh mode of each row (regional profile, per employee kind).
        include_employer_bpjs: whether the employer BPJS on TPP is part of the TER gross.
        tax: the tax profile version in force in the month.

    Returns:
        ``TAX_COLUMNS`` plus ``notes``, on ``rows.index``; money int64 rupiah, the rate and the
        multiplier exact decimal text.

    Raises:
        ValueError: an unknown mode or PTKP status.
    """
    idx = rows.index
    mode = pd.Series(mode, index=idx).astype("string")
    unknown = sorted(set(mode.dropna()) - set(MODES))
    if unknown or mode.isna().any():
        raise ValueError(f"withhold_month: unknown PPh 21 modes {unknown or ['<NA>']}")
    status = rows[c.PTKP_STATUS].astype("string")
    category = ter_category(status, tax)
    if category.isna().any():
        bad = sorted({str(s) for s in status[category.isna()]})
        raise ValueError(f"withhold_month: unknown PTKP statuses {bad}")
    how = tax.rounding.monthly
    mult = npwp_multiplier_tenths(rows[c.NPWP_STATUS], tax)
    gross = _ints(rows[c.GROSS])
    employer = _ints(rows[c.BPJS_EMPLOYER])
    include = np.asarray(pd.Series(include_employer_bpjs, index=idx).astype(bool))
    gaji_known = rows[c.GAJI_BRUTO].notna().to_numpy()
    gaji = _ints(rows[c.GAJI_BRUTO])
    stated = rows[c.PPH21_GAJI_PAYROLL].notna().to_numpy()
    gaji_tax = np.where(
        stated,
        _ints(rows[c.PPH21_GAJI_PAYROLL]),
        tax_line(gaji, ter_rate_units(gaji, category, tax), mult, how),
    )

    ter = mode.isin(TER_MODES).to_numpy()
    final = mode.eq(FINAL_BY_GOLONGAN).to_numpy()
    computed = ~mode.eq(NOT_COMPUTED).to_numpy()
    combined_base = gaji + gross + np.where(include, employer, 0)
    base = np.where(ter, combined_base, np.where(final, gross, 0))
    final_rate, final_note = final_rate_units(rows[c.EMPLOYEE_KIND], rows[c.GOLONGAN], tax)
    rate = np.where(ter, ter_rate_units(base, category, tax), np.where(final, final_rate, 0))
    total = tax_line(base, rate, mult, how)
    # THR/13 TPP paid this month (issue 21): the month's TER line takes it, and its tax is the
    # month's tax with it minus without it
    extra = _ints(rows[c.THR13_GROSS]) if c.THR13_GROSS in rows else np.zeros(len(idx), np.int64)
    extra = np.where(ter | final, extra, 0)
    base_with = base + extra
    rate_with = np.where(
        ter, ter_rate_units(base_with, category, tax), np.where(final, final_rate, 0)
    )
    thr_tax = np.where(extra > 0, tax_line(base_with, rate_with, mult, how) - total, 0)
    pph_gaji = np.where(computed, gaji_tax, 0)
    pph = np.where(ter, np.maximum(total - pph_gaji, 0), np.where(final, total, 0))
    borne = mode.eq(BORNE_TUNJANGAN_PPH).to_numpy()

    out = pd.DataFrame(index=idx)
    out[c.PTKP_STATUS] = status
    out[c.TER_CATEGORY] = category
    out[c.PPH21_BASE] = base_with.astype("int64")
    out[c.TER_RATE_PCT] = decimal_text(rate_with, RATE_DECIMALS).to_numpy()
    out[c.THR13_GROSS] = extra.astype("int64")
    out[c.PPH21_THR13] = thr_tax.astype("int64")
    out[c.PPH21_GAJI] = pph_gaji.astype("int64")
    out[c.PPH21] = pph.astype("int64")
    out[c.TUNJANGAN_PPH] = np.where(borne, pph, 0).astype("int64")
    out[c.NPWP_MULTIPLIER] = decimal_text(mult, MULTIPLIER_DECIMALS).to_numpy()
    out[c.PPH21_MODE] = mode
    s_computed = pd.Series(computed, index=idx)
    out[c.NOTES] = combine_reasons(
        first_reason(
            (
                s_computed & ~pd.Series(gaji_known, index=idx),
                "no payroll gross for the month: PPh 21 on TPP alone (the year-end corrects)",
            ),
            (
                pd.Series(ter & ~stated, index=idx),
                "PPh 21 on gaji computed with TER (the payroll export does not state it)",
            ),
            index=idx,
        ),
        final_note.where(pd.Series(final, index=idx)),
    )
    return out
