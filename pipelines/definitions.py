"""The one Definitions of the code location (workspace.yaml: pipelines.definitions)."""

from __future__ import annotations

import dagster as dg

from pipelines.automation import recompute_sensor, with_recompute
from pipelines.jobs import (
    CLOSE_ASSETS,
    EXPORT_ASSETS,
    INBOX_ASSETS,
    MONTH_ASSETS,
    SEMESTER_ASSETS,
    close_month_job,
    coretax_export_job,
    inbox_job,
    month_job,
    nightly_job,
    performance_semester_job,
    siasn_export_job,
)
from pipelines.schedules import nightly
from pipelines.sensors import inbox_sensor, new_months_sensor
from resources.bind import bind

# the monthly assets carry the automation condition: a recompute of a month flows downstream
# (month_summary reads the close for its status; a month need not be closed to follow)
MONTHLY = with_recompute(MONTH_ASSETS, INBOX_ASSETS, optional=CLOSE_ASSETS)

defs = dg.Definitions(
    assets=[*INBOX_ASSETS, *MONTHLY, *SEMESTER_ASSETS, *CLOSE_ASSETS, *EXPORT_ASSETS],
    jobs=[
        nightly_job,
        inbox_job,
        month_job,
        performance_semester_job,
        close_month_job,
        siasn_export_job,
        coretax_export_job,
    ],
    schedules=[nightly],
    sensors=[inbox_sensor, new_months_sensor, recompute_sensor(MONTHLY)],
    resources=bind(),
    executor=dg.in_process_executor,
)
