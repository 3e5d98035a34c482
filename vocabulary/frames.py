"""Small helpers for frames shared by rules, readers and expectations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ReasonText = str | pd.Series | Callable[[pd.Index], pd.Series | str]


def first_reason(*pairs: tuple[pd.Series, ReasonText], index: pd.Index) -> pd.Series:
    """The first applicable reason per row.

    Args:
        pairs: (mask, reason) in priority order. A reason is a sentence, a Series of sentences,
            or a function of the flagged rows' index returning them, so that the text is built
            only for the few rows that need it (not for a million valid punches).
        index: the rows.

    Returns:
        A string Series, <NA> where no mask applies.
    """
    reason = pd.Series(pd.NA, index=index, dtype="string")
    free = np.ones(len(index), dtype=bool)  # rows without a reason yet
    for mask, text in pairs:
        if not mask.index.equals(index):
            mask = mask.reindex(index)
        flagged = mask.to_numpy() if mask.dtype == bool else mask.fillna(False).astype(bool)
        m_ = np.asarray(flagged, dtype=bool) & free
        if not m_.any():
            continue
        m = pd.Series(m_, index=index)
        if callable(text):
            text = text(index[m_])
        reason.loc[m] = text[m] if isinstance(text, pd.Series) else text
        free = reason.isna().to_numpy()
    return reason


def combine_reasons(*reasons: pd.Series) -> pd.Series:
    """Join several reason Series with '; ' (vectorised); <NA> where none applies."""
    out: pd.Series | None = None
    for r in reasons:
        r = r.astype("string")
        if out is None:
            out = r.copy()
            continue
        if r.index.equals(out.index):
            # row by position, in Arrow: 'a; b' where both have a reason, else whichever has one
            if not r.notna().to_numpy().any():
                continue
            a, b = pa.array(out, type=pa.large_string()), pa.array(r, type=pa.large_string())
            joined = pc.binary_join_element_wise(a, b, pa.scalar("; ", pa.large_string()))
            out = pd.Series(
                pc.coalesce(joined, a, b), index=out.index, name=out.name, dtype="string"
            )
            continue
        both = out.notna() & r.notna()
        if both.any():
            out = out.where(~both, out + "; " + r)
        out = out.fillna(r)
    if out is None:
        raise ValueError("combine_reasons needs at least one Series")
    return out


@dataclass
class Checked:
    """A validated dataset: the rows that passed, the rows quarantined (with reasons) and the
    per-file audit (rows in / valid / quarantined)."""

    valid: pd.DataFrame
    quarantine: pd.DataFrame
    audit: pd.DataFrame


def isin_text(values: pd.Series, allowed: pd.Series | pd.Index | list[str]) -> pd.Series:
    """``values.isin(allowed)`` for text, in Arrow, with pandas' answer: pandas' isin on Arrow
    strings makes one Python scalar per allowed value, which costs seconds for the NIPs of a
    20,000-employee pemda. A missing value is among them only when ``allowed`` holds one."""
    have = pa.array(values.astype("string"))
    wanted = pd.Series(allowed, dtype="string")
    value_set = pa.array(wanted.dropna().unique(), type=have.type)
    out = pc.fill_null(pc.is_in(have, value_set=value_set), False).to_numpy(zero_copy_only=False)
    if wanted.hasnans:
        out = out | values.isna().to_numpy()
    return pd.Series(out, index=values.index, name=values.name, dtype=bool)


def repeat_text(value: str, n: int) -> pd.Series:
    """``n`` times the same text (a file's name on each of its rows), as Arrow repeats it: a
    Python list of ``n`` references is converted value by value."""
    return pd.Series([value], dtype="string").repeat(n).reset_index(drop=True)


def per_distinct(values: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn(values)`` computed once per distinct value and spread back: for text functions that
    pandas runs value by value in Python (a regex with ``\\s``), on columns that repeat a few
    labels or NIPs over many rows. ``fn`` must answer each value on its own."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if len(uniques) == len(values):
        return fn(values)
    once = fn(pd.Series(uniques, dtype=values.dtype))
    return pd.Series(once.array.take(codes), index=values.index, name=values.name)
