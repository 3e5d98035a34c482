"""ZK ADMS / iClock ATTLOG bodies written as ``key=value`` fields instead of positional ones.

Three shapes are seen in servers that receive the push (source-formats §1.1.3; the shapes are
the ones public ADMS receivers parse):

- one record per line, tab-separated pairs: ``PIN=11<TAB>Time=2025-08-29 07:05:00<TAB>Status=0
  <TAB>VerifyMode=2`` (a terminal relay's test, the shared sample ``a4_key_value.txt``);
- the same with the table name first and the push-v2 names: ``ATTLOG<TAB>SN=BKMD203<TAB>
  UserID=001<TAB>LogTime=2024-01-15 14:30:25<TAB>VerifyMode=1<TAB>InOutStatus=0``, or with a
  bare ``ATTLOG`` line above the records;
- the legacy push v1 body of a single record, one pair per line (``PIN=001``, ``Time=...``,
  ``Status=0``, ``Verify=1``): a record starts at each ``PIN=`` line.

Keys are matched without case: PIN (``PIN``, ``UserID``), time (``Time``, ``LogTime``,
``DateTime``, ``CheckTime``), in/out state (``Status``, ``InOutStatus``, ``State``), verify
(``VerifyMode``, ``Verify``, ``VerifyType``), machine serial (``SN``). Lines of other tables
(``USER``, ``OPLOG``, ``FP``, ``BIODATA`` ...) are quarantined as not attendance; request lines,
HTTP headers and ``ATTLOG``/``SN=`` lines are not records. Lineage: the record's line (for the
one-pair-per-line body, the line of its ``PIN=``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from formats.base import ReadResult, split_lines
from formats.punches import build_result
from formats.zk_text import ADMS_HEADER_ARROW, TIME_FORMAT, unwrap_form
from vocabulary.frames import first_reason

ZK_ADMS_KV = "zk_adms_kv"
KEYS = {
    "pin": ("pin", "userid", "user_id"),
    "time": ("time", "logtime", "datetime", "checktime"),
    "state": ("status", "inoutstatus", "state"),
    "verify": ("verifymode", "verify", "verifytype"),
    "sn": ("sn",),
}
CANONICAL = {alias: name for name, aliases in KEYS.items() for alias in aliases}
_PIN = r"(?:pin|userid|user_id)"
_WHEN = r"(?:time|logtime|datetime|checktime)"
# (spaces spelled out: pandas runs a pattern with \s in Python, line by line, not in Arrow)
PIN_PAIR = re.compile(r"(?i)(?:^|\t)[ ]*" + _PIN + r"[ ]*=")
TIME_PAIR = re.compile(r"(?i)(?:^|\t)[ ]*" + _WHEN + r"[ ]*=")
_PAIR_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*=\s*(?P<value>.*?)\s*$")
_OTHER_TABLE = re.compile(
    r"(?i)^[ \t]*(?P<table>USER|USERINFO|OPLOG|OPERLOG|FP|FINGERTMP|FACE|FACETMP|BIODATA|BIOPHOTO"
    r"|ATTPHOTO|ENROLL_FP|WORKCODE|SMS|USER_SMS|IDCARD|ERRORLOG)(?:[ \t]|$)"
)
NOT_A_RECORD = "not an ATTLOG record: expected PIN=..<TAB>Time=YYYY-MM-DD HH:MM:SS<TAB>..."


def looks_like_adms_kv(lines: pd.Series) -> bool:
    """True when the head of a text holds ``PIN=`` and ``Time=`` pairs: on one line (tab-
    separated pairs), or on lines of their own (the legacy one-pair-per-line body)."""
    sample = lines.head(500)
    pins = sample.str.contains(PIN_PAIR.pattern, regex=True, na=False)
    times = sample.str.contains(TIME_PAIR.pattern, regex=True, na=False)
    return bool((pins & times).any() or (pins.any() and times.any() and not (pins & times).any()))


_MAX_FIELDS = 24


def _column(parts: pa.Array, j: int) -> pa.Array:
    """The j-th tab field of every line (null where a line has fewer), in C."""
    return pc.list_flatten(pc.list_slice(parts, j, j + 1, return_fixed_size_list=True))


def _pairs_per_line(lines: pd.Series) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Records of tab-separated pairs: fields per line, the raw lines, and lines of another
    table (their reason). Vectorised in Arrow: every line is split at its tabs once, each field
    at its first '=', and a field fills the first canonical column whose aliases its key is."""
    arr = pa.array(lines.array, type=pa.string())
    parts = pc.split_pattern(arr, "\t")
    widest = pc.max(pc.list_value_length(parts)).as_py() or 0
    found = {name: pa.nulls(len(arr), pa.string()) for name in KEYS}
    aliases = {name: pa.array(list(keys)) for name, keys in KEYS.items()}
    for j in range(min(widest, _MAX_FIELDS)):
        # 'Key=Value' + '=' always splits in two: a field without '=' gets an empty value
        pair = pc.split_pattern(
            pc.binary_join_element_wise(_column(parts, j), "=", ""), "=", max_splits=1
        )
        key = pc.utf8_lower(pc.utf8_trim_whitespace(pc.list_element(pair, 0)))
        value = pc.utf8_trim_whitespace(pc.utf8_slice_codeunits(pc.list_element(pair, 1), 0, -1))
        for name in KEYS:
            take = pc.and_kleene(pc.is_in(key, value_set=aliases[name]), pc.is_null(found[name]))
            found[name] = pc.if_else(take, value, found[name])
    fields = pd.DataFrame(
        {name: pd.arrays.ArrowStringArray(found[name]) for name in KEYS}, index=lines.index
    )
    fields = fields.replace("", pd.NA)
    other_reason = pd.Series(pd.NA, index=lines.index, dtype="string")
    is_other = lines.str.match(_OTHER_TABLE.pattern.replace("?P<table>", "?:"), na=False)
    if is_other.any():  # the few lines of another table: their name, the slow way
        table = lines[is_other].str.extract(_OTHER_TABLE, expand=False).str.upper()
        other_reason[is_other] = "not attendance: a " + table + " line of the ADMS upload"
    return fields, lines, other_reason


def _pair_per_line(lines: pd.Series) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The legacy body of one pair per line: a record starts at each PIN= line and takes the
    pairs under it. Lines before the first PIN= are rows of their own (quarantined)."""
    pairs = lines.str.extract(_PAIR_LINE)
    key = pairs["key"].str.lower().map(CANONICAL)
    record = (key == "pin").cumsum().to_numpy()
    numbers = lines.index.to_numpy()
    starts = pd.Series(numbers, index=record).groupby(level=0).first()
    frame = pd.DataFrame({"record": record, "key": key, "value": pairs["value"]})
    known = frame[frame["key"].notna() & (frame["record"] > 0)]
    known = known.drop_duplicates(["record", "key"], keep="first")
    wide = known.pivot(index="record", columns="key", values="value")
    in_records = pd.Series(record > 0, index=lines.index)
    raw = lines[in_records].groupby(record[in_records.to_numpy()]).agg("\t".join)
    records = starts[starts.index > 0]
    fields = wide.reindex(index=records.index, columns=list(KEYS)).astype("string")
    fields.index = pd.Index(records.to_numpy())
    raw.index = pd.Index(records.to_numpy())
    before = lines[~in_records]
    fields = pd.concat(
        [fields, pd.DataFrame(pd.NA, index=before.index, columns=list(KEYS), dtype="string")]
    ).sort_index()
    raw = pd.concat([raw, before]).sort_index().astype("string")
    other_reason = pd.Series(pd.NA, index=fields.index, dtype="string")
    other_reason[before.index] = "not part of a record: the body's pairs start at PIN="
    return fields, raw, other_reason


def read_adms_kv(data_text: str, file: str, device_key: str) -> ReadResult:
    """Read ADMS ATTLOG records written as key=value pairs (any of the three shapes)."""
    data_text, form = unwrap_form(data_text, file)
    lines = split_lines(data_text)
    lines = lines[lines.str.strip() != ""]
    pins = lines.str.contains(PIN_PAIR.pattern, regex=True, na=False)
    times = lines.str.contains(TIME_PAIR.pattern, regex=True, na=False)
    # a line of pairs is a record even when it starts ATTLOG<TAB> or SN=
    header = lines.str.contains(ADMS_HEADER_ARROW, regex=True, na=False) & ~(pins & times)
    info: dict[str, str] = dict(form)
    query_sn = lines[header].str.extract(r"(?i)\bSN=([A-Za-z0-9]+)", expand=False).dropna()
    lines, pins, times = lines[~header], pins[~header], times[~header]
    one_per_line = not (pins & times).any() and not lines.str.contains("\t", regex=False).any()
    fields, raw, other_reason = (_pair_per_line if one_per_line else _pairs_per_line)(lines)
    index = fields.index
    pin = fields["pin"].str.strip()
    when = fields["time"].str.strip().str.replace("T", " ", regex=False)
    local_time = pd.to_datetime(when, format=TIME_FORMAT, errors="coerce").astype("datetime64[s]")
    reason = first_reason(
        (other_reason.notna(), other_reason),
        (pin.isna() & when.isna(), NOT_A_RECORD),
        (pin.isna() | (pin == ""), "record has no PIN= (or UserID=)"),
        (when.isna(), "record has no Time= (or LogTime=)"),
        (
            local_time.isna(),
            lambda i: "time '" + when.loc[i].fillna("") + "' is not a valid YYYY-MM-DD HH:MM:SS",
        ),
        index=index,
    )
    serials = fields["sn"].dropna().str.strip()
    found = sorted({*serials[serials != ""].unique().tolist(), *query_sn.unique().tolist()})
    if found and "serial" not in info:
        info["serial"] = ", ".join(found)
    if one_per_line:
        info["records"] = "one key=value pair per line; a record starts at PIN="
    return build_result(
        layout=ZK_ADMS_KV,
        file=file,
        device_key=device_key,
        lines=pd.Series(np.asarray(index, dtype="int64"), index=index),
        raw=raw.astype("string"),
        pin=pin,
        local_time=local_time,
        direction_hint=fields["state"].str.strip().replace("", pd.NA),
        verify=fields["verify"].str.strip().replace("", pd.NA),
        reason=reason,
        info=info,
    )
