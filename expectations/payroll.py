"""Contract for payroll rows (GPP or SIMGAJI): an NIP, a month, whole non-negative rupiah."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c
from vocabulary.tpp import PAYROLL_LAYOUTS

NAME = "payroll_contract"
MAX_COMPONENT = 999_999_999  # rupiah; anything above is a unit error (sen, or a typo)


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    money = [
        E.ExpectColumnValuesToBeBetween(
            column=col,
            min_value=0,
            max_value=MAX_COMPONENT,
            meta={"reason": f"{col} is not between 0 and {MAX_COMPONENT:,} rupiah"},
        )
        for col in (c.GAJI_POKOK, c.TUNJANGAN_KELUARGA, c.TUNJANGAN_JABATAN, c.TUNJANGAN_UMUM)
    ]
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToMatchRegex(
                column=c.MONTH,
                regex=r"^20[0-9]{2}-(?:0[1-9]|1[0-2])$",
                meta={"reason": "the payroll month is not YYYY-MM"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.LAYOUT,
                value_set=list(PAYROLL_LAYOUTS),
                meta={"reason": "unknown payroll layout"},
            ),
            *money,
        ],
    )
