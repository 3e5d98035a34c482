"""The one Definitions of the code location (workspace.yaml: pipelines.definitions)."""

from __future__ import annotations

import dagster as dg

from pipelines.jobs import (
    ALL_ASSETS,
    CLOSE_ASSETS,
    SEMESTER_ASSETS,
    close_month_job,
    inbox_job,
    month_job,
    nightly_job,
    performance_semester_job,
)
from pipelines.schedules import nightly
from pipelines.sensors import inbox_sensor, new_months_sensor
from resources.clock import ClockResource
from resources.finance import FinanceResource
from resources.inbox import InboxResource
from resources.rulebook import RulebookResource
from resources.state import ParquetIOManager, StateResource
from resources.warehouse import WarehouseResource


def default_resources() -> dict[str, object]:
    """Every resource reads its setting from the environment when a run starts."""
    return {
        "inbox": InboxResource(),
        "state": StateResource(),
        "warehouse": WarehouseResource(),
        "rulebook": RulebookResource(),
        "clock": ClockResource(),
        "finance": FinanceResource(),
        "io_manager": ParquetIOManager(),
    }


defs = dg.Definitions(
    assets=[*ALL_ASSETS, *SEMESTER_ASSETS, *CLOSE_ASSETS],
    jobs=[nightly_job, inbox_job, month_job, performance_semester_job, close_month_job],
    schedules=[nightly],
    sensors=[inbox_sensor, new_months_sensor],
    resources=default_resources(),
    executor=dg.in_process_executor,
)
