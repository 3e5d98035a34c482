"""The monthly TPP ceiling per kelas jabatan, effective-dated.

The region's own table (inbox/reference/tpp_ceilings.*: kelas_jabatan, valid_from, amount)
replaces the profile's default tables whole when it has any valid row; otherwise the profile's
table in force on the month's first day applies (nasional: Basic TPP TA 2022/2023, reg §6.3).
For each kelas the row with the latest ``valid_from`` on or before the month's first day wins.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rules.rulebook.tpp import CeilingRules
from vocabulary import columns as c


def ceiling_table(
    rules: CeilingRules, inbox: pd.DataFrame, first: dt.date, profile: str
) -> tuple[dict[int, int], str]:
    """The ceilings in force on ``first`` and a label saying where they come from.

    Args:
        rules: the profile's ceiling rules.
        inbox: valid rows of the inbox ceiling files (``kelas_jabatan``, ``valid_from``,
            ``amount``, ``source_file``); empty when the region uses the profile's default.
        first: the month's first day.
        profile: the profile name, for the label.

    Returns:
        {kelas: rupiah} (empty when nothing is in force) and the source label.
    """
    if len(inbox):
        rows = inbox[inbox[c.VALID_FROM] <= pd.Timestamp(first)]
        rows = rows.sort_values([c.KELAS_JABATAN, c.VALID_FROM], kind="stable")
        latest = rows.drop_duplicates(c.KELAS_JABATAN, keep="last")
        files = ", ".join(sorted(set(latest[c.SOURCE_FILE].astype(str))))
        table = dict(
            zip(
                latest[c.KELAS_JABATAN].astype("int64"),
                latest[c.AMOUNT].astype("int64"),
                strict=True,
            )
        )
        return {int(k): int(v) for k, v in table.items()}, f"inbox {files or '(none in force)'}"
    chosen = rules.table_for(first)
    if chosen is None:
        return {}, f"profile {profile}: no table in force"
    return dict(chosen.by_kelas), f"profile {profile} table from {chosen.valid_from}"


def ceilings_of(kelas: pd.Series, table: dict[int, int]) -> tuple[pd.Series, pd.Series]:
    """The ceiling of each kelas (0 where none) and a note where there is none."""
    ceiling = kelas.astype("Int64").map(table).astype("Int64")
    note = pd.Series(pd.NA, index=kelas.index, dtype="string")
    no_kelas = kelas.isna()
    no_ceiling = ~no_kelas & ceiling.isna()
    note[no_kelas] = "no kelas_jabatan in the employee master: ceiling 0"
    note[no_ceiling] = (
        "no ceiling for kelas " + kelas[no_ceiling].astype("string") + " in force: ceiling 0"
    )
    return ceiling.fillna(0).astype("int64"), note
