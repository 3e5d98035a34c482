"""Click-to-success of recomputing two months from the Dagster UI, on this machine.

    .venv/bin/python benchmarks/ui_recompute.py [--asset attendance_punches] [--repeat 3]

Prepares a generated state (40 employees, 2024-03..04, both months computed by the CLI), starts
`python -m pipelines ui`, then launches the backfill HR launches from an asset page
(`launchPartitionBackfill`, the mutation the UI's "Launch backfill" button sends) for the two
months of one asset, and waits until every monthly asset downstream of it has been
materialized again for both months (the automation sensor's runs included) and no run is left.
Prints one JSON line per repeat: seconds from the click to the backfill's runs finishing and to
the last downstream materialization (click-to-success).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ui import graphql, prepare_state, running_ui  # noqa: E402

MONTHS = ["2024-03", "2024-04"]
LAUNCH = """
mutation Launch($params: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $params) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message }
  }
}"""
LATEST = """
query Latest($keys: [AssetKeyInput!]!, $partitions: [String!]) {
  assetNodes(assetKeys: $keys) {
    assetKey { path }
    assetMaterializations(partitions: $partitions) { partition timestamp }
  }
}"""
RUNS = """
{ runsOrError(filter: {statuses: [QUEUED, NOT_STARTED, STARTING, STARTED]}) {
    ... on Runs { results { runId } } } }"""
FAILED = """
query Failed($since: Float) { runsOrError(filter: {statuses: [FAILURE], createdAfter: $since}) {
    ... on Runs { results { runId jobName } } } }"""
DOWNSTREAM = {
    "attendance_punches": [
        "attendance_punches",
        "attendance_coverage",
        "daily_attendance",
        "monthly_discipline",
        "warehouse_attendance_month",
        "tpp_monthly",
        "warehouse_tpp_month",
    ],
}
# every monthly asset at once (month_job's selection): one run per month, no automation hop
DOWNSTREAM["month_job"] = [
    *DOWNSTREAM["attendance_punches"],
    "performance_monthly",
    "skp_compliance_monthly",
    "warehouse_performance_month",
]


def latest(port: int, keys: list[str]) -> dict[tuple[str, str], float]:
    found = graphql(port, LATEST, {"keys": [{"path": [k]} for k in keys], "partitions": MONTHS})
    out: dict[tuple[str, str], float] = {}
    for node in found["data"]["assetNodes"]:
        key = node["assetKey"]["path"][0]
        for m in node["assetMaterializations"]:
            ts = float(m["timestamp"]) / 1000
            out[(key, m["partition"])] = max(out.get((key, m["partition"]), 0), ts)
    return out


def recompute(port: int, asset: str, timeout: float = 180) -> dict:
    """Launch the backfill; return the seconds to each milestone."""
    keys = DOWNSTREAM[asset]
    click = time.time()
    launched = graphql(
        port,
        LAUNCH,
        {
            "params": {
                "partitionNames": MONTHS,
                "assetSelection": [
                    {"path": [k]} for k in (keys if asset == "month_job" else [asset])
                ],
            }
        },
    )["data"]["launchPartitionBackfill"]
    if launched["__typename"] != "LaunchBackfillSuccess":
        raise RuntimeError(f"backfill not launched: {launched}")
    while time.time() - click < timeout:
        done = latest(port, keys)
        fresh = {k: t for k, t in done.items() if t > click}
        busy = graphql(port, RUNS)["data"]["runsOrError"]["results"]
        if len(fresh) == len(keys) * len(MONTHS) and not busy:
            failed = graphql(port, FAILED, {"since": click})["data"]["runsOrError"]["results"]
            own = [t for (k, _), t in fresh.items() if k == keys[0]]
            return {
                "asset": asset,
                "months": MONTHS,
                "backfill_runs_done_s": round(max(own) - click, 1),
                "click_to_success_s": round(max(fresh.values()) - click, 1),
                "failed_runs": len(failed),
            }
        time.sleep(0.5)
    raise TimeoutError(f"not recomputed within {timeout} s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--asset", nargs="+", default=["attendance_punches"], choices=sorted(DOWNSTREAM))
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--port", type=int, default=3390)
    args = p.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kinerja-ui-bench-"))
    started = time.perf_counter()
    state = prepare_state(root)
    print(json.dumps({"prepared_s": round(time.perf_counter() - started, 1), "state": str(root)}))
    with running_ui(state, args.port, root / "ui.log") as ready:
        print(json.dumps({"ui_ready_s": round(ready, 1)}))
        time.sleep(5)  # the daemon's first ticks after start-up
        for _ in range(args.repeat):
            for asset in args.asset:
                print(json.dumps(recompute(args.port, asset)), flush=True)


if __name__ == "__main__":
    main()
