"""Exports that stop part-way: a USB copy pulled out, a download interrupted, a dump cut short.

What was written before the cut is real data; what came after is missing. A reader reads the
complete records, quarantines the broken last one as "file ends mid-record", and records in the
file's info (``cut_off``) that the file stops early, so that its data covers its last day only
as far as its last readable record (``ingest.attendance``, ``rules.coverage``).

- Text (every line-based layout): the text does not end with a line break and its last line is
  unreadable or has fewer fields than the records before it. A last line that is complete but
  lacks a final line break (many writers omit it) is a record like the others. A tail of zero
  bytes (space reserved on a USB disk and never written) is removed and the file counts as cut.
- JSON: the text stops before the document is complete. The records before the cut are read:
  the document is closed after its last complete record (a record followed by ``, {``) and the
  broken record is reported with the line it starts on.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from formats.base import ReadResult, empty_quarantine, quarantine_rows
from vocabulary import columns as c

MID_RECORD = "file ends mid-record"
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]")
_CLOSE = {"{": "}", "[": "]"}
_TRIES = 20
_EXCERPT = 200


def strip_zero_bytes(data: bytes) -> tuple[bytes, bool]:
    """The bytes without a trailing run of zero bytes, and whether there was one (not for UTF-16
    or UTF-32 text, whose characters hold zero bytes: ``strip_zero_tail`` after decoding)."""
    if not data.endswith(b"\x00") or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00")):
        return data, False
    trimmed = data.rstrip(b"\x00")
    return trimmed, True


def strip_zero_tail(text: str) -> tuple[str, bool]:
    """The text without a trailing run of NUL characters, and whether there was one."""
    trimmed = text.rstrip("\x00")
    return trimmed, len(trimmed) != len(text)


def _line_count(text: str) -> int:
    """Physical lines, as the readers number them ('\\n', '\\r\\n' or a lone '\\r' ends one)."""
    if "\r" in text and "\n" not in text:
        return text.count("\r") + 1
    return text.count("\n") + 1


_DELIMITERS = ("\t", ",", ";", "|")


def _fields(line: str) -> int:
    return sum(line.count(d) for d in _DELIMITERS) + 1


def mark_cut_text(result: ReadResult, text: str, file: str, zero_tail: bool) -> ReadResult:
    """Mark a text export whose last record was cut: quarantine it as ``MID_RECORD`` and set
    ``cut_off`` in the info (also for a zero-filled tail, where no record was cut)."""
    if zero_tail:
        result.info["cut_off"] = "the file ends in zero bytes (a copy that stopped)"
    body = text.rstrip(" \t")
    if not body or body.endswith(("\n", "\r")):
        return result
    last = _line_count(body)
    tail = body[body.rfind("\n") + 1 :].rstrip("\r")
    q = result.quarantine
    broken = q[c.SOURCE_LINE] == last
    rows = result.rows
    cut_row = rows[c.SOURCE_LINE] == last
    if broken.any():
        q = q.copy()
        q.loc[broken, c.REASON] = MID_RECORD + ": " + q.loc[broken, c.REASON]
        result.quarantine = q
    elif cut_row.any():
        before = body[: body.rfind("\n")].splitlines()[-50:] if "\n" in body else []
        before = [x.rstrip("\r") for x in before if x.strip()]
        usual = int(np.median([_fields(x) for x in before] or [_fields(tail)]))
        last_char = tail[-1:]
        # cut right after a delimiter: the last field is empty where the records have one
        empty_last = last_char in _DELIMITERS and sum(
            x.endswith(last_char) for x in before
        ) * 2 < len(before)
        if _fields(tail) >= usual and not empty_last:
            return result  # a complete record without a final line break
        what = (
            f"{_fields(tail)} fields where its records have {usual}"
            if _fields(tail) < usual
            else "its last field is empty where the records have one"
        )
        moved = quarantine_rows(
            file,
            rows.loc[cut_row, c.SOURCE_LINE].to_numpy(),
            rows.loc[cut_row, c.RAW],
            f"{MID_RECORD}: {what}",
        )
        result.rows = rows[~cut_row.to_numpy()].reset_index(drop=True)
        parts = [x for x in (result.quarantine, moved) if len(x)]
        result.quarantine = (
            pd.concat(parts, ignore_index=True) if parts else empty_quarantine()
        ).sort_values(c.SOURCE_LINE, kind="stable", ignore_index=True)
    else:
        return result
    result.info["cut_off"] = f"the file ends mid-record (line {last})"
    return result


def stops_early(text: str, exc: json.JSONDecodeError) -> bool:
    """A JSON text that stops before its document is complete (not one broken in the middle)."""
    end = text.rstrip()
    return exc.pos >= len(end) or not end.endswith(("}", "]"))


def _closer(prefix: str) -> str | None:
    """The brackets that close ``prefix`` (strings ignored), or None if it cannot be closed."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub('""', prefix))
    while True:
        shorter = brackets.replace("{}", "").replace("[]", "")
        if shorter == brackets:
            break
        brackets = shorter
    if "}" in brackets or "]" in brackets:
        return None
    return "".join(_CLOSE[ch] for ch in reversed(brackets))


def salvage(text: str) -> tuple[object, int, str] | None:
    """A JSON document that stops mid-way, closed after its last complete record.

    Returns:
        (the document, the line the broken record starts on, its text up to 200 characters),
        or None when no complete record can be found before the cut.
    """
    pos = len(text)
    for _ in range(_TRIES):
        pos = text.rfind("}", 0, pos)
        if pos < 0:
            return None
        after = text[pos + 1 : pos + 1 + 400].lstrip()
        if not (after.startswith(",") and after[1:].lstrip().startswith("{")):
            continue
        prefix = text[: pos + 1]
        closer = _closer(prefix)
        if closer is None:
            continue
        try:
            doc = json.loads(prefix + closer)
        except json.JSONDecodeError:
            continue
        start = text.index("{", pos + 1)
        line = text.count("\n", 0, start) + 1
        return doc, line, text[start : start + _EXCERPT].strip()
    return None


def salvage_documents(text: str) -> tuple[list[tuple[int | None, object]], int, str] | None:
    """The documents of a saved file whose last document stops mid-way: one document (closed
    after its last complete record), or JSON lines whose last line is so closed.

    Returns:
        (documents as ``json_documents`` gives them, the broken record's line, its text), or
        None when the text is not JSON that stops early (broken in the middle, or whole).
    """
    try:
        json.loads(text)
        return None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several documents: JSON lines
            return _json_lines(text)
        if not stops_early(text, exc):
            return None
    whole = salvage(text)
    if whole is None:
        return None
    doc, line, tail = whole
    docs = doc if isinstance(doc, list) else [doc]
    return [(None, d) for d in docs], line, tail


def _json_lines(text: str) -> tuple[list[tuple[int | None, object]], int, str] | None:
    """JSON lines whose every line but the last non-blank one is a document, the last one a
    document that stops mid-way."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(numbered) < 2:
        return None
    docs: list[tuple[int | None, object]] = []
    for n, line in numbered[:-1]:
        try:
            docs.append((n, json.loads(line)))
        except json.JSONDecodeError:
            return None
    n, last = numbered[-1]
    try:
        json.loads(last)
        return None
    except json.JSONDecodeError as exc:
        if not stops_early(last, exc):
            return None
    closed = salvage(last)
    if closed is not None:
        docs.append((n, closed[0]))
        return docs, n, closed[2]
    return docs, n, last.strip()[:_EXCERPT]


def add_cut_record(result: ReadResult, file: str, line: int, tail: str) -> ReadResult:
    """Record the broken last record of a salvaged JSON as quarantined and mark the file cut."""
    row = quarantine_rows(
        file,
        [line],
        [tail],
        f"{MID_RECORD}: the JSON stops before this record is complete",
    )
    parts = [x for x in (result.quarantine, row) if len(x)]
    result.quarantine = pd.concat(parts, ignore_index=True)
    result.info["cut_off"] = f"the JSON stops mid-record (line {line})"
    return result
