"""The TPP ledger in the warehouse: provisional months, closing a month, adjustment lines.

Each operation is one transaction that first takes the month's lock (a PostgreSQL advisory lock;
DuckDB has a single writer), so a nightly run, a backfill and a close of the same month never
interleave:

- ``publish_month``: an open month's rows are replaced (status provisional); a closed month's
  final rows are left untouched and the recomputation becomes adjustment lines
  (rules/tpp/adjustments.py) plus its own copy in ``fact_tpp_recomputed``;
- ``close_month``: marks the month final with the given rows and records the close; closing a
  closed month changes nothing.
- ``publish_thr13``: the THR / gaji-13 paid in a month (``fact_tpp_thr_gaji13``) are replaced
  while the month is open; once it is closed they are what was paid and a recomputation becomes
  ``tpp_thr_gaji13_adjustment`` lines (rules/tpp/thr13.py ``thr13_adjustments``).

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
from rules.tpp.thr13 import FACT_COLUMNS as THR13_COLUMNS
from rules.tpp.thr13 import thr13_adjustments
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


def publish_thr13(
    engine: sa.Engine, fact: pd.DataFrame, month: str, run_id: str, agency: str = ""
) -> Outcome:
    """Publish the THR / gaji-13 paid in ``month``: its rows while the month is open; adjustment
    lines against the rows paid at the close once it is closed (under the month's lock, so a
    close and this publish never interleave)."""
    at = now_utc()
    t, a = tt.fact_tpp_thr_gaji13, tt.tpp_thr_gaji13_adjustment
    with engine.begin() as conn:
        _lock(conn, month, agency)
        closed = close_row(conn, month, agency)
        mine = sa.and_(t.c.pay_month == month, t.c[c.AGENCY] == agency)
        if closed is None:
            conn.execute(sa.delete(t).where(mine))
            frame = fact[THR13_COLUMNS].assign(**{c.RUN_ID: run_id, c.AGENCY: agency})
            return Outcome(month, False, bulk_insert(conn, t, frame), 0)
        paid = pd.read_sql(sa.select(*(t.c[col] for col in THR13_COLUMNS)).where(mine), conn)
        prior = pd.read_sql(
            sa.select(a.c.nip, a.c.kind, a.c.difference).where(
                a.c.pay_month == month, a.c[c.AGENCY] == agency
            ),
            conn,
        )
        lines = thr13_adjustments(paid, prior, fact[THR13_COLUMNS], run_id)
        written = (
            bulk_insert(conn, a, lines.assign(created_at=at, **{c.AGENCY: agency}))
            if len(lines)
            else 0
        )
        return Outcome(month, True, 0, written, closed.closed_at, closed.run_id)
