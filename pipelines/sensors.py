"""Sensors: new files in the inbox, and the months that new files cover."""

import dagster as dg

from assets.partitions import partition_of
from pipelines.jobs import inbox_job, month_job
from resources.inbox import InboxResource, fingerprint


@dg.sensor(
    job=inbox_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.RUNNING
)
def inbox_sensor(context: dg.SensorEvaluationContext, inbox: InboxResource):
    """When anything in the inbox changes (a file added, replaced or removed), re-read the
    snapshot; new_months_sensor then recomputes the months the new exports cover."""
    digest = fingerprint(inbox.root())
    if digest == context.cursor:
        return dg.SkipReason("inbox unchanged")
    context.update_cursor(digest)
    return dg.RunRequest(run_key=f"inbox-{digest[:16]}", tags={"kinerja/trigger": "inbox"})


@dg.asset_sensor(
    asset_key=dg.AssetKey("attendance_files"),
    job=month_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def new_months_sensor(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    """Recompute every month that newly arrived exports cover (a late flash-disk dump of an
    earlier month), except the month the triggering run already computed."""
    mat = asset_event.asset_materialization
    months = mat.metadata.get("months_with_new_files") if mat else None
    run = context.instance.get_run_by_id(asset_event.run_id)
    done = run.tags.get("dagster/partition") if run else None
    for month in (months.value if months else []) or []:
        partition = partition_of(month)
        if partition != done:
            yield dg.RunRequest(
                run_key=f"{asset_event.run_id}:{partition}",
                partition_key=partition,
                tags={"kinerja/trigger": "new_files"},
            )
