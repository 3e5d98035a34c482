"""ZK "GLog" USB exports: ``AGL_001.TXT`` (all records), ``GLG_001.TXT`` (new records), any name.

Tab-separated text with a header row, one record per line. Firmware writes several headers of
the same family (seen in public importers and a real office's file):

- ``No, TMNo, EnNo, Name GMNo, Mode, DateTime``: the name and ``GMNo`` share one field, joined
  by a space, in the header too (a real office file, ``YYYY/MM/DD HH:MM:SS``);
- ``No, TMNo, EnNo, Name, GMNo, Mode, IN/OUT, Antipass, ProxyWork, DateTime`` (``FP``,
  ``DutyOff``), ``... IN/OUT, Antipass, DaiGong, DateTime, TR``, ``... INOUT, Mode, DateTime``
  with blank names, ``# DeviceModel = ...`` lines before the header;
- ``No, Mchn, EnNo, , Name, , Mode, IOMd, DateTime,`` (older B&W firmware): the header carries
  blank cells that do not line up with the records, whose fields are the non-blank names;
  numbers zero-padded (``000000052``), two spaces between date and time;
- 12-hour clocks (``01:19:29PM``), ``MM-DD-YYYY`` and ``MM/DD/YYYY`` dates.

Columns are found by name (``formats.headers``), never by position. ``No`` is a record counter,
``TMNo``/``Mchn`` the terminal number, **``EnNo`` the enrolment number: the PIN** (leading zeros
dropped, as the terminal shows it); ``Mode`` is the verify mode, ``IN/OUT``/``INOUT``/``IOMd``
the in/out key (a hint). ``EnNo 0`` is a finger, card or face the terminal does not know: it is
quarantined as not enrolled. Names are never kept in the raw record. The date format is chosen
for the whole file (a ``date_order`` declared in devices.csv wins: ``01-06-2023`` is 6 January
under ``mdy``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from formats.base import (
    FileRejected,
    ReadResult,
    empty_quarantine,
    parse_delimited,
    quarantine_rows,
)
from formats.headers import BY_NAME, ZK_GLOG, HeaderLine, canonical_table, quote_header
from formats.punches import build_result
from formats.tabular import Table, header_key
from formats.zktime_acno import cell_times
from vocabulary import columns as c
from vocabulary.frames import first_reason

# never kept in the raw record: names (and the GMNo joined to them), card and ID numbers
_PERSONAL = re.compile(r"nam|nik|npwp|card|pass|idnumber|ssn")
# 12-hour markers written against the time ('01:19:29PM', '1:19 p.m.'): one space, 'PM'
# (character classes only: Arrow runs these on the whole column)
_AMPM = r"([0-9])[ \t]*([AaPp])\.?[ \t]*([Mm])\.?[ \t]*$"
_GLOG_NAMES = {alias for aliases in BY_NAME[ZK_GLOG].columns.values() for alias in aliases} | {
    "name"
}


def _usual_fields(text: str, delim: str, header_index: int) -> int:
    """The usual field count of the records under the header (the mode of the first 500)."""
    lines = pd.Series(text[:400_000].splitlines()[header_index + 1 :][:500], dtype="string")
    lines = lines[lines.str.strip().ne("") & ~lines.str.lstrip().str.startswith("#")]
    if lines.empty:
        return 0
    return int((lines.str.count(re.escape(delim)) + 1).mode().iat[0])


def _column_names(header: HeaderLine, fields: int) -> list[str] | None:
    """Header keys for records of ``fields`` fields: every header cell; the non-blank cells
    (blank cells that do not line up with the records); a cell of names joined by a space
    ('Name GMNo') split when the records keep them apart; a trailing empty field."""
    cells = [cell.strip() for cell in header.cells]
    every = [header_key(cell) for cell in cells]
    named = [k for k in every if k]
    split: list[str] = []
    for cell in cells:
        parts = cell.split()
        keys = [header_key(p) for p in parts]
        if len(parts) > 1 and all(k in _GLOG_NAMES for k in keys):
            split.extend(keys)
        elif header_key(cell):
            split.append(header_key(cell))
    for names in (every, named, split, [*named, ""]):
        if len(names) == fields:
            return _dedupe(names)
    return None


def _dedupe(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        key = key or "column"
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(key if n == 0 else f"{key}_{n + 1}")
    return out


def glog_table(text: str, header: HeaderLine, file: str) -> tuple[Table, pd.Series]:
    """The records under a GLog header as a text table (columns named by the header), and the
    lines under it with another field count (line number -> text).

    Raises:
        FileRejected: the header and the records do not agree on the fields.
    """
    delim = header.delimiter
    fields = _usual_fields(text, delim, header.index)
    header_line = header.index + 1
    names = _column_names(header, fields) if fields else None
    if fields and names is None:
        raise FileRejected(
            file,
            f"its header names {len([c for c in header.cells if c.strip()])} columns "
            f"({quote_header(delim.join(header.cells))}) but its records have {fields} fields: "
            "which field is which cannot be told from the names; export the log from the "
            "machine again",
            line=header_line,
        )
    split = parse_delimited(text, delim, max(fields, 1))
    parts = split.parts[split.parts.index > header_line]
    other = split.other[split.other.index > header_line]
    other = other[~other.str.lstrip().str.startswith("#")]
    values = parts.set_axis(names or ["column"], axis=1).replace("", pd.NA)
    lines = parts.index.to_numpy(dtype="int64")
    table = Table(
        values=values.reset_index(drop=True),
        lines=lines,
        info={"delimiter": {"\t": "tab"}.get(delim, delim), "header_row": str(header_line)},
    )
    return canonical_table(table, header.mapping), other


def _time_text(values: pd.Series) -> pd.Series:
    """DateTime as the parser wants it: runs of spaces made one, 'PM' written apart."""
    text = values.str.strip().str.replace(r"[ \t]+", " ", regex=True)
    if text.str.contains("[AaPp]", regex=True, na=False).any():
        text = text.str.replace(_AMPM, r"\1 \2\3", regex=True).str.upper()
    return text


def read_glog(table: Table, file: str, device_key: str, date_order: str | None) -> ReadResult:
    """Read a GLog export already split into a text table with canonical column names."""
    v = table.values
    index = v.index
    enno = v["enno"].str.strip()
    digits = enno.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)
    pin = enno.where(~digits, enno.str.lstrip("0").replace("", "0"))
    text = _time_text(v["datetime"])
    local_time, found = cell_times(table, "datetime", date_order, text=text)
    info = {**table.info, **found}
    if bool((digits & enno.str.startswith("0") & (enno != "0")).any()):
        info["pin"] = "EnNo without its leading zeros (000000052 is PIN 52)"
    reason = first_reason(
        (enno.isna(), "empty EnNo (the enrolment number, the machine's PIN)"),
        (
            pin == "0",
            "EnNo 0: not enrolled (a finger, card or face the machine does not know); "
            "not a punch of anyone",
        ),
        (v["datetime"].isna(), "empty DateTime"),
        (
            local_time.isna(),
            lambda i: (
                "DateTime '"
                + v.loc[i, "datetime"].fillna("")
                + "' does not match the file's date-time format "
                + info.get("time_format", "")
            ),
        ),
        index=index,
    )
    if "tmno" in v.columns:
        terminals = sorted(set(v["tmno"].dropna().str.strip().str.lstrip("0").replace("", "0")))
        if terminals:
            info["terminal"] = ", ".join(terminals[:10])
    kept = [col for col in v.columns if not _PERSONAL.search(col)]

    return build_result(
        layout=ZK_GLOG,
        file=file,
        device_key=device_key,
        lines=pd.Series(np.asarray(table.lines, dtype="int64"), index=index),
        raw=table.raw(kept),
        pin=pin,
        local_time=local_time,
        direction_hint=table.optional("inout"),
        verify=table.optional("mode"),
        reason=reason,
        info=info,
    )


def read_glog_text(
    text: str, header: HeaderLine, file: str, device_key: str, date_order: str | None
) -> ReadResult:
    """Read a GLog text export: the records under its header by name; a line with another
    field count than the records is quarantined, never read by position."""
    table, other = glog_table(text, header, file)
    result = read_glog(table, file, device_key, date_order)
    if len(other):
        fields = len(table.values.columns)
        counts = other.str.count(re.escape(header.delimiter)) + 1
        reasons = (
            "not a GLog record: "
            + counts.astype("string")
            + f" fields where the header names {fields}"
        )
        extra = quarantine_rows(file, other.index.to_numpy(), other, reasons)
        parts = [q for q in (result.quarantine, extra) if len(q)]
        result.quarantine = (
            pd.concat(parts, ignore_index=True).sort_values(c.SOURCE_LINE, kind="stable")
            if parts
            else empty_quarantine()
        ).reset_index(drop=True)
    return result
