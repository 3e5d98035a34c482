"""ZKBioTime (BioTime 8.x) transactions: saved API pages and BioTime's CSV/XLSX export.

API: ``GET /iclock/api/transactions/`` answers a page::

    {"count": 7, "next": null, "previous": null, "msg": "", "code": 0,
     "data": [{"id": 1, "emp_code": "1001", "first_name": "", "last_name": "",
               "department": "...", "punch_time": "2020-06-08 07:21:05", "punch_state": "0",
               "punch_state_display": "Check In", "verify_type": 1, "terminal_sn": "CGE8231",
               "upload_time": "2020-06-08 07:21:05", ...}]}

(the key set of BioTime's API documentation, "Transaction / List"). One page, a JSON list of
pages, one page per line, or the bare ``data`` records. ``code`` other than 0 is a refused call.
A last page whose ``next`` is not null says more pages follow (``more_events``).

CSV/XLSX: the same transactions exported, with the API's names as headers (``emp_code,
punch_time, punch_state, ...``) or the screen's (``Employee ID, Punch Time, Punch State, ...``,
or ``Employee ID, Date, Time, Punch State`` as another importer lists for ZKBioTime 8); columns by
name (``formats.headers``), one date format per file (devices.csv ``date_order`` wins).

``emp_code`` is the PIN; ``punch_time`` the server's local wall-clock time (no offset);
``punch_state`` a hint; ``terminal_sn`` the terminal's serial, recorded in the file's info (a
warning when one file holds several terminals: they share the folder's PIN map and zone). Names,
department and position are never kept in the raw record.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from formats.base import FileEmpty, FileRejected, ReadResult
from formats.json_responses import lower_keys, page_lines, record_frame
from formats.punches import build_result
from formats.tabular import Table, join_columns
from formats.zktime_acno import cell_times
from vocabulary.frames import first_reason

BIOTIME_JSON = "biotime_json"
BIOTIME_CSV = "biotime_csv"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
KEYS = {
    "empcode": ("empcode",),
    "punchtime": ("punchtime",),
    "punchstate": ("punchstate",),
    "verifytype": ("verifytype",),
    "terminalsn": ("terminalsn",),
    "uploadtime": ("uploadtime",),
    "id": ("id",),
}
DISPLAY = {
    "id": "id",
    "empcode": "emp_code",
    "punchtime": "punch_time",
    "punchstate": "punch_state",
    "verifytype": "verify_type",
    "terminalsn": "terminal_sn",
    "uploadtime": "upload_time",
}
_PERSONAL = re.compile(r"nam|nik|npwp|card|pass|ssn|department|position|mobile|gps")


def _is_record(doc: object) -> bool:
    keys = lower_keys(doc)
    return "empcode" in keys and "punchtime" in keys


def is_biotime(docs: list[tuple[int | None, object]]) -> bool:
    """Saved transaction pages: ``data`` records with emp_code and punch_time, or such records."""
    for _, doc in docs[:50]:
        if _is_record(doc):
            return True
        data = lower_keys(doc).get("data")
        if isinstance(data, list) and data and _is_record(data[0]):
            return True
        if isinstance(data, dict) and _is_record(next(iter(data.get("data") or []), None)):
            return True
    return False


def _records(
    docs: list[tuple[int | None, object]], file: str
) -> tuple[list, np.ndarray, list[str], dict]:
    records: list = []
    lines: list[np.ndarray] = []
    refused: list[str] = []
    ordinal = 0
    more = None
    for line_no, doc in docs:
        keys = lower_keys(doc)
        if _is_record(doc):
            data: object = [doc]
        elif "data" in keys or "code" in keys:
            code = keys.get("code")
            if code not in (None, 0, "0"):
                refused.append(f"code {code}: {keys.get('msg') or 'no message'}")
                continue
            data = keys.get("data") or []
            if isinstance(data, dict):  # some versions nest the page: {"data": {"data": [...]}}
                keys = lower_keys(data)
                data = keys.get("data") or []
            more = keys.get("next")
        else:
            raise FileRejected(
                file,
                "JSON is not a BioTime transactions page ({'count', 'next', 'data': [...]})",
                line=line_no,
            )
        if not isinstance(data, list):
            raise FileRejected(file, "'data' is not a list", line=line_no)
        n = len(data)
        lines.append(page_lines(ordinal, n, line_no))
        ordinal += n
        records.extend(data)
    info: dict[str, str] = {}
    if more:
        info["more_events"] = (
            f"the last saved page names a next page ({str(more)[:120]}): later transactions "
            "are not in this file"
        )
    numbers = np.concatenate(lines) if lines else np.zeros(0, dtype="int64")
    return records, numbers, refused, info


def _serials(values: pd.Series, device_key: str) -> dict[str, str]:
    serials = values.dropna().str.strip()
    serials = sorted(set(serials[serials != ""].unique().tolist()))
    info: dict[str, str] = {}
    if serials:
        info["serial"] = ", ".join(serials[:10])
    if len(serials) > 1:
        info["warning"] = (
            f"transactions of {len(serials)} terminals (SN {', '.join(serials[:10])}) in one "
            f"file: all are read as machine folder '{device_key}' (its PIN map and time zone); "
            "export each terminal into its own folder if their PINs or zones differ"
        )
    return info


def _reasons(pin: pd.Series, text: pd.Series, local_time: pd.Series, what: str, info: dict):
    return first_reason(
        (pin.isna() | (pin == ""), "transaction has no emp_code (the PIN)"),
        (text.isna(), f"transaction has no {what}"),
        (
            local_time.isna(),
            lambda i: (
                f"{what} '"
                + text.loc[i].fillna("")
                + "' does not match the file's date-time format "
                + info.get("time_format", TIME_FORMAT)
            ),
        ),
        index=pin.index,
    )


def _raw(frame: pd.DataFrame, present: list[str]) -> pd.Series:
    pieces: list = []
    for i, key in enumerate(present):
        pieces.append(pa.scalar(("" if i == 0 else "; ") + f"{DISPLAY[key]}="))
        pieces.append(pa.array(frame[key].fillna(""), type=pa.string()))
    joined = pc.binary_join_element_wise(*pieces, "")
    return pd.Series(pd.arrays.ArrowStringArray(joined), index=frame.index)


def read_biotime_json(
    docs: list[tuple[int | None, object]], file: str, device_key: str
) -> ReadResult:
    """Read saved BioTime transaction pages (already decoded by ``json_documents``).

    Raises:
        FileEmpty: the pages hold no transaction.
        FileRejected: not BioTime pages, or every call was refused.
    """
    records, lines, refused, info = _records(docs, file)
    if not records:
        if refused:
            raise FileRejected(
                file,
                f"every page is a refused call ({refused[0]}); download the transactions again",
            )
        raise FileEmpty(file, "the BioTime pages hold no transaction (data is []); save again")
    frame, not_object = record_frame(records, KEYS)
    present = [k for k in DISPLAY if frame[k].notna().any()] or ["empcode"]
    raw = _raw(frame, present)
    if not_object.any():
        raw[not_object] = pd.Series(records, dtype=object)[not_object].astype("string")
    pin = frame["empcode"].str.strip()
    text = frame["punchtime"].str.strip()
    local_time = pd.to_datetime(
        text.str.replace("T", " ", regex=False), format=TIME_FORMAT, errors="coerce"
    ).astype("datetime64[s]")
    info.update(_serials(frame["terminalsn"], device_key))
    if refused:
        info["responses_refused"] = str(len(refused))
    reason = _reasons(pin, text, local_time, "punch_time", info)
    reason = reason.mask(
        pd.Series(not_object, index=frame.index), "not a transaction (a JSON object is expected)"
    )
    return build_result(
        layout=BIOTIME_JSON,
        file=file,
        device_key=device_key,
        lines=pd.Series(lines, index=frame.index, dtype="int64"),
        raw=raw,
        pin=pin,
        local_time=local_time,
        direction_hint=frame["punchstate"].str.strip(),
        verify=frame["verifytype"].str.strip(),
        reason=reason,
        info=info,
    )


def read_biotime_table(
    table: Table, file: str, device_key: str, date_order: str | None
) -> ReadResult:
    """Read a BioTime CSV/XLSX export already split into a text table with canonical names."""
    v = table.values
    index = v.index
    pin = v["empcode"].str.strip()
    if "punchtime" in v.columns:
        key, text = "punchtime", v["punchtime"].str.strip()
    else:  # Date and Time columns
        key = "punchtime"
        both = v["date"].notna() & v["time"].notna()
        # an Excel date cell reads as '2024-03-04 00:00:00': its date is the date
        day = v["date"].str.strip().str.replace(r" 00:00:00$", "", regex=True)
        text = join_columns(v.assign(date=day), ["date", "time"], " ").str.strip().where(both)
        table = Table(
            values=v.assign(punchtime=text),
            lines=table.lines,
            numeric=None,
            datetimes=None,
            info=table.info,
        )
    local_time, found = cell_times(table, key, date_order, text=text)
    info = {**table.info, **found}
    if "terminalsn" in v.columns:
        info.update(_serials(v["terminalsn"], device_key))
    reason = _reasons(pin, text, local_time, "punch time", info)
    kept = [col for col in v.columns if not _PERSONAL.search(col)]

    return build_result(
        layout=BIOTIME_CSV,
        file=file,
        device_key=device_key,
        lines=pd.Series(np.asarray(table.lines, dtype="int64"), index=index),
        raw=table.raw(kept),
        pin=pin,
        local_time=local_time,
        direction_hint=table.optional("punchstate"),
        verify=table.optional("verifytype"),
        reason=reason,
        info=info,
    )
