"""PLACEHOLDER for the lead's 0003_attendance_gaps (not part of issue 15): delete on merge

The tax branch (issue 15) was cut from main at 0002 while 0003_attendance_gaps was being
written elsewhere. 0004_pph21 names "0003" as its parent as agreed; this empty revision only
keeps this branch's chain whole so its tests can migrate a warehouse. When merging, delete this
file: the real 0003 takes its place and 0004 needs no change.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
