"""Click-to-success of recomputing two months from the Dagster UI, on this machine.

    .venv/bin/python benchmarks/ui_recompute.py --employees 300 \
        --asset attendance_punches month_job [--repeat 2]

Prepares a generated state (``--employees``, 2024-03..04, both months computed by the CLI),
starts `python -m pipelines ui`, then launches the backfill HR launches (`launchPartitionBackfill`,
the mutation the UI's "Launch backfill" button sends) for the two months, either of one asset
(the asset-page path) or of every monthly asset (``month_job``, README's path), and waits until
every monthly asset downstream of the selection has been materialized again for both months
(the automation sensor's runs included; month_summary last) and no run is left. Prints one JSON
line per repeat: seconds from the click to the backfill reading *Succeeded* in the UI
(``backfill_succeeded_s``), to the backfill's own runs finishing and to the last downstream
materialization (click-to-success), with the load average at the start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ui import LAUNCH, graphql, prepare_state, running_ui  # noqa: E402

MONTHS = ["2024-03", "2024-04"]
LATEST = """
query Latest($keys: [AssetKeyInput!]!, $partitions: [String!]) {
  assetNodes(assetKeys: $keys) {
    assetKey { path }
    assetMaterializations(partitions: $partitions) { partition timestamp }
  }
}"""
BACKFILL = """
query Backfill($id: String!) { partitionBackfillOrError(backfillId: $id) {
    ... on PartitionBackfill { status } } }"""
RUNS = """
{ runsOrError(filter: {statuses: [QUEUED, NOT_STARTED, STARTING, STARTED]}) {
    ... on Runs { results { runId } } } }"""
FAILED = """
query Failed($since: Float) { runsOrError(filter: {statuses: [FAILURE], createdAfter: $since}) {
    ... on Runs { results { runId jobName } } } }"""


def downstream(asset: str) -> list[str]:
    """The monthly assets a backfill of ``asset`` (or of month_job's selection) recomputes: the
    selection first, then everything monthly downstream of it (automation follows)."""
    from pipelines.definitions import defs
    from pipelines.jobs import MONTH_ASSETS

    monthly = [k.to_user_string() for a in MONTH_ASSETS for k in a.keys]
    if asset == "month_job":
        return monthly
    graph = defs.resolve_asset_graph()
    import dagster as dg

    below = dg.AssetSelection.assets(asset).downstream().resolve(graph)
    return [asset, *(k for k in monthly if k != asset and dg.AssetKey(k) in below)]


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
    keys = downstream(asset)
    click = time.time()
    load = round(os.getloadavg()[0], 1)
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
    backfill_done = None
    while time.time() - click < timeout:
        if backfill_done is None:
            status = graphql(port, BACKFILL, {"id": launched["backfillId"]})["data"]
            if status["partitionBackfillOrError"]["status"] in ("COMPLETED", "COMPLETED_SUCCESS"):
                backfill_done = time.time()
        done = latest(port, keys)
        fresh = {k: t for k, t in done.items() if t > click}
        busy = graphql(port, RUNS)["data"]["runsOrError"]["results"]
        if len(fresh) == len(keys) * len(MONTHS) and not busy:
            failed = graphql(port, FAILED, {"since": click})["data"]["runsOrError"]["results"]
            selected = keys if asset == "month_job" else [asset]
            own = [t for (k, _), t in fresh.items() if k in selected]
            return {
                "asset": asset,
                "months": MONTHS,
                "load_average_at_click": load,
                "backfill_succeeded_s": round(backfill_done - click, 1) if backfill_done else None,
                "backfill_runs_done_s": round(max(own) - click, 1),
                "click_to_success_s": round(max(fresh.values()) - click, 1),
                "failed_runs": len(failed),
            }
        time.sleep(0.5)
    raise TimeoutError(f"not recomputed within {timeout} s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--asset", nargs="+", default=["attendance_punches", "month_job"])
    p.add_argument("--employees", type=int, default=300)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--port", type=int, default=3390)
    args = p.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kinerja-ui-bench-"))
    started = time.perf_counter()
    state = prepare_state(root, employees=args.employees)
    print(
        json.dumps(
            {
                "employees": args.employees,
                "prepared_s": round(time.perf_counter() - started, 1),
                "state": str(root),
            }
        )
    )
    with running_ui(state, args.port, root / "ui.log") as ready:
        print(json.dumps({"ui_ready_s": round(ready, 1)}))
        time.sleep(5)  # the daemon's first ticks after start-up
        for _ in range(args.repeat):
            for asset in args.asset:
                print(json.dumps(recompute(args.port, asset, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
