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

from resources.warehouse.engine import bulk_insert, lock_slices, now_utc
from resources.warehouse.tpp import tables as tt
from resources.warehouse.tpp.read import close_row, month_rows, of_month
from rules.tpp.adjustments import adjustments
from rules.tpp.compute import as_tpp_frame
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
        closed = close_row(conn, month, agency)
        if closed is None:
            t = tt.fact_tpp_monthly
            conn.execute(sa.delete(t).where(of_month(t, month, agency)))
            rows = bulk_insert(conn, t, _stamp(frame, PROVISIONAL, run_id, at, agency))
            return Outcome(month, False, rows, 0)
        final = month_rows(conn, tt.fact_tpp_monthly, month, agency)
        basis = month_rows(conn, tt.fact_tpp_recomputed, month, agency)
        a = tt.tpp_adjustment
        prior = pd.read_sql(
            sa.select(a.c.nip, a.c.difference).where(of_month(a, month, agency)), conn
        )
        lines = adjustments(final, prior, basis, as_tpp_frame(frame), month, run_id)
        written = (
            bulk_insert(conn, a, lines.assign(created_at=at, **{c.AGENCY: agency}))
            if len(lines)
            else 0
        )
        r = tt.fact_tpp_recomputed
        conn.execute(sa.delete(r).where(of_month(r, month, agency)))
        bulk_insert(conn, r, _stamp(frame, RECOMPUTED, run_id, at, agency))
        return Outcome(month, True, 0, written, closed.closed_at, closed.run_id)


def close_month(
    engine: sa.Engine, frame: pd.DataFrame, month: str, run_id: str, agency: str = ""
) -> Outcome:
    """Mark a month final with ``frame`` (the run's computation) unless it is already closed."""
    at = now_utc()
    with engine.begin() as conn:
        _lock(conn, month, agency)
        closed = close_row(conn, month, agency)
        if closed is not None:
            return Outcome(month, True, 0, 0, closed.closed_at, closed.run_id)
        t = tt.fact_tpp_monthly
        conn.execute(sa.delete(t).where(of_month(t, month, agency)))
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
