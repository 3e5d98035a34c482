"""PP 94/2021 hukuman disiplin that cut TPP (reg §8): the month's sanction factor, and the
lower kelas of a demotion.

A ``pemotongan_tpp`` sanction (hukuman sedang: 25 % for 6, 9 or 12 months) applies from the
month after the decision (profile ``tpp.sanctions.start``) for its number of months; a ringan
one the region lists in ``tpp.sanctions.light_cuts`` its percentage for the profile's months.
Two cuts in the same month do not add up: the larger applies (profile source note).

A ``penurunan_jabatan`` (kelas minus ``kelas_drop``) or ``pembebasan_jabatan`` (at most
``pelaksana_kelas``; either replaced by the file's ``new_kelas`` when the SK gives it) pays the
lower kelas's ceiling for its months (``tpp.sanctions.demotion``):
from the decision date, the months it starts and ends mixed by working days, or in whole
months from the month after the decision (``demotion_ceiling``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules import calendar as cal
from rules.rulebook.tpp import SanctionRules
from rules.tpp.money import FULL, as_int, div_half_up
from vocabulary import columns as c
from vocabulary.frames import combine_reasons
from vocabulary.tpp import DEMOTIONS, PEMBEBASAN_JABATAN
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
    cuts.update({kind: pct_units(cut.pct) for kind, cut in rules.light_cuts.items()})
    s = sanctions[sanctions[c.SANCTION_TYPE].isin(list(cuts))] if len(sanctions) else sanctions
    if s.empty:
        return factor, note
    if rules.light_cuts:  # a ringan cut lasts the profile's months, not the file's
        light = {kind: cut.months for kind, cut in rules.light_cuts.items()}
        s = s.copy()
        by_profile = s[c.SANCTION_TYPE].map(light).astype("Int64")
        s[c.MONTHS] = by_profile.fillna(s[c.MONTHS].astype("Int64"))
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


def demotion_ceiling(
    nips: pd.Series,
    kelas: pd.Series,
    ceiling: np.ndarray,
    sanctions: pd.DataFrame,
    rules: SanctionRules,
    table: dict[int, int],
    calendar: pd.DataFrame,
    first: dt.date,
    last: dt.date,
) -> tuple[np.ndarray, pd.Series]:
    """The month's ceiling once demotions are applied, and a note per demoted employee.

    With ``start: decision_date`` a demotion runs from its decision date for its months (the
    last day is the day before the same date ``months`` later); the month's ceiling is
    (own ceiling x working days outside it + lower ceiling x working days inside it) / the
    month's working days, to Rp 1 half up. With ``month_after_decision`` whole months are
    paid at the lower kelas. Several demotions in one month: the lowest kelas applies.

    Args:
        nips: the employees of the month.
        kelas: their own kelas jabatan (Int64).
        ceiling: their own ceilings (rupiah), aligned with ``nips``.
        sanctions: valid sanctions (nip, sanction_type, decision_date, months).
        rules: the profile's sanction rules (``demotion`` None: nothing changes).
        table: the month's ceilings {kelas: rupiah}.
        calendar: the month's ``rules.calendar.work_calendar``.
        first: the month's first day.
        last: the month's last day.
    """
    ceiling = as_int(ceiling)
    note = pd.Series(pd.NA, index=nips.index, dtype="string")
    d = rules.demotion
    if d is None or not len(sanctions):
        return ceiling, note
    s = sanctions[sanctions[c.SANCTION_TYPE].isin(DEMOTIONS) & sanctions[c.NIP].isin(nips)]
    if s.empty:
        return ceiling, note
    s = s.copy()
    months = s[c.MONTHS].astype("Int64")
    s["_months"] = months.where(months > 0, d.default_months).fillna(d.default_months)
    decided = pd.to_datetime(s[c.DECISION_DATE]).dt.normalize()
    if d.start == "decision_date":
        s["_from"] = decided
    else:
        s["_from"] = decided.dt.to_period("M").dt.start_time + pd.DateOffset(months=1)
    s["_to"] = [
        f + pd.DateOffset(months=int(m)) - pd.Timedelta(days=1)
        for f, m in zip(s["_from"], s["_months"], strict=True)
    ]
    lo, hi = pd.Timestamp(first), pd.Timestamp(last)
    s = s[(s["_from"] <= hi) & (s["_to"] >= lo)]
    if s.empty:
        return ceiling, note
    workdays = np.sort(
        calendar.loc[calendar[cal.IS_WORKDAY], cal.DAY].to_numpy().astype("datetime64[D]")
    )
    month_days = len(workdays)
    if month_days == 0:
        return ceiling, note
    pos = pd.Series(np.arange(len(nips)), index=nips.astype("string").to_numpy())
    row = as_int(s[c.NIP].astype("string").map(pos))
    own = kelas.astype("Int64").to_numpy()[row]
    has_kelas = ~pd.isna(own)
    s, row, own = s[has_kelas], row[has_kelas], own[has_kelas].astype("int64")
    if s.empty:
        return ceiling, note
    freed = (s[c.SANCTION_TYPE] == PEMBEBASAN_JABATAN).to_numpy()
    lower = np.where(freed, np.minimum(own, d.pelaksana_kelas), np.maximum(own - d.kelas_drop, 1))
    if c.NEW_KELAS in s.columns:  # the SK's own kelas of the new post, when the file gives it
        given = s[c.NEW_KELAS].astype("Int64")
        lower = np.where(given.notna().to_numpy(), given.fillna(0).to_numpy("int64"), lower)
    start = s["_from"].clip(lower=lo).to_numpy().astype("datetime64[D]")
    end = s["_to"].clip(upper=hi).to_numpy().astype("datetime64[D]")
    inside = np.searchsorted(workdays, end, side="right") - np.searchsorted(
        workdays, start, side="left"
    )
    s = s.assign(_row=row, _own=own, _lower=lower, _inside=np.maximum(inside, 0))
    s = s.sort_values(["_row", "_lower", "_inside"], ascending=[True, True, False], kind="stable")
    s = s.drop_duplicates("_row")
    row = as_int(s["_row"])
    low_ceiling = s["_lower"].map(table).fillna(0).astype("int64").to_numpy()
    days = as_int(s["_inside"])
    mixed = div_half_up(ceiling[row] * (month_days - days) + low_ceiling * days, month_days)
    out = ceiling.copy()
    out[row] = mixed
    text = (
        "PP 94/2021 "
        + s[c.SANCTION_TYPE].astype("string")
        + " (decision "
        + decided.loc[s.index].dt.strftime("%Y-%m-%d").astype("string")
        + ", "
        + s["_months"].astype("string")
        + " months, "
        + s["_from"].dt.strftime("%Y-%m-%d").astype("string")
        + ".."
        + pd.Series(s["_to"], index=s.index).dt.strftime("%Y-%m-%d").astype("string")
        + "): kelas "
        + s["_own"].astype("string")
        + " -> "
        + s["_lower"].astype("string")
        + " for "
        + s["_inside"].astype("string")
        + " of "
        + str(month_days)
        + " working days, ceiling "
        + pd.Series(mixed, index=s.index).map(lambda v: f"{int(v):,}").astype("string")
    )
    note.iloc[row] = text.to_numpy()
    return out, note
