"""reporting schema of views for BI tools, and indexes for the report queries

Views expose the facts with each employee's unit, never the raw text of quarantined rows (it may
hold what a clerk typed), and no table holds names, NIK, NPWP or bank accounts in the first place.
BI tools connect as the read-only reporter role, which can read these views and nothing else
(`python -m pipelines db setup`). Indexes are created on PostgreSQL only: DuckDB scans columns
without them, and a DuckDB index would block later ALTER TABLE migrations.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
INDEXES = {
    "ix_attendance_daily_agency_date": ("fact_attendance_daily", ["agency", "work_date"]),
    "ix_discipline_monthly_agency_month": ("fact_discipline_monthly", ["agency", "month"]),
    "ix_performance_period_agency_period": ("fact_performance_period", ["agency", "period"]),
    "ix_tpp_monthly_agency_month_unit": ("fact_tpp_monthly", ["agency", "month", "unit"]),
    "ix_tpp_adjustment_agency_month": ("tpp_adjustment", ["agency", "month"]),
    "ix_quarantine_agency_asset_partition": ("quarantine", ["agency", "asset", "partition_key"]),
    "ix_load_audit_agency_partition": ("load_audit", ["agency", "partition_key", "loaded_at"]),
}


def views(base: str) -> dict[str, str]:
    unit = f"LEFT JOIN {base}.dim_employee e ON e.agency = f.agency AND e.nip = f.nip"
    return {
        "attendance_daily": f"""
            SELECT f.agency, f.nip, e.unit, e.unit_induk, f.work_date, f.timezone, f.ramadan,
                   f.schedule_start, f.schedule_end, f.first_in, f.last_out, f.late_minutes,
                   f.early_minutes, f.late_code, f.early_code, f.absence_code, f.deduction_pct,
                   f.profile
            FROM {base}.fact_attendance_daily f {unit}""",
        "discipline_monthly": f"""
            SELECT f.agency, f.nip, e.unit, e.unit_induk, f.month, f.workdays, f.present_days,
                   f.tl1, f.tl2, f.tl3, f.tl4, f.psw1, f.psw2, f.psw3, f.psw4, f.tk_days,
                   f.leave_days, f.deduction_pct, f.profile
            FROM {base}.fact_discipline_monthly f {unit}""",
        "performance_period": f"""
            SELECT f.*, e.unit, e.unit_induk FROM {base}.fact_performance_period f {unit}""",
        "skp_compliance": f"SELECT * FROM {base}.fact_skp_compliance",
        "tpp_monthly": f"SELECT * FROM {base}.fact_tpp_monthly",
        "tpp_adjustment": f"SELECT * FROM {base}.tpp_adjustment",
        "tpp_month_close": f"SELECT * FROM {base}.tpp_month_close",
        "employees": f"""
            SELECT agency, nip, unit, unit_induk, jabatan, jenis_jabatan, kedudukan, golongan,
                   kelas_jabatan, employee_kind, tmt_cpns, active_from, active_to
            FROM {base}.dim_employee""",
        "quarantine_summary": f"""
            SELECT agency, source, asset, partition_key, file, count(*) AS rows
            FROM {base}.quarantine GROUP BY agency, source, asset, partition_key, file""",
        "load_audit": f"""
            SELECT agency, asset, partition_key, run_id, file, layout, rows_in, rows_valid,
                   rows_quarantined, status, loaded_at
            FROM {base}.load_audit""",
    }


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def _schema_exists() -> bool:
    # even CREATE SCHEMA IF NOT EXISTS needs the database's CREATE privilege on PostgreSQL,
    # which the writer role does not have (db setup creates the schema for it)
    found = op.get_bind().execute(
        sa.text("SELECT count(*) FROM information_schema.schemata WHERE schema_name = :s"),
        {"s": SCHEMA},
    )
    return bool(found.scalar())


def upgrade() -> None:
    if not _schema_exists():
        op.execute(f"CREATE SCHEMA {SCHEMA}")
    for name, query in views(_base()).items():
        op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.{name} AS {query}")
    if op.get_bind().dialect.name == "postgresql":
        for index, (table, columns) in INDEXES.items():
            op.create_index(index, table, columns)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for index, (table, _) in INDEXES.items():
            op.drop_index(index, table_name=table)
    for name in views(_base()):
        op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.{name}")
