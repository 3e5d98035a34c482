"""The benchmark measures the real pipeline: its warehouse totals equal a normal run's on the
same inbox, and the SQL reference agrees with the classification row for row. (Timings are
never asserted: BENCHMARKS.md records them.)"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from benchmarks.run import TOTALS
from tests.conftest import Pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_pass_matches_a_normal_run(tmp_path, instance):
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--single",
            "--employees",
            "30",
            "--months",
            "1",
            "--start",
            "2024-03",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    stages = result["stages"]
    assert all(
        stages[s]["wall"] > 0
        for s in ("read", "validate", "classify", "discipline", "scores", "TPP", "publish")
    )
    assert stages["classify"]["rows"] == int(result["totals"]["employee_days"])
    assert result["reference"]["mismatches"] == 0 and result["reference"]["rows"] > 0

    normal = Pipeline(
        inbox=Path(result["inbox"]),
        state=tmp_path / "state",
        url=f"duckdb:///{tmp_path / 'w.duckdb'}",
        instance=instance,
        as_of="2026-11-24T00:00:00+00:00",
    )
    assert normal.run("2024-03").success
    engine = normal.engine()
    with engine.connect() as conn:
        expected = {k: str(conn.execute(sa.text(q)).scalar()) for k, q in TOTALS.items()}
    engine.dispose()
    assert result["totals"] == expected
    assert int(expected["employee_days"]) > 30 * 15  # a month of working days
