"""Saved API responses: one JSON document, a JSON list of them, or one per line (JSON lines).

Attendance APIs serve a few days or one page per call, so a file saved from them often holds
several responses. ``json_documents`` returns each response with the line it starts on (JSON
lines) or None (one document), and names the real problem when the text is not JSON: where it
breaks, what is written there, and whether the text simply stops (a truncated download).
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd

from formats.base import FileRejected

_EXCERPT = 30


def _broken(text: str, exc: json.JSONDecodeError, what: str) -> str:
    end = text.rstrip()
    if exc.pos >= len(end) or not end.endswith(("}", "]")):
        return (
            f"is not valid JSON: the text stops before the {what} is complete ({exc.msg} at "
            f"line {exc.lineno}, column {exc.colno}); the file may be truncated: save or "
            "download it again"
        )
    near = text[max(0, exc.pos - _EXCERPT) : exc.pos + _EXCERPT]
    return (
        f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}, near {near!r} "
        f"(broken quoting or a hand edit); the {what} cannot be read: export it again from the "
        "software that wrote it"
    )


def json_documents(text: str, file: str, what: str = "response") -> list[tuple[int | None, object]]:
    """The JSON documents of a saved file, with their starting line (None for a single document).

    Raises:
        FileRejected: the text is neither one JSON document nor JSON lines; the message says
            where the text breaks and what is there.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as whole_error:
        out: list[tuple[int | None, object]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                out.append((number, json.loads(line)))
            except json.JSONDecodeError as line_error:
                if whole_error.msg == "Extra data" and out:  # JSON lines: this line is broken
                    message = _broken(line, line_error, what).replace(
                        "at line 1,", f"at line {number},"
                    )
                    raise FileRejected(file, message, line=number) from line_error
                raise FileRejected(
                    file, _broken(text, whole_error, what), line=whole_error.lineno
                ) from whole_error
        return out
    return [(None, d) for d in (doc if isinstance(doc, list) else [doc])]


def page_lines(ordinal: int, n: int, line_no: int | None) -> np.ndarray:
    """The line of each of a page's ``n`` records: its JSON-lines line when the file has one
    page per line, else the records' running number after ``ordinal``."""
    if line_no is None:
        return np.arange(ordinal + 1, ordinal + n + 1, dtype="int64")
    return np.full(n, line_no, dtype="int64")


def lower_keys(doc: object) -> dict[str, object]:
    """A JSON object's keys in lower case without separators ('Scan_Date' -> 'scandate')."""
    if not isinstance(doc, dict):
        return {}
    return {"".join(ch for ch in str(k).lower() if ch.isalnum()): v for k, v in doc.items()}


def record_frame(
    records: list, keys: dict[str, tuple[str, ...]]
) -> tuple[pd.DataFrame, np.ndarray]:
    """The records (JSON objects) as text columns named by ``keys``, whatever the key spelling.

    Args:
        records: the decoded records (anything that is not an object is reported, not read).
        keys: canonical column -> accepted key names, already lower case without separators.

    Returns:
        A string frame with one column per canonical name (<NA> where a record lacks it), and
        a boolean array, True where the item was not a JSON object.
    """
    if not records:
        frame = pd.DataFrame({k: pd.Series(dtype="string") for k in keys})
        return frame, np.zeros(0, dtype=bool)
    objects = map(isinstance, records, itertools.repeat(dict))  # in C, no Python per record
    not_object = ~np.fromiter(objects, dtype=bool, count=len(records))
    if not_object.any():
        records = [r if isinstance(r, dict) else {} for r in records]
    raw = pd.DataFrame.from_records(records)
    spelled: dict[str, list[str]] = {}
    for col in raw.columns:
        norm = "".join(ch for ch in str(col).lower() if ch.isalnum())
        spelled.setdefault(norm, []).append(col)
    out = {}
    for name, accepted in keys.items():
        column = pd.Series(pd.NA, index=raw.index, dtype="string")
        for key in accepted:
            for col in spelled.get(key, []):
                column = column.fillna(_text(raw[col]))
        out[name] = column
    return pd.DataFrame(out, index=raw.index), not_object


def _text(values: pd.Series) -> pd.Series:
    """JSON values as text: strings as they are, whole numbers without '.0', null as <NA>,
    objects and lists as JSON (the type is inferred once per column, in C)."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in ("floating", "mixed-integer-float"):
        numbers = pd.to_numeric(values, errors="coerce")
        whole = numbers.notna() & (numbers == numbers.round())
        text = values.astype("string")
        text[whole] = numbers[whole].astype("int64").astype("string")
        return text.mask(values.isna())
    if kind == "boolean":
        return values.map({True: "true", False: "false"}).astype("string")
    if kind == "mixed":  # objects or lists among the values: keep them as JSON text
        values = values.map(
            lambda v: json.dumps(v) if isinstance(v, (dict, list)) else v, na_action="ignore"
        )
    return values.astype("string").mask(values.isna())
