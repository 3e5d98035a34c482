"""The attendance month as warehouse rows: daily rows, discipline, gaps, quarantine and audit."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from resources.warehouse import engine as wh
from resources.warehouse import tables as wt
from resources.warehouse.attendance import tables as at
from resources.warehouse.publish import audit_rows, quarantine_rows, with_pct
from vocabulary.frames import Checked
from vocabulary.units import month_bounds


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
    daily_t, monthly_t, q_t = at.fact_attendance_daily, at.fact_discipline_monthly, wt.quarantine
    gap_t, enrol_t = at.attendance_gap, at.attendance_enrolment_gap
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
        append=[(wt.load_audit, audit_rows(punches, month, run_id))],
    )
