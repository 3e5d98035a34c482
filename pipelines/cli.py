"""Command line: python -m pipelines {generate,run,close,demo,export,ui,daemon,db,profiles}.

Configuration comes from the environment, read when a command runs: KINERJA_INBOX (./inbox),
KINERJA_WAREHOUSE_URL (DuckDB file under .state/), KINERJA_PROFILE (nasional),
KINERJA_STATE_DIR (.state), KINERJA_FINANCE_DIR (.state/finance), DAGSTER_HOME
(.state/dagster_home).
"""

import argparse
import os
import re

from pipelines import commands as cmd
from pipelines.runs import VERBOSE_ENV


def _semester(text: str) -> str:
    if not re.fullmatch(r"\d{4}-S[12]", text):
        raise argparse.ArgumentTypeError(f"expected YYYY-S1 or YYYY-S2, got {text!r}")
    return text


def _quarter(text: str) -> str:
    if not re.fullmatch(r"\d{4}-Q[1-4]", text):
        raise argparse.ArgumentTypeError(f"expected YYYY-Q1 ... YYYY-Q4, got {text!r}")
    return text


def _year(text: str) -> str:
    if not re.fullmatch(r"20\d{2}", text):
        raise argparse.ArgumentTypeError(f"expected YYYY, got {text!r}")
    return text


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}")
    return text


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__.splitlines()[0])
    loud = argparse.ArgumentParser(add_help=False)
    loud.add_argument(
        "--verbose", action="store_true", help="print Dagster's log and stack traces of failures"
    )
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write a synthetic inbox for a simulated pemda")
    g.add_argument("--out", required=True, help="folder to write (must be empty or synthetic)")
    g.add_argument("--employees", type=int, required=True)
    g.add_argument("--start", type=_month, required=True, help="first month, YYYY-MM")
    g.add_argument("--months", type=int, default=1)
    g.add_argument("--seed", type=int, default=1)
    g.set_defaults(func=cmd.cmd_generate)
    r = sub.add_parser(
        "run",
        parents=[loud],
        help="materialize one month (attendance and monthly predikat) or "
        "one semester's performance scores, in process",
    )
    when = r.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", type=_month)
    when.add_argument("--semester", type=_semester, help="YYYY-S1 or YYYY-S2")
    r.set_defaults(func=cmd.cmd_run)
    cl = sub.add_parser(
        "close",
        parents=[loud],
        help="run one month and close it: its TPP becomes final, the finance files and the HR "
        "report are written (KINERJA_FINANCE_DIR); recomputing it later writes adjustment lines",
    )
    cl.add_argument("--month", type=_month, required=True)
    cl.set_defaults(func=cmd.cmd_close)
    d = sub.add_parser(
        "demo",
        parents=[loud],
        help="generate a synthetic inbox, run and close the demo months, score a semester",
    )
    d.add_argument("--employees", type=int, default=cmd.DEMO_EMPLOYEES)
    d.add_argument("--seed", type=int, default=1)
    d.set_defaults(func=cmd.cmd_demo)
    ex = sub.add_parser("export", help="write files for other systems (SIASN, Coretax DJP)")
    exs = ex.add_subparsers(dest="target", required=True)
    si = exs.add_parser(
        "siasn",
        help="the SIASN-ready kinerja results of a period from fact_performance_period: "
        "skp22/save (a year) or kinerjaperiodik/save (a quarter or a month) payloads as "
        "DIR/*.jsonl, validated against the endpoint's JSON Schema, and a review CSV; no "
        "network call",
    )
    period = si.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", type=_year, help="YYYY: skp22/save (the annual SKP)")
    period.add_argument("--quarter", type=_quarter, help="YYYY-Qn: kinerjaperiodik, periodikId 2")
    period.add_argument("--month", type=_month, help="YYYY-MM: kinerjaperiodik, periodikId 1")
    period.add_argument(
        "--semester",
        type=_semester,
        help="refused with the reason: SIASN has no semester code (export the quarters)",
    )
    si.add_argument("--out", required=True, help="folder to write (created when missing)")
    si.add_argument(
        "--readback",
        help="CSV/XLSX/JSON of (nip, id[, period]) read back from SIASN: a resend updates those",
    )
    co = exs.add_parser(
        "coretax",
        parents=[loud],
        help="the Coretax DJP Pasal 21 files of a closed month (BPMP, MmPayrollBulk) or year "
        "(BPA2, A2Bulk) from the warehouse's PPh 21, validated against formats/coretax.xsd; "
        "the withholder's NPWP/NITKU from KINERJA_CORETAX_TIN/KINERJA_CORETAX_NITKU or the "
        "profile. The files hold NIKs (personal data)",
    )
    when_co = co.add_mutually_exclusive_group(required=True)
    when_co.add_argument(
        "--month",
        type=_month,
        help="YYYY-MM: the month's BPMP, and the BPA2 of those whose tax year closed in it",
    )
    when_co.add_argument("--year", type=_year, help="YYYY: the BPA2 of every masa of the year")
    co.add_argument("--out", required=True, help="folder to write (created when missing)")
    ex.set_defaults(func=cmd.cmd_export)
    u = sub.add_parser("ui", help="open the Dagster UI on the same state")
    u.add_argument("--host", default="127.0.0.1")
    u.add_argument("--port", type=int, default=3000)
    u.set_defaults(func=cmd.cmd_ui)
    dm = sub.add_parser(
        "daemon", help="the Dagster daemon (schedules, sensors, backfills) with a 2 s backfill loop"
    )
    dm.add_argument("--workspace", default="workspace.yaml")
    dm.set_defaults(func=cmd.cmd_daemon)
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
    db.set_defaults(func=cmd.cmd_db)
    pr = sub.add_parser("profiles", help="list and validate rulebook profiles")
    pr.add_argument("names", nargs="*", help="profile names or YAML paths (default: shipped)")
    pr.set_defaults(func=cmd.cmd_profiles)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "verbose", False):
        os.environ[VERBOSE_ENV] = "1"
    return int(args.func(args))
