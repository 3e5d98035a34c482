"""Time one month of the attendance pipeline, stage by stage, on a generated inbox.

    .venv/bin/python benchmarks/month.py --employees 20000 [--month 2024-03] [--repeat 3]

Stages are the same functions the assets call (no Dagster in between), run in one process:
generate, read (parse every export, cold staging cache), reference (employee master, PIN map,
leave, devices with their GX contracts), files (file manifest and sanity), punches (month slice,
duplicates, PIN map, GX contract), classify (daily attendance), discipline (monthly), publish
(one DuckDB transaction). Each stage reports wall and CPU seconds, rows, rows per second and the
process's peak RSS so far; each pass runs in a fresh process. Then the whole month runs through
Dagster (`python -m pipelines run`) in a child process measured with /usr/bin/time -v, and the
Dagster overhead is that wall time minus the sum of the stages. Prints a markdown table.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assets.ingest import file_manifest, month_punches, stage_attendance, validate_reference  # noqa: E402
from assets.partitions import FIRST_DAY  # noqa: E402
from assets.warehouse import quarantine_rows, with_pct  # noqa: E402
from expectations import devices as devices_contract  # noqa: E402
from expectations import employees as employees_contract  # noqa: E402
from expectations import leave as leave_contract  # noqa: E402
from expectations import pin_map as pin_map_contract  # noqa: E402
from expectations import punches as punches_contract  # noqa: E402
from formats import reference as ref  # noqa: E402
from resources import warehouse as wh  # noqa: E402
from resources.inbox import list_attendance, list_reference  # noqa: E402
from resources.rulebook import load_profile  # noqa: E402
from resources.state import StagingCache  # noqa: E402
from rules import columns as c  # noqa: E402
from rules.attendance import classify_days  # noqa: E402
from rules.calendar import month_bounds  # noqa: E402
from rules.discipline import monthly_discipline  # noqa: E402
from rules.reference import device_reasons, employee_reasons, leave_reasons, pin_map_reasons  # noqa: E402
from synthetic.generator import generate  # noqa: E402


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, int, float]] = []

    def run(self, name: str, fn: Callable[[], object], count: Callable[[object], int]):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        self.rows.append((name, wall, cpu, count(out), peak_mib()))
        return out


def one_pass(work: Path, employees: int, month: str, seed: int) -> Stages:
    s = Stages()
    inbox, state = work / "inbox", work / "state"
    first, last = month_bounds(month)
    summary = s.run(
        "generate", lambda: generate(inbox, employees, month, 1, seed), lambda g: g.punches
    )
    profile = load_profile("nasional")
    cache = StagingCache(state / "staging")

    def reference():
        emp = validate_reference(
            list_reference(inbox, "employees"),
            ref.read_employees,
            "employees",
            employees_contract.suite(),
            employee_reasons,
            ref.empty_frame(ref.EMPLOYEES),
        )
        known = emp.valid[c.NIP]
        pm = validate_reference(
            list_reference(inbox, "pin_map"),
            ref.read_pin_map,
            "pin_map",
            pin_map_contract.suite(),
            lambda f: pin_map_reasons(f, known),
            ref.empty_frame(ref.PIN_MAP),
        )
        lv = validate_reference(
            list_reference(inbox, "leave"),
            ref.read_leave,
            "leave",
            leave_contract.suite(),
            lambda f: leave_reasons(f, known),
            ref.empty_frame(ref.LEAVE),
        )
        dv = validate_reference(
            list_reference(inbox, "devices"),
            ref.read_devices,
            "devices",
            devices_contract.suite(),
            device_reasons,
            ref.empty_frame(ref.DEVICES),
        )
        return emp, pm, lv, dv

    emp, pm, lv, dv = s.run(
        "reference", reference, lambda r: sum(len(x.valid) + len(x.quarantine) for x in r)
    )
    orders = {
        k: o
        for k, o in zip(dv.valid[c.DEVICE_KEY], dv.valid[c.DATE_ORDER], strict=True)
        if isinstance(o, str)
    }
    zones = dict(zip(dv.valid[c.DEVICE_KEY], dv.valid[c.TIMEZONE], strict=True))
    staged = s.run(
        "read",
        lambda: stage_attendance(list_attendance(inbox), orders, cache),
        lambda st: sum(x.result.rows_in for x in st if x.result),
    )
    files, _ = s.run(
        "files",
        lambda: file_manifest(staged, zones, profile, FIRST_DAY),
        lambda r: int(r[0].valid["rows_read"].sum()),
    )
    punches = s.run(
        "punches",
        lambda: month_punches(
            files.valid,
            cache,
            zones,
            profile,
            FIRST_DAY,
            first,
            last,
            pm.valid,
            emp.valid,
            punches_contract.suite(),
            "attendance_punches",
            month,
        ),
        lambda r: len(r.valid) + len(r.quarantine),
    )
    daily = s.run(
        "classify",
        lambda: classify_days(punches.valid, emp.valid, lv.valid, profile, first, last),
        len,
    )
    monthly = s.run("discipline", lambda: monthly_discipline(daily, profile, month), len)
    engine = wh.make_engine(f"duckdb:///{state / 'bench.duckdb'}")
    wh.create_schema(engine)

    def publish():
        d, m, q = wh.fact_attendance_daily, wh.fact_discipline_monthly, wh.quarantine
        return wh.publish(
            engine,
            replace=[
                wh.Replace(d, d.c.work_date.between(first, last), with_pct(daily)),
                wh.Replace(m, m.c.month == month, with_pct(monthly)),
                wh.Replace(
                    q,
                    q.c.partition_key == month,
                    quarantine_rows(
                        punches, "attendance_punches", "attendance_punches", month, "bench"
                    ),
                ),
            ],
        )

    s.run("publish", publish, lambda w: sum(w.values()))
    engine.dispose()
    del summary
    return s


def dagster_run(work: Path, month: str) -> tuple[float, float]:
    """Wall seconds and max RSS (MiB) of `python -m pipelines run` on the generated inbox."""
    env = {
        **os.environ,
        "KINERJA_INBOX": str(work / "inbox"),
        "KINERJA_STATE_DIR": str(work / "dagster-state"),
        "DAGSTER_HOME": "",
        "PYTHONPATH": str(ROOT),
    }
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "pipelines", "run", "--month", month]
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"pipeline run failed:\n{out.stdout}\n{out.stderr[-3000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    return wall, (int(rss.group(1)) / 1024 if rss else float("nan"))


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


def single(args: argparse.Namespace) -> None:
    """One pass in this (fresh) process; prints its stages as JSON for the parent."""
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        work = Path(tmp)
        stages = one_pass(work, args.employees, args.month, args.seed)
        wall, rss = dagster_run(work, args.month)
    print(json.dumps({"stages": stages.rows, "dagster": [wall, rss]}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--employees", type=int, default=20_000)
    p.add_argument("--month", default="2024-03")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.single:
        single(args)
        return
    runs: list[Stages] = []
    dagster: list[tuple[float, float]] = []
    for i in range(args.repeat):
        # every pass in a fresh process: import costs and peak memory are per pass
        cmd = [
            sys.executable,
            __file__,
            "--single",
            "--employees",
            str(args.employees),
            "--month",
            args.month,
            "--seed",
            str(args.seed),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        stages = Stages()
        stages.rows = [tuple(r) for r in result["stages"]]
        runs.append(stages)
        dagster.append(tuple(result["dagster"]))
        print(f"pass {i + 1}/{args.repeat} done", file=sys.stderr)
    names = [r[0] for r in runs[0].rows]
    print(
        f"\n### One month, {args.employees:,} employees ({args.month}), "
        f"{dt.date.today()}, {args.repeat} runs\n"
    )
    print(f"Machine: {machine()}\n")
    print("| stage | wall s (median) | spread | CPU s | rows | rows/s | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, name in enumerate(names):
        walls = [r.rows[i][1] for r in runs]
        cpus = [r.rows[i][2] for r in runs]
        rows = runs[0].rows[i][3]
        med = statistics.median(walls)
        print(
            f"| {name} | {med:.2f} | {min(walls):.2f}–{max(walls):.2f} | "
            f"{statistics.median(cpus):.2f} | {rows:,} | {rows / med:,.0f} | "
            f"{max(r.rows[i][4] for r in runs):,.0f} |"
        )
    pipeline = [sum(r.rows[i][1] for i in range(1, len(names))) for r in runs]
    walls = [d[0] for d in dagster]
    print(
        f"| **stages without generate** | {statistics.median(pipeline):.2f} | "
        f"{min(pipeline):.2f}–{max(pipeline):.2f} | | | | |"
    )
    print(
        f"| **`python -m pipelines run` (Dagster, whole process)** | "
        f"{statistics.median(walls):.2f} | {min(walls):.2f}–{max(walls):.2f} | | | | "
        f"{max(d[1] for d in dagster):,.0f} |"
    )
    overhead = [w - s for w, s in zip(walls, pipeline, strict=True)]
    print(
        f"| Dagster + process start-up overhead | {statistics.median(overhead):.2f} | "
        f"{min(overhead):.2f}–{max(overhead):.2f} | | | | |"
    )


if __name__ == "__main__":
    main()
