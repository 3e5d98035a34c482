"""Contract for e-Lapkin daily activity rows (tax-360 §5.2): an NIP, a date, minutes within a
day and a verification status of the allowed set."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import LAPKIN_STATUSES, MAX_MINUTES_PER_DAY

NAME = "lapkin_reports_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToNotBeNull(column=c.TANGGAL, meta={"reason": "tanggal is empty"}),
            E.ExpectColumnValuesToBeBetween(
                column=c.MENIT,
                min_value=0,
                max_value=MAX_MINUTES_PER_DAY,
                meta={"reason": "menit outside 0-1440"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.STATUS,
                value_set=list(LAPKIN_STATUSES),
                meta={"reason": "status outside the allowed set"},
            ),
        ],
    )
