"""Jobs: the nightly run (inbox snapshot + one month), the inbox snapshot alone (new files),
the month-only run for backfills, the semester scores, and closing a TPP month."""

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
from assets.tpp import INBOX_ASSETS as TPP_INBOX_ASSETS
from assets.tpp import MONTH_ASSETS as TPP_MONTH_ASSETS
from assets.tpp_close import CLOSE_ASSETS
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
# TPP (issue 4): payroll and TPP reference files are part of the inbox snapshot; the month's TPP
# (provisional, or adjustment lines once closed) is part of every month; closing has its own job.
ALL_ASSETS = [
    *INBOX_ASSETS,
    *SNAPSHOT_ASSETS,
    *TPP_INBOX_ASSETS,
    *MONTH_ASSETS,
    *PERFORMANCE_MONTH_ASSETS,
    *TPP_MONTH_ASSETS,
]

nightly_job = dg.define_asset_job(
    "nightly_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS),
    description="Read the inbox snapshot, then compute and publish one month (provisional "
    "while the month is open).",
)

inbox_job = dg.define_asset_job(
    "inbox_job",
    selection=dg.AssetSelection.assets(*INBOX_ASSETS, *SNAPSHOT_ASSETS, *TPP_INBOX_ASSETS),
    description="Read the inbox snapshot (reference data, machine exports, e-Kinerja exports, "
    "payroll and TPP reference files) and publish its quarantine and audit; months that new "
    "files cover follow.",
)

month_job = dg.define_asset_job(
    "month_job",
    selection=dg.AssetSelection.assets(*MONTH_ASSETS, *PERFORMANCE_MONTH_ASSETS, *TPP_MONTH_ASSETS),
    description="Recompute and publish months (attendance, discipline, monthly predikat, TPP) "
    "from the last inbox snapshot: backfills and months that new files cover. A closed month's "
    "TPP is not rewritten: its differences become tpp_adjustment lines.",
)

close_month_job = dg.define_asset_job(
    "close_month_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS, *CLOSE_ASSETS),
    description="Read the inbox, compute one month and close it: its TPP becomes final and the "
    "finance files (a daftar nominatif per unit, CSV, Parquet) and the HR report's charts are "
    "written to the finance folder (KINERJA_FINANCE_DIR). Closing a closed month changes nothing.",
)

performance_semester_job = dg.define_asset_job(
    "performance_semester_job",
    selection=dg.AssetSelection.assets(employees, *SNAPSHOT_ASSETS, *SEMESTER_ASSETS),
    description="Read the employee master and the e-Kinerja exports, then score and publish one "
    "semester (partition 2021-07 = 2021-S2; a second semester also publishes the year).",
)
