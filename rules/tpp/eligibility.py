"""Eligibility: which of the month's working days are paid, and the CPNS percentage.

A working day of the month is paid when the employee is active that day (employee master
``active_from``/``active_to``, the same grid attendance uses), is not on a leave type the profile
does not pay (CLTN in nasional, from daily attendance), is not inside an unpaid status interval
(CLTN, diberhentikan sementara, tugas belajar from inbox/reference/status_events.*) and is
before any end event (pensiun, mutasi keluar, berhenti). The eligibility factor is
paid days / the month's working days (``pro_rata_workdays``), or 1 when any day is paid
(``whole_month``). The CPNS percentage applies when the employee is CPNS on the first active
working day of the month: inside a ``cpns`` status interval, or, when the status file has none for
the employee, when the master's kedudukan says CPNS.
"""

from __future__ import annotations

import pandas as pd

from rules import attendance
from rules import calendar as cal
from rules.rulebook.tpp import EligibilityRules
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason
from vocabulary.nip import PPPK
from vocabulary.tpp import CPNS, END_STATUSES

ACTIVE_DAYS = "active_days"
IS_CPNS = "is_cpns"
ELIGIBILITY_COLUMNS = [c.NIP, c.MONTH_WORKDAYS, ACTIVE_DAYS, c.PAID_DAYS, IS_CPNS, c.NOTES]


def _events_on_days(grid: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """(nip, work_date, status) for every grid day inside an event's interval (end events:
    from their date on)."""
    if events.empty or grid.empty:
        return pd.DataFrame(
            {
                c.NIP: pd.Series(dtype="string"),
                c.WORK_DATE: pd.Series(dtype="datetime64[s]"),
                c.STATUS: pd.Series(dtype="string"),
            }
        )
    ev = events[[c.NIP, c.STATUS, c.DATE_FROM, c.DATE_TO]].copy()
    ev[c.NIP] = ev[c.NIP].astype("string")
    ends = ev[c.STATUS].isin(END_STATUSES)
    ev.loc[ends, c.DATE_TO] = pd.NaT
    pairs = grid[[c.NIP, c.WORK_DATE]].merge(ev, on=c.NIP, how="inner")
    inside = (pairs[c.WORK_DATE] >= pairs[c.DATE_FROM]) & (
        pairs[c.DATE_TO].isna() | (pairs[c.WORK_DATE] <= pairs[c.DATE_TO])
    )
    return pairs.loc[inside, [c.NIP, c.WORK_DATE, c.STATUS]].drop_duplicates()


def _count_note(counts: pd.DataFrame, text: str) -> pd.Series:
    """'<key> <text> on N working day(s)' per nip for a (nip, key, n) frame; several keys of
    one nip are joined with '; ' (pivoted wide, then combined column by column)."""
    if counts.empty:
        return pd.Series(dtype="string")
    line = counts["key"].astype("string") + f" {text} on " + counts["n"].astype("string")
    wide = (
        counts.assign(_line=line + " working day(s)", _k=counts.groupby(c.NIP).cumcount())
        .pivot(index=c.NIP, columns="_k", values="_line")
        .astype("string")
    )
    return combine_reasons(*[wide[k] for k in wide.columns])


def eligibility(
    employees: pd.DataFrame,
    daily: pd.DataFrame,
    status_events: pd.DataFrame,
    calendar: pd.DataFrame,
    rules: EligibilityRules,
) -> pd.DataFrame:
    """Paid working days and CPNS status per employee active in the month.

    Args:
        employees: the valid master (nip, kedudukan, employee_kind, active_from, active_to).
        daily: daily attendance of the month (nip, work_date, absence_code).
        status_events: valid status events (nip, status, date_from, date_to).
        calendar: ``rules.calendar.work_calendar`` of the month.
        rules: the profile's eligibility rules.

    Returns:
        One row per employee with at least one active working day: ``ELIGIBILITY_COLUMNS``.
    """
    workdays = int(calendar[cal.IS_WORKDAY].sum())
    grid = attendance.workday_grid(employees, calendar, None)[[c.NIP, c.WORK_DATE]]
    leave = daily[[c.NIP, c.WORK_DATE, c.ABSENCE_CODE]].astype({c.NIP: "string"})
    day = grid.merge(leave, on=[c.NIP, c.WORK_DATE], how="left")
    on = _events_on_days(grid, status_events)
    ended = on[on[c.STATUS].isin(END_STATUSES)].drop_duplicates([c.NIP, c.WORK_DATE])
    held = on[on[c.STATUS].isin(rules.unpaid_statuses)].drop_duplicates([c.NIP, c.WORK_DATE])
    key = [c.NIP, c.WORK_DATE]
    day = day.merge(ended.rename(columns={c.STATUS: "_ended"}), on=key, how="left")
    day = day.merge(held.rename(columns={c.STATUS: "_held"}), on=key, how="left")
    day["_held"] = day["_held"].where(day["_ended"].isna())
    day["_leave"] = day[c.ABSENCE_CODE].where(
        day[c.ABSENCE_CODE].isin(rules.unpaid_leave) & day["_ended"].isna() & day["_held"].isna()
    )
    unpaid = day["_ended"].notna() | day["_held"].notna() | day["_leave"].notna()

    out = (
        day.assign(_paid=~unpaid)
        .groupby(c.NIP, sort=True)
        .agg(**{ACTIVE_DAYS: (c.WORK_DATE, "size"), c.PAID_DAYS: ("_paid", "sum")})
        .reset_index()
    )
    out[c.MONTH_WORKDAYS] = workdays
    notes = []
    for col, text in (("_ended", "(end of service)"), ("_held", "not paid"), ("_leave", "leave")):
        counts = day[day[col].notna()].groupby([c.NIP, col]).size().reset_index(name="n")
        counts = counts.rename(columns={col: "key"})
        notes.append(out[c.NIP].map(_count_note(counts, text)).astype("string"))

    emp = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    kind = out[c.NIP].map(emp[c.EMPLOYEE_KIND]).astype("string")
    pppk_unpaid = (kind == PPPK).fillna(False) & (not rules.pppk_paid)
    out.loc[pppk_unpaid.to_numpy(), c.PAID_DAYS] = 0
    if rules.partial_month == "whole_month":
        out[c.PAID_DAYS] = out[c.PAID_DAYS].where(out[c.PAID_DAYS] == 0, workdays)
    inactive = workdays - out[ACTIVE_DAYS]
    notes.insert(
        0,
        first_reason(
            (
                inactive > 0,
                "not active on " + inactive.astype("string") + f" of {workdays} working days",
            ),
            (pppk_unpaid, "PPPK: not paid under this profile"),
            index=out.index,
        ),
    )
    out[c.NOTES] = combine_reasons(*notes)
    out[IS_CPNS] = _cpns(out[c.NIP], grid, status_events, emp)
    out[c.PAID_DAYS] = out[c.PAID_DAYS].astype("int64")
    out[ACTIVE_DAYS] = out[ACTIVE_DAYS].astype("int64")
    return out[ELIGIBILITY_COLUMNS]


def _cpns(
    nips: pd.Series, grid: pd.DataFrame, events: pd.DataFrame, emp: pd.DataFrame
) -> pd.Series:
    """CPNS on the first active working day of the month."""
    if nips.empty:
        return pd.Series(False, index=nips.index, dtype=bool)
    first_day = grid.groupby(c.NIP)[c.WORK_DATE].min()
    cpns_events = events[events[c.STATUS] == CPNS] if len(events) else events
    ref = pd.DataFrame({c.NIP: nips, c.WORK_DATE: nips.map(first_day).to_numpy()})
    covered = _events_on_days(ref, cpns_events)
    by_event = nips.isin(covered[c.NIP])
    has_events = nips.isin(cpns_events[c.NIP]) if len(cpns_events) else nips.isin([])
    kedudukan = nips.map(emp[c.KEDUDUKAN]).astype("string").str.strip().str.upper()
    by_master = (kedudukan == "CPNS").fillna(False) & ~has_events
    return (by_event | by_master).astype(bool)
