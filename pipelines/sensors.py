"""Sensors: new files in the inbox, and the months that new files cover.

Both start STOPPED unless KINERJA_AUTOMATION=on (pipelines.automation): opening the UI on a
laptop launches no run by itself. The months sensor waits for the run that read the inbox to
succeed before recomputing the months it found: never while that run is still writing.
"""

import dagster as dg

from assets.metadata import label
from assets.partitions import FIRST_MONTH, partition_of
from pipelines.automation import automation_status
from pipelines.jobs import inbox_job, month_job
from resources.inbox import InboxResource, fingerprint

SENSOR_STATUS, _ = automation_status()
NEW_MONTHS = label("months_with_new_files")  # attendance_files' metadata key
# a run still in one of these states is waited for; any other unfinished state counts as failed
_WAITING = {
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
}


@dg.sensor(
    job=inbox_job,
    minimum_interval_seconds=300,
    default_status=SENSOR_STATUS,
    description="Bila isi inbox berubah (berkas ditambah, diganti atau dihapus), baca ulang "
    "snapshot inbox; new_months_sensor lalu menghitung ulang bulan yang dicakup ekspor baru. "
    "Mati kecuali KINERJA_AUTOMATION=on. (Re-read the inbox when it changes.)",
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
    storage id to resume after. Every materialization counts, not only the latest: two runs may
    read the inbox between two ticks, and only the first one sees the files as new.

    A materialization whose run is still going stops the scan there (the next tick resumes at
    it): the months follow once that run succeeded. A failed or canceled run's months are not
    recomputed (its publish did not finish); months before the first partition are ignored."""
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
            run = instance.get_run_by_id(record.run_id)
            if run is not None and run.status in _WAITING:
                return months, newest  # resume at this materialization on the next tick
            newest = max(newest, record.storage_id)
            if run is not None and run.status != dg.DagsterRunStatus.SUCCESS:
                continue
            mat = record.asset_materialization
            found = mat.metadata.get(NEW_MONTHS) if mat else None
            done = run.tags.get("dagster/partition") if run else None
            for month in (found.value if found else None) or []:
                key = partition_of(month)
                if key != done and key >= FIRST_MONTH:  # that run computed this month already
                    months.setdefault(key, record.run_id)
        if not result.has_more:
            return months, newest
        cursor = result.cursor


@dg.sensor(
    job=month_job,
    minimum_interval_seconds=60,
    default_status=SENSOR_STATUS,
    description="Hitung ulang setiap bulan yang dicakup ekspor yang baru datang (misalnya "
    "salinan flashdisk bulan lalu yang terlambat), kecuali bulan yang sudah dihitung run yang "
    "membacanya. Mati kecuali KINERJA_AUTOMATION=on. (Recompute months new exports cover.)",
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
