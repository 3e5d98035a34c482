"""Fingerspot cloud ``get_attlog`` responses saved as JSON (source-formats §1.2).

``{"status": true, "data": [{"pin": "101", "scan": "2024-06-24 08:00:15", "verify": "1",
"status_scan": "0"}, ...]}``. Because the API serves at most two days per call, a saved file may
hold several responses: a JSON list of them, or one response per line (JSON lines). Lineage is the
record's ordinal in the file (JSON lines: its line number).
"""

from __future__ import annotations

import json

import pandas as pd

from formats.base import FileRejected, ReadResult
from formats.punches import build_result
from rules.frames import first_reason

FINGERSPOT_JSON = "fingerspot_json"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def looks_like_fingerspot(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head[:1] in ("{", "[") and ('"data"' in head or '"status"' in head)


def _responses(text: str, file: str) -> list[tuple[int | None, object]]:
    stripped = text.strip()
    try:
        doc = json.loads(stripped)
        docs = doc if isinstance(doc, list) else [doc]
        return [(None, d) for d in docs]
    except json.JSONDecodeError as whole_error:
        out = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                out.append((number, json.loads(line)))
            except json.JSONDecodeError:
                raise FileRejected(
                    file,
                    f"is not valid JSON ({whole_error.msg}); the file may be truncated",
                    line=whole_error.lineno,
                ) from whole_error
        return out


def read_fingerspot(text: str, file: str, device_key: str) -> ReadResult:
    """Read saved Fingerspot get_attlog responses."""
    records: list[dict] = []
    lines: list[int] = []
    raws: list[str] = []
    failures: list[str] = []
    ordinal = 0
    for line_no, resp in _responses(text, file):
        if not isinstance(resp, dict) or ("data" not in resp and "status" not in resp):
            raise FileRejected(
                file,
                "JSON is not a Fingerspot get_attlog response ({'status': ..., 'data': [...]})",
                line=line_no,
            )
        if resp.get("status") is False:
            failures.append(str(resp.get("message") or resp.get("msg") or "no message"))
            continue
        data = resp.get("data") or []
        if not isinstance(data, list):
            raise FileRejected(file, "'data' is not a list", line=line_no)
        for item in data:
            ordinal += 1
            lines.append(line_no if line_no is not None else ordinal)
            records.append(item if isinstance(item, dict) else {})
            raws.append(json.dumps(item, ensure_ascii=False, sort_keys=True))
    if not records and failures:
        raise FileRejected(
            file,
            "every response has status false (the API refused the call: "
            f"{failures[0]}); fetch the period again",
        )
    frame = pd.DataFrame.from_records(records, columns=["pin", "scan", "verify", "status_scan"])
    frame = frame.astype("string")
    index = frame.index
    pin = frame["pin"].str.strip()
    local_time = pd.to_datetime(
        frame["scan"].str.strip(), format=TIME_FORMAT, errors="coerce"
    ).astype("datetime64[s]")
    reason = first_reason(
        (pin.isna() | (pin == ""), "record has no 'pin'"),
        (frame["scan"].isna(), "record has no 'scan' time"),
        (local_time.isna(), "scan '" + frame["scan"].fillna("") + "' is not YYYY-MM-DD HH:MM:SS"),
        index=index,
    )
    info = {"responses_refused": str(len(failures))} if failures else {}
    return build_result(
        layout=FINGERSPOT_JSON,
        file=file,
        device_key=device_key,
        lines=pd.Series(lines, index=index, dtype="int64"),
        raw=pd.Series(raws, index=index, dtype="string"),
        pin=pin,
        local_time=local_time,
        direction_hint=frame["status_scan"],
        verify=frame["verify"],
        reason=reason,
        info=info,
    )
