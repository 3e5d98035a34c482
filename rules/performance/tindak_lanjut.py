"""Tindak lanjut (issue 16): the follow-up cases of a period, for pembinaan, with the rule that
put each employee there (PermenPAN-RB 6/2022's last stage, reg §5.1 [S]).

Rules (thresholds in the profile's ``performance.tindak_lanjut``):

- ``predikat_below_baik_consecutive``: a predikat below Baik (Butuh Perbaikan, Kurang/Misconduct,
  Sangat Kurang) in each of the last ``consecutive_periods`` periods of the period's kind, this
  one included (months for a month, semesters for a semester, ...);
- ``no_skp``: active in the period without an SKP covering it;
- ``never_assessed``: no predikat in any period of the history given, up to this one, although
  in service for at least ``never_assessed_after_months`` months at the end of the period.
"""

from __future__ import annotations

import pandas as pd

from rules.performance.compliance import active_in, unit_of
from rules.rulebook.performance import TindakLanjutRules
from vocabulary import columns as c
from vocabulary.performance import PREDIKAT_LABELS, TL_BELOW_BAIK, TL_NEVER_ASSESSED, TL_NO_SKP
from vocabulary.units import MONTH, QUARTER, SEMESTER, YEAR, parse_periods

CASE_COLUMNS = [c.UNIT, c.NIP, c.PERIOD, c.RULE, c.DETAIL, c.SINCE, c.PERIODS]
REPORT_COLUMNS = [c.UNIT, c.PERIOD, c.RULE, c.EMPLOYEES]
_SPAN = {MONTH: 1, QUARTER: 3, SEMESTER: 6, YEAR: 12}


def _label(year: int, month: int, kind: str) -> str:
    if kind == MONTH:
        return f"{year}-{month:02d}"
    if kind == QUARTER:
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if kind == SEMESTER:
        return f"{year}-S{1 if month <= 6 else 2}"
    return str(year)


def previous_periods(label: str, n: int) -> list[str]:
    """The ``n`` periods of the label's kind that end with it, oldest first
    (``previous_periods('2024-S1', 2)`` -> ['2023-S2', '2024-S1'])."""
    p = parse_periods(pd.Series([label])).iloc[0]
    kind = p[c.PERIOD_KIND]
    if pd.isna(kind):
        raise ValueError(f"{label!r} is not a period")
    start = p[c.PERIOD_START].year * 12 + p[c.PERIOD_START].month - 1
    months = [start - k * _SPAN[kind] for k in range(n - 1, -1, -1)]
    return [_label(m // 12, m % 12 + 1, kind) for m in months]


def tindak_lanjut_cases(
    employees: pd.DataFrame,
    facts: pd.DataFrame,
    with_skp: pd.Series,
    period: str,
    rules: TindakLanjutRules,
) -> pd.DataFrame:
    """The follow-up cases of one period.

    Args:
        employees: the employee master (nip, unit, unit_induk, active_from, active_to).
        facts: fact_performance_period rows of this period and the ones before it (nip, period,
            predikat).
        with_skp: NIPs with an SKP covering the period (rules.performance.compliance.covering).
        period: the period label ('2024-03', '2024-S1', '2024').
        rules: the profile's ``performance.tindak_lanjut``.

    Returns:
        ``CASE_COLUMNS``, one row per (nip, rule): the unit (OPD), a sentence for HR, the first
        period of the streak (``since``; for never_assessed the month service began) and, for
        the streak rule, its length in periods; sorted by unit, rule, nip.
    """
    parsed = parse_periods(pd.Series([period])).iloc[0]
    first, last = parsed[c.PERIOD_START].date(), parsed[c.PERIOD_END].date()
    active = active_in(employees, first, last).drop_duplicates(c.NIP)
    unit = unit_of(active).astype("string")
    unit.index = active[c.NIP].to_numpy()
    nips = active[c.NIP].astype("string")

    labels = previous_periods(period, rules.consecutive_periods)
    graded = facts[facts[c.PERIOD].isin(labels) & facts[c.PREDIKAT].notna()]
    graded = graded.drop_duplicates([c.NIP, c.PERIOD]).sort_values([c.NIP, c.PERIOD])
    low = graded[graded[c.PREDIKAT].isin(rules.below_baik)]
    streak = low.groupby(c.NIP).size()
    hit = streak[streak == len(labels)].index
    low = low[low[c.NIP].isin(hit) & low[c.NIP].isin(nips)]
    words = low[c.PREDIKAT].map(PREDIKAT_LABELS) + " in " + low[c.PERIOD]
    below = pd.DataFrame(
        {
            c.NIP: low[c.NIP].drop_duplicates().to_numpy(),
            c.RULE: TL_BELOW_BAIK,
            c.DETAIL: ("predikat " + words.groupby(low[c.NIP]).agg(", ".join)).to_numpy(),
            c.SINCE: labels[0],
            c.PERIODS: len(labels),
        }
    )

    missing = nips[~nips.isin(with_skp)]
    no_skp = pd.DataFrame(
        {
            c.NIP: missing.to_numpy(),
            c.RULE: TL_NO_SKP,
            c.DETAIL: f"no SKP covering {period}",
            c.SINCE: period,
            c.PERIODS: pd.NA,
        }
    )

    end = pd.Timestamp(last)
    since = active[c.ACTIVE_FROM].fillna(pd.Timestamp("1900-01-01"))
    served = (end.year - since.dt.year) * 12 + (end.month - since.dt.month) + 1
    seen = facts.loc[facts[c.PREDIKAT].notna(), [c.NIP, c.PERIOD]]
    periods = parse_periods(seen[c.PERIOD])
    seen = seen[(periods[c.PERIOD_START] <= end).fillna(False)]
    never = (~nips.isin(seen[c.NIP])) & (served >= rules.never_assessed_after_months).to_numpy()
    never_assessed = pd.DataFrame(
        {
            c.NIP: nips[never].to_numpy(),
            c.RULE: TL_NEVER_ASSESSED,
            c.DETAIL: (
                "no predikat in any period up to " + period + " after "
                + served[never.to_numpy()].astype("string").to_numpy()
                + " months in service"
            ),
            c.SINCE: since[never.to_numpy()].dt.strftime("%Y-%m").to_numpy(),
            c.PERIODS: pd.NA,
        }
    )  # fmt: skip

    cases = pd.concat([below, no_skp, never_assessed], ignore_index=True)
    cases[c.UNIT] = cases[c.NIP].map(unit).astype("string")
    cases[c.PERIOD] = period
    cases[c.PERIODS] = cases[c.PERIODS].astype("Int64")
    for col in (c.NIP, c.PERIOD, c.RULE, c.DETAIL, c.SINCE):
        cases[col] = cases[col].astype("string")
    ordered = cases.sort_values([c.UNIT, c.RULE, c.NIP], kind="stable")
    return ordered[CASE_COLUMNS].reset_index(drop=True)


def tindak_lanjut_report(cases: pd.DataFrame) -> pd.DataFrame:
    """Employees per unit, period and rule (the summary HR reads before the list)."""
    out = cases.groupby([c.UNIT, c.PERIOD, c.RULE], sort=True)[c.NIP].nunique()
    return out.rename(c.EMPLOYEES).reset_index()[REPORT_COLUMNS]
