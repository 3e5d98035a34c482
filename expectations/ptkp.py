"""Contract for PTKP rows (inbox/reference/ptkp.csv): an NIP, a PTKP status TK/0..K/3, the date
it holds from, and an NPWP status valid/none where given (PPh 21 on TPP, rules/tax)."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.tax import NPWP_STATUSES, PTKP_STATUSES

NAME = "ptkp_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.PTKP_STATUS,
                value_set=list(PTKP_STATUSES),
                meta={"reason": "ptkp_status is not TK/0 .. K/3"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.VALID_FROM, meta={"reason": "valid_from is empty"}
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.NPWP_STATUS,
                value_set=list(NPWP_STATUSES),
                meta={"reason": "npwp_status is not valid or none"},
            ),
        ],
    )
