"""The code location loads; the schedule, sensors and jobs ask for the right partitions."""

import datetime as dt

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.schedules import month_of_yesterday
from pipelines.sensors import inbox_sensor


def test_definitions_load_with_jobs_schedule_and_sensors():
    dg.Definitions.validate_loadable(defs)
    assert (
        defs.resolve_job_def("nightly_job")
        and defs.resolve_job_def("month_job")
        and defs.resolve_job_def("inbox_job")
        and defs.resolve_job_def("coretax_export_job")
    )
    assert {s.name for s in defs.sensors} == {
        "inbox_sensor",
        "new_months_sensor",
        "recompute_months_sensor",
    }


def test_nightly_refreshes_the_month_of_yesterday_in_wib():
    # 01:30 WIB on 1 April is still March's night: the run recomputes March
    assert month_of_yesterday(dt.datetime(2024, 3, 31, 18, 30, tzinfo=dt.UTC)) == "2024-03"
    assert month_of_yesterday(dt.datetime(2024, 4, 1, 18, 30, tzinfo=dt.UTC)) == "2024-04"
    with dg.DagsterInstance.ephemeral() as inst:
        ctx = dg.build_schedule_context(
            instance=inst,
            scheduled_execution_time=dt.datetime(
                2024, 4, 1, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))
            ),
        )
        request = defs.get_schedule_def("nightly")(ctx)
    assert request.partition_key == "2024-03"


def test_inbox_sensor_fires_once_per_change(inbox):
    from resources.inbox import InboxResource

    with dg.DagsterInstance.ephemeral() as inst:
        ctx = dg.build_sensor_context(
            instance=inst, resources={"inbox": InboxResource(path=str(inbox))}
        )
        first = inbox_sensor(ctx)
        assert isinstance(first, dg.RunRequest) and first.run_key.startswith("inbox-")
        ctx2 = dg.build_sensor_context(
            instance=inst, cursor=ctx.cursor, resources={"inbox": InboxResource(path=str(inbox))}
        )
        assert isinstance(inbox_sensor(ctx2), dg.SkipReason)
        (inbox / "attendance" / "dinkes" / "new.dat").write_text(
            "1\t2024-03-29 07:00:00\t1\t0\t1\t0\n"
        )
        ctx3 = dg.build_sensor_context(
            instance=inst, cursor=ctx.cursor, resources={"inbox": InboxResource(path=str(inbox))}
        )
        third = inbox_sensor(ctx3)
        assert isinstance(third, dg.RunRequest) and third.run_key != first.run_key


@pytest.mark.slow
def test_new_months_sensor_sees_every_materialization_not_only_the_latest(pipeline):
    """Two runs read the inbox between two ticks: only the first finds the files new. The
    sensor must still recompute the months that first run found (a late dump of March)."""
    from pipelines.sensors import new_months_sensor

    assert pipeline.run("2024-03").success  # parses the exports: March is new, and computed
    dump = pipeline.inbox / "attendance" / "dinkes" / "late_february_dump.dat"
    dump.write_text("        1\t2024-02-28 07:20:00\t1\t0\t1\t0\n")
    assert pipeline.run("2024-03").success  # finds February new; computes March only
    assert pipeline.run("2024-03").success  # nothing new any more: the latest has no months
    ctx = dg.build_sensor_context(instance=pipeline.instance)
    requests = new_months_sensor(ctx)
    assert [r.partition_key for r in requests] == ["2024-02"]
    # while the run that found February is still running, the sensor waits for it
    finder = requests[0].run_key.split(":")[0]
    _set_status(pipeline.instance, finder, dg.DagsterEventType.RUN_START)
    waiting = dg.build_sensor_context(instance=pipeline.instance)
    assert isinstance(new_months_sensor(waiting), dg.SkipReason)
    _set_status(pipeline.instance, finder, dg.DagsterEventType.RUN_SUCCESS)
    again = new_months_sensor(
        dg.build_sensor_context(instance=pipeline.instance, cursor=ctx.cursor)
    )
    assert isinstance(again, dg.SkipReason)


def _set_status(instance: dg.DagsterInstance, run_id: str, event: dg.DagsterEventType) -> None:
    run = instance.get_run_by_id(run_id)
    instance.run_storage.handle_run_event(
        run_id, dg.DagsterEvent(event_type_value=event.value, job_name=run.job_name)
    )
