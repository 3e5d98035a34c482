"""Kurva distribusi (SE MenPAN-RB 3/2023; reg §5.4 [S]): does a unit's predikat distribution
respect the quotas of its organisation predikat?

This is a validation of a set of predikat, not a formula that produces them: it is reported as a
warning. Shares are exact (count / employees x 100) and compared without rounding; how "min 60 %"
rounds for small units is an open question (reg §13.1), so units below the profile's
``min_employees`` are not judged.
"""

from __future__ import annotations

import pandas as pd

from rules.performance.compliance import unit_of
from rules.rulebook.performance import KurvaRules
from vocabulary import columns as c
from vocabulary.performance import PREDIKAT_CODES, PREDIKAT_LABELS


def _describe(codes: list[str]) -> str:
    return " or ".join(PREDIKAT_LABELS[code] for code in codes)


def kurva_distribusi(
    predikat: pd.DataFrame, organisation: pd.DataFrame, rules: KurvaRules
) -> pd.DataFrame:
    """Judge each unit that has an organisation predikat.

    Args:
        predikat: one row per employee: unit, predikat (code).
        organisation: unit, predikat_organisasi (code) for the same period.

    Returns:
        One row per judged unit: unit, predikat_organisasi, employees, a count column per
        predikat code, ``passed`` and ``violations`` (sentences; empty when passed).
    """
    counts = (
        predikat.groupby([c.UNIT, c.PREDIKAT]).size().unstack(fill_value=0)
        if len(predikat)
        else pd.DataFrame(columns=list(PREDIKAT_CODES))
    )
    counts = counts.reindex(columns=list(PREDIKAT_CODES), fill_value=0)
    org = organisation[[c.UNIT, c.PREDIKAT_ORGANISASI]].drop_duplicates(c.UNIT, keep="last")
    table = org.merge(counts, left_on=c.UNIT, right_index=True, how="left").fillna(
        {code: 0 for code in PREDIKAT_CODES}
    )
    for code in PREDIKAT_CODES:
        table[code] = table[code].astype("int64")
    table[c.EMPLOYEES] = table[list(PREDIKAT_CODES)].sum(axis=1)
    violations = pd.Series([[] for _ in range(len(table))], index=table.index, dtype=object)
    judged = table[c.EMPLOYEES] >= rules.min_employees
    for org_code, constraints in rules.quotas.items():
        of_org = judged & (table[c.PREDIKAT_ORGANISASI] == org_code)
        if not of_org.any():
            continue
        for k in constraints:
            n = table.loc[of_org, k.predikat].sum(axis=1)
            share = n / table.loc[of_org, c.EMPLOYEES] * 100.0
            what = _describe(k.predikat)
            checks = []
            if k.min_pct is not None:
                checks.append((share < float(k.min_pct), f"at least {k.min_pct}% {what}"))
            if k.max_pct is not None:
                checks.append((share > float(k.max_pct), f"at most {k.max_pct}% {what}"))
            if k.at_least is not None:
                checks.append((n < k.at_least, f"at least {k.at_least} employee(s) {what}"))
            for broken, text in checks:
                for i in broken[broken].index:
                    got = f"{share[i]:.1f}% ({int(n[i])} of {int(table.at[i, c.EMPLOYEES])})"
                    violations[i] = [*violations[i], f"needs {text}, has {got}"]
    table["violations"] = violations.map("; ".join).astype("string")
    table["passed"] = table["violations"] == ""
    table["judged"] = judged
    return table.reset_index(drop=True)


def check_period(
    predikat: pd.DataFrame,
    employees: pd.DataFrame,
    organisation: pd.DataFrame,
    period: str,
    rules: KurvaRules,
) -> pd.DataFrame:
    """Kurva distribusi of one period: employees' predikat (nip, predikat) grouped by their unit
    (the OPD of the employee master) against the organisation predikat given for ``period``."""
    org = organisation[organisation[c.PERIOD] == period]
    if org.empty:
        return pd.DataFrame(columns=[c.UNIT, c.PREDIKAT_ORGANISASI, "passed", "violations"])
    units = pd.DataFrame({c.NIP: employees[c.NIP], c.UNIT: unit_of(employees)})
    rows = predikat[[c.NIP, c.PREDIKAT]].merge(units, on=c.NIP, how="left")
    rows[c.UNIT] = rows[c.UNIT].fillna("(tanpa unit)")
    return kurva_distribusi(rows, org, rules).assign(**{c.PERIOD: period})


def check_periods(
    predikat: pd.DataFrame,
    employees: pd.DataFrame,
    organisation: pd.DataFrame,
    periods: list[str],
    rules: KurvaRules,
) -> pd.DataFrame:
    """``check_period`` for each period of ``predikat`` (a ``period`` column), stacked."""
    tables = [
        check_period(predikat[predikat[c.PERIOD] == p], employees, organisation, p, rules)
        for p in periods
    ]
    return pd.concat(tables, ignore_index=True)
