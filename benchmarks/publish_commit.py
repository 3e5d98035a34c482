"""Where a DuckDB publish spends its CPU (issue 24): the attendance month's slices of a 20k
warehouse, re-published into a fresh DuckDB file through ``resources.warehouse.engine.publish``.

    nice -n 10 .venv/bin/python benchmarks/publish_commit.py SOURCE.duckdb [--repeat 3]

SOURCE is a warehouse a ``benchmarks/run.py`` pass left (e.g. its kept work folder's
``warehouse.duckdb``); it is only read. Its attendance month (fact_attendance_daily,
fact_discipline_monthly, the month's gaps and the punches' quarantine) is read back as frames,
then published twice into a fresh, migrated file: ``first`` (empty tables) and ``again`` (the
month's previous rows deleted, the usual re-run). Each publish is split, in CPU seconds of this
process (DuckDB's threads included: ``time.process_time``), into

    work   : the transaction's statements (DELETE, Arrow → INSERT ... SELECT, the audit rows)
    commit : COMMIT (DuckDB writes the WAL, and checkpoints when it passes checkpoint_threshold)
    close  : closing the connection (NullPool: the file is closed, DuckDB checkpoints what the
             WAL still holds)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb
import pandas as pd
import sqlalchemy as sa

from resources.warehouse import engine as wh
from resources.warehouse import tables as wt
from resources.warehouse.attendance import tables as at
from vocabulary import columns as c


def month_frames(source: Path) -> tuple[str, dict[str, pd.DataFrame]]:
    con = duckdb.connect(str(source), read_only=True)
    try:
        month = con.execute("SELECT max(month) FROM fact_discipline_monthly").fetchone()[0]
        first, last = f"{month}-01", f"{month}-01"
        frames = {
            "fact_attendance_daily": con.execute(
                "SELECT * FROM fact_attendance_daily WHERE work_date BETWEEN ? AND "
                "last_day(CAST(? AS DATE))",
                [first, last],
            ).to_arrow_table(),
            "fact_discipline_monthly": con.execute(
                "SELECT * FROM fact_discipline_monthly WHERE month = ?", [month]
            ).to_arrow_table(),
            "attendance_gap": con.execute(
                "SELECT * FROM attendance_gap WHERE month = ?", [month]
            ).to_arrow_table(),
            "attendance_enrolment_gap": con.execute(
                "SELECT * FROM attendance_enrolment_gap WHERE month = ?", [month]
            ).to_arrow_table(),
            "quarantine": con.execute(
                "SELECT * FROM quarantine WHERE asset = 'attendance_punches' AND partition_key = ?",
                [month],
            ).to_arrow_table(),
        }
    finally:
        con.close()
    # Arrow → pandas keeps decimals as Decimal objects (exact), as the publish expects text.
    return month, {k: v.to_pandas().drop(columns=[c.AGENCY]) for k, v in frames.items()}


def replaces(month: str, frames: dict[str, pd.DataFrame]) -> list[wh.Replace]:
    daily_t, monthly_t, q_t = at.fact_attendance_daily, at.fact_discipline_monthly, wt.quarantine
    gap_t, enrol_t = at.attendance_gap, at.attendance_enrolment_gap
    first = pd.Timestamp(f"{month}-01").date()
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    return [
        wh.Replace(daily_t, daily_t.c.work_date.between(first, last), frames[daily_t.name], month),
        wh.Replace(monthly_t, monthly_t.c.month == month, frames[monthly_t.name], month),
        wh.Replace(gap_t, gap_t.c.month == month, frames[gap_t.name], month),
        wh.Replace(enrol_t, enrol_t.c.month == month, frames[enrol_t.name], month),
        wh.Replace(
            q_t,
            sa.and_(q_t.c.asset == "attendance_punches", q_t.c.partition_key == month),
            frames[q_t.name],
            key=f"attendance_punches:{month}",
        ),
    ]


class Clock:
    """CPU seconds between the transaction's begin, its COMMIT and the connection's close."""

    def __init__(self, engine: sa.Engine):
        self.marks: dict[str, float] = {}
        sa.event.listen(engine, "begin", lambda conn: self.mark("begin"))
        sa.event.listen(engine, "commit", lambda conn: self.mark("commit"))
        # NullPool: the DBAPI connection is closed when it is returned, after the commit.
        sa.event.listen(engine.pool, "checkin", lambda dbapi, rec: self.mark("checkin"))

    def mark(self, name: str) -> None:
        self.marks[name] = time.process_time()


def publish_once(engine: sa.Engine, clock: Clock, items: list[wh.Replace]) -> dict[str, float]:
    clock.marks.clear()
    start = time.process_time()
    wh.publish(engine, items)
    end = time.process_time()
    m = clock.marks
    # "checkin" fires before NullPool closes the connection: close = checkin → end.
    return {
        "work": m["commit"] - m["begin"],
        "commit": m["checkin"] - m["commit"],
        "close": end - m["checkin"],
        "total": end - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    month, frames = month_frames(args.source)
    rows = {k: len(v) for k, v in frames.items()}
    print(f"duckdb {duckdb.__version__}, month {month}, rows {rows}")
    results: dict[str, list[dict[str, float]]] = {"first": [], "again": []}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            engine = wh.make_engine(f"duckdb:///{tmp}/warehouse.duckdb", lock_wait=0)
            wh.create_schema(engine)
            clock = Clock(engine)
            items = replaces(month, frames)
            results["first"].append(publish_once(engine, clock, items))
            results["again"].append(publish_once(engine, clock, items))
            with engine.connect() as conn:
                n = conn.execute(sa.text("SELECT count(*) FROM fact_attendance_daily")).scalar()
            assert n == rows["fact_attendance_daily"], n
            engine.dispose()
    print("| publish | work CPU s | COMMIT CPU s | close CPU s | total CPU s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, runs in results.items():
        cells = []
        for part in ("work", "commit", "close", "total"):
            vals = [r[part] for r in runs]
            cells.append(f"{statistics.median(vals):.2f} ({min(vals):.2f}-{max(vals):.2f})")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
