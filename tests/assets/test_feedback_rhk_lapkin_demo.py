"""The generated demo pemda (synthetic generator, small) through the whole pipeline: the month
and the semester publish every performance-cycle table, the planted anomalies show, and the
SIASN export writes payloads that pass the JSON Schema and agree with fact_performance_period
for every employee. One generated run for the module."""

from __future__ import annotations

import json
import os
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from assets.partitions import semester_key
from assets.performance.scores import ekinerja_exports, warehouse_ekinerja
from assets.reference import employees
from benchmarks.compare_outputs import warehouse_digest
from formats.siasn_payloads import validate_payloads
from pipelines.cli import main
from pipelines.jobs import SEMESTER_ASSETS
from resources.rulebook import load_profile
from synthetic.generator import generate
from tests.conftest import Pipeline
from vocabulary.performance import SIASN_KUADRAN, SIASN_RATING

TABLES = [
    "fact_feedback_360",
    "fact_feedback_360_summary",
    "fact_feedback_360_counts",
    "fact_rhk_cascade",
    "fact_cascade_score",
    "fact_lapkin_monthly",
    "fact_lapkin_compliance",
    "fact_tindak_lanjut",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    generate(root / "inbox", 90, "2024-03", 1, seed=3, profile=load_profile("nasional"))
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(
            inbox=root / "inbox",
            state=root / "state",
            url=f"duckdb:///{root}/state/warehouse.duckdb",
            instance=instance,
        )
        month = p.run("2024-03")
        semester = dg.materialize(
            [employees, ekinerja_exports, warehouse_ekinerja, *SEMESTER_ASSETS],
            partition_key=semester_key("2024-S1"),
            resources=p.resources(),
            instance=instance,
        )
        assert month.success and semester.success
        yield p, month, root


# every published table and view of this module's generated run, as recorded from main
DIGEST = Path(__file__).resolve().parents[1] / "fixtures" / "published_digest_demo90.json"


def test_published_tables_are_the_recorded_ones(demo):
    """Row for row (money to the rupiah), every table and reporting view this run publishes
    equals the digest recorded from main (``benchmarks/compare_outputs.py``'s fingerprint: rows
    sorted, the columns that only say when or by which run left out). A change meant to leave
    results alone (speed, issue 24) leaves the file alone; a change meant to alter results
    records it again and says so: ``KINERJA_RECORD_DIGEST=1 pytest -k recorded_ones``."""
    p, _, _ = demo
    got = warehouse_digest(Path(p.url.removeprefix("duckdb:///")))
    if os.environ.get("KINERJA_RECORD_DIGEST"):
        DIGEST.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    expected = json.loads(DIGEST.read_text())
    differ = sorted(n for n in set(got) | set(expected) if got.get(n) != expected.get(n))
    assert not differ, f"published tables differ from the recorded digest: {differ}"


def test_the_demo_publishes_every_cycle_table(demo):
    p, month, _ = demo
    for table in TABLES:
        assert len(p.table(table)) > 0, table
    # the generator's 360 is a 6/2022 round (2024): no numeric-regime aggregate to publish
    assert len(p.table("fact_perilaku_360")) == 0
    audit = p.table("load_audit", ["asset", "file"])
    cycle = audit[audit.asset.isin(["feedback_360", "rhk_plans", "lapkin_reports"])]
    assert set(cycle.asset) == {"feedback_360", "rhk_plans", "lapkin_reports"}
    assert (cycle.rows_in == cycle.rows_valid + cycle.rows_quarantined).all()
    assert (cycle.status != "rejected").all()
    checks = {e.check_name: e.passed for e in month.get_asset_check_evaluations()}
    assert checks["rhk_cascade_orphans"] is False and checks["rhk_cascade_cycles"] is False
    assert checks["tpp_monthly_contract"] is True


def test_siasn_export_agrees_with_fact_performance_period(demo, monkeypatch, capsys):
    p, _, root = demo
    monkeypatch.setenv("KINERJA_INBOX", str(p.inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(p.state))
    monkeypatch.setenv("KINERJA_WAREHOUSE_URL", p.url)
    out = root / "siasn"
    assert main(["export", "siasn", "--month", "2024-03", "--out", str(out)]) == 0
    # a semester has no SIASN periodikId (year-end §5.2): refused in words, nothing written
    assert main(["export", "siasn", "--semester", "2024-S1", "--out", str(out)]) == 2
    assert "SIASN has no semester record" in capsys.readouterr().err
    assert not (out / "siasn_2024-S1.csv").exists()
    master = pd.read_csv(p.inbox / "employees.csv", dtype=str).set_index("nipBaru")
    facts = p.table("fact_performance_period")
    period, jsonl = "2024-03", "kinerjaperiodik_save_2024-03.jsonl"
    fact = facts[facts.period == period].set_index("nip")
    review = pd.read_csv(out / f"siasn_{period}.csv", dtype=str).set_index("nip")
    assert sorted(review.index) == sorted(fact.index)  # every employee, once
    payloads = [json.loads(x) for x in (out / jsonl).read_text().splitlines()]
    assert validate_payloads(payloads, "kinerjaperiodik/save").isna().all()
    sent = {x["nip"] for x in payloads}
    assert sent == set(review.index[review.reason.isna()])
    assert review.loc[review.reason.notna()].reason.str.len().gt(0).all()
    assert len(payloads) > 0
    for x in payloads:
        f = fact.loc[x["nip"]]
        assert x["hasilKinerjaNilai"] == SIASN_RATING[f.rating_hasil_kerja]
        assert x["perilakuKerjaNilai"] == SIASN_RATING[f.rating_perilaku]
        assert x["kuadranKinerjaNilai"] == SIASN_KUADRAN[f.predikat]
        assert x["pnsDinilaiId"] == master.loc[x["nip"], "siasn_id"]
        assert (x["bulanMulaiPenilaian"], x["tahunMulaiPenilaian"]) == (3, 2024)
        assert x["periodikId"] == "1" and x["koefisienId"] != ""
    # no empty koefisienId is ever sent: the positions without one are listed with the reason
    no_koef = review.reason.fillna("").str.startswith("koefisienId is required")
    assert no_koef.any() and review.loc[no_koef, "koefisienId"].isna().all()


def test_the_demo_measures_the_dialogue(demo):
    """The generator's dialog kinerja (synthetic/dialog.py): most units measured, every fifth
    unknown (never 0 %), the planted bad rows quarantined, cases for the penilai's atasan."""
    p, month, _ = demo
    cov = p.table("fact_dialog_coverage")
    assert set(cov.status) == {"ada_data", "tanpa_data"} and set(cov.period) == {"2024-Q1"}
    known, unknown = cov[cov.status == "ada_data"], cov[cov.status == "tanpa_data"]
    assert len(known) > len(unknown) > 0
    assert unknown.rhk.isna().all() and unknown.rhk_coverage_pct.isna().all()
    assert (known.rhk_covered <= known.rhk).all() and known.rhk_covered.sum() > 0
    assert known.rhk_covered.sum() < known.rhk.sum()  # most RHK, not all
    q = p.table("quarantine")
    assert set(q[q.asset == "dialog_umpan_balik"].reason_code) == {
        "TANGGAL_TIDAK_VALID",
        "NILAI_TIDAK_DIKENAL",
        "DUPLIKAT",
    }
    cases = p.table("fact_tindak_lanjut")
    dialog = cases[cases.rule.str.startswith("dialog_")]
    assert len(dialog) > 0 and dialog.assigned_to.notna().any()
    assert set(dialog.unit) <= set(known.unit)
    checks = {e.check_name: e.passed for e in month.get_asset_check_evaluations()}
    assert checks["dialog_tindak_lanjut_cases"] is False
