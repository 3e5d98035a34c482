"""The TPP ledger on both warehouses (DuckDB file, real PostgreSQL): provisional rows, closing,
adjustment lines, and exact round trips of every money column."""

import pandas as pd
import pytest

from resources.warehouse.engine import create_schema, make_engine
from resources.warehouse.migrate import upgrade
from resources.warehouse.tpp import ledger as tpp_ledger
from resources.warehouse.tpp import read as tpp_read
from tests.rules.test_tpp import MONTH, X, Y, employees, payroll, predikat, run
from vocabulary import columns as c
from vocabulary.tpp import TPP_COLUMNS


def _month(units: dict[str, int]) -> pd.DataFrame:
    emp = employees({c.NIP: X}, {c.NIP: Y, c.KELAS_JABATAN: 7})
    # Y has no payroll row: its salary base is <NA> and must survive the round trip
    out = run(
        "nasional",
        emp=emp,
        units=units,
        pred=predikat({X: "baik", Y: "kurang"}),
        pay=payroll({X: 9_000_000}),
    )
    return out.reset_index()[TPP_COLUMNS]


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    url = (
        request.getfixturevalue("pg_url")
        if request.param == "postgres"
        else (f"duckdb:///{tmp_path}/w.duckdb")
    )
    eng = make_engine(url)
    if request.param == "postgres":  # a fresh database per test, migrated by the command
        upgrade(eng)
    create_schema(eng)
    yield eng
    eng.dispose()


def test_close_then_recompute(engine):
    first = _month({X: 70_000, Y: 0})
    assert tpp_ledger.publish_month(engine, first, MONTH, "run-1").rows == 2
    assert tpp_read.final_rows(engine, MONTH).empty  # provisional is not final
    closed = tpp_ledger.close_month(engine, first, MONTH, "run-2")
    assert (closed.closed, closed.rows) == (True, 2)
    assert tpp_ledger.close_month(engine, _month({X: 0, Y: 0}), MONTH, "run-3").rows == 0
    final = tpp_read.final_rows(engine, MONTH)
    pd.testing.assert_frame_equal(final[TPP_COLUMNS], first, check_dtype=False)
    assert set(final[c.STATUS]) == {"final"} and set(final[c.RUN_ID]) == {"run-2"}
    assert final[c.SALARY_BASE].isna().tolist() == [False, True]

    # X: kelas 13, Baik, 7 % of 11,628,681 = 814,007.67; gross 10,814,674; BPJS on 3,000,000
    second = _month({X: 20_000, Y: 0})  # 2 %: 232,573.62; gross 11,396,108
    outcome = tpp_ledger.publish_month(engine, second, MONTH, "run-4")
    assert (outcome.rows, outcome.adjustments) == (0, 1)
    assert tpp_ledger.publish_month(engine, second, MONTH, "run-5").adjustments == 0
    lines = tpp_read.adjustment_lines(engine, MONTH)
    cols = [c.NIP, c.PAID_NET, c.RECOMPUTED_NET, c.DIFFERENCE, c.REASON, c.RUN_ID]
    assert lines[cols].values.tolist() == [
        [X, 10_784_674, 11_366_108, 581_434, "discipline deduction % 7.0000 -> 2.0000", "run-4"]
    ]  # fmt: skip
    pd.testing.assert_frame_equal(tpp_read.final_rows(engine, MONTH)[TPP_COLUMNS], first,
                                  check_dtype=False)  # fmt: skip
