"""`python -m pipelines close` on a generated pemda with synthetic payroll and TPP reference
files: the month becomes final and the CLI says where the finance files and charts are."""

from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from pipelines.cli import main
from resources.rulebook import load_profile
from resources.warehouse.engine import make_engine
from synthetic.generator import generate
from synthetic.payroll import write_payroll


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
