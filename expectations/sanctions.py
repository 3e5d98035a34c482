"""Contract for disciplinary sanctions (PP 94/2021): an NIP, a known type, a decision date."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.tpp import SANCTION_TYPES

NAME = "sanctions_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.SANCTION_TYPE,
                value_set=list(SANCTION_TYPES),
                meta={"reason": "sanction_type is not a PP 94/2021 hukuman disiplin"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.DECISION_DATE, meta={"reason": "decision_date is empty"}
            ),
            E.ExpectColumnValuesToBeBetween(
                column=c.MONTHS,
                min_value=0,
                max_value=60,
                meta={"reason": "months must be between 0 and 60"},
            ),
        ],
    )
