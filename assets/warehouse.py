"""Publishing to the reporting warehouse: one transaction per partition, idempotent."""

import dagster as dg
import pandas as pd
import sqlalchemy as sa

from assets.partitions import month_of, monthly
from resources import warehouse as wh
from rules import columns as c
from rules.calendar import month_bounds
from rules.discipline import units_to_pct_text
from rules.frames import Checked

GROUP = "warehouse"
POOL = "warehouse"  # one writer at a time (DuckDB is a single-writer file)
REFERENCE_ASSETS = ("employees", "pin_map", "leave_records", "devices", "attendance_files")


def quarantine_rows(
    checked: Checked, source: str, asset: str, partition: str, run_id: str
) -> pd.DataFrame:
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
        }
    )


def audit_rows(checked: Checked, partition: str, run_id: str) -> pd.DataFrame:
    a = checked.audit.copy()
    a["partition_key"] = partition
    a["run_id"] = run_id
    a["loaded_at"] = wh.now_utc()
    return a


def with_pct(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out[c.DEDUCTION_PCT] = units_to_pct_text(out["deduction_units"])
    return out


def publish_snapshot(
    warehouse: wh.WarehouseResource,
    run_id: str,
    inputs: dict[str, Checked],
    also: list[wh.Replace] = (),
) -> dg.MaterializeResult:
    """Publish the quarantine and load audit of unpartitioned inputs (and ``also``) in one
    transaction: the snapshot's quarantine of these assets is replaced, the audit appended."""
    quarantine = pd.concat(
        [quarantine_rows(v, k, k, wh.SNAPSHOT, run_id) for k, v in inputs.items()],
        ignore_index=True,
    )
    audit = pd.concat(
        [audit_rows(v, wh.SNAPSHOT, run_id) for v in inputs.values()], ignore_index=True
    )
    qt = wh.quarantine
    written = wh.publish(
        warehouse.engine(),
        agency=warehouse.scope(),
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
    return dg.MaterializeResult(metadata={**written, "warehouse": warehouse.describe()})


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_reference(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    employees: Checked,
    pin_map: Checked,
    leave_records: Checked,
    devices: Checked,
    attendance_files: Checked,
) -> dg.MaterializeResult:
    """dim_employee (no names or personal numbers), plus the quarantine and load audit of the
    inbox snapshot (reference files and attendance exports), in one transaction."""
    inputs = (employees, pin_map, leave_records, devices, attendance_files)
    return publish_snapshot(
        warehouse,
        context.run.run_id,
        dict(zip(REFERENCE_ASSETS, inputs, strict=True)),
        also=[wh.Replace(wh.dim_employee, sa.true(), employees.valid)],
    )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_attendance_month(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    attendance_punches: Checked,
    daily_attendance: pd.DataFrame,
    monthly_discipline: pd.DataFrame,
) -> dg.MaterializeResult:
    """fact_attendance_daily and fact_discipline_monthly of one month, with the month's
    quarantine and audit: the old month or the new month, never a mix."""
    month = month_of(context.partition_key)
    first, last = month_bounds(month)
    run = context.run.run_id
    daily_t, monthly_t, q_t = wh.fact_attendance_daily, wh.fact_discipline_monthly, wh.quarantine
    written = wh.publish(
        warehouse.engine(),
        agency=warehouse.scope(),
        replace=[
            wh.Replace(
                daily_t,
                daily_t.c.work_date.between(first, last),
                with_pct(daily_attendance),
                key=month,
            ),
            wh.Replace(
                monthly_t, monthly_t.c.month == month, with_pct(monthly_discipline), key=month
            ),
            wh.Replace(
                q_t,
                sa.and_(q_t.c.asset == "attendance_punches", q_t.c.partition_key == month),
                quarantine_rows(
                    attendance_punches, "attendance_punches", "attendance_punches", month, run
                ),
                key=f"attendance_punches:{month}",
            ),
        ],
        append=[(wh.load_audit, audit_rows(attendance_punches, month, run))],
    )
    return dg.MaterializeResult(
        metadata={**written, "month": month, "warehouse": warehouse.describe()}
    )
