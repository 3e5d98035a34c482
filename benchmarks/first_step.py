"""Seconds from a run's creation to its first step, as the UI launches runs.

    .venv/bin/python benchmarks/first_step.py [--employees 40] [--runs 4]

Prepares a generated state (one month, 2024-03, computed by the CLI), starts
`python -m pipelines ui` (webserver + the project's daemon, the instance `pipelines/runs.py`
writes), then launches ``month_job`` for 2024-03 ``--runs`` times one after the other (the
`launchPartitionBackfill` mutation of the UI, one partition) and reads each run's event log:
creation → dequeued (STARTING) → the run process's RUN_START → the first STEP_START → the run's
end. Prints one JSON line per run, with the load average at its launch, and the CPU seconds
the run's process had used when its first step started and when it was last seen (read from
/proc every 50 ms: the wall times of a loaded machine say little, its CPU seconds do).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ui import LAUNCH, graphql, prepare_state, running_ui  # noqa: E402

RUNS = """
query Runs($id: String!) { runsOrError(filter: {tags: [{key: "dagster/backfill", value: $id}]}) {
    ... on Runs { results { runId status creationTime startTime endTime } } } }"""
EVENTS = """
query Events($runId: ID!) { logsForRun(runId: $runId, limit: 5000) {
    ... on EventConnection { events { __typename ... on MessageEvent { timestamp }
        ... on ExecutionStepStartEvent { stepKey } } } } }"""


def _q(port: int, query: str, variables: dict) -> dict:
    import urllib.error

    try:
        found = graphql(port, query, variables)
    except urllib.error.HTTPError as exc:
        raise RuntimeError(exc.read().decode()) from None
    if "errors" in found:
        raise RuntimeError(found["errors"])
    return found["data"]


def _cpu(pid: int) -> float | None:
    """User + system CPU seconds of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _watch(instance, backfill: str, timeout: float) -> dict:
    """Follow the backfill's run from the instance: its process's CPU at the first step."""
    from dagster import DagsterEventType, RunsFilter

    started = time.time()
    run_id = pid = None
    cpu_first = cpu_last = None
    while time.time() - started < timeout:
        if run_id is None:
            runs = instance.get_runs(RunsFilter(tags={"dagster/backfill": backfill}))
            run_id = runs[0].run_id if runs else None
        if run_id is not None and pid is None:
            for e in instance.all_logs(run_id, of_type=DagsterEventType.ENGINE_EVENT):
                found = re.search(r"Started process for run \(pid: (\d+)\)", e.message or "")
                if found:
                    pid = int(found.group(1))
        if pid is not None:
            now = _cpu(pid)
            if now is None:
                break
            cpu_last = now
            if cpu_first is None and instance.all_logs(run_id, of_type=DagsterEventType.STEP_START):
                cpu_first = now
        time.sleep(0.05)
    return {"cpu_at_first_step_s": cpu_first, "cpu_last_seen_s": cpu_last}


def one_run(port: int, instance, job_assets: list[str], month: str, timeout: float) -> dict:
    load = round(os.getloadavg()[0], 1)
    launched = graphql(
        port,
        LAUNCH,
        {
            "params": {
                "partitionNames": [month],
                "assetSelection": [{"path": [k]} for k in job_assets],
            }
        },
    )["data"]["launchPartitionBackfill"]
    if launched["__typename"] != "LaunchBackfillSuccess":
        raise RuntimeError(f"not launched: {launched}")
    cpu = _watch(instance, launched["backfillId"], timeout)
    started = time.time()
    while time.time() - started < timeout:
        runs = _q(port, RUNS, {"id": launched["backfillId"]})["runsOrError"]["results"]
        if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            run = runs[0]
            events = _q(port, EVENTS, {"runId": run["runId"]})["logsForRun"]["events"]
            stamp = {}
            for e in events:
                kind = e["__typename"]
                if "timestamp" in e:
                    stamp.setdefault(kind, float(e["timestamp"]) / 1000)
            created = float(run["creationTime"])
            first_step = stamp.get("ExecutionStepStartEvent")
            return {
                "status": run["status"],
                "load_average": load,
                "created_to_starting_s": round(stamp["RunStartingEvent"] - created, 2),
                "created_to_run_start_s": round(stamp["RunStartEvent"] - created, 2),
                "created_to_first_step_s": round(first_step - created, 2),
                "run_start_to_first_step_s": round(first_step - stamp["RunStartEvent"], 2),
                "created_to_end_s": round(float(run["endTime"]) - created, 2),
                **cpu,
            }
        time.sleep(0.5)
    raise TimeoutError("the run did not end")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--employees", type=int, default=40)
    p.add_argument("--runs", type=int, default=4)
    p.add_argument("--port", type=int, default=3391)
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument(
        "--default-launcher",
        action="store_true",
        help="Dagster's DefaultRunLauncher (code server spawns each run) instead of the project's",
    )
    args = p.parse_args()
    from pipelines.jobs import MONTH_ASSETS

    assets = [k.to_user_string() for a in MONTH_ASSETS for k in a.keys]
    root = Path(tempfile.mkdtemp(prefix="kinerja-first-step-"))
    state = prepare_state(root, employees=args.employees, months=1)
    if args.default_launcher:
        from pipelines.runs import DAGSTER_YAML

        config = state.state / "dagster_home" / "dagster.yaml"
        start, end = DAGSTER_YAML.index("run_launcher:"), DAGSTER_YAML.index("# the backfill")
        # not the file pipelines/runs.py manages: kept as written
        config.write_text(
            "# benchmark: default launcher\n" + DAGSTER_YAML[:start] + DAGSTER_YAML[end:]
        )
    with running_ui(state, args.port, root / "ui.log") as ready:
        print(json.dumps({"ui_ready_s": round(ready, 1), "state": str(root)}), flush=True)
        time.sleep(5)  # the daemon's first ticks after start-up
        import dagster as dg

        os.environ["DAGSTER_HOME"] = state.env()["DAGSTER_HOME"]
        with dg.DagsterInstance.get() as instance:
            for _ in range(args.runs):
                found = one_run(args.port, instance, assets, "2024-03", args.timeout)
                print(json.dumps(found), flush=True)


if __name__ == "__main__":
    main()
