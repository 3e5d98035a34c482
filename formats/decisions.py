"""HR's decisions about data we could not use (inbox/attendance_decisions.csv, optional):

    device_key,nip,date_from,date_to,decision,decided_by,note,file
    kecamatan,,2024-03-01,2024-03-31,excuse,Kepala BKPSDM (ND 800/123),machine broken,
    ,199001012015031001,2024-03-01,2024-03-15,charge,Kepala BKPSDM (ND 800/124),enrolled late,
    ,,2024-03-01,2024-03-31,keep,Kepala BPKAD (ND 900/7),re-export,payroll/gpp_2024-03_b.csv

A row is about one of three things:

- a machine (``device_key``: a machine folder, or ``*`` for every machine) whose days hold no
  readable data;
- an employee (``nip``) no machine knows on some working days (no valid PIN-map row, issue 19);
- payroll files of one layout that disagree (``decision`` keep, ``file``: the payroll file whose
  rows hold for the months in the range; ``nip`` empty for every conflicting NIP of the file,
  or one NIP);
- an employee-month with TPP and no readable payroll row (issue 21, ``nip`` required):
  ``carry`` (the latest earlier payroll row stands for the month) or ``amount`` (finance states
  the month's gaji gross for PPh 21 in the ``amount`` column, whole rupiah; sen rounded half up).

Dates are inclusive; ``decision`` is ``excuse`` (no deduction for the days), ``charge`` (treat
the days as recorded: no punch means TK), ``keep``, ``carry`` or ``amount``. ``decided_by`` is
required: the decision is audited. The ``nip``, ``file``, ``note`` and ``amount`` columns are
optional: a file written before issue 19 (device_key rows only) reads as before.
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult
from formats.payroll import parse_rupiah
from formats.reference import nip_text, numeric_cells, range_dates, raw_of, reference_result
from formats.tabular import read_table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason

DECISIONS = "attendance_decisions"
REQUIRED = {"datefrom", "dateto", "decision", "decidedby"}
ALIASES = {
    "excuse": c.EXCUSE,
    "dimaafkan": c.EXCUSE,
    "charge": c.CHARGE,
    "dihitung": c.CHARGE,
    "keep": c.KEEP,
    "pakai": c.KEEP,
    "carry": c.CARRY,
    "bawa": c.CARRY,
    "amount": c.CORRECTED,
    "koreksi": c.CORRECTED,
}


def _optional(values: pd.DataFrame, key: str) -> pd.Series:
    if key not in values.columns:
        return pd.Series(pd.NA, index=values.index, dtype="string")
    return values[key].str.strip().replace("", pd.NA).astype("string")


def read_decisions(data: bytes, file: str) -> ReadResult:
    """One row per decision; a row without a known decision, a decider, a valid range or what
    it is about (a machine, an employee, or a payroll file to keep) is quarantined with its
    reason."""
    table = read_table(data, file, REQUIRED)
    v = table.values
    date_from, date_to = range_dates(table, "datefrom", "dateto")
    decision = v["decision"].str.strip().str.lower().map(ALIASES).astype("string")
    device = _optional(v, "devicekey")
    nip = nip_text(v["nip"]) if "nip" in v.columns else _optional(v, "nip")
    kept = _optional(v, "file")
    stated = _optional(v, "amount")
    amount, amount_why = parse_rupiah(stated.fillna(""))
    frame = pd.DataFrame(
        {
            c.DEVICE_KEY: device,
            c.NIP: nip,
            c.DATE_FROM: date_from,
            c.DATE_TO: date_to,
            c.DECISION: decision,
            c.DECIDED_BY: v["decidedby"].str.strip().replace("", pd.NA).astype("string"),
            c.NOTE: _optional(v, "note"),
            c.DECISION_FILE: kept,
            c.AMOUNT: amount,
        }
    )
    about_days = decision.isin(c.DAY_DECISIONS).fillna(False)
    keep = (decision == c.KEEP).fillna(False)
    about_payroll = decision.isin(c.PAYROLL_DECISIONS).fillna(False)
    corrected = (decision == c.CORRECTED).fillna(False)
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"]) if "nip" in v else ""),
        (decision.isna(), "decision must be excuse, charge, keep, carry or amount"),
        (
            about_days & device.isna() & nip.isna(),
            "device_key and nip are both empty: name the machine (device_key) or the employee "
            "(nip) the decision is about",
        ),
        (
            about_days & device.notna() & nip.notna(),
            "device_key and nip are both given: a decision is about a machine or about an "
            "employee; write two rows",
        ),
        (
            about_days & kept.notna(),
            "file is given: only a keep decision names a payroll file; leave it empty",
        ),
        (keep & kept.isna(), "file is empty: a keep decision names the payroll file to keep"),
        (
            keep & device.notna(),
            "device_key is given: a keep decision is about payroll files, not a machine",
        ),
        (
            about_payroll & (nip.isna() | device.notna() | kept.notna()),
            "a carry or amount decision is about one employee's payroll month: give the nip, "
            "leave device_key and file empty",
        ),
        (corrected & amount_why.notna(), "amount " + amount_why.fillna("")),
        (
            corrected & amount.isna(),
            "amount is empty: an amount decision states the month's gaji gross in rupiah",
        ),
        (
            ~corrected & stated.notna(),
            "amount is given: only an amount decision states an amount; leave it empty",
        ),
        (frame[c.DATE_FROM].isna() | frame[c.DATE_TO].isna(), "date_from/date_to is not a date"),
        (frame[c.DATE_TO] < frame[c.DATE_FROM], "date_to is before date_from"),
        (frame[c.DECIDED_BY].isna(), "decided_by is empty: say who decided (it is audited)"),
        index=v.index,
    )
    keep_columns = [
        "devicekey", "nip", "datefrom", "dateto", "decision", "decidedby", "file", "amount"
    ]  # fmt: skip
    return reference_result(
        DECISIONS, file, table, frame, reason, raw_of(v, [k for k in keep_columns if k in v])
    )


def empty_decisions() -> pd.DataFrame:
    """The frame when the inbox holds no decision file."""
    return pd.DataFrame(
        {
            c.SOURCE_FILE: pd.Series(dtype="string"),
            c.SOURCE_LINE: pd.Series(dtype="int64"),
            c.DEVICE_KEY: pd.Series(dtype="string"),
            c.NIP: pd.Series(dtype="string"),
            c.DATE_FROM: pd.Series(dtype="datetime64[s]"),
            c.DATE_TO: pd.Series(dtype="datetime64[s]"),
            c.DECISION: pd.Series(dtype="string"),
            c.DECIDED_BY: pd.Series(dtype="string"),
            c.NOTE: pd.Series(dtype="string"),
            c.DECISION_FILE: pd.Series(dtype="string"),
            c.AMOUNT: pd.Series(dtype="Int64"),
        }
    )
