"""employees no machine knows: attendance_enrolment_gap (issue 19)

An active employee with no valid PIN-map row on a working day cannot have punches: the day is
``no_data`` (never TK) and ``attendance_enrolment_gap`` lists, per employee and month, each run
of such working days with the reason and HR's decision from ``attendance_decisions.csv`` (a row
naming the NIP). Its own table beside ``attendance_gap``: the grain is the employee, not the
machine (and DuckDB cannot change a table's primary key). The reporting view of the same name
shows it to BI tools.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def view(base: str) -> str:
    return f"""
            SELECT agency, month, nip, date_from, date_to, workdays, gap_reason, decision,
                   decided_by
            FROM {base}.attendance_enrolment_gap"""


def upgrade() -> None:
    op.create_table(
        "attendance_enrolment_gap",
        sa.Column("agency", sa.String(length=64), server_default="", nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.Column("gap_reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("agency", "month", "nip", "date_from"),
    )
    op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.attendance_enrolment_gap AS {view(_base())}")


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.attendance_enrolment_gap")
    op.drop_table("attendance_enrolment_gap")
