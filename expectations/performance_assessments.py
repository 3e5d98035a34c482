"""Contract for assessments (BKN Laporan Penilaian SKP, SIASN rw-kinerjaperiodik): an NIP, a
period that exists, and a predikat from the allowed set or none (not assessed)."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import PREDIKAT_CODES, RATING_CODES

NAME = "performance_assessments_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.PERIOD_KIND,
                value_set=["month", "quarter", "semester", "year"],
                meta={"reason": "the period does not exist"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.PREDIKAT,
                value_set=list(PREDIKAT_CODES),
                meta={"reason": "predikat outside the allowed set"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.RATING_HASIL_KERJA,
                value_set=list(RATING_CODES),
                meta={"reason": "rating hasil kerja outside the allowed set"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.RATING_PERILAKU,
                value_set=list(RATING_CODES),
                meta={"reason": "rating perilaku outside the allowed set"},
            ),
        ],
    )
