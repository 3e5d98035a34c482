"""A THR / gaji-13 pay month whose reference month was never computed (issue 21): nothing is
paid silently as zero; the month says which reference month is missing and what to do, and its
close is refused until the reference month is in the warehouse. A real DuckDB warehouse."""

import dagster as dg
import pandas as pd
import pytest

from assets.metadata import label
from assets.tpp import _thr13_payments, thr13_missing_references
from assets.tpp_close import refuse_to_close
from resources.rulebook import RulebookResource
from resources.warehouse.engine import WarehouseResource, create_schema
from resources.warehouse.tpp import ledger as tpp_ledger
from tests.resources.test_tpp_ledger import _month
from tests.rules.test_tpp import MONTH, X, Y, employees
from vocabulary import columns as c

NO_GAPS = pd.DataFrame(columns=[c.DECISION, c.EMPLOYEES_AFFECTED])
THR_MISSING = (
    "THR 2024 paid in 2024-04 is based on the TPP of 2024-03, which is not in the warehouse: "
    "run 2024-03 first (python -m pipelines run --month 2024-03), then run 2024-04 again"
)


@pytest.fixture
def warehouse(tmp_path):
    resource = WarehouseResource(url=f"duckdb:///{tmp_path}/w.duckdb")
    create_schema(resource.engine())
    return resource


def test_a_missing_reference_month_is_pending_and_blocks_the_close(warehouse):
    rulebook = RulebookResource(profile="nasional")
    assert MONTH == "2024-03"  # THR 2024 is paid in April on March's TPP (profile nasional)
    assert thr13_missing_references(rulebook, warehouse, "2024-04") == [THR_MISSING]
    assert thr13_missing_references(rulebook, warehouse, "2024-06") == [
        "gaji-13 2024 paid in 2024-06 is based on the TPP of 2024-05, which is not in the "
        "warehouse: run 2024-05 first (python -m pipelines run --month 2024-05), then run "
        "2024-06 again"
    ]
    assert thr13_missing_references(rulebook, warehouse, "2024-05") == []  # pays neither
    with pytest.raises(dg.Failure) as refused:
        refuse_to_close("2024-04", NO_GAPS, [], None, None, None, [THR_MISSING])
    text = refused.value.description
    assert text.startswith("2024-04 cannot be closed:\n1 THR / gaji-13 payment(s) due in ")
    assert f"- {THR_MISSING}" in text
    assert refused.value.metadata[label("thr13_pending")].value == 1

    # March is computed (provisional is enough): nothing is pending and the THR is paid on it
    tpp_ledger.publish_month(warehouse.engine(), _month({X: 70_000, Y: 0}), MONTH, "run-1")
    assert thr13_missing_references(rulebook, warehouse, "2024-04") == []
    emp = employees({c.NIP: X}, {c.NIP: Y, c.KELAS_JABATAN: 7})
    events = pd.DataFrame(columns=[c.NIP, c.STATUS, c.DATE_FROM, c.DATE_TO])
    thr = _thr13_payments(rulebook, warehouse, "2024-04", emp, events).set_index(c.NIP)
    # X: March gross 10,814,674 (kelas 13, Baik, 7 % discipline deduction), 100 % of it
    assert int(thr.loc[X, c.TPP_AMOUNT]) == 10_814_674
    refuse_to_close("2024-04", NO_GAPS, [], None, None, None, [])  # closes
