"""Many agencies, one deployment: the month partitioned by agency and spread over workers.

A province or BKN serves hundreds of agencies (instansi). Each has a complete inbox of its own
under the shared inbox folder:

    <KINERJA_INBOX>/<agency>/attendance/..., employees.*, pin_map.csv, ..., [profile.yaml]

`agency_month_job` is partitioned by month; each run discovers the agencies and fans out one step
per agency (a dynamic output), and those steps are what the executor distributes: Dagster's
Celery executor sends them to Celery workers on RabbitMQ or Redis, on as many machines as the
window needs. A step runs the very same assets as a single-agency deployment (the whole month,
from the inbox snapshot to TPP) with that agency's inbox, state and profile, and publishes to the
shared warehouse scoped to the agency: agencies never touch each other's rows. An agency folder
may carry its own `profile.yaml` (a regional Perkada); otherwise KINERJA_PROFILE applies.

This is a second code location (deploy/workspace-agencies.yaml), not a mode of the first: a
single-agency deployment keeps its per-asset view in the UI.
"""

import os
import re
from pathlib import Path

import dagster as dg
from dagster_celery import celery_executor

from assets.partitions import month_of, monthly, partition_of
from pipelines.jobs import ALL_ASSETS
from resources.bind import bind
from resources.settings import Settings

AGENCY_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAPPING_KEY = re.compile(r"[^A-Za-z0-9_]")
CELERY_BROKER_ENV = "KINERJA_CELERY_BROKER"
CELERY_BACKEND_ENV = "KINERJA_CELERY_BACKEND"
# The Celery queue this deployment's steps go to (workers: `celery ... worker -Q <queue>`).
# Deployment configuration read when the code location loads: two deployments sharing one
# broker must not take each other's steps.
QUEUE = os.environ.get("KINERJA_CELERY_QUEUE") or "dagster"
ON_QUEUE = {"dagster-celery/queue": QUEUE}


def agencies_in(root: Path) -> list[str]:
    """Agency folders of a multi-agency inbox: a valid key and an employee master inside."""
    if not root.is_dir():
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir()
        and not p.is_symlink()
        and AGENCY_KEY.match(p.name)
        and any(p.glob("employees.*"))
    )


def run_agency_month(agency: str, month: str, settings: Settings) -> dict[str, object]:
    """Materialize one agency's month with the single-agency assets, in this process."""
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            ALL_ASSETS,
            partition_key=partition_of(month),
            resources=bind(settings, agency),
            instance=instance,
            raise_on_error=False,
        )
        failures = [
            e.message.splitlines()[0] for e in result.all_events if e.is_failure and e.message
        ]
        checks = [
            f"{c.check_name}: {c.description or 'failed'}"
            for c in result.get_asset_check_evaluations()
            if not c.passed and c.severity == dg.AssetCheckSeverity.ERROR
        ]
    return {
        "agency": agency,
        "month": month,
        "success": result.success,
        "problems": failures + checks,
        "pid": os.getpid(),
    }


@dg.op(out=dg.DynamicOut(str), tags=ON_QUEUE)
def discover_agencies(context: dg.OpExecutionContext):
    """One output per agency folder of the inbox."""
    agencies = agencies_in(Settings.from_env().inbox)
    context.log.info(f"{len(agencies)} agencies for {month_of(context.partition_key)}")
    for agency in agencies:
        yield dg.DynamicOutput(agency, mapping_key=MAPPING_KEY.sub("_", agency))


@dg.op(tags=ON_QUEUE)
def agency_month(context: dg.OpExecutionContext, agency: str) -> dict:
    """The whole month of one agency: inbox snapshot, attendance, performance, TPP, publish."""
    month = month_of(context.partition_key)
    outcome = run_agency_month(agency, month, Settings.from_env())
    context.add_output_metadata(
        {
            "agency": agency,
            "month": month,
            "success": outcome["success"],
            "worker_pid": outcome["pid"],
            "problems": dg.MetadataValue.json(outcome["problems"]),
        }
    )
    if not outcome["success"]:
        raise dg.Failure(
            f"agency {agency}, {month}: " + "; ".join(outcome["problems"])[:2000],
            metadata={"agency": agency},
        )
    return outcome


@dg.op(tags=ON_QUEUE)
def month_totals(context: dg.OpExecutionContext, outcomes: list[dict]) -> dict:
    """How many agencies the month covered."""
    done = sorted(o["agency"] for o in outcomes)
    context.add_output_metadata(
        {"agencies": len(done), "workers": len({o["pid"] for o in outcomes})}
    )
    return {"agencies": done}


def celery(broker: str | None = None, backend: str | None = None) -> dg.ExecutorDefinition:
    """Dagster's Celery executor; broker and backend read from the environment at run time."""
    return celery_executor.configured(
        {
            "broker": broker or {"env": CELERY_BROKER_ENV},
            "backend": backend or {"env": CELERY_BACKEND_ENV},
            "include": ["pipelines.agencies"],
        }
    )


@dg.job(
    partitions_def=monthly,
    executor_def=celery(),
    description="One month for every agency in the inbox, one step per agency, on Celery.",
)
def agency_month_job():
    month_totals(discover_agencies().map(agency_month).collect())


@dg.schedule(
    job=agency_month_job,
    cron_schedule=os.environ.get("KINERJA_NIGHTLY_CRON") or "30 1 * * *",
    execution_timezone="Asia/Jakarta",
)
def agencies_nightly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Every agency's month of yesterday, every night."""
    from pipelines.schedules import month_of_yesterday

    return dg.RunRequest(partition_key=month_of_yesterday(context.scheduled_execution_time))


defs = dg.Definitions(jobs=[agency_month_job], schedules=[agencies_nightly])
