"""Content rules for the TPP inputs: one reason per row (<NA> for rows that pass), merged by the
expectations runner with each contract's own reasons (as rules/reference.py does for the
attendance reference data)."""

from __future__ import annotations

import pandas as pd

from rules.inputs import duplicate_reasons, nip_reasons, overlap_reasons
from rules.profile import Profile
from rules.rulebook.tpp import SanctionRules
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason
from vocabulary.tpp import INTERVAL_STATUSES, SALARY_PARTS


def _unknown(frame: pd.DataFrame, known: pd.Series) -> pd.Series:
    return first_reason(
        (
            ~frame[c.NIP].isin(known),
            "nip " + frame[c.NIP].fillna("") + " is not in the employee master",
        ),
        index=frame.index,
    )


def payroll_reasons(
    payroll: pd.DataFrame, known: pd.Series, priority: list[str] | None = None
) -> pd.Series:
    """NIP structure, NIP in the master, one row per NIP and month (over all files).

    When two layouts give the same NIP and month, the one first in ``priority`` (profile
    ``tpp.payroll_priority``) holds; the other is quarantined, and when their amounts differ
    its reason carries both rows' values (a conflict HR sees, never a silent choice).
    """
    rank = {name: i for i, name in enumerate(priority or [])}
    order = payroll.assign(_rank=payroll[c.LAYOUT].map(rank).fillna(len(rank)).astype("int64"))
    order = order.sort_values(["_rank", c.SOURCE_FILE, c.SOURCE_LINE], kind="stable")
    first = order.drop_duplicates([c.NIP, c.MONTH], keep="first")
    duplicate = ~payroll.index.isin(first.index) & payroll[c.NIP].notna()
    kept = (
        payroll[[c.NIP, c.MONTH]]
        .merge(
            first[[c.NIP, c.MONTH, c.LAYOUT, c.SOURCE_FILE, c.SOURCE_LINE, *SALARY_PARTS]],
            on=[c.NIP, c.MONTH],
            how="left",
            suffixes=("", "_kept"),
        )
        .set_index(payroll.index)
    )
    differs = pd.Series(False, index=payroll.index)
    for part in SALARY_PARTS:
        differs |= (payroll[part].fillna(-1) != kept[part].fillna(-1)).to_numpy()

    def where(idx: pd.Index) -> pd.Series:
        k = kept.loc[idx]
        return k[c.SOURCE_FILE].astype("string") + ":" + k[c.SOURCE_LINE].astype("string")

    def amounts(frame: pd.DataFrame, idx: pd.Index) -> pd.Series:
        f = frame.loc[idx]
        return (
            "gaji pokok "
            + f[c.GAJI_POKOK].astype("string").fillna("?")
            + ", tunjangan "
            + (f[list(SALARY_PARTS[1:])].fillna(0).sum(axis=1).astype("int64").astype("string"))
        )

    reason = first_reason(
        (
            duplicate & differs,
            lambda i: (
                "conflicting payroll row for the NIP and month: this "
                + payroll.loc[i, c.LAYOUT].astype("string")
                + " row says "
                + amounts(payroll, i)
                + "; the "
                + kept.loc[i, c.LAYOUT].astype("string")
                + " row at "
                + where(i)
                + " says "
                + amounts(kept, i)
                + (payroll.loc[i, c.LAYOUT] == kept.loc[i, c.LAYOUT])
                .map(
                    {
                        True: " and holds (same layout: the file read first holds)",
                        False: " and holds (profile tpp.payroll_priority)",
                    }
                )
                .astype("string")
            ),
        ),
        (
            duplicate,
            lambda i: "duplicate payroll row for the NIP and month; first at " + where(i),
        ),
        index=payroll.index,
    )
    return combine_reasons(nip_reasons(payroll[c.NIP]), _unknown(payroll, known), reason)


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


def payroll_reasons_by_version(
    payroll: pd.DataFrame, known: pd.Series, profile: Profile
) -> pd.Series:
    """``payroll_reasons`` with the layout priority of the version in force in each row's month
    (months never share a key, so judging each version's months apart is exact)."""
    first_day = pd.to_datetime(payroll[c.MONTH].astype("string") + "-01", errors="coerce")
    version = pd.Series(
        profile.version_indices(first_day.fillna(pd.Timestamp(0))), index=payroll.index
    )
    reasons = pd.Series(pd.NA, index=payroll.index, dtype="string")
    for i in version.unique():
        rows = payroll[version == i]
        priority = profile.versions[i].tpp.payroll_priority
        reasons.loc[rows.index] = payroll_reasons(rows, known, priority)
    return reasons
