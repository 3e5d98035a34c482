"""issue 21: payroll_gap, PTKP source, tax year end, THR and gaji-13 TPP

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
summary reads the latter back: the last month of a leaver's masa perolehan. They also gain
``thr13_gross`` (THR/gaji-13 TPP paid in the month, inside ``pph21_base``) and ``pph21_thr13``
(its TER tax: the month's tax with it minus without it).

``fact_tpp_thr_gaji13`` (nip, year, kind thr|gaji13, reference_month, pay_month, unit_induk,
tpp_amount, pph21, pph21_borne_by_government, net, notes, run_id): THR and gaji-13 TPP; the view
``reporting.tpp_thr_gaji13_per_unit`` sums it per unit (no NIP).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0014"
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
        for name in ("thr13_gross", "pph21_thr13"):
            op.add_column(
                table, sa.Column(name, sa.BigInteger(), server_default="0", nullable=False)
            )
    op.create_table(
        "fact_tpp_thr_gaji13",
        sa.Column("agency", sa.String(length=64), server_default="", nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("reference_month", sa.String(length=7), nullable=False),
        sa.Column("pay_month", sa.String(length=7), nullable=False),
        sa.Column("unit_induk", sa.String(length=200), nullable=True),
        sa.Column("tpp_amount", sa.BigInteger(), nullable=False),
        sa.Column("pph21", sa.BigInteger(), nullable=False),
        sa.Column("pph21_borne_by_government", sa.BigInteger(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("agency", "nip", "year", "kind"),
    )
    op.execute(f"CREATE OR REPLACE VIEW {SCHEMA}.tpp_thr_gaji13_per_unit AS {thr_view(_base())}")


def thr_view(base: str) -> str:
    """Per agency, year, payment and unit: employees, amounts and tax; no NIP."""
    return f"""
            SELECT agency, year, kind, reference_month, pay_month, unit_induk,
                   count(*) AS employees, sum(tpp_amount) AS tpp_amount, sum(pph21) AS pph21,
                   sum(pph21_borne_by_government) AS pph21_borne_by_government, sum(net) AS net
            FROM {base}.fact_tpp_thr_gaji13
            GROUP BY agency, year, kind, reference_month, pay_month, unit_induk"""


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.tpp_thr_gaji13_per_unit")
    op.drop_table("fact_tpp_thr_gaji13")
    for table in TPP_TABLES:
        op.drop_column(table, "pph21_thr13")
        op.drop_column(table, "thr13_gross")
        op.drop_column(table, "tax_year_end")
        op.drop_column(table, "ptkp_source")
    op.execute(f"DROP VIEW IF EXISTS {SCHEMA}.payroll_gap")
    op.drop_table("payroll_gap")
