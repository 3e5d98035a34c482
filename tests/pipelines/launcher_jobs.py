"""Two tiny jobs for tests/pipelines/test_launcher.py, loaded by the run's process from this
module (the run's code origin), as a run of the project's code location loads its jobs."""

import os
import time
from pathlib import Path

import dagster as dg


@dg.op
def write_pid(context: dg.OpExecutionContext) -> int:
    """Writes the process id next to the instance: the test compares it with the launcher's."""
    Path(context.instance.root_directory, "run.pid").write_text(str(os.getpid()))
    return os.getpid()


@dg.op
def wait_a_minute() -> None:
    for _ in range(600):
        time.sleep(0.1)


@dg.job(executor_def=dg.in_process_executor)
def pid_job() -> None:
    write_pid()


@dg.job(executor_def=dg.in_process_executor)
def slow_job() -> None:
    wait_a_minute()


defs = dg.Definitions(jobs=[pid_job, slow_job])
