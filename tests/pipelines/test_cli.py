"""The command line, in process: generate a pemda, run a month, read the summary."""

import re
from pathlib import Path

import sqlalchemy as sa

from pipelines.cli import main
from resources.warehouse.engine import make_engine


def test_generate_then_run_fills_both_fact_tables(tmp_path: Path, monkeypatch, capsys):
    inbox, state = tmp_path / "inbox", tmp_path / "state"
    monkeypatch.setenv("KINERJA_INBOX", str(inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(state))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
    assert (
        main(
            [
                "generate",
                "--out",
                str(inbox),
                "--employees",
                "60",
                "--start",
                "2024-03",
                "--months",
                "1",
                "--seed",
                "7",
            ]
        )
        == 0
    )
    assert main(["run", "--month", "2024-03"]) == 0
    out = capsys.readouterr().out
    assert "Month 2024-03:" in out and "Warehouse: duckdb:///" in out
    engine = make_engine(f"duckdb:///{state / 'warehouse.duckdb'}")
    with engine.connect() as conn:
        days = conn.execute(
            sa.text("SELECT count(*), count(DISTINCT nip) FROM fact_attendance_daily")
        ).one()
        months = conn.execute(
            sa.text("SELECT count(*) FROM fact_discipline_monthly WHERE month = '2024-03'")
        ).scalar()
    engine.dispose()
    assert days[1] == months > 50  # every active employee has a month row
    assert days[0] >= 18 * 50  # and a row per working day (18 in March 2024)
    assert (state / "dagster_home" / "dagster.yaml").exists()  # the UI can open the same runs
    assert f"{days[0]} employee-days for {days[1]} employees" in out


def test_run_with_no_inbox_fails_with_the_reason(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_INBOX", str(tmp_path / "nothing"))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
    assert main(["run", "--month", "2024-03"]) == 1
    err = capsys.readouterr().err
    assert "no employees file in the inbox (inbox/employees.*)" in err
    assert err.startswith("Run for 2024-03 FAILED")
    assert "Traceback" not in err and "dagster._core" not in err  # no stack for HR
    log = Path(re.search(r"Full log: (\S+)", err).group(1))
    assert log.parent == tmp_path / "state" / "logs" and "STEP_FAILURE" in log.read_text()
    assert "--verbose" in err


def test_a_rejected_master_is_one_paragraph_and_verbose_adds_the_log(
    tmp_path: Path, monkeypatch, capsys
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "employees.csv").write_bytes(b"\xff\xfe\x00garbage")
    monkeypatch.setenv("KINERJA_INBOX", str(inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
    monkeypatch.delenv("KINERJA_VERBOSE", raising=False)
    assert main(["run", "--month", "2024-03"]) == 1
    quiet = capsys.readouterr().err
    paragraphs = quiet.strip().split("\n\n")
    assert paragraphs[1] == (
        "* check employees_contract failed: no valid rows in inbox/employees.*: every row was "
        "rejected; see the quarantine and load_audit for the reasons"
    )
    assert len(paragraphs) == 4 and "Stack Trace" not in quiet
    assert main(["run", "--month", "2024-03", "--verbose"]) == 1
    loud = capsys.readouterr().err
    assert "Stack Trace" in loud and "Run the command again with --verbose" not in loud


def test_profiles_command_validates_paths(tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversions: [{valid_from: 2024-01-01}]\n")
    assert main(["profiles", "nasional", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("nasional")
    assert f"INVALID {bad}: invalid profile" in captured.err


def test_a_bad_first_month_is_one_line_not_a_traceback(tmp_path: Path):
    """KINERJA_FIRST_MONTH is read when the code location loads (the partitions are built at
    import): out of range or malformed, the CLI says so in one line and exits 2."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    for value in ("2019-12", "2024-13", "2024-3"):
        env = {**os.environ, "KINERJA_FIRST_MONTH": value, "KINERJA_STATE_DIR": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-m", "pipelines", "run", "--month", "2024-03"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stdout) == (2, ""), value
        assert done.stderr == (
            f"ERROR: KINERJA_FIRST_MONTH='{value}': expected the first month to compute as "
            "YYYY-MM, not before 2020-01 (for example 2024-01); correct it or leave it unset\n"
        )
