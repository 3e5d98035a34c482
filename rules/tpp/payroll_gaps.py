"""Payroll we could not read is not zero salary (issue 21).

An employee paid TPP in a month without a valid payroll row of that month (the row was rejected,
or no file has one) would have their PPh 21 computed on a gaji of 0, or on an older month's
without anyone deciding it. Each such employee-month is listed (``payroll_gap``, one row per
NIP and month) with what we know: the rejected rows of the NIP that month (file, line, reason),
or that no payroll file has a row, and the month cannot be closed until the file is fixed or
finance records a decision in ``attendance_decisions.csv`` (a row naming the NIP and a range
over the month):

- ``carry``: the latest earlier payroll row of the NIP stands for the month (what the provisional
  month already computes with, noted per row); without an earlier row the gap stays open;
- ``amount``: the month's gaji gross for PPh 21 is the ``amount`` finance states (whole rupiah);
  the iuran pensiun and the BPJS salary base still come from the latest earlier row (0 / none
  without one, noted).

Only employees with a TPP gross above 0 are listed: without TPP there is nothing to withhold on
it. Payroll rows of one layout that disagree wait for their own ``keep`` decision
(``rules.tpp.inputs.open_payroll_conflicts``) and are not listed again here.
"""

from __future__ import annotations

import re

import pandas as pd

from rules.tpp.inputs import PAYROLL_CONFLICT
from vocabulary import columns as c

GAP_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.SOURCE_FILE,
    c.SOURCE_LINE,
    c.GAP_REASON,
    c.DECISION,
    c.DECIDED_BY,
    c.AMOUNT,
]
NO_ROW = "no payroll row for the month in any payroll file"
_NIP = re.compile(r"(?<![0-9])([0-9]{18})(?![0-9])")
# the month a rejected row's raw record names: GPP 'bulan | tahun | ...'; SIMGAJI TGLGAJI as
# dd/mm/yyyy or an ISO date (a date cell)
_GPP_MONTH = re.compile(r"^\s*([0-9]{1,2}) \| ([0-9]{4}) \|")
_DMY = re.compile(r"^\s*[0-9]{1,2}[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_ISO = re.compile(r"^\s*([0-9]{4})-([0-9]{2})-[0-9]{2}")


def empty_gaps() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series(dtype="string"),
            c.MONTH: pd.Series(dtype="string"),
            c.SOURCE_FILE: pd.Series(dtype="string"),
            c.SOURCE_LINE: pd.Series(dtype="Int64"),
            c.GAP_REASON: pd.Series(dtype="string"),
            c.DECISION: pd.Series(dtype="string"),
            c.DECIDED_BY: pd.Series(dtype="string"),
            c.AMOUNT: pd.Series(dtype="Int64"),
        }
    )


def _raw_month(raw: str) -> str | None:
    """The month a rejected row's raw record names, or None when it cannot be read."""
    m = _GPP_MONTH.match(raw)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = _DMY.match(raw)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = _ISO.match(raw)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def rejected_rows(quarantine: pd.DataFrame, month: str) -> pd.DataFrame:
    """The payroll quarantine rows of ``month`` (or of no readable month), without the open
    conflicts (they wait for their own keep decision): ``nip`` (<NA> where the raw record names
    no 18-digit NIP, e.g. an NIP stored as a number), ``source_file``, ``source_line``,
    ``reason``."""
    cols = [c.NIP, c.SOURCE_FILE, c.SOURCE_LINE, c.REASON]
    if quarantine is None or quarantine.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in cols})
    q = quarantine[~quarantine[c.REASON].astype("string").str.startswith(PAYROLL_CONFLICT)]
    raw = q[c.RAW].astype("string").fillna("")
    nip = raw.str.extract(_NIP, expand=False)
    months = raw.map(_raw_month)
    mine = months.isna() | (months == month)
    out = q.loc[mine, [c.SOURCE_FILE, c.SOURCE_LINE, c.REASON]].copy()
    out.insert(0, c.NIP, nip[mine].astype("string"))
    return out.reset_index(drop=True)


def payroll_decisions(decisions: pd.DataFrame | None, month: str) -> pd.DataFrame:
    """Per NIP, finance's carry/amount decision whose range reaches into ``month`` (a later
    row of the file wins): ``nip``, ``decision``, ``decided_by``, ``amount``."""
    cols = [c.NIP, c.DECISION, c.DECIDED_BY, c.AMOUNT]
    if decisions is None or decisions.empty or c.NIP not in decisions:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in cols})
    first = pd.Timestamp(month + "-01")
    last = first + pd.offsets.MonthEnd(0)
    d = decisions[decisions[c.DECISION].isin(c.PAYROLL_DECISIONS).fillna(False)]
    d = d[d[c.NIP].notna() & (d[c.DATE_FROM] <= last) & (d[c.DATE_TO] >= first)]
    if c.AMOUNT not in d:
        d = d.assign(**{c.AMOUNT: pd.NA})
    d = d.drop_duplicates(c.NIP, keep="last")
    out = d[cols].copy()
    out[c.AMOUNT] = out[c.AMOUNT].astype("Int64")
    return out.reset_index(drop=True)


def payroll_gaps(
    tpp: pd.DataFrame,
    payroll: pd.DataFrame,
    quarantine: pd.DataFrame,
    decisions: pd.DataFrame | None,
    month: str,
) -> pd.DataFrame:
    """The employee-months with TPP and no valid payroll row, one row per NIP (``GAP_COLUMNS``).

    Args:
        tpp: the month's TPP rows (``nip``, ``gross``).
        payroll: valid payroll rows of any month (``nip``, ``month``).
        quarantine: the payroll quarantine (``source_file``, ``source_line``, ``raw``,
            ``reason``).
        decisions: the valid rows of attendance_decisions.csv (may be None or empty).
        month: 'YYYY-MM'.
    """
    paid = tpp[tpp[c.GROSS].fillna(0).astype("int64") > 0]
    nips = paid[c.NIP].astype("string").drop_duplicates()
    have = (
        set(payroll.loc[payroll[c.MONTH] == month, c.NIP].astype("string"))
        if len(payroll)
        else set()
    )
    conflicted = set(
        quarantine.loc[
            quarantine[c.REASON].astype("string").str.contains(
                f"{PAYROLL_CONFLICT} for NIP [0-9]+ in {month}", regex=True
            ).fillna(False),
            c.REASON,
        ].str.extract(f"{PAYROLL_CONFLICT} for NIP ([0-9]+)", expand=False)
    ) if quarantine is not None and len(quarantine) else set()  # fmt: skip
    missing = nips[~nips.isin(have) & ~nips.isin(conflicted)]
    if missing.empty:
        return empty_gaps()
    every = rejected_rows(quarantine, month)
    untied = every[every[c.NIP].isna()].sort_values([c.SOURCE_FILE, c.SOURCE_LINE])
    rejected = every[every[c.NIP].isin(set(missing))]
    first = rejected.drop_duplicates(c.NIP).set_index(c.NIP)
    at = _where(rejected)
    listed = (
        (at + " rejected (" + rejected[c.REASON].astype("string") + ")")
        .groupby(rejected[c.NIP]).agg("; ".join)
        if len(rejected)
        else pd.Series(dtype="string")
    )  # fmt: skip
    out = pd.DataFrame({c.NIP: missing.sort_values().to_numpy()}).astype("string")
    out[c.MONTH] = month
    out[c.SOURCE_FILE] = out[c.NIP].map(first[c.SOURCE_FILE]).astype("string")
    out[c.SOURCE_LINE] = out[c.NIP].map(first[c.SOURCE_LINE]).astype("Int64")
    said = out[c.NIP].map(listed).astype("string")
    nobody = NO_ROW
    if len(untied):  # rows we could not tie to a person may be theirs: say where they are
        where = ", ".join(_where(untied).head(5))
        nobody += " (rejected rows that name no readable NIP: " + where + ")"
    out[c.GAP_REASON] = ("payroll row rejected: " + said).fillna(nobody).astype("string")
    chosen = payroll_decisions(decisions, month).set_index(c.NIP)
    out[c.DECISION] = out[c.NIP].map(chosen[c.DECISION]).astype("string")
    out[c.DECIDED_BY] = out[c.NIP].map(chosen[c.DECIDED_BY]).astype("string")
    out[c.AMOUNT] = out[c.NIP].map(chosen[c.AMOUNT]).astype("Int64")
    earlier = (
        set(payroll.loc[payroll[c.MONTH] < month, c.NIP].astype("string"))
        if len(payroll)
        else set()
    )
    no_earlier = (out[c.DECISION] == c.CARRY).fillna(False) & ~out[c.NIP].isin(earlier)
    out.loc[no_earlier, c.GAP_REASON] = (
        out.loc[no_earlier, c.GAP_REASON]
        + "; carry decided but no earlier payroll row of the NIP exists: still open"
    )
    out.loc[no_earlier, c.DECISION] = pd.NA
    return out[GAP_COLUMNS]


def _where(rows: pd.DataFrame) -> pd.Series:
    return rows[c.SOURCE_FILE].astype("string") + ":" + rows[c.SOURCE_LINE].astype("string")


def open_payroll_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gaps finance has not decided: while one remains the month cannot be closed."""
    return gaps[gaps[c.DECISION].isna()]


def describe_payroll_gap(gap: pd.Series) -> str:
    """'199001012015031001 2024-03: payroll row rejected: payroll/gpp.csv:3 rejected (...)'."""
    decided = ""
    if pd.notna(gap[c.DECISION]):
        amount = f" Rp {int(gap[c.AMOUNT]):,}" if pd.notna(gap[c.AMOUNT]) else ""
        decided = f"; finance decided: {gap[c.DECISION]}{amount} ({gap[c.DECIDED_BY]})"
    return f"{gap[c.NIP]} {gap[c.MONTH]}: {gap[c.GAP_REASON]}{decided}"
