"""The warm run launcher (pipelines/launcher.py): a run launched on an instance configured as
`pipelines/runs.py` writes it runs in a process of its own, forked from the preloaded server,
succeeds, and the UI's Terminate cancels a running one. Real Dagster instance, real processes."""

import os
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.definitions.reconstruct import ReconstructableRepository
from dagster._core.launcher.base import LaunchRunContext

from pipelines.launcher import PID_TAG, WarmRunLauncher
from pipelines.runs import DAGSTER_YAML

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def instance(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(DAGSTER_YAML)
    with dg.DagsterInstance.from_config(str(home)) as inst:
        yield inst


def _launch(
    instance: dg.DagsterInstance, job_name: str, module: str = "tests.pipelines.launcher_jobs"
) -> dg.DagsterRun:
    repo = ReconstructableRepository.for_module(
        "tests.pipelines.launcher_jobs", "defs", working_directory=str(ROOT)
    )
    recon = repo.get_reconstructable_job(job_name)
    origin = (
        ReconstructableRepository.for_module(module, "defs", working_directory=str(ROOT))
        .get_reconstructable_job(job_name)
        .get_python_origin()
    )
    run = instance.create_run_for_job(job_def=recon.get_definition(), job_code_origin=origin)
    instance.run_launcher.launch_run(LaunchRunContext(dagster_run=run, workspace=None))
    return run


def _wait(instance: dg.DagsterInstance, run_id: str, until, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = instance.get_run_by_id(run_id)
        if until(run):
            return run
        time.sleep(0.2)
    raise TimeoutError(f"run {run_id}: {instance.get_run_by_id(run_id).status}")


def test_the_instance_pipelines_writes_launches_runs_warm(instance):
    assert isinstance(instance.run_launcher, WarmRunLauncher)


def test_a_run_executes_in_a_process_of_its_own_and_succeeds(instance):
    run = _launch(instance, "pid_job")
    done = _wait(instance, run.run_id, lambda r: r.is_finished)
    assert done.status == dg.DagsterRunStatus.SUCCESS
    pid = int(Path(instance.root_directory, "run.pid").read_text())
    assert pid != os.getpid()
    assert done.tags[PID_TAG] == str(pid)
    steps = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_SUCCESS)
    assert [e.step_key for e in steps] == ["write_pid"]


def test_terminate_cancels_a_running_run(instance):
    run = _launch(instance, "slow_job")
    _wait(
        instance,
        run.run_id,
        lambda r: bool(instance.all_logs(r.run_id, of_type=dg.DagsterEventType.STEP_START)),
    )
    assert instance.run_launcher.terminate(run.run_id)
    done = _wait(instance, run.run_id, lambda r: r.is_finished, timeout=60)
    assert done.status == dg.DagsterRunStatus.CANCELED


def test_a_finished_run_is_not_terminated(instance):
    run = _launch(instance, "pid_job")
    _wait(instance, run.run_id, lambda r: r.is_finished)
    assert not instance.run_launcher.terminate(run.run_id)


def test_the_daemon_warms_the_fork_server_only_for_the_warm_launcher(tmp_path):
    from pipelines.launcher import warm_up

    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    assert not warm_up(str(tmp_path))
    (tmp_path / "dagster.yaml").write_text(DAGSTER_YAML)
    assert warm_up(str(tmp_path))


def test_a_run_whose_code_cannot_load_fails_instead_of_hanging(instance):
    run = _launch(instance, "pid_job", module="tests.pipelines.no_such_module")
    done = _wait(instance, run.run_id, lambda r: r.is_finished)
    assert done.status == dg.DagsterRunStatus.FAILURE
