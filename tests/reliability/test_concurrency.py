"""Two runs of the same month at once. DuckDB (one writer process per file): a run that finds
the file locked waits for it (KINERJA_DUCKDB_LOCK_WAIT) and fails with a message that says who
holds it and what to do only when the wait runs out. PostgreSQL: the per-partition advisory
locks make the two publishers take turns. Either way nothing is duplicated and the warehouse
holds exactly what one run leaves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines import db
from resources.warehouse import engine as wh
from resources.warehouse import tables as wt
from tests.conftest import MARCH_2024
from tests.reliability.faults import ROOT

MONTH = "2024-03"
AS_OF = "2026-11-24T00:00:00+00:00"
FACTS = {
    "fact_attendance_daily": ["nip", "work_date"],
    "fact_discipline_monthly": ["nip", "month"],
    "dim_employee": ["nip"],
    "fact_tpp_monthly": ["nip", "month"],
}
VOLATILE = ["run_id", "computed_at"]
HOLD = (
    "import duckdb, sys, time\n"
    "c = duckdb.connect(sys.argv[1]); c.execute('CREATE TABLE IF NOT EXISTS _held (x INT)')\n"
    "print('holding', flush=True); time.sleep(float(sys.argv[2])); c.close()\n"
)


def facts(url: str) -> dict[str, pd.DataFrame]:
    engine = wh.make_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            for name, keys in FACTS.items():
                table = wt.quarantine.metadata.tables[name]
                frame = pd.read_sql(sa.select(table), conn)
                assert not frame.duplicated(keys).any(), f"{name} has duplicated rows"
                frame = frame.drop(columns=[c for c in VOLATILE if c in frame.columns])
                out[name] = frame.sort_values(keys).reset_index(drop=True)
    finally:
        engine.dispose()
    return out


def cli_run(tmp: Path, url: str | None, tag: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KINERJA_INBOX": str(tmp / "inbox"),
        "KINERJA_STATE_DIR": str(tmp / "state"),
        "KINERJA_AS_OF": AS_OF,
        "DAGSTER_HOME": str(tmp / f"home_{tag}"),  # each launcher its own run history
    }
    env.pop("KINERJA_WAREHOUSE_URL", None)
    if url:
        env["KINERJA_WAREHOUSE_URL"] = url
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines", "run", "--month", MONTH],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reference(computed_months, tmp: Path, instance) -> dict[str, pd.DataFrame]:
    """What one in-process run of the same inbox leaves (tmp_inbox is the March 2024 fixture),
    computed once per test process (conftest.ComputedMonths)."""
    return facts(computed_months.copy("march2024", tmp / "ref", instance).url)


def two_runs_at_once(tmp: Path, url: str | None) -> None:
    runs = [cli_run(tmp, url, tag) for tag in ("a", "b")]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-3000:]
        assert f"Run for {MONTH} finished" in out


@pytest.fixture
def tmp_inbox(tmp_path):
    import shutil

    shutil.copytree(MARCH_2024, tmp_path / "inbox")
    return tmp_path


@pytest.mark.slow
def test_two_duckdb_runs_of_one_month_take_turns(tmp_inbox, instance, computed_months):
    two_runs_at_once(tmp_inbox, None)
    got = facts(f"duckdb:///{tmp_inbox}/state/warehouse.duckdb")
    expected = reference(computed_months, tmp_inbox, instance)
    for name in FACTS:
        pd.testing.assert_frame_equal(got[name], expected[name], check_dtype=False, obj=name)


@pytest.mark.slow
@pytest.mark.postgres
def test_two_postgres_runs_of_one_month_take_turns(tmp_inbox, instance, pg_url, computed_months):
    db.run_upgrade(pg_url)
    two_runs_at_once(tmp_inbox, pg_url)
    got = facts(pg_url)
    expected = reference(computed_months, tmp_inbox, instance)
    for name in FACTS:
        pd.testing.assert_frame_equal(got[name], expected[name], check_dtype=False, obj=name)


def hold_duckdb_file(path: Path, seconds: float) -> subprocess.Popen:
    """Another process with the warehouse file open (a DuckDB CLI, a BI tool, another run)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_locked_duckdb_file_is_waited_for(tmp_path):
    path = tmp_path / "w.duckdb"
    holder = hold_duckdb_file(path, 1.5)
    started = time.monotonic()
    engine = wh.make_engine(f"duckdb:///{path}", lock_wait=30)
    wh.create_schema(engine)  # blocks until the holder lets go, then goes ahead
    engine.dispose()
    assert time.monotonic() - started >= 1.0
    holder.wait(timeout=10)


def test_a_duckdb_file_locked_too_long_fails_with_what_to_do(tmp_path):
    path = tmp_path / "w.duckdb"
    holder = hold_duckdb_file(path, 30)
    try:
        engine = wh.make_engine(f"duckdb:///{path}", lock_wait=1)
        with pytest.raises(wh.WarehouseBusy) as err:
            wh.create_schema(engine)
        message = str(err.value)
        assert f"the warehouse file {path} is in use by PID {holder.pid}" in message
        assert "stayed locked for 1 s" in message
        assert "Close that program or let the other run finish, then run again" in message
        assert "KINERJA_DUCKDB_LOCK_WAIT" in message
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_the_cli_names_the_lock_holder_instead_of_a_stack_trace(tmp_inbox, monkeypatch, capsys):
    from pipelines.cli import main

    state = tmp_inbox / "state"
    state.mkdir()
    # held for the whole run (killed below), however slow the machine is
    holder = hold_duckdb_file(state / "warehouse.duckdb", 900)
    try:
        for key, value in {
            "KINERJA_INBOX": str(tmp_inbox / "inbox"),
            "KINERJA_STATE_DIR": str(state),
            "KINERJA_DUCKDB_LOCK_WAIT": "1",
            "KINERJA_LOG_LEVEL": "CRITICAL",
        }.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("DAGSTER_HOME", raising=False)
        monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
        assert main(["run", "--month", MONTH]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert f"Run for {MONTH} FAILED" in err
    assert f": the warehouse file {state / 'warehouse.duckdb'} is in use by PID {holder.pid}" in err
    assert "Traceback" not in err and "IOException" not in err
    assert "not a known input problem" not in err  # the message says what to do
