"""Employees no machine knows (issue 19): active on a working day, with no valid PIN-map row.

No machine can hold the punches of an employee the PIN map does not tie to one (a new hire or a
transfer not yet enrolled, a ``valid_to`` that ended too early): the absence of their punches is
not evidence that they were absent. Such a day is ``no_data`` (neither TK nor TL/PSW, 0 %) with
the reason ``tidak terdaftar di mesin mana pun``, listed per employee for HR, and the month
cannot be closed until the PIN map is fixed or HR decides per NIP in the decision file:
``excuse`` (no deduction) or ``charge`` (the days count as recorded: without a punch, TK).

Approved leave is leave whatever the PIN map says, so such days are not listed. Positions the
profile exempts from fingerprint (``fingerprint_exempt``, e.g. the kepala daerah) are the only
way around the rule: their days are counted present (rules.attendance.classify_days).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules import calendar as cal
from rules.attendance import expand_leave
from rules.rulebook.attendance import FingerprintExempt
from vocabulary import columns as c

REASON = "tidak terdaftar di mesin mana pun (not enrolled on any machine)"
WORKDAY_NO = "workday_no"  # the day's position among the month's working days (runs of days)
DAY_COLUMNS = [c.NIP, c.WORK_DATE, WORKDAY_NO, c.GAP_REASON, c.DECISION, c.DECIDED_BY]
GAP_COLUMNS = [
    c.NIP,
    c.DATE_FROM,
    c.DATE_TO,
    c.WORKDAYS,
    c.GAP_REASON,
    c.DECISION,
    c.DECIDED_BY,
]


def position_key(values: pd.Series) -> pd.Series:
    """A position name as compared: lower case, single spaces, no dots."""
    text = values.astype("string").str.lower().str.replace(".", "", regex=False)
    return text.str.replace(r"\s+", " ", regex=True).str.strip()


def exempt_mask(employees: pd.DataFrame, rules: FingerprintExempt) -> pd.Series:
    """True per master row whose position the profile exempts from fingerprint: ``jabatan``
    is a listed entry or starts with one followed by a space ('Bupati' matches 'BUPATI TULANG
    BAWANG', not 'Wakil Bupati' nor 'Staf Ahli Bupati'), or ``jenis_jabatan`` is a listed one.
    Judged once per distinct position name, not per employee."""
    hit = np.zeros(len(employees), dtype=bool)
    if rules.jabatan and c.JABATAN in employees:
        codes, names = pd.factorize(employees[c.JABATAN])
        name = position_key(pd.Series(names, dtype="string")).fillna("")
        match = pd.Series(False, index=name.index)
        for entry in position_key(pd.Series(rules.jabatan)).unique():
            match |= (name == entry) | name.str.startswith(entry + " ")
        hit |= np.append(match.to_numpy(bool), False)[codes]  # code -1: no jabatan
    if rules.jenis_jabatan and c.JENIS_JABATAN in employees:
        codes, kinds = pd.factorize(employees[c.JENIS_JABATAN])
        listed = set(position_key(pd.Series(rules.jenis_jabatan)))
        match = position_key(pd.Series(kinds, dtype="string")).isin(listed).fillna(False)
        hit |= np.append(match.to_numpy(bool), False)[codes]
    return pd.Series(hit, index=employees.index)


def exempt_nips(employees: pd.DataFrame, rules: FingerprintExempt) -> pd.Series:
    """The NIPs of the exempt positions."""
    return employees.loc[exempt_mask(employees, rules), c.NIP].astype("string")


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series(dtype="string"),
            c.WORK_DATE: pd.Series(dtype="datetime64[s]"),
            WORKDAY_NO: pd.Series(dtype="int64"),
            c.GAP_REASON: pd.Series(dtype="string"),
            c.DECISION: pd.Series(dtype="string"),
            c.DECIDED_BY: pd.Series(dtype="string"),
        }
    )


def unenrolled_days(
    employees: pd.DataFrame,
    pin_map: pd.DataFrame,
    leave: pd.DataFrame,
    calendar: pd.DataFrame,
    exempt: FingerprintExempt,
    decisions: pd.DataFrame | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Working days of active employees that no valid PIN-map row covers.

    Args:
        employees: the valid master (``nip``, ``active_from``, ``active_to``, ``jabatan``,
            ``jenis_jabatan``).
        pin_map: the valid PIN map (any ``device_key``, ``*`` included; ``valid_to`` <NA> is
            open).
        leave: leave records; approved leave days are leave, not listed here.
        calendar: the month's ``rules.calendar.work_calendar``.
        exempt: the profile's positions exempt from fingerprint (never listed).
        decisions: HR's decisions; rows naming a ``nip`` with ``excuse`` or ``charge`` decide
            the days in their range (a later row of the file wins).
        as_of: days on or after it are not over yet (no row).

    Returns:
        One row per such employee-day, ``DAY_COLUMNS``: the reason says what the PIN map holds
        for the NIP (no row, a row that starts later, rows that ended).
    """
    staff = employees[~exempt_mask(employees, exempt).to_numpy()].drop_duplicates(c.NIP)
    workdays = calendar.loc[calendar[cal.IS_WORKDAY], cal.DAY].to_numpy("datetime64[s]")
    if as_of is not None:  # a prefix: the days keep their position in the month
        workdays = workdays[workdays < np.datetime64(as_of, "s")]
    open_cells = _open_cells(staff, pin_map, workdays)
    _drop_leave(open_cells, staff, leave, workdays)
    who, when = np.nonzero(open_cells)
    if len(who) == 0:
        return _empty()
    out = pd.DataFrame(
        {
            c.NIP: pd.Series(staff[c.NIP].to_numpy()[who], dtype="string"),
            c.WORK_DATE: pd.Series(workdays[when], dtype="datetime64[s]"),
            WORKDAY_NO: pd.Series(when, dtype="int64"),
        }
    )
    rows = pin_map[[c.NIP, c.VALID_FROM, c.VALID_TO]].astype({c.NIP: "string"})
    out[c.GAP_REASON] = _reasons(out, rows)
    out[c.DECISION], out[c.DECIDED_BY] = _decided(out, decisions)
    return out[DAY_COLUMNS]


def _open_cells(staff: pd.DataFrame, pin_map: pd.DataFrame, workdays: np.ndarray) -> np.ndarray:
    """Employee x working day: active and covered by no PIN-map row (vectorised: one boolean
    matrix, rows of the PIN map folded onto their employee)."""
    day = workdays[None, :]
    start = staff[c.ACTIVE_FROM].to_numpy("datetime64[s]")[:, None]
    end = staff[c.ACTIVE_TO].to_numpy("datetime64[s]")[:, None]
    active = (np.isnat(start) | (day >= start)) & (np.isnat(end) | (day <= end))
    owner = pd.Index(staff[c.NIP].astype("string")).get_indexer(pin_map[c.NIP].astype("string"))
    mine = pin_map[owner >= 0]
    valid_from = mine[c.VALID_FROM].to_numpy("datetime64[s]")[:, None]
    valid_to = mine[c.VALID_TO].to_numpy("datetime64[s]")[:, None]
    row_covers = (day >= valid_from) & (np.isnat(valid_to) | (day <= valid_to))
    covered = np.zeros(active.shape, dtype=bool)
    np.logical_or.at(covered, owner[owner >= 0], row_covers)
    return active & ~covered


def _drop_leave(
    cells: np.ndarray, staff: pd.DataFrame, leave: pd.DataFrame, workdays: np.ndarray
) -> None:
    """Approved leave is leave, whatever the PIN map says: those cells are not listed."""
    if leave.empty or not cells.any():
        return
    first = pd.Timestamp(workdays[0]).date() if len(workdays) else None
    if first is None:
        return
    on_leave = expand_leave(leave, first, pd.Timestamp(workdays[-1]).date())
    who = pd.Index(staff[c.NIP].astype("string")).get_indexer(on_leave[c.NIP].astype("string"))
    days = on_leave[c.WORK_DATE].to_numpy("datetime64[s]")
    when = np.searchsorted(workdays, days)
    hit = (who >= 0) & (when < len(workdays))
    hit[hit] = workdays[when[hit]] == days[hit]  # weekends and holidays are not cells
    cells[who[hit], when[hit]] = False


def _reasons(days: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """What the PIN map holds for each listed day's NIP: the nearest row that ended before the
    day and the nearest that starts after it (vectorised over the day-row pairs)."""
    pair = days[[c.NIP, c.WORK_DATE]].reset_index().merge(rows, on=c.NIP, how="left")
    before = pair[c.VALID_TO].where(pair[c.VALID_TO] < pair[c.WORK_DATE])
    after = pair[c.VALID_FROM].where(pair[c.VALID_FROM] > pair[c.WORK_DATE])
    near = pd.DataFrame({"ended": before, "starts": after, "index": pair["index"]})
    near = near.groupby("index").agg(ended=("ended", "max"), starts=("starts", "min"))
    near = near.reindex(days.index)
    ended = near["ended"].dt.strftime("%Y-%m-%d").astype("string")
    starts = near["starts"].dt.strftime("%Y-%m-%d").astype("string")
    detail = pd.Series("no row for the NIP in pin_map.csv", index=days.index, dtype="string").mask(
        starts.notna(), "its pin_map.csv row starts " + starts
    )
    detail = detail.mask(ended.notna(), "its pin_map.csv row ended " + ended + " (valid_to)")
    detail = detail.mask(
        ended.notna() & starts.notna(),
        "its pin_map.csv rows end " + ended + " and start again " + starts,
    )
    return (REASON + ": " + detail).astype("string")


def _decided(days: pd.DataFrame, decisions: pd.DataFrame | None) -> tuple[pd.Series, pd.Series]:
    """HR's decision per listed day and who took it (a later row of the file wins)."""
    out = pd.Series(pd.NA, index=days.index, dtype="string")
    who = pd.Series(pd.NA, index=days.index, dtype="string")
    if decisions is None or decisions.empty or c.NIP not in decisions:
        return out, who
    mine = decisions[decisions[c.NIP].notna()]
    mine = mine[mine[c.DECISION].isin(c.DAY_DECISIONS).fillna(False)]
    for row in mine.itertuples(index=False):  # a handful of rows typed by HR
        hit = (
            (days[c.NIP] == row.nip)
            & (days[c.WORK_DATE] >= row.date_from)
            & (days[c.WORK_DATE] <= row.date_to)
        ).to_numpy()
        out[hit] = row.decision
        who[hit] = row.decided_by
    return out, who


def not_judged(days: pd.DataFrame) -> pd.DataFrame:
    """The listed days that stay ``no_data`` (all but HR's ``charge``): ``nip``,
    ``work_date``, for rules.attendance.classify_days."""
    keep = ~(days[c.DECISION] == c.CHARGE).fillna(False).to_numpy()
    return days.loc[keep, [c.NIP, c.WORK_DATE]].reset_index(drop=True)


def enrolment_gaps(days: pd.DataFrame) -> pd.DataFrame:
    """Per employee, runs of consecutive working days no machine knows them on, with the
    reason and HR's decision: the list HR acts on (``GAP_COLUMNS``)."""
    if days.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in GAP_COLUMNS})
    d = days.sort_values([c.NIP, c.WORK_DATE]).reset_index(drop=True)
    change = (
        (d[c.NIP] != d[c.NIP].shift())
        | (d[WORKDAY_NO] != d[WORKDAY_NO].shift() + 1)
        | (d[c.GAP_REASON] != d[c.GAP_REASON].shift())
        | (d[c.DECISION].fillna("") != d[c.DECISION].fillna("").shift())
    )
    d["_run"] = change.fillna(True).astype("int64").cumsum()
    runs = d.groupby("_run").agg(
        **{
            c.NIP: (c.NIP, "first"),
            c.DATE_FROM: (c.WORK_DATE, "min"),
            c.DATE_TO: (c.WORK_DATE, "max"),
            c.WORKDAYS: (c.WORK_DATE, "size"),
            c.GAP_REASON: (c.GAP_REASON, "first"),
            c.DECISION: (c.DECISION, "first"),
            c.DECIDED_BY: (c.DECIDED_BY, "first"),
        }
    )
    return runs[GAP_COLUMNS].reset_index(drop=True)


def open_enrolment_gaps(gap_list: pd.DataFrame) -> pd.DataFrame:
    """Runs HR has not decided yet: while any remains, the month cannot be closed."""
    return gap_list[gap_list[c.DECISION].isna()]


def describe_enrolment(gap: pd.Series) -> str:
    """One run in words: '199001012015031001: 01 Mar to 14 Mar 2024 (8 working days), tidak
    terdaftar di mesin mana pun (not enrolled on any machine): ...'."""
    start, end = pd.Timestamp(gap[c.DATE_FROM]), pd.Timestamp(gap[c.DATE_TO])
    span = f"{start:%d %b %Y}" if start == end else f"{start:%d %b} to {end:%d %b %Y}"
    days = int(gap[c.WORKDAYS])
    decided = f"; HR decided: {gap[c.DECISION]}" if pd.notna(gap[c.DECISION]) else ""
    return (
        f"{gap[c.NIP]}: {span} ({days} working day{'s' if days != 1 else ''}), "
        f"{gap[c.GAP_REASON]}{decided}"
    )
