"""ZKTime 5 / ZKTime.Net / Att2000 "original records" export (XLSX or CSV).

Columns ``AC-No., No., Name, Time, State, New State, Exception, Operation`` (source-formats
§1.1.4). ``AC-No.`` is the device PIN. ``Time`` is an Excel date-time cell or text in one of
several styles, including the US ``M/D/YYYY h:mm AM``; one format is chosen per file. Names are
not kept: the raw record stored for quarantine leaves the Name column out.
"""

from __future__ import annotations

import re

import pandas as pd

from formats.base import ReadResult
from formats.dates import excel_serial_to_datetime, parse_datetimes
from formats.punches import build_result
from formats.tabular import Table
from rules.frames import first_reason

ZKTIME_ACNO = "zktime_acno"
REQUIRED = {"acno", "time"}
# columns never kept in the raw record of a row: names ('Name', 'Nama Pegawai', 'User Name'),
# identity and bank numbers, card numbers
_PERSONAL = re.compile(r"nam|nik|npwp|rek|account|card|pass")


def read_acno(table: Table, file: str, device_key: str, date_order: str | None) -> ReadResult:
    """Read an AC-No. export already split into a text table."""
    values = table.values
    index = values.index
    pin = values["acno"].str.strip()
    # PINs in XLSX may be number cells ("12" is fine, "12.5" is not a PIN)
    time_text = values["time"]
    info = dict(table.info)
    local_time = pd.Series(pd.NaT, index=index, dtype="datetime64[s]")
    from_cells = pd.Series(False, index=index)
    if table.datetimes is not None:
        cell = table.datetimes["time"]
        from_cells = cell.notna()
        if from_cells.any():
            local_time[from_cells] = pd.to_datetime(cell[from_cells]).astype("datetime64[s]")
            info["time_cells"] = "excel date-time"
    if table.numeric is not None:
        serial = table.numeric["time"] & ~from_cells
        if serial.any():
            local_time[serial] = excel_serial_to_datetime(time_text[serial])
            from_cells = from_cells | serial
    text_rows = ~from_cells & time_text.notna()
    if text_rows.any():
        parsed, fmt = parse_datetimes(time_text[text_rows], order=date_order)
        local_time[text_rows] = parsed
        info["time_format"] = fmt + (f" (declared {date_order})" if date_order else "")
    reason = first_reason(
        (pin.isna(), "empty AC-No. (device PIN)"),
        (time_text.isna(), "empty Time"),
        (
            local_time.isna(),
            "Time '" + time_text.fillna("") + "' does not match the file's "
            "date-time format " + info.get("time_format", ""),
        ),
        index=index,
    )
    kept = [col for col in values.columns if col in REQUIRED or not _PERSONAL.search(col)]
    raw = table.raw(kept)
    direction = values["state"] if "state" in values.columns else pd.Series(pd.NA, index=index)
    return build_result(
        layout=ZKTIME_ACNO,
        file=file,
        device_key=device_key,
        lines=pd.Series(table.lines, index=index),
        raw=raw,
        pin=pin,
        local_time=local_time,
        direction_hint=direction.astype("string"),
        verify=pd.Series(pd.NA, index=index, dtype="string"),
        reason=reason,
        info=info,
    )
