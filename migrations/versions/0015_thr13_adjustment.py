"""issue 21: tpp_thr_gaji13_adjustment

Once a THR / gaji-13 pay month is closed, ``fact_tpp_thr_gaji13`` keeps what was paid; a
recomputation of that month writes one line per NIP and payment whose net changed: the amount,
PPh 21 and net as paid and as recomputed, the difference to pay (positive) or recover
(negative) and the reason (rules/tpp/thr13.py ``thr13_adjustments``), as ``tpp_adjustment`` does
for the monthly TPP. No name or personal number.

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = (
    "paid_tpp_amount",
    "recomputed_tpp_amount",
    "paid_pph21",
    "recomputed_pph21",
    "paid_net",
    "recomputed_net",
    "difference",
)


def upgrade() -> None:
    op.create_table(
        "tpp_thr_gaji13_adjustment",
        sa.Column("agency", sa.String(length=64), server_default="", nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("pay_month", sa.String(length=7), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in MONEY),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("agency", "nip", "year", "kind", "run_id"),
    )


def downgrade() -> None:
    op.drop_table("tpp_thr_gaji13_adjustment")
