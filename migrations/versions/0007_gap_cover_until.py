"""partial days: the instant a machine's data stops on a day it covers only partly (issue 19)

A machine export cut off mid-day (a USB copy pulled out, a download interrupted, a dump taken
before the day ended) covers its last day only up to its last readable record.
``attendance_gap.cover_until`` holds that instant (UTC; the gap's ``gap_reason`` tells it in the
machine's zone) for such a day, NULL for days without any data. The reporting view shows it
(the new column comes last, so PostgreSQL replaces the view in place and the reporter role
keeps its grant).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
GAP_0003 = """
            SELECT agency, month, device_key, date_from, date_to, workdays, gap_reason,
                   employees_affected, decision, decided_by
            FROM {base}.attendance_gap"""
GAP = """
            SELECT agency, month, device_key, date_from, date_to, workdays, gap_reason,
                   employees_affected, decision, decided_by, cover_until
            FROM {base}.attendance_gap"""


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def _replace_view(query: str) -> None:
    if op.get_bind().dialect.name == "duckdb":
        # DuckDB cannot CREATE OR REPLACE a view whose column list changes
        op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.attendance_gap")
    op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.attendance_gap AS {query}")


def upgrade() -> None:
    op.add_column(
        "attendance_gap", sa.Column("cover_until", sa.DateTime(timezone=True), nullable=True)
    )
    _replace_view(GAP.format(base=_base()))


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.attendance_gap")
    op.drop_column("attendance_gap", "cover_until")
    op.execute(f"CREATE VIEW {SCHEMA}.attendance_gap AS {GAP_0003.format(base=_base())}")
