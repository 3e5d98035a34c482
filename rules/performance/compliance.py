"""SKP compliance per unit and period: the report regional dashboards build by hand.

For the employees active in the period (from the employee master): how many have an SKP, how
many of those SKP are approved, how many were assessed. Employees who left before the period or
joined after it are not counted (the dashboards keep an exclusion list by hand for this).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rules.rulebook.performance import PerformanceRules
from vocabulary import columns as c
from vocabulary.performance import INTEGRASI_2021
from vocabulary.units import SEMESTER, YEAR, month_bounds, period_bounds, periods_of_semester

COMPLIANCE_COLUMNS = [c.UNIT, c.PERIOD, c.EMPLOYEES, c.WITH_SKP, c.APPROVED, c.ASSESSED]


def active_in(employees: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Employees active on at least one day of [first, last]."""
    start, end = employees[c.ACTIVE_FROM], employees[c.ACTIVE_TO]
    ok = (start.isna() | (start <= pd.Timestamp(last))) & (
        end.isna() | (end >= pd.Timestamp(first))
    )
    return employees[ok]


def unit_of(employees: pd.DataFrame) -> pd.Series:
    """The unit counted in compliance and kurva: the OPD (unorIndukNama), else unorNama."""
    return employees[c.UNIT_INDUK].fillna(employees[c.UNIT]).fillna("(tanpa unit)")


def skp_compliance(
    employees: pd.DataFrame,
    period: str,
    with_skp: pd.Series,
    approved: pd.Series,
    assessed: pd.Series,
) -> pd.DataFrame:
    """Counts per unit.

    Args:
        employees: the employees active in the period (nip, unit, unit_induk).
        period: the label written on every row ('2024-03', '2024-S1').
        with_skp, approved, assessed: NIPs that have an SKP, an approved SKP, an assessment.

    Returns:
        unit, period, employees, with_skp, approved, assessed (one row per unit, sorted).
    """
    frame = pd.DataFrame(
        {
            c.UNIT: unit_of(employees).astype("string"),
            c.EMPLOYEES: 1,
            c.WITH_SKP: employees[c.NIP].isin(with_skp).astype("int64"),
            c.APPROVED: employees[c.NIP].isin(approved).astype("int64"),
            c.ASSESSED: employees[c.NIP].isin(assessed).astype("int64"),
        }
    )
    out = frame.groupby(c.UNIT, sort=True).sum().reset_index()
    out[c.PERIOD] = period
    for col in (c.EMPLOYEES, c.WITH_SKP, c.APPROVED, c.ASSESSED):
        out[col] = out[col].astype("int64")
    out[c.UNIT] = out[c.UNIT].astype("string")
    out[c.PERIOD] = out[c.PERIOD].astype("string")
    return out[COMPLIANCE_COLUMNS]


def covering(plans: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Definitive SKP (not Plt/Plh) whose period overlaps [first, last]; an SKP without dates
    counts for the year of its period end, or always when it has none [I]."""
    start = plans[c.PERIOD_START].fillna(pd.Timestamp(first))
    end = plans[c.PERIOD_END].fillna(pd.Timestamp(last))
    ok = (start <= pd.Timestamp(last)) & (end >= pd.Timestamp(first))
    return plans[ok & ~plans[c.IS_PLT_PLH].fillna(False).astype(bool)]


def period_compliance(
    employees: pd.DataFrame,
    plans: pd.DataFrame,
    details: pd.DataFrame,
    scored_nips: pd.Series,
    label: str,
    first: dt.date,
    last: dt.date,
    detail_periods: list[str],
    approved_statuses: list[str],
) -> pd.DataFrame:
    """Compliance of one period: an SKP is a covering Laporan SKP row or SKP detail rows of the
    period (a filled-in detail template is an approved, realised SKP [I]); assessed = scored."""
    active = active_in(employees, first, last)
    plans_in = covering(plans, first, last)
    detail_nips = details.loc[details[c.PERIOD].isin(detail_periods), c.NIP]
    approved = plans_in.loc[plans_in[c.SKP_STATUS].isin(approved_statuses), c.NIP]
    return skp_compliance(
        active,
        label,
        pd.concat([plans_in[c.NIP], detail_nips]),
        pd.concat([approved, detail_nips]),
        scored_nips,
    )


def month_compliance(
    employees: pd.DataFrame,
    plans: pd.DataFrame,
    details: pd.DataFrame,
    monthly: pd.DataFrame,
    month: str,
    rules: PerformanceRules,
) -> pd.DataFrame:
    """SKP compliance of a month: assessed = has a monthly predikat."""
    first, last = month_bounds(month)
    return period_compliance(
        employees,
        plans,
        details,
        monthly[c.NIP],
        month,
        first,
        last,
        [],
        rules.compliance.approved_statuses,
    )


def semester_compliance(
    employees: pd.DataFrame,
    plans: pd.DataFrame,
    details: pd.DataFrame,
    scores: pd.DataFrame,
    label: str,
    rules: PerformanceRules,
) -> pd.DataFrame:
    """SKP compliance of a semester: an SKP is a Laporan SKP or SKP detail of the semester (or,
    in a second semester, of the year); assessed = a semester result, or a year result of an
    annual PP 46 SKP (not the 2021 integration, which is computed from the semesters)."""
    first, last = period_bounds(label)
    kinds = scores[c.PERIOD_KIND]
    scored = scores.loc[
        (kinds == SEMESTER) | ((kinds == YEAR) & (scores[c.REGIME] != INTEGRASI_2021)), c.NIP
    ]
    return period_compliance(
        employees,
        plans,
        details,
        scored,
        label,
        first,
        last,
        periods_of_semester(label),
        rules.compliance.approved_statuses,
    )
