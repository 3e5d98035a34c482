"""December (or last-month) Pasal 17 true-up and the yearly per-employee summary (1721-A2).

In January–November the tax is the month's TER (``rules.tax.monthly``). In the last month of
the tax year (December, or the month the employee leaves: pensiun, death, mutasi out) the year is
recomputed from the months held (domain note §1.3, PMK 168/2023):

    bruto_year    = sum of pph21_base (gaji bruto + TPP gross + employer BPJS on TPP)
    biaya_jabatan = min(round(5 % x bruto_year), 6,000,000, 500,000 x months of the masa)
    iuran         = sum of iuran_pensiun (PNS Taspen 4.75 % + 3.25 %)
    neto_year     = bruto_year - biaya_jabatan - iuran
    pkp           = floor_to_thousand(neto_year - PTKP), never negative
    pph_year      = round(Pasal17(pkp) x npwp multiplier)
    adjustment    = pph_year - sum of everything withheld in the year (PPh on gaji + PPh on TPP
                    + PPh on THR/13 TPP, borne or not; the last month's TER included)

The adjustment is withheld in the last month beside its TER line (``pph21_december_adjustment``);
negative is a refund line paid with the TPP. Months the warehouse does not hold are listed and
flagged, never filled in; a new hire's months before the TMT are not missing, and the masa
perolehan (``first_month`` .. ``last_month``, ``number_of_months``, ``status_of_withholding``
FullYear | PartialYear) is what the A2 carries (issue 21). Only TER modes take part; a
final_by_golongan TPP is final income and not_computed leaves the year to finance's tax system
(adjustment 0, noted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.tax.profile import TaxVersion
from rules.tax.rates import (
    MULTIPLIER_SCALE,
    floor_pkp,
    pasal17,
    ptkp_amount,
    round_div,
)
from vocabulary import columns as c
from vocabulary.tax import TER_MODES
from vocabulary.units import pct_units, text_to_scaled

YEAR = "year"
MONTHS_HELD = "months_held"
MISSING_MONTHS = "missing_months"
TPP_BRUTO = "tpp_bruto"  # TPP gross + employer BPJS on TPP
BRUTO_YEAR = "bruto_year"
BIAYA_JABATAN = "biaya_jabatan"
NETO_YEAR = "neto_year"
PTKP = "ptkp"
PKP = "pkp"
PPH_YEAR = "pph_year"
WITHHELD_GAJI = "withheld_gaji"
WITHHELD_TPP = "withheld_tpp"  # pph21 + adjustments of the months before the last
WITHHELD_BEFORE_LAST = "withheld_before_last"  # everything withheld before the last month
LAST_MONTH = "last_month"
LAST_MONTH_PPH = "last_month_pph"  # what the last month withholds on TPP: pph21 + adjustment
ADJUSTMENT = c.PPH21_DECEMBER_ADJUSTMENT
CLOSED = "closed"  # the year-end was computed (TER mode in the last month)
# issue 21 (appended; the columns above keep their meaning): the masa perolehan of the A2
FIRST_MONTH = "first_month"  # the first month of work in the year (TMT of a new hire, or January)
NUMBER_OF_MONTHS = "number_of_months"  # months of the masa perolehan (first .. last month)
STATUS_OF_WITHHOLDING = "status_of_withholding"  # FullYear | PartialYear ('' while open)
FULL_YEAR = "FullYear"
PARTIAL_YEAR = "PartialYear"

SUMMARY_COLUMNS = [
    c.NIP,
    YEAR,
    c.PPH21_MODE,
    c.PTKP_STATUS,
    c.NPWP_MULTIPLIER,
    MONTHS_HELD,
    MISSING_MONTHS,
    c.GAJI_BRUTO,
    c.GROSS,
    c.BPJS_EMPLOYER,
    BRUTO_YEAR,
    BIAYA_JABATAN,
    c.IURAN_PENSIUN,
    NETO_YEAR,
    PTKP,
    PKP,
    PPH_YEAR,
    WITHHELD_GAJI,
    WITHHELD_TPP,
    WITHHELD_BEFORE_LAST,
    LAST_MONTH,
    LAST_MONTH_PPH,
    ADJUSTMENT,
    c.TUNJANGAN_PPH,
    CLOSED,
    FIRST_MONTH,
    NUMBER_OF_MONTHS,
    STATUS_OF_WITHHOLDING,
    c.TAX_YEAR_END,
    c.PTKP_SOURCE,
]


def _int(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame:
        return pd.Series(0, index=frame.index, dtype="int64")
    return frame[col].fillna(0).astype("int64")


def year_end(
    months: pd.DataFrame,
    tax: TaxVersion,
    last_month: pd.Series,
    first_month: pd.Series | None = None,
    year_end_kind: pd.Series | None = None,
) -> pd.DataFrame:
    """The yearly figures and the last month's adjustment, one row per employee.

    Args:
        months: the year's TPP rows of the employees (one per NIP and month, the last month
            included with its monthly tax already computed): ``nip``, ``month``,
            ``pph21_mode``, ``ptkp_status``, ``npwp_multiplier``, ``pph21_base``,
            ``gaji_bruto``, ``gross``, ``bpjs_employer``, ``iuran_pensiun``, ``pph21_gaji``,
            ``pph21``, ``pph21_december_adjustment`` (of earlier months; 0 normally),
            ``tunjangan_pph``.
        tax: the tax profile version in force in the last month.
        last_month: per NIP (index) the tax year's last month for that employee ('2024-12',
            or the month they left); NIPs absent here are summarised without closing.
        first_month: per NIP the first month of work in the year ('2024-10' for a CPNS with
            TMT in October); absent: January. Months before it are never "missing", and the
            masa perolehan starts there.
        year_end_kind: per NIP why the year ends in ``last_month`` (december, pensiun,
            berhenti, mutasi_keluar), written to ``tax_year_end``.

    Returns:
        ``SUMMARY_COLUMNS``; ``pph21_december_adjustment`` is the true-up to withhold in the
        last month (0 where the year is not closed).
    """
    if months.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in SUMMARY_COLUMNS})
    rows = months.sort_values([c.NIP, c.MONTH], kind="stable")
    rows = rows.assign(
        _gaji_tax=_int(rows, c.PPH21_GAJI),
        _tpp_tax=_int(rows, c.PPH21) + _int(rows, ADJUSTMENT) + _int(rows, c.PPH21_THR13),
    )
    last = rows.drop_duplicates(c.NIP, keep="last").set_index(c.NIP)
    first = rows.drop_duplicates(c.NIP, keep="first").set_index(c.NIP)
    g = rows.groupby(c.NIP, sort=True)
    out = pd.DataFrame(index=last.index)
    out[YEAR] = last[c.MONTH].astype("string").str.slice(0, 4)
    out[c.PPH21_MODE] = last[c.PPH21_MODE].astype("string")
    out[c.PTKP_STATUS] = first[c.PTKP_STATUS].astype("string")  # at the start of the year
    out[c.NPWP_MULTIPLIER] = last[c.NPWP_MULTIPLIER].astype("string")
    for col in (c.GAJI_BRUTO, c.GROSS, c.BPJS_EMPLOYER, c.IURAN_PENSIUN, c.TUNJANGAN_PPH):
        out[col] = g[col].sum().astype("int64") if col in rows else 0
    ter_rows = rows[rows[c.PPH21_MODE].astype("string").isin(TER_MODES)]
    bruto = ter_rows.groupby(c.NIP)[c.PPH21_BASE].sum().reindex(out.index, fill_value=0)
    out[BRUTO_YEAR] = bruto.astype("int64")
    year = out[YEAR].astype(str)
    start = (year + "-01").astype("string")
    if first_month is not None:
        given = first_month.astype("string").reindex(out.index)
        start = given.where(given.notna() & (given > start), start).astype("string")
    through = last_month.astype("string").reindex(out.index)
    end = through.fillna(last[c.MONTH].astype("string"))
    months_in = _month_number(end) - _month_number(start) + 1
    out[FIRST_MONTH] = start
    out[NUMBER_OF_MONTHS] = np.maximum(months_in, 0).astype("int64")
    bj = tax.biaya_jabatan
    cap = np.full(len(out), bj.max_per_year, dtype=np.int64)
    if bj.part_year_cap == "per_month":
        cap = np.minimum(cap, bj.max_per_month * out[NUMBER_OF_MONTHS].to_numpy())
    out[BIAYA_JABATAN] = np.minimum(
        round_div(out[BRUTO_YEAR].to_numpy() * pct_units(bj.pct), 100 * pct_units(1)),
        cap,
    )
    iuran = ter_rows.groupby(c.NIP)[c.IURAN_PENSIUN].sum().reindex(out.index, fill_value=0)
    out[NETO_YEAR] = out[BRUTO_YEAR] - out[BIAYA_JABATAN] - iuran.astype("int64")
    out[PTKP] = ptkp_amount(out[c.PTKP_STATUS], tax)
    out[PKP] = floor_pkp((out[NETO_YEAR] - out[PTKP]).to_numpy(), tax)
    mult = text_to_scaled(out[c.NPWP_MULTIPLIER], 1)
    out[PPH_YEAR] = round_div(pasal17(out[PKP].to_numpy(), tax) * mult, MULTIPLIER_SCALE)
    out[WITHHELD_GAJI] = g["_gaji_tax"].sum().astype("int64")
    # the last month's own adjustment (set when the year was closed before) is left out, so a
    # rerun on stored rows gives the same adjustment
    last_adjustment = _int(last, ADJUSTMENT)
    tpp_withheld = g["_tpp_tax"].sum().astype("int64") - last_adjustment
    last_total = last["_gaji_tax"] + _int(last, c.PPH21)
    out[WITHHELD_BEFORE_LAST] = out[WITHHELD_GAJI] + tpp_withheld - last_total

    held = g[c.MONTH].agg(lambda m: sorted(set(m.astype(str))))
    out[MONTHS_HELD] = held.map(len).astype("int64")
    out[MISSING_MONTHS] = [_missing(h, t, f) for h, t, f in zip(held, end, start, strict=True)]
    out[LAST_MONTH] = through
    closing = (
        through.notna()
        & through.eq(last[c.MONTH].astype("string"))
        & out[c.PPH21_MODE].isin(TER_MODES)
    ).fillna(False)
    out[CLOSED] = closing.astype(bool)
    adjustment = out[PPH_YEAR] - (out[WITHHELD_GAJI] + tpp_withheld)
    out[ADJUSTMENT] = np.where(closing, adjustment, last_adjustment).astype("int64")
    out[WITHHELD_TPP] = (tpp_withheld + out[ADJUSTMENT]).astype("int64")
    out[LAST_MONTH_PPH] = np.where(closing, _int(last, c.PPH21) + out[ADJUSTMENT], 0)
    out[LAST_MONTH_PPH] = out[LAST_MONTH_PPH].astype("int64")
    full = closing & (out[NUMBER_OF_MONTHS] == 12)
    out[STATUS_OF_WITHHOLDING] = np.where(full, FULL_YEAR, np.where(closing, PARTIAL_YEAR, ""))
    kind = (
        year_end_kind.astype("string").reindex(out.index)
        if year_end_kind is not None
        else pd.Series(pd.NA, index=out.index, dtype="string")
    )
    out[c.TAX_YEAR_END] = kind.where(closing).astype("string")
    source = _text(first, c.PTKP_SOURCE)
    out[c.PTKP_SOURCE] = source
    return out.reset_index()[SUMMARY_COLUMNS]


def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame[col].astype("string")


def _month_number(months: pd.Series) -> np.ndarray:
    """'2024-10' -> 10 (months of one year)."""
    return months.astype(str).str.slice(5, 7).astype("int64").to_numpy()


def _missing(held: list[str], through: str, since: str | None = None) -> str:
    """The months from ``since`` (January by default) up to ``through`` without a row, as
    'YYYY-MM, ...' ('' if none): a new hire's months before the TMT are not missing."""
    year, upto = through[:4], int(through[5:7])
    start = int(since[5:7]) if since and since[:4] == year else 1
    wanted = [f"{year}-{m:02d}" for m in range(start, upto + 1)]
    return ", ".join(m for m in wanted if m not in set(held))
