"""Contract for the SKP detail template of the numeric regimes (PP 46/2011, 8/2021)."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import JENIS_CODES

NAME = "skp_details_contract"
NON_NEGATIVE = (c.NILAI, c.BOBOT, c.TARGET, c.REALISASI, c.TARGET_WAKTU, c.REALISASI_WAKTU)


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToBeInSet(
                column=c.JENIS,
                value_set=list(JENIS_CODES),
                meta={"reason": "jenis is not kegiatan, utama, tambahan or perilaku"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.ARAH,
                value_set=["naik", "turun"],
                meta={"reason": "arah is not naik/turun"},
            ),
            *[
                E.ExpectColumnValuesToBeBetween(
                    column=col, min_value=0, meta={"reason": f"{col} is negative"}
                )
                for col in NON_NEGATIVE
            ],
        ],
    )
