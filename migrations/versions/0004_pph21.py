"""PPh 21 on TPP (issue 15): every step of the month's tax a column of the TPP facts

fact_tpp_monthly and fact_tpp_recomputed gain ptkp_status, ter_category, npwp_multiplier,
gaji_bruto, iuran_pensiun, pph21_base, ter_rate_pct, pph21_gaji, tunjangan_pph and
pph21_december_adjustment (pph21, pph21_mode and net exist since 0001). Rows written before this
revision were computed with pph21_mode not_computed: they get the neutral defaults (0, x1.0, no
PTKP status), which is what they were. The reporting view is recreated so that it shows the
new columns (PostgreSQL fixes a view's columns when it is created).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("fact_tpp_monthly", "fact_tpp_recomputed")
SCHEMA = "reporting"


def _columns() -> list[sa.Column]:
    money = (
        "gaji_bruto",
        "iuran_pensiun",
        "pph21_base",
        "pph21_gaji",
        "tunjangan_pph",
        "pph21_december_adjustment",
    )
    return [
        sa.Column("ptkp_status", sa.String(length=4), nullable=True),
        sa.Column("ter_category", sa.String(length=1), nullable=True),
        sa.Column(
            "npwp_multiplier", sa.Numeric(precision=3, scale=1), server_default="1.0",
            nullable=False,
        ),
        *[sa.Column(m, sa.BigInteger(), server_default="0", nullable=False) for m in money],
        sa.Column(
            "ter_rate_pct", sa.Numeric(precision=9, scale=4), server_default="0", nullable=False
        ),
    ]  # fmt: skip


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
        for column in _columns():
            op.add_column(table, column)
    if view:
        op.execute(f"CREATE VIEW {SCHEMA}.tpp_monthly AS SELECT * FROM {_base()}.fact_tpp_monthly")


def downgrade() -> None:
    view = _view_exists()
    if view:
        op.execute(f"DROP VIEW {SCHEMA}.tpp_monthly")
    for table in TABLES:
        for column in _columns():
            op.drop_column(table, column.name)
    if view:
        op.execute(f"CREATE VIEW {SCHEMA}.tpp_monthly AS SELECT * FROM {_base()}.fact_tpp_monthly")
