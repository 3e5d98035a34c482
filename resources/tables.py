"""Warehouse tables of the attendance slice and the shared quarantine / load audit tables.

Tables are SQLAlchemy Core definitions on one ``metadata``; each capability keeps its tables in
its own module (``resources/tables_*.py``) on this same ``metadata``, and ``resources/schema.py``
imports them all so that one ``create_all`` (and Alembic, in production) sees every table.
Column names come from ``rules.columns``.
"""

import sqlalchemy as sa

from rules import columns as c
from rules.reasons import OTHER, REASON_CODE

metadata = sa.MetaData()

PCT = sa.Numeric(9, 4)
TS = sa.DateTime(timezone=True)


def agency_column() -> sa.Column:
    """The instansi a row belongs to: every table has it and every publish is scoped to it, so
    agencies of one deployment share tables without touching each other's rows ('' when the
    deployment serves one agency)."""
    return sa.Column(c.AGENCY, sa.String(64), nullable=False, server_default="")


def _codes(codes: tuple[str, ...]) -> list[sa.Column]:
    return [sa.Column(code.lower(), sa.Integer, nullable=False) for code in codes]


fact_attendance_daily = sa.Table(
    "fact_attendance_daily", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.WORK_DATE, sa.Date, nullable=False),
    sa.Column(c.TIMEZONE, sa.String(40), nullable=False),
    sa.Column(c.RAMADAN, sa.Boolean, nullable=False),
    sa.Column(c.SCHEDULE_START, TS, nullable=False),
    sa.Column(c.SCHEDULE_END, TS, nullable=False),
    sa.Column(c.FIRST_IN, TS),
    sa.Column(c.LAST_OUT, TS),
    sa.Column(c.LATE_MINUTES, sa.Integer),
    sa.Column(c.EARLY_MINUTES, sa.Integer),
    sa.Column(c.LATE_CODE, sa.String(4)),
    sa.Column(c.EARLY_CODE, sa.String(4)),
    sa.Column(c.ABSENCE_CODE, sa.String(32)),
    sa.Column(c.DEDUCTION_PCT, PCT, nullable=False),
    sa.Column(c.PROFILE, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.WORK_DATE),
)  # fmt: skip

fact_discipline_monthly = sa.Table(
    "fact_discipline_monthly", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.WORKDAYS, sa.Integer, nullable=False),
    sa.Column(c.PRESENT_DAYS, sa.Integer, nullable=False),
    *_codes(c.LATE_CODES),
    *_codes(c.EARLY_CODES),
    sa.Column(c.TK_DAYS, sa.Integer, nullable=False),
    sa.Column(c.LEAVE_DAYS, sa.Integer, nullable=False),
    sa.Column(c.DEDUCTION_PCT, PCT, nullable=False),
    sa.Column(c.NO_DATA_DAYS, sa.Integer, server_default="0"),
    sa.Column(c.PROFILE, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.MONTH),
)  # fmt: skip

# Runs of working days a machine held no readable data in a month (rules.coverage.gaps), with
# how many employees it left without data and HR's decision (attendance_decisions.csv).
attendance_gap = sa.Table(
    "attendance_gap", metadata,
    agency_column(),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.DEVICE_KEY, sa.String(128), nullable=False),
    sa.Column(c.DATE_FROM, sa.Date, nullable=False),
    sa.Column(c.DATE_TO, sa.Date, nullable=False),
    sa.Column(c.WORKDAYS, sa.Integer, nullable=False),
    sa.Column(c.GAP_REASON, sa.Text, nullable=False),
    sa.Column(c.EMPLOYEES_AFFECTED, sa.Integer, nullable=False),
    sa.Column(c.DECISION, sa.String(16)),
    sa.Column(c.DECIDED_BY, sa.Text),
    sa.Column("run_id", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.MONTH, c.DEVICE_KEY, c.DATE_FROM),
)  # fmt: skip

# Runs of working days an active employee had no valid PIN-map row, so no machine could hold
# their punches (rules.enrolment.enrolment_gaps, issue 19): no_data days, with HR's decision.
# Its own table: its grain is the employee, not the machine.
attendance_enrolment_gap = sa.Table(
    "attendance_enrolment_gap", metadata,
    agency_column(),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.DATE_FROM, sa.Date, nullable=False),
    sa.Column(c.DATE_TO, sa.Date, nullable=False),
    sa.Column(c.WORKDAYS, sa.Integer, nullable=False),
    sa.Column(c.GAP_REASON, sa.Text, nullable=False),
    sa.Column(c.DECISION, sa.String(16)),
    sa.Column(c.DECIDED_BY, sa.Text),
    sa.Column("run_id", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.MONTH, c.NIP, c.DATE_FROM),
)  # fmt: skip

dim_employee = sa.Table(
    "dim_employee", metadata,
    agency_column(),
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.UNIT, sa.String(200)),
    sa.Column(c.UNIT_INDUK, sa.String(200)),
    sa.Column(c.JABATAN, sa.String(200)),
    sa.Column(c.JENIS_JABATAN, sa.String(100)),
    sa.Column(c.KEDUDUKAN, sa.String(100)),
    sa.Column(c.GOLONGAN, sa.String(20)),
    sa.Column(c.KELAS_JABATAN, sa.Integer),
    sa.Column(c.EMPLOYEE_KIND, sa.String(8)),
    sa.Column(c.TMT_CPNS, sa.Date),
    sa.Column(c.ACTIVE_FROM, sa.Date),
    sa.Column(c.ACTIVE_TO, sa.Date),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP),
)  # fmt: skip

quarantine = sa.Table(
    "quarantine", metadata,
    agency_column(),
    sa.Column("source", sa.String(64), nullable=False),  # the data contract
    sa.Column("asset", sa.String(128), nullable=False),
    sa.Column("partition_key", sa.String(32), nullable=False),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("line", sa.BigInteger),
    sa.Column(c.REASON, sa.Text, nullable=False),
    sa.Column(c.RAW, sa.Text),
    sa.Column("run_id", sa.String(64), nullable=False),
    # the code of the reason (rules.reasons; migration 0005), last like its ALTER TABLE
    sa.Column(REASON_CODE, sa.String(32), server_default=OTHER),
)  # fmt: skip

load_audit = sa.Table(
    "load_audit", metadata,
    agency_column(),
    sa.Column("asset", sa.String(128), nullable=False),
    sa.Column("partition_key", sa.String(32), nullable=False),
    sa.Column("run_id", sa.String(64), nullable=False),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column(c.LAYOUT, sa.String(64)),
    sa.Column("rows_in", sa.BigInteger, nullable=False),
    sa.Column("rows_valid", sa.BigInteger, nullable=False),
    sa.Column("rows_quarantined", sa.BigInteger, nullable=False),
    sa.Column(c.STATUS, sa.String(16), nullable=False),
    sa.Column("message", sa.Text),
    sa.Column("loaded_at", TS, nullable=False),
)  # fmt: skip

SNAPSHOT = "snapshot"  # partition_key of unpartitioned (reference) data
