"""A publishing process killed (SIGKILL) at random instants, for several seeds: the warehouse
holds the old month or the new month, never a mix, and a rerun converges to exactly what a clean
run leaves. The same for the finance files of a month close. KINERJA_FAULT_SEEDS tries more
seeds; the CI list is fixed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines import db
from resources.finance import write_month_set
from resources.warehouse import engine as wh
from resources.warehouse import tables as wt
from tests.reliability import faults

FACTS = ("fact_attendance_daily", "fact_discipline_monthly")
FINAL = 1000  # the version a rerun publishes


def dump(url: str, table: str) -> pd.DataFrame:
    engine = wh.make_engine(url)
    try:
        with engine.connect() as conn:
            frame = pd.read_sql(sa.select(wt.quarantine.metadata.tables[table]), conn)
    finally:
        engine.dispose()
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def month_versions(url: str) -> dict[str, dict[str, int]]:
    """Per table and month: how many rows each version tag has (counted by the database)."""
    out: dict[str, dict[str, int]] = {}
    engine = wh.make_engine(url)
    try:
        with engine.connect() as conn:
            for table in FACTS:
                t = wt.quarantine.metadata.tables[table]
                month = t.c.month if "month" in t.c else sa.func.strftime(t.c.work_date, "%Y-%m")
                if engine.dialect.name == "postgresql" and "month" not in t.c:
                    month = sa.func.to_char(t.c.work_date, "YYYY-MM")
                query = sa.select(month, t.c.profile, sa.func.count()).group_by(month, t.c.profile)
                for m, tag, n in conn.execute(query):
                    out.setdefault(f"{table}:{m}", {})[tag] = int(n)
    finally:
        engine.dispose()
    return out


def expected_rows(version: int) -> dict[str, int]:
    n = faults.employees(version)
    return {"fact_attendance_daily": n * len(faults.DAYS), "fact_discipline_monthly": n}


def crash_and_rerun(url: str, seed: int, clean_url: str) -> None:
    engine = wh.make_engine(url)
    wh.create_schema(engine)
    faults.publish_month(engine, 7, "2024-04")  # another month, never touched by the crash
    engine.dispose()
    done, begun = faults.kill_at_random(faults.run_child("warehouse", url), seed, window=2.5)
    versions = month_versions(url)
    april = {t: {"v7": rows} for t, rows in expected_rows(7).items()}
    for table, rows in april.items():
        assert versions.pop(f"{table}:2024-04") == rows, "the other month was touched"
    possible = {v for v in (done, begun) if v}
    if not versions:  # killed before the first commit: the month was never published
        assert done == 0
    else:
        tags = {tag for per_table in versions.values() for tag in per_table}
        assert len(tags) == 1, f"a mix of versions: {versions}"
        (tag,) = tags
        assert int(tag[1:]) in possible, (tag, done, begun)
        for table, n in expected_rows(int(tag[1:])).items():
            assert versions[f"{table}:2024-03"] == {tag: n}, versions
    # the rerun converges to a clean run: the same facts, whatever the crash left
    for target in (url, clean_url):
        engine = wh.make_engine(target)
        wh.create_schema(engine)
        if target == clean_url:
            faults.publish_month(engine, 7, "2024-04")
        faults.publish_month(engine, FINAL)
        engine.dispose()
    for table in FACTS:
        pd.testing.assert_frame_equal(dump(url, table), dump(clean_url, table), obj=table)
    # the audit is written in the facts' transaction: a row for every publish that committed
    # (versions 1..done, or 1..begun when its commit landed just before the kill) and the rerun,
    # never one for a publish the kill cut short
    audit = dump(url, "load_audit")
    march = set(audit.loc[audit.partition_key == "2024-03", "run_id"])
    committed = {f"v{v}" for v in range(1, done + 1)}
    allowed = [committed, committed | ({f"v{begun}"} if begun else set())]
    assert march - {f"v{FINAL}"} in allowed, (march, done, begun)
    assert f"v{FINAL}" in march
    assert set(audit.loc[audit.partition_key == "2024-04", "run_id"]) == {"v7"}


@pytest.mark.parametrize("seed", faults.seeds())
def test_killed_duckdb_publish_leaves_old_or_new_month(tmp_path, seed):
    crash_and_rerun(f"duckdb:///{tmp_path}/w.duckdb", seed, f"duckdb:///{tmp_path}/clean.duckdb")


@pytest.fixture
def pg_urls(pg_url, request):
    """The test's fresh database and a second one for the clean run."""
    import uuid

    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"kinerja_clean_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    clean = sa.engine.make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    for url in (pg_url, clean):
        db.run_upgrade(url)
    yield pg_url, clean
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("seed", faults.seeds(faults.CI_SEEDS[:3]))
def test_killed_postgres_publish_leaves_old_or_new_month(pg_urls, seed):
    url, clean = pg_urls
    crash_and_rerun(url, seed, clean)


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("seed", faults.seeds())
def test_killed_close_leaves_old_or_new_finance_files(tmp_path, seed):
    root = tmp_path / "finance"
    charts = {f"hr_report_{faults.MONTH}_predikat.png": b"png"}
    write_month_set(root, faults.MONTH, charts, owns=lambda n: n.startswith("hr_report_"))
    done, begun = faults.kill_at_random(faults.run_child("finance", str(root)), seed, window=2.0)
    month = root / faults.MONTH
    seen = {p.name: p.read_bytes() for p in month.iterdir()}
    assert seen.pop(next(iter(charts))) == b"png"  # the other asset's files are carried over
    tags = {data[:7] for data in seen.values()}
    assert len(tags) == 1, f"a mix of sets: {sorted(tags)}"
    version = int(tags.pop()[1:])
    assert version in {v for v in (done, begun) if v}
    assert seen == faults.finance_set(version), "a file is missing, extra or half-written"
    # a rerun converges: the same folder as a clean close, and no half-written set left behind
    clean = tmp_path / "clean"
    for target in (root, clean):
        if target == clean:
            write_month_set(target, faults.MONTH, charts, owns=lambda n: n.startswith("hr_report_"))
        write_month_set(
            target,
            faults.MONTH,
            faults.finance_set(FINAL),
            owns=lambda n: not n.startswith("hr_report_"),
        )
    assert digest(month) == digest(clean / faults.MONTH)
    hidden = sorted(p.name for p in root.iterdir() if p.name.startswith("."))
    assert len([h for h in hidden if not h.endswith(".lock")]) == 1, hidden  # the current set


@pytest.mark.faults_long
@pytest.mark.parametrize("seed", faults.seeds((1, 2, 3)))
def test_killed_cli_run_then_rerun_converges(tmp_path, instance, seed):
    """`python -m pipelines run --month` killed at a random instant of its run: every fact table
    of the month is empty (never published) or complete, and a rerun equals a clean run."""
    import random
    import shutil
    import signal
    import time

    from tests.conftest import MARCH_2024
    from tests.reliability.test_concurrency import FACTS as RUN_FACTS
    from tests.reliability.test_concurrency import cli_run, facts, reference

    shutil.copytree(MARCH_2024, tmp_path / "inbox")
    expected = reference(tmp_path, instance)
    child = cli_run(tmp_path, None, "killed")
    time.sleep(random.Random(seed).uniform(3.0, 15.0))
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    url = f"duckdb:///{tmp_path}/state/warehouse.duckdb"
    if (tmp_path / "state" / "warehouse.duckdb").exists():
        try:
            crashed = facts(url)
        except Exception:  # killed before the schema was complete: nothing was published
            crashed = {}
        for name, frame in crashed.items():  # never published, or the whole month
            if not frame.empty:
                pd.testing.assert_frame_equal(frame, expected[name], check_dtype=False, obj=name)
    rerun = cli_run(tmp_path, None, "rerun")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err[-2000:]
    got = facts(url)
    for name in RUN_FACTS:
        pd.testing.assert_frame_equal(got[name], expected[name], check_dtype=False, obj=name)
