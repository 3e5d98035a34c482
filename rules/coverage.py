"""Which machine-days we hold data for, and which employee-days therefore cannot be judged.

Data we could not read is never evidence of absence (issue 12). Per machine and working day of
the month, the machine *holds no data* when

- no readable export of it covers the day (its only file was rejected, it has no file at all, or
  its files stop before the day), or
- an export covers the day but the machine recorded no punch at all on it while it usually
  records many (profile ``data_coverage.silent_day_min_usual``): a silent machine.

An employee-day is ``no_data`` when every machine the PIN map ties the employee to that day
holds no data (``*`` rows tie the employee to every machine). Such a day is neither TK nor
TL/PSW; HR decides it in the decision file: ``excuse`` (no deduction, the month may close) or
``charge`` (the days count as recorded: no punch means TK).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from rules import columns as c
from rules.rulebook.attendance import DataCoverage

DEVICE_DAY_COLUMNS = [
    c.DEVICE_KEY,
    c.DAY,
    c.PUNCHES,
    c.HAS_DATA,
    c.GAP_REASON,
    c.DECISION,
    c.DECIDED_BY,
]
GAP_COLUMNS = [
    c.DEVICE_KEY,
    c.DATE_FROM,
    c.DATE_TO,
    c.WORKDAYS,
    c.GAP_REASON,
    c.EMPLOYEES_AFFECTED,
    c.DECISION,
    c.DECIDED_BY,
]


def _ranges(files: pd.DataFrame) -> pd.DataFrame:
    readable = files[(files[c.STATUS] != "rejected") & files["first_date"].notna()]
    return readable[[c.DEVICE_KEY, "first_date", "last_date"]]


def gist(file: str, message: object) -> str:
    """A rejected file's name and what is wrong with it, with where it breaks (line, column)
    and without the advice: 'x.json, line 7: is not valid JSON: Expecting ':' delimiter at
    line 7, column 12'."""
    name = str(file).rsplit("/", 1)[-1]
    if not isinstance(message, str) or not message:
        return name
    text = message.replace(str(file), name, 1) if message.startswith(str(file)) else message
    return re.split(r", near | \(|; ", text, maxsplit=1)[0]


def _why(device: str, files: pd.DataFrame, ranges: pd.DataFrame) -> str:
    mine = files[files[c.DEVICE_KEY] == device]
    rejected = mine[mine[c.STATUS] == "rejected"]
    if mine.empty:
        return "no export from this machine in the inbox"
    if len(rejected) and ranges[ranges[c.DEVICE_KEY] == device].empty:
        messages = rejected["message"] if "message" in rejected else [None] * len(rejected)
        names = ", ".join(
            gist(f, m) for f, m in list(zip(rejected["file"], messages, strict=True))[:3]
        )
        return f"its export could not be read ({names}); no readable data"
    covered = ranges[ranges[c.DEVICE_KEY] == device]
    empty = mine[mine[c.STATUS] == "empty"]
    if covered.empty and len(empty):
        names = ", ".join(empty["file"].astype(str).str.rsplit("/", n=1).str[-1].head(3))
        return f"its export is empty ({names}): no data"
    if covered.empty:
        return "its exports hold no punch at all"
    span = f"{covered['first_date'].min():%d %b} to {covered['last_date'].max():%d %b %Y}"
    return f"no readable export covers the day (the exports cover {span})"


def machine_days(
    files: pd.DataFrame,
    punch_counts: pd.DataFrame,
    devices: list[str],
    workdays: pd.Series,
    rules: DataCoverage,
    decisions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Whether each machine holds data for each working day.

    Args:
        files: the file-level view of the exports (``device_key``, ``file``, ``status``,
            ``first_date``, ``last_date``).
        punch_counts: ``device_key``, ``local_date``, ``punches`` of the month's readable
            punches (mapped or not: they show the machine worked).
        devices: every machine expected to report (folders, devices.csv, the PIN map).
        workdays: the month's working days (datetime64).
        rules: the profile's data coverage rules.
        decisions: HR's decisions (``device_key``, ``date_from``, ``date_to``, ``decision``,
            ``decided_by``); ``charge`` makes a day count as recorded.

    Returns:
        One row per machine and working day: ``DEVICE_DAY_COLUMNS``; ``gap_reason`` says why a
        day holds no data, ``decision`` what HR decided about it.
    """
    days = pd.to_datetime(pd.Series(workdays)).astype("datetime64[s]").to_numpy()
    keys = sorted(set(devices) | set(files[c.DEVICE_KEY].dropna().astype(str)))
    grid = pd.DataFrame(
        {
            c.DEVICE_KEY: pd.Series(np.repeat(keys, len(days)), dtype="string"),
            c.DAY: np.tile(days, len(keys)),
        }
    )
    ranges = _ranges(files)
    span = grid.assign(_row=np.arange(len(grid))).merge(ranges, on=c.DEVICE_KEY, how="left")
    inside = (span[c.DAY] >= span["first_date"]) & (span[c.DAY] <= span["last_date"])
    covered = inside.fillna(False).astype(bool).groupby(span["_row"]).any()
    grid[c.PUNCHES] = _counts(grid, punch_counts)
    grid["_covered"] = covered.reindex(np.arange(len(grid)), fill_value=False).to_numpy(bool)
    usual = grid[grid["_covered"]].groupby(c.DEVICE_KEY)[c.PUNCHES].median()
    silent = (
        grid["_covered"]
        & (grid[c.PUNCHES] == 0)
        & (grid[c.DEVICE_KEY].map(usual).fillna(0) >= rules.silent_day_min_usual).to_numpy()
    )
    reason = pd.Series(pd.NA, index=grid.index, dtype="string")
    why = {k: _why(k, files, ranges) for k in keys}
    reason[~grid["_covered"]] = grid.loc[~grid["_covered"], c.DEVICE_KEY].map(why)
    reason[silent] = (
        "no punch at all on a working day; the machine usually records "
        + grid.loc[silent, c.DEVICE_KEY].map(usual).round().astype("int64").astype("string")
        + " a day"
    )
    grid[c.GAP_REASON] = reason
    grid[c.DECISION], grid[c.DECIDED_BY] = _decided(grid, decisions)
    charged = (grid[c.DECISION] == c.CHARGE).fillna(False)
    grid[c.HAS_DATA] = (reason.isna() | charged).to_numpy()
    return grid[DEVICE_DAY_COLUMNS].reset_index(drop=True)


def _counts(grid: pd.DataFrame, punch_counts: pd.DataFrame) -> np.ndarray:
    counts = punch_counts.rename(columns={c.LOCAL_DATE: c.DAY})
    counts = counts.astype({c.DEVICE_KEY: "string", c.DAY: "datetime64[s]"})
    merged = grid.merge(counts, on=[c.DEVICE_KEY, c.DAY], how="left")
    return merged[c.PUNCHES].fillna(0).astype("int64").to_numpy()


def _decided(grid: pd.DataFrame, decisions: pd.DataFrame | None) -> tuple[pd.Series, pd.Series]:
    """The decision covering each machine-day and who took it (a later row of the file wins)."""
    out = pd.Series(pd.NA, index=grid.index, dtype="string")
    who = pd.Series(pd.NA, index=grid.index, dtype="string")
    if decisions is None or decisions.empty:
        return out, who
    machines = decisions[decisions[c.DEVICE_KEY].notna()]  # not the employees' or payroll's
    machines = machines[machines[c.DECISION].isin(c.DAY_DECISIONS).fillna(False)]
    for row in machines.itertuples(index=False):  # a handful of rows typed by HR
        hit = (grid[c.DAY] >= row.date_from) & (grid[c.DAY] <= row.date_to)
        if row.device_key != "*":
            hit &= grid[c.DEVICE_KEY] == row.device_key
        out[hit.to_numpy()] = row.decision
        who[hit.to_numpy()] = row.decided_by
    return out, who


def employee_days_without_data(
    device_days: pd.DataFrame, pin_map: pd.DataFrame, first: dt.date, last: dt.date
) -> pd.DataFrame:
    """Employee-days whose every machine holds no data (after HR's ``charge`` decisions).

    Args:
        device_days: ``machine_days`` of the month.
        pin_map: the valid PIN map (``device_key`` or ``*``, ``nip``, ``valid_from``,
            ``valid_to``).
        first: first day of the month.
        last: last day of the month.

    Returns:
        ``nip``, ``work_date``, ``decision`` (excuse or <NA>): one row per such day.
    """
    empty = pd.DataFrame(
        {
            c.NIP: pd.Series(dtype="string"),
            c.WORK_DATE: pd.Series(dtype="datetime64[s]"),
            c.DECISION: pd.Series(dtype="string"),
        }
    )
    if device_days.empty or pin_map.empty:
        return empty
    pm = pin_map[[c.DEVICE_KEY, c.NIP, c.VALID_FROM, c.VALID_TO]].copy()
    pm[c.VALID_FROM] = pm[c.VALID_FROM].fillna(pd.Timestamp(first))
    pm[c.VALID_TO] = pm[c.VALID_TO].fillna(pd.Timestamp(last))
    pm = pm[(pm[c.VALID_FROM] <= pd.Timestamp(last)) & (pm[c.VALID_TO] >= pd.Timestamp(first))]
    dd = device_days[[c.DEVICE_KEY, c.DAY, c.HAS_DATA, c.DECISION]]
    specific = pm[pm[c.DEVICE_KEY] != "*"].merge(dd, on=c.DEVICE_KEY, how="inner")
    any_day = dd.groupby(c.DAY, as_index=False).agg(
        **{c.HAS_DATA: (c.HAS_DATA, "any"), c.DECISION: (c.DECISION, "first")}
    )
    star = pm[pm[c.DEVICE_KEY] == "*"].merge(any_day, how="cross")
    rows = pd.concat([specific, star], ignore_index=True)
    rows = rows[(rows[c.DAY] >= rows[c.VALID_FROM]) & (rows[c.DAY] <= rows[c.VALID_TO])]
    if rows.empty:
        return empty
    per_day = rows.groupby([c.NIP, c.DAY], as_index=False).agg(
        **{c.HAS_DATA: (c.HAS_DATA, "any"), c.DECISION: (c.DECISION, "first")}
    )
    lacking = per_day[~per_day[c.HAS_DATA]]
    return pd.DataFrame(
        {
            c.NIP: lacking[c.NIP].astype("string").to_numpy(),
            c.WORK_DATE: lacking[c.DAY].astype("datetime64[s]").to_numpy(),
            c.DECISION: lacking[c.DECISION].astype("string").to_numpy(),
        }
    )


def gaps(device_days: pd.DataFrame, affected: pd.DataFrame, pin_map: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive working days a machine holds no data, with the reason, how many
    employees it leaves without data, and HR's decision: the list HR acts on."""
    missing = device_days[device_days[c.GAP_REASON].notna()].sort_values([c.DEVICE_KEY, c.DAY])
    if missing.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in GAP_COLUMNS})
    order = device_days.sort_values([c.DEVICE_KEY, c.DAY]).reset_index(drop=True)
    order["_n"] = order.groupby(c.DEVICE_KEY).cumcount()
    missing = missing.merge(order[[c.DEVICE_KEY, c.DAY, "_n"]], on=[c.DEVICE_KEY, c.DAY])
    change = (
        (missing[c.DEVICE_KEY] != missing[c.DEVICE_KEY].shift())
        | (missing["_n"] != missing["_n"].shift() + 1)
        | (missing[c.GAP_REASON] != missing[c.GAP_REASON].shift())
        | (missing[c.DECISION].fillna("") != missing[c.DECISION].fillna("").shift())
    )
    missing["_run"] = change.fillna(True).astype("int64").cumsum()
    runs = missing.groupby("_run").agg(
        **{
            c.DEVICE_KEY: (c.DEVICE_KEY, "first"),
            c.DATE_FROM: (c.DAY, "min"),
            c.DATE_TO: (c.DAY, "max"),
            c.WORKDAYS: (c.DAY, "size"),
            c.GAP_REASON: (c.GAP_REASON, "first"),
            c.DECISION: (c.DECISION, "first"),
            c.DECIDED_BY: (c.DECIDED_BY, "first"),
        }
    )
    runs[c.EMPLOYEES_AFFECTED] = [
        _affected(affected, pin_map, r.device_key, r.date_from, r.date_to)
        for r in runs.itertuples()  # one per gap, not per row
    ]
    return runs[GAP_COLUMNS].reset_index(drop=True)


def _affected(affected: pd.DataFrame, pin_map: pd.DataFrame, device, start, end) -> int:
    days = affected[(affected[c.WORK_DATE] >= start) & (affected[c.WORK_DATE] <= end)]
    tied = pin_map.loc[pin_map[c.DEVICE_KEY].isin([device, "*"]), c.NIP]
    return int(days.loc[days[c.NIP].isin(tied), c.NIP].nunique())


def open_gaps(gap_list: pd.DataFrame) -> pd.DataFrame:
    """Gaps HR has not decided yet: while any remains, the month cannot be closed."""
    return gap_list[gap_list[c.DECISION].isna() & (gap_list[c.EMPLOYEES_AFFECTED] > 0)]


def describe(gap: pd.Series) -> str:
    """One gap in words: 'kecamatan: 01-29 Mar 2024 (21 working days) no readable data ...'."""
    span = (
        f"{gap[c.DATE_FROM]:%d %b %Y}"
        if gap[c.DATE_FROM] == gap[c.DATE_TO]
        else f"{gap[c.DATE_FROM]:%d %b} to {gap[c.DATE_TO]:%d %b %Y}"
    )
    people = gap[c.EMPLOYEES_AFFECTED]
    who = f"{people} employee{'s' if people != 1 else ''} affected"
    decided = f"; HR decided: {gap[c.DECISION]}" if pd.notna(gap[c.DECISION]) else ""
    return (
        f"{gap[c.DEVICE_KEY]}: {span} ({gap[c.WORKDAYS]} working days), {gap[c.GAP_REASON]}; "
        f"{who}{decided}"
    )


def expected_devices(
    files: pd.DataFrame, devices: pd.DataFrame, pin_map: pd.DataFrame, first: dt.date, last: dt.date
) -> list[str]:
    """Every machine that should report for the month: a folder in the inbox, a row of
    devices.csv, or a machine of the PIN map valid in the month (a machine whose export never
    arrived is a gap, not a month of absences)."""
    pm = pin_map[pin_map[c.DEVICE_KEY] != "*"]
    valid_from = pm[c.VALID_FROM].fillna(pd.Timestamp(first))
    valid_to = pm[c.VALID_TO].fillna(pd.Timestamp(last))
    in_month = (valid_from <= pd.Timestamp(last)) & (valid_to >= pd.Timestamp(first))
    keys = {
        *files[c.DEVICE_KEY].dropna().astype(str),
        *devices[c.DEVICE_KEY].dropna().astype(str),
        *pm.loc[in_month, c.DEVICE_KEY].dropna().astype(str),
    }
    return sorted(keys)


def punch_counts(punches: pd.DataFrame) -> pd.DataFrame:
    """Readable punches per machine and local date."""
    return (
        punches.groupby([c.DEVICE_KEY, c.LOCAL_DATE], observed=True)
        .size()
        .rename(c.PUNCHES)
        .reset_index()
    )


def month_gaps(
    device_days: pd.DataFrame, daily: pd.DataFrame, pin_map: pd.DataFrame
) -> pd.DataFrame:
    """``gaps`` of a month, with the employees each leaves without data (the daily rows whose
    absence code is ``no_data``)."""
    affected = daily.loc[daily[c.ABSENCE_CODE] == c.NO_DATA, [c.NIP, c.WORK_DATE]]
    return gaps(device_days, affected, pin_map)
