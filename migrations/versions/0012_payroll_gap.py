"""payroll we could not read is not zero salary: payroll_gap; PTKP source; tax year end (issue 21)

An employee-month with TPP and no readable payroll row (the row was rejected, or no payroll
file has one) is listed in ``payroll_gap`` with the rejected row's file, line and reason, and
finance's decision from ``attendance_decisions.csv`` (``carry`` the latest earlier row, or
``amount``: the month's gaji gross for PPh 21). An undecided row blocks the month's close. The
reporting view of the same name shows it to BI tools (NIP, month, file, reason, decision; no
name, NIK, NPWP or account).

``fact_tpp_monthly`` and ``fact_tpp_recomputed`` gain ``ptkp_source`` (where the row's PTKP
status came from: ``reference`` = ptkp.csv, ``payroll`` = the payroll's family data at the
start of the year, ``default`` = the tax profile's TK/0; NULL on rows written before) and
``tax_year_end`` (the month closes the employee's tax year with the Pasal 17 true-up, and
why: ``december``, ``pensiun``, ``berhenti``, ``mutasi_keluar``; NULL in other months). The A2
summary reads the latter back: the last month of a leaver's masa perolehan.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reporting"
TPP_TABLES = ("fact_tpp_monthly", "fact_tpp_recomputed")


def _base() -> str:
    return "public" if op.get_bind().dialect.name == "postgresql" else "main"


def view(base: str) -> str:
    return f"""
            SELECT agency, month, nip, source_file, source_line, gap_reason, decision,
                   decided_by, amount
            FROM {base}.payroll_gap"""


def upgrade() -> None:
    op.create_table(
        "payroll_gap",
        sa.Column("agency", sa.String(length=64), server_default="", nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("gap_reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("agency", "month", "nip"),
    )
    op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.payroll_gap AS {view(_base())}")
    for table in TPP_TABLES:
        op.add_column(table, sa.Column("ptkp_source", sa.String(length=16), nullable=True))
        op.add_column(table, sa.Column("tax_year_end", sa.String(length=16), nullable=True))


def downgrade() -> None:
    for table in TPP_TABLES:
        op.drop_column(table, "tax_year_end")
        op.drop_column(table, "ptkp_source")
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.payroll_gap")
    op.drop_table("payroll_gap")
