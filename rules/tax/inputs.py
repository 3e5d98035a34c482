"""Content rules for the PTKP reference rows and each employee's PTKP and NPWP status of a year.

PP 58/2023 Pasal 2 chooses the TER category by the PTKP status at the start of the tax year, so
an employee's status for year Y is the latest ``ptkp.csv`` row dated on or before 1 January Y;
without one, the earliest row dated later in the year up to the month (noted: it is used for
the whole year); without any, the tax profile's default (TK/0) with a note and a warning check.
The NPWP status is the latest row's on or before the month's last day that states one; without
one, the tax profile's ``npwp.default_status`` (noted).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rules.inputs import duplicate_reasons, nip_reasons
from rules.tax.profile import TaxVersion
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason

NO_PTKP = "no PTKP status"  # the start of the note the warning check counts


def ptkp_reasons(ptkp: pd.DataFrame, known: pd.Series) -> pd.Series:
    """NIP structure, NIP in the master, one row per NIP and valid_from (over all files)."""
    unknown = first_reason(
        (
            ptkp[c.NIP].notna() & ~ptkp[c.NIP].isin(known),
            "NIP not in the employee master (SIASN data-utama)",
        ),
        index=ptkp.index,
    )
    return combine_reasons(
        nip_reasons(ptkp[c.NIP]),
        unknown,
        duplicate_reasons(ptkp, [c.NIP, c.VALID_FROM], "PTKP row for the NIP and date"),
    )


def status_for_year(
    nips: pd.Series, ptkp: pd.DataFrame, month: str, tax: TaxVersion
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each employee's PTKP status and NPWP status for the tax year of ``month``.

    Returns:
        ptkp status, npwp status (both text, never missing) and a note (<NA> where nothing was
        assumed), on ``nips.index``.
    """
    key = nips.astype("string")
    year_start = pd.Timestamp(dt.date(int(month[:4]), 1, 1))
    month_end = pd.Timestamp(month + "-01") + pd.offsets.MonthEnd(0)
    rows = ptkp[[c.NIP, c.PTKP_STATUS, c.VALID_FROM, c.NPWP_STATUS]].copy()
    rows[c.VALID_FROM] = pd.to_datetime(rows[c.VALID_FROM])
    rows = rows.sort_values([c.NIP, c.VALID_FROM], kind="stable")
    before = rows[rows[c.VALID_FROM] <= year_start].drop_duplicates(c.NIP, keep="last")
    later = rows[(rows[c.VALID_FROM] > year_start) & (rows[c.VALID_FROM] <= month_end)]
    later = later.drop_duplicates(c.NIP, keep="first")
    at_start = key.map(before.set_index(c.NIP)[c.PTKP_STATUS]).astype("string")
    in_year = key.map(later.set_index(c.NIP)[c.PTKP_STATUS]).astype("string")
    since = key.map(later.set_index(c.NIP)[c.VALID_FROM].dt.strftime("%Y-%m-%d"))
    default = tax.ptkp.default_status
    status = at_start.fillna(in_year).fillna(default).astype("string")

    stated = rows[rows[c.VALID_FROM] <= month_end].dropna(subset=[c.NPWP_STATUS])
    npwp_last = stated.drop_duplicates(c.NIP, keep="last").set_index(c.NIP)[c.NPWP_STATUS]
    npwp = key.map(npwp_last).astype("string")
    npwp_default = tax.npwp.default_status
    note = combine_reasons(
        first_reason(
            (
                at_start.isna() & in_year.isna(),
                f"{NO_PTKP}: PPh 21 with the default {default}",
            ),
            (
                at_start.isna() & in_year.notna(),
                lambda i: "PTKP status dated " + since[i].astype("string")
                + ", after the start of the tax year: used for the whole year",
            ),
            index=nips.index,
        ),
        first_reason(  # said only where a PTKP row exists: without one the line above says it
            (
                npwp.isna() & (at_start.notna() | in_year.notna()),
                f"NPWP status not given: {npwp_default} assumed",
            ),
            index=nips.index,
        ),
    )  # fmt: skip
    return status.set_axis(nips.index), npwp.fillna(npwp_default).set_axis(nips.index), note
