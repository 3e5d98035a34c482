"""`python -m pipelines close` on a generated pemda with synthetic payroll and TPP reference
files: the month becomes final and the CLI says where the finance files and charts are."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines.cli import main
from resources.rulebook import load_profile
from resources.warehouse.engine import make_engine
from synthetic.generator import generate
from synthetic.payroll import write_payroll


@pytest.mark.slow
def test_close_writes_finance_files_and_reports_where(tmp_path: Path, monkeypatch, capsys):
    inbox, state, finance = tmp_path / "inbox", tmp_path / "state", tmp_path / "finance"
    monkeypatch.setenv("KINERJA_INBOX", str(inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(state))
    monkeypatch.setenv("KINERJA_FINANCE_DIR", str(finance))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
    generate(inbox, 60, "2024-03", 1, seed=5, profile=load_profile("nasional"))
    people = pd.read_csv(inbox / "employees.csv", dtype=str, keep_default_na=False)
    counts = write_payroll(inbox, people, "2024-03", 1, np.random.default_rng(5))
    assert counts == {"payroll simgaji": 1, "payroll gpp": 1, "reference csv": 2}

    assert main(["close", "--month", "2024-03"]) == 0
    out = capsys.readouterr().out
    folder = finance / "2024-03"
    assert f"Finance files 2024-03: {folder}" in out
    assert "HR report charts: hr_report_2024-03_deduction_causes.png" in out
    assert "final (closed" in out and "  PPh 21 Rp " in out and "(ter_combined" in out
    assert "), net paid Rp " in out and "pph21_1721a2_2024.csv" in out
    sheets = sorted(folder.glob("daftar_nominatif_2024-03_*.xlsx"))
    assert len(sheets) >= 3 and (folder / "tpp_2024-03.parquet").exists()
    assert len(list(folder.glob("hr_report_2024-03_*.png"))) == 4

    engine = make_engine(f"duckdb:///{state / 'warehouse.duckdb'}")
    with engine.connect() as conn:
        final = conn.execute(
            sa.text("SELECT count(*), min(status), sum(net) FROM fact_tpp_monthly")
        ).one()
        days = conn.execute(sa.text("SELECT count(DISTINCT nip) FROM fact_attendance_daily")).one()
    engine.dispose()
    assert final[0] == days[0] > 50 and final[1] == "final" and final[2] > 0
    csv = pd.read_csv(folder / "tpp_2024-03.csv", dtype=str)
    assert int(csv.net.astype("int64").sum()) == final[2]


@pytest.mark.slow
def test_a_month_before_the_tax_profile_runs_with_pph21_not_computed(tmp_path: Path):
    """March 2023, before the tax profile's first version (2024-01): the month runs end to end
    (its partitions exist from KINERJA_FIRST_MONTH=2023-01, so a process of its own), TPP is
    computed, PPh 21 is not, and the notes and the summary say why."""
    import os
    import subprocess
    import sys

    inbox, state = tmp_path / "inbox", tmp_path / "state"
    generate(inbox, 8, "2023-03", 1, seed=4, profile=load_profile("nasional"))
    env = {
        **os.environ,
        "KINERJA_FIRST_MONTH": "2023-01",
        "KINERJA_INBOX": str(inbox),
        "KINERJA_STATE_DIR": str(state),
        "DAGSTER_HOME": str(state / "home"),
        "KINERJA_AS_OF": "2026-11-24T00:00:00+00:00",
    }
    env.pop("KINERJA_WAREHOUSE_URL", None)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "run", "--month", "2023-03"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    why = (
        "PPh 21 not computed for 2023-03: the tax profile 'pph21' (rules/tax/pph21.yaml) starts "
        "2024-01-01, so PPh 21 of earlier months is left to finance's tax system (add a version "
        "for those months to compute it here)"
    )
    assert "\n  PPh 21 Rp 0 (not_computed), net paid Rp " in done.stdout
    assert f"\n  {why}\n" in done.stdout
    engine = make_engine(f"duckdb:///{state / 'warehouse.duckdb'}")
    with engine.connect() as conn:
        tpp = pd.read_sql(sa.text("SELECT * FROM fact_tpp_monthly"), conn)
        days = conn.execute(sa.text("SELECT count(DISTINCT nip) FROM fact_attendance_daily")).one()
    engine.dispose()
    assert len(tpp) == days[0] == 8 and set(tpp.month) == {"2023-03"}
    assert set(tpp.pph21_mode) == {"not_computed"} and (tpp.pph21 == 0).all()
    assert (tpp.net == tpp.gross - tpp.bpjs_employee).all() and tpp.gross.sum() > 0
    assert all(why in notes for notes in tpp.notes)
