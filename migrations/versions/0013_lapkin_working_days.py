"""e-Lapkin by working day (issue 22): the employee's leave days and the credited minutes

``fact_lapkin_monthly`` gains ``leave_workdays`` (working days of approved leave that lower the
yardstick) and ``minutes_credited`` (approved minutes on the employee's other working days,
capped per day): the minutes basis pays credited / (300 x (workdays - leave_workdays)). Both
come last, so PostgreSQL replaces ``reporting.lapkin_monthly`` in place and the reporter role
keeps its grant.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
COLUMNS = ("leave_workdays", "minutes_credited")


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def _replace_view() -> None:
    if op.get_bind().dialect.name == "duckdb":
        # DuckDB cannot CREATE OR REPLACE a view whose column list changes
        op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.lapkin_monthly")
    op.execute(
        f"CREATE OR REPLACE VIEW {SCHEMA}.lapkin_monthly AS "
        f"SELECT * FROM {_base()}.fact_lapkin_monthly"
    )


def upgrade() -> None:
    for name in COLUMNS:
        # rows published before: no leave known, credited = approved (the old basis)
        op.add_column(
            "fact_lapkin_monthly",
            sa.Column(name, sa.Integer(), server_default="0", nullable=False),
        )
    op.execute("UPDATE fact_lapkin_monthly SET minutes_credited = minutes_approved")
    _replace_view()


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.lapkin_monthly")
    for name in reversed(COLUMNS):
        op.drop_column("fact_lapkin_monthly", name)
    op.execute(
        f"CREATE VIEW {SCHEMA}.lapkin_monthly AS SELECT * FROM {_base()}.fact_lapkin_monthly"
    )
