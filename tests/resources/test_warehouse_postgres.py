"""The same pipeline publishes the same table contents to PostgreSQL as to DuckDB."""

import pandas as pd
import pytest

from pipelines import db
from tests.conftest import Pipeline

pytestmark = pytest.mark.postgres
TABLES = {
    "fact_attendance_daily": ["nip", "work_date"],
    "fact_discipline_monthly": ["nip", "month"],
    "dim_employee": ["nip"],
    "quarantine": ["asset", "file", "line"],
}


def normalised(p: Pipeline, table: str) -> pd.DataFrame:
    frame = p.table(table, TABLES[table], drop=["run_id"] if table == "quarantine" else ())
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
            frame[col] = frame[col].dt.tz_convert("UTC").astype("string")
        elif frame[col].dtype == object or str(frame[col].dtype).startswith("datetime"):
            frame[col] = frame[col].astype("string")
    return frame.astype("string")


def test_postgres_and_duckdb_hold_identical_months(computed_months, pg_url, tmp_path, instance):
    db.run_upgrade(pg_url)  # a PostgreSQL warehouse is migrated by the command, not the run
    # March on DuckDB, computed once per test process (conftest.ComputedMonths)
    pipeline = computed_months.copy("march2024", tmp_path / "duckdb", instance)
    pg = Pipeline(inbox=pipeline.inbox, state=tmp_path / "pg-state", url=pg_url, instance=instance)
    assert pg.run("2024-03").success
    assert pg.run("2024-03").success  # publishing twice replaces, never duplicates
    for table in TABLES:
        duck, post = normalised(pipeline, table), normalised(pg, table)
        assert len(post) > 0, table
        pd.testing.assert_frame_equal(duck, post, check_dtype=False, obj=table)
    audit = pg.table("load_audit")
    assert (audit.rows_in == audit.rows_valid + audit.rows_quarantined).all()
    assert audit.run_id.nunique() == 2
