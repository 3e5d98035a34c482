"""From raw punches to punches of an employee: zone, sanity, duplicates, PIN map, master.

Device clocks are naive local wall-clock time. Each punch gets its device's zone (devices.csv,
else the profile's), an instant in UTC, and the local date and time of day it counts for:
schedules are local time ("waktu setempat", Perpres 21/2023), so a punch is classified against
the schedule in its own device's zone.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules.inputs import duplicate_reasons, key_codes, location
from rules.profile import Profile, PunchSanity
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason

UTC = "UTC"


# the Indonesian zone a record's own UTC offset names, when its machine declares none
OFFSET_ZONES = {7 * 60: "Asia/Jakarta", 8 * 60: "Asia/Makassar", 9 * 60: "Asia/Jayapura"}


def localise(
    punches: pd.DataFrame, zone_by_device: dict[str, str], default_zone: str | pd.Series
) -> pd.DataFrame:
    """Add ``timezone``, ``instant`` (UTC), ``local_date`` and ``local_seconds``.

    A naive device time is read in its machine's zone. A time that states its own UTC offset
    (``utc_offset_minutes``, Hikvision ISAPI) is an exact instant whatever the zone: it is judged
    in the machine's declared zone (devices.csv) when there is one, else in the Indonesian zone
    its offset names (+07:00 WIB, +08:00 WITA, +09:00 WIT), else in the default zone; its
    ``local_time`` becomes that zone's wall-clock time of the instant.

    Args:
        punches: raw punches (naive ``local_time``).
        zone_by_device: the zone of each machine that declares one (devices.csv).
        default_zone: the zone of the others: one zone, or one per punch.
    """
    out = punches.copy()
    # an empty map (no devices.csv) maps every key to NaN of dtype float: make it text first
    zone = out[c.DEVICE_KEY].map(zone_by_device).astype("string")
    offset = (
        out[c.UTC_OFFSET].astype("Int32")
        if c.UTC_OFFSET in out.columns
        else pd.Series(pd.NA, index=out.index, dtype="Int32")
    )
    exact = offset.notna().to_numpy()
    if exact.any():
        named = offset.map(OFFSET_ZONES, na_action="ignore").astype("string")
        zone = zone.fillna(named.where(exact))
    zone = zone.fillna(default_zone)
    instant = pd.Series(pd.NaT, index=out.index, dtype="datetime64[s, UTC]")
    if exact.any():
        shifted = out.loc[exact, c.LOCAL_TIME] - pd.to_timedelta(
            offset[exact].astype("int64"), unit="min"
        )
        instant.loc[exact] = shifted.dt.tz_localize(UTC).astype("datetime64[s, UTC]")
    local = out[c.LOCAL_TIME].astype("datetime64[s]").copy()
    for z in zone.unique():
        m = (zone == z).to_numpy()
        naive, stated = m & ~exact, m & exact
        if naive.any():
            localised = out.loc[naive, c.LOCAL_TIME].dt.tz_localize(
                z, ambiguous="NaT", nonexistent="NaT"
            )
            instant.loc[naive] = localised.dt.tz_convert(UTC).astype("datetime64[s, UTC]")
        if stated.any():
            wall = instant.loc[stated].dt.tz_convert(z).dt.tz_localize(None)
            local.loc[stated] = wall.astype("datetime64[s]")
    out[c.LOCAL_TIME] = local
    out[c.TIMEZONE] = zone
    out[c.INSTANT] = instant
    out[c.LOCAL_DATE] = out[c.LOCAL_TIME].dt.normalize().astype("datetime64[s]")
    out[c.LOCAL_SECONDS] = (
        (out[c.LOCAL_TIME] - out[c.LOCAL_DATE]).dt.total_seconds().astype("int64")
    )
    return out


# how the warning of ``unmapped_shares`` starts (the asset check and the run summary find it)
UNMAPPED_PINS = "most records carry PINs not in the PIN map"


def unmapped_shares(punches: pd.DataFrame, nip: pd.Series, warn_share) -> pd.DataFrame:
    """Per file, how many of its records carry a PIN the PIN map does not know that day, and a
    warning where that share is larger than ``warn_share`` (a misread layout looks exactly like
    that: a record counter read as the PIN maps to nobody, or to the wrong people).

    Returns:
        ``source_file``, ``records``, ``unmapped``, ``warning`` (<NA> where the share is fine).
    """
    per = (
        pd.DataFrame({c.SOURCE_FILE: punches[c.SOURCE_FILE], "_unmapped": nip.isna()})
        .groupby(c.SOURCE_FILE, observed=True)["_unmapped"]
        .agg(records="size", unmapped="sum")
        .reset_index()
    )
    limit = [float(warn_share) * n for n in per["records"]]
    over = per["unmapped"].to_numpy() > np.asarray(limit, dtype="float64")
    pct = (per["unmapped"] * 1000 // per["records"].clip(lower=1)).astype("int64")
    text = (
        UNMAPPED_PINS
        + ": "
        + per["unmapped"].astype("string")
        + " of "
        + per["records"].astype("string")
        + " ("
        + (pct // 10).astype("string")
        + "."
        + (pct % 10).astype("string")
        + "%); if the PIN map is right the file may be read with the wrong column as the PIN: "
        "check its layout and its PINs"
    )
    per["warning"] = text.where(over).astype("string")
    return per


def offset_disagreement(punches: pd.DataFrame) -> str | None:
    """For localised punches whose time stated its own UTC offset: a sentence when the zone
    they are judged in (devices.csv) has another offset at that instant (the machine's clock
    is set to another zone than its office), else None. The instants stay exact either way."""
    if c.UTC_OFFSET not in punches.columns or punches[c.UTC_OFFSET].isna().all():
        return None
    stated = punches[punches[c.UTC_OFFSET].notna()]
    naive_utc = stated[c.INSTANT].dt.tz_localize(None)
    zone_offset = ((stated[c.LOCAL_TIME] - naive_utc).dt.total_seconds() // 60).astype("int64")
    differs = zone_offset.to_numpy() != stated[c.UTC_OFFSET].astype("int64").to_numpy()
    if not differs.any():
        return None
    first = stated[differs].iloc[0]
    mins = int(first[c.UTC_OFFSET])
    sign = "+" if mins >= 0 else "-"
    return (
        f"{int(differs.sum())} record(s) state UTC{sign}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
        f" but machine '{first[c.DEVICE_KEY]}' is in {first[c.TIMEZONE]} (devices.csv): "
        "the instants are exact and the days are judged in the office's zone; check the "
        "machine's time zone setting"
    )


def sanity_reasons(
    punches: pd.DataFrame,
    received_at: pd.Series,
    sanity: PunchSanity,
    earliest: dt.date,
) -> pd.Series:
    """Impossible timestamps: device reset dates, before ``min_date`` or before the first month
    the pipeline computes, and later than the file that holds them (plus a tolerance).

    Args:
        punches: localised punches.
        received_at: per row, the UTC instant the file was last modified.
        sanity: the profile's punch sanity rules.
        earliest: the first day of the first partition.
    """
    day = punches[c.LOCAL_DATE]
    reset = day.isin(pd.to_datetime(pd.Series(sanity.reset_dates)).astype("datetime64[s]"))
    limit = received_at + pd.Timedelta(minutes=sanity.future_tolerance_minutes)

    def when(idx: pd.Index) -> pd.Series:
        return punches.loc[idx, c.LOCAL_TIME].astype("string")

    def future(idx: pd.Index) -> pd.Series:
        modified = received_at.loc[idx].dt.strftime("%Y-%m-%d %H:%M UTC")
        return (
            "time "
            + when(idx)
            + " is later than the file itself (modified "
            + modified
            + "): a scan from the future; check the machine's clock"
        )

    return first_reason(
        (
            reset,
            lambda i: (
                "device clock reset: " + when(i) + " is a reset date; check the machine's clock"
            ),
        ),
        (
            day < pd.Timestamp(sanity.min_date),
            lambda i: (
                "impossible time "
                + when(i)
                + f" (before {sanity.min_date}); check the machine's clock"
            ),
        ),
        (
            day < pd.Timestamp(earliest),
            lambda i: (
                "time " + when(i) + f" is before {earliest}, the first month this pipeline computes"
            ),
        ),
        (punches[c.INSTANT] > limit, future),
        index=punches.index,
    )


def localise_by_profile(
    punches: pd.DataFrame, zone_by_device: dict[str, str], profile: Profile
) -> pd.DataFrame:
    """``localise`` with, for machines that declare no zone, the profile's zone of the version
    in force on each punch's own (local) date."""
    if len(profile.versions) == 1 or punches.empty:
        return localise(punches, zone_by_device, profile.versions[0].timezone)
    index = profile.version_indices(punches[c.LOCAL_TIME].dt.normalize())
    zones = np.array([v.timezone for v in profile.versions], dtype=object)
    return localise(punches, zone_by_device, pd.Series(zones[index], index=punches.index))


def impossible_reasons(
    punches: pd.DataFrame, received_at: pd.Series, profile: Profile, earliest: dt.date
) -> pd.Series:
    """``sanity_reasons`` under the punch sanity rules of the version in force on each punch's
    date (a reset date added from a version on applies from then on)."""
    if len(profile.versions) == 1 or punches.empty:
        return sanity_reasons(punches, received_at, profile.versions[0].punch_sanity, earliest)
    index = pd.Series(profile.version_indices(punches[c.LOCAL_DATE]), index=punches.index)
    reasons = pd.Series(pd.NA, index=punches.index, dtype="string")
    for i in index.unique():
        rows = index.index[index.to_numpy() == i]
        sanity = profile.versions[i].punch_sanity
        reasons.loc[rows] = sanity_reasons(
            punches.loc[rows], received_at.loc[rows], sanity, earliest
        )
    return reasons


def in_period(punches: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Punches whose local date lies in [first, last]."""
    day = punches[c.LOCAL_DATE]
    return punches[(day >= pd.Timestamp(first)) & (day <= pd.Timestamp(last))]


def map_pins(punches: pd.DataFrame, pin_map: pd.DataFrame) -> pd.Series:
    """The NIP of each punch from the dated PIN map; a device's own row wins over ``*``.

    Where several rows of the map match a punch's key and date, the first in the map's order
    wins. Keys are joined as integer codes (``rules.inputs.key_codes``), never as strings."""
    n = len(punches)
    found = np.full(n, -1, dtype="int64")  # the matching row of the map, by position
    pm = pin_map[[c.DEVICE_KEY, c.PIN, c.NIP, c.VALID_FROM, c.VALID_TO]].reset_index(drop=True)
    valid_from = pm[c.VALID_FROM].to_numpy()
    valid_to = pm[c.VALID_TO].fillna(pd.Timestamp("2200-12-31")).to_numpy()
    day = punches[c.LOCAL_DATE].to_numpy()
    star = (pm[c.DEVICE_KEY] == "*").to_numpy(dtype=bool, na_value=False)
    specific = (pm[c.DEVICE_KEY] != "*").to_numpy(dtype=bool, na_value=False)
    for rows, on in (
        (np.flatnonzero(specific), [c.DEVICE_KEY, c.PIN]),
        (np.flatnonzero(star), [c.PIN]),
    ):
        todo = np.flatnonzero(found < 0)
        if not len(todo) or not len(rows):
            continue
        # one code per key value over both sides, so equal keys get equal codes
        both = key_codes(
            *(pd.concat([punches[k].iloc[todo], pm[k].iloc[rows]], ignore_index=True) for k in on)
        )
        left, right = both[: len(todo)], both[len(todo) :]
        order = np.argsort(right, kind="stable")  # the map's rows of each key in map order
        keyed = right[order]
        start = np.searchsorted(keyed, left, side="left")
        stop = np.searchsorted(keyed, left, side="right")
        k = 0
        while True:
            # the k-th row of the map with the punch's key, for punches not matched yet
            open_ = (start + k < stop) & (found[todo] < 0)
            if not open_.any():
                break
            at, cand = todo[open_], rows[order[start[open_] + k]]
            d = day[at]
            inside = (d >= valid_from[cand]) & (d <= valid_to[cand])
            found[at[inside]] = cand[inside]
            k += 1
    nips = pm[c.NIP].astype("string").array
    return pd.Series(nips.take(found, allow_fill=True), index=punches.index)


def resolve_reasons(
    punches: pd.DataFrame, pin_map: pd.DataFrame, employees: pd.DataFrame
) -> tuple[pd.Series, pd.Series]:
    """Map punches of one period to NIPs and find what must be quarantined.

    Returns:
        (nip per punch, reason per punch): duplicates of an earlier punch (same device, PIN and
        second, in any file), unmapped PINs, NIPs not in the master, employees not active that day.
    """
    dup = duplicate_reasons(
        punches, [c.DEVICE_KEY, c.PIN, c.LOCAL_TIME], "punch (same device, PIN and second)"
    )
    nip = map_pins(punches, pin_map)
    # each punch's row of the master (NIPs there are unique), looked up once
    at = pd.Index(employees[c.NIP]).get_indexer(nip)
    known_ = at >= 0
    safe = np.where(known_, at, 0)
    day = punches[c.LOCAL_DATE]
    inactive_ = np.zeros(len(punches), dtype=bool)
    if len(employees):
        d = day.to_numpy()
        active_from = employees[c.ACTIVE_FROM].to_numpy()[safe]
        active_to = employees[c.ACTIVE_TO].to_numpy()[safe]
        inactive_ = known_ & ((d < active_from) | (d > active_to))
    known = pd.Series(known_, index=punches.index)
    inactive = pd.Series(inactive_, index=punches.index)

    def device(idx: pd.Index) -> pd.Series:
        p = punches.loc[idx]
        return "PIN " + p[c.PIN].fillna("") + " on device " + p[c.DEVICE_KEY]

    def on(idx: pd.Index) -> pd.Series:
        return day.loc[idx].dt.strftime("%Y-%m-%d")

    mapping = first_reason(
        (
            nip.isna(),
            lambda i: (
                device(i) + " is not mapped to an NIP on " + on(i) + "; add it to pin_map.csv"
            ),
        ),
        (
            ~known,
            lambda i: (
                "NIP " + nip.loc[i].fillna("") + " (" + device(i) + ") is not in "
                "the employee master"
            ),
        ),
        (
            inactive,
            lambda i: (
                "employee "
                + nip.loc[i].fillna("")
                + " is not active on "
                + on(i)
                + " (tmtCpns/tmtPensiun)"
            ),
        ),
        index=punches.index,
    )
    return nip, combine_reasons(dup, mapping)


__all__ = [
    "impossible_reasons",
    "in_period",
    "localise",
    "localise_by_profile",
    "location",
    "map_pins",
    "offset_disagreement",
    "resolve_reasons",
    "sanity_reasons",
    "unmapped_shares",
]
