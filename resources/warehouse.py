"""The reporting warehouse: SQLAlchemy Core tables, one code path for DuckDB and PostgreSQL.

Publishing is one transaction: delete the partition's rows, bulk-load the new ones (Arrow for
DuckDB, COPY for PostgreSQL), append the audit rows. Readers of the warehouse see the old month
or the new month, never a mix; running the same publish twice leaves the same contents.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import dagster as dg
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import sqlalchemy as sa
from pydantic import PrivateAttr
from sqlalchemy.pool import NullPool

from resources.settings import Settings, redact_url
from rules import columns as c

metadata = sa.MetaData()

PCT = sa.Numeric(9, 4)
TS = sa.DateTime(timezone=True)


def _codes(prefix: str, codes: tuple[str, ...]) -> list[sa.Column]:
    return [sa.Column(code.lower(), sa.Integer, nullable=False) for code in codes]


fact_attendance_daily = sa.Table(
    "fact_attendance_daily", metadata,
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
    sa.PrimaryKeyConstraint(c.NIP, c.WORK_DATE),
)  # fmt: skip

fact_discipline_monthly = sa.Table(
    "fact_discipline_monthly", metadata,
    sa.Column(c.NIP, sa.String(18), nullable=False),
    sa.Column(c.MONTH, sa.String(7), nullable=False),
    sa.Column(c.WORKDAYS, sa.Integer, nullable=False),
    sa.Column(c.PRESENT_DAYS, sa.Integer, nullable=False),
    *_codes("tl", c.LATE_CODES),
    *_codes("psw", c.EARLY_CODES),
    sa.Column(c.TK_DAYS, sa.Integer, nullable=False),
    sa.Column(c.LEAVE_DAYS, sa.Integer, nullable=False),
    sa.Column(c.DEDUCTION_PCT, PCT, nullable=False),
    sa.Column(c.PROFILE, sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint(c.NIP, c.MONTH),
)  # fmt: skip

dim_employee = sa.Table(
    "dim_employee", metadata,
    sa.Column(c.NIP, sa.String(18), primary_key=True),
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
)  # fmt: skip

quarantine = sa.Table(
    "quarantine", metadata,
    sa.Column("source", sa.String(64), nullable=False),  # the data contract
    sa.Column("asset", sa.String(128), nullable=False),
    sa.Column("partition_key", sa.String(32), nullable=False),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("line", sa.BigInteger),
    sa.Column(c.REASON, sa.Text, nullable=False),
    sa.Column(c.RAW, sa.Text),
    sa.Column("run_id", sa.String(64), nullable=False),
)  # fmt: skip

load_audit = sa.Table(
    "load_audit", metadata,
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


def _arrow_type(col: sa.Column) -> pa.DataType:
    t = col.type
    if isinstance(t, sa.Numeric) and not isinstance(t, sa.Float):
        return pa.decimal128(t.precision, t.scale)
    if isinstance(t, sa.BigInteger):
        return pa.int64()
    if isinstance(t, sa.Integer):
        return pa.int32()
    if isinstance(t, sa.Boolean):
        return pa.bool_()
    if isinstance(t, sa.DateTime):
        return pa.timestamp("us", tz="UTC") if t.timezone else pa.timestamp("us")
    if isinstance(t, sa.Date):
        return pa.date32()
    return pa.string()


def to_arrow(table: sa.Table, frame: pd.DataFrame) -> pa.Table:
    """The frame's columns in the table's order and types (decimals arrive as exact text)."""
    arrays = []
    for col in table.columns:
        target = _arrow_type(col)
        values = frame[col.name]
        if pa.types.is_decimal(target):
            arr = pa.array(values.astype("string"), type=pa.string()).cast(target)
        elif pa.types.is_date32(target):
            arr = pa.array(pd.to_datetime(values).dt.date, type=pa.date32())
        elif pa.types.is_timestamp(target):
            arr = pa.array(pd.to_datetime(values, utc=target.tz is not None), type=target)
        elif pa.types.is_string(target):
            arr = pa.array(values.astype("string"), type=pa.string())
        else:
            arr = pa.array(values, type=target, from_pandas=True)
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, names=[col.name for col in table.columns])


def bulk_insert(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> int:
    """Insert a frame: Arrow scan on DuckDB, COPY on PostgreSQL, executemany elsewhere."""
    if frame.empty:
        return 0
    data = to_arrow(table, frame)
    dialect = conn.dialect.name
    cols = ", ".join(f'"{name}"' for name in data.column_names)
    if dialect == "duckdb":
        raw = conn.connection.driver_connection
        view = f"_load_{table.name}"
        raw.register(view, data)
        try:
            conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM {view}')
        finally:
            raw.unregister(view)
    elif dialect == "postgresql":
        # Arrow writes nulls as unquoted empty fields and empty strings as "", which is
        # exactly how COPY's csv format tells them apart; numbers keep their types.
        buf = io.BytesIO()
        pa_csv.write_csv(data, buf, write_options=pa_csv.WriteOptions(include_header=False))
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN (FORMAT csv)') as copy:
            copy.write(buf.getvalue())
    else:
        conn.execute(table.insert(), data.to_pylist())
    return data.num_rows


@dataclass
class Replace:
    """Rows of ``table`` matching ``where`` are replaced by ``frame``."""

    table: sa.Table
    where: sa.ColumnElement[bool]
    frame: pd.DataFrame


def publish(
    engine: sa.Engine, replace: list[Replace], append: list[tuple[sa.Table, pd.DataFrame]] = ()
) -> dict[str, int]:
    """One transaction: delete and reload each replaced slice, then append.

    Returns:
        Rows written per table.
    """
    written: dict[str, int] = {}
    with engine.begin() as conn:
        for item in replace:
            conn.execute(sa.delete(item.table).where(item.where))
            written[item.table.name] = written.get(item.table.name, 0) + bulk_insert(
                conn, item.table, item.frame
            )
        for table, frame in append:
            written[table.name] = written.get(table.name, 0) + bulk_insert(conn, table, frame)
    return written


def make_engine(url: str) -> sa.Engine:
    """NullPool on DuckDB so the file lock is released after each transaction."""
    if url.startswith("duckdb"):
        return sa.create_engine(url, poolclass=NullPool)
    return sa.create_engine(url, pool_pre_ping=True)


def create_schema(engine: sa.Engine) -> None:
    metadata.create_all(engine, checkfirst=True)


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse; empty ``url`` means KINERJA_WAREHOUSE_URL (default DuckDB in the state
    folder), read at run time so that the password never appears in run config."""

    url: str = ""
    _engine: sa.Engine | None = PrivateAttr(default=None)

    def resolved_url(self) -> str:
        return self.url or Settings.from_env().warehouse_url

    def engine(self) -> sa.Engine:
        if self._engine is None:
            url = self.resolved_url()
            if url.startswith("duckdb:///"):
                from pathlib import Path

                Path(url.removeprefix("duckdb:///")).parent.mkdir(parents=True, exist_ok=True)
            self._engine = make_engine(url)
            create_schema(self._engine)
        return self._engine

    def describe(self) -> str:
        return redact_url(self.resolved_url())

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
