"""Content rules for the TPP inputs: one reason per row (<NA> for rows that pass), merged by the
expectations runner with each contract's own reasons (as rules/reference.py does for the
attendance reference data)."""

from __future__ import annotations

import pandas as pd

from rules import columns as c
from rules.frames import combine_reasons, first_reason
from rules.inputs import duplicate_reasons, nip_reasons, overlap_reasons
from rules.profile import Profile
from rules.rulebook.tpp import SanctionRules
from rules.tpp import INTERVAL_STATUSES


def _unknown(frame: pd.DataFrame, known: pd.Series) -> pd.Series:
    return first_reason(
        (
            ~frame[c.NIP].isin(known),
            "nip " + frame[c.NIP].fillna("") + " is not in the employee master",
        ),
        index=frame.index,
    )


def payroll_reasons(payroll: pd.DataFrame, known: pd.Series) -> pd.Series:
    """NIP structure, NIP in the master, one row per NIP and month (over all files)."""
    return combine_reasons(
        nip_reasons(payroll[c.NIP]),
        _unknown(payroll, known),
        duplicate_reasons(payroll, [c.NIP, c.MONTH], "payroll row for the NIP and month"),
    )


def _duration_reasons(sanctions: pd.DataFrame, rules: SanctionRules) -> pd.Series:
    allowed = {kind: set(months) for kind, months in rules.durations.items()}
    kind = sanctions[c.SANCTION_TYPE]
    months = sanctions[c.MONTHS].astype("Int64")
    ok = pd.Series(True, index=sanctions.index)
    for k, values in allowed.items():
        ok &= ~(kind == k).fillna(False) | months.isin(list(values)).fillna(False)
    durations = "; ".join(f"{k}: {sorted(v)}" for k, v in allowed.items())
    return first_reason(
        (
            ~ok,
            kind.fillna("")
            + " lasts "
            + months.astype("string").fillna("?")
            + " months; PP 94/2021 allows "
            + durations,
        ),
        index=sanctions.index,
    )


def sanction_reasons(sanctions: pd.DataFrame, known: pd.Series, profile: Profile) -> pd.Series:
    """NIP checks, a duration the regulation allows for a TPP cut (under the rules in force on
    the decision date), no duplicate decision."""
    version = pd.Series(
        profile.version_indices(sanctions[c.DECISION_DATE].fillna(pd.Timestamp(0))),
        index=sanctions.index,
    )
    durations = pd.Series(pd.NA, index=sanctions.index, dtype="string")
    for i in version.unique():
        rows = sanctions[version == i]
        durations.loc[rows.index] = _duration_reasons(rows, profile.versions[i].tpp.sanctions)
    return combine_reasons(
        nip_reasons(sanctions[c.NIP]),
        _unknown(sanctions, known),
        durations,
        duplicate_reasons(
            sanctions, [c.NIP, c.SANCTION_TYPE, c.DECISION_DATE], "sanction (same decision)"
        ),
    )


def status_reasons(events: pd.DataFrame, known: pd.Series) -> pd.Series:
    """NIP checks, and intervals of one status that overlap for the same NIP."""
    intervals = events[events[c.STATUS].isin(INTERVAL_STATUSES)]
    overlap = overlap_reasons(
        intervals, [c.NIP, c.STATUS], c.DATE_FROM, c.DATE_TO, "interval of the same status"
    ).reindex(events.index)
    return combine_reasons(
        nip_reasons(events[c.NIP]),
        _unknown(events, known),
        overlap,
        duplicate_reasons(events, [c.NIP, c.STATUS, c.DATE_FROM], "status event"),
    )


def ceiling_reasons(ceilings: pd.DataFrame) -> pd.Series:
    """One amount per kelas and valid_from."""
    return duplicate_reasons(
        ceilings, [c.KELAS_JABATAN, c.VALID_FROM], "ceiling for the kelas and date"
    )
