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
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STAGES = {
    "read": ("attendance_files", "ekinerja_exports", "payroll", "tpp_reference"),
    "validate": ("employees", "pin_map", "leave_records", "devices", "attendance_punches"),
    "classify": ("daily_attendance",),
    "discipline": ("monthly_discipline",),
    "scores": ("performance_monthly", "skp_compliance_monthly"),
    "TPP": ("tpp_monthly",),
    "publish": ("warehouse_reference", "warehouse_ekinerja", "warehouse_tpp",
                "warehouse_attendance_month", "warehouse_performance_month",
                "warehouse_tpp_month"),
}  # fmt: skip
ORDER = [*STAGES, "other"]
STAGE_OF = {step: stage for stage, steps in STAGES.items() for step in steps}
# what each stage counts as its rows: (step, metadata key)
ROWS = {
    "read": [("attendance_files", "rows_in")],
    "validate": [("attendance_punches", "rows_in")],
    "classify": [("daily_attendance", "rows")],
    "discipline": [("monthly_discipline", "rows")],
    "scores": [("performance_monthly", "rows_in"), ("performance_monthly", "rows")],
    "TPP": [("tpp_monthly", "rows")],
}


class Sampler(threading.Thread):
    """CPU seconds and RSS of this process, every ``interval`` seconds, with timestamps."""

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[float, float, int]] = []
        self._stop_event = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def sample(self) -> None:
        with open("/proc/self/statm") as fh:
            rss = int(fh.read().split()[1]) * self._page
        self.samples.append((time.time(), time.process_time(), rss))

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            time.sleep(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
        self.sample()

    def window(self, start: float, end: float) -> tuple[float, int]:
        """CPU seconds used and peak RSS seen between two wall-clock instants."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        before = [s for s in self.samples if s[0] <= start]
        after = [s for s in self.samples if s[0] >= end]
        first = before[-1] if before else (inside[0] if inside else self.samples[0])
        last = after[0] if after else (inside[-1] if inside else self.samples[-1])
        peak = max([s[2] for s in inside] + [first[2], last[2]])
        return max(0.0, last[1] - first[1]), peak


def _steps(instance, run_id: str) -> dict[str, list[tuple[float, float]]]:
    """Start and end instants of every step, from the run's event log."""
    starts, spans = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        kind = event.event_type_value
        if kind == "STEP_START":
            starts[event.step_key] = entry.timestamp
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in starts:
            spans.setdefault(event.step_key, []).append((starts[event.step_key], entry.timestamp))
    return spans


def _metadata(result) -> dict[str, dict]:
    meta: dict[str, dict] = {}
    for event in result.all_events:
        if event.event_type_value == "ASSET_MATERIALIZATION" and event.step_key:
            mat = event.event_specific_data.materialization
            values = {
                k: v.value
                for k, v in mat.metadata.items()
                if isinstance(getattr(v, "value", None), (int, float))
            }
            meta.setdefault(event.step_key, {}).update(values)
    return meta


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
    sampler = Sampler()
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
            runs.append((month, t0, t1, _steps(instance, result.run_id), _metadata(result)))
    sampler.stop()
    stages = {s: {"wall": 0.0, "cpu": 0.0, "peak": 0, "rows": 0} for s in ORDER}
    overhead = 0.0
    for _month, t0, t1, steps, meta in runs:
        inside = 0.0
        for step, spans in steps.items():
            stage = STAGE_OF.get(step, "other")
            for s, e in spans:
                cpu, peak = sampler.window(s, e)
                stages[stage]["wall"] += e - s
                stages[stage]["cpu"] += cpu
                stages[stage]["peak"] = max(stages[stage]["peak"], peak)
                inside += e - s
        overhead += (t1 - t0) - inside
        for stage, keys in ROWS.items():
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

    from resources.warehouse import make_engine

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
    from rules.units import month_bounds

    store = work / "storage"
    punches = pd.read_parquet(store / "attendance_punches" / f"{month}-01" / "valid.parquet")
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


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )


def _fmt_spread(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}" if len(values) > 1 else "–"


def table(passes: list[dict]) -> list[str]:
    p0 = passes[0]
    label = (
        f"{p0['employees']:,} employees × {p0['months']} month"
        f"{'s' if p0['months'] > 1 else ''}, {p0['warehouse']}"
    )
    lines = [
        f"#### {label} ({len(passes)} run{'s' if len(passes) > 1 else ''})",
        "",
        f"{p0['punch_records']:,} punch records generated in "
        f"{statistics.median(p['generate_s'] for p in passes):.1f} s (not counted below).",
        "",
        "| stage | wall s (median) | spread | CPU s | rows | rows/s | peak RSS MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for stage in ORDER:
        walls = [p["stages"][stage]["wall"] for p in passes]
        if max(walls) == 0:
            continue
        cpus = [p["stages"][stage]["cpu"] for p in passes]
        rows = p0["stages"][stage]["rows"]
        med = statistics.median(walls)
        rate = f"{rows / med:,.0f}" if rows and med else ""
        peak = max(p["stages"][stage]["peak"] for p in passes) / 2**20
        lines.append(
            f"| {stage} | {med:.2f} | {_fmt_spread(walls)} | "
            f"{statistics.median(cpus):.2f} | {rows:,} | {rate} | {peak:,.0f} |"
        )
    over = [p["dagster_overhead_s"] for p in passes]
    walls = [p["pipeline_wall_s"] for p in passes]
    imports = [p["imports_s"] for p in passes]
    lines += [
        f"| Dagster overhead (outside steps) | {statistics.median(over):.2f} | "
        f"{_fmt_spread(over)} | | | | |",
        f"| **pipeline wall time** | **{statistics.median(walls):.2f}** | "
        f"{_fmt_spread(walls)} | | | | "
        f"**{max(p['process_peak_mib'] for p in passes):,.0f}** |",
        f"| process start-up and imports | {statistics.median(imports):.2f} | "
        f"{_fmt_spread(imports)} | | | | |",
    ]
    ref = [p["reference"] for p in passes if p["reference"]]
    if ref:
        ratios = [r["ratio"] for r in ref]
        lines += [
            "",
            f"Classification vs. the DuckDB SQL reference on the same "
            f"{ref[0]['rows']:,} employee-days: "
            f"{statistics.median(r['pipeline_s'] for r in ref):.2f} s vs "
            f"{statistics.median(r['sql_s'] for r in ref):.2f} s, "
            f"ratio **{statistics.median(ratios):.2f}×** ({_fmt_spread(ratios)}); "
            f"rows that differ: {max(r['mismatches'] for r in ref)}.",
        ]
    return [*lines, ""]


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
    blocks = [f"### Run of {dt.date.today()}", "", f"Machine: {machine()}", ""]
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
