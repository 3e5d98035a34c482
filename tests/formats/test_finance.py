"""The finance files' totals are reconciled before anything is written."""

import pandas as pd
import pytest

from formats.finance import TotalsDoNotReconcile, reconcile
from vocabulary import columns as c


def _rows(net_of_second: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.GROSS: [8_000_000, 3_000_000],
            c.BPJS_EMPLOYEE: [51_125, 30_000],
            c.PPH21: [867_390, 0],
            c.PPH21_DECEMBER_ADJUSTMENT: [0, -12_000],  # a refund line
            c.TUNJANGAN_PPH: [0, 0],
            c.NET: [7_081_485, net_of_second],
        }
    )


def test_totals_reconcile_with_a_refund_line():
    assert reconcile(_rows(2_982_000), "TPP 2024-12") == 7_081_485 + 2_982_000


def test_totals_that_do_not_add_up_stop_the_files():
    with pytest.raises(TotalsDoNotReconcile) as err:
        reconcile(_rows(2_970_000), "TPP 2024-12 Dinas X")
    assert str(err.value) == (
        "TPP 2024-12 Dinas X: gross 11,000,000 - BPJS 1% 81,125 - PPh 21 867,390 - adjustment "
        "-12,000 + tunjangan PPh 0 = 10,063,485, but the net paid adds up to 10,051,485"
    )
