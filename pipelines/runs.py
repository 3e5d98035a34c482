"""Running jobs in process on the persistent Dagster instance: what the CLI commands call.

DAGSTER_HOME defaults to <state>/dagster_home, with a dagster.yaml written there on first use.
"""

import os
import re
import sys
from pathlib import Path

DAGSTER_YAML = """# Local Dagster instance for the CLI and `make ui` (SQLite, in this folder).
# This file was written by
# pipelines/runs.py (rewritten when the project's defaults change; remove these lines to keep
# your edits).
telemetry:
  enabled: false
# no "Join the Dagster community" dialog on the first visit
nux:
  enabled: false
# Runs wait in the queue at most a second (default 5 s): a 2-month recompute is several short
# runs in a row (BENCHMARKS.md, "Recompute two months from the UI").
run_coordinator:
  module: dagster.core.run_coordinator
  class: QueuedRunCoordinator
  config:
    dequeue_interval_seconds: 1
    dequeue_use_threads: true
    dequeue_num_workers: 2
concurrency:
  runs:
    max_concurrent_runs: 2
  pools:
    # "warehouse": one writer of the DuckDB file at a time
    default_limit: 1
# Each run is a fork of a process that has imported Dagster, pandas, pyarrow, DuckDB and Great
# Expectations once (pipelines/launcher.py): a run's first step starts sooner, and the run does
# not import them again (BENCHMARKS.md, issue 24). Needs the project on PYTHONPATH in the
# webserver and the daemon (`python -m pipelines ui` sets it).
run_launcher:
  module: pipelines.launcher
  class: WarmRunLauncher
# the backfill daemon submits the runs of a backfill from threads
backfills:
  use_threads: true
  num_workers: 2
  num_submit_workers: 2
"""
MANAGED = "written by\n# pipelines/runs.py"


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME, defaulting to <state>/dagster_home, with a dagster.yaml."""
    from resources.settings import Settings

    home = Path(os.environ.get("DAGSTER_HOME") or Settings.from_env().state_dir / "dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    old = config.read_text() if config.exists() else None
    if old is None or (old != DAGSTER_YAML and _managed(old)):
        config.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home.resolve())
    return home


def _managed(text: str) -> bool:
    """The file is one this module wrote (an older default): safe to replace."""
    return text.startswith("# Local Dagster instance for the CLI and `make ui`") and (
        MANAGED in text or "telemetry:\n  enabled: false\nconcurrency:" in text
    )


def run_month(month: str) -> bool:
    """Materialize the inbox snapshot and one month, in process, on the persistent instance."""
    return _month_known(month) and _run_job("nightly_job", month, month)


def close_month(month: str) -> bool:
    """Materialize the inbox snapshot and one month, mark its TPP final and write the finance
    files and the HR report (close_month_job)."""
    return _month_known(month) and _run_job("close_month_job", month, month)


def _month_known(month: str) -> bool:
    """A month before the first monthly partition is refused in words, not with a stack."""
    from assets.partitions import FIRST_MONTH, FIRST_MONTH_ENV, partition_of

    if partition_of(month) >= FIRST_MONTH:
        return True
    print(
        f"Month {month} is before the first month this installation computes ({FIRST_MONTH}). "
        f"Set {FIRST_MONTH_ENV}={month} (or earlier) and run again.",
        file=sys.stderr,
    )
    return False


def run_semester(label: str) -> bool:
    """Materialize the e-Kinerja snapshot and one semester's scores ('2021-S2')."""
    from assets.partitions import semester_key

    return _run_job("performance_semester_job", semester_key(label), label)


def export_siasn(period: str, out: str, readback: str | None) -> dict | None:
    """Materialize the siasn_export asset (with the employee master and the e-Kinerja exports it
    reads) for one period; its metadata, or None when the run failed (said on stderr)."""
    config = {"period": period, "out": out, "readback": readback or ""}
    result = _execute(
        "siasn_export_job", None, period, {"ops": {"siasn_export": {"config": config}}}
    )
    if result is None:
        return None
    [event] = [
        e for e in result.get_asset_materialization_events() if e.asset_key.path == ["siasn_export"]
    ]
    # the UI's labels read 'Indonesian (technical)': the CLI reads the technical names
    return {
        (m.group(1) if (m := re.search(r"\(([\w]+)\)$", k)) else k): v.value
        for k, v in event.materialization.metadata.items()
    }


def export_coretax(period: str, out: str) -> dict | None:
    """Materialize the coretax_export asset (with the employee master, payroll and reference
    files it reads) for a month (BPMP) or a year (BPA2); its metadata, or None when the run
    failed or was refused (said on stderr)."""
    config = {"period": period, "out": out}
    result = _execute(
        "coretax_export_job", None, period, {"ops": {"coretax_export": {"config": config}}}
    )
    if result is None:
        return None
    [event] = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key.path == ["coretax_export"]
    ]
    return {k: v.value for k, v in event.materialization.metadata.items()}


def _run_job(name: str, partition: str, month: str) -> bool:
    return _execute(name, partition, month) is not None


def _execute(name: str, partition: str | None, label: str, config: dict | None = None):
    """Run a job in process on the persistent instance; its result, or None when it failed
    (what went wrong printed on stderr, the full log in <state>/logs/)."""
    import dagster as dg

    from pipelines.definitions import defs

    ensure_dagster_home()
    job = defs.resolve_job_def(name)
    verbose = bool(os.environ.get(VERBOSE_ENV))
    # Dagster's console logger prints each failure with its stack: only with --verbose
    level = os.environ.get("KINERJA_LOG_LEVEL", "INFO" if verbose else "CRITICAL")
    run_config = {"loggers": {"console": {"config": {"log_level": level}}}, **(config or {})}
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(
            partition_key=partition,
            instance=instance,
            raise_on_error=False,
            tags={"kinerja/trigger": "cli"},
            run_config=run_config,
        )
    if not result.success or refused_checks(result):
        log = write_log(result, label)
        print(failure_text(result, label, log, verbose), file=sys.stderr)
        return None
    return result


VERBOSE_ENV = "KINERJA_VERBOSE"
_UNEXPECTED = (
    "What to do: this is not a known input problem. Send the log below to whoever maintains "
    "the pipeline; the month was not published."
)


def _step_causes(result) -> list[tuple[str, str, str | None]]:
    """(step, what went wrong, the stack or None) per failed step, once per step."""
    out, seen = [], set()
    for event in result.all_events:
        if not event.is_step_failure or event.step_key in seen:
            continue
        seen.add(event.step_key)
        data = event.step_failure_data
        if data.error is not None and data.error.cls_name == "DagsterAssetCheckFailedError":
            continue  # the failed check is reported below, with its own description
        if data.user_failure_data is not None and data.user_failure_data.description:
            # a dg.Failure we raised: its description already says what to do
            out.append((event.step_key, data.user_failure_data.description.strip(), None))
        else:
            root = _innermost(data.error)
            known = root is not None and root.cls_name in KNOWN_ERRORS
            stack = None if known else data.error.to_string()
            out.append((event.step_key, _root_cause(data.error), stack))
    return out


def failure_text(result, month: str, log: Path, verbose: bool) -> str:
    """What HR reads when a run fails: one short paragraph per cause (what, where, what to do),
    the failed checks, and the path of the full log; stacks only with --verbose."""
    state = "FAILED" if not result.success else "REFUSED: nothing computed or published"
    parts = [f"Run for {month} {state} (run id {result.run_id})."]
    for step, what, stack in _step_causes(result):
        text = f"* {step}: {what}"
        if stack is not None:
            text += "\n  " + _UNEXPECTED
            if verbose:
                text += "\n" + stack
        parts.append(text)
    for check in result.get_asset_check_evaluations():
        if not check.passed and check.severity.value == "ERROR":
            parts.append(f"* check {check.check_name} failed: {check.description or ''}".strip())
    parts.append(f"Full log: {log}")
    if not verbose:
        parts.append("Run the command again with --verbose to see the stack traces here.")
    return "\n\n".join(parts)


def refused_checks(result) -> list:
    """Failed checks of severity ERROR in a run that succeeded: a month refused for missing
    inputs (its steps skipped, the refusal in attendance_punches_month_inputs)."""
    return [
        check
        for check in result.get_asset_check_evaluations()
        if not check.passed and check.severity.value == "ERROR"
    ]


def write_log(result, month: str) -> Path:
    """Every event of the run, with the stacks of failures, in <state>/logs/."""
    from resources.settings import Settings

    folder = Settings.from_env().state_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"run-{month}-{result.run_id[:8]}.log"
    with path.open("w", encoding="utf-8") as out:
        for event in result.all_events:
            out.write(f"{event.event_type_value} {event.step_key or '-'}: {event.message or ''}\n")
            if event.is_step_failure:
                out.write(event.step_failure_data.error.to_string() + "\n")
    return path


# errors whose message already says what happened and what to do (raised by our own code)
KNOWN_ERRORS = {"WarehouseBusy", "ProfileError", "FileRejected", "SetupError"}


def _innermost(error):
    while error is not None and error.cause is not None:
        error = error.cause
    return error


def _root_cause(error) -> str:
    """The innermost error of a step failure, in one line: what HR acts on, not a stack."""
    error = _innermost(error)
    if error is None:
        return "unknown"
    return re.sub(r"^[\w.]+: ", "", error.message.strip().splitlines()[0])  # no class path
