"""Contract for dialog kinerja ekspektasi rows (dialog §3.1): an NIP, an SKP year, an object of
the allowed set and what it refers to. Whether the RHK belongs to the pegawai's SKP is a row
reason of rules.performance.dialog_inputs."""

from __future__ import annotations

from typing import Any

from expectations.common import NIP_PATTERN, nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import DIALOG_SUMBER, EKSPEKTASI_OBJEK

NAME = "dialog_ekspektasi_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToMatchRegex(
                column=c.NIP_PENILAI,
                regex=NIP_PATTERN,
                meta={"reason": "nip_penilai is not 18 digits"},
            ),
            E.ExpectColumnValuesToNotBeNull(column=c.TAHUN, meta={"reason": "tahun is empty"}),
            E.ExpectColumnValuesToBeInSet(
                column=c.OBJEK,
                value_set=list(EKSPEKTASI_OBJEK),
                meta={"reason": "objek outside the allowed set"},
            ),
            E.ExpectColumnValuesToNotBeNull(column=c.REF_ID, meta={"reason": "ref_id is empty"}),
            E.ExpectColumnValuesToBeBetween(
                column=c.TEKS_PANJANG, min_value=0, meta={"reason": "teks_panjang is negative"}
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.SUMBER,
                value_set=list(DIALOG_SUMBER),
                meta={"reason": "sumber outside the allowed set"},
            ),
        ],
    )
