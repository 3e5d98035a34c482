"""Contract for Plt/Plh assignments (year-end §6.1): an NIP, plt or plh, the covered post's
kelas 1-17, a start date and the SK's number."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.tpp import ASSIGNMENT_KINDS

NAME = "plt_assignments_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.ASSIGNMENT_KIND,
                value_set=list(ASSIGNMENT_KINDS),
                meta={"reason": "assignment_kind is not plt or plh"},
            ),
            E.ExpectColumnValuesToBeBetween(
                column=c.COVERED_KELAS,
                min_value=1,
                max_value=17,
                meta={"reason": "covered_kelas is not a kelas 1-17"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.DATE_FROM, meta={"reason": "date_from is empty"}
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.SK_NUMBER, meta={"reason": "sk_number is empty"}
            ),
        ],
    )
