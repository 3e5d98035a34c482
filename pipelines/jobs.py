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
from assets.export import coretax_export, siasn_export
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
from assets.summary import month_summary
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
    month_summary,  # last: what the month's publishers left in the warehouse
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
# On request (HR or finance picks the period in the launchpad): the SIASN-ready files of a
# period, the Coretax files of a month or a year.
EXPORT_ASSETS = [siasn_export, coretax_export]

nightly_job = dg.define_asset_job(
    "nightly_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS),
    description="Baca snapshot inbox, lalu hitung dan terbitkan satu bulan (sementara selama bulan "
    "masih terbuka). (Read the inbox snapshot, then compute and publish one month.)",
)

inbox_job = dg.define_asset_job(
    "inbox_job",
    selection=dg.AssetSelection.assets(*INBOX_ASSETS),
    description="Baca snapshot inbox (data referensi, ekspor mesin, ekspor e-Kinerja, gaji dan "
    "berkas referensi TPP) dan terbitkan karantina dan audit muatnya; bulan yang dicakup berkas "
    "baru menyusul. (Read the inbox snapshot.)",
)

month_job = dg.define_asset_job(
    "month_job",
    selection=dg.AssetSelection.assets(*MONTH_ASSETS),
    description="Hitung ulang dan terbitkan bulan (kehadiran, disiplin, predikat bulanan, "
    "e-Lapkin, tindak lanjut, TPP, ringkasan bulan) dari snapshot inbox terakhir: backfill dan "
    "bulan yang dicakup berkas baru. TPP bulan yang sudah ditutup tidak ditimpa: selisihnya "
    'menjadi baris tpp_adjustment. Lencana Dagster "Auto-materialize off" di sini tidak berarti '
    "hitung ulang mati: recompute_months_sensor (jalan sejak awal) membuat setiap aset bulanan di "
    "hilir mengikuti bulan yang dihitung ulang. (Recompute and publish months.)",
)

close_month_job = dg.define_asset_job(
    "close_month_job",
    selection=dg.AssetSelection.assets(*ALL_ASSETS, *CLOSE_ASSETS),
    description="Baca inbox, hitung satu bulan dan tutup: TPP-nya menjadi final "
    "dan berkas keuangan (daftar nominatif per unit, CSV, Parquet) serta grafik laporan HR "
    "ditulis ke folder keuangan (KINERJA_FINANCE_DIR). Menutup bulan yang sudah ditutup tidak "
    "mengubah apa pun. (Compute one month and close it.)",
)

performance_semester_job = dg.define_asset_job(
    "performance_semester_job",
    selection=dg.AssetSelection.assets(employees, ekinerja_exports, warehouse_ekinerja)
    | dg.AssetSelection.assets(*SEMESTER_ASSETS),
    description="Baca data pegawai dan ekspor e-Kinerja, lalu nilai dan "
    "terbitkan satu semester (partisi 2021-07 = 2021-S2; semester kedua juga menerbitkan "
    "tahunnya). (Score and publish one semester.)",
)

siasn_export_job = dg.define_asset_job(
    "siasn_export_job",
    selection=dg.AssetSelection.assets(employees, ekinerja_exports, siasn_export),
    description="Tulis berkas kinerja siap SIASN untuk satu periode (config: "
    "period 2024, 2024-S1 atau 2024-03; out; readback) dari fact_performance_period, data "
    "pegawai dan ekspor RHK: muatan JSON Lines yang divalidasi terhadap skema dan CSV untuk "
    "diperiksa. Tanpa panggilan jaringan; operator yang mengunggah. (SIASN-ready files.)",
)

coretax_export_job = dg.define_asset_job(
    "coretax_export_job",
    selection=dg.AssetSelection.assets(
        employees, attendance_decisions, payroll, tpp_reference, coretax_export
    ),
    description="Tulis berkas Coretax DJP PPh Pasal 21 untuk bulan yang sudah ditutup (config "
    "period 2024-03: BPMP (MmPayrollBulk) dan BPA2 (A2Bulk) pegawai yang tahun pajaknya "
    "berakhir di bulan itu) atau setahun (2024: BPA2 tiap masa) dari baris TER di gudang data, "
    "data pegawai (NIK) dan gaji: XML yang divalidasi terhadap formats/coretax.xsd dan CSV untuk "
    "diperiksa. Data pribadi: berkas memuat NIK. NPWP/NITKU pemotong dari "
    "KINERJA_CORETAX_TIN / KINERJA_CORETAX_NITKU atau profil. (Coretax files.)",
)
