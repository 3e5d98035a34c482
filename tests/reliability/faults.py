"""Fault injection: a child process that publishes (a month to the warehouse, or a month's
finance files) over and over until it is killed, and the seeds that decide when to kill it.

The child prints ``begin <v>`` before and ``done <v>`` after each publish of version ``v``, so
the parent knows which versions may be in the warehouse after the kill: the last one done, or
the one that had begun (if its commit landed just before the kill).

    python -m tests.reliability.faults warehouse URL
    python -m tests.reliability.faults finance ROOT
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

MONTH = "2024-03"
DAYS = pd.date_range("2024-03-01", "2024-03-28", freq="B")  # 20 weekdays
CI_SEEDS = (1, 2, 3, 4)
SEEDS_ENV = "KINERJA_FAULT_SEEDS"
ROOT = Path(__file__).resolve().parents[2]


def seeds(default: tuple[int, ...] = CI_SEEDS) -> list[int]:
    """The seeds to try: KINERJA_FAULT_SEEDS ('1-200' or '3,7,11') for a long run, else the
    fixed CI list."""
    text = os.environ.get(SEEDS_ENV, "").strip()
    if not text:
        return list(default)
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def employees(version: int) -> int:
    """Each version has a different head count, so a mix of two versions shows in the counts."""
    return 400 + 150 * (version % 3)


def month_frames(version: int, month: str = MONTH) -> tuple[pd.DataFrame, pd.DataFrame]:
    """fact_attendance_daily and fact_discipline_monthly rows of one month, tagged with the
    version in ``profile``."""
    n = employees(version)
    nips = [f"19850912201001{i:04d}" for i in range(n)]
    days = DAYS if month == MONTH else pd.date_range(f"{month}-01", periods=20, freq="B")
    daily = pd.DataFrame(
        {
            "nip": pd.Series(nips, dtype="string").repeat(len(days)).reset_index(drop=True),
            "work_date": list(days) * n,
        }
    )
    start = daily["work_date"].dt.tz_localize("Asia/Jakarta") + pd.Timedelta(hours=7, minutes=30)
    daily = daily.assign(
        timezone="Asia/Jakarta",
        ramadan=False,
        schedule_start=start,
        schedule_end=start + pd.Timedelta(hours=8, minutes=30),
        first_in=start + pd.Timedelta(minutes=version % 50),
        last_out=start + pd.Timedelta(hours=9),
        late_minutes=version % 50,
        early_minutes=0,
        late_code="TL1" if version % 50 else None,
        early_code=None,
        absence_code=None,
        deduction_pct="0.5000" if version % 50 else "0.0000",
        profile=f"v{version}",
    )
    monthly = pd.DataFrame(
        {
            "nip": pd.Series(nips, dtype="string"),
            "month": month[:7],
            "workdays": len(days),
            "present_days": len(days),
            **{f"tl{i}": 0 for i in range(1, 5)},
            **{f"psw{i}": 0 for i in range(1, 5)},
            "tk_days": 0,
            "leave_days": 0,
            "no_data_days": 0,
            "deduction_pct": "0.0000",
            "profile": f"v{version}",
        }
    )
    return daily, monthly


def publish_month(engine, version: int, month: str = MONTH) -> None:
    """What warehouse_attendance_month does: both facts of the month and an audit row, in one
    transaction."""
    from resources.warehouse import engine as wh
    from resources.warehouse import tables as wt
    from resources.warehouse.attendance import tables as attendance_tables
    from vocabulary.units import month_bounds

    daily, monthly = month_frames(version, month)
    d, m = attendance_tables.fact_attendance_daily, attendance_tables.fact_discipline_monthly
    first, last = month_bounds(month)
    audit = pd.DataFrame(
        [
            {
                "asset": "warehouse_attendance_month",
                "partition_key": month,
                "run_id": f"v{version}",
                "file": "-",
                "sha256": None,
                "layout": None,
                "rows_in": len(daily),
                "rows_valid": len(daily),
                "rows_quarantined": 0,
                "status": "ok",
                "message": None,
                "loaded_at": pd.Timestamp("2024-04-01", tz="UTC"),
            }
        ]
    )
    wh.publish(
        engine,
        replace=[
            wh.Replace(d, d.c.work_date.between(first, last), daily, key=month),
            wh.Replace(m, m.c.month == month, monthly, key=month),
        ],
        append=[(wt.load_audit, audit)],
    )


def finance_set(version: int) -> dict[str, bytes]:
    """A month's finance files, every byte tagged with the version (about 3 MB in all)."""
    tag = f"v{version:06d}".encode()
    files = {
        f"daftar_nominatif_{MONTH}_unit_{u:02d}.xlsx": tag * (25_000 + 997 * u) for u in range(12)
    }
    files[f"tpp_{MONTH}.csv"] = tag * 40_000
    files[f"tpp_{MONTH}.parquet"] = tag * 9_000
    if version % 2:
        files[f"tpp_adjustment_{MONTH}.csv"] = tag * 100
    return files


def run_child(kind: str, target: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.faults", kind, target],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_at_random(child: subprocess.Popen, seed: int, window: float) -> tuple[int, int | None]:
    """Wait for the child to be ready, SIGKILL it at a random instant of ``window`` seconds
    (decided by ``seed``), and return (last version done, version begun and not done)."""
    ready = child.stdout.readline()
    assert ready.strip() == "ready", ready + child.stderr.read()
    time.sleep(random.Random(seed).uniform(0.05, window))
    child.send_signal(signal.SIGKILL)
    # read through child.stdout, not communicate(): readline() may already hold the lines that
    # followed "ready" in its buffer ("begin 1" and more), which communicate() never sees
    out = child.stdout.read()
    child.stderr.read()
    child.wait(timeout=30)
    done, begun = 0, None
    for line in out.splitlines():
        word, _, v = line.partition(" ")
        if word == "begin":
            begun = int(v)
        elif word == "done":
            done, begun = int(v), None
    assert child.returncode == -signal.SIGKILL
    return done, begun


def _main(kind: str, target: str) -> None:
    if kind == "warehouse":
        from resources.warehouse import engine as wh

        engine = wh.make_engine(target)
        if engine.dialect.name == "duckdb":
            wh.create_schema(engine)
        loop = lambda v: publish_month(engine, v)  # noqa: E731
    else:
        from resources.finance import write_month_set

        loop = lambda v: write_month_set(  # noqa: E731
            Path(target), MONTH, finance_set(v), owns=lambda n: not n.startswith("hr_report_")
        )
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    version = 1
    while True:
        sys.stdout.write(f"begin {version}\n")
        sys.stdout.flush()
        loop(version)
        sys.stdout.write(f"done {version}\n")
        sys.stdout.flush()
        version += 1


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2])
