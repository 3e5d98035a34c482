"""The slices the assets publish, as warehouse rows: an asset names the slice (a month, a
semester, the inbox snapshot) and hands over its frames; this module writes them in one
transaction (``resources.warehouse.publish``) for the agency the resource is scoped to.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from resources import tables_performance as tp
from resources import warehouse as wh
from rules import columns as c
from rules.frames import Checked
from rules.reasons import REASON_CODE, reason_codes
from rules.units import decimal_text, month_bounds, periods_of_semester


def quarantine_rows(
    checked: Checked, source: str, asset: str, partition: str, run_id: str
) -> pd.DataFrame:
    """The quarantine of a Checked as rows of the ``quarantine`` table."""
    q = checked.quarantine
    return pd.DataFrame(
        {
            "source": source,
            "asset": asset,
            "partition_key": partition,
            "file": q[c.SOURCE_FILE].astype("string"),
            "line": q[c.SOURCE_LINE].astype("int64"),
            c.REASON: q[c.REASON].astype("string"),
            c.RAW: q[c.RAW].astype("string"),
            "run_id": run_id,
            REASON_CODE: reason_codes(q[c.REASON]),
        }
    )


def audit_rows(checked: Checked, partition: str, run_id: str) -> pd.DataFrame:
    """The per-file audit of a Checked as rows of ``load_audit``."""
    a = checked.audit.copy()
    a["partition_key"] = partition
    a["run_id"] = run_id
    a["loaded_at"] = wh.now_utc()
    return a


def with_pct(frame: pd.DataFrame) -> pd.DataFrame:
    """Deduction units as the exact DECIMAL(9,4) text of ``deduction_pct``."""
    out = frame.copy()
    out[c.DEDUCTION_PCT] = decimal_text(out["deduction_units"], 4)
    return out


def scores_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores as exact two-decimal text for NUMERIC(7,2) (floats never reach the database)."""
    out = frame.copy()
    for col in (c.NILAI_SKP, c.NILAI_PERILAKU, c.NILAI_KINERJA):
        x = out[col].astype("float64").to_numpy()
        text = pd.Series(np.char.mod("%.2f", np.nan_to_num(x)), index=out.index, dtype="string")
        out[col] = text.mask(np.isnan(x))
    return out


def snapshot(
    target: wh.WarehouseResource,
    run_id: str,
    inputs: dict[str, Checked],
    also: list[wh.Replace] = (),
) -> dict[str, int]:
    """The quarantine and load audit of unpartitioned inputs (and ``also``) in one transaction:
    the snapshot's quarantine of these assets is replaced, the audit appended."""
    quarantine = pd.concat(
        [quarantine_rows(v, k, k, wh.SNAPSHOT, run_id) for k, v in inputs.items()],
        ignore_index=True,
    )
    audit = pd.concat(
        [audit_rows(v, wh.SNAPSHOT, run_id) for v in inputs.values()], ignore_index=True
    )
    qt = wh.quarantine
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            *also,
            wh.Replace(
                qt,
                sa.and_(qt.c.partition_key == wh.SNAPSHOT, qt.c.asset.in_(list(inputs))),
                quarantine,
            ),
        ],
        append=[(wh.load_audit, audit)],
    )


def employees_dimension(employees: Checked) -> wh.Replace:
    """dim_employee replaced whole by the master's valid rows (no names or personal numbers:
    the table has no column for them)."""
    return wh.Replace(wh.dim_employee, sa.true(), employees.valid)


def attendance_month(
    target: wh.WarehouseResource,
    run_id: str,
    month: str,
    punches: Checked,
    daily: pd.DataFrame,
    monthly: pd.DataFrame,
    gap_list: pd.DataFrame,
    enrolment_list: pd.DataFrame,
) -> dict[str, int]:
    """fact_attendance_daily, fact_discipline_monthly, attendance_gap and
    attendance_enrolment_gap of one month, with the month's quarantine and audit of its
    punches: the old month or the new month, never a mix."""
    first, last = month_bounds(month)
    daily_t, monthly_t, q_t = wh.fact_attendance_daily, wh.fact_discipline_monthly, wh.quarantine
    gap_t, enrol_t = wh.attendance_gap, wh.attendance_enrolment_gap
    asset = "attendance_punches"
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(daily_t, daily_t.c.work_date.between(first, last), with_pct(daily), month),
            wh.Replace(monthly_t, monthly_t.c.month == month, with_pct(monthly), month),
            wh.Replace(
                gap_t, gap_t.c.month == month, gap_list.assign(month=month, run_id=run_id), month
            ),
            wh.Replace(
                enrol_t,
                enrol_t.c.month == month,
                enrolment_list.assign(month=month, run_id=run_id),
                month,
            ),
            wh.Replace(
                q_t,
                sa.and_(q_t.c.asset == asset, q_t.c.partition_key == month),
                quarantine_rows(punches, asset, asset, month, run_id),
                key=f"{asset}:{month}",
            ),
        ],
        append=[(wh.load_audit, audit_rows(punches, month, run_id))],
    )


def performance_month(
    target: wh.WarehouseResource, month: str, facts: pd.DataFrame, compliance: pd.DataFrame
) -> dict[str, int]:
    """The month's predikat in fact_performance_period and its fact_skp_compliance."""
    f, k = tp.fact_performance_period, tp.fact_skp_compliance
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(f, f.c.period == month, scores_as_text(facts)),
            wh.Replace(k, k.c.period == month, compliance),
        ],
    )


def performance_semester(
    target: wh.WarehouseResource, label: str, scores: pd.DataFrame, compliance: pd.DataFrame
) -> dict[str, int]:
    """A semester's scores (the semester, its quarters and, in S2, the year) and compliance."""
    periods = periods_of_semester(label, quarters=True)
    f, k = tp.fact_performance_period, tp.fact_skp_compliance
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(f, f.c.period.in_(periods), scores_as_text(scores)),
            wh.Replace(k, k.c.period == label, compliance),
        ],
    )
