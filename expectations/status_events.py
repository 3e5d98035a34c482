"""Contract for status events that change TPP eligibility (CPNS, CLTN, diberhentikan
sementara, tugas belajar, pensiun, mutasi keluar, berhenti)."""

from __future__ import annotations

from typing import Any

from rules import columns as c
from rules.tpp import STATUSES

NAME = "status_events_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToMatchRegex(
                column=c.NIP, regex=r"^[0-9]{18}$", meta={"reason": "nip is not 18 digits"}
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.STATUS, value_set=list(STATUSES), meta={"reason": "unknown status"}
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.DATE_FROM, meta={"reason": "date_from is empty"}
            ),
        ],
    )
