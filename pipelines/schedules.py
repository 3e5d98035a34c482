"""The nightly schedule: at 01:30 WIB, yesterday's month from the inbox as it is.

The time is deployment configuration, read when the code location loads: KINERJA_NIGHTLY_CRON
(default "30 1 * * *", in Asia/Jakarta). A schedule must be known when Dagster loads the
definitions, so this is the one setting read at load time rather than at run time.
"""

import datetime as dt
import os
import zoneinfo

import dagster as dg

from assets.partitions import PARTITION_TIMEZONE, partition_of
from pipelines.automation import automation_status
from pipelines.jobs import nightly_job


def month_of_yesterday(now: dt.datetime) -> str:
    """The month partition the nightly run refreshes: the month of the last completed day."""
    local = now.astimezone(zoneinfo.ZoneInfo(PARTITION_TIMEZONE))
    return partition_of((local.date() - dt.timedelta(days=1)).isoformat()[:7])


NIGHTLY_CRON = os.environ.get("KINERJA_NIGHTLY_CRON") or "30 1 * * *"


@dg.schedule(
    job=nightly_job,
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=PARTITION_TIMEZONE,
    default_status=automation_status()[1],  # STOPPED unless KINERJA_AUTOMATION=on
    description="Setiap malam (01:30 WIB) menyegarkan bulan berjalan (bulan dari hari kemarin). "
    "Mati kecuali KINERJA_AUTOMATION=on. (Refresh the month of yesterday every night.)",
)
def nightly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Refresh the current month (the month of yesterday) every night."""
    partition = month_of_yesterday(context.scheduled_execution_time)
    return dg.RunRequest(partition_key=partition, tags={"kinerja/trigger": "nightly"})
