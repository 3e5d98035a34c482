"""Contract for the optional organisation predikat (kurva distribusi, SE MenPAN-RB 3/2023)."""

from __future__ import annotations

from typing import Any

from vocabulary import columns as c
from vocabulary.performance import ORG_CODES

NAME = "organisation_predikat_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(column=c.UNIT, meta={"reason": "unit is empty"}),
            E.ExpectColumnValuesToBeInSet(
                column=c.PREDIKAT_ORGANISASI,
                value_set=list(ORG_CODES),
                meta={"reason": "predikat_organisasi outside the allowed set"},
            ),
        ],
    )
