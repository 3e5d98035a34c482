"""HR's decisions about days without data (inbox/attendance_decisions.csv, optional):

    device_key,date_from,date_to,decision,decided_by,note
    kecamatan,2024-03-01,2024-03-31,excuse,Kepala BKPSDM (ND 800/123),machine broken, see report

``device_key`` is a machine folder or ``*`` (every machine); dates are inclusive; ``decision``
is ``excuse`` (no deduction for the days without data) or ``charge`` (treat the days as
recorded: no punch means TK). ``decided_by`` is required: the decision is audited.
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult
from formats.reference import range_dates, raw_of, reference_result
from formats.tabular import read_table
from vocabulary import columns as c
from vocabulary.frames import first_reason

DECISIONS = "attendance_decisions"
REQUIRED = {"devicekey", "datefrom", "dateto", "decision", "decidedby"}
ALIASES = {"excuse": c.EXCUSE, "dimaafkan": c.EXCUSE, "charge": c.CHARGE, "dihitung": c.CHARGE}


def read_decisions(data: bytes, file: str) -> ReadResult:
    """One row per decision; a row without a known decision, a decider or a valid range is
    quarantined with its reason."""
    table = read_table(data, file, REQUIRED)
    v = table.values
    date_from, date_to = range_dates(table, "datefrom", "dateto")
    decision = v["decision"].str.strip().str.lower().map(ALIASES).astype("string")
    note = v["note"].str.strip() if "note" in v.columns else pd.Series(pd.NA, index=v.index)
    frame = pd.DataFrame(
        {
            c.DEVICE_KEY: v["devicekey"].str.strip().astype("string"),
            c.DATE_FROM: date_from,
            c.DATE_TO: date_to,
            c.DECISION: decision,
            c.DECIDED_BY: v["decidedby"].str.strip().replace("", pd.NA).astype("string"),
            c.NOTE: note.astype("string"),
        }
    )
    reason = first_reason(
        (frame[c.DEVICE_KEY].isna() | (frame[c.DEVICE_KEY] == ""), "device_key is empty"),
        (frame[c.DATE_FROM].isna() | frame[c.DATE_TO].isna(), "date_from/date_to is not a date"),
        (frame[c.DATE_TO] < frame[c.DATE_FROM], "date_to is before date_from"),
        (decision.isna(), "decision must be excuse or charge"),
        (frame[c.DECIDED_BY].isna(), "decided_by is empty: say who decided (it is audited)"),
        index=v.index,
    )
    keep = ["devicekey", "datefrom", "dateto", "decision", "decidedby"]
    return reference_result(DECISIONS, file, table, frame, reason, raw_of(v, keep))


def empty_decisions() -> pd.DataFrame:
    """The frame when the inbox holds no decision file."""
    return pd.DataFrame(
        {
            c.SOURCE_FILE: pd.Series(dtype="string"),
            c.SOURCE_LINE: pd.Series(dtype="int64"),
            c.DEVICE_KEY: pd.Series(dtype="string"),
            c.DATE_FROM: pd.Series(dtype="datetime64[s]"),
            c.DATE_TO: pd.Series(dtype="datetime64[s]"),
            c.DECISION: pd.Series(dtype="string"),
            c.DECIDED_BY: pd.Series(dtype="string"),
            c.NOTE: pd.Series(dtype="string"),
        }
    )
