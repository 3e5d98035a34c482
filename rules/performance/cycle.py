"""The performance cycle (issue 16) per partition: what a month or a semester computes from the
360 feedback, the RHK plans, the daily reports and the published predikat. Each function picks
the period's rows and rules and calls the rule modules (feedback360, cascading, lapkin,
tindak_lanjut); the assets call one of these.
"""

from __future__ import annotations

import pandas as pd

from rules import calendar as cal
from rules.performance import cascading, feedback360, lapkin, siasn, tindak_lanjut
from rules.performance.compliance import active_in, covering
from rules.profile import Profile
from vocabulary import columns as c
from vocabulary.performance import KINERJA_PERIODIK_SAVE, SKP22_SAVE
from vocabulary.units import YEAR, month_bounds, parse_periods, period_bounds, periods_of_semester

PREDIKAT_HISTORY = [c.NIP, c.PERIOD, c.PREDIKAT]


def _in_periods(frame: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    return frame[frame[c.PERIOD].isin(periods)]


def perilaku_360(feedback: pd.DataFrame, semester: str, profile: Profile) -> pd.DataFrame:
    """The numeric regimes' 360 aggregate of the periods a semester publishes (the semester,
    its quarters and, in S2, the year): ``feedback360.aggregate_360``."""
    rows = _in_periods(feedback, periods_of_semester(semester, quarters=True))
    return feedback360.aggregate_360(rows, profile.for_period(semester).performance)


def summary_360(
    feedback: pd.DataFrame, scores: pd.DataFrame, semester: str, profile: Profile
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 6/2022 summary of the semester's periods beside the predikat that counts
    (``scores``: the semester's fact_performance_period rows)."""
    rows = _in_periods(feedback, periods_of_semester(semester, quarters=True))
    return feedback360.summary_6_2022(rows, scores, profile.for_period(semester).performance)


def cascade(
    rhk: pd.DataFrame, employees: pd.DataFrame, profile: Profile
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(facts, scores per unit, warnings) of every RHK period in the export, each period under
    the cascading rules in force on its first day."""
    facts, scores = [], []
    for period, rows in rhk.groupby(c.PERIOD, sort=True):
        rules = profile.for_period(str(period)).performance.cascading
        f = cascading.cascade_facts(rows, employees, rules)
        facts.append(f)
        scores.append(cascading.cascade_scores(f, rules))
    if not facts:
        empty = cascading.cascade_facts(rhk, employees, profile.versions[-1].performance.cascading)
        return (
            empty,
            pd.DataFrame(columns=cascading.SCORE_COLUMNS),
            cascading.cascade_warnings(empty),
        )
    all_facts = pd.concat(facts, ignore_index=True)
    return all_facts, pd.concat(scores, ignore_index=True), cascading.cascade_warnings(all_facts)


def month_workdays(profile: Profile, month: str) -> pd.DatetimeIndex:
    """The month's working days of the profile's calendar (the Lapkin days basis and, per
    employee, the minutes yardstick)."""
    first, last = month_bounds(month)
    days = cal.work_calendar(profile, first, last)
    return pd.DatetimeIndex(days.loc[days["is_workday"], "day"])


def lapkin_month(
    reports: pd.DataFrame,
    employees: pd.DataFrame,
    month: str,
    profile: Profile,
    leave: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``lapkin.monthly_lapkin`` for the employees active in the month, with the approved leave
    of the leave file (optional: absent = nobody on leave)."""
    first, last = month_bounds(month)
    active = active_in(employees, first, last).drop_duplicates(c.NIP)
    rules = profile.for_period(month).performance.lapkin
    workdays = month_workdays(profile, month)
    return lapkin.monthly_lapkin(reports, active, month, workdays, rules, leave=leave)


def follow_up(
    employees: pd.DataFrame,
    history: pd.DataFrame,
    current: pd.DataFrame,
    plans: pd.DataFrame,
    period: str,
    profile: Profile,
) -> pd.DataFrame:
    """Tindak lanjut cases of ``period``.

    Args:
        employees: the employee master.
        history: published fact_performance_period rows (nip, period, predikat) of any period.
        current: this run's rows of the period (they replace the published ones of the same
            periods, which may be stale).
        plans: the Laporan SKP rows (who has an SKP covering the period).
        period: the label ('2024-03', '2024-S1').
        profile: the rulebook.
    """
    now = current[PREDIKAT_HISTORY]
    past = history[~history[c.PERIOD].isin(now[c.PERIOD].unique())][PREDIKAT_HISTORY]
    facts = pd.concat([past, now], ignore_index=True)
    first, last = period_bounds(period)
    with_skp = covering(plans, first, last)[c.NIP]
    rules = profile.for_period(period).performance.tindak_lanjut
    return tindak_lanjut.tindak_lanjut_cases(employees, facts, with_skp, period, rules)


def siasn_endpoint(period: str) -> str:
    """skp22/save for a year, kinerjaperiodik/save for a quarter or a month; a semester (no
    SIASN code) or a label that is no period raises ``ValueError`` saying why."""
    refused = siasn.refusal(period)
    if refused:
        raise ValueError(refused)
    kind = parse_periods(pd.Series([period]))[c.PERIOD_KIND].iloc[0]
    return SKP22_SAVE if kind == YEAR else KINERJA_PERIODIK_SAVE


def siasn_rows(
    facts: pd.DataFrame,
    employees: pd.DataFrame,
    rhk: pd.DataFrame,
    period: str,
    profile: Profile,
    readback: pd.DataFrame | None = None,
    assessments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The SIASN rows of one period (``siasn.siasn_results``). The penilai is the one the
    period's assessment names (``assessors_named``: SIASN records, the annual Penilaian SKP),
    else the ``nip_atasan`` of the employee's definitive SKP in the RHK export
    (``assessors_of``).

    Args:
        facts: fact_performance_period rows (the period's are used).
        employees: the employee master (nip, nama, jabatan, golongan, unit, siasn_id, ...).
        rhk: valid RHK rows (one nip_atasan per SKP and sub-period).
        period: '2024', '2024-Q1' or '2024-03' (a semester is refused: ``siasn.refusal``).
        profile: the rulebook (the period's ``performance`` section).
        readback: optional (nip, period, siasn_riwayat_id) read back from SIASN.
        assessments: optional valid assessment rows (with the penilai they name, if any).
    """
    first, last = period_bounds(period)
    rules = profile.for_period(period).performance
    from_rhk = siasn.assessors_of(rhk, employees, pd.Timestamp(first), pd.Timestamp(last))
    named = (
        siasn.assessors_named(
            assessments, employees, period, rules.permenpanrb_6_2022.source_priority
        )
        if assessments is not None
        else None
    )
    if named is not None and len(named):
        rest = from_rhk[~from_rhk[c.NIP].isin(named[c.NIP])]
        assessors = pd.concat([named, rest], ignore_index=True)
    else:
        assessors = from_rhk
    return siasn.siasn_results(facts, employees, assessors, period, rules, readback)
