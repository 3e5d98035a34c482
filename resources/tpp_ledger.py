"""The TPP ledger in the warehouse: provisional months, closing a month, adjustment lines.

Each operation is one transaction that first takes the month's lock (a PostgreSQL advisory lock;
DuckDB has a single writer), so a nightly run, a backfill and a close of the same month never
interleave:

- ``publish_month``: an open month's rows are replaced (status provisional); a closed month's
  final rows are left untouched and the recomputation becomes adjustment lines
  (rules/tpp/adjustments.py) plus its own copy in ``fact_tpp_recomputed``;
- ``close_month``: marks the month final with the given rows and records the close; closing a
  closed month changes nothing.

The values of every row come from the caller; SQL only uses bound parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from resources import tables_tpp as tt
from resources.warehouse import SNAPSHOT, bulk_insert, load_audit, lock_slices, now_utc
from rules.tpp.adjustments import ADJUSTMENT_COLUMNS, adjustments
from rules.tpp.compute import as_tpp_frame
from rules.tpp.pph21 import HISTORY_COLUMNS
from vocabulary import columns as c
from vocabulary.tpp import FINAL, PROVISIONAL, RECOMPUTED, TPP_COLUMNS


@dataclass(frozen=True)
class Outcome:
    """What a ledger operation did."""

    month: str
    closed: bool  # the month is closed (after the operation)
    rows: int  # rows written to fact_tpp_monthly (0 when the month was already closed)
    adjustments: int  # new adjustment lines
    closed_at: dt.datetime | None = None
    closed_by: str | None = None

    def metadata(self) -> dict[str, object]:
        return {
            "month": self.month,
            "status": FINAL if self.closed else PROVISIONAL,
            "rows_written": self.rows,
            "adjustment_lines": self.adjustments,
            "closed_at": str(self.closed_at) if self.closed_at else "",
            "closed_by_run": self.closed_by or "",
        }


def _lock(conn: sa.Connection, month: str, agency: str) -> None:
    """One ledger writer per agency and month (the same lock as the month's publish)."""
    lock_slices(conn, [f"{agency}/{tt.fact_tpp_monthly.name}:{month}"])


def _of(table: sa.Table, month: str, agency: str) -> sa.ColumnElement[bool]:
    return sa.and_(table.c.month == month, table.c[c.AGENCY] == agency)


def _close_row(conn: sa.Connection, month: str, agency: str) -> sa.Row | None:
    t = tt.tpp_month_close
    return conn.execute(sa.select(t).where(_of(t, month, agency))).first()


def _rows(conn: sa.Connection, table: sa.Table, month: str, agency: str) -> pd.DataFrame:
    result = conn.execute(sa.select(table).where(_of(table, month, agency)))
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    return as_tpp_frame(frame) if len(frame) else frame


def _stamp(
    frame: pd.DataFrame, status: str, run_id: str, at: dt.datetime, agency: str
) -> pd.DataFrame:
    out = frame[TPP_COLUMNS].copy()
    out[c.STATUS] = status
    out[c.RUN_ID] = run_id
    out["computed_at"] = at
    out[c.AGENCY] = agency
    return out


def publish_month(
    engine: sa.Engine, frame: pd.DataFrame, month: str, run_id: str, agency: str = ""
) -> Outcome:
    """Publish a month's computation: provisional rows, or adjustment lines if it is closed."""
    at = now_utc()
    with engine.begin() as conn:
        _lock(conn, month, agency)
        closed = _close_row(conn, month, agency)
        if closed is None:
            t = tt.fact_tpp_monthly
            conn.execute(sa.delete(t).where(_of(t, month, agency)))
            rows = bulk_insert(conn, t, _stamp(frame, PROVISIONAL, run_id, at, agency))
            return Outcome(month, False, rows, 0)
        final = _rows(conn, tt.fact_tpp_monthly, month, agency)
        basis = _rows(conn, tt.fact_tpp_recomputed, month, agency)
        a = tt.tpp_adjustment
        prior = pd.read_sql(sa.select(a.c.nip, a.c.difference).where(_of(a, month, agency)), conn)
        lines = adjustments(final, prior, basis, as_tpp_frame(frame), month, run_id)
        written = (
            bulk_insert(conn, a, lines.assign(created_at=at, **{c.AGENCY: agency}))
            if len(lines)
            else 0
        )
        r = tt.fact_tpp_recomputed
        conn.execute(sa.delete(r).where(_of(r, month, agency)))
        bulk_insert(conn, r, _stamp(frame, RECOMPUTED, run_id, at, agency))
        return Outcome(month, True, 0, written, closed.closed_at, closed.run_id)


def close_month(
    engine: sa.Engine, frame: pd.DataFrame, month: str, run_id: str, agency: str = ""
) -> Outcome:
    """Mark a month final with ``frame`` (the run's computation) unless it is already closed."""
    at = now_utc()
    with engine.begin() as conn:
        _lock(conn, month, agency)
        closed = _close_row(conn, month, agency)
        if closed is not None:
            return Outcome(month, True, 0, 0, closed.closed_at, closed.run_id)
        t = tt.fact_tpp_monthly
        conn.execute(sa.delete(t).where(_of(t, month, agency)))
        rows = bulk_insert(conn, t, _stamp(frame, FINAL, run_id, at, agency))
        conn.execute(
            sa.insert(tt.tpp_month_close).values(
                agency=agency,
                month=month,
                closed_at=at,
                run_id=run_id,
                profile=str(frame[c.PROFILE].iloc[0]) if len(frame) else "",
                employees=len(frame),
                gross=int(frame[c.GROSS].sum()),
                net=int(frame[c.NET].sum()),
            )
        )
        return Outcome(month, True, rows, 0, at, run_id)


def final_rows(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """The month's final rows (empty when the month is not closed)."""
    with engine.connect() as conn:
        if _close_row(conn, month, agency) is None:
            return pd.DataFrame(columns=TPP_COLUMNS)
        return _rows(conn, tt.fact_tpp_monthly, month, agency)


def year_history(
    engine: sa.Engine, month: str, agency: str = "", through: bool = False
) -> pd.DataFrame:
    """The TPP rows of ``month``'s tax year before it (with it when ``through``), for the
    December / last-month PPh 21 true-up (rules/tpp/pph21.py) and the yearly summary: per NIP
    and month the latest recomputation of a closed month (what its adjustment lines brought the
    payment to), else the row in fact_tpp_monthly."""
    year = month[:4]
    before = month_after(month) if through else month
    frames = []
    with engine.connect() as conn:
        for table in (tt.fact_tpp_recomputed, tt.fact_tpp_monthly):
            cols = [table.c[col] for col in HISTORY_COLUMNS]
            query = sa.select(*cols).where(
                table.c[c.AGENCY] == agency,
                table.c.month >= f"{year}-01",
                table.c.month < before,
            )
            result = conn.execute(query)
            frames.append(pd.DataFrame(result.fetchall(), columns=HISTORY_COLUMNS))
    rows = pd.concat([f for f in frames if len(f)] or [frames[1]], ignore_index=True)
    rows = rows.drop_duplicates([c.NIP, c.MONTH], keep="first")  # the recomputation first
    rows[c.NPWP_MULTIPLIER] = rows[c.NPWP_MULTIPLIER].astype("string")
    for col in (c.NIP, c.MONTH, c.PPH21_MODE, c.PTKP_STATUS):
        rows[col] = rows[col].astype("string")
    return rows.reset_index(drop=True)


def month_after(month: str) -> str:
    """'2024-03' -> '2024-04', '2024-12' -> '2025-01'."""
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12}-{mon % 12 + 1:02d}"


def adjustment_lines(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """Every adjustment line of a month, oldest first."""
    a = tt.tpp_adjustment
    with engine.connect() as conn:
        result = conn.execute(
            sa.select(a).where(_of(a, month, agency)).order_by(a.c.created_at, a.c.nip)
        )
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    if frame.empty:
        return pd.DataFrame(columns=[*ADJUSTMENT_COLUMNS, "created_at"])
    for col in (c.PAID_NET, c.RECOMPUTED_NET, c.DIFFERENCE):
        frame[col] = frame[col].astype("int64")
    return frame


def unreadable_inputs(engine: sa.Engine, agency: str = "") -> list[tuple[str, str]]:
    """(file, message) of every inbox file the latest read of the inbox could not read, but
    the machines' exports (their days without data are gaps, decided one by one): a leave,
    e-Kinerja, payroll or reference file we failed to parse could charge people (TK on leave
    days, kinerja withheld, tax on a default PTKP), so a month is not final while one remains."""
    a = load_audit
    with engine.connect() as conn:
        run = conn.execute(
            sa.select(a.c.run_id)
            .where(a.c.partition_key == SNAPSHOT, a.c.agency == agency)
            .order_by(a.c.loaded_at.desc())
            .limit(1)
        ).scalar()
        if run is None:
            return []
        rows = conn.execute(
            sa.select(a.c.file, a.c.message)
            .where(
                a.c.run_id == run,
                a.c.agency == agency,
                a.c.status == "rejected",
                a.c.asset != "attendance_files",
            )
            .order_by(a.c.file)
        ).all()
    return [(str(f), str(m or "")) for f, m in rows]
