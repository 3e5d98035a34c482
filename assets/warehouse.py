"""Publishing to the reporting warehouse: one transaction per partition, idempotent. The assets
name the slice; resources.warehouse.attendance.publish writes it."""

import dagster as dg
import pandas as pd

from assets.factories import POOL, snapshot_publisher
from assets.metadata import labelled
from assets.partitions import month_of, monthly
from resources.warehouse import publish
from resources.warehouse.attendance import publish as attendance_publish
from resources.warehouse.engine import WarehouseResource
from rules.coverage import month_gaps
from rules.enrolment import enrolment_gaps
from vocabulary.frames import Checked

GROUP = "warehouse"
REFERENCE_ASSETS = (
    "employees",
    "pin_map",
    "leave_records",
    "devices",
    "attendance_decisions",
    "attendance_files",
)

warehouse_reference = snapshot_publisher(
    "warehouse_reference",
    REFERENCE_ASSETS,
    group=GROUP,
    description="Data pegawai di gudang data (dim_employee, tanpa nama atau nomor pribadi), "
    "serta karantina dan audit muat berkas referensi dan ekspor mesin, dalam satu transaksi. "
    "(warehouse_reference)",
    also=lambda inputs: [publish.employees_dimension(inputs["employees"])],
)


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_attendance_month(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    attendance_punches: Checked,
    attendance_coverage: pd.DataFrame,
    attendance_enrolment: pd.DataFrame,
    daily_attendance: pd.DataFrame,
    monthly_discipline: pd.DataFrame,
    pin_map: Checked,
) -> dg.MaterializeResult:
    """Kehadiran dan disiplin sebulan di gudang data (fact_attendance_daily,
    fact_discipline_monthly, attendance_gap, attendance_enrolment_gap) beserta karantina dan
    audit bulan itu: bulan lama atau bulan baru, tidak pernah campuran.
    (warehouse_attendance_month)"""
    month = month_of(context.partition_key)
    written = attendance_publish.attendance_month(
        warehouse,
        context.run.run_id,
        month,
        attendance_punches,
        daily_attendance,
        monthly_discipline,
        month_gaps(attendance_coverage, daily_attendance, pin_map.valid),
        enrolment_gaps(attendance_enrolment),
    )
    return dg.MaterializeResult(
        metadata=labelled({**written, "month": month, "warehouse": warehouse.describe()})
    )
