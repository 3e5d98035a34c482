"""Contract for devices.csv: one IANA time zone per attendance machine."""

from __future__ import annotations

import zoneinfo
from typing import Any

from vocabulary import columns as c

NAME = "devices_contract"


def suite() -> Any:
    import great_expectations as gx

    E = gx.expectations
    return gx.ExpectationSuite(
        name=NAME,
        expectations=[
            E.ExpectColumnValuesToNotBeNull(
                column=c.DEVICE_KEY, meta={"reason": "device_key is empty"}
            ),
            E.ExpectColumnValuesToBeInSet(
                column=c.TIMEZONE,
                value_set=sorted(zoneinfo.available_timezones()),
                meta={
                    "reason": "timezone is not an IANA zone (e.g. Asia/Jakarta, Asia/Makassar, "
                    "Asia/Jayapura) nor WIB/WITA/WIT"
                },
            ),
        ],
    )
