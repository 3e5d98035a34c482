"""Contract for the region's TPP ceiling table: kelas 1-17, a start date, a rupiah amount."""

from __future__ import annotations

from typing import Any

from vocabulary import columns as c
from vocabulary.tpp import MAX_RUPIAH

NAME = "tpp_ceilings_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToBeBetween(
                column=c.KELAS_JABATAN,
                min_value=1,
                max_value=17,
                meta={"reason": "kelas_jabatan must be 1-17"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.VALID_FROM, meta={"reason": "valid_from is empty"}
            ),
            E.ExpectColumnValuesToBeBetween(
                column=c.AMOUNT,
                min_value=0,
                max_value=MAX_RUPIAH,
                meta={"reason": f"amount must be between 0 and {MAX_RUPIAH:,} rupiah"},
            ),
        ],
    )
