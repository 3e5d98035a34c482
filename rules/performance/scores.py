"""Scores of one period, under the regime that applied to it (the profile may move the dates).

``monthly_scores`` is the TPP interface (one row per employee per month with an assessment).
``semester_scores`` gives the rows of ``fact_performance_period`` that a semester partition
publishes: the semester itself, the quarters inside it, and, for a second semester, the year:

- PP 46/2011 and PermenPAN-RB 8/2021 periods are scored from the SKP detail template;
- 2021: the year integrates 2021-S1 and 2021-S2 (``integration``);
- PermenPAN-RB 6/2022: the periodic (semester, quarter) or annual evaluation when the exports
  hold one; otherwise the semester (year) predikat is derived from the monthly predikat by the
  profile's rule (default ``median_low``, see docs/performance.md).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rules.performance import integration, permenpanrb6, permenpanrb8, pp46
from rules.performance.common import round_half_up
from rules.performance.periods import regimes_of
from rules.rulebook.performance import PerformanceRules
from vocabulary import columns as c
from vocabulary.performance import (
    INTEGRASI_2021,
    PERMENPANRB_6_2022,
    PERMENPANRB_8_2021,
    PP46,
    SKP_DETAIL,
)
from vocabulary.units import MONTH, QUARTER, SEMESTER, YEAR, months_of, parse_periods, period_bounds

FACT_COLUMNS = [
    c.NIP,
    c.PERIOD,
    c.PERIOD_KIND,
    c.REGIME,
    c.NILAI_SKP,
    c.NILAI_PERILAKU,
    c.NILAI_KINERJA,
    c.RATING_HASIL_KERJA,
    c.RATING_PERILAKU,
    c.PREDIKAT,
    c.SOURCE,
    c.PROFILE,
]
NUMBERS = (c.NILAI_SKP, c.NILAI_PERILAKU, c.NILAI_KINERJA)
DERIVED = "monthly:"  # source prefix of results derived from monthly predikat


def fact_frame(frame: pd.DataFrame, profile: str) -> pd.DataFrame:
    """Columns of fact_performance_period, numbers rounded to two decimals."""
    out = frame.copy()
    for col in FACT_COLUMNS:
        if col not in out.columns:
            out[col] = pd.NA
    for col in NUMBERS:
        out[col] = round_half_up(pd.to_numeric(out[col], errors="coerce").astype("float64"))
    out[c.PROFILE] = profile
    for col in set(FACT_COLUMNS) - set(NUMBERS):
        out[col] = out[col].astype("string")
    return out[FACT_COLUMNS].sort_values([c.PERIOD, c.NIP], kind="stable").reset_index(drop=True)


def monthly_scores(assessments: pd.DataFrame, month: str, rules: PerformanceRules) -> pd.DataFrame:
    """performance_monthly: the chosen predikat of each employee assessed in ``month``."""
    first = dt.date.fromisoformat(f"{month}-01")
    regime = rules.regime_on(first) or ""
    return permenpanrb6.monthly_predikat(assessments, month, regime, rules.permenpanrb_6_2022)


def _numeric(
    details: pd.DataFrame,
    label: str,
    rules: PerformanceRules,
    perilaku_360: pd.DataFrame | None = None,
) -> pd.DataFrame:
    rows = details[details[c.PERIOD] == label]
    if rows.empty:
        return pd.DataFrame(columns=[c.NIP, c.PERIOD])
    regime = regimes_of(parse_periods(pd.Series([label])), rules).iloc[0]
    switch = rules.feedback_360.kinerja_weights.get(regime)
    if regime == PP46:
        scored = pp46.score(rows, rules.pp46, perilaku_360, switch)
    elif regime == PERMENPANRB_8_2021:
        scored = permenpanrb8.score(rows, rules.permenpanrb_8_2021, perilaku_360, switch)
    else:  # the readers' rules quarantine template rows of other regimes
        return pd.DataFrame(columns=[c.NIP, c.PERIOD])
    kind = parse_periods(pd.Series([label])).period_kind.iloc[0]
    return scored.assign(**{c.PERIOD_KIND: kind, c.REGIME: regime, c.SOURCE: SKP_DETAIL})


def _evaluations(assessments: pd.DataFrame, labels: list[str], regime: str, rules) -> pd.DataFrame:
    rows = assessments[assessments[c.PERIOD].isin(labels)]
    chosen = permenpanrb6.choose(rows, rules.permenpanrb_6_2022.source_priority)
    if chosen.empty:
        return pd.DataFrame(columns=[c.NIP, c.PERIOD])
    chosen = chosen[chosen[c.PREDIKAT].notna()]
    return chosen[
        [
            c.NIP,
            c.PERIOD,
            c.PERIOD_KIND,
            c.PREDIKAT,
            c.RATING_HASIL_KERJA,
            c.RATING_PERILAKU,
            c.SOURCE,
        ]
    ].assign(**{c.REGIME: regime})


def _from_monthly(
    assessments: pd.DataFrame, label: str, kind: str, have: pd.DataFrame, rule, rules
) -> pd.DataFrame:
    months = pd.concat(
        [monthly_scores(assessments, m, rules) for m in months_of(label)], ignore_index=True
    )
    derived = permenpanrb6.from_monthly(months, rule)
    derived = derived[~derived[c.NIP].isin(have[c.NIP])] if len(have) else derived
    return derived.drop(columns=["months"]).assign(
        **{
            c.PERIOD: label,
            c.PERIOD_KIND: kind,
            c.REGIME: PERMENPANRB_6_2022,
            c.SOURCE: DERIVED + rule.rule,
        }
    )


def semester_scores(
    details: pd.DataFrame,
    assessments: pd.DataFrame,
    semester: str,
    rules: PerformanceRules,
    profile: str,
    perilaku_360: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """fact_performance_period rows published by one semester partition ('2021-S2').

    ``perilaku_360`` (optional, ``feedback360.aggregate_360`` rows) switches the numeric regimes
    to the 360 perilaku and the weights of PP 30/2019 Pasal 41 for the employees it covers.
    """
    first, _ = period_bounds(semester)
    year = semester[:4]
    second_half = semester.endswith("S2")
    regime = rules.regime_on(first)
    parts = [_numeric(details, semester, rules, perilaku_360)]
    if second_half:
        # a PP 46 SKP assessed for the whole year
        parts.append(_numeric(details, year, rules, perilaku_360))
        s1_regime = rules.regime_on(dt.date(int(year), 1, 1))
        if s1_regime == PP46 and regime == PERMENPANRB_8_2021:
            s1 = _numeric(details, f"{year}-S1", rules, perilaku_360)
            s2 = parts[0]
            if len(s1) or len(s2):
                merged = integration.integrate_2021(
                    s1 if len(s1) else s1.assign(**{c.NILAI_KINERJA: []}),
                    s2 if len(s2) else s2.assign(**{c.NILAI_KINERJA: [], c.IDE_BARU: []}),
                    rules.integration_2021,
                    rules.permenpanrb_8_2021,
                )
                parts.append(
                    merged.assign(
                        **{
                            c.PERIOD: year,
                            c.PERIOD_KIND: YEAR,
                            c.REGIME: INTEGRASI_2021,
                            c.SOURCE: SKP_DETAIL,
                        }
                    )
                )
    if regime == PERMENPANRB_6_2022:
        r6 = rules.permenpanrb_6_2022
        quarters = [f"{year}-Q{q}" for q in ((3, 4) if second_half else (1, 2))]
        parts.append(_evaluations(assessments, quarters, regime, rules))
        periodic = _evaluations(assessments, [semester], regime, rules)
        parts += [
            periodic,
            _from_monthly(
                assessments, semester, SEMESTER, periodic, r6.semester_from_monthly, rules
            ),
        ]
        if second_half:
            annual = _evaluations(assessments, [year], regime, rules)
            parts += [
                annual,
                _from_monthly(assessments, year, YEAR, annual, r6.year_from_monthly, rules),
            ]
    parts = [p for p in parts if len(p)]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FACT_COLUMNS)
    return fact_frame(frame, profile)


__all__ = ["FACT_COLUMNS", "MONTH", "QUARTER", "monthly_scores", "semester_scores"]


def monthly_fact(monthly: pd.DataFrame, profile: str) -> pd.DataFrame:
    """performance_monthly as rows of fact_performance_period (period_kind month)."""
    frame = monthly.rename(columns={c.MONTH: c.PERIOD}).assign(**{c.PERIOD_KIND: MONTH})
    return fact_frame(frame, profile)
