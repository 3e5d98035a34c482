"""Command line: python -m pipelines {generate,run,close,demo,ui,db,profiles}.

Configuration comes from the environment, read when a command runs: KINERJA_INBOX (./inbox),
KINERJA_WAREHOUSE_URL (DuckDB file under .state/), KINERJA_PROFILE (nasional),
KINERJA_STATE_DIR (.state), KINERJA_FINANCE_DIR (.state/finance), DAGSTER_HOME
(.state/dagster_home).
"""

import argparse
import datetime as dt
import os
import re
import sys
import time
from pathlib import Path

DEMO_EMPLOYEES = 300
DEMO_START = "2024-03"
DEMO_MONTHS = 2
DAGSTER_YAML = """# Local Dagster instance for the CLI and `make ui` (SQLite, in this folder).
telemetry:
  enabled: false
concurrency:
  pools:
    default_limit: 1
"""


def _semester(text: str) -> str:
    if not re.fullmatch(r"\d{4}-S[12]", text):
        raise argparse.ArgumentTypeError(f"expected YYYY-S1 or YYYY-S2, got {text!r}")
    return text


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}")
    return text


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME, defaulting to <state>/dagster_home, with a dagster.yaml."""
    from resources.settings import Settings

    home = Path(os.environ.get("DAGSTER_HOME") or Settings.from_env().state_dir / "dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home.resolve())
    return home


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


def run_month(month: str) -> bool:
    """Materialize the inbox snapshot and one month, in process, on the persistent instance."""
    from assets.partitions import partition_of

    return _run_job("nightly_job", partition_of(month), month)


def close_month(month: str) -> bool:
    """Materialize the inbox snapshot and one month, mark its TPP final and write the finance
    files and the HR report (close_month_job)."""
    from assets.partitions import partition_of

    return _run_job("close_month_job", partition_of(month), month)


def run_semester(label: str) -> bool:
    """Materialize the e-Kinerja snapshot and one semester's scores ('2021-S2')."""
    from rules.units import semester_key

    return _run_job("performance_semester_job", semester_key(label), label)


def _run_job(name: str, partition: str, month: str) -> bool:
    import dagster as dg

    from pipelines.definitions import defs

    ensure_dagster_home()
    job = defs.resolve_job_def(name)
    with dg.DagsterInstance.get() as instance:
        level = os.environ.get("KINERJA_LOG_LEVEL", "WARNING")
        result = job.execute_in_process(
            partition_key=partition,
            instance=instance,
            raise_on_error=False,
            tags={"kinerja/trigger": "cli"},
            run_config={"loggers": {"console": {"config": {"log_level": level}}}},
        )
    if not result.success:
        print(f"Run for {month} FAILED (run id {result.run_id}).", file=sys.stderr)
        causes: set[str] = set()
        for event in result.all_events:
            if event.is_failure and event.message:
                print(f"  {event.message.splitlines()[0]}", file=sys.stderr)
            if event.is_step_failure:
                cause = _root_cause(event.step_failure_data.error)
                print(
                    f"    cause: {cause if cause not in causes else '(as above)'}", file=sys.stderr
                )
                causes.add(cause)
        for check in result.get_asset_check_evaluations():
            if not check.passed:
                text = check.description or ""
                print(f"  check {check.check_name} failed {text}", file=sys.stderr)
    return result.success


def _root_cause(error) -> str:
    """The innermost error of a step failure, in one line: what HR acts on, not a stack."""
    while error is not None and error.cause is not None:
        error = error.cause
    if error is None:
        return "unknown"
    return re.sub(r"^[\w.]+: ", "", error.message.strip().splitlines()[0])  # no class path


def _report(months: list[str], performance: list[str] = ()) -> None:
    from pipelines.summary import month_summary, performance_summary, tpp_summary
    from resources.settings import Settings, redact_url
    from resources.warehouse import make_engine

    settings = Settings.from_env()
    engine = make_engine(settings.warehouse_url)
    try:
        for month in months:
            for line in month_summary(engine, month):
                print(line)
            for line in performance_summary(engine, month):
                print(line)
            for line in tpp_summary(engine, month):
                print(line)
        for period in performance:
            for line in performance_summary(engine, period):
                print(line)
    finally:
        engine.dispose()
    print(f"Inbox:     {settings.inbox}")
    print(f"Warehouse: {redact_url(settings.warehouse_url)}")
    print(f"Profile:   {settings.profile}")
    print("Tables:    fact_attendance_daily, fact_discipline_monthly, quarantine, load_audit,")
    print("           dim_employee, fact_performance_period, fact_skp_compliance,")
    print("           fact_tpp_monthly, tpp_adjustment, tpp_month_close")
    print("UI:        make ui  (Dagster UI on the same state: runs, checks, quarantine counts)")


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
        sheets = [f for f in files if f.endswith(".xlsx")]
        charts = [f for f in files if f.endswith(".png")]
        print(f"Finance files {month}: {folder}")
        adjustments = f"tpp_adjustment_{month}.csv"
        extra = f", {adjustments}" if adjustments in files else ""
        print(
            f"  {len(sheets)} daftar nominatif (one XLSX per unit), tpp_{month}.csv, "
            f"tpp_{month}.parquet{extra}"
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
    first = dt.date.fromisoformat(f"{DEMO_START}-01")
    months = [
        f"{first.year + (first.month - 1 + i) // 12}-{(first.month - 1 + i) % 12 + 1:02d}"
        for i in range(DEMO_MONTHS)
    ]
    for month in months:
        started = time.perf_counter()
        if not close_month(month):
            return 1
        print(f"Run and close of {month} finished in {time.perf_counter() - started:.1f} s.")
    demo_semester = f"{first.year}-S{1 if first.month <= 6 else 2}"
    started = time.perf_counter()
    if not run_semester(demo_semester):
        return 1
    print(f"Run for {demo_semester} finished in {time.perf_counter() - started:.1f} s.")
    _report(months, [demo_semester])
    _finance_report(months)
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    """Replace this process with the Dagster UI (webserver + daemon) on the same state."""
    import signal

    ensure_dagster_home()
    # a UI started from a non-interactive shell would inherit ignored SIGINT/SIGTERM
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    exe = Path(sys.executable).with_name("dagster")
    cmd = [str(exe), "dev", "-w", "workspace.yaml", "-h", args.host, "-p", str(args.port)]
    print(
        f"Dagster UI on http://{args.host}:{args.port} (DAGSTER_HOME={os.environ['DAGSTER_HOME']})"
    )
    os.execv(cmd[0], cmd)
    return 0  # not reached


def cmd_db(args: argparse.Namespace) -> int:
    from pipelines import db
    from resources.migrate import SchemaNotCurrent

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
    from resources.rulebook import available_profiles, load_profile
    from rules.profile import ProfileError

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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write a synthetic inbox for a simulated pemda")
    g.add_argument("--out", required=True, help="folder to write (must be empty or synthetic)")
    g.add_argument("--employees", type=int, required=True)
    g.add_argument("--start", type=_month, required=True, help="first month, YYYY-MM")
    g.add_argument("--months", type=int, default=1)
    g.add_argument("--seed", type=int, default=1)
    g.set_defaults(func=cmd_generate)
    r = sub.add_parser(
        "run",
        help="materialize one month (attendance and monthly predikat) or "
        "one semester's performance scores, in process",
    )
    when = r.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", type=_month)
    when.add_argument("--semester", type=_semester, help="YYYY-S1 or YYYY-S2")
    r.set_defaults(func=cmd_run)
    cl = sub.add_parser(
        "close",
        help="run one month and close it: its TPP becomes final, the finance files and the HR "
        "report are written (KINERJA_FINANCE_DIR); recomputing it later writes adjustment lines",
    )
    cl.add_argument("--month", type=_month, required=True)
    cl.set_defaults(func=cmd_close)
    d = sub.add_parser(
        "demo", help="generate a synthetic inbox, run and close the demo months, score a semester"
    )
    d.add_argument("--employees", type=int, default=DEMO_EMPLOYEES)
    d.add_argument("--seed", type=int, default=1)
    d.set_defaults(func=cmd_demo)
    u = sub.add_parser("ui", help="open the Dagster UI on the same state")
    u.add_argument("--host", default="127.0.0.1")
    u.add_argument("--port", type=int, default=3000)
    u.set_defaults(func=cmd_ui)
    db = sub.add_parser("db", help="warehouse schema migrations and PostgreSQL roles")
    dbs = db.add_subparsers(dest="db_command", required=True)
    dbs.add_parser("upgrade", help="apply schema migrations (KINERJA_WAREHOUSE_URL)")
    dbs.add_parser("status", help="the warehouse's schema revision and the code's")
    st = dbs.add_parser("stamp", help="record a revision without running it")
    st.add_argument("revision")
    su = dbs.add_parser(
        "setup",
        help="create the writer and reporter roles (KINERJA_ADMIN_URL, "
        "KINERJA_WRITER_PASSWORD, KINERJA_REPORTER_PASSWORD), then upgrade",
    )
    su.add_argument("--writer", default="kinerja_writer")
    su.add_argument("--reporter", default="kinerja_reporter")
    db.set_defaults(func=cmd_db)
    pr = sub.add_parser("profiles", help="list and validate rulebook profiles")
    pr.add_argument("names", nargs="*", help="profile names or YAML paths (default: shipped)")
    pr.set_defaults(func=cmd_profiles)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))
