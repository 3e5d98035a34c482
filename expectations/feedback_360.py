"""Contract for 360 feedback rows (tax-360 §2.3): two NIPs, a known relation, a period, and a
score in range or a 6/2022 rating. The regime-dependent checks (aspect, range per regime, self-
rating, same unit, minimum raters) are row reasons of rules.performance.feedback360."""

from __future__ import annotations

from typing import Any

from expectations.common import NIP_PATTERN, nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import RATING_CODES, RELASI_CODES

NAME = "feedback_360_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits("nip_dinilai is not 18 digits"),
            E.ExpectColumnValuesToMatchRegex(
                column=c.NIP_PENILAI,
                regex=NIP_PATTERN,
                meta={"reason": "nip_penilai is not 18 digits"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.RELASI,
                value_set=list(RELASI_CODES),
                meta={"reason": "relasi outside the allowed set"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.PERIOD, meta={"reason": "the period is empty"}
            ),
            E.ExpectColumnValuesToNotBeNull(column=c.ASPEK, meta={"reason": "aspek is empty"}),
            E.ExpectColumnValuesToBeBetween(
                column=c.SKOR,
                min_value=0,
                max_value=120,
                meta={"reason": "skor outside 0-120"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.RATING,
                value_set=list(RATING_CODES),
                meta={"reason": "rating outside the allowed set"},
            ),
        ],
    )
