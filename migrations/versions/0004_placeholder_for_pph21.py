"""PLACEHOLDER for revision 0004 (0004_pph21, written on another branch): a no-op that only keeps
this branch's chain 0003 -> 0004 -> 0005 whole. DELETE THIS FILE when merging with the real
0004_pph21 (two revisions '0004' make Alembic refuse to start, so it cannot be missed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
