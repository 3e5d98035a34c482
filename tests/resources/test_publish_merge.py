"""A re-publish replaces a slice by key on DuckDB (``merge_slice``, issue 24) and by DELETE +
COPY on PostgreSQL: both leave exactly the new rows in the slice, the other slices and the other
agencies untouched; a key twice in the frame, or a key of another slice, fails and leaves the
previous rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import psycopg
import pytest
import sqlalchemy as sa

from pipelines import db
from resources.warehouse import engine as wh
from resources.warehouse.attendance import tables as at

T = at.attendance_enrolment_gap
# DuckDB's errors come through SQLAlchemy; PostgreSQL's COPY runs on psycopg's own cursor
REFUSED = (wh.DuplicateKey, sa.exc.DBAPIError, psycopg.Error)


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "duckdb":
        e = wh.make_engine(f"duckdb:///{tmp_path}/w.duckdb", lock_wait=0)
    else:
        url = request.getfixturevalue("pg_url")
        db.run_upgrade(url)
        e = wh.make_engine(url)
        with e.begin() as conn:
            conn.execute(sa.delete(T))
    wh.create_schema(e)
    yield e
    e.dispose()


def gaps(month: str, rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """(nip, first day, workdays) → attendance_enrolment_gap rows of ``month``."""
    y, m = map(int, month.split("-"))
    return pd.DataFrame(
        {
            "month": month,
            "nip": [r[0] for r in rows],
            "date_from": [dt.date(y, m, r[1]) for r in rows],
            "date_to": [dt.date(y, m, r[1] + r[2] - 1) for r in rows],
            "workdays": [r[2] for r in rows],
            "gap_reason": "no_pin",
            "decision": None,
            "decided_by": None,
            "run_id": f"run-{month}",
        }
    )


def put(engine, month: str, frame: pd.DataFrame, agency: str = "") -> dict[str, int]:
    return wh.publish(engine, [wh.Replace(T, T.c.month == month, frame, month)], agency=agency)


def contents(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(T.c.agency, T.c.month, T.c.nip, T.c.date_from, T.c.workdays, T.c.run_id)
        ).all()
    return sorted(tuple(r) for r in rows)


def test_republish_leaves_exactly_the_new_rows(engine):
    put(engine, "2024-03", gaps("2024-03", [("A", 4, 2), ("B", 4, 3), ("C", 11, 1)]))
    put(engine, "2024-04", gaps("2024-04", [("A", 1, 5)]))
    put(engine, "2024-03", gaps("2024-03", [("A", 4, 9)]), agency="other")
    new = gaps("2024-03", [("B", 4, 4), ("C", 11, 1), ("D", 18, 2)]).assign(run_id="run-2")
    assert put(engine, "2024-03", new) == {"attendance_enrolment_gap": 3}
    assert contents(engine) == [
        ("", "2024-03", "B", dt.date(2024, 3, 4), 4, "run-2"),
        ("", "2024-03", "C", dt.date(2024, 3, 11), 1, "run-2"),
        ("", "2024-03", "D", dt.date(2024, 3, 18), 2, "run-2"),
        ("", "2024-04", "A", dt.date(2024, 4, 1), 5, "run-2024-04"),
        ("other", "2024-03", "A", dt.date(2024, 3, 4), 9, "run-2024-03"),
    ]
    put(engine, "2024-03", gaps("2024-03", [])[:0])  # an empty month empties the slice
    assert [r[1:3] for r in contents(engine)] == [("2024-04", "A"), ("2024-03", "A")]


def test_a_key_twice_or_of_another_slice_fails_and_keeps_the_month(engine):
    put(engine, "2024-03", gaps("2024-03", [("A", 4, 2), ("B", 4, 3)]))
    before = contents(engine)
    twice = gaps("2024-03", [("A", 4, 2), ("A", 4, 5)])
    with pytest.raises(REFUSED):
        put(engine, "2024-03", twice)
    assert contents(engine) == before
    # a row of April published as part of March's slice collides with April's row
    put(engine, "2024-04", gaps("2024-04", [("A", 1, 5)]))
    before = contents(engine)
    stray = pd.concat([gaps("2024-03", [("C", 4, 1)]), gaps("2024-04", [("A", 1, 7)])])
    with pytest.raises(REFUSED):
        put(engine, "2024-03", stray)
    assert contents(engine) == before
