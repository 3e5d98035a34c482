"""Running jobs in process on the persistent Dagster instance: what the CLI commands call.

DAGSTER_HOME defaults to <state>/dagster_home, with a dagster.yaml written there on first use.
"""

import os
import re
import sys
from pathlib import Path

DAGSTER_YAML = """# Local Dagster instance for the CLI and `make ui` (SQLite, in this folder).
telemetry:
  enabled: false
concurrency:
  pools:
    default_limit: 1
"""


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
    from assets.partitions import semester_key

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
