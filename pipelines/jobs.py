"""Jobs: the nightly run (inbox snapshot + one month), the inbox snapshot alone (new files),
the month-only run for backfills, and the semester scores."""

from __future__ import annotations

import dagster as dg

from assets.attendance import (
    attendance_files,
    attendance_punches,
    daily_attendance,
    monthly_discipline,
)
from assets.performance import MONTH_ASSETS as PERFORMANCE_MONTH_ASSETS
from assets.performance import SEMESTER_ASSETS, SNAPSHOT_ASSETS
from assets.reference import devices, employees, leave_records, pin_map
from assets.warehouse import warehouse_attendance_month, warehouse_reference

INBOX_ASSETS = [employees, pin_map, leave_records, devices, attendance_files, warehouse_reference]
MONTH_ASSETS = [
    attendance_punches,
    daily_attendance,
    monthly_discipline,
    warehouse_attendance_month,
]
# e-Kinerja (issue 3): the exports are part of the inbox snapshot; the monthly predikat is part of
# every month; semester scores have their own partitions and job.
ALL_ASSETS = [*INBOX_ASSETS, *SNAPSHOT_ASSETS, *MONTH_ASSETS, *PERFORMANCE_MONTH_ASSETS]

nightly_job = dg.define_asset_job(
    "nightly_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS),
    description="Read the inbox snapshot, then compute and publish one month (provisional "
    "while the month is open).",
)

inbox_job = dg.define_asset_job(
    "inbox_job",
    selection=dg.AssetSelection.assets(*INBOX_ASSETS, *SNAPSHOT_ASSETS),
    description="Read the inbox snapshot (reference data, machine exports, e-Kinerja exports) "
    "and publish its quarantine and audit; months that new files cover follow.",
)

month_job = dg.define_asset_job(
    "month_job",
    selection=dg.AssetSelection.assets(*MONTH_ASSETS, *PERFORMANCE_MONTH_ASSETS),
    description="Recompute and publish months (attendance, discipline, monthly predikat) from "
    "the last inbox snapshot: backfills and months that new files cover.",
)

performance_semester_job = dg.define_asset_job(
    "performance_semester_job",
    selection=dg.AssetSelection.assets(employees, *SNAPSHOT_ASSETS, *SEMESTER_ASSETS),
    description="Read the employee master and the e-Kinerja exports, then score and publish one "
    "semester (partition 2021-07 = 2021-S2; a second semester also publishes the year).",
)
