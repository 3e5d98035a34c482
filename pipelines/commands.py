"""The CLI's commands: each one runs jobs (pipelines.runs) and prints what came out
(resources.warehouse.reports). Configuration comes from the environment, read when a command
runs."""

import argparse
import os
import sys
import time
from pathlib import Path

from assets.partitions import months_from, semester_of
from pipelines.runs import close_month, ensure_dagster_home, run_month, run_semester

DEMO_EMPLOYEES = 300
DEMO_START = "2024-03"
DEMO_MONTHS = 2


def _report(months: list[str], periods: list[str] = ()) -> None:
    from resources.settings import Settings
    from resources.warehouse.reports import run_report

    for line in run_report(Settings.from_env(), months, list(periods)):
        print(line)


def nasional():
    """The national rulebook: the work calendar the synthetic pemda keeps."""
    from resources.rulebook import load_profile

    return load_profile("nasional")


def cmd_generate(args: argparse.Namespace) -> int:
    from synthetic.generator import generate

    summary = generate(
        Path(args.out), args.employees, args.start, args.months, args.seed, profile=nasional()
    )
    for line in summary.lines():
        print(line)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.semester:
        ok = run_semester(args.semester)
        periods = [args.semester, *([args.semester[:4]] if args.semester.endswith("S2") else [])]
        if ok:
            print(f"Run for {args.semester} finished in {time.perf_counter() - started:.1f} s.")
            _report([], periods)
        return 0 if ok else 1
    ok = run_month(args.month)
    if ok:
        print(f"Run for {args.month} finished in {time.perf_counter() - started:.1f} s.")
        _report([args.month])
    return 0 if ok else 1


def _finance_report(months: list[str]) -> None:
    """Where the finance files and the HR report's charts of closed months are."""
    from resources.finance import finance_dir

    root = finance_dir()
    for month in months:
        folder = root / month
        files = sorted(p.name for p in folder.glob("*") if p.is_file())
        thr_prefix = f"daftar_nominatif_thr_gaji13_{month}_"
        sheets = [f for f in files if f.endswith(".xlsx") and not f.startswith(thr_prefix)]
        thr_sheets = [f for f in files if f.startswith(thr_prefix)]
        charts = [f for f in files if f.endswith(".png")]
        print(f"Finance files {month}: {folder}")
        adjustments = f"tpp_adjustment_{month}.csv"
        yearly = f"pph21_1721a2_{month[:4]}.csv"
        extra = "".join(f", {name}" for name in (adjustments, yearly) if name in files)
        print(
            f"  {len(sheets)} daftar nominatif (one XLSX per unit), tpp_{month}.csv, "
            f"tpp_{month}.parquet{extra}"
        )
        if thr_sheets:  # a THR / gaji-13 pay month (issue 21)
            thr = [f for f in files if f.startswith(f"tpp_thr_gaji13_{month}") or
                   f.startswith(f"tpp_thr_gaji13_adjustment_{month}")]  # fmt: skip
            print(
                f"  THR / gaji-13: {len(thr_sheets)} daftar nominatif (one XLSX per unit), "
                + ", ".join(thr)
            )
        print(f"  HR report charts: {', '.join(charts) or 'none'}")


def cmd_close(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    ok = close_month(args.month)
    if ok:
        print(f"Month {args.month} closed in {time.perf_counter() - started:.1f} s.")
        _report([args.month])
        _finance_report([args.month])
    return 0 if ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from resources.settings import Settings
    from synthetic.generator import generate

    settings = Settings.from_env()
    summary = generate(
        settings.inbox, args.employees, DEMO_START, DEMO_MONTHS, args.seed, profile=nasional()
    )
    for line in summary.lines():
        print(line)
    months = months_from(DEMO_START, DEMO_MONTHS)
    for month in months:
        started = time.perf_counter()
        if not close_month(month):
            return 1
        print(f"Run and close of {month} finished in {time.perf_counter() - started:.1f} s.")
    demo_semester = semester_of(DEMO_START)
    started = time.perf_counter()
    if not run_semester(demo_semester):
        return 1
    print(f"Run for {demo_semester} finished in {time.perf_counter() - started:.1f} s.")
    _report(months, [demo_semester])
    _finance_report(months)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """The SIASN files of a period: the siasn_export asset, run in process (the same inputs and
    service as from the UI: the warehouse's fact_performance_period, the inbox's employee master
    and RHK export). ``export coretax``: the Coretax files (cmd_export_coretax)."""
    if args.target == "coretax":
        return cmd_export_coretax(args)
    from export.siasn import refusal
    from pipelines.runs import export_siasn

    period = args.year or args.quarter or args.semester or args.month
    refused = refusal(period)
    if refused:
        print(f"Not exported: {refused}.", file=sys.stderr)
        return 2
    out = str(Path(args.out).resolve())
    meta = export_siasn(period, out, args.readback and str(Path(args.readback).resolve()))
    if meta is None:
        return 2
    print(f"SIASN {meta['endpoint']} {period}: {meta['sent']} payload(s) in {meta['payloads']}")
    print(f"  review CSV of all {meta['rows']} row(s): {meta['review']}")
    if not meta["rows"]:
        print(f"  no result of {period} in fact_performance_period: run that period first")
    for reason, n in meta["not_sent_reasons"]:
        print(f"  not sent ({n}): {reason}")
    return 0


def cmd_export_coretax(args: argparse.Namespace) -> int:
    """The Coretax DJP files of a closed month (BPMP) or year (BPA2): the coretax_export asset,
    run in process. A refusal (no withholder NPWP, the period not closed, an employee without a
    NIK) is printed on stderr by the run and exits 2."""
    from pipelines.runs import export_coretax

    period = args.year or args.month
    meta = export_coretax(period, str(Path(args.out).resolve()))
    if meta is None:
        return 2
    for done in meta["files"]:
        form = str(done["form"]).upper()
        if done["xml"]:
            print(f"Coretax {form} {period}: {done['rows']} row(s) in {done['xml']}")
            print(f"  validated against formats/coretax.xsd ({done['validated_with']})")
            print("  personal data (NIK): hand it to finance only, do not mail or share it")
        else:
            print(f"Coretax {form} {period}: no row to report, no XML written")
        print(f"  review CSV of every row: {done['review']}")
    for form, reason, n in meta["left_off_reasons"]:
        print(f"  {str(form).upper()} left off ({n}): {reason}")
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    """The Dagster UI (webserver) and the daemon on the same state, until interrupted.

    Like `dagster dev`, but the daemon is `python -m pipelines daemon` (pipelines.daemon: a 2 s
    backfill loop instead of 30 s), so a recompute of months launched in the UI starts at once.
    """
    import signal
    import subprocess

    ensure_dagster_home()
    bin_dir = Path(sys.executable).parent
    web = [str(bin_dir / "dagster-webserver"), "-w", "workspace.yaml", "-h", args.host,
           "-p", str(args.port)]  # fmt: skip
    daemon = [sys.executable, "-m", "pipelines", "daemon"]
    print(
        f"Dagster UI on http://{args.host}:{args.port} (DAGSTER_HOME={os.environ['DAGSTER_HOME']})",
        flush=True,
    )
    # the instance's run launcher (pipelines.launcher) is imported by the webserver too
    root = str(Path(__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
    procs = [subprocess.Popen(cmd, env=env) for cmd in (web, daemon)]

    def stop(*_: object) -> None:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()

    # a UI started from a non-interactive shell would inherit ignored SIGINT/SIGTERM
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while all(proc.poll() is None for proc in procs):
            time.sleep(0.5)
    finally:
        stop()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    return max(abs(proc.returncode or 0) for proc in procs)


def cmd_daemon(args: argparse.Namespace) -> int:
    """The Dagster daemon with the project's shorter backfill loop (pipelines.daemon)."""
    from pipelines.daemon import run

    ensure_dagster_home()
    run(args.workspace)
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from pipelines import db
    from resources.warehouse.migrate import SchemaNotCurrent

    try:
        if args.db_command == "upgrade":
            lines = db.run_upgrade()
        elif args.db_command == "status":
            lines = db.status()
        elif args.db_command == "stamp":
            lines = db.run_stamp(args.revision)
        else:
            lines = db.setup(db.Roles(writer=args.writer, reporter=args.reporter))
    except (db.SetupError, SchemaNotCurrent) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0


def cmd_profiles(args: argparse.Namespace) -> int:
    from resources.rulebook import ProfileError, available_profiles, load_profile

    failed = 0
    for name in args.names or available_profiles():
        try:
            profile = load_profile(name)
        except ProfileError as exc:
            print(f"INVALID {exc}", file=sys.stderr)
            failed += 1
            continue
        starts = ", ".join(str(v.valid_from) for v in profile.versions)
        print(f"{profile.name:16} {profile.title} ({profile.region}); versions from {starts}")
    return 1 if failed else 0
