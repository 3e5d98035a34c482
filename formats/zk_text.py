"""ZKTeco text logs: the USB flash-disk ``N_attlog.dat`` and ADMS/iClock ``ATTLOG`` push bodies.

USB attlog (source-formats §1.1.1): one record per line, tab-separated
``PIN, YYYY-MM-DD HH:MM:SS, DeviceID, Status, Verified, Workcode``, the PIN right-aligned with
spaces; junk lines happen. The SSR variant starts with a serial-number line and ends with a
checksum line (both without tabs).

ADMS push (§1.1.3): ``PIN, time, State, Verify, Workcode, Reserved...`` -- field 3 is the in/out
state and field 4 the verify type, the other way round from the USB file. Bodies saved to a file
may keep the request line (``POST /iclock/cdata?SN=...&table=ATTLOG``). Some firmware separates
fields with commas or spaces instead of tabs, so the ADMS reader accepts those too.

The in/out fields are kept as hints only; classification uses scan windows.
"""

from __future__ import annotations

import re

import pandas as pd

from formats.base import ReadResult, parse_delimited
from formats.punches import build_result
from rules.frames import first_reason

ZK_ATTLOG = "zk_attlog"
ZK_ATTLOG_SSR = "zk_attlog_ssr"
ZK_ADMS = "zk_adms"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIME = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}"
RECORD = re.compile(r"^\s*[^\t]*\S[^\t]*\t\s*" + _TIME + r"\s*(?:\t|$)")
ADMS_RECORD = re.compile(r"^\s*[^\s,\t]+[\t, ]+" + _TIME + r"(?:\s*[\t,]|\s+\S|\s*$)")
ADMS_HEADER = re.compile(r"(?i)^\s*(?:POST|GET)\s+\S*iclock|^\s*(?:table=)?ATTLOG\s*$|^\s*SN=")
_SINGLE_TOKEN = re.compile(r"^[^\t\s]{4,64}$")


def _parse_time(values: pd.Series) -> pd.Series:
    text = values.str.strip().str.replace("T", " ", regex=False)
    return pd.to_datetime(text, format=TIME_FORMAT, errors="coerce").astype("datetime64[s]")


def record_shape(lines: pd.Series) -> tuple[int, int, int, bool]:
    """Look at the first 500 lines and count: tab-separated PIN/time records, those of them
    with exactly 6 fields, records in any ADMS separator style, and whether an ADMS request or
    SN line is present."""
    sample = lines.head(500)
    is_rec = sample.str.contains(RECORD, regex=True, na=False)
    fields = sample[is_rec].str.count("\t") + 1
    adms = sample.str.contains(ADMS_RECORD, regex=True, na=False)
    marker = bool(sample.str.contains(ADMS_HEADER, regex=True, na=False).any())
    return int(is_rec.sum()), int((fields == 6).sum()), int(adms.sum()), marker


def read_attlog(data_text: str, file: str, device_key: str) -> ReadResult:
    """Read a ZK USB attlog (plain or SSR)."""
    split = parse_delimited(data_text, "\t", 6)
    other = split.other
    info: dict[str, str] = {}
    layout = ZK_ATTLOG
    hint = None
    numbers = split.parts.index.union(other.index)
    if len(numbers) >= 2:
        first_no, last_no = numbers[0], numbers[-1]
        first = other.get(first_no)
        last = other.get(last_no)
        serial = first is not None and "\t" not in first and _SINGLE_TOKEN.match(first.strip())
        checksum = last is not None and "\t" not in last and _SINGLE_TOKEN.match(last.strip())
        if serial and checksum:
            layout = ZK_ATTLOG_SSR
            info["serial"], info["checksum"] = first.strip(), last.strip()
            other = other.drop(index=[first_no, last_no])
        elif serial:
            # without its checksum line a serial line is not trusted as structure: it stays a
            # row (quarantined) and the file is flagged as possibly truncated
            hint = first_no
            info["warning"] = "first line looks like an SSR serial but there is no checksum line"
    parts, raw = split.parts, split.raw()
    if len(other):  # the odd lines, the slow way: their reasons stay what they were
        slow = other.str.split("\t", expand=True, n=6).reindex(columns=range(6)).astype("string")
        parts = pd.concat([parts, slow]).sort_index()
        raw = pd.concat([raw, other]).sort_index()
    index = parts.index
    pin = parts[0].str.strip()
    time_text = parts[1]
    local_time = _parse_time(time_text.fillna(""))
    truncated = pd.Series(index == hint, index=index)
    reason = first_reason(
        (
            truncated,
            "an SSR serial line, but the file has no checksum line: it may be "
            "truncated; copy it from the machine again",
        ),
        (parts[1].isna(), "not an attlog record: expected PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>..."),
        (pin.isna() | (pin == ""), "empty PIN"),
        (
            local_time.isna(),
            lambda i: (
                "time '"
                + time_text.loc[i].fillna("").str.strip()
                + "' is not a valid YYYY-MM-DD HH:MM:SS"
            ),
        ),
        index=index,
    )
    return build_result(
        layout=layout,
        file=file,
        device_key=device_key,
        lines=pd.Series(index, index=index),
        raw=raw,
        pin=pin,
        local_time=local_time,
        direction_hint=parts[3].str.strip(),
        verify=parts[4].str.strip(),
        reason=reason,
        info=info,
    )


_ADMS_FIELDS = re.compile(
    r"^\s*(?P<pin>[^\s,\t]+)[\t, ]+(?P<time>" + _TIME + r")"
    r"(?:\s*[\t,]\s*|\s+)?(?P<state>[^\s,\t]*)(?:\s*[\t,]\s*|\s+)?(?P<verify>[^\s,\t]*)"
)


def read_adms(data_text: str, file: str, device_key: str) -> ReadResult:
    """Read ADMS/iClock ATTLOG lines (request lines and SN= lines are not records).

    Tab-separated lines with the file's usual field count take the fast splitter; other lines
    (commas, spaces, OPLOG, junk, the request line) the regular expression."""
    head = pd.Series(data_text[:200_000].split("\n")[:500], dtype="string")
    counts = head[head.str.contains("\t", regex=False, na=False)].str.count("\t") + 1
    usual = int(counts.mode().iat[0]) if len(counts) else 4
    split = parse_delimited(data_text, "\t", max(usual, 4))
    columns = ["pin", "time", "state", "verify"]
    fast = split.parts[[0, 1, 2, 3]].set_axis(columns, axis=1)
    fast["pin"] = fast["pin"].str.strip()
    looks_right = fast["time"].str.fullmatch(_TIME) & fast["pin"].str.fullmatch(r"[^\s,]+")
    looks_right = looks_right.fillna(False).to_numpy()
    raw = split.raw()
    other = pd.concat([split.other, raw[~looks_right]]).sort_index()
    fast, raw = fast[looks_right], raw[looks_right]
    header = other.str.contains(ADMS_HEADER, regex=True, na=False)
    info: dict[str, str] = {}
    serial = other[header].str.extract(r"SN=([A-Za-z0-9]+)", expand=False).dropna()
    if len(serial):
        info["serial"] = str(serial.iloc[0])
    records = other[~header]
    slow = records.str.extract(_ADMS_FIELDS)[columns].astype("string")
    fields = pd.concat([fast, slow]).sort_index()
    raw = pd.concat([raw, records]).sort_index()
    index = fields.index
    local_time = _parse_time(fields["time"].fillna(""))
    reason = first_reason(
        (
            fields["pin"].isna(),
            "not an ATTLOG record: expected PIN, YYYY-MM-DD HH:MM:SS, state, verify, workcode",
        ),
        (
            local_time.isna(),
            lambda i: "time '" + fields.loc[i, "time"].fillna("") + "' is not a valid date-time",
        ),
        index=index,
    )
    return build_result(
        layout=ZK_ADMS,
        file=file,
        device_key=device_key,
        lines=pd.Series(index, index=index),
        raw=raw,
        pin=fields["pin"],
        local_time=local_time,
        direction_hint=fields["state"].replace("", pd.NA),
        verify=fields["verify"].replace("", pd.NA),
        reason=reason,
        info=info,
    )
