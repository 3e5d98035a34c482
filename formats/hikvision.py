"""Hikvision access-control terminals (DS-K1T...): saved ISAPI ``AcsEvent`` search responses.

A poller pages through ``POST /ISAPI/AccessControl/AcsEvent?format=json`` and saves each
answer::

    {"AcsEvent": {"searchID": "1", "responseStatusStrg": "MORE", "numOfMatches": 30,
      "totalMatches": 46328, "InfoList": [{"major": 5, "minor": 38,
      "time": "2022-05-11T13:00:49+08:00", "employeeNoString": "2", "serialNo": 32,
      "userType": "normal", "attendanceStatus": "undefined", ...}]}}

One page, a JSON list of pages, or one page per line; keys matched without case. Older firmware
writes ``employeeNo`` (a number) instead of ``employeeNoString``.

What is a punch: an event of major type 5 (access events) whose minor type is a *successful*
verification of a person (card, fingerprint, face, password, employee number, and their
combinations; the minor codes of Hikvision's ``NET_DVR_ACS_ALARM_INFO`` list, e.g. 0x26
fingerprint matched, 0x4b face authentication completed). Every other event is quarantined with
its own reason: a failed verification (0x27 fingerprint mismatched, 0x4c face failed...), a door
event (unlocked, opened, exit button...), an alarm (major 1), a device exception (major 2), an
operation (major 3), or another access event.

``time`` is ISO 8601 with the device's UTC offset, so the instant is exact: the record keeps its
wall-clock time and its offset (``utc_offset_minutes``) and is judged in the machine's zone from
devices.csv when it declares one, else in the zone the offset names (``rules.punches.localise``).
A page whose ``responseStatusStrg`` is ``MORE`` says more events follow: when the file's last
page says so, the file's info records it (``more_events``), and the file's data reaches only
as far as its last record (``ingest.attendance``).
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

HIKVISION_ACSEVENT = "hikvision_acsevent"
MAJOR_ALARM, MAJOR_EXCEPTION, MAJOR_OPERATION, MAJOR_EVENT = 1, 2, 3, 5
# major 5 minors that are a person's successful verification (NET_DVR_ACS_ALARM_INFO):
# 0x01 valid card, 0x02 card+password, 0x10 multiple authentication, 0x26 fingerprint,
# 0x28 card+fingerprint, 0x2b card+fingerprint+password, 0x2e fingerprint+password,
# 0x45 employee no.+fingerprint, 0x48 employee no.+fingerprint+password, 0x4b face,
# 0x4d employee no.+face, 0x65 employee no.+password, 0x69 person+ID card, 0x99 combined,
# 0x9f Bluetooth, 0xb3 dynamic code, 0xb5 password
VERIFIED = frozenset(
    {0x01, 0x02, 0x10, 0x26, 0x28, 0x2B, 0x2E, 0x45, 0x48, 0x4B, 0x4D, 0x65, 0x69, 0x99}
    | {0x9F, 0xB3, 0xB5}
)
# major 5 minors that are a refused or timed-out verification
FAILED = frozenset(
    set(range(0x03, 0x0F))
    | {0x27, 0x29, 0x2A, 0x2C, 0x2D, 0x2F, 0x30, 0x31, 0x46, 0x47, 0x49, 0x4A, 0x4C, 0x4E}
    | {0x4F, 0x50, 0x66, 0x67, 0x68, 0x70, 0x75, 0x76, 0x77, 0x8B, 0x97, 0x98, 0x9A, 0x9B}
    | {0xA0, 0xA2, 0xA3, 0xA4, 0xB4}
)
# major 5 minors about the door, its lock, buttons, relays and contacts
DOOR = frozenset(
    set(range(0x11, 0x22)) | {0x25, 0x34, 0x35} | set(range(0x53, 0x65)) | set(range(0x85, 0x8E))
)
KEYS = {
    "major": ("major",),
    "minor": ("minor",),
    "time": ("time", "datetime"),
    "pin": ("employeenostring", "employeeno"),
    "serialno": ("serialno",),
    "attendancestatus": ("attendancestatus",),
    "verifymode": ("currentverifymode", "verifymode"),
}
DISPLAY = {
    "major": "major",
    "minor": "minor",
    "time": "time",
    "pin": "employeeNoString",
    "serialno": "serialNo",
    "attendancestatus": "attendanceStatus",
    "verifymode": "currentVerifyMode",
}
# what may follow the seconds of an ISO 8601 time (after a fraction): the UTC offset, or none
_ZONE = r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"


def _ints(values: pd.Series) -> pd.Series:
    """Whole numbers written as text (JSON numbers made text by ``record_frame``), in Arrow;
    <NA> for anything else."""
    text = pa.array(values.astype("string[pyarrow]").str.strip(), type=pa.string())
    whole = pc.if_else(pc.match_substring_regex(text, r"^-?[0-9]{1,9}$"), text, None)
    return pd.Series(pc.cast(whole, pa.int64()), index=values.index, dtype="Int64")


def _envelope(doc: object) -> dict | None:
    keys = lower_keys(doc)
    inner = keys.get("acsevent")
    return inner if isinstance(inner, dict) else None


def is_acsevent(docs: list[tuple[int | None, object]]) -> bool:
    """Saved AcsEvent responses: an object with ``AcsEvent``, or event records."""
    for _, doc in docs[:50]:
        if _envelope(doc) is not None:
            return True
        keys = lower_keys(doc)
        if {"major", "minor", "time"} <= keys.keys():
            return True
    return False


def _records(docs: list[tuple[int | None, object]], file: str) -> tuple[list, np.ndarray, dict]:
    records: list = []
    lines: list[np.ndarray] = []
    ordinal = 0
    statuses: list[str] = []
    for line_no, doc in docs:
        inner = _envelope(doc)
        if inner is None:
            if {"major", "minor", "time"} <= lower_keys(doc).keys():
                data: object = [doc]  # a bare event record
            else:
                raise FileRejected(
                    file,
                    "JSON is not a Hikvision AcsEvent response ({'AcsEvent': {'InfoList': [...]}})",
                    line=line_no,
                )
        else:
            fields = lower_keys(inner)
            statuses.append(str(fields.get("responsestatusstrg") or ""))
            data = fields.get("infolist") or []
        if not isinstance(data, list):
            raise FileRejected(file, "'InfoList' is not a list", line=line_no)
        n = len(data)
        lines.append(page_lines(ordinal, n, line_no))
        ordinal += n
        records.extend(data)
    numbers = np.concatenate(lines) if lines else np.zeros(0, dtype="int64")
    info: dict[str, str] = {}
    if statuses and statuses[-1].upper() == "MORE":
        info["more_events"] = (
            "the last saved page says responseStatusStrg MORE: the device holds later events "
            "that are not in this file"
        )
    return records, numbers, info


def _raw(frame: pd.DataFrame, present: list[str]) -> pd.Series:
    """Each event as ``major=5; minor=38; time=...`` (no name, card or picture)."""
    pieces: list = []
    for i, key in enumerate(present):
        pieces.append(pa.scalar(("" if i == 0 else "; ") + f"{DISPLAY[key]}="))
        pieces.append(pa.array(frame[key].fillna(""), type=pa.string()))
    joined = pc.binary_join_element_wise(*pieces, "")
    return pd.Series(pd.arrays.ArrowStringArray(joined), index=frame.index)


def _event_reason(major: pd.Series, minor: pd.Series, index: pd.Index) -> pd.Series:
    def code(i: pd.Index) -> pd.Series:
        return (
            "(major "
            + major.loc[i].astype("string")
            + ", minor "
            + minor.loc[i].astype("string")
            + ")"
        )

    is_event = major == MAJOR_EVENT
    return first_reason(
        (major.isna() | minor.isna(), "event without a major or minor type: not a punch"),
        (
            is_event & minor.isin(FAILED),
            lambda i: "failed verification " + code(i) + ": refused by the terminal, not a punch",
        ),
        (is_event & minor.isin(DOOR), lambda i: "door event " + code(i) + ": not a punch"),
        (major == MAJOR_ALARM, lambda i: "alarm event " + code(i) + ": not a punch"),
        (major == MAJOR_EXCEPTION, lambda i: "device exception event " + code(i) + ": not a punch"),
        (major == MAJOR_OPERATION, lambda i: "operation log event " + code(i) + ": not a punch"),
        (
            ~(is_event & minor.isin(VERIFIED)),
            lambda i: "access event that is not a verification " + code(i) + ": not a punch",
        ),
        index=index,
    )


def parse_iso(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """ISO 8601 text to (naive wall-clock time, minutes east of UTC or <NA>, parsed mask):
    ``YYYY-MM-DDTHH:MM:SS``, an optional fraction, then ``Z``, ``+HH:MM``, ``+HHMM`` or nothing.
    Column-wise in Arrow (fixed positions; no per-value regular expression in Python)."""
    text = values.astype("string[pyarrow]").str.strip()
    clock = text.str.slice(0, 19)
    local = pd.to_datetime(
        clock.str.slice(0, 10) + " " + clock.str.slice(11, 19),
        format="%Y-%m-%d %H:%M:%S",
        errors="coerce",
    ).astype("datetime64[s]")
    separator_ok = clock.str.slice(10, 11).isin(["T", " "])
    zone = text.str.slice(19).str.replace(r"^[.,][0-9]+", "", regex=True).str.strip()
    zone_ok = zone.str.fullmatch(_ZONE).fillna(False).astype(bool)
    zone = zone.str.replace(":", "", regex=False).replace("", pd.NA)
    sign = (zone.str.slice(0, 1) == "-").map({True: -1, False: 1}).astype("Int64")
    hours, mins = _ints(zone.str.slice(1, 3)), _ints(zone.str.slice(3, 5))
    offset = (sign * (hours * 60 + mins)).where(zone != "Z", 0).where(zone.notna())
    parsed = local.notna() & separator_ok.fillna(False).astype(bool) & zone_ok
    return local.where(parsed), offset.astype("Int32").where(parsed), parsed


def read_acsevent(docs: list[tuple[int | None, object]], file: str, device_key: str) -> ReadResult:
    """Read saved AcsEvent responses (already decoded by ``json_documents``).

    Raises:
        FileEmpty: the pages hold no event.
        FileRejected: not AcsEvent responses.
    """
    records, lines, info = _records(docs, file)
    if not records:
        raise FileEmpty(file, "the AcsEvent pages hold no event (InfoList is empty); save again")
    frame, not_object = record_frame(records, KEYS)
    present = [k for k in KEYS if frame[k].notna().any()] or ["pin"]
    raw = _raw(frame, present)
    if not_object.any():
        raw[not_object] = pd.Series(records, dtype=object)[not_object].astype("string")
    index = frame.index
    major, minor = _ints(frame["major"]), _ints(frame["minor"])
    pin = frame["pin"].str.strip()
    local_time, offset, parsed = parse_iso(frame["time"].fillna(""))
    reason = first_reason(
        (pd.Series(not_object, index=index), "not an event record (a JSON object is expected)"),
        (frame["time"].isna(), "event has no time"),
        (
            ~parsed,
            lambda i: "time '" + frame.loc[i, "time"].fillna("") + "' is not an ISO 8601 time",
        ),
        (pd.Series(True, index=index), _event_reason(major, minor, index)),
        (pin.isna() | (pin == ""), "verification without employeeNoString (no PIN)"),
        index=index,
    )
    offsets = sorted(set(offset[reason.isna()].dropna().astype(int)))
    if offsets:
        info["utc_offset"] = ", ".join(
            f"{'+' if o >= 0 else '-'}{abs(o) // 60:02d}:{abs(o) % 60:02d}" for o in offsets
        )
    if offset[reason.isna()].isna().any():
        info["warning"] = (
            "some event times carry no UTC offset: those are read as wall-clock time in the "
            "machine's zone (devices.csv)"
        )
    return build_result(
        layout=HIKVISION_ACSEVENT,
        file=file,
        device_key=device_key,
        lines=pd.Series(lines, index=index, dtype="int64"),
        raw=raw,
        pin=pin,
        local_time=local_time,
        direction_hint=frame["attendancestatus"].str.strip(),
        verify=frame["verifymode"].str.strip().fillna(minor.astype("string")),
        reason=reason,
        info=info,
        utc_offset=offset,
    )
