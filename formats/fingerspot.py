"""Fingerspot cloud ``get_attlog`` responses saved as JSON (source-formats §1.2).

``{"status": true, "data": [{"pin": "101", "scan": "2024-06-24 08:00:15", "verify": "1",
"status_scan": "0"}, ...]}``. Because the API serves at most two days per call, a saved file may
hold several responses: a JSON list of them, or one response per line (JSON lines). Lineage is the
record's ordinal in the file (JSON lines: its line number).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from formats.base import FileRejected, ReadResult
from formats.json_responses import json_documents
from formats.punches import build_result
from vocabulary.frames import first_reason

FINGERSPOT_JSON = "fingerspot_json"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
FIELDS = ("pin", "scan", "verify", "status_scan")


def looks_like_fingerspot(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head[:1] in ("{", "[") and ('"data"' in head or '"status"' in head)


_NEEDS_ESCAPE = r'["\\\x00-\x1f]'


def _raw_records(records: list[dict], frame: pd.DataFrame) -> list[str]:
    """Each record as sorted JSON of the get_attlog fields only (a record may carry a name or a
    NIK too). Records whose four fields are present as strings needing no escaping are written
    column-wise, exactly as json.dumps would; any other record goes through json.dumps."""
    keys = sorted(FIELDS)
    plain = pd.Series(True, index=frame.index)
    for key in keys:
        col = frame[key]
        plain &= (
            col.map(type).eq(str).to_numpy()
            & ~col.astype("string").str.contains(_NEEDS_ESCAPE, regex=True, na=True).to_numpy()
        )
    pieces: list = []
    for i, key in enumerate(keys):
        pieces.append(pa.scalar(("{" if i == 0 else '", ') + f'"{key}": "'))
        pieces.append(pa.array(frame[key].astype("string").fillna(""), type=pa.string()))
    pieces.append(pa.scalar('"}'))
    out = pd.Series(pc.binary_join_element_wise(*pieces, ""), dtype=object, index=frame.index)
    for i in np.flatnonzero(~plain.to_numpy()):
        item = records[i]
        kept = (
            item["_not_a_record"]
            if "_not_a_record" in item
            else {k: item[k] for k in FIELDS if k in item}
        )
        out.iat[i] = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    return out.tolist()


def read_fingerspot(
    text: str, file: str, device_key: str, docs: list[tuple[int | None, object]] | None = None
) -> ReadResult:
    """Read saved Fingerspot get_attlog responses (``docs``: the text already decoded by
    ``json_documents``)."""
    records: list[dict] = []
    lines: list[int] = []
    failures: list[str] = []
    ordinal = 0
    for line_no, resp in docs if docs is not None else json_documents(text, file):
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
        lines.extend(
            range(ordinal + 1, ordinal + len(data) + 1)
            if line_no is None
            else [line_no] * len(data)
        )
        ordinal += len(data)
        records.extend(item if isinstance(item, dict) else {"_not_a_record": item} for item in data)
    if not records and failures:
        raise FileRejected(
            file,
            "every response has status false (the API refused the call: "
            f"{failures[0]}); fetch the period again",
        )
    frame = pd.DataFrame.from_records(records, columns=list(FIELDS))
    raws = _raw_records(records, frame)
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
