"""The daemon shim: the constant it shortens still exists and is what the backfill loop reads."""

import inspect

from dagster._daemon import backfill, controller

from pipelines.daemon import BACKFILL_LOOP_SECONDS, shorten_backfill_loop


def test_the_backfill_loop_reads_the_constant_the_shim_sets(monkeypatch):
    source = inspect.getsource(backfill.execute_backfill_iteration_loop)
    assert "from dagster._daemon.controller import DEFAULT_DAEMON_INTERVAL_SECONDS" in source
    monkeypatch.setattr(controller, "DEFAULT_DAEMON_INTERVAL_SECONDS", 30)
    shorten_backfill_loop()
    assert controller.DEFAULT_DAEMON_INTERVAL_SECONDS == BACKFILL_LOOP_SECONDS == 2
