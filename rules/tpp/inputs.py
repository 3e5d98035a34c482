"""Content rules for the TPP inputs: one reason per row (<NA> for rows that pass), merged by the
expectations runner with each contract's own reasons (as rules/reference.py does for the
attendance reference data)."""

from __future__ import annotations

import re

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


# the sentence of a payroll row that waits for HR/finance's choice; ``open_payroll_conflicts``
# reads the NIP and month back from it (close refuses while one of its month remains)
PAYROLL_CONFLICT = "payroll rows disagree"
_CONFLICT = re.compile(rf"^{PAYROLL_CONFLICT} for NIP (\d+) in (\d{{4}}-\d{{2}})")


def _amounts(frame: pd.DataFrame) -> pd.Series:
    return (
        "gaji pokok "
        + frame[c.GAJI_POKOK].astype("string").fillna("?")
        + ", tunjangan "
        + frame[list(SALARY_PARTS[1:])].fillna(0).sum(axis=1).astype("int64").astype("string")
    )


def _keep_choices(payroll: pd.DataFrame, decisions: pd.DataFrame | None) -> pd.DataFrame:
    """Per payroll row, the file HR/finance keeps for its NIP and month (a ``keep`` decision
    whose range overlaps the month and whose NIP is the row's or empty), and who decided; a
    later decision row wins."""
    out = pd.DataFrame({"file": pd.Series(pd.NA, index=payroll.index, dtype="string"), "by": pd.NA})
    if decisions is None or decisions.empty or c.DECISION_FILE not in decisions:
        return out
    keep = decisions[(decisions[c.DECISION] == c.KEEP).fillna(False)]
    first = pd.to_datetime(payroll[c.MONTH].astype("string") + "-01", errors="coerce")
    last = first + pd.offsets.MonthEnd(0)
    for row in keep.itertuples(index=False):  # a handful of rows typed by HR or finance
        hit = (first <= row.date_to) & (last >= row.date_from)
        if pd.notna(row.nip):
            hit &= payroll[c.NIP] == row.nip
        hit = hit.fillna(False).to_numpy()
        out.loc[hit, "file"] = getattr(row, c.DECISION_FILE)
        out.loc[hit, "by"] = row.decided_by
    return out


def payroll_reasons(
    payroll: pd.DataFrame,
    known: pd.Series,
    priority: list[str] | None = None,
    decisions: pd.DataFrame | None = None,
) -> pd.Series:
    """NIP structure, NIP in the master, one row per NIP and month (over all files).

    When two layouts give the same NIP and month, the one first in ``priority`` (profile
    ``tpp.payroll_priority``) holds; the other is quarantined, and when their amounts differ
    its reason carries both rows' values (a conflict HR sees, never a silent choice).

    When files of that first layout disagree among themselves (same NIP and month, different
    amounts), no read order settles it: every row of the NIP and month is quarantined with all
    the values (``PAYROLL_CONFLICT``) until a ``keep`` decision in ``decisions`` names the file
    whose row holds (any layout's); the others are then quarantined naming the decision.
    Identical rows are duplicates (the first by file and line holds).
    """
    key = [c.NIP, c.MONTH]
    rank = {name: i for i, name in enumerate(priority or [])}
    order = payroll.assign(_rank=payroll[c.LAYOUT].map(rank).fillna(len(rank)).astype("int64"))
    order = order.sort_values(["_rank", c.SOURCE_FILE, c.SOURCE_LINE], kind="stable")
    best = order[order["_rank"] == order.groupby(key, dropna=False)["_rank"].transform("min")]
    parts = best[list(SALARY_PARTS)].astype("string").fillna("?")
    signature = parts[SALARY_PARTS[0]]
    for part in SALARY_PARTS[1:]:
        signature = signature + "|" + parts[part]
    values = signature.groupby([best[c.NIP], best[c.MONTH]], dropna=False).transform("nunique")
    disputed = best[(values > 1).to_numpy() & best[c.NIP].notna().to_numpy()]
    in_dispute = _keys(order, key).isin(_keys(disputed, key))
    choice = _keep_choices(payroll, decisions)
    picked = order[
        in_dispute & (order[c.SOURCE_FILE] == choice.loc[order.index, "file"]).fillna(False)
    ]
    picked = picked.drop_duplicates(key, keep="first")
    holder = pd.concat(
        [picked, order[~_keys(order, key).isin(_keys(picked, key))].drop_duplicates(key)]
    )
    is_open = (
        _keys(payroll, key).isin(_keys(disputed, key))
        & ~_keys(payroll, key).isin(_keys(picked, key))
        & payroll[c.NIP].notna().to_numpy()
    )
    duplicate = ~payroll.index.isin(holder.index) & payroll[c.NIP].notna() & ~is_open
    kept = (
        payroll[key]
        .merge(
            holder[[*key, c.LAYOUT, c.SOURCE_FILE, c.SOURCE_LINE, *SALARY_PARTS]],
            on=key,
            how="left",
            suffixes=("", "_kept"),
        )
        .set_index(payroll.index)
    )
    differs = pd.Series(False, index=payroll.index)
    for part in SALARY_PARTS:
        differs |= (payroll[part].fillna(-1) != kept[part].fillna(-1)).to_numpy()
    chosen = pd.Series(_keys(payroll, key).isin(_keys(picked, key)), index=payroll.index)

    def where(idx: pd.Index) -> pd.Series:
        k = kept.loc[idx]
        return k[c.SOURCE_FILE].astype("string") + ":" + k[c.SOURCE_LINE].astype("string")

    def why_held(idx: pd.Index) -> pd.Series:
        # rows of one layout that differ are disputed: a differing row held without a decision
        # is always of a layout the profile ranks lower
        text = pd.Series(" and holds (profile tpp.payroll_priority)", index=idx, dtype="string")
        by = choice.loc[idx, "by"].astype("string").fillna("?")
        decided = " and holds (HR/finance kept that file: attendance_decisions.csv, decided by "
        return text.mask(chosen.loc[idx], decided + by + ")")

    reason = first_reason(
        (
            pd.Series(is_open, index=payroll.index),
            lambda i: _open_reason(payroll.loc[i], disputed),
        ),
        (
            duplicate & differs,
            lambda i: (
                "conflicting payroll row for the NIP and month: this "
                + payroll.loc[i, c.LAYOUT].astype("string")
                + " row says "
                + _amounts(payroll.loc[i])
                + "; the "
                + kept.loc[i, c.LAYOUT].astype("string")
                + " row at "
                + where(i)
                + " says "
                + _amounts(kept.loc[i])
                + why_held(i)
            ),
        ),
        (
            duplicate,
            lambda i: "duplicate payroll row for the NIP and month; first at " + where(i),
        ),
        index=payroll.index,
    )
    return combine_reasons(nip_reasons(payroll[c.NIP]), _unknown(payroll, known), reason)


def _keys(frame: pd.DataFrame, key: list[str]) -> pd.Index:
    return pd.MultiIndex.from_frame(frame[key].astype("string"))


def _open_reason(rows: pd.DataFrame, disputed: pd.DataFrame) -> pd.Series:
    """Every value the disagreeing files give for each row's NIP and month, with where."""
    said = (
        disputed[c.SOURCE_FILE].astype("string")
        + ":"
        + disputed[c.SOURCE_LINE].astype("string")
        + " says "
        + _amounts(disputed)
    )
    group = [disputed[c.NIP].astype("string"), disputed[c.MONTH].astype("string")]
    listed = said.groupby(group).agg("; ".join)
    layout = disputed[c.LAYOUT].astype("string").groupby(group).first()
    at = _keys(rows, [c.NIP, c.MONTH])
    return (
        PAYROLL_CONFLICT
        + " for NIP "
        + rows[c.NIP].astype("string")
        + " in "
        + rows[c.MONTH].astype("string")
        + " (files of one layout, "
        + pd.Series(layout.reindex(at).to_numpy(), index=rows.index, dtype="string")
        + "): "
        + pd.Series(listed.reindex(at).to_numpy(), index=rows.index, dtype="string")
        + ". None of them is used until HR or finance names the file to keep in "
        "attendance_decisions.csv (decision keep, file, decided_by)"
    )


def open_payroll_conflicts(quarantine: pd.DataFrame, month: str) -> pd.DataFrame:
    """The payroll conflicts of ``month`` that wait for a keep decision, one row per NIP:
    ``nip`` and the reason (every value and where it is), from the payroll quarantine."""
    reasons = quarantine[c.REASON].astype("string")
    found = reasons.str.extract(_CONFLICT)
    mine = found[1] == month
    out = pd.DataFrame({c.NIP: found.loc[mine, 0], c.REASON: reasons[mine]})
    return out.drop_duplicates(c.NIP).sort_values(c.NIP).reset_index(drop=True)


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


def plt_reasons(assignments: pd.DataFrame, known: pd.Series) -> pd.Series:
    """NIP checks, and assignments of one kind that overlap for the same NIP (one SK at a
    time: which one pays is not ours to guess)."""
    overlap = overlap_reasons(
        assignments,
        [c.NIP, c.ASSIGNMENT_KIND],
        c.DATE_FROM,
        c.DATE_TO,
        "Plt/Plh assignment of the same kind",
    ).reindex(assignments.index)
    return combine_reasons(
        nip_reasons(assignments[c.NIP]),
        _unknown(assignments, known),
        overlap,
        duplicate_reasons(assignments, [c.NIP, c.SK_NUMBER], "assignment (same SK)"),
    )


def ceiling_reasons(ceilings: pd.DataFrame) -> pd.Series:
    """One amount per kelas and valid_from."""
    return duplicate_reasons(
        ceilings, [c.KELAS_JABATAN, c.VALID_FROM], "ceiling for the kelas and date"
    )


def payroll_reasons_by_version(
    payroll: pd.DataFrame,
    known: pd.Series,
    profile: Profile,
    decisions: pd.DataFrame | None = None,
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
        reasons.loc[rows.index] = payroll_reasons(rows, known, priority, decisions)
    return reasons
