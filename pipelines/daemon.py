"""The Dagster daemon as `make ui` and the deploy run it, with a shorter backfill loop.

Dagster's backfill daemon sleeps a fixed 30 s between iterations (``DEFAULT_DAEMON_INTERVAL_
SECONDS`` in dagster._daemon.controller; no instance setting exists, upstream issue
dagster-io/dagster#11649). A backfill HR launches waits that long to be picked up, and its
downstream months wait for it to be marked complete: most of the 55.8 s a 2-month recompute took
(issue 13). This entry point sets the constant before the daemon starts, and nothing else; every
other daemon keeps its own interval from dagster.yaml (run queue, sensors, automation). When the
instance launches runs with pipelines.launcher.WarmRunLauncher, its fork server is started here,
before the first launch.

A test (tests/pipelines/test_daemon.py) fails if a Dagster upgrade renames the constant.
"""

from __future__ import annotations

import os

BACKFILL_LOOP_SECONDS = 2


def shorten_backfill_loop(seconds: int = BACKFILL_LOOP_SECONDS) -> None:
    """Make the backfill daemon iterate every ``seconds`` (read when its loop starts)."""
    from dagster._daemon import controller

    if not hasattr(controller, "DEFAULT_DAEMON_INTERVAL_SECONDS"):
        raise RuntimeError("dagster._daemon.controller.DEFAULT_DAEMON_INTERVAL_SECONDS is gone")
    controller.DEFAULT_DAEMON_INTERVAL_SECONDS = seconds


def run(workspace: str = "workspace.yaml") -> None:
    """`dagster-daemon run -w workspace.yaml`, with the shorter backfill loop."""
    from dagster._daemon.cli import run_command

    shorten_backfill_loop()
    if os.environ.get("DAGSTER_HOME"):
        from pipelines.launcher import warm_up

        warm_up(os.environ["DAGSTER_HOME"])
    run_command.main(["-w", workspace], prog_name="dagster-daemon run", standalone_mode=True)
