"""Contract for the PIN map: which NIP a device PIN means, over which dates."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c

NAME = "pin_map_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(
                column=c.DEVICE_KEY, meta={"reason": "device_key is empty (use * for all machines)"}
            ),
            E.ExpectColumnValuesToNotBeNull(column=c.PIN, meta={"reason": "pin is empty"}),
            nip_is_text_of_18_digits(),
            E.ExpectColumnValuesToNotBeNull(
                column=c.VALID_FROM, meta={"reason": "valid_from is empty"}
            ),
        ],
    )
