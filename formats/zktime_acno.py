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
from vocabulary.frames import first_reason

ZKTIME_ACNO = "zktime_acno"
REQUIRED = {"acno", "time"}
# columns never kept in the raw record of a row: names ('Name', 'Nama Pegawai', 'User Name'),
# identity and bank numbers, card numbers
_PERSONAL = re.compile(r"nam|nik|npwp|rek|account|card|pass")


def cell_times(
    table: Table, key: str, date_order: str | None, text: pd.Series | None = None
) -> tuple[pd.Series, dict[str, str]]:
    """The date-times of column ``key``: Excel date-time cells as they are, Excel serial numbers
    converted, text parsed with one format for the file (``text``: the text to parse instead of
    the column's, e.g. with a suffix removed).

    Returns:
        Naive datetimes (NaT where unreadable) and what was used (``time_cells``,
        ``time_format``) for the file's info.
    """
    index = table.values.index
    time_text = table.values[key] if text is None else text
    info: dict[str, str] = {}
    local_time = pd.Series(pd.NaT, index=index, dtype="datetime64[s]")
    from_cells = pd.Series(False, index=index)
    if table.datetimes is not None and key in table.datetimes.columns:
        cell = table.datetimes[key]
        from_cells = cell.notna()
        if from_cells.any():
            local_time[from_cells] = pd.to_datetime(cell[from_cells]).astype("datetime64[s]")
            info["time_cells"] = "excel date-time"
    if table.numeric is not None and key in table.numeric.columns:
        serial = table.numeric[key] & ~from_cells
        if serial.any():
            local_time[serial] = excel_serial_to_datetime(table.values[key][serial])
            from_cells = from_cells | serial
    text_rows = ~from_cells & time_text.notna()
    if text_rows.any():
        parsed, fmt = parse_datetimes(time_text[text_rows], order=date_order)
        local_time[text_rows] = parsed
        info["time_format"] = fmt + (f" (declared {date_order})" if date_order else "")
    return local_time, info


def read_acno(table: Table, file: str, device_key: str, date_order: str | None) -> ReadResult:
    """Read an AC-No. export already split into a text table."""
    values = table.values
    index = values.index
    pin = values["acno"].str.strip()
    # PINs in XLSX may be number cells ("12" is fine, "12.5" is not a PIN)
    time_text = values["time"]
    local_time, found = cell_times(table, "time", date_order)
    info = {**table.info, **found}
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
