"""Contract for attendance_decisions.csv: HR's decisions about machine-days without data."""

from __future__ import annotations

from typing import Any

from vocabulary import columns as c

NAME = "attendance_decisions_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToBeInSet(
                column=c.DECISION,
                value_set=list(c.DECISIONS),
                meta={"reason": "decision must be excuse, charge, keep, carry or amount"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.DECIDED_BY, meta={"reason": "decided_by is empty"}
            ),
        ],
    )
