"""A run launcher that starts each run in a process forked from a warm one.

Dagster's DefaultRunLauncher asks the code server to start a run, and the code server *spawns*
a fresh Python for it: every run of the UI or of a backfill pays the interpreter, Dagster,
pandas, pyarrow, DuckDB, SQLAlchemy and Great Expectations again before and during its first
steps (about 4 CPU s on this machine, ~5-9 s of wall time under load before the first step:
BENCHMARKS.md, issue 24). This launcher keeps one *fork server* (``multiprocessing``'s
forkserver, started by the daemon at its first launch) that has imported those libraries once;
each run is a fork of it, so a run only imports the project's own modules (the code as it is
on disk when the run starts, as with a fresh process) and executes exactly what
``dagster api execute_run`` executes (``dagster._cli.api._execute_run_command_body``).

Only third-party libraries are preloaded, never the project's code: an edited asset is what the
next run executes, as before. A library upgraded in the venv needs the daemon restarted (it
needs the code server restarted today, too). The fork server is single-threaded (importing
these libraries starts no thread), so forking it is safe.

Termination (the UI's "Terminate") sends SIGINT to the run's process, recorded in the run's
tags (``kinerja/run_pid``): what the code server does for its spawned runs, so Dagster marks the
run canceled the same way. The webserver and the daemon must be able to import this module
(``python -m pipelines ui`` puts the project on PYTHONPATH).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import threading
from collections.abc import Mapping
from typing import Any

from dagster._core.launcher.base import LaunchRunContext, RunLauncher
from dagster._serdes import ConfigurableClass, ConfigurableClassData

PID_TAG = "kinerja/run_pid"
HOST_TAG = "kinerja/run_host"

# What every run imports and nothing in the project changes: the fork server imports them once.
PRELOAD = (
    "dagster",
    "dagster._cli.api",
    "dagster._core.execution.api",
    "numpy",
    "pandas",
    "pyarrow",
    "pyarrow.csv",
    "pyarrow.parquet",
    "duckdb",
    "duckdb_engine",
    "sqlalchemy",
    "psycopg",
    "pydantic",
    "yaml",
    "great_expectations",
)

_lock = threading.Lock()
_ctx: Any = None


def _fork_context() -> Any:
    """The forkserver context, with the preload set before its server first starts."""
    global _ctx
    with _lock:
        if _ctx is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(list(PRELOAD))
            _ctx = ctx
        return _ctx


def warm_up(dagster_home: str) -> bool:
    """Start the fork server now (the daemon, before its first launch) when the instance in
    ``dagster_home`` launches runs with this launcher: the first run of the UI does not wait
    for its imports. Whether it was started."""
    from dagster._core.instance.ref import InstanceRef

    launcher = InstanceRef.from_dir(dagster_home).run_launcher_data
    if launcher is None or (launcher.module_name, launcher.class_name) != (
        __name__,
        WarmRunLauncher.__name__,
    ):
        return False
    from multiprocessing import forkserver

    _fork_context()
    forkserver.ensure_running()
    return True


def execute_run(run_id: str, serialized_ref: str) -> None:
    """The run's process: what `dagster api execute_run` does, in a fork of the warm server."""
    # the daemon may have been started with SIGINT ignored (a non-interactive shell): Terminate
    # must interrupt the run as it interrupts a spawned one
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from dagster._cli.api import _execute_run_command_body
    from dagster._core.instance import DagsterInstance, InstanceRef
    from dagster._serdes import deserialize_value
    from dagster._utils.interrupts import setup_interrupt_handlers

    setup_interrupt_handlers()
    ref = deserialize_value(serialized_ref, InstanceRef)
    with DagsterInstance.from_ref(ref) as instance:
        try:
            _execute_run_command_body(
                run_id, instance, lambda _event: None, set_exit_code_on_failure=False
            )
        except BaseException as exc:
            # what the code server does when its run process cannot start: the run fails with
            # the reason instead of staying STARTING
            run = instance.get_run_by_id(run_id)
            if run is not None and not run.is_finished:
                instance.report_run_failed(run, f"the run's process failed: {exc!r}")
            raise


class WarmRunLauncher(RunLauncher, ConfigurableClass):
    """Launches each run in a fork of a process that has imported the heavy libraries once."""

    def __init__(self, inst_data: ConfigurableClassData | None = None):
        self._inst_data = inst_data
        self._processes: dict[str, Any] = {}
        super().__init__()

    @property
    def inst_data(self) -> ConfigurableClassData | None:
        return self._inst_data

    @classmethod
    def config_type(cls) -> dict:
        return {}

    @classmethod
    def from_config_value(
        cls, inst_data: ConfigurableClassData, config_value: Mapping[str, Any]
    ) -> WarmRunLauncher:
        return cls(inst_data=inst_data)

    def launch_run(self, context: LaunchRunContext) -> None:
        from dagster._serdes import serialize_value

        run = context.dagster_run
        self._reap()
        process = _fork_context().Process(
            target=execute_run,
            args=(run.run_id, serialize_value(self._instance.get_ref())),
            name=f"dagster-run-{run.run_id[:8]}",
        )
        process.start()
        self._processes[run.run_id] = process
        self._instance.add_run_tags(
            run.run_id, {PID_TAG: str(process.pid), HOST_TAG: socket.gethostname()}
        )

    def _reap(self) -> None:
        """Forget the processes of finished runs (their exit was collected by the server)."""
        for run_id, process in list(self._processes.items()):
            if not process.is_alive():
                process.join(0)
                process.close()
                del self._processes[run_id]

    def terminate(self, run_id: str) -> bool:
        if not self.has_instance:
            return False
        run = self._instance.get_run_by_id(run_id)
        if not run or run.is_finished:
            return False
        pid = run.tags.get(PID_TAG)
        self._instance.report_run_canceling(run)
        if pid is None or run.tags.get(HOST_TAG) != socket.gethostname():
            self._instance.report_engine_event(
                message="The run's process is not known on this host: it cannot be interrupted.",
                dagster_run=run,
                cls=self.__class__,
            )
            return False
        try:
            os.kill(int(pid), signal.SIGINT)
        except ProcessLookupError:
            return False
        return True

    def join(self, timeout: int = 30) -> None:
        for process in list(self._processes.values()):
            process.join(timeout)
