"""'Now' for a run: the real clock, or a fixed instant for reproducible re-runs and tests."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import dagster as dg

from resources.settings import Settings, parse_as_of


class ClockResource(dg.ConfigurableResource):
    """Empty ``as_of`` means KINERJA_AS_OF if set, else the real time."""

    as_of: str = ""

    def now(self) -> dt.datetime:
        if self.as_of:
            return parse_as_of(self.as_of)
        return Settings.from_env().as_of or dt.datetime.now(dt.UTC)

    def today_in(self, zone: str) -> dt.date:
        return self.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
