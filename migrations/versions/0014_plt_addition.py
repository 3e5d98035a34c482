"""Plt/Plh addition (issue 22): its own column of the TPP facts

fact_tpp_monthly and fact_tpp_recomputed gain ``plt_addition`` (whole rupiah, part of the
gross). Rows written before this revision had no Plt/Plh addition: they get 0, which is what
they were. The reporting view is recreated so that it shows the new column (PostgreSQL fixes a
view's columns when it is created).

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("fact_tpp_monthly", "fact_tpp_recomputed")
SCHEMA = "reporting"
COLUMN = "plt_addition"


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def _view_exists() -> bool:
    found = op.get_bind().execute(
        sa.text(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = :s AND table_name = 'tpp_monthly'"
        ),
        {"s": SCHEMA},
    )
    return bool(found.scalar())


def upgrade() -> None:
    view = _view_exists()
    if view:  # DuckDB refuses to alter a table a view depends on; PostgreSQL keeps old columns
        op.execute(f"DROP VIEW {SCHEMA}.tpp_monthly")
    for table in TABLES:
        op.add_column(table, sa.Column(COLUMN, sa.BigInteger(), server_default="0", nullable=False))
    if view:
        op.execute(f"CREATE VIEW {SCHEMA}.tpp_monthly AS SELECT * FROM {_base()}.fact_tpp_monthly")


def downgrade() -> None:
    view = _view_exists()
    if view:
        op.execute(f"DROP VIEW {SCHEMA}.tpp_monthly")
    for table in TABLES:
        op.drop_column(table, COLUMN)
    if view:
        op.execute(f"CREATE VIEW {SCHEMA}.tpp_monthly AS SELECT * FROM {_base()}.fact_tpp_monthly")
