"""Contract for the resolved punches of a month: every punch tied to an NIP, an instant and
the date it counts for."""

from __future__ import annotations

from typing import Any

from expectations.common import nip_is_text_of_18_digits
from vocabulary import columns as c

NAME = "attendance_punches_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(column=c.PIN, meta={"reason": "empty PIN"}),
            E.ExpectColumnValuesToNotBeNull(column=c.LOCAL_TIME, meta={"reason": "no punch time"}),
            E.ExpectColumnValuesToNotBeNull(
                column=c.INSTANT, meta={"reason": "local time does not exist in the device's zone"}
            ),
            nip_is_text_of_18_digits("mapped NIP is not 18 digits"),
            E.ExpectColumnValuesToBeBetween(
                column=c.LOCAL_SECONDS,
                min_value=0,
                max_value=86399,
                meta={"reason": "time of day out of range"},
            ),
        ],
    )
