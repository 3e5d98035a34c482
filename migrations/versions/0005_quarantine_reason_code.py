"""quarantine reason codes: a stable code beside each quarantined row's sentence (issue 13)

``quarantine.reason_code`` holds the code of the row's reason (DUPLIKAT, PIN_TANPA_NIP, ...;
the table of codes is rules/reasons.py, explained in docs/glossary.md), so HR and BI tools count
and filter rejected rows by kind while the sentence stays beside it as the detail. Rows written
before this revision get LAINNYA until their month or snapshot is published again. The reporting
view ``quarantine_summary`` counts per code as well (the new column comes last, so PostgreSQL
can replace the view in place and the reporter role keeps its grant).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
SUMMARY_0002 = """
            SELECT agency, source, asset, partition_key, file, count(*) AS rows
            FROM {base}.quarantine GROUP BY agency, source, asset, partition_key, file"""
SUMMARY = """
            SELECT agency, source, asset, partition_key, file, count(*) AS rows, reason_code
            FROM {base}.quarantine
            GROUP BY agency, source, asset, partition_key, file, reason_code"""


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def _replace_summary(query: str) -> None:
    if op.get_bind().dialect.name == "duckdb":
        # DuckDB cannot CREATE OR REPLACE a view whose column list changes
        op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.quarantine_summary")
    op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.quarantine_summary AS {query}")


def upgrade() -> None:
    op.add_column(
        "quarantine",
        sa.Column("reason_code", sa.String(length=32), server_default="LAINNYA", nullable=True),
    )
    _replace_summary(SUMMARY.format(base=_base()))


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.quarantine_summary")
    op.drop_column("quarantine", "reason_code")
    op.execute(f"CREATE VIEW {SCHEMA}.quarantine_summary AS {SUMMARY_0002.format(base=_base())}")
