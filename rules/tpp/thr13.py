"""THR and gaji ke-13 TPP (issue 21; domain note year-end §1).

Per year the profile's ``tpp.thr_13.years`` says which month's TPP each payment is based on and
the month it is paid. For each payment:

    eligible      = on the reference month's TPP (a row with TPP > 0 in that month), still in
                    service in the pay month, and no excluded status (CLTN) in force in the
                    reference month
    base          = the TPP paid for the reference month (gross, after its cuts), or with
                    ``apply_reference_month_cuts: false`` the basic TPP (ceiling x CPNS factor)
    tpp_amount    = round_half_up(base x tpp_share_pct / 100), then for a CPNS
                    round_half_up(that x cpns_pct / 100)

The amount enters the TER line of the pay month (``rules.tax.monthly``): the month's TER base
grows by it, and the THR/13 tax is the month's TER tax with it minus without it
(``pph21_thr13``); the December / last-month Pasal 17 true-up counts both. Where the rule says
the government bears the tax it is shown as ``pph21_borne_by_government`` and ``net`` is the
whole amount; otherwise it is deducted. No iuran, BPJS or other deduction is taken on THR/13
[V]. Once the pay month is closed its rows are what was paid and are never rewritten: a
recomputation becomes adjustment lines (``thr13_adjustments``), as for the monthly TPP. Only
the TPP part is modelled: gaji pokok and tunjangan of THR/13 come from the payroll's own THR
export, which this pipeline does not read (docs/tpp.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.rulebook.tpp import Thr13Rules, Thr13Year
from rules.tpp.money import FULL, div_half_up
from rules.tpp.pph21 import left_before
from vocabulary import columns as c
from vocabulary.units import pct_units

THR = "thr"
GAJI13 = "gaji13"
KINDS = (THR, GAJI13)
FACT_COLUMNS = [
    c.NIP,
    c.YEAR,
    c.KIND,
    c.REFERENCE_MONTH,
    c.PAY_MONTH,
    c.UNIT_INDUK,
    c.TPP_AMOUNT,
    c.PPH21,
    c.PPH21_BORNE_BY_GOVERNMENT,
    c.NET,
    c.NOTES,
]


def payments_due(rules: Thr13Rules | None, month: str) -> list[tuple[str, str, Thr13Year]]:
    """(kind, reference month 'YYYY-MM', the year's rule) of each payment paid in ``month``."""
    if rules is None:
        return []
    year = int(month[:4])
    rule = rules.years.get(year)
    if rule is None:
        return []
    due = []
    for kind in KINDS:
        payment = getattr(rule, kind)
        if payment.pay_month == int(month[5:7]):
            due.append((kind, f"{year}-{payment.reference_month:02d}", rule))
    return due


def _excluded(nips: pd.Series, events: pd.DataFrame, statuses: list[str], ref: str) -> pd.Series:
    first = pd.Timestamp(ref + "-01")
    last = first + pd.offsets.MonthEnd(0)
    if events is None or events.empty or not statuses:
        return pd.Series(False, index=nips.index)
    ev = events[events[c.STATUS].isin(statuses)]
    start = pd.to_datetime(ev[c.DATE_FROM])
    end = pd.to_datetime(ev[c.DATE_TO]).fillna(pd.Timestamp.max)
    hit = ev[(start <= last) & (end >= first)]
    return nips.astype("string").isin(set(hit[c.NIP].astype("string")))


def thr13_payments(
    reference: pd.DataFrame,
    paid_in_month: pd.Series,
    status_events: pd.DataFrame,
    kind: str,
    ref_month: str,
    pay_month: str,
    rule: Thr13Year,
) -> pd.DataFrame:
    """One payment's rows (``FACT_COLUMNS``; the tax columns 0 until the pay month's TER line
    gives them: ``with_tax``).

    Args:
        reference: the reference month's TPP rows (``nip``, ``unit_induk``, ``employee_kind``,
            ``gross``, ``ceiling``, ``cpns_factor`` as text).
        paid_in_month: the NIPs with a TPP row in the pay month (still in service).
        status_events: valid status events.
        kind: ``thr`` or ``gaji13``.
        ref_month, pay_month: 'YYYY-MM'.
        rule: the year's rule.
    """
    ref = reference.drop_duplicates(c.NIP).reset_index(drop=True)
    nips = ref[c.NIP].astype("string")
    cpns = ref[c.CPNS_FACTOR].astype("string").ne("1.000000").fillna(False)
    if rule.apply_reference_month_cuts:
        base = ref[c.GROSS].fillna(0).astype("int64").to_numpy()
    else:
        factor = pd.to_numeric(ref[c.CPNS_FACTOR], errors="coerce").fillna(1)
        units = (factor * FULL).round().astype("int64").to_numpy()
        base = div_half_up(ref[c.CEILING].fillna(0).astype("int64").to_numpy() * units, FULL)
    share = pct_units(rule.tpp_share_pct)
    cpns_units = np.where(cpns.to_numpy(), pct_units(rule.cpns_pct), FULL)
    amount = div_half_up(np.asarray(base, dtype=np.int64) * share, FULL)
    amount = np.where(cpns.to_numpy(), div_half_up(amount * cpns_units, FULL), amount)
    excluded = _excluded(nips, status_events, list(rule.exclude_statuses), ref_month)
    still = nips.isin(set(paid_in_month.astype("string")))
    keep = (amount > 0) & still.to_numpy() & ~excluded.to_numpy()
    kinds = ref[c.EMPLOYEE_KIND].astype("string").fillna("pns")
    borne = kinds.map(lambda k: rule.pph_borne_by_government.get(k, True)).astype(bool)
    out = pd.DataFrame(
        {
            c.NIP: nips,
            c.YEAR: int(pay_month[:4]),
            c.KIND: kind,
            c.REFERENCE_MONTH: ref_month,
            c.PAY_MONTH: pay_month,
            c.UNIT_INDUK: ref[c.UNIT_INDUK].astype("string"),
            c.TPP_AMOUNT: amount.astype("int64"),
            c.PPH21: 0,
            c.PPH21_BORNE_BY_GOVERNMENT: 0,
            c.NET: amount.astype("int64"),
            c.NOTES: "",
            "_borne": borne.to_numpy(),
        }
    )
    basis = (
        f"{rule.tpp_share_pct}% of the TPP paid for {ref_month}"
        if rule.apply_reference_month_cuts
        else f"{rule.tpp_share_pct}% of the basic TPP (ceiling x CPNS factor) of {ref_month}"
    )
    out[c.NOTES] = (basis + np.where(cpns, f"; CPNS {rule.cpns_pct}%", "")).astype(str)
    return out[keep].reset_index(drop=True)


def per_employee(payments: pd.DataFrame) -> pd.Series:
    """The month's THR/13 TPP gross per NIP (both payments added)."""
    if payments is None or payments.empty:
        return pd.Series(dtype="int64")
    return payments.groupby(c.NIP)[c.TPP_AMOUNT].sum().astype("int64")


def with_tax(payments: pd.DataFrame, month_rows: pd.DataFrame) -> pd.DataFrame:
    """Fill the payments' tax from the pay month's TPP rows (``pph21_thr13`` per NIP, split
    over two payments of one month in proportion to their amounts, the remainder on the last):
    borne -> ``pph21_borne_by_government`` and net = amount; else deducted."""
    if payments.empty:
        return payments[FACT_COLUMNS]
    tax = month_rows.drop_duplicates(c.NIP).set_index(c.NIP)[c.PPH21_THR13]
    out = payments.sort_values([c.NIP, c.KIND]).reset_index(drop=True)
    total = out[c.NIP].map(tax).fillna(0).astype("int64").to_numpy()
    whole = out.groupby(c.NIP)[c.TPP_AMOUNT].transform("sum").to_numpy()
    share = div_half_up(total * out[c.TPP_AMOUNT].to_numpy(), np.maximum(whole, 1))
    last = ~out[c.NIP].duplicated(keep="last").to_numpy()
    before = pd.Series(share).groupby(out[c.NIP]).transform("sum").to_numpy() - share
    share = np.where(last, total - before, share)
    borne = out["_borne"].to_numpy()
    out[c.PPH21] = share.astype("int64")
    out[c.PPH21_BORNE_BY_GOVERNMENT] = np.where(borne, share, 0).astype("int64")
    out[c.NET] = (out[c.TPP_AMOUNT] - np.where(borne, 0, share)).astype("int64")
    return out[FACT_COLUMNS]


def in_service(employees: pd.DataFrame, status_events: pd.DataFrame, month: str) -> pd.Series:
    """The NIPs of the master active in ``month`` who have not left the service before it."""
    first = pd.Timestamp(month + "-01")
    last = first + pd.offsets.MonthEnd(0)
    emp = employees.drop_duplicates(c.NIP)
    start = pd.to_datetime(emp[c.ACTIVE_FROM]) if c.ACTIVE_FROM in emp else None
    end = pd.to_datetime(emp[c.ACTIVE_TO]) if c.ACTIVE_TO in emp else None
    active = pd.Series(True, index=emp.index)
    if start is not None:
        active &= (start.isna() | (start <= last)).to_numpy()
    if end is not None:
        active &= (end.isna() | (end >= first)).to_numpy()
    nips = emp[c.NIP].astype("string")
    gone = left_before(nips, status_events, month, end)
    return nips[active.to_numpy() & ~gone.to_numpy()].reset_index(drop=True)


KIND_WORDS = {THR: "THR", GAJI13: "gaji-13"}


def missing_references(
    rules: Thr13Rules | None, month: str, reference_rows: dict[str, pd.DataFrame]
) -> list[str]:
    """Why a payment due in ``month`` cannot be computed: its reference month has no TPP rows
    in the warehouse (never computed, or computed before anyone was paid). One sentence per
    payment: which month, and what to do. Nothing is paid for it until then, and the pay month
    is not closed (assets/tpp_close.py)."""
    reasons = []
    for kind, ref, _ in payments_due(rules, month):
        rows = reference_rows.get(ref)
        if rows is None or rows.empty:
            reasons.append(
                f"{KIND_WORDS[kind]} {month[:4]} paid in {month} is based on the TPP of {ref}, "
                f"which is not in the warehouse: run {ref} first (python -m pipelines run "
                f"--month {ref}), then run {month} again"
            )
    return reasons


def month_payments(
    rules: Thr13Rules | None,
    month: str,
    reference_rows: dict[str, pd.DataFrame],
    employees: pd.DataFrame,
    status_events: pd.DataFrame,
) -> pd.DataFrame:
    """Every THR / gaji-13 payment paid in ``month`` (``FACT_COLUMNS`` + ``_borne``, tax 0):
    ``reference_rows`` maps each reference month to its TPP rows (as the warehouse holds them;
    a reference month it does not hold pays nothing: ``missing_references`` says so, and the
    pay month is not closed until it is there)."""
    frames = []
    staff = in_service(employees, status_events, month)
    for kind, ref, rule in payments_due(rules, month):
        rows = reference_rows.get(ref)
        if rows is None or rows.empty:
            continue
        frames.append(thr13_payments(rows, staff, status_events, kind, ref, month, rule))
    if not frames:
        return pd.DataFrame(columns=[*FACT_COLUMNS, "_borne"])
    return pd.concat(frames, ignore_index=True)


ADJUSTMENT_COLUMNS = [
    c.NIP,
    c.YEAR,
    c.KIND,
    c.PAY_MONTH,
    c.PAID_TPP_AMOUNT,
    c.RECOMPUTED_TPP_AMOUNT,
    c.PAID_PPH21,
    c.RECOMPUTED_PPH21,
    c.PAID_NET,
    c.RECOMPUTED_NET,
    c.DIFFERENCE,
    c.REASON,
    c.RUN_ID,
]


def _rp(value: int) -> str:
    return f"{int(value):,}"


def thr13_adjustments(
    paid: pd.DataFrame, prior: pd.DataFrame, recomputed: pd.DataFrame, run_id: str
) -> pd.DataFrame:
    """The new adjustment lines of a closed pay month's THR / gaji-13 (one per NIP and kind):

        difference = recomputed net - (paid net + every earlier line's difference)

    Only non-zero differences become lines, so recomputing with the same inputs adds nothing
    and a correction later undone gives the opposite line. A payment new in the recomputation
    was paid 0; one no longer due is recomputed at 0. The reason names what differs from the
    payment made at the close (TPP amount, PPh 21, or that it was not paid / is no longer due).

    Args:
        paid: the pay month's rows as closed (``FACT_COLUMNS``).
        prior: its earlier adjustment lines (nip, kind, difference).
        recomputed: this recomputation's rows (``FACT_COLUMNS``).
    """
    key = [c.NIP, c.KIND]
    cols = [c.YEAR, c.PAY_MONTH, c.TPP_AMOUNT, c.PPH21, c.NET]
    both = paid[key + cols].merge(
        recomputed[key + cols], on=key, how="outer", suffixes=("_paid", "_now"), indicator=True
    )
    earlier = (
        prior.groupby(key)[c.DIFFERENCE].sum().astype("int64")
        if len(prior)
        else pd.Series(dtype="int64")
    )
    both = both.sort_values(key, kind="stable").reset_index(drop=True)
    money = {}
    for col in (c.TPP_AMOUNT, c.PPH21, c.NET):
        for side in ("paid", "now"):
            money[(col, side)] = both[f"{col}_{side}"].fillna(0).astype("int64")
    before = pd.Series(
        [int(earlier.get((n, k), 0)) for n, k in zip(both[c.NIP], both[c.KIND], strict=True)],
        dtype="int64",
    )
    difference = money[(c.NET, "now")] - money[(c.NET, "paid")] - before
    reasons = []
    for i, row in both.iterrows():
        if row["_merge"] == "right_only":
            reasons.append("not paid at the close: now due")
            continue
        if row["_merge"] == "left_only":
            reasons.append("paid at the close: no longer due")
            continue
        parts = [
            f"{words} {_rp(money[(col, 'paid')][i])} -> {_rp(money[(col, 'now')][i])}"
            for col, words in ((c.TPP_AMOUNT, "TPP"), (c.PPH21, "PPh 21"))
            if money[(col, "paid")][i] != money[(col, "now")][i]
        ]
        reasons.append("; ".join(parts) or "earlier adjustment undone")
    out = pd.DataFrame(
        {
            c.NIP: both[c.NIP].astype("string"),
            c.YEAR: both[f"{c.YEAR}_paid"].fillna(both[f"{c.YEAR}_now"]).astype("int64"),
            c.KIND: both[c.KIND].astype("string"),
            c.PAY_MONTH: both[f"{c.PAY_MONTH}_paid"].fillna(both[f"{c.PAY_MONTH}_now"]),
            c.PAID_TPP_AMOUNT: money[(c.TPP_AMOUNT, "paid")],
            c.RECOMPUTED_TPP_AMOUNT: money[(c.TPP_AMOUNT, "now")],
            c.PAID_PPH21: money[(c.PPH21, "paid")],
            c.RECOMPUTED_PPH21: money[(c.PPH21, "now")],
            c.PAID_NET: money[(c.NET, "paid")],
            c.RECOMPUTED_NET: money[(c.NET, "now")],
            c.DIFFERENCE: difference.astype("int64"),
            c.REASON: reasons,
            c.RUN_ID: run_id,
        }
    )
    return out[out[c.DIFFERENCE] != 0].reset_index(drop=True)[ADJUSTMENT_COLUMNS]
