"""The dialog kinerja in the warehouse, on DuckDB and on a real PostgreSQL (migration 0011): the
worked example's shares as exact decimals, the cases with their assignee, the month's and the
semester's tindak lanjut publishes leaving the dialog cases alone (and the other way round),
the month read model and the reporting view without NIPs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines import db
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import publish
from resources.warehouse.performance import tables as t
from resources.warehouse.performance.read import dialog_coverage_of_month
from rules.performance.dialog import dialog_kinerja
from tests.dialog_fixtures import ATASAN, P1, P2, UNIT, inputs
from vocabulary import columns as c


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request, tmp_path):
    if request.param == "duckdb":
        return WarehouseResource(url=f"duckdb:///{tmp_path}/w.duckdb")
    url = request.getfixturevalue("pg_url")
    db.run_upgrade(url)
    return WarehouseResource(url=url)


def _empty(table: sa.Table, **extra) -> pd.DataFrame:
    names = [col.name for col in table.columns if col.name != c.AGENCY]
    return pd.DataFrame({n: pd.Series(dtype="object") for n in [*names, *extra]})


def _cases(target) -> list[tuple]:
    f = t.fact_tindak_lanjut
    with target.engine().connect() as conn:
        rows = conn.execute(sa.select(f.c.nip, f.c.period, f.c.rule, f.c.assigned_to)).all()
    return sorted(tuple(r) for r in rows)


def test_dialog_slices_on_both_warehouses(target, nasional):
    result = dialog_kinerja(inputs(), nasional, dt.date(2024, 6, 30))
    written = publish.dialog(target, result.coverage, result.pegawai, result.penilai, result.cases)
    assert written == {
        "fact_dialog_coverage": 2,
        "fact_dialog_pegawai": 3,
        "fact_dialog_penilai": 1,
        "fact_tindak_lanjut": 1,
    }
    d = t.fact_dialog_coverage
    with target.engine().connect() as conn:
        row = conn.execute(
            sa.select(d.c.rhk_coverage_pct, d.c.pegawai_coverage_pct, d.c.median_lag_hari).where(
                d.c.unit == UNIT
            )
        ).one()
        view = conn.execute(sa.text("SELECT * FROM reporting.dialog_kinerja_per_unit")).keys()
    assert tuple(row) == (Decimal("83.33"), Decimal("66.67"), Decimal("-16.0"))
    assert not [col for col in view if "nip" in col]
    # the month's tindak lanjut replaces its own rules only, and the dialog publish its own
    month_case = pd.DataFrame(
        {c.UNIT: [UNIT], c.NIP: [P1], c.PERIOD: ["2024-Q1"], c.RULE: ["no_skp"],
         c.DETAIL: ["no SKP covering 2024-Q1"], c.SINCE: ["2024-Q1"], c.PERIODS: [pd.NA]}
    )  # fmt: skip
    lapkin = _empty(t.fact_lapkin_monthly, kinerja_pct_units=None)
    publish.cycle_month(target, "2024-Q1", lapkin, _empty(t.fact_lapkin_compliance), month_case)
    assert _cases(target) == [
        (P1, "2024-Q1", "no_skp", None),
        (P2, "2024-Q1", "dialog_none_before_rating", ATASAN),
    ]
    none = result.cases.head(0)
    publish.dialog(target, result.coverage, result.pegawai, result.penilai, none)
    assert _cases(target) == [(P1, "2024-Q1", "no_skp", None)]
    month = dialog_coverage_of_month(target, "2024-02")
    assert month[[c.UNIT, c.PERIOD, c.STATUS, "dialog_none_before_rating"]].values.tolist()[0] == [
        UNIT, "2024-Q1", "ada_data", 0
    ]  # fmt: skip
    assert month[c.RHK_COVERAGE_PCT].tolist()[0] == Decimal("83.33")
