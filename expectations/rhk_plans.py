"""Contract for RHK plan rows (tax-360 §3.2): an id, an owner, utama or tambahan, a period.
Link problems (orphans, cycles, coverage) are not row errors: they are the cascading metrics
and warning checks of rules.performance.cascading."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import RHK_JENIS

NAME = "rhk_plans_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(column=c.RHK_ID, meta={"reason": "rhk_id is empty"}),
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.JENIS,
                value_set=list(RHK_JENIS),
                meta={"reason": "jenis is not utama or tambahan"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.PERIOD_START, meta={"reason": "the RHK has no period"}
            ),
            E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=c.PERIOD_END,
                column_B=c.PERIOD_START,
                or_equal=True,
                meta={"reason": "periode_akhir is before periode_awal"},
            ),
        ],
    )
