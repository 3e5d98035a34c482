"""The Dagster UI on a generated state, started the way `make ui` starts it, for the browser
test and the click-to-success benchmark (benchmarks/ui_recompute.py).

`prepare_state` writes a small synthetic inbox and computes its months with the CLI (so the UI
opens on a state like `make demo` leaves); `running_ui` starts `python -m pipelines ui` in its
own process group and stops it (SIGTERM to the group, then SIGKILL) however the caller ends.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class State:
    root: Path

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def warehouse(self) -> Path:
        return self.state / "warehouse.duckdb"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KINERJA_", "DAGSTER_"))}
        env.update(
            KINERJA_INBOX=str(self.inbox),
            KINERJA_STATE_DIR=str(self.state),
            KINERJA_FIRST_MONTH="2024-01",
            KINERJA_AS_OF="2026-11-24T00:00:00+00:00",
            DAGSTER_HOME=str(self.state / "dagster_home"),
        )
        return env


def cli(state: State, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pipelines", *args],
        cwd=ROOT,
        env=state.env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def cli_in_process(state: State, *args: str) -> None:
    """The same command as `cli`, run by `pipelines.cli.main` in this process with the state's
    environment (restored afterwards): for a caller that has the code location imported already
    and does not test the process boundary (a new process pays the Dagster and GX imports)."""
    from pipelines.cli import main

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(state.env())
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(list(args))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    if code != 0:
        raise subprocess.CalledProcessError(code, ["pipelines", *args])


def prepare_state(
    root: Path,
    employees: int = 40,
    start: str = "2024-03",
    months: int = 2,
    run: Callable[..., None] = cli,
) -> State:
    """A generated inbox with its months computed by the CLI (inbox snapshot + each month);
    ``run`` is `cli` (a process per command) or `cli_in_process`."""
    state = State(root)
    run(state, "generate", "--out", str(state.inbox), "--employees", str(employees),
        "--start", start, "--months", str(months))  # fmt: skip
    from vocabulary.units import months_from

    for month in months_from(start, months):
        run(state, "run", "--month", month)
    return state


# the mutation the UI's "Launch backfill" button sends (benchmarks/ui_recompute.py, first_step.py)
LAUNCH = """
mutation Launch($params: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $params) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message }
  }
}"""


def graphql(port: int, query: str, variables: dict | None = None, timeout: float = 30) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def _ready(port: int) -> bool:
    try:
        found = graphql(port, "{ version }", timeout=5)
    except OSError:
        return False
    return "data" in found


@contextlib.contextmanager
def running_ui(state: State, port: int, log: Path, wait: float = 120) -> Iterator[float]:
    """`python -m pipelines ui` on ``state``; yields the seconds it took to answer."""
    started = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipelines", "ui", "--port", str(port)],
            cwd=ROOT,
            env=state.env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        while not _ready(port):
            if proc.poll() is not None:
                raise RuntimeError(f"the UI exited with {proc.returncode}; see {log}")
            if time.perf_counter() - started > wait:
                raise TimeoutError(f"the UI did not answer within {wait} s; see {log}")
            time.sleep(0.5)
        yield time.perf_counter() - started
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
