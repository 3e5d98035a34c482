"""The attendance log a ZK standalone terminal (or its desktop tool) exports as CSV/XLSX with a
``No.`` and a ``Date/Time`` column, one row per scan.

Variants seen in public importers:

- ``Department,Name,No.,Date/Time,Status,Location ID`` with times like ``02/12/2024 7:30
  A12P12`` (a Philippine university's DTR export, documented by its importer);
- ``Department,Name,No.,Date/Time,Location ID,ID Number,VerifyCode,CardNo`` with
  ``29/08/2026 07:54:23`` and VerifyCode ``FACE``/``FP``;
- ``Name,No.,Date/Time,Date,Time,AM-PM`` where ``Date/Time`` may be blank and the date, the
  12-hour time and the AM/PM marker stand in their own columns (``31-Jul-26``, ``1:23:41``,
  ``PM``).

``No.`` is the machine's user number (the PIN); ``Location ID`` the machine number; ``Status``
(``C/In``, ``C/Out``) is kept as a hint.

The ``A12P12`` decoding: the suffix carries no time information. The same files write hours from
0 to 23 (``17:00 A12P12``, ``18:31 A12P12``, ``20:36 A12P12``) and the day first (``18/12/2024``),
so the time before the suffix is already 24-hour and the suffix is a locale artefact of the
export (the Windows AM/PM designator settings printed as text). The importer that documents the
layout removes ``[letter][digits][letter][digits]`` at the end and reads ``D/M/YYYY H:MM`` in 24
hours; so do we. The date order is chosen for the whole file like every other export (a declared
``date_order`` in devices.csv wins). If a file with the suffix never shows an hour past 12 the
file's info warns: it might then be a 12-hour clock whose afternoon is lost.
"""

from __future__ import annotations

import re

import pandas as pd

from formats.base import ReadResult
from formats.punches import build_result
from formats.tabular import Table, join_columns
from formats.zktime_acno import cell_times
from vocabulary.frames import first_reason

ZK_STANDALONE_CSV = "zk_standalone_csv"
REQUIRED = {"no", "datetime"}
# never kept in the raw record: names, ID and card numbers
_PERSONAL = re.compile(r"nam|nik|npwp|rek|account|card|pass|idnumber|ssn")
# (spaces spelled out: pandas runs a pattern with \s in Python, row by row, not in Arrow)
SUFFIX = r"[ \t]+[A-Za-z][0-9]{1,2}[A-Za-z][0-9]{1,2}[ \t]*$"
_MIN_ROWS_FOR_CLOCK_CHECK = 20


def _time_text(values: pd.DataFrame) -> pd.Series:
    """Date/Time, or where it is blank and the file has them, Date + Time (+ AM-PM)."""
    text = values["datetime"].str.strip()
    if {"date", "time"} <= set(values.columns):
        parts = ["date", "time"] + [k for k in ("ampm",) if k in values.columns]
        joined = join_columns(values, parts, " ").str.strip()
        has_parts = values["date"].notna() & values["time"].notna()
        text = text.fillna(joined.where(has_parts))
    return text


def read_zk_standalone(
    table: Table, file: str, device_key: str, date_order: str | None
) -> ReadResult:
    """Read a No./Date/Time attendance export already split into a text table."""
    values = table.values
    index = values.index
    pin = values["no"].str.strip()
    text = _time_text(values)
    suffix = text.str.contains(SUFFIX, regex=True, na=False)
    cleaned = text.str.replace(SUFFIX, "", regex=True) if suffix.any() else text
    local_time, found = cell_times(table, "datetime", date_order, text=cleaned)
    info = {**table.info, **found}
    if suffix.any():
        info["time_suffix"] = "A12P12-style suffix removed: the times are 24-hour"
        hours = local_time[suffix].dt.hour
        if len(hours.dropna()) >= _MIN_ROWS_FOR_CLOCK_CHECK and hours.max() <= 12:
            info["warning"] = (
                "no time after 12:59 in a file whose times carry an A12P12 suffix: if the "
                "machine writes a 12-hour clock, afternoon scans read as morning ones; check "
                "the machine's time format"
            )
    reason = first_reason(
        (pin.isna(), "empty No. (the machine's user number)"),
        (text.isna(), "empty Date/Time"),
        (
            local_time.isna(),
            lambda i: (
                "Date/Time '"
                + text.loc[i].fillna("")
                + "' does not match the file's date-time format "
                + info.get("time_format", "")
            ),
        ),
        index=index,
    )
    kept = [col for col in values.columns if col in REQUIRED or not _PERSONAL.search(col)]
    status = values["status"] if "status" in values.columns else pd.Series(pd.NA, index=index)
    verify = (
        values["verifycode"] if "verifycode" in values.columns else pd.Series(pd.NA, index=index)
    )
    return build_result(
        layout=ZK_STANDALONE_CSV,
        file=file,
        device_key=device_key,
        lines=pd.Series(table.lines, index=index),
        raw=table.raw(kept),
        pin=pin,
        local_time=local_time,
        direction_hint=status.astype("string").str.strip(),
        verify=verify.astype("string").str.strip(),
        reason=reason,
        info=info,
    )
