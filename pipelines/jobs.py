"""Jobs: the nightly run (inbox snapshot + one month), the inbox snapshot alone (new files),
the month-only run for backfills, the semester scores, and closing a TPP month.

The asset sets are named here once; the definitions, the CLI and the tests use them.
"""

from __future__ import annotations

import dagster as dg

from assets.attendance import (
    attendance_coverage,
    attendance_files,
    attendance_punches,
    daily_attendance,
    monthly_discipline,
)
from assets.enrolment import attendance_enrolment
from assets.export import siasn_export
from assets.performance.behaviour360 import feedback_360_summary_semester, perilaku_360_semester
from assets.performance.cascading import cascading, warehouse_cascade
from assets.performance.dialog import dialog_kinerja, warehouse_dialog
from assets.performance.follow_up import (
    tindak_lanjut_monthly,
    tindak_lanjut_semester,
    warehouse_cycle_month,
    warehouse_cycle_semester,
)
from assets.performance.lapkin import lapkin_compliance_monthly, lapkin_monthly
from assets.performance.scores import (
    ekinerja_exports,
    performance_monthly,
    performance_semester,
    skp_compliance_monthly,
    skp_compliance_semester,
    warehouse_ekinerja,
    warehouse_performance_month,
    warehouse_performance_semester,
)
from assets.reference import attendance_decisions, devices, employees, leave_records, pin_map
from assets.tpp import (
    payroll,
    payroll_gaps_month,
    tpp_monthly,
    tpp_reference,
    tpp_thr_gaji13_month,
    warehouse_tpp,
    warehouse_tpp_month,
)
from assets.tpp_close import tpp_finance_files, tpp_hr_report, tpp_month_close
from assets.warehouse import warehouse_attendance_month, warehouse_reference

# The inbox snapshot: reference data, machine exports, e-Kinerja exports (with the 360 rows, the
# RHK cascade and the dialog kinerja), payroll and TPP reference files, with their quarantine
# and audit.
INBOX_ASSETS = [
    employees,
    pin_map,
    leave_records,
    devices,
    attendance_decisions,
    attendance_files,
    warehouse_reference,
    ekinerja_exports,
    warehouse_ekinerja,
    cascading,
    warehouse_cascade,
    dialog_kinerja,
    warehouse_dialog,
    payroll,
    tpp_reference,
    warehouse_tpp,
]
# Every month: attendance, discipline, the monthly predikat, e-Lapkin and tindak lanjut, TPP
# (provisional, or adjustment lines once closed).
MONTH_ASSETS = [
    attendance_punches,
    attendance_coverage,
    attendance_enrolment,
    daily_attendance,
    monthly_discipline,
    warehouse_attendance_month,
    performance_monthly,
    skp_compliance_monthly,
    warehouse_performance_month,
    lapkin_monthly,
    lapkin_compliance_monthly,
    tindak_lanjut_monthly,
    warehouse_cycle_month,
    tpp_monthly,
    warehouse_tpp_month,
    payroll_gaps_month,
    tpp_thr_gaji13_month,
]
ALL_ASSETS = [*INBOX_ASSETS, *MONTH_ASSETS]
SEMESTER_ASSETS = [
    perilaku_360_semester,
    performance_semester,
    skp_compliance_semester,
    warehouse_performance_semester,
    feedback_360_summary_semester,
    tindak_lanjut_semester,
    warehouse_cycle_semester,
]
CLOSE_ASSETS = [tpp_month_close, tpp_finance_files, tpp_hr_report]
# On request (HR picks the period in the launchpad): the SIASN-ready files of a period.
EXPORT_ASSETS = [siasn_export]

nightly_job = dg.define_asset_job(
    "nightly_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS),
    description="Read the inbox snapshot, then compute and publish one month (provisional "
    "while the month is open).",
)

inbox_job = dg.define_asset_job(
    "inbox_job",
    selection=dg.AssetSelection.assets(*INBOX_ASSETS),
    description="Read the inbox snapshot (reference data, machine exports, e-Kinerja exports, "
    "payroll and TPP reference files) and publish its quarantine and audit; months that new "
    "files cover follow.",
)

month_job = dg.define_asset_job(
    "month_job",
    selection=dg.AssetSelection.assets(*MONTH_ASSETS),
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
    selection=dg.AssetSelection.assets(employees, ekinerja_exports, warehouse_ekinerja)
    | dg.AssetSelection.assets(*SEMESTER_ASSETS),
    description="Read the employee master and the e-Kinerja exports, then score and publish one "
    "semester (partition 2021-07 = 2021-S2; a second semester also publishes the year).",
)

siasn_export_job = dg.define_asset_job(
    "siasn_export_job",
    selection=dg.AssetSelection.assets(employees, ekinerja_exports, *EXPORT_ASSETS),
    description="Write the SIASN-ready kinerja files of one period (config: period 2024, "
    "2024-S1 or 2024-03; out; readback) from fact_performance_period, the employee master and "
    "the RHK export: JSON Lines payloads validated against the schema and a review CSV. No "
    "network call; the operator uploads the files.",
)
