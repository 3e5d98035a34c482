"""The per-file audit of every ingestion: what each file gave, and why a file gave nothing.

Audit rows: asset, partition_key, file, sha256, layout, rows_in, rows_valid, rows_quarantined,
status (ok | rejected | partial | empty), message. For every file, rows in = rows valid + rows
quarantined; a file that could not be read at all is ``rejected`` with its reason, one that holds
no record (0 bytes, a header only, ``[]``) is ``empty``. An optional kind that ends with no valid
row at all gets one ``default`` row (file: where it is looked for) saying which default applied.
"""

from __future__ import annotations

import pandas as pd

from vocabulary import columns as c

OK, PARTIAL, REJECTED, EMPTY, DEFAULT = "ok", "partial", "rejected", "empty", "default"
COUNTS = ("rows_in", "rows_valid", "rows_quarantined")
AUDIT_COLUMNS = [
    "asset",
    "partition_key",
    "file",
    "sha256",
    c.LAYOUT,
    *COUNTS,
    c.STATUS,
    "message",
]


def audit_frame(rows: list[dict]) -> pd.DataFrame:
    """Audit rows as a frame with the warehouse's types."""
    frame = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for col in COUNTS:
        frame[col] = frame[col].astype("int64")
    for col in set(AUDIT_COLUMNS) - set(COUNTS):
        frame[col] = frame[col].astype("string")
    return frame


def audit_row(
    asset: str,
    partition: str,
    file: str,
    sha: str | None,
    layout: str | None,
    rows_in: int,
    valid: int,
    quarantined: int,
    message: str | None = None,
    status: str | None = None,
) -> dict:
    """One file's audit row; the status follows from the counts unless given."""
    if status is None:
        status = (
            REJECTED
            if message and rows_in == 0 and valid == 0
            else (PARTIAL if quarantined else OK)
        )
    return {
        "asset": asset,
        "partition_key": partition,
        "file": file,
        "sha256": sha,
        c.LAYOUT: layout,
        "rows_in": rows_in,
        "rows_valid": valid,
        "rows_quarantined": quarantined,
        c.STATUS: status,
        "message": message,
    }


def add_quarantined(audit: list[dict], quarantine: pd.DataFrame) -> None:
    """Move the rows a later stage quarantined (per file) from valid to quarantined."""
    if quarantine.empty:
        return
    per_file = quarantine.groupby(c.SOURCE_FILE).size()
    for row in audit:
        extra = int(per_file.get(row["file"], 0))
        row["rows_valid"] -= extra
        row["rows_quarantined"] += extra
        if row[c.STATUS] == OK and row["rows_quarantined"]:
            row[c.STATUS] = PARTIAL
