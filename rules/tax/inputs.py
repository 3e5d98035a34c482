"""Content rules for the PTKP reference rows and each employee's PTKP and NPWP status of a year.

PP 58/2023 Pasal 2 chooses the TER category by the PTKP status at the start of the tax year, so
an employee's status for year Y is the latest ``ptkp.csv`` row dated on or before 1 January Y;
without one, the earliest row dated later in the year up to the month (noted: it is used for
the whole year); without any, the payroll's family data at the start of the year (issue 21,
``family_status``); without those, the tax profile's default (TK/0) with a note and a warning
check. Each row says which (``ptkp_source``: reference, payroll, default).
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
from vocabulary.tax import PTKP_DEFAULT, PTKP_FROM_PAYROLL, PTKP_FROM_REFERENCE

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


def family_status(nips: pd.Series, payroll: pd.DataFrame | None, month: str) -> pd.DataFrame:
    """Each employee's PTKP status from the payroll's family data at the start of the tax year
    (domain note year-end §3.2; issue 21): the first payroll row of the year up to ``month`` that
    carries family data (January, or the first month of work in the year).

    - a man married on the payroll (``status_kawin`` 2: SIMGAJI KDSTAWIN kawin, or GPP kdkawin
      with a spouse on tunjangan) is ``K``; anyone else ``TK``;
    - a married woman is ``TK/0``: her husband is not her dependant and her children count on his
      PTKP unless proof says otherwise (then ptkp.csv overrides) [I];
    - dependants = children on tunjangan, at most 3 (payroll pays for at most 2 and stops at the
      age limit, so it understates: ptkp.csv overrides) [S×3];
    - a woman not married on the payroll (belum kawin, janda) with children: ``TK/n`` [I].

    Returns:
        ``ptkp_status`` (<NA> without family data) and ``payroll_month`` (the row used), on
        ``nips.index``.
    """
    out = pd.DataFrame(
        {
            c.PTKP_STATUS: pd.Series(pd.NA, index=nips.index, dtype="string"),
            c.SALARY_MONTH: pd.Series(pd.NA, index=nips.index, dtype="string"),
        }
    )
    if payroll is None or payroll.empty or c.STATUS_KAWIN not in payroll:
        return out
    year = month[:4]
    rows = payroll[
        (payroll[c.MONTH].astype("string") >= f"{year}-01")
        & (payroll[c.MONTH].astype("string") <= month)
        & payroll[c.STATUS_KAWIN].notna()
    ]
    if rows.empty:
        return out
    first = rows.sort_values([c.NIP, c.MONTH], kind="stable").drop_duplicates(c.NIP)
    first = first.set_index(c.NIP)
    key = nips.astype("string")
    kawin = key.map(first[c.STATUS_KAWIN]).astype("Int64")
    children = key.map(first[c.CHILDREN]).astype("Int64").fillna(0).clip(upper=3)
    woman = key.str.slice(14, 15).eq("2").fillna(False)
    married = kawin.eq(2).fillna(False)
    kind = pd.Series("TK", index=nips.index, dtype="string").mask(married & ~woman, "K")
    dependants = children.mask(married & woman, 0).astype("string")
    status = (kind + "/" + dependants).where(kawin.notna())
    out[c.PTKP_STATUS] = status.astype("string").to_numpy()
    out[c.SALARY_MONTH] = key.map(first[c.MONTH]).astype("string").to_numpy()
    return out


def resolve_ptkp(
    nips: pd.Series,
    ptkp: pd.DataFrame,
    month: str,
    tax: TaxVersion,
    payroll: pd.DataFrame | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """``status_for_year`` with the payroll's family data between ptkp.csv and the default:
    ptkp.csv overrides, then the family data (``family_status``), then the tax profile's
    default. Returns status, npwp status, note and the source (``reference`` | ``payroll`` |
    ``default``) of each row."""
    status, npwp, note = status_for_year(nips, ptkp, month, tax)
    key = nips.astype("string")
    listed = set(ptkp.loc[pd.to_datetime(ptkp[c.VALID_FROM]) <= _month_end(month), c.NIP])
    from_file = key.isin(listed)
    family = family_status(nips, payroll, month)
    use_family = ~from_file & family[c.PTKP_STATUS].notna()
    status = status.mask(use_family, family[c.PTKP_STATUS]).astype("string")
    source = pd.Series(PTKP_DEFAULT, index=nips.index, dtype="string")
    source = source.mask(from_file, PTKP_FROM_REFERENCE).mask(use_family, PTKP_FROM_PAYROLL)
    family_note = first_reason(
        (
            use_family,
            lambda i: "PTKP " + status[i] + " from the payroll's family data ("
            + family.loc[i, c.SALARY_MONTH] + ")",
        ),
        index=nips.index,
    )  # fmt: skip
    defaulted = note.astype("string").str.startswith(NO_PTKP).fillna(False)
    note = note.mask(use_family & defaulted, pd.NA)
    return status, npwp, combine_reasons(family_note, note), source


def _month_end(month: str) -> pd.Timestamp:
    return pd.Timestamp(month + "-01") + pd.offsets.MonthEnd(0)


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
