"""Contract for dialog kinerja pembinaan rows (dialog §3.3): the pegawai and who coached him, a
kind, a day and a status of the allowed sets."""

from __future__ import annotations

from typing import Any

from expectations.common import NIP_PATTERN, nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import DIALOG_SUMBER, PEMBINAAN_JENIS, PEMBINAAN_STATUS, PEMICU

NAME = "dialog_pembinaan_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToMatchRegex(
                column=c.NIP_PEMBINA,
                regex=NIP_PATTERN,
                meta={"reason": "nip_pembina is not 18 digits"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.JENIS,
                value_set=list(PEMBINAAN_JENIS),
                meta={"reason": "jenis outside the allowed set"},
            ),
            E.ExpectColumnValuesToNotBeNull(column=c.TANGGAL, meta={"reason": "tanggal is empty"}),
            E.ExpectColumnValuesToBeInSet(
                column=c.PEMICU,
                value_set=list(PEMICU),
                meta={"reason": "pemicu outside the allowed set"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.STATUS,
                value_set=list(PEMBINAAN_STATUS),
                meta={"reason": "status outside the allowed set"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.SUMBER,
                value_set=list(DIALOG_SUMBER),
                meta={"reason": "sumber outside the allowed set"},
            ),
        ],
    )
