"""The Plt/Plh addition of a month (year-end §6.1; profile ``tpp.plt``; docs/tpp.md).

For each assignment (nip, plt|plh, covered kelas, date_from .. date_to, SK) that touches the
month:

    days   = the month's working days in [date_from, date_to], cut at ``max_months`` from
             date_from, and at most the employee's paid days (a day not paid is not held)
    level  = same_level / higher_level / lower_level: covered kelas = / > / < own kelas
    amount = add_share: share % x the covered post's ceiling            (to Rp 1, half up)
             larger:    max(covered ceiling - own ceiling, 0)
             none:      0
    nothing when days < min(min_working_days, the month's working days), for a Plh unless
    ``plh_paid``, and (pro_rata_workdays) amount x days / the month's working days (to Rp 1).

Ceilings are the month's table (profile or inbox). An employee with several assignments in
the month gets the largest addition; every assignment of the month is named in the notes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules import calendar as cal
from rules.rulebook.tpp import PltRules
from rules.tpp.money import FULL, as_int, div_half_up
from vocabulary import columns as c
from vocabulary.tpp import HIGHER_LEVEL, LOWER_LEVEL, PLH, SAME_LEVEL
from vocabulary.units import pct_units


def _rupiah(values: pd.Series) -> pd.Series:
    return values.map(lambda v: f"{int(v):,}").astype("string")


def plt_addition(
    nips: pd.Series,
    kelas: pd.Series,
    paid_days: np.ndarray,
    assignments: pd.DataFrame | None,
    table: dict[int, int],
    calendar: pd.DataFrame,
    rules: PltRules | None,
    first: dt.date,
    last: dt.date,
) -> tuple[np.ndarray, pd.Series]:
    """The month's Plt/Plh addition per employee, in whole rupiah, and a note naming each
    assignment of the month (<NA> for employees without one).

    Args:
        nips: the employees of the month.
        kelas: their own kelas jabatan (Int64), aligned with ``nips``.
        paid_days: their paid working days of the month.
        assignments: valid Plt/Plh assignments (None or empty: none).
        table: the month's ceilings {kelas: rupiah}.
        calendar: the month's ``rules.calendar.work_calendar``.
        rules: the profile's Plt rules (None: no addition, and assignments are noted as such).
        first: the month's first day.
        last: the month's last day.
    """
    zero = np.zeros(len(nips), dtype=np.int64)
    note = pd.Series(pd.NA, index=nips.index, dtype="string")
    if assignments is None or assignments.empty:
        return zero, note
    lo, hi = pd.Timestamp(first), pd.Timestamp(last)
    a = assignments[
        (assignments[c.DATE_FROM] <= hi)
        & (assignments[c.DATE_TO].isna() | (assignments[c.DATE_TO] >= lo))
        & assignments[c.NIP].isin(nips)
    ].copy()
    if a.empty:
        return zero, note
    pos = pd.Series(np.arange(len(nips)), index=nips.astype("string").to_numpy())
    row = as_int(a[c.NIP].astype("string").map(pos))
    if rules is None:
        a["_amount"] = 0
        a["_why"] = "the profile has no Plt rules (tpp.plt): no addition"
        return _collect(a, row, zero, note)

    workdays = np.sort(
        calendar.loc[calendar[cal.IS_WORKDAY], cal.DAY].to_numpy().astype("datetime64[D]")
    )
    month_days = len(workdays)
    start = a[c.DATE_FROM].clip(lower=lo)
    end = a[c.DATE_TO].fillna(hi).clip(upper=hi)
    over = np.zeros(len(a), dtype=bool)
    if rules.max_months is not None:
        limit = a[c.DATE_FROM] + pd.DateOffset(months=rules.max_months) - pd.Timedelta(days=1)
        end = end.where(end <= limit, limit)
        over = (limit < lo).to_numpy()
    s = start.to_numpy().astype("datetime64[D]")
    e = end.to_numpy().astype("datetime64[D]")
    held = np.searchsorted(workdays, e, side="right") - np.searchsorted(workdays, s, side="left")
    held = np.minimum(np.maximum(held, 0), as_int(paid_days)[row])

    own_kelas = kelas.astype("Int64").to_numpy()[row]
    own = pd.Series(own_kelas).map(table).fillna(0).astype("int64").to_numpy()
    cov_kelas = a[c.COVERED_KELAS].astype("Int64")
    covered_known = cov_kelas.map(table).notna().to_numpy()
    covered = cov_kelas.map(table).fillna(0).astype("int64").to_numpy()
    cov = cov_kelas.to_numpy(dtype="float64", na_value=np.nan)
    mine = pd.Series(own_kelas).astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    level = np.select(
        [cov == mine, cov > mine, cov < mine], [SAME_LEVEL, HIGHER_LEVEL, LOWER_LEVEL], ""
    )
    amount = np.zeros(len(a), dtype=np.int64)
    for name in (SAME_LEVEL, HIGHER_LEVEL, LOWER_LEVEL):
        rule = getattr(rules, name)
        here = level == name
        if rule.mode == "add_share":
            amount[here] = div_half_up(covered[here] * pct_units(rule.share_pct), FULL)
        elif rule.mode == "larger":
            amount[here] = np.maximum(covered[here] - own[here], 0)
    pro_rata = rules.partial_month == "pro_rata_workdays" and month_days > 0
    if pro_rata:
        amount = div_half_up(amount * held, month_days)
    threshold = min(rules.min_working_days, month_days)
    is_plh = (a[c.ASSIGNMENT_KIND] == PLH).to_numpy()
    why = np.select(
        [
            is_plh & (not rules.plh_paid),
            pd.isna(mine),
            ~covered_known,
            over,
            held < threshold,
        ],
        [
            "a Plh earns no addition under the profile",
            "no own kelas_jabatan to compare with",
            "no ceiling for the covered kelas in force",
            f"beyond the maximum of {rules.max_months} months: no addition",
            f"fewer than {threshold} working days held: no addition",
        ],
        "",
    )
    amount = np.where(why == "", amount, 0)
    a["_amount"] = amount
    a["_held"] = held
    a["_level"] = level
    a["_why"] = why
    a["_month_days"] = month_days
    return _collect(a, row, zero, note)


def _collect(
    a: pd.DataFrame, row: np.ndarray, zero: np.ndarray, note: pd.Series
) -> tuple[np.ndarray, pd.Series]:
    """The largest addition per employee and one note per assignment."""
    kind = a[c.ASSIGNMENT_KIND].str.capitalize()
    period = (
        a[c.DATE_FROM].dt.strftime("%Y-%m-%d").astype("string")
        + ".."
        + a[c.DATE_TO].dt.strftime("%Y-%m-%d").astype("string").fillna("open")
    )
    text = (
        kind
        + " kelas "
        + a[c.COVERED_KELAS].astype("string")
        + " (SK "
        + a[c.SK_NUMBER].astype("string")
        + ", "
        + period
        + ")"
    )
    if "_held" in a:
        text = (
            text
            + ": "
            + a["_held"].astype("string")
            + " of "
            + a["_month_days"].astype("string")
            + " working days, "
            + pd.Series(a["_level"], index=a.index).str.replace("_", " ")
        )
    why = pd.Series(a["_why"], index=a.index).astype("string")
    text = text + (", Plt/Plh addition Rp " + _rupiah(a["_amount"])).where(why == "", ", " + why)
    amount = zero.copy()
    np.maximum.at(amount, row, as_int(a["_amount"]))
    joined = pd.Series(text.to_numpy(), index=row).groupby(level=0).agg("; ".join)
    out = note.copy()
    out.iloc[joined.index.to_numpy()] = joined.to_numpy()
    return amount, out.astype("string")
