"""Fingerspot EasyLink SDK scanlog responses saved as JSON (the on-premises FService bridge).

``POST /scanlog/new`` and ``POST /scanlog/all/paging`` answer (EasyLink SDK User Guide 5.2,
"Download Scanlog")::

    {"Result": true, "Data": [{"SN": "6530150200047", "ScanDate": "2016-02-11 13:13:21",
      "PIN": "2", "VerifyMode": 0, "IOMode": 0, "WorkCode": 0}, ...]}

Paging answers add ``"IsSession": true``; a refused call is ``{"Result": false}`` (sometimes with a
``message``). What reaches an inbox varies:

- one response, pretty-printed or on one line; a JSON list of pages; one response per line;
- keys capitalised as above, or as the SDK's sample database names them (``sn``, ``scan_date``,
  ``pin``, ``verifymode``, ``iomode``, ``workcode``, when a scanlog table is dumped to JSON); key
  order and case are free, so keys are matched without case or separators;
- modes as numbers or as strings (``1`` or ``"1"``); a bare list of scanlog records without the
  envelope.

PIN is the machine's user number, ScanDate the device's local wall-clock time, IOMode the in/out
key pressed (a hint only), VerifyMode the verification (1 finger, 20 face, 30 vein ...). SN is the
machine's serial: recorded in the file's info (several serials in one file are named, with a
warning, because the file's folder decides the PIN map and the time zone of all of them).
Lineage is the record's ordinal in the file, or its line number for JSON lines.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from formats.base import FileEmpty, FileRejected, ReadResult
from formats.json_responses import lower_keys, page_lines, record_frame
from formats.punches import build_result
from vocabulary.frames import first_reason

EASYLINK_SCANLOG = "easylink_scanlog"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# canonical field -> accepted keys (lower case, separators removed); display name for raw
KEYS = {
    "pin": ("pin",),
    "scandate": ("scandate", "scantime", "datetime"),
    "sn": ("sn", "serialnumber", "devicesn"),
    "verifymode": ("verifymode", "verify"),
    "iomode": ("iomode", "inoutmode"),
    "workcode": ("workcode",),
}
DISPLAY = {
    "pin": "PIN",
    "scandate": "ScanDate",
    "sn": "SN",
    "verifymode": "VerifyMode",
    "iomode": "IOMode",
    "workcode": "WorkCode",
}
ENVELOPE = {"result", "data", "issession"}


def is_scanlog_record(doc: object) -> bool:
    """A JSON object with an EasyLink scanlog's PIN and scan date."""
    keys = lower_keys(doc)
    return "pin" in keys and any(k in keys for k in KEYS["scandate"])


def is_easylink(docs: list[tuple[int | None, object]]) -> bool:
    """Saved EasyLink responses: an object with ``Result`` (any case), or scanlog records."""
    for _, doc in docs[:50]:
        keys = lower_keys(doc)
        if "result" in keys or is_scanlog_record(doc):
            return True
        data = keys.get("data")
        if isinstance(data, list) and data and is_scanlog_record(data[0]):
            return True
    return False


def _records(
    docs: list[tuple[int | None, object]], file: str
) -> tuple[list, np.ndarray, int, list[str]]:
    """The scanlog records of every response, their lineage, and the refused calls."""
    records: list = []
    lines: list[np.ndarray] = []
    refused: list[str] = []
    ordinal = 0
    if docs and all(is_scanlog_record(doc) for _, doc in docs[:50]):
        # records without the envelope (a scanlog table dumped as JSON, or one per line)
        records = [doc for _, doc in docs]
        if docs[0][0] is None:
            numbers = np.arange(1, len(records) + 1, dtype="int64")
        else:
            numbers = np.asarray([line for line, _ in docs], dtype="int64")
        return records, numbers, len(records), refused
    for line_no, doc in docs:
        keys = lower_keys(doc)
        if not keys.keys() & ENVELOPE:
            raise FileRejected(
                file,
                "JSON is not an EasyLink scanlog response ({'Result': ..., 'Data': [...]})",
                line=line_no,
            )
        if keys.get("result") is False or str(keys.get("result")).lower() == "false":
            message = keys.get("message") or keys.get("msg") or "no message"
            refused.append(str(message))
            continue
        data = keys.get("data") or []
        if not isinstance(data, list):
            raise FileRejected(file, "'Data' is not a list", line=line_no)
        n = len(data)
        lines.append(page_lines(ordinal, n, line_no))
        ordinal += n
        records.extend(data)
    numbers = np.concatenate(lines) if lines else np.zeros(0, dtype="int64")
    return records, numbers, ordinal, refused


def _raw(frame: pd.DataFrame, present: list[str]) -> pd.Series:
    """Each record as ``PIN=..; ScanDate=..; ...`` (the fields it has), column by column."""
    pieces: list = []
    for i, key in enumerate(present):
        pieces.append(pa.scalar(("" if i == 0 else "; ") + f"{DISPLAY[key]}="))
        pieces.append(pa.array(frame[key].fillna(""), type=pa.string()))
    joined = pc.binary_join_element_wise(*pieces, "")
    return pd.Series(pd.arrays.ArrowStringArray(joined), index=frame.index)


def read_easylink(docs: list[tuple[int | None, object]], file: str, device_key: str) -> ReadResult:
    """Read saved EasyLink scanlog responses (already decoded by ``json_documents``).

    Raises:
        FileEmpty: the responses hold no record.
        FileRejected: not EasyLink responses, or every call was refused.
    """
    records, lines, _, refused = _records(docs, file)
    if not records:
        if refused:
            raise FileRejected(
                file,
                "every response has Result false (the EasyLink SDK refused the call: "
                f"{refused[0]}); download the scanlog again",
            )
        raise FileEmpty(file, "the EasyLink response holds no scan (Data is []); download again")
    frame, not_object = record_frame(records, KEYS)
    present = [k for k in KEYS if frame[k].notna().any()] or ["pin"]
    raw = _raw(frame, present)
    if not_object.any():
        raw[not_object] = pd.Series(records, dtype=object)[not_object].astype("string")
    pin = frame["pin"].str.strip()
    when = frame["scandate"].str.strip().str.replace("T", " ", regex=False)
    local_time = pd.to_datetime(when, format=TIME_FORMAT, errors="coerce").astype("datetime64[s]")
    index = frame.index
    reason = first_reason(
        (pd.Series(not_object, index=index), "not a scanlog record (a JSON object is expected)"),
        (pin.isna() | (pin == ""), "record has no PIN"),
        (when.isna(), "record has no ScanDate"),
        (
            local_time.isna(),
            lambda i: "ScanDate '" + when.loc[i].fillna("") + "' is not YYYY-MM-DD HH:MM:SS",
        ),
        index=index,
    )
    info: dict[str, str] = {}
    serials = frame["sn"].dropna().str.strip()
    serials = sorted(set(serials[serials != ""].unique().tolist()))
    if serials:
        info["serial"] = ", ".join(serials)
    if len(serials) > 1:
        info["warning"] = (
            f"records of {len(serials)} machines (SN {', '.join(serials)}) in one file: all are "
            f"read as machine folder '{device_key}' (its PIN map and time zone); put each "
            "machine's download in its own folder if their PINs or zones differ"
        )
    if refused:
        info["responses_refused"] = str(len(refused))
    return build_result(
        layout=EASYLINK_SCANLOG,
        file=file,
        device_key=device_key,
        lines=pd.Series(lines, index=index, dtype="int64"),
        raw=raw,
        pin=pin,
        local_time=local_time,
        direction_hint=frame["iomode"].str.strip(),
        verify=frame["verifymode"].str.strip(),
        reason=reason,
        info=info,
    )
