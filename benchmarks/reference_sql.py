"""The floor for the classify stage: the same daily classification as one DuckDB SQL query.

It implements the `nasional` mechanisms that the month uses (scan windows, schedule per day,
whole minutes late/early, bands, no check-in/out codes, TK, approved leave at 0 %) over the same
inputs as `rules.attendance.classify_days`, so the benchmark can check that both give the same
rows and report our stage as a ratio to this query. It is a measuring stick, not a second
implementation to maintain: profiles with make-up minutes, leave allowances or daily caps are
out of its scope.
"""

import datetime as dt

import duckdb
import pandas as pd

from rules import calendar as cal
from rules.profile import Profile
from vocabulary import columns as c


def _band_sql(column: str, bands: list, missing: str, code: bool) -> str:
    whens = []
    for b in bands:
        value = f"'{b.code}'" if code else str(b.units)
        upper = f" AND {column} <= {b.to_minute}" if b.to_minute is not None else ""
        whens.append(f"WHEN {column} >= {b.from_minute}{upper} THEN {value}")
    missing_value = (
        f"'{missing}'" if code else str(next(b.units for b in bands if b.code == missing))
    )
    return f"CASE WHEN {column} IS NULL THEN {missing_value} {' '.join(whens)} ELSE " + (
        "NULL END" if code else "0 END"
    )


def classify_sql(
    punches: pd.DataFrame,
    employees: pd.DataFrame,
    leave: pd.DataFrame,
    profile: Profile,
    first: dt.date,
    last: dt.date,
) -> pd.DataFrame:
    """Daily attendance by one SQL query; columns nip, work_date, late_minutes, early_minutes,
    late_code, early_code, absence_code, deduction_units."""
    version = profile.version_for(first)
    rules, absence = version.lateness, version.absence
    calendar = cal.work_calendar(profile, first, last)
    con = duckdb.connect()
    con.register("punches", punches[[c.NIP, c.LOCAL_DATE, c.LOCAL_SECONDS, c.INSTANT]])
    con.register("emp", employees[[c.NIP, c.ACTIVE_FROM, c.ACTIVE_TO]])
    con.register("cal", calendar)
    con.register(
        "lv", leave[leave[c.STATUS] == "approved"][[c.NIP, c.LEAVE_TYPE, c.DATE_FROM, c.DATE_TO]]
    )
    late = _band_sql("late", rules.late_bands, rules.no_check_in, code=True)
    late_units = _band_sql("late", rules.late_bands, rules.no_check_in, code=False)
    early = _band_sql("early", rules.early_bands, rules.no_check_out, code=True)
    early_units = _band_sql("early", rules.early_bands, rules.no_check_out, code=False)
    tk_units = int(absence.tk_pct * c.PCT_SCALE)
    query = f"""
    WITH days AS (SELECT * FROM cal WHERE is_workday),
    grid AS (
        SELECT e.nip, d.day, d.sched_start_s, d.sched_end_s FROM emp e JOIN days d
        ON (e.active_from IS NULL OR d.day >= e.active_from)
       AND (e.active_to IS NULL OR d.day <= e.active_to)),
    p AS (SELECT p.*, c.ci_start_s, c.ci_end_s, c.co_start_s, c.co_end_s
          FROM punches p JOIN cal c ON p.local_date = c.day),
    ins AS (SELECT nip, local_date, arg_min(local_seconds, instant) AS in_s FROM p
            WHERE local_seconds >= ci_start_s AND local_seconds < ci_end_s GROUP BY ALL),
    outs AS (SELECT nip, local_date, arg_max(local_seconds, instant) AS out_s FROM p
             WHERE local_seconds >= co_start_s AND local_seconds < co_end_s GROUP BY ALL),
    leave_days AS (
        SELECT nip, CAST(d AS TIMESTAMP) AS day, min_by(leave_type, date_from) AS leave_type
        FROM (SELECT nip, leave_type, date_from, unnest(generate_series(
                 greatest(date_from, DATE '{first}'), least(date_to, DATE '{last}'),
                 INTERVAL 1 DAY)) AS d FROM lv)
        GROUP BY nip, d),
    j AS (
        SELECT g.nip, g.day AS work_date, l.leave_type,
               CASE WHEN i.in_s IS NULL THEN NULL
                    ELSE greatest(0, (i.in_s - g.sched_start_s) // 60) END AS late,
               CASE WHEN o.out_s IS NULL THEN NULL
                    ELSE greatest(0, (g.sched_end_s - o.out_s) // 60) END AS early,
               i.in_s IS NULL AND o.out_s IS NULL AS no_punch
        FROM grid g
        LEFT JOIN ins i ON i.nip = g.nip AND i.local_date = g.day
        LEFT JOIN outs o ON o.nip = g.nip AND o.local_date = g.day
        LEFT JOIN leave_days l ON l.nip = g.nip AND l.day = g.day)
    SELECT nip, work_date,
           CASE WHEN leave_type IS NULL AND NOT no_punch THEN late END AS late_minutes,
           CASE WHEN leave_type IS NULL AND NOT no_punch THEN early END AS early_minutes,
           CASE WHEN leave_type IS NULL AND NOT no_punch THEN {late} END AS late_code,
           CASE WHEN leave_type IS NULL AND NOT no_punch THEN {early} END AS early_code,
           CASE WHEN leave_type IS NOT NULL THEN leave_type WHEN no_punch THEN 'TK' END
               AS absence_code,
           CASE WHEN leave_type IS NOT NULL THEN 0 WHEN no_punch THEN {tk_units}
                ELSE ({late_units}) + ({early_units}) END AS deduction_units
    FROM j ORDER BY nip, work_date
    """
    try:
        return con.execute(query).df()
    finally:
        con.close()


COMPARED = [
    c.LATE_MINUTES,
    c.EARLY_MINUTES,
    c.LATE_CODE,
    c.EARLY_CODE,
    c.ABSENCE_CODE,
    "deduction_units",
]


def mismatches(ours: pd.DataFrame, reference: pd.DataFrame) -> int:
    """Rows where the pipeline's classification and the SQL reference disagree (keys included)."""

    def norm(frame: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame(
            {
                c.NIP: frame[c.NIP].astype("string"),
                c.WORK_DATE: pd.to_datetime(frame[c.WORK_DATE]).dt.strftime("%Y-%m-%d"),
            }
        )
        for col in (c.LATE_MINUTES, c.EARLY_MINUTES, "deduction_units"):
            out[col] = pd.to_numeric(frame[col]).astype("Int64").astype("string")
        for col in (c.LATE_CODE, c.EARLY_CODE, c.ABSENCE_CODE):
            out[col] = frame[col].astype("string")
        return out.fillna("-").sort_values([c.NIP, c.WORK_DATE]).reset_index(drop=True)

    a, b = norm(ours), norm(reference)
    if len(a) != len(b):
        return abs(len(a) - len(b)) + int(
            (a.head(min(len(a), len(b))) != b.head(min(len(a), len(b)))).any(axis=1).sum()
        )
    return int((a != b).any(axis=1).sum())
