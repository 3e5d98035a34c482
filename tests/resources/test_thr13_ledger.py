"""THR / gaji-13 of a closed pay month on both warehouses (DuckDB file, real PostgreSQL): what
was paid at the close stays, a recomputation writes adjustment lines for the difference, as the
monthly TPP ledger does (issue 21). TER B of PP 58/2023 (rules/tax/pph21.yaml), by hand."""

import datetime as dt

import pandas as pd
import pytest

from resources.rulebook import load_profile
from resources.warehouse.engine import create_schema, make_engine
from resources.warehouse.migrate import upgrade
from resources.warehouse.tpp import ledger as tpp_ledger
from resources.warehouse.tpp import read as tpp_read
from rules.tpp.thr13 import FACT_COLUMNS, thr13_payments, with_tax
from tests.resources.test_tpp_ledger import _month
from vocabulary import columns as c

RULE = (
    load_profile("nasional")
    .version_for(dt.date(2024, 4, 1))
    .tpp.thr_13.years[2024]
    .model_copy(update={"pph_borne_by_government": {"pns": True, "pppk": False}})
)
A = "198501012010011001"  # PNS K/1: the tax is borne
B = "199001012020122002"  # PPPK K/1: the tax is deducted (the rule's variant above)
APRIL = "2024-04"


def _thr(march: dict[str, int], thr_tax: dict[str, int]) -> pd.DataFrame:
    """April's THR on March's TPP ``march``; ``thr_tax`` = April's TER tax with it - without."""
    reference = pd.DataFrame(
        {
            c.NIP: [A, B],
            c.UNIT_INDUK: "Dinas Kesehatan",
            c.EMPLOYEE_KIND: ["pns", "pppk"],
            c.GROSS: [march[A], march[B]],
            c.CEILING: [6_000_000, 3_500_000],
            c.CPNS_FACTOR: "1.000000",
        }
    )
    payments = thr13_payments(
        reference, pd.Series([A, B]), pd.DataFrame(), "thr", "2024-03", APRIL, RULE
    )
    april = pd.DataFrame({c.NIP: [A, B], c.PPH21_THR13: [thr_tax[A], thr_tax[B]]})
    return with_tax(payments, april)


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    url = (
        request.getfixturevalue("pg_url")
        if request.param == "postgres"
        else f"duckdb:///{tmp_path}/w.duckdb"
    )
    eng = make_engine(url)
    if request.param == "postgres":
        upgrade(eng)
    create_schema(eng)
    yield eng
    eng.dispose()


def test_a_closed_pay_month_keeps_what_was_paid_and_adjusts(engine):
    # A: April TER base without THR 8,457,600 (1 % = 84,576); + THR 5,000,000 = 13,457,600 at
    # 4 % = 538,304: THR tax 453,728, borne. B: base 6,000,000 (0 %); + THR 3,000,000 =
    # 9,000,000 at 1 % = 90,000, deducted: net 2,910,000.
    paid = _thr({A: 5_000_000, B: 3_000_000}, {A: 453_728, B: 90_000})
    assert tpp_ledger.publish_thr13(engine, paid, APRIL, "run-1").rows == 2
    april = _month({}).assign(**{c.MONTH: APRIL})
    assert tpp_ledger.close_month(engine, april, APRIL, "run-close").rows == 2

    # after the close a late leave approval cuts A's March TPP to 4,800,000 (13,257,600 at 4 %
    # = 530,304: tax 445,728), and B's wrongly applied March cut is lifted: 3,300,000
    # (9,300,000 at 1.5 % = 139,500: net 3,160,500)
    again = _thr({A: 4_800_000, B: 3_300_000}, {A: 445_728, B: 139_500})
    outcome = tpp_ledger.publish_thr13(engine, again, APRIL, "run-2")
    assert (outcome.closed, outcome.rows, outcome.adjustments) == (True, 0, 2)
    assert tpp_ledger.publish_thr13(engine, again, APRIL, "run-3").adjustments == 0
    lines = tpp_read.thr13_adjustment_lines(engine, APRIL)
    cols = [c.NIP, c.KIND, c.PAID_TPP_AMOUNT, c.RECOMPUTED_TPP_AMOUNT, c.PAID_PPH21,
            c.RECOMPUTED_PPH21, c.PAID_NET, c.RECOMPUTED_NET, c.DIFFERENCE, c.REASON,
            c.RUN_ID]  # fmt: skip
    assert lines[cols].values.tolist() == [
        [A, "thr", 5_000_000, 4_800_000, 453_728, 445_728, 5_000_000, 4_800_000, -200_000,
         "TPP 5,000,000 -> 4,800,000; PPh 21 453,728 -> 445,728", "run-2"],
        [B, "thr", 3_000_000, 3_300_000, 90_000, 139_500, 2_910_000, 3_160_500, 250_500,
         "TPP 3,000,000 -> 3,300,000; PPh 21 90,000 -> 139,500", "run-2"],
    ]  # fmt: skip
    kept = tpp_read.thr13_rows(engine, APRIL)[FACT_COLUMNS]
    pd.testing.assert_frame_equal(kept, paid[FACT_COLUMNS], check_dtype=False)

    # the leave approval is withdrawn: A is back at what was paid, the line is reversed
    undone = _thr({A: 5_000_000, B: 3_300_000}, {A: 453_728, B: 139_500})
    assert tpp_ledger.publish_thr13(engine, undone, APRIL, "run-4").adjustments == 1
    last = tpp_read.thr13_adjustment_lines(engine, APRIL).iloc[-1]
    assert (last[c.NIP], last[c.DIFFERENCE], last[c.REASON]) == (
        A, 200_000, "earlier adjustment undone",
    )  # fmt: skip


def test_an_open_pay_month_is_replaced(engine):
    first = _thr({A: 5_000_000, B: 3_000_000}, {A: 453_728, B: 90_000})
    tpp_ledger.publish_thr13(engine, first, APRIL, "run-1")
    second = _thr({A: 4_800_000, B: 3_000_000}, {A: 445_728, B: 90_000})
    assert tpp_ledger.publish_thr13(engine, second, APRIL, "run-2").rows == 2
    assert tpp_read.thr13_rows(engine, APRIL)[c.NET].tolist() == [4_800_000, 2_910_000]
    assert tpp_read.thr13_adjustment_lines(engine, APRIL).empty
