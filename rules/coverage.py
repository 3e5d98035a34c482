"""Which machine-days we hold data for, and which employee-days therefore cannot be judged.

Data we could not read is never evidence of absence (issue 12). Per machine and working day of
the month, the machine *holds no data* when

- no readable export of it covers the day (its only file was rejected, it has no file at all, or
  its files stop before the day), or
- an export covers the day but the machine recorded no punch at all on it while it usually
  records many (profile ``data_coverage.silent_day_min_usual``): a silent machine.

A machine's data covers a day only as far as its exports reach (issue 19). A file that stops
early -- its last record cut (``cut_off`` from the reader), its last saved page saying more
events follow (``more_events``), or written on the last day it covers (its modification time
before that day ends) -- covers its last day only *partly*: up to its last readable record, or
up to its modification time (``file_cover``). Such a machine-day is a gap too, with the time the
data stops (``cover_until``, ``cover_seconds``).

An employee-day is ``no_data`` when every machine the PIN map ties the employee to that day
holds no data (``*`` rows tie the employee to every machine). Such a day is neither TK nor
TL/PSW; HR decides it in the decision file: ``excuse`` (no deduction, the month may close) or
``charge`` (the days count as recorded: no punch means TK). On a day covered only partly the
employee is judged on what the data shows (``rules.attendance``): TK only when the data reaches
past the check-in window, PSW only when it reaches past the check-out window.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from rules.rulebook.attendance import DataCoverage
from vocabulary import columns as c

DEVICE_DAY_COLUMNS = [
    c.DEVICE_KEY,
    c.DAY,
    c.PUNCHES,
    c.HAS_DATA,
    c.GAP_REASON,
    c.DECISION,
    c.DECIDED_BY,
    c.COVER_SECONDS,
    c.COVER_UNTIL,
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
    c.COVER_UNTIL,
]
# the file-level columns of the cover (ingest.attendance's manifest)
COVER_ZONE = "cover_zone"
COVER_REASON = "cover_reason"
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
# a cut file's last record may trail its newest by this much and still mark where the data
# stops (records arrive in time order; a clock corrected backwards by more means they do not)
IN_ORDER_SLACK = pd.Timedelta(minutes=60)


def _wall(instant: pd.Timestamp, zone: str) -> str:
    local = instant.tz_convert(zone)
    return f"{local:%d %b %Y %H:%M:%S} {ZONE_NAMES.get(zone, zone)}"


def file_cover(
    punches: pd.DataFrame, cut: str | None, modified: pd.Timestamp
) -> tuple[pd.Timestamp, str | None, str | None]:
    """How far one readable file's data reaches.

    The file covers every day from its first punch to its last completely, except its last day
    when the file stops early:

    - ``cut`` (the reader found its last record cut, or its last page says more follows): the
      data reaches its last readable record, in file order. When that record is not the newest
      (the records are not in time order, e.g. sorted by person), what is missing cannot be
      told: the data reaches nothing certain from the file's first day on;
    - otherwise, a file modified before its last day ended (a dump taken mid-day) reaches its
      modification time (or its newest punch, if later).

    Args:
        punches: the file's sane, localised punches (``instant``, ``timezone``, ``local_date``,
            ``source_line``).
        cut: why the reader found the file cut, or None.
        modified: when the file was last modified (UTC).

    Returns:
        (the instant the data stops, NaT when the file's last day is complete; the zone it is
        told in; why).
    """
    if punches.empty:
        return pd.NaT, None, None
    order = punches.sort_values([c.SOURCE_LINE, c.INSTANT], kind="stable")
    last, zone = order[c.INSTANT].iloc[-1], str(order[c.TIMEZONE].iloc[-1])
    newest = punches[c.INSTANT].max()
    if cut:
        if last >= newest - IN_ORDER_SLACK:
            return last, zone, f"{cut}; its last readable record is at {_wall(last, zone)}"
        first_day = punches[c.LOCAL_DATE].min()
        start = pd.Timestamp(first_day).tz_localize(zone).tz_convert("UTC")
        return (
            start,
            zone,
            f"{cut} and its records are not in time order (its last record, "
            f"{_wall(last, zone)}, is not its newest): which records are missing cannot be told",
        )
    newest_zone = str(punches.loc[punches[c.INSTANT].idxmax(), c.TIMEZONE])
    day_end = (
        (newest.tz_convert(newest_zone).normalize() + pd.Timedelta(days=1))
        .tz_localize(None)
        .tz_localize(newest_zone)
    )
    written = pd.Timestamp(modified)
    written = written.tz_localize("UTC") if written.tzinfo is None else written.tz_convert("UTC")
    if written < day_end:
        reach = max(written, newest)
        return (
            reach,
            newest_zone,
            f"the file was written at {_wall(written, newest_zone)} (its modification time), "
            "before the last day it covers ended",
        )
    return pd.NaT, None, None


def _ranges(files: pd.DataFrame) -> pd.DataFrame:
    readable = files[(files[c.STATUS] != "rejected") & files["first_date"].notna()]
    cols = [c.DEVICE_KEY, "file", "first_date", "last_date"]
    out = readable[[col for col in cols if col in readable.columns]].copy()
    for col, dtype in ((c.COVER_UNTIL, "datetime64[s, UTC]"), (COVER_ZONE, "string")):
        out[col] = readable[col].astype(dtype) if col in readable.columns else pd.NA
    out[COVER_REASON] = readable.get(COVER_REASON, pd.Series(pd.NA, index=readable.index))
    out[c.COVER_UNTIL] = out[c.COVER_UNTIL].astype("datetime64[s, UTC]")
    return out


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


def _day_cover(grid: pd.DataFrame, ranges: pd.DataFrame) -> pd.DataFrame:
    """Per grid row: seconds of the local day the machine's files cover (86400 whole, 0 none)
    and, for a day covered partly, the instant the data stops and why."""
    span = grid[[c.DEVICE_KEY, c.DAY]].assign(_row=np.arange(len(grid)))
    span = span.merge(ranges, on=c.DEVICE_KEY, how="inner")
    inside = (span[c.DAY] >= span["first_date"]) & (span[c.DAY] <= span["last_date"])
    span = span[inside.fillna(False).to_numpy(bool)].copy()
    seconds = np.full(len(span), c.DAY_SECONDS, dtype="int64")
    partial = span[c.COVER_UNTIL].notna().to_numpy()
    if partial.any():
        part = span[partial]
        local = pd.Series(pd.NaT, index=part.index, dtype="datetime64[s]")
        for zone in part[COVER_ZONE].dropna().unique():
            m = (part[COVER_ZONE] == zone).to_numpy()
            wall = part.loc[m, c.COVER_UNTIL].dt.tz_convert(zone).dt.tz_localize(None)
            local.loc[m] = wall.astype("datetime64[s]")
        reach = (local - part[c.DAY]).dt.total_seconds().fillna(0)
        seconds[partial] = np.clip(reach.to_numpy(), 0, c.DAY_SECONDS).astype("int64")
    span["_seconds"] = seconds
    best = span.sort_values(["_row", "_seconds"], ascending=[True, False], kind="stable")
    best = best.drop_duplicates("_row").set_index("_row")
    out = pd.DataFrame(index=np.arange(len(grid)))
    out["seconds"] = best["_seconds"].reindex(out.index).fillna(0).astype("int64")
    out["covered"] = best["_seconds"].reindex(out.index).notna().to_numpy()
    until = best[c.COVER_UNTIL].reindex(out.index)
    whole_or_none = (out["seconds"] == c.DAY_SECONDS) | (out["seconds"] == 0)
    out[c.COVER_UNTIL] = until.mask(whole_or_none.to_numpy()).astype("datetime64[s, UTC]")
    name = best["file"].astype("string").str.rsplit("/", n=1).str[-1]
    out["why"] = (name + ": " + best[COVER_REASON].astype("string")).reindex(out.index)
    out["zone"] = best[COVER_ZONE].reindex(out.index)
    return out


def _partial_reason(cover: pd.DataFrame, rows: np.ndarray) -> pd.Series:
    part = cover[rows]
    seconds = part["seconds"]
    clock = (
        (seconds // 3600).astype("string").str.zfill(2)
        + ":"
        + (seconds % 3600 // 60).astype("string").str.zfill(2)
    )
    zone = part["zone"].map(ZONE_NAMES).fillna(part["zone"]).astype("string")
    return (
        "data only until "
        + clock
        + " "
        + zone.fillna("")
        + " on this day (the rest of the day is missing): "
        + part["why"].fillna("")
    )


def machine_days(
    files: pd.DataFrame,
    punch_counts: pd.DataFrame,
    devices: list[str],
    workdays: pd.Series,
    rules: DataCoverage,
    decisions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Whether each machine holds data for each working day, and how far into it.

    Args:
        files: the file-level view of the exports (``device_key``, ``file``, ``status``,
            ``first_date``, ``last_date``; ``cover_until``, ``cover_zone``, ``cover_reason``
            for a file whose last day is covered only partly).
        punch_counts: ``device_key``, ``local_date``, ``punches`` of the month's readable
            punches (mapped or not: they show the machine worked).
        devices: every machine expected to report (folders, devices.csv, the PIN map).
        workdays: the month's working days (datetime64).
        rules: the profile's data coverage rules.
        decisions: HR's decisions (``device_key``, ``date_from``, ``date_to``, ``decision``,
            ``decided_by``); ``charge`` makes a day count as recorded.

    Returns:
        One row per machine and working day: ``DEVICE_DAY_COLUMNS``; ``gap_reason`` says why a
        day holds no data or only part of it, ``cover_seconds`` how much of the local day the
        data covers (86400 all of it, 0 none), ``cover_until`` the instant it stops on a day
        covered partly, ``decision`` what HR decided about it.
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
    cover = _day_cover(grid, ranges)
    grid[c.PUNCHES] = _counts(grid, punch_counts)
    whole = (cover["seconds"] == c.DAY_SECONDS).to_numpy()
    partly = cover["covered"].to_numpy() & ~whole
    grid["_covered"] = whole
    usual = grid[grid["_covered"]].groupby(c.DEVICE_KEY)[c.PUNCHES].median()
    silent = (
        grid["_covered"]
        & (grid[c.PUNCHES] == 0)
        & (grid[c.DEVICE_KEY].map(usual).fillna(0) >= rules.silent_day_min_usual).to_numpy()
    )
    reason = pd.Series(pd.NA, index=grid.index, dtype="string")
    why = {k: _why(k, files, ranges) for k in keys}
    none = ~whole & ~partly
    reason[none] = grid.loc[none, c.DEVICE_KEY].map(why)
    reason[partly] = _partial_reason(cover, partly).to_numpy()
    reason[silent] = (
        "no punch at all on a working day; the machine usually records "
        + grid.loc[silent, c.DEVICE_KEY].map(usual).round().astype("int64").astype("string")
        + " a day"
    )
    grid[c.GAP_REASON] = reason
    grid[c.DECISION], grid[c.DECIDED_BY] = _decided(grid, decisions)
    charged = (grid[c.DECISION] == c.CHARGE).fillna(False)
    grid[c.HAS_DATA] = (reason.isna() | charged).to_numpy()
    seconds = np.where(silent.to_numpy(), 0, cover["seconds"].to_numpy())
    grid[c.COVER_SECONDS] = np.where(grid[c.HAS_DATA].to_numpy(), c.DAY_SECONDS, seconds)
    until = cover[c.COVER_UNTIL].where(partly & ~charged.to_numpy())
    grid[c.COVER_UNTIL] = until.set_axis(grid.index).astype("datetime64[s, UTC]")
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
        ``nip``, ``work_date``, ``decision`` (excuse or <NA>), ``cover_seconds`` (how much of
        the local day the best of the employee's machines covers: 0 none, less than 86400 a day
        covered partly): one row per such day.
    """
    empty = pd.DataFrame(
        {
            c.NIP: pd.Series(dtype="string"),
            c.WORK_DATE: pd.Series(dtype="datetime64[s]"),
            c.DECISION: pd.Series(dtype="string"),
            c.COVER_SECONDS: pd.Series(dtype="int64"),
        }
    )
    if device_days.empty or pin_map.empty:
        return empty
    pm = pin_map[[c.DEVICE_KEY, c.NIP, c.VALID_FROM, c.VALID_TO]].copy()
    pm[c.VALID_FROM] = pm[c.VALID_FROM].fillna(pd.Timestamp(first))
    pm[c.VALID_TO] = pm[c.VALID_TO].fillna(pd.Timestamp(last))
    pm = pm[(pm[c.VALID_FROM] <= pd.Timestamp(last)) & (pm[c.VALID_TO] >= pd.Timestamp(first))]
    dd = device_days[[c.DEVICE_KEY, c.DAY, c.HAS_DATA, c.DECISION]].copy()
    if c.COVER_SECONDS in device_days.columns:
        dd[c.COVER_SECONDS] = device_days[c.COVER_SECONDS].astype("int64")
    else:
        dd[c.COVER_SECONDS] = np.where(dd[c.HAS_DATA], c.DAY_SECONDS, 0)
    per = {
        c.HAS_DATA: (c.HAS_DATA, "any"),
        c.DECISION: (c.DECISION, "first"),
        c.COVER_SECONDS: (c.COVER_SECONDS, "max"),
    }
    specific = pm[pm[c.DEVICE_KEY] != "*"].merge(dd, on=c.DEVICE_KEY, how="inner")
    any_day = dd.groupby(c.DAY, as_index=False).agg(**per)
    star = pm[pm[c.DEVICE_KEY] == "*"].merge(any_day, how="cross")
    rows = pd.concat([specific, star], ignore_index=True)
    rows = rows[(rows[c.DAY] >= rows[c.VALID_FROM]) & (rows[c.DAY] <= rows[c.VALID_TO])]
    if rows.empty:
        return empty
    per_day = rows.groupby([c.NIP, c.DAY], as_index=False).agg(**per)
    lacking = per_day[~per_day[c.HAS_DATA]]
    return pd.DataFrame(
        {
            c.NIP: lacking[c.NIP].astype("string").to_numpy(),
            c.WORK_DATE: lacking[c.DAY].astype("datetime64[s]").to_numpy(),
            c.DECISION: lacking[c.DECISION].astype("string").to_numpy(),
            c.COVER_SECONDS: lacking[c.COVER_SECONDS].astype("int64").to_numpy(),
        }
    )


def gaps(device_days: pd.DataFrame, affected: pd.DataFrame, pin_map: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive working days a machine holds no data (or only part of a day's), with
    the reason, how many employees it leaves not fully judged, HR's decision and, for a day
    covered partly, the instant its data stops (``cover_until``): the list HR acts on."""
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
            c.COVER_UNTIL: (c.COVER_UNTIL, "max"),
        }
    )
    runs[c.COVER_UNTIL] = runs[c.COVER_UNTIL].astype("datetime64[s, UTC]")
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
    """``gaps`` of a month, with the employees each leaves not fully judged: the daily rows
    whose absence code is ``no_data``, and the days worked on data that covers the day only
    partly (their check-out was not judged)."""
    no_data = (daily[c.ABSENCE_CODE] == c.NO_DATA).fillna(False)
    if c.COVER_SECONDS in daily.columns:
        partly = daily[c.ABSENCE_CODE].isna() & (daily[c.COVER_SECONDS] < c.DAY_SECONDS)
        no_data = no_data | partly.fillna(False)
    affected = daily.loc[no_data.to_numpy(), [c.NIP, c.WORK_DATE]]
    return gaps(device_days, affected, pin_map)
