"""Contract for status events that change TPP eligibility (CPNS, CLTN, diberhentikan
sementara, tugas belajar, pensiun, mutasi keluar, berhenti)."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.tpp import STATUSES

NAME = "status_events_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.STATUS, value_set=list(STATUSES), meta={"reason": "unknown status"}
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.DATE_FROM, meta={"reason": "date_from is empty"}
            ),
        ],
    )
