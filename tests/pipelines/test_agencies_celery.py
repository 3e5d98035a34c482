"""Scale-out: a month partitioned by agency, one step per agency, on Dagster's Celery executor
with two worker processes on this machine's RabbitMQ, publishing to one PostgreSQL warehouse."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines import db
from resources.rulebook import load_profile
from synthetic.generator import generate
from tests.conftest import Pipeline

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
BROKER_ENV = "KINERJA_TEST_CELERY_BROKER"
AGENCIES = ("kab-a", "kab-b", "kota-c")


@pytest.fixture
def broker() -> str:
    url = os.environ.get(BROKER_ENV) or "pyamqp://guest@127.0.0.1:5672//"
    host, port = "127.0.0.1", 5672
    with socket.socket() as s:
        if s.connect_ex((host, port)) != 0:
            pytest.skip(f"no RabbitMQ on {host}:{port} ({BROKER_ENV} to point elsewhere)")
    return url


def frame(url: str, agency: str | None = None) -> pd.DataFrame:
    engine = sa.create_engine(url)
    query = "SELECT * FROM fact_discipline_monthly"
    with engine.connect() as conn:
        got = pd.read_sql(sa.text(query), conn, coerce_float=False)
    engine.dispose()
    if agency is not None:
        got = got[got.agency == agency]
    return got.drop(columns=["agency"]).astype("string").sort_values("nip").reset_index(drop=True)


def test_agencies_fan_out_over_two_celery_workers(tmp_path, pg_url, broker, instance, monkeypatch):
    for i, agency in enumerate(AGENCIES):
        generate(
            tmp_path / "inbox" / agency,
            40,
            "2024-03",
            1,
            seed=20 + i,
            profile=load_profile("nasional"),
        )
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    queue = f"kinerja_test_{uuid.uuid4().hex[:8]}"  # no other worker may take these steps
    env = {
        "DAGSTER_HOME": str(home),
        "KINERJA_INBOX": str(tmp_path / "inbox"),
        "KINERJA_STATE_DIR": str(tmp_path / "state"),
        "KINERJA_WAREHOUSE_URL": pg_url,
        "KINERJA_CELERY_BROKER": broker,
        "KINERJA_CELERY_BACKEND": "rpc://",
        "KINERJA_CELERY_QUEUE": queue,
        "KINERJA_AS_OF": "2026-11-24T00:00:00+00:00",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    db.run_upgrade(pg_url)
    workers = [
        subprocess.Popen(
            [
                str(Path(sys.executable).with_name("celery")),
                "-A",
                "pipelines.celery_app",
                "worker",
                "-c",
                "1",
                "-n",
                f"w{i}-{queue}@%h",
                "-Q",
                queue,
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=open(tmp_path / f"worker{i}.log", "w"),  # noqa: SIM115 (lives with the worker)
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for i in (1, 2)
    ]
    try:
        time.sleep(5)
        sys.modules.pop("pipelines.agencies", None)  # QUEUE is read when the location loads
        from pipelines.agencies import agency_month_job

        with dg.DagsterInstance.get() as prod:
            result = dg.execute_job(
                dg.reconstructable(agency_month_job),
                instance=prod,
                tags={"dagster/partition": "2024-03"},
            )
            assert result.success, [e.message for e in result.all_events if e.is_failure]
            pids = {
                e.event_specific_data.metadata["worker_pid"].value
                for e in result.all_events
                if e.event_type_value == "STEP_OUTPUT" and e.step_key.startswith("agency_month")
            }
    finally:
        for w in workers:
            os.killpg(w.pid, signal.SIGTERM)
        for w in workers:
            w.wait(timeout=30)
    assert len(pids) == 2, "both worker processes must have taken agency steps"

    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        per_agency = conn.execute(
            sa.text(
                "SELECT agency, count(*) FROM fact_discipline_monthly "
                "GROUP BY agency ORDER BY agency"
            )
        ).all()
    engine.dispose()
    assert [a for a, _ in per_agency] == list(AGENCIES)
    # each agency's slice is exactly what a single-agency deployment computes from its inbox
    single = Pipeline(
        inbox=tmp_path / "inbox" / "kab-b",
        state=tmp_path / "single",
        url=f"duckdb:///{tmp_path / 'single.duckdb'}",
        instance=instance,
        as_of=env["KINERJA_AS_OF"],
    )
    assert single.run("2024-03").success
    pd.testing.assert_frame_equal(frame(pg_url, "kab-b"), frame(single.url), check_dtype=False)
