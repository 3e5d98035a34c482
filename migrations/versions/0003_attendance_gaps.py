"""attendance data coverage: no_data days and the machine gaps HR decides on (issue 12)

An employee-day whose every machine held no readable data is ``no_data`` (never TK);
``fact_discipline_monthly.no_data_days`` counts them and ``attendance_gap`` lists each run of
working days a machine held no data, with the employees it affects and HR's decision from
``attendance_decisions.csv``. The reporting views gain both.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
OLD_DISCIPLINE = """
            SELECT f.agency, f.nip, e.unit, e.unit_induk, f.month, f.workdays, f.present_days,
                   f.tl1, f.tl2, f.tl3, f.tl4, f.psw1, f.psw2, f.psw3, f.psw4, f.tk_days,
                   f.leave_days, f.deduction_pct, f.profile
            FROM {base}.fact_discipline_monthly f
            LEFT JOIN {base}.dim_employee e ON e.agency = f.agency AND e.nip = f.nip"""


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def views(base: str) -> dict[str, str]:
    unit = f"LEFT JOIN {base}.dim_employee e ON e.agency = f.agency AND e.nip = f.nip"
    return {
        "discipline_monthly": f"""
            SELECT f.agency, f.nip, e.unit, e.unit_induk, f.month, f.workdays, f.present_days,
                   f.tl1, f.tl2, f.tl3, f.tl4, f.psw1, f.psw2, f.psw3, f.psw4, f.tk_days,
                   f.leave_days, f.deduction_pct, f.profile, f.no_data_days
            FROM {base}.fact_discipline_monthly f {unit}""",
        "attendance_gap": f"""
            SELECT agency, month, device_key, date_from, date_to, workdays, gap_reason,
                   employees_affected, decision, decided_by
            FROM {base}.attendance_gap""",
    }


def upgrade() -> None:
    op.add_column(
        "fact_discipline_monthly",
        sa.Column("no_data_days", sa.Integer(), server_default="0", nullable=True),
    )
    op.create_table(
        "attendance_gap",
        sa.Column("agency", sa.String(length=64), server_default="", nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("device_key", sa.String(length=128), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.Column("gap_reason", sa.Text(), nullable=False),
        sa.Column("employees_affected", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("agency", "month", "device_key", "date_from"),
    )
    base = _base()
    if op.get_bind().dialect.name == "duckdb":
        # DuckDB cannot CREATE OR REPLACE a view whose column list changes; PostgreSQL can when
        # the new column comes last (and so keeps the reporter role's grants on the view)
        op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.discipline_monthly")
    for name, query in views(base).items():
        op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.{name} AS {query}")


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.attendance_gap")
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.discipline_monthly")
    old = OLD_DISCIPLINE.format(base=_base())
    op.drop_table("attendance_gap")
    op.drop_column("fact_discipline_monthly", "no_data_days")
    op.execute(f"CREATE VIEW {SCHEMA}.discipline_monthly AS {old}")
