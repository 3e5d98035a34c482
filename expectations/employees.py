"""Contract for the employee master after reading (one row per employee)."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c

NAME = "employees_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(column=c.NIP, meta={"reason": "nipBaru is empty"}),
            nip_is_text_of_18_digits("nipBaru is not 18 digits"),
            E.ExpectColumnValuesToNotBeNull(
                column=c.UNIT, meta={"reason": "unorNama is empty: every employee needs a unit"}
            ),
            E.ExpectColumnValuesToBeBetween(
                column=c.KELAS_JABATAN,
                min_value=1,
                max_value=17,
                meta={"reason": "kelas_jabatan must be 1-17"},
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.EMPLOYEE_KIND,
                value_set=["pns", "pppk"],
                meta={"reason": "employee kind must be pns or pppk"},
            ),
        ],
    )
