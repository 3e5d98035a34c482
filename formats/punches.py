"""The canonical raw-punch frame that every attendance reader produces."""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult, empty_quarantine, quarantine_rows
from vocabulary import columns as c
from vocabulary.frames import repeat_text

PUNCH_COLUMNS = [
    c.SOURCE_FILE,
    c.SOURCE_LINE,
    c.DEVICE_KEY,
    c.PIN,
    c.LOCAL_TIME,
    c.DIRECTION_HINT,
    c.VERIFY,
    c.LAYOUT,
    c.RAW,
    c.UTC_OFFSET,
]


def empty_punches() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.SOURCE_FILE: pd.Series(dtype="string"),
            c.SOURCE_LINE: pd.Series(dtype="int64"),
            c.DEVICE_KEY: pd.Series(dtype="string"),
            c.PIN: pd.Series(dtype="string"),
            c.LOCAL_TIME: pd.Series(dtype="datetime64[s]"),
            c.DIRECTION_HINT: pd.Series(dtype="string"),
            c.VERIFY: pd.Series(dtype="string"),
            c.LAYOUT: pd.Series(dtype="string"),
            c.RAW: pd.Series(dtype="string"),
            c.UTC_OFFSET: pd.Series(dtype="Int32"),
        }
    )


def build_result(
    *,
    layout: str,
    file: str,
    device_key: str,
    lines: pd.Series,
    raw: pd.Series,
    pin: pd.Series,
    local_time: pd.Series,
    direction_hint: pd.Series,
    verify: pd.Series,
    reason: pd.Series,
    info: dict[str, str] | None = None,
    utc_offset: pd.Series | None = None,
) -> ReadResult:
    """Split parsed fields into punches and quarantined rows (where ``reason`` is set).

    All Series share one index (one entry per data row of the file). ``utc_offset``: minutes
    east of UTC each record states (ISAPI times carry it), or None for naive wall-clock times.
    """
    bad = reason.notna().to_numpy()
    good = ~bad
    n = int(good.sum())

    def kept(values: pd.Series, dtype: str) -> pd.Series:
        # boolean selection keeps Arrow-backed strings as they are (no round trip through numpy)
        return values.astype(dtype)[good].reset_index(drop=True)

    rows = pd.DataFrame(
        {
            c.SOURCE_FILE: repeat_text(file, n),
            c.SOURCE_LINE: kept(lines, "int64"),
            c.DEVICE_KEY: repeat_text(device_key, n),
            c.PIN: kept(pin, "string"),
            c.LOCAL_TIME: kept(local_time, "datetime64[s]"),
            c.DIRECTION_HINT: kept(direction_hint, "string"),
            c.VERIFY: kept(verify, "string"),
            c.LAYOUT: repeat_text(layout, n),
            c.RAW: kept(raw, "string"),
            c.UTC_OFFSET: (
                kept(utc_offset, "Int32")
                if utc_offset is not None
                else pd.Series(pd.NA, index=range(n), dtype="Int32")
            ),
        }
    )
    quarantine = (
        quarantine_rows(file, lines.to_numpy()[bad], raw[bad], reason[bad])
        if bad.any()
        else empty_quarantine()
    )
    return ReadResult(layout=layout, rows=rows, quarantine=quarantine, info=info or {})
