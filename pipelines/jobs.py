"""Jobs: the nightly run (inbox snapshot + one month) and the month-only run for backfills."""

from __future__ import annotations

import dagster as dg

from assets.attendance import (
    attendance_files,
    attendance_punches,
    daily_attendance,
    monthly_discipline,
)
from assets.reference import devices, employees, leave_records, pin_map
from assets.warehouse import warehouse_attendance_month, warehouse_reference

INBOX_ASSETS = [employees, pin_map, leave_records, devices, attendance_files, warehouse_reference]
MONTH_ASSETS = [
    attendance_punches,
    daily_attendance,
    monthly_discipline,
    warehouse_attendance_month,
]
ALL_ASSETS = [*INBOX_ASSETS, *MONTH_ASSETS]

nightly_job = dg.define_asset_job(
    "nightly_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS),
    description="Read the inbox snapshot, then compute and publish one month (provisional "
    "while the month is open).",
)

attendance_month_job = dg.define_asset_job(
    "attendance_month_job",
    selection=dg.AssetSelection.assets(*MONTH_ASSETS),
    description="Recompute and publish months from the last inbox snapshot (backfills).",
)
