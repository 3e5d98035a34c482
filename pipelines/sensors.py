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


def months_to_recompute(
    instance: dg.DagsterInstance, after_storage_id: int
) -> tuple[dict[str, str], int]:
    """Months covered by exports parsed for the first time in attendance_files
    materializations after ``after_storage_id``, each with the run that found them; and the
    newest storage id seen. Every materialization counts, not only the latest: two runs may
    read the inbox between two ticks, and only the first one sees the files as new."""
    months: dict[str, str] = {}
    newest = after_storage_id
    cursor = None
    while True:
        result = instance.fetch_materializations(
            dg.AssetRecordsFilter(
                asset_key=dg.AssetKey("attendance_files"), after_storage_id=after_storage_id
            ),
            limit=100,
            cursor=cursor,
            ascending=True,
        )
        for record in result.records:
            newest = max(newest, record.storage_id)
            mat = record.asset_materialization
            found = mat.metadata.get("months_with_new_files") if mat else None
            run = instance.get_run_by_id(record.run_id)
            done = run.tags.get("dagster/partition") if run else None
            for month in (found.value if found else None) or []:
                if partition_of(month) != done:  # that run computed this month already
                    months.setdefault(partition_of(month), record.run_id)
        if not result.has_more:
            return months, newest
        cursor = result.cursor


@dg.sensor(
    job=month_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING
)
def new_months_sensor(context: dg.SensorEvaluationContext):
    """Recompute every month that newly arrived exports cover (a late flash-disk dump of an
    earlier month), except a month the run that read them computed already."""
    months, newest = months_to_recompute(context.instance, int(context.cursor or 0))
    context.update_cursor(str(newest))
    if not months:
        return dg.SkipReason("no new exports since the last tick")
    return [
        dg.RunRequest(
            run_key=f"{run_id}:{partition}",
            partition_key=partition,
            tags={"kinerja/trigger": "new_files"},
        )
        for partition, run_id in sorted(months.items())
    ]
