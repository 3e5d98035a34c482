"""ZKTeco text logs: the USB flash-disk ``N_attlog.dat`` and ADMS/iClock ``ATTLOG`` push bodies.

USB attlog (source-formats §1.1.1): one record per line, tab-separated
``PIN, YYYY-MM-DD HH:MM:SS, DeviceID, Status, Verified, Workcode``, the PIN right-aligned with
spaces; junk lines happen. The SSR variant starts with a serial-number line and ends with a
checksum line (both without tabs). Newer firmware writes 11 fields, the PIN not padded:
``PIN, time, DeviceID, Status, Verified, Workcode`` and five reserved fields (``13993<TAB>
2026-07-20 06:48:24<TAB>1<TAB>0<TAB>1<TAB>0<TAB>0<TAB>0<TAB>0<TAB>0<TAB>0``).

ADMS push (§1.1.3): ``PIN, time, State, Verify, Workcode, Reserved...`` -- field 3 is the in/out
state and field 4 the verify type, the other way round from the USB file. Bodies saved to a file
may keep the request line (``POST /iclock/cdata?SN=...&table=ATTLOG``) and the HTTP headers under
it (not records). Some firmware separates fields with commas or spaces instead of tabs, so the
ADMS reader accepts those too; a line may carry the table name first (``ATTLOG<TAB>PIN<TAB>...``).
A body saved form-encoded starts ``SN=...&table=ATTLOG&Stamp=...&data=<first record>``: the
record after ``data=`` is read like the others (the SN is the machine's serial), and a ``data=``
value that is URL-encoded (``%09`` for the tabs) is decoded first.

The in/out fields are kept as hints only; classification uses scan windows.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

import pandas as pd

from formats.base import FileRejected, ReadResult, parse_delimited
from formats.punches import build_result
from vocabulary.frames import first_reason

ZK_ATTLOG = "zk_attlog"
ZK_ATTLOG_SSR = "zk_attlog_ssr"
ZK_ADMS = "zk_adms"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIME = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}"
RECORD = re.compile(r"^\s*[^\t]*\S[^\t]*\t\s*" + _TIME + r"\s*(?:\t|$)")
ADMS_RECORD = re.compile(r"^\s*[^\s,\t]+[\t, ]+" + _TIME + r"(?:\s*[\t,]|\s+\S|\s*$)")
# an ADMS body: its request line, an SN= query line, a bare ATTLOG table line, or a record with the
# table name first (ATTLOG<TAB>PIN<TAB>...)
ADMS_MARKER = re.compile(
    r"(?i)^\s*(?:POST|GET)\s+\S*iclock|^\s*(?:table=)?ATTLOG\s*$|^\s*SN=|^\s*ATTLOG\t"
)
# not records: the request line, an SN= query line, a bare ATTLOG table line, and the HTTP status
# and header lines a proxy saves with a body (a tagged record has lost its tag before this is used)
ADMS_HEADER = re.compile(
    ADMS_MARKER.pattern
    + r"|^\s*HTTP/\d|^\s*(?:host|content-[\w-]+|user-agent|accept(?:-[\w-]+)?|connection"
    r"|cookie|transfer-encoding|cache-control|pragma|expect|authorization|x-[\w-]+)\s*:"
)
# a form-encoded body: the query string, then the first record after data=
FORM = re.compile(r"(?i)^\s*(?:\S*\?)?(?P<query>(?:[\w~]+=[^&\t]*&)*?)data=(?P<data>.*)$")
# the same for Arrow (RE2): pandas runs a pattern with \s in Python, line by line
ADMS_HEADER_ARROW = ADMS_HEADER.pattern.replace(r"\s", r"[ \t\r\f\v]").replace(
    r"\S", r"[^ \t\r\f\v]"
)
_TAGGED = re.compile(r"(?m)^[ \t]*ATTLOG\t(?=[^=\t\n]*\t)")
_SINGLE_TOKEN = re.compile(r"^[^\t\s]{4,64}$")


def _parse_time(values: pd.Series) -> pd.Series:
    text = values.str.strip().str.replace("T", " ", regex=False)
    return pd.to_datetime(text, format=TIME_FORMAT, errors="coerce").astype("datetime64[s]")


@dataclass(frozen=True)
class Shape:
    """What the first 500 lines of a text log look like."""

    records: int  # tab-separated PIN<TAB>time records
    six_fields: int  # of them with the USB attlog's 6 fields
    usb_eleven: int  # of them with 11 fields and the same DeviceID (field 3) in every one
    adms_records: int  # records in any ADMS separator style
    adms_marker: bool  # an ADMS request line, SN= query or ATTLOG table line


def record_shape(lines: pd.Series) -> Shape:
    """Look at the first 500 lines of a text log.

    Newer USB firmware writes 11 fields, and so does the ADMS push of Android terminals (PIN,
    time, State, Verify, Workcode, five reserved, a record id). They differ in field 3: the USB
    file's DeviceID is the same on every line of one machine's file, the ADMS State changes with
    every check-in and check-out. An 11-field file counts as USB when field 3 is one value
    throughout (and its last field too: the ADMS record id counts up)."""
    sample = lines.head(500)
    is_rec = sample.str.contains(RECORD, regex=True, na=False)
    recs = sample[is_rec]
    fields = recs.str.count("\t") + 1
    eleven = recs[fields == 11].str.split("\t", expand=True) if (fields == 11).any() else None
    usb_eleven = 0
    if eleven is not None and len(eleven) >= 2:
        if eleven[2].str.strip().nunique() == 1 and eleven[10].str.strip().nunique() == 1:
            usb_eleven = len(eleven)
    elif eleven is not None:
        usb_eleven = len(eleven)
    adms = sample.str.contains(ADMS_RECORD, regex=True, na=False)
    marker = bool(sample.str.contains(ADMS_MARKER, regex=True, na=False).any())
    return Shape(int(is_rec.sum()), int((fields == 6).sum()), usb_eleven, int(adms.sum()), marker)


def read_attlog(data_text: str, file: str, device_key: str, fields: int = 6) -> ReadResult:
    """Read a ZK USB attlog (plain or SSR; ``fields`` 6, or 11 for newer firmware)."""
    split = parse_delimited(data_text, "\t", fields)
    other = split.other
    info: dict[str, str] = {"fields": str(fields)} if fields != 6 else {}
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
        slow = other.str.split("\t", expand=True, n=fields)
        slow = slow.reindex(columns=range(fields)).astype("string")
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


def unwrap_form(text: str, file: str) -> tuple[str, dict[str, str]]:
    """A form-encoded ADMS body (``SN=..&table=ATTLOG&Stamp=..&data=<records>``) as plain ATTLOG
    lines: the query part of the first line is removed (its SN is the machine's serial) so that
    the record after ``data=`` keeps line 1, and a URL-encoded ``data=`` value is decoded (its
    records then count as lines 1, 2, ...). Any other text is returned as it is.

    Raises:
        FileRejected: the body is another table's upload (``table=OPERLOG``, ``ATTPHOTO``...).
    """
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    first = text[start : end if end >= 0 else len(text)].rstrip("\r")
    m = FORM.match(first)
    if m is None:
        return text, {}
    query = urllib.parse.parse_qs(m["query"].rstrip("&"), keep_blank_values=True)
    params = {k.lower(): v[0] for k, v in query.items()}
    table = params.get("table", "ATTLOG")
    if table.upper() != "ATTLOG":
        raise FileRejected(
            file,
            f"is an ADMS '{table}' upload (table={table}), not attendance records "
            "(table=ATTLOG); remove it from the machine's folder",
        )
    info = {"form_encoded": "yes"}
    if params.get("sn"):
        info["serial"] = params["sn"]
    data = m["data"]
    if "\t" not in data and re.search(r"%[0-9A-Fa-f]{2}", data):
        data = urllib.parse.unquote_plus(data).replace("\r\n", "\n")
        info["lineage"] = "data= was URL-encoded: line numbers count its decoded records"
    return text[:start] + data + (text[end:] if end >= 0 else ""), info


def read_adms(data_text: str, file: str, device_key: str) -> ReadResult:
    """Read ADMS/iClock ATTLOG lines (request lines, SN= lines and HTTP headers are not
    records; a form-encoded body is unwrapped first, a leading ``ATTLOG`` table name dropped).

    Tab-separated lines with the file's usual field count take the fast splitter; other lines
    (commas, spaces, OPLOG, junk) the regular expression."""
    data_text, form = unwrap_form(data_text, file)
    if "ATTLOG\t" in data_text:
        data_text = _TAGGED.sub("", data_text)
    head = pd.Series(data_text[:200_000].split("\n")[:500], dtype="string")
    counts = head[head.str.contains("\t", regex=False, na=False)].str.count("\t") + 1
    usual = int(counts.mode().iat[0]) if len(counts) else 4
    split = parse_delimited(data_text, "\t", max(usual, 4))
    columns = ["pin", "time", "state", "verify"]
    fast = split.parts[[0, 1, 2, 3]].set_axis(columns, axis=1)
    fast["pin"] = fast["pin"].str.strip()
    looks_right = fast["time"].str.fullmatch(_TIME) & fast["pin"].str.fullmatch(r"[^ \t\r\f\v,]+")
    looks_right = looks_right.fillna(False).to_numpy()
    raw = split.raw()
    other = pd.concat([split.other, raw[~looks_right]]).sort_index()
    fast, raw = fast[looks_right], raw[looks_right]
    header = other.str.contains(ADMS_HEADER, regex=True, na=False)
    info: dict[str, str] = dict(form)
    serial = other[header].str.extract(r"SN=([A-Za-z0-9]+)", expand=False).dropna()
    if len(serial) and "serial" not in info:
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
