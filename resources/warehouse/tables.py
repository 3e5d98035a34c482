"""The shared warehouse tables (quarantine, load audit, the employee dimension) and the ``metadata``
every table is defined on.

Tables are SQLAlchemy Core definitions; each domain keeps its own in ``<domain>/tables.py`` on this
same ``metadata``, and ``schema.py`` imports them all so that one ``create_all`` (and Alembic, in
production) sees every table. Column names come from ``vocabulary.columns``.
"""

import sqlalchemy as sa

from vocabulary import columns as c
from vocabulary.reasons import OTHER, REASON_CODE

metadata = sa.MetaData()

PCT = sa.Numeric(9, 4)
TS = sa.DateTime(timezone=True)


def agency_column() -> sa.Column:
    """The instansi a row belongs to: every table has it and every publish is scoped to it, so
    agencies of one deployment share tables without touching each other's rows ('' when the
    deployment serves one agency)."""
    return sa.Column(c.AGENCY, sa.String(64), nullable=False, server_default="")


def code_counts(codes: tuple[str, ...]) -> list[sa.Column]:
    """One integer count column per code (TL1..TL4, PSW1..PSW4)."""
    return [sa.Column(code.lower(), sa.Integer, nullable=False) for code in codes]


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
    # the code of the reason (vocabulary.reasons; migration 0005), last like its ALTER TABLE
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
