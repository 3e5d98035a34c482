"""Warehouse tables of attendance: the daily rows, the month's discipline and the machine gaps."""

import sqlalchemy as sa

from resources.warehouse.tables import PCT, TS, agency_column, code_counts, metadata
from vocabulary import columns as c

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
    *code_counts(c.LATE_CODES),
    *code_counts(c.EARLY_CODES),
    sa.Column(c.TK_DAYS, sa.Integer, nullable=False),
    sa.Column(c.LEAVE_DAYS, sa.Integer, nullable=False),
    sa.Column(c.DEDUCTION_PCT, PCT, nullable=False),
    sa.Column(c.NO_DATA_DAYS, sa.Integer, server_default="0"),
    sa.Column(c.PROFILE, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.AGENCY, c.NIP, c.MONTH),
)  # fmt: skip


# Runs of working days a machine held no readable data (or only part of a day's) in a month
# (rules.coverage.gaps), with how many employees it left not fully judged, HR's decision
# (attendance_decisions.csv) and, for a day covered partly, when its data stops.
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
    # a day the machine's data covers only partly: the instant it stops (issue 19)
    sa.Column(c.COVER_UNTIL, TS),
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
