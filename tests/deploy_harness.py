"""A production-shaped Dagster deployment for tests: code server, webserver and daemon as
separate processes on a PostgreSQL instance, configured by deploy/dagster.yaml, driven through
the GraphQL API the UI uses."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _default_signals() -> None:
    # a process started from a non-interactive shell inherits ignored SIGINT/SIGTERM
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@dataclass
class Deployment:
    home: Path
    env: dict[str, str]
    logs: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    web_port: int = 0

    @classmethod
    def create(
        cls,
        tmp: Path,
        pg_host: str,
        pg_port: int,
        pg_user: str,
        pg_password: str,
        dagster_db: str,
        extra_env: dict[str, str],
    ) -> "Deployment":
        home = tmp / "dagster_home"
        home.mkdir(parents=True)
        shutil.copy(ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
        grpc_port = free_port()
        workspace = (
            (ROOT / "deploy" / "workspace.yaml")
            .read_text()
            .replace("port: 4266", f"port: {grpc_port}")
        )
        (tmp / "workspace.yaml").write_text(workspace)
        env = {
            **os.environ,
            "DAGSTER_HOME": str(home),
            "DAGSTER_PG_HOST": pg_host,
            "DAGSTER_PG_PORT": str(pg_port),
            "DAGSTER_PG_USER": pg_user,
            "DAGSTER_PG_PASSWORD": pg_password,
            "DAGSTER_PG_DB": dagster_db,
            "PYTHONPATH": str(ROOT),
            "KINERJA_GRPC_PORT": str(grpc_port),
            "KINERJA_WORKSPACE": str(tmp / "workspace.yaml"),
            **extra_env,
        }
        logs = tmp / "logs"
        logs.mkdir()
        return cls(home=home, env=env, logs=logs)

    def _start(self, name: str, cmd: list[str]) -> subprocess.Popen:
        out = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_default_signals,
            start_new_session=True,
        )
        self.processes.append(proc)
        return proc

    def start(self, timeout: float = 120) -> None:
        grpc = self.env["KINERJA_GRPC_PORT"]
        self._start(
            "code-server",
            [
                str(BIN / "dagster"),
                "code-server",
                "start",
                "-h",
                "127.0.0.1",
                "-p",
                grpc,
                "-m",
                "pipelines.definitions",
                "-a",
                "defs",
                "--location-name",
                "kinerja",
            ],
        )
        self._wait_port(int(grpc), timeout)
        self.web_port = free_port()
        workspace = self.env["KINERJA_WORKSPACE"]
        self._start(
            "webserver",
            [
                str(BIN / "dagster-webserver"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.web_port),
                "-w",
                workspace,
            ],
        )
        self._start("daemon", [str(BIN / "dagster-daemon"), "run", "-w", workspace])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/server_info", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"webserver did not start; see {self.logs}")

    def _wait_port(self, port: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a process exited early; see {self.logs}")
            time.sleep(0.5)
        raise TimeoutError(f"port {port} did not open; see {self.logs}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(
            f"{self.url}/graphql", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            doc = json.loads(r.read())
        if doc.get("errors"):
            raise RuntimeError(f"GraphQL errors: {doc['errors']}")
        return doc["data"]

    def stop(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        out = []
        for f in sorted(self.logs.glob("*.log")):
            text = f.read_text(errors="replace").splitlines()[-lines:]
            out.append(f"--- {f.name}\n" + "\n".join(text))
        return "\n".join(out)


LAUNCH_BACKFILL = """
mutation($p: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $p) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
  }
}"""

BACKFILL_STATUS = """
query($id: String!) {
  partitionBackfillOrError(backfillId: $id) {
    __typename
    ... on PartitionBackfill { status }
    ... on PythonError { message }
  }
}"""


def launch_asset_backfill(
    dep: Deployment, unpartitioned: list[str], monthly: list[str], first: str, last: str
) -> str:
    """What the UI's 'Launch backfill' sends for a range of monthly partitions."""
    selectors = [{"assetKey": {"path": [a]}, "partitions": None} for a in unpartitioned]
    selectors += [
        {"assetKey": {"path": [a]}, "partitions": {"range": {"start": first, "end": last}}}
        for a in monthly
    ]
    data = dep.graphql(LAUNCH_BACKFILL, {"p": {"partitionsByAssets": selectors}})
    result = data["launchPartitionBackfill"]
    if result["__typename"] != "LaunchBackfillSuccess":
        raise RuntimeError(f"backfill not launched: {result}")
    return result["backfillId"]


def wait_backfill(dep: Deployment, backfill_id: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    status = "?"
    while time.monotonic() < deadline:
        status = dep.graphql(BACKFILL_STATUS, {"id": backfill_id})["partitionBackfillOrError"][
            "status"
        ]
        if status in ("COMPLETED", "COMPLETED_SUCCESS", "COMPLETED_FAILED", "FAILED", "CANCELED"):
            return status
        time.sleep(2)
    return f"TIMEOUT (last {status})"


SCHEDULES = """
query {
  repositoriesOrError {
    __typename
    ... on RepositoryConnection { nodes { schedules { name scheduleState { id status } } } }
  }
}"""

STOP_SCHEDULE = """
mutation($id: String!) {
  stopRunningSchedule(id: $id) {
    __typename
    ... on ScheduleStateResult { scheduleState { status } }
    ... on PythonError { message }
  }
}"""


def stop_schedule(dep: Deployment, name: str) -> None:
    """What the UI's schedule toggle sends: the daemon launches no further tick of ``name``."""
    nodes = dep.graphql(SCHEDULES)["repositoriesOrError"]["nodes"]
    states = [s["scheduleState"] for n in nodes for s in n["schedules"] if s["name"] == name]
    if not states:
        raise RuntimeError(f"no schedule named {name}")
    for state in states:
        result = dep.graphql(STOP_SCHEDULE, {"id": state["id"]})["stopRunningSchedule"]
        if result.get("scheduleState", {}).get("status") != "STOPPED":
            raise RuntimeError(f"schedule {name} not stopped: {result}")
