"""Content rules for reference data: NIP structure, duplicates and overlapping validity.

Each function returns one reason per row (<NA> for rows that pass); the expectations runner
merges them with the data contract's own reasons.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason, isin_text
from vocabulary.nip import check_nips

OPEN_END = pd.Timestamp("2200-12-31")


def location(frame: pd.DataFrame) -> pd.Series:
    """'file:line' of each row."""
    return frame[c.SOURCE_FILE].astype("string") + ":" + frame[c.SOURCE_LINE].astype("string")


def key_codes(*columns: pd.Series) -> np.ndarray:
    """One integer per row naming its combination of values (0..groups-1, in order of first
    appearance), missing values equal to each other as in ``DataFrame.duplicated`` and
    ``merge``. Columns are hashed once each; rows are never compared as strings again."""
    group: np.ndarray | None = None
    for col in columns:
        codes, uniques = pd.factorize(col)  # a missing value is -1: all of them alike
        codes = codes.astype("int64") + 1
        if group is None:
            group = codes
        else:  # stays below rows x (values + 1): never overflows
            group, _ = pd.factorize(group * (len(uniques) + 1) + codes)
    if group is None:
        raise ValueError("key_codes needs at least one column")
    return pd.factorize(group)[0].astype("int64") if len(columns) == 1 else group


def duplicate_reasons(frame: pd.DataFrame, keys: list[str], what: str) -> pd.Series:
    """Reason for every row whose key already appeared earlier (by file, then line)."""
    # order by file, then line: a lexsort on integer codes, never on the strings themselves
    file_code, _ = pd.factorize(frame[c.SOURCE_FILE], sort=True)
    position = np.lexsort((frame[c.SOURCE_LINE].to_numpy(), file_code))
    group = key_codes(*(frame[k] for k in keys))[position]
    dup = pd.Series(group).duplicated(keep="first").to_numpy()
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    if not dup.any():
        return reason
    # the first row of each key in that order: the rows that are not duplicates
    first_of = np.empty(len(group), dtype="int64")
    first_of[group[~dup]] = position[~dup]
    firsts = frame[[c.SOURCE_FILE, c.SOURCE_LINE]].iloc[first_of[group[dup]]]
    text = (f"duplicate {what}; first at " + location(firsts)).astype("string")
    # each duplicate row takes its sentence, the others <NA>: one take, no per-row setitem
    which = np.full(len(frame), -1, dtype="int64")
    which[position[dup]] = np.arange(int(dup.sum()))
    return pd.Series(text.array.take(which, allow_fill=True), index=frame.index)


def overlap_reasons(
    frame: pd.DataFrame, keys: list[str], start: str, end: str, what: str
) -> pd.Series:
    """Reason for every row whose [start, end] interval overlaps an earlier-starting one with the
    same key (an open end counts as far future)."""
    work = frame[[*keys, start, end, c.SOURCE_FILE, c.SOURCE_LINE]].copy()
    work["_end"] = work[end].fillna(OPEN_END)
    work = work.sort_values([*keys, start, c.SOURCE_FILE, c.SOURCE_LINE], kind="stable")
    grouped = work.groupby(keys, dropna=False, sort=False)
    prev_end = grouped["_end"].cummax().groupby([work[k] for k in keys], dropna=False).shift()
    loc = location(work)
    prev_loc = loc.groupby([work[k] for k in keys], dropna=False).shift()
    overlap = work[start] <= prev_end
    reason = first_reason(
        (overlap, f"overlaps the {what} at " + prev_loc.fillna("?")), index=work.index
    )
    return reason.reindex(frame.index)


def nip_reasons(nips: pd.Series) -> pd.Series:
    return check_nips(nips)["reason"]


def employee_reasons(employees: pd.DataFrame) -> pd.Series:
    return combine_reasons(
        nip_reasons(employees[c.NIP]),
        duplicate_reasons(employees, [c.NIP], "nipBaru"),
    )


def pin_map_reasons(pin_map: pd.DataFrame, known_nips: pd.Series) -> pd.Series:
    unknown = ~isin_text(pin_map[c.NIP], known_nips)
    return combine_reasons(
        nip_reasons(pin_map[c.NIP]),
        first_reason(
            (unknown, "nip " + pin_map[c.NIP].fillna("") + " is not in the employee master"),
            index=pin_map.index,
        ),
        overlap_reasons(
            pin_map,
            [c.DEVICE_KEY, c.PIN],
            c.VALID_FROM,
            c.VALID_TO,
            "mapping of the same device and PIN",
        ),
    )


def leave_reasons(leave: pd.DataFrame, known_nips: pd.Series) -> pd.Series:
    unknown = ~isin_text(leave[c.NIP], known_nips)
    approved = leave[leave[c.STATUS] == "approved"]
    overlap = overlap_reasons(approved, [c.NIP], c.DATE_FROM, c.DATE_TO, "approved leave").reindex(
        leave.index
    )
    return combine_reasons(
        nip_reasons(leave[c.NIP]),
        first_reason(
            (unknown, "nip " + leave[c.NIP].fillna("") + " is not in the employee master"),
            index=leave.index,
        ),
        overlap,
    )


def device_reasons(devices: pd.DataFrame) -> pd.Series:
    return duplicate_reasons(devices, [c.DEVICE_KEY], "device_key")


def decision_reasons(decisions: pd.DataFrame, known_nips: pd.Series) -> pd.Series:
    """An NIP that is not one (structure) or not in the master, and two decisions about the
    same machine, employee or payroll file from the same day: which one holds is unclear."""
    nip = decisions[c.NIP] if c.NIP in decisions else pd.Series(pd.NA, index=decisions.index)
    named = nip.notna()
    structure = nip_reasons(nip.fillna("")).where(named.to_numpy(), pd.NA)
    keys = [k for k in (c.DEVICE_KEY, c.NIP, c.DECISION_FILE) if k in decisions]
    return combine_reasons(
        structure.astype("string"),
        first_reason(
            (
                named & ~isin_text(nip, known_nips),
                "nip " + nip.fillna("") + " is not in the employee master",
            ),
            index=decisions.index,
        ),
        duplicate_reasons(
            decisions, [*keys, c.DATE_FROM], "decision (same machine, employee or file, date_from)"
        ),
    )
