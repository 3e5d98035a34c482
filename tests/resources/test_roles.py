"""PostgreSQL production warehouse: versioned schema, a writer and a read-only reporter, the
reporting views without personal data, and one writer per table partition at a time."""

import threading
import time
import uuid

import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines import db
from resources.warehouse import engine as wh
from resources.warehouse.attendance import tables as attendance_tables
from resources.warehouse.migrate import SchemaNotCurrent, head_revision
from tests.conftest import E1, Pipeline

pytestmark = pytest.mark.postgres
PERSONAL = {"nama", "nik", "npwp", "no_npwp", "nonpwp", "rekening", "nm_bank", "raw", "name"}


@pytest.fixture
def roles(pg_url, monkeypatch):
    tag = uuid.uuid4().hex[:8]
    r = db.Roles(writer=f"kw_{tag}", reporter=f"kr_{tag}")
    monkeypatch.setenv("KINERJA_ADMIN_URL", pg_url)
    monkeypatch.setenv("KINERJA_WRITER_PASSWORD", f"w-{tag}'\"; DROP TABLE x; --")
    monkeypatch.setenv("KINERJA_REPORTER_PASSWORD", f"r-{tag}")
    yield r
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in (r.writer, r.reporter):
            conn.execute(sa.text(f'DROP OWNED BY "{name}" CASCADE'))
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()


def url_as(pg_url: str, user: str, password: str) -> str:
    return (
        sa.engine.make_url(pg_url)
        .set(username=user, password=password)
        .render_as_string(hide_password=False)
    )


def test_setup_roles_publish_as_writer_read_as_reporter(
    pg_url, roles, tmp_path, inbox, instance, monkeypatch
):
    import os

    lines = db.setup(roles)
    assert lines[-1].startswith("the reporter may read schema reporting only")
    writer = url_as(pg_url, roles.writer, os.environ["KINERJA_WRITER_PASSWORD"])
    reporter = url_as(pg_url, roles.reporter, os.environ["KINERJA_REPORTER_PASSWORD"])
    assert db.status(writer)[0].endswith(
        f"revision {head_revision()}, code {head_revision()} (current)"
    )
    p = Pipeline(inbox=inbox, state=tmp_path / "state", url=writer, instance=instance)
    assert p.run("2024-03").success

    engine = sa.create_engine(reporter)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT deduction_pct, unit_induk FROM reporting.discipline_monthly WHERE nip = :n"
            ),
            {"n": E1},
        ).one()
        assert (str(rows[0]), rows[1]) == ("15.7500", "Dinas Kesehatan")
        columns = {
            r[0]
            for r in conn.execute(
                sa.text(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                    "'reporting'"
                )
            )
        }
        assert columns and not (columns & PERSONAL)
    for forbidden in (
        "SELECT count(*) FROM public.fact_attendance_daily",
        "SELECT count(*) FROM public.quarantine",
        "DELETE FROM reporting.tpp_monthly",
    ):
        with (
            engine.connect() as conn,
            pytest.raises(sa.exc.ProgrammingError, match=r"permission denied|cannot delete"),
        ):
            conn.execute(sa.text(forbidden))
    engine.dispose()


def test_pipeline_refuses_a_postgres_warehouse_behind_the_code(pg_url):
    engine = wh.make_engine(pg_url)
    with pytest.raises(SchemaNotCurrent, match=r"run `python -m pipelines db upgrade`"):
        wh.create_schema(engine)
    engine.dispose()


def test_one_writer_per_table_partition(pg_url):
    db.run_upgrade(pg_url)
    engine = wh.make_engine(pg_url)
    t = attendance_tables.fact_discipline_monthly
    row = {
        "nip": E1,
        "month": "2024-03",
        "workdays": 18,
        "present_days": 18,
        **{f"tl{i}": 0 for i in range(1, 5)},
        **{f"psw{i}": 0 for i in range(1, 5)},
        "tk_days": 0,
        "leave_days": 0,
        "no_data_days": 0,
        "deduction_pct": "0.0000",
        "profile": "nasional",
    }
    frame = pd.DataFrame([row])
    done: dict[str, float] = {}

    def publish(key: str, month: str) -> None:
        wh.publish(
            engine, [wh.Replace(t, t.c.month == month, frame.assign(month=month), key=month)]
        )
        done[key] = time.monotonic()

    holder = engine.connect()
    tx = holder.begin()
    wh.lock_slices(holder, ["/fact_discipline_monthly:2024-03"])  # a writer of March is busy
    same = threading.Thread(target=publish, args=("same", "2024-03"))
    other = threading.Thread(target=publish, args=("other", "2024-04"))
    same.start()
    other.start()
    other.join(timeout=20)
    time.sleep(0.5)
    assert "other" in done and "same" not in done  # April went ahead, March waits its turn
    released = time.monotonic()
    tx.commit()
    holder.close()
    same.join(timeout=20)
    assert done["same"] >= released
    with engine.connect() as conn:
        months = conn.execute(sa.select(t.c.month).order_by(t.c.month)).scalars().all()
    assert months == ["2024-03", "2024-04"]
    engine.dispose()
