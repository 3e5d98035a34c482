"""Contract for leave and dinas luar records."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.columns import LEAVE_TYPES

NAME = "leave_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.LEAVE_TYPE,
                value_set=list(LEAVE_TYPES),
                meta={"reason": "unknown leave_type"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.DATE_FROM, meta={"reason": "date_from is empty"}
            ),
            E.ExpectColumnValuesToNotBeNull(column=c.DATE_TO, meta={"reason": "date_to is empty"}),
            E.ExpectColumnValuesToBeInSet(
                column=c.STATUS,
                value_set=["approved", "pending", "rejected"],
                meta={"reason": "unknown status"},
            ),
        ],
    )
