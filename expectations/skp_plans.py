"""Contract for BKN e-Kinerja 'Laporan SKP' rows: one SKP per row, tied to an employee."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c

NAME = "skp_plans_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(column=c.SKP_ID, meta={"reason": "SKP id is empty"}),
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToNotBeNull(
                column=c.PERIOD_END,
                meta={"reason": "periode_akhir is empty: the latest SKP cannot be chosen"},
            ),
        ],
    )
