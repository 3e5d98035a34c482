"""Warehouse tables of the TPP slice (issue 4), on the shared ``metadata``.

- ``fact_tpp_monthly``: one row per employee and month, every step of the computation a column
  (docs/tpp.md); ``status`` is ``provisional`` until the month is closed, then ``final``, and a
  final row is never rewritten.
- ``fact_tpp_recomputed``: the latest recomputation of each closed month (same columns), the
  state the adjustment lines have brought the payment to; used to say what changed.
- ``tpp_adjustment``: what to pay (positive) or recover (negative) for a closed month.
- ``tpp_month_close``: which months are closed, when, by which run, with their totals.
- ``fact_tpp_thr_gaji13`` / ``tpp_thr_gaji13_adjustment``: THR and gaji-13 TPP as paid in the
  pay month, and what a recomputation after its close adds or recovers (issue 21).

Payable money is BIGINT rupiah; intermediate steps NUMERIC(16,2) (whole sen); factors
NUMERIC(9,6); the discipline percentage and the PPh 21 rate NUMERIC(9,4); the NPWP multiplier
NUMERIC(3,1). No names or personal numbers.
"""

import sqlalchemy as sa

from resources.warehouse.tables import PCT, TS, agency_column, metadata
from vocabulary import columns as c

SEN = sa.Numeric(16, 2)
FACTOR = sa.Numeric(9, 6)
RUPIAH = sa.BigInteger
MULTIPLIER = sa.Numeric(3, 1)  # the NPWP multiplier, 1.0 or 1.2


def _tpp_columns() -> list[sa.Column]:
    return [
        agency_column(),
        sa.Column(c.NIP, sa.String(18), nullable=False),
        sa.Column(c.MONTH, sa.String(7), nullable=False),
        sa.Column(c.UNIT, sa.String(200)),
        sa.Column(c.UNIT_INDUK, sa.String(200)),
        sa.Column(c.KELAS_JABATAN, sa.Integer),
        sa.Column(c.EMPLOYEE_KIND, sa.String(8)),
        sa.Column(c.CEILING, RUPIAH, nullable=False),
        sa.Column(c.CEILING_SOURCE, sa.String(300), nullable=False),
        sa.Column(c.MONTH_WORKDAYS, sa.Integer, nullable=False),
        sa.Column(c.PAID_DAYS, sa.Integer, nullable=False),
        sa.Column(c.ELIGIBILITY_FACTOR, FACTOR, nullable=False),
        sa.Column(c.CPNS_FACTOR, FACTOR, nullable=False),
        sa.Column(c.TPP_BASE, SEN, nullable=False),
        sa.Column(c.KINERJA_PART, SEN, nullable=False),
        sa.Column(c.PREDIKAT, sa.String(24)),
        sa.Column(c.KINERJA_FACTOR, FACTOR, nullable=False),
        sa.Column(c.KINERJA_AMOUNT, SEN, nullable=False),
        sa.Column(c.DISIPLIN_PART, SEN, nullable=False),
        sa.Column(c.DISIPLIN_DEDUCTION_PCT, PCT, nullable=False),
        sa.Column(c.DEDUCTION_BASE, sa.String(24), nullable=False),
        sa.Column(c.DISIPLIN_DEDUCTION, SEN, nullable=False),
        sa.Column(c.DEDUCTION_FROM_KINERJA, SEN, nullable=False),
        sa.Column(c.DISIPLIN_AMOUNT, SEN, nullable=False),
        sa.Column(c.SANCTION_FACTOR, FACTOR, nullable=False),
        sa.Column(c.KINERJA_PAID, RUPIAH, nullable=False),
        sa.Column(c.DISIPLIN_PAID, RUPIAH, nullable=False),
        # Plt/Plh addition (issue 22, migration 0014): rows written before it hold 0
        sa.Column(c.PLT_ADDITION, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.GROSS, RUPIAH, nullable=False),
        sa.Column(c.SALARY_BASE, RUPIAH),
        sa.Column(c.SALARY_MONTH, sa.String(7)),
        sa.Column(c.BPJS_BASE, RUPIAH, nullable=False),
        sa.Column(c.BPJS_EMPLOYER, RUPIAH, nullable=False),
        sa.Column(c.BPJS_EMPLOYEE, RUPIAH, nullable=False),
        # PPh 21 (issue 15, migration 0004): rows written before it hold the defaults
        sa.Column(c.PTKP_STATUS, sa.String(4)),
        sa.Column(c.TER_CATEGORY, sa.String(1)),
        sa.Column(c.NPWP_MULTIPLIER, MULTIPLIER, nullable=False, server_default="1.0"),
        sa.Column(c.GAJI_BRUTO, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.IURAN_PENSIUN, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.PPH21_BASE, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.TER_RATE_PCT, PCT, nullable=False, server_default="0"),
        sa.Column(c.PPH21_GAJI, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.PPH21, RUPIAH, nullable=False),
        sa.Column(c.TUNJANGAN_PPH, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.PPH21_DECEMBER_ADJUSTMENT, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.PPH21_MODE, sa.String(24), nullable=False),
        # issue 21 (migration 0012): where ptkp_status came from; <NULL> on older rows
        sa.Column(c.PTKP_SOURCE, sa.String(16)),
        # issue 21: the month closes the employee's tax year, and why (december, pensiun, ...)
        sa.Column(c.TAX_YEAR_END, sa.String(16)),
        # issue 21: THR/13 TPP paid in the month (in pph21_base) and its TER tax
        sa.Column(c.THR13_GROSS, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.PPH21_THR13, RUPIAH, nullable=False, server_default="0"),
        sa.Column(c.NET, RUPIAH, nullable=False),
        sa.Column(c.NOTES, sa.Text),
        sa.Column(c.PROFILE, sa.String(64), nullable=False),
        sa.Column(c.STATUS, sa.String(16), nullable=False),
        sa.Column(c.RUN_ID, sa.String(64), nullable=False),
        sa.Column("computed_at", TS, nullable=False),
        sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.MONTH),
    ]


fact_tpp_monthly = sa.Table("fact_tpp_monthly", metadata, *_tpp_columns())
fact_tpp_recomputed = sa.Table("fact_tpp_recomputed", metadata, *_tpp_columns())

tpp_adjustment = sa.Table(
    "tpp_adjustment", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.PAID_NET, RUPIAH, nullable=False),
    sa.Column(c.RECOMPUTED_NET, RUPIAH, nullable=False),
    sa.Column(c.DIFFERENCE, RUPIAH, nullable=False),
    sa.Column(c.REASON, sa.Text, nullable=False),
    sa.Column(c.RUN_ID, sa.String(64), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.MONTH, c.RUN_ID),
)  # fmt: skip

tpp_month_close = sa.Table(
    "tpp_month_close", metadata,
    agency_column(),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column("closed_at", TS, nullable=False),
    sa.Column(c.RUN_ID, sa.String(64), nullable=False),
    sa.Column(c.PROFILE, sa.String(64), nullable=False),
    sa.Column("employees", sa.Integer, nullable=False),
    sa.Column(c.GROSS, RUPIAH, nullable=False),
    sa.Column(c.NET, RUPIAH, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.MONTH),
)  # fmt: skip

# Employee-months with TPP and no readable payroll row (rules.tpp.payroll_gaps, issue 21): the
# rejected row (file, line, reason) or that no file has one, and finance's decision (carry the
# latest earlier row, or a stated gaji gross); an undecided row blocks the month's close.
payroll_gap = sa.Table(
    "payroll_gap", metadata,
    agency_column(),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.SOURCE_FILE, sa.Text),
    sa.Column(c.SOURCE_LINE, sa.Integer),
    sa.Column(c.GAP_REASON, sa.Text, nullable=False),
    sa.Column(c.DECISION, sa.String(16)),
    sa.Column(c.DECIDED_BY, sa.Text),
    sa.Column(c.AMOUNT, RUPIAH),
    sa.Column(c.RUN_ID, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.MONTH, c.NIP),
)  # fmt: skip


# THR and gaji ke-13 TPP per employee and year (rules.tpp.thr13, issue 21): the amount, its tax
# (computed in the pay month's TER line), whether the government bears it, and the net paid.
fact_tpp_thr_gaji13 = sa.Table(
    "fact_tpp_thr_gaji13", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.YEAR, sa.Integer, nullable=False),
    sa.Column(c.KIND, sa.String(8), nullable=False),
    sa.Column(c.REFERENCE_MONTH, sa.String(7), nullable=False),
    sa.Column(c.PAY_MONTH, sa.String(7), nullable=False),
    sa.Column(c.UNIT_INDUK, sa.String(200)),
    sa.Column(c.TPP_AMOUNT, RUPIAH, nullable=False),
    sa.Column(c.PPH21, RUPIAH, nullable=False),
    sa.Column(c.PPH21_BORNE_BY_GOVERNMENT, RUPIAH, nullable=False),
    sa.Column(c.NET, RUPIAH, nullable=False),
    sa.Column(c.NOTES, sa.Text),
    sa.Column(c.RUN_ID, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.YEAR, c.KIND),
)  # fmt: skip

# What to pay (positive) or recover (negative) of a closed pay month's THR / gaji-13 after a
# recomputation (rules.tpp.thr13.thr13_adjustments, issue 21): fact_tpp_thr_gaji13 keeps what
# was paid at the close.
tpp_thr_gaji13_adjustment = sa.Table(
    "tpp_thr_gaji13_adjustment", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.YEAR, sa.Integer, nullable=False),
    sa.Column(c.KIND, sa.String(8), nullable=False),
    sa.Column(c.PAY_MONTH, sa.String(7), nullable=False),
    sa.Column(c.PAID_TPP_AMOUNT, RUPIAH, nullable=False),
    sa.Column(c.RECOMPUTED_TPP_AMOUNT, RUPIAH, nullable=False),
    sa.Column(c.PAID_PPH21, RUPIAH, nullable=False),
    sa.Column(c.RECOMPUTED_PPH21, RUPIAH, nullable=False),
    sa.Column(c.PAID_NET, RUPIAH, nullable=False),
    sa.Column(c.RECOMPUTED_NET, RUPIAH, nullable=False),
    sa.Column(c.DIFFERENCE, RUPIAH, nullable=False),
    sa.Column(c.REASON, sa.Text, nullable=False),
    sa.Column(c.RUN_ID, sa.String(64), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.YEAR, c.KIND, c.RUN_ID),
)  # fmt: skip
