"""Contract for dialog kinerja umpan balik rows (dialog §3.2): two NIPs, a relation and an
object of the allowed sets, a month or quarter, the day it was given, no free text (length and
hash only). Dates against the SKP and the entry, RHK references and duplicates are row reasons
of rules.performance.dialog_inputs."""

from __future__ import annotations

from typing import Any

from expectations.common import NIP_PATTERN, nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.performance import DIALOG_OBJEK, DIALOG_RELASI, DIALOG_SUMBER

NAME = "dialog_umpan_balik_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits("nip_penerima is not 18 digits"),
            E.ExpectColumnValuesToMatchRegex(
                column=c.NIP_PEMBERI,
                regex=NIP_PATTERN,
                meta={"reason": "nip_pemberi is not 18 digits"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.FEEDBACK_ID, meta={"reason": "feedback_id is empty"}
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.RELASI,
                value_set=list(DIALOG_RELASI),
                meta={"reason": "relasi outside the allowed set"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.OBJEK,
                value_set=list(DIALOG_OBJEK),
                meta={"reason": "objek outside the allowed set"},
            ),
            E.ExpectColumnValuesToMatchRegex(
                column=c.PERIOD,
                regex=r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$",
                meta={"reason": "periode is not a month (YYYY-MM) or a quarter (YYYY-Qn)"},
            ),
            E.ExpectColumnValuesToNotBeNull(
                column=c.TANGGAL_DIBERIKAN, meta={"reason": "tanggal_diberikan is empty"}
            ),
            E.ExpectColumnValuesToBeBetween(
                column=c.TEKS_PANJANG, min_value=0, meta={"reason": "teks_panjang is negative"}
            ),
            E.ExpectColumnValuesToMatchRegex(
                column=c.TEKS_HASH,
                regex=r"^[0-9a-f]{64}$",
                meta={"reason": "teks_hash is not a SHA-256 (64 hex digits)"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.SUMBER,
                value_set=list(DIALOG_SUMBER),
                meta={"reason": "sumber outside the allowed set"},
            ),
        ],
    )
