"""Production shape, for real: a code server, a webserver and a daemon on a PostgreSQL Dagster
instance (deploy/dagster.yaml as shipped), the warehouse on PostgreSQL.

While the daemon's own sensor and schedule runs compute the same months, a backfill launched
through GraphQL (what the UI's "Launch backfill" sends) recomputes them. Afterwards the
warehouse holds no duplicates and exactly what sequential runs produce.

Two months: the backfill, the new-months sensor and the nightly schedule all compute the last
one at the same time, and the sensor and the backfill the first (a third month added runs, not
overlap: the backfill left it to the sensor and the schedule).
"""

import datetime as dt
import time
import uuid

import dagster as dg
import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines import db
from pipelines.jobs import INBOX_ASSETS, MONTH_ASSETS
from resources.rulebook import load_profile
from synthetic.generator import generate
from tests.conftest import Pipeline
from tests.deploy_harness import Deployment, launch_asset_backfill, stop_schedule, wait_backfill

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
FACTS = {
    "fact_attendance_daily": ["nip", "work_date"],
    "fact_discipline_monthly": ["nip", "month"],
}


def months_ending_now(n: int) -> list[str]:
    today = dt.date.today()
    out = []
    for back in range(n - 1, -1, -1):
        y, m = today.year, today.month - back
        while m < 1:
            y, m = y - 1, m + 12
        out.append(f"{y}-{m:02d}")
    return out


def table(url: str, name: str) -> pd.DataFrame:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        query = sa.select(sa.literal_column("*")).select_from(sa.table(name))
        frame = pd.read_sql(query, conn, coerce_float=False)
    engine.dispose()
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
            frame[col] = frame[col].dt.tz_convert("UTC")
    return frame.astype("string").sort_values(FACTS[name]).reset_index(drop=True)


@pytest.fixture
def databases(pg_url):
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    tag = uuid.uuid4().hex[:8]
    names = {"dagster": f"dagster_{tag}", "warehouse": f"wh_{tag}"}
    with admin.connect() as conn:
        for name in names.values():
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = sa.engine.make_url(pg_url)
    yield base, names
    with admin.connect() as conn:
        for name in names.values():
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def wait_for_runs(instance: dg.DagsterInstance, timeout: float) -> list[dg.DagsterRun]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = instance.get_runs()
        busy = [r for r in runs if not r.is_finished]
        if runs and not busy:
            return runs
        time.sleep(2)
    raise TimeoutError("runs still in progress")


def test_daemon_backfill_sensor_schedule_and_concurrent_runs(
    tmp_path, databases, instance, monkeypatch
):
    base, names = databases
    months = months_ending_now(2)
    inbox = tmp_path / "inbox"
    generate(inbox, 24, months[0], 2, seed=11, profile=load_profile("nasional"))
    as_of = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    wh_url = base.set(database=names["warehouse"]).render_as_string(hide_password=False)
    db.run_upgrade(wh_url)
    dep = Deployment.create(
        tmp_path / "deploy",
        base.host or "127.0.0.1",
        base.port or 5432,
        base.username or "postgres",
        base.password or "",
        names["dagster"],
        {
            "KINERJA_INBOX": str(inbox),
            "KINERJA_STATE_DIR": str(tmp_path / "state"),
            "KINERJA_WAREHOUSE_URL": wh_url,
            "KINERJA_AS_OF": as_of,
            "KINERJA_NIGHTLY_CRON": "* * * * *",
            "KINERJA_AUTOMATION": "on",  # the schedule and sensors start running (production)
        },
    )
    try:
        dep.start()
        backfill = launch_asset_backfill(
            dep,
            [k.path[-1] for a in INBOX_ASSETS for k in a.keys],
            [k.path[-1] for a in MONTH_ASSETS for k in a.keys],
            months[0],
            months[1],
        )
        assert wait_backfill(dep, backfill, timeout=420) == "COMPLETED_SUCCESS", dep.log_tail()
        # the schedule ticks every minute here; wait for its run, then for every run to finish
        for key in (
            "DAGSTER_PG_HOST",
            "DAGSTER_PG_PORT",
            "DAGSTER_PG_USER",
            "DAGSTER_PG_PASSWORD",
            "DAGSTER_PG_DB",
        ):
            monkeypatch.setenv(key, dep.env[key])  # this process reads the same instance
        prod = dg.DagsterInstance.from_config(str(dep.home))
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not prod.get_runs(
            filters=dg.RunsFilter(tags={"dagster/schedule_name": "nightly"})
        ):
            time.sleep(3)
        # one nightly run is what this test needs: on a busy machine a run can take longer than
        # the minute between ticks, and the runs would never all be finished
        stop_schedule(dep, "nightly")
        runs = wait_for_runs(prod, timeout=420)
    finally:
        dep.stop()
    by = {}
    for run in runs:
        source = (
            run.tags.get("dagster/schedule_name")
            or run.tags.get("dagster/sensor_name")
            or ("backfill" if "dagster/backfill" in run.tags else "other")
        )
        by.setdefault(source, []).append(run)
    failed = [
        (r.job_name, r.tags.get("dagster/partition"), r.status)
        for r in runs
        if r.status != dg.DagsterRunStatus.SUCCESS
    ]
    assert not failed, f"{failed}\n{dep.log_tail()}"
    assert by.get("inbox_sensor"), "the inbox sensor did not tick"
    assert {r.tags.get("dagster/partition") for r in by.get("new_months_sensor", [])} == set(
        months
    )  # every month the new exports cover
    assert {r.tags.get("dagster/partition") for r in by["nightly"]} == {months[-1]}
    assert len(by["backfill"]) >= 3  # the inbox snapshot, then one run per month

    # sequential reference: the same inbox, month after month, in process
    reference = Pipeline(
        inbox=inbox,
        state=tmp_path / "ref-state",
        url=f"duckdb:///{tmp_path / 'ref.duckdb'}",
        instance=instance,
        as_of=as_of,
    )
    for month in months:
        assert reference.run(month).success
    for name, keys in FACTS.items():
        got = table(wh_url, name)
        assert not got.duplicated(keys).any(), name
        expected = table(reference.url, name)
        assert len(got) > 0
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=name)
