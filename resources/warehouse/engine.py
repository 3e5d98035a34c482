"""The reporting warehouse: SQLAlchemy Core tables, one code path for DuckDB and PostgreSQL.

Publishing is one transaction: delete the partition's rows, bulk-load the new ones (Arrow for
DuckDB, COPY for PostgreSQL), append the audit rows; on DuckDB a table with a primary key is
merged by key instead (same rows, see ``merge_slice``). Readers of the warehouse see the old month
or the new month, never a mix; running the same publish twice leaves the same contents.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import sqlalchemy as sa
from pydantic import PrivateAttr
from sqlalchemy.pool import NullPool

from resources.settings import LOCK_WAIT_ENV, Settings, redact_url
from vocabulary import columns as c


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


@contextlib.contextmanager
def _arrow_view(conn: sa.Connection, table: sa.Table, data: pa.Table) -> Iterator[sa.TableClause]:
    """``data`` registered on the DuckDB connection as a view named after ``table``."""
    raw = conn.connection.driver_connection
    view = f"_load_{table.name}"
    raw.register(view, data)
    try:
        yield sa.table(view, *(sa.column(n) for n in data.column_names))
    except BaseException:
        # a failed statement aborts DuckDB's transaction, and unregister would then raise a
        # TransactionException hiding the real error (a constraint violation, say)
        with contextlib.suppress(Exception):
            raw.unregister(view)
        raise
    raw.unregister(view)


def bulk_insert(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> int:
    """Insert a frame: Arrow scan on DuckDB, COPY on PostgreSQL, executemany elsewhere."""
    if frame.empty:
        return 0
    if table.metadata.tables.get(table.key) is not table:
        raise ValueError(f"{table.name} is not a warehouse table")  # identifiers: ours only
    data = to_arrow(table, frame)
    dialect = conn.dialect.name
    if dialect == "duckdb":
        with _arrow_view(conn, table, data) as source:
            conn.execute(table.insert().from_select(data.column_names, sa.select(source)))
    elif dialect == "postgresql":
        from psycopg import sql

        # Arrow writes nulls as unquoted empty fields and empty strings as "", which is
        # exactly how COPY's csv format tells them apart; numbers keep their types.
        buf = io.BytesIO()
        pa_csv.write_csv(data, buf, write_options=pa_csv.WriteOptions(include_header=False))
        cursor = conn.connection.driver_connection.cursor()
        statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, data.column_names))
        )
        with cursor.copy(statement) as copy:
            copy.write(buf.getvalue())
    else:
        conn.execute(table.insert(), data.to_pylist())
    return data.num_rows


class DuplicateKey(ValueError):
    """A slice to publish holds two rows with the same primary key."""


def merge_slice(
    conn: sa.Connection, table: sa.Table, where: sa.ColumnElement[bool], frame: pd.DataFrame
) -> int:
    """DuckDB: make the rows of ``table`` matching ``where`` exactly the frame's rows, by key.

    The same rows as DELETE + INSERT, cheaper: deleting rows from a table with a PRIMARY KEY
    costs DuckDB the removal of each key from the table's ART index at COMMIT (1.5-1.9 CPU s for
    the 358,575 daily rows of a 20k month, issue 24), and a re-publish mostly rewrites the same
    keys. So rows whose key is in both are updated in place (the key columns, hence the index,
    untouched), rows of the slice whose key is gone are deleted, new keys inserted. A key of the
    frame found outside the slice still fails on the PRIMARY KEY, as the insert did before; a
    key twice in the frame is refused here (an UPDATE would silently keep one of the two). A
    slice with no rows yet (a new month) is a plain insert.
    """
    if table.metadata.tables.get(table.key) is not table:
        raise ValueError(f"{table.name} is not a warehouse table")  # identifiers: ours only
    held = sa.select(sa.literal(1)).select_from(table).where(where).limit(1)
    if not conn.execute(held).all():  # all(): DuckDB wants every result read to the end
        return bulk_insert(conn, table, frame)  # a new slice: the PRIMARY KEY checks the frame
    if frame.empty:
        conn.execute(sa.delete(table).where(where))
        return 0
    keys = [col.name for col in table.primary_key.columns]
    data = to_arrow(table, frame)
    with _arrow_view(conn, table, data) as src:
        twice = conn.execute(
            sa.select(sa.func.count()).select_from(
                sa.select(*(src.c[k] for k in keys))
                .group_by(*(src.c[k] for k in keys))
                .having(sa.func.count() > 1)
                .subquery()
            )
        ).scalar_one()
        if twice:
            raise DuplicateKey(f"{table.name}: {twice} primary keys appear more than once")
        same_key = sa.and_(*(table.c[k] == src.c[k] for k in keys))
        values = {n: src.c[n] for n in data.column_names if n not in keys}
        if values:
            conn.execute(sa.update(table).where(where, same_key).values(values))
        conn.execute(sa.delete(table).where(where, ~sa.exists().where(same_key)))
        inside = sa.select(sa.literal(1)).select_from(table).where(where, same_key)
        conn.execute(
            table.insert().from_select(data.column_names, sa.select(src).where(~sa.exists(inside)))
        )
    return data.num_rows


@dataclass
class Replace:
    """Rows of ``table`` matching ``where`` are replaced by ``frame``.

    ``key`` names the slice (a partition such as '2024-03'); writers of the same table and key
    take turns, writers of different keys run side by side. Empty = the whole table.
    """

    table: sa.Table
    where: sa.ColumnElement[bool]
    frame: pd.DataFrame
    key: str = ""

    @property
    def lock_name(self) -> str:
        return f"{self.table.name}:{self.key}" if self.key else self.table.name


def advisory_lock_id(name: str) -> int:
    """A stable signed 64-bit id for pg_advisory_xact_lock (PostgreSQL's hashtext is not
    guaranteed stable across versions)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def lock_slices(conn: sa.Connection, names: list[str]) -> None:
    """One writer per table slice at a time: on PostgreSQL, transaction-scoped advisory locks
    taken in a fixed order (no deadlock between two publishers); a DuckDB file has one writer
    anyway."""
    if conn.dialect.name != "postgresql":
        return
    for name in sorted(set(names)):
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(advisory_lock_id(name))))


def publish(
    engine: sa.Engine,
    replace: list[Replace],
    append: list[tuple[sa.Table, pd.DataFrame]] = (),
    agency: str = "",
) -> dict[str, int]:
    """One transaction: delete and reload each replaced slice, then append.

    Every slice is scoped to ``agency``: its rows are stamped with it and only that agency's
    rows of the slice are deleted, so the agencies of one deployment never touch each other.

    Returns:
        Rows written per table.
    """
    written: dict[str, int] = {}
    with engine.begin() as conn:
        lock_slices(conn, [f"{agency}/{item.lock_name}" for item in replace])
        for item in replace:
            t = item.table
            where = sa.and_(item.where, t.c[c.AGENCY] == agency)
            frame = item.frame.assign(**{c.AGENCY: agency})
            if conn.dialect.name == "duckdb" and len(t.primary_key.columns):
                rows = merge_slice(conn, t, where, frame)
            else:
                conn.execute(sa.delete(t).where(where))
                rows = bulk_insert(conn, t, frame)
            written[t.name] = written.get(t.name, 0) + rows
        for table, frame in append:
            rows = bulk_insert(conn, table, frame.assign(**{c.AGENCY: agency}))
            written[table.name] = written.get(table.name, 0) + rows
    return written


class WarehouseBusy(RuntimeError):
    """The DuckDB warehouse file stayed locked by another process for the whole wait."""


def _locked_by(exc: BaseException) -> str | None:
    """The holder named in DuckDB's lock error ('... (PID 123)'), or None for other errors."""
    text = str(exc)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    found = re.search(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", text)
    return f"PID {found.group(2)} ({found.group(1)})" if found else "another process"


def _wait_for_duckdb_lock(engine: sa.Engine, url: str, wait_seconds: float) -> None:
    """A DuckDB file has one writer process at a time, and each transaction opens the file anew
    (NullPool). A connection that finds the file locked by another process (a second run of the
    same month, a backfill, a DuckDB CLI left open) waits and retries for ``wait_seconds``, then
    fails with a message that says who holds the file and what to do."""

    @sa.event.listens_for(engine, "do_connect")
    def connect(dialect, conn_rec, cargs, cparams):
        deadline = time.monotonic() + wait_seconds
        pause = 0.1
        while True:
            try:
                return dialect.connect(*cargs, **cparams)
            except Exception as exc:
                holder = _locked_by(exc)
                if holder is None:
                    raise
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"the warehouse file {redact_url(url).removeprefix('duckdb:///')} is "
                        f"in use by {holder} and stayed locked for {wait_seconds:.0f} s: another "
                        "run or backfill is publishing, or a program (DuckDB CLI, a BI tool) has "
                        "the file open. Close that program or let the other run finish, then "
                        f"run again (the wait is {LOCK_WAIT_ENV}, in seconds)"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 2.0)


def make_engine(url: str, lock_wait: float | None = None) -> sa.Engine:
    """NullPool on DuckDB so the file lock is released after each transaction; a locked file is
    waited for (``lock_wait`` seconds, default KINERJA_DUCKDB_LOCK_WAIT or 300)."""
    if url.startswith("duckdb"):
        engine = sa.create_engine(url, poolclass=NullPool)
        wait = Settings.from_env().duckdb_lock_wait if lock_wait is None else lock_wait
        _wait_for_duckdb_lock(engine, url, wait)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def create_schema(engine: sa.Engine) -> None:
    """Make the schema current: DuckDB is migrated in place, PostgreSQL must already be
    (``python -m pipelines db upgrade``). See resources/migrate.py."""
    from resources.warehouse.migrate import ensure_current

    ensure_current(engine)


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse; empty ``url`` means KINERJA_WAREHOUSE_URL (default DuckDB in the state
    folder), read at run time so that the password never appears in run config."""

    url: str = ""
    agency: str = ""
    _engine: sa.Engine | None = PrivateAttr(default=None)

    def resolved_url(self) -> str:
        return self.url or Settings.from_env().warehouse_url

    def scope(self) -> str:
        """The agency this deployment publishes for ('' = a single-agency deployment)."""
        return self.agency or Settings.from_env().agency

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
