"""Time the monthly pipeline as it really runs (Dagster, in process), stage by stage.

    .venv/bin/python benchmarks/run.py --employees 20000                  one month, DuckDB
    .venv/bin/python benchmarks/run.py --employees 20000 --months 12      a year as a backfill
    .venv/bin/python benchmarks/run.py --employees 2000 20000 100000 --warehouse duckdb postgres
    ... --repeat 3 --append BENCHMARKS.md

Each pass runs in a fresh process on a freshly generated inbox (synthetic/, timed apart). The
pass materializes the inbox snapshot and the first month with `nightly_job`, then every further
month with `month_job` one after the other, as a backfill does. A sampling thread records the
process's CPU time and resident memory every 20 ms; every Dagster step is attributed to a stage
from its start and end events (the in-process executor runs one step at a time):

    read        parse the exports: attendance_files, ekinerja_exports, payroll, tpp_reference
    validate    reference data and punches of the month against rules and GX contracts:
                employees, pin_map, leave_records, devices, attendance_punches
    classify    daily_attendance             discipline  monthly_discipline
    scores      performance_monthly, skp_compliance_monthly
    TPP         tpp_monthly                  publish     every warehouse_* asset

"Dagster overhead" is the run's wall time outside any step (planning, events, instance).
Process start-up and imports are reported apart. The DuckDB SQL reference
(benchmarks/reference_sql.py) classifies the first month's punches in one query; the ratio
compares it with `rules.attendance.classify_days` on the same frames, and both outputs must
agree row for row.
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# after the path (run as a script): E402
from benchmarks import measure  # noqa: E402
from benchmarks.report import table  # noqa: E402


def one_pass(employees: int, months: int, start: str, warehouse: str, seed: int) -> dict:
    """Runs in a fresh process: generate, run every month, measure."""
    import dagster as dg

    started = time.time()
    from resources.rulebook import load_profile
    from synthetic.generator import generate

    work = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    generated = time.perf_counter()
    summary = generate(
        work / "inbox", employees, start, months, seed, profile=load_profile("nasional")
    )
    generate_s = time.perf_counter() - generated
    url = f"duckdb:///{work / 'warehouse.duckdb'}"
    if warehouse == "postgres":
        url = _postgres_database()
    os.environ.update(
        {
            "KINERJA_INBOX": str(work / "inbox"),
            "KINERJA_STATE_DIR": str(work),
            "KINERJA_WAREHOUSE_URL": url,
            "DAGSTER_HOME": str(work / "home"),
            "KINERJA_AS_OF": "2026-11-24T00:00:00+00:00",
        }
    )
    (work / "home").mkdir()
    (work / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    import pipelines.definitions as definitions
    from assets.partitions import partition_of
    from pipelines import db

    if warehouse == "postgres":
        db.run_upgrade(url)
    imports_s = time.time() - started - generate_s
    first = dt.date.fromisoformat(f"{start}-01")
    month_keys = [
        f"{first.year + (first.month - 1 + i) // 12}-{(first.month - 1 + i) % 12 + 1:02d}"
        for i in range(months)
    ]
    sampler = measure.Sampler()
    sampler.start()
    runs = []
    with dg.DagsterInstance.get() as instance:
        for i, month in enumerate(month_keys):
            job = definitions.defs.resolve_job_def("nightly_job" if i == 0 else "month_job")
            t0 = time.time()
            result = job.execute_in_process(
                partition_key=partition_of(month),
                instance=instance,
                run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
            )
            t1 = time.time()
            if not result.success:
                raise SystemExit(f"run for {month} failed")
            spans = measure.steps(instance, result.run_id)
            runs.append((month, t0, t1, spans, measure.step_metadata(result)))
    sampler.stop()
    stages = {s: {"wall": 0.0, "cpu": 0.0, "peak": 0, "rows": 0} for s in measure.ORDER}
    overhead = 0.0
    step_walls: dict[str, float] = {}
    step_cpu: dict[str, float] = {}
    for _month, t0, t1, steps, meta in runs:
        inside = 0.0
        for step, spans in steps.items():
            stage = measure.STAGE_OF.get(step, "other")
            for s, e in spans:
                step_walls[step] = step_walls.get(step, 0.0) + e - s
                cpu, peak = sampler.window(s, e)
                step_cpu[step] = step_cpu.get(step, 0.0) + cpu
                stages[stage]["wall"] += e - s
                stages[stage]["cpu"] += cpu
                stages[stage]["peak"] = max(stages[stage]["peak"], peak)
                inside += e - s
        overhead += (t1 - t0) - inside
        for stage, keys in measure.ROWS.items():
            for step, key in keys:
                if key in meta.get(step, {}):
                    stages[stage]["rows"] += int(meta[step][key])
                    break
        stages["publish"]["rows"] += sum(
            int(v)
            for step, m in meta.items()
            if step.startswith("warehouse_")
            for k, v in m.items()
            if k.startswith(("fact_", "dim_", "quarantine", "load_audit", "tpp_"))
        )
    reference = _reference(work, month_keys[0]) if warehouse == "duckdb" else {}
    totals = warehouse_totals(url)
    total = runs[-1][2] - runs[0][1]
    return {
        "employees": employees,
        "months": months,
        "warehouse": warehouse,
        "generate_s": generate_s,
        "punch_records": summary.punches,
        "imports_s": imports_s,
        "stages": stages,
        "steps": step_walls,  # per Dagster step: wall s, and CPU s (a loaded machine
        "steps_cpu": step_cpu,  # inflates wall far more than CPU)
        "dagster_overhead_s": overhead,
        "pipeline_wall_s": total,
        "process_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "reference": reference,
        "totals": totals,
        "inbox": str(work / "inbox"),
    }


TOTALS = {
    "employee_days": "SELECT count(*) FROM fact_attendance_daily",
    "tk_days": "SELECT count(*) FROM fact_attendance_daily WHERE absence_code = 'TK'",
    "deduction_pct_sum": "SELECT CAST(sum(deduction_pct) AS VARCHAR) FROM fact_discipline_monthly",
    "predikat_rows": "SELECT count(*) FROM fact_performance_period WHERE period_kind = 'month'",
    "tpp_net_sum": "SELECT CAST(sum(net) AS VARCHAR) FROM fact_tpp_monthly",
}


def warehouse_totals(url: str) -> dict[str, str]:
    """Totals that must equal those of a normal run on the same inbox (tested)."""
    import sqlalchemy as sa

    from resources.warehouse.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {k: str(conn.execute(sa.text(q)).scalar()) for k, q in TOTALS.items()}
    finally:
        engine.dispose()


def _postgres_database() -> str:
    import sqlalchemy as sa

    base = os.environ.get("KINERJA_BENCH_PG_URL") or os.environ.get("KINERJA_TEST_PG_URL")
    if not base:
        raise SystemExit(
            "set KINERJA_BENCH_PG_URL (e.g. postgresql+psycopg://postgres@127.0.0.1"
            ":5432/test) to benchmark PostgreSQL"
        )
    name = f"kinerja_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)


def _reference(work: Path, month: str) -> dict:
    """classify_days against the one-query DuckDB reference on the month's stored inputs."""
    import pandas as pd

    from benchmarks.reference_sql import classify_sql, mismatches
    from resources.rulebook import load_profile
    from rules.attendance import classify_days
    from vocabulary.units import month_bounds

    store = work / "storage"
    from assets.partitions import partition_of

    punches = pd.read_parquet(store / "attendance_punches" / partition_of(month) / "valid.parquet")
    employees = pd.read_parquet(store / "employees" / "_" / "valid.parquet")
    leave = pd.read_parquet(store / "leave_records" / "_" / "valid.parquet")
    profile = load_profile("nasional")
    first, last = month_bounds(month)
    best = {}
    for name, fn in (("pipeline", classify_days), ("sql", classify_sql)):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            out = fn(punches, employees, leave, profile, first, last)
            times.append(time.perf_counter() - t)
            best[name + "_out"] = out
        best[name] = min(times)
    return {
        "pipeline_s": best["pipeline"],
        "sql_s": best["sql"],
        "ratio": best["pipeline"] / best["sql"],
        "rows": len(best["pipeline_out"]),
        "mismatches": mismatches(best["pipeline_out"], best["sql_out"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, nargs="+", default=[20_000])
    parser.add_argument("--months", type=int, default=1)
    parser.add_argument("--start", default="2024-03")
    parser.add_argument(
        "--warehouse", nargs="+", default=["duckdb"], choices=["duckdb", "postgres"]
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--append", type=Path, help="append the tables to this markdown file")
    parser.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        out = one_pass(args.employees[0], args.months, args.start, args.warehouse[0], args.seed)
        print(json.dumps(out))
        return
    blocks = [f"### Run of {dt.date.today()}", "", f"Machine: {measure.machine()}", ""]
    for warehouse in args.warehouse:
        for n in args.employees:
            passes = []
            for i in range(args.repeat):
                cmd = [
                    sys.executable,
                    __file__,
                    "--single",
                    "--employees",
                    str(n),
                    "--months",
                    str(args.months),
                    "--start",
                    args.start,
                    "--warehouse",
                    warehouse,
                    "--seed",
                    str(args.seed),
                ]
                done = subprocess.run(cmd, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    raise SystemExit(f"pass failed:\n{done.stderr[-4000:]}")
                passes.append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(
                    f"{warehouse} {n:,} x {args.months}: pass {i + 1}/{args.repeat} "
                    f"{passes[-1]['pipeline_wall_s']:.1f} s",
                    file=sys.stderr,
                )
            blocks += table(passes)
    text = "\n".join(blocks)
    print(text)
    if args.append:
        with args.append.open("a") as fh:
            fh.write("\n" + text + "\n")


if __name__ == "__main__":
    main()
