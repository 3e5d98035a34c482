"""Dialog kinerja end to end on the hand-made worked example (tests/dialog_fixtures.py,
write_dialog_inbox): the three exports read by header (CSV, XLSX, JSON) with their quarantine,
the measures and the case in the warehouse, the reporting view, the month read model and the
run summary; and the dialogue files absent, 0 bytes or header only: coverage unknown, no case,
the default named. One module-scoped run per inbox."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import dagster as dg
import pandas as pd
import pytest
import sqlalchemy as sa

from assets.performance.dialog import dialog_kinerja, warehouse_dialog
from assets.performance.scores import ekinerja_exports, warehouse_ekinerja
from assets.reference import employees
from ingest.kinds import Context
from ingest.reference import read_source
from resources.rulebook import load_profile
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance.read import dialog_coverage_of_month
from resources.warehouse.performance.reports import dialog_summary
from rules.performance.dialog import NO_DATA
from rules.performance.dialog import dialog_kinerja as measure
from tests.conftest import Pipeline
from tests.dialog_fixtures import ATASAN, ELSEWHERE, P2, UNIT, inputs, write_dialog_inbox
from tests.dialog_fixtures import employees as master
from vocabulary.performance import DIALOG_KINDS

ASSETS = [employees, ekinerja_exports, warehouse_ekinerja, dialog_kinerja, warehouse_dialog]
FILES = {
    "dialog_umpan_balik": "ekinerja/umpan_balik_kinerja_2024.csv",
    "dialog_ekspektasi": "ekinerja/ekspektasi_skp_2024.xlsx",
    "dialog_pembinaan": "ekinerja/pembinaan_kinerja_2024.json",
}


def _run(root, inbox):
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(inbox, root / "state", f"duckdb:///{root}/state/w.duckdb", instance)
        result = dg.materialize(ASSETS, resources=p.resources(), instance=instance)
        assert result.success
        return p, result


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("dialog")
    write_dialog_inbox(root / "inbox")
    return _run(root, root / "inbox")


def test_the_worked_example_in_the_warehouse(run):
    p, _ = run
    cov = p.table("fact_dialog_coverage", ["period", "unit"]).set_index(["unit", "period"])
    q1 = cov.loc[(UNIT, "2024-Q1")]
    assert (q1.status, q1.pegawai, q1.rhk, q1.rhk_covered, q1.pegawai_covered) == (
        "ada_data", 3, 12, 10, 2
    )  # fmt: skip
    assert (q1.rhk_coverage_pct, q1.pegawai_coverage_pct) == (Decimal("83.33"), Decimal("66.67"))
    # 10 rows about Q1 (9 on 2024-03-15, 16 days before the end; one on 2024-04-10): on time
    assert (q1.umpan_balik, q1.tepat_waktu, q1.median_lag_hari) == (10, 10, Decimal("-16.0"))
    assert (q1.perilaku_coverage_pct, q1.skp_ekspektasi_khusus) == (Decimal("0.00"), 1)
    # the exports reach 2024-04-10: Q2 is measured so far (provisional), nothing yet
    q2 = cov.loc[(UNIT, "2024-Q2")]
    assert (q2.rhk_covered, q2.rhk, q2.data_sampai) == (0, 12, dt.date(2024, 4, 10))
    other = cov.loc[(ELSEWHERE, "2024-Q1")]
    assert other.status == "tanpa_data" and other.pegawai == 1
    assert pd.isna(other.rhk) and pd.isna(other.rhk_coverage_pct)


def test_one_case_for_the_penilai_atasan(run):
    p, result = run
    cases = p.table("fact_tindak_lanjut")
    assert cases[["nip", "period", "rule", "since", "assigned_to"]].values.tolist() == [
        [P2, "2024-Q1", "dialog_none_before_rating", "2024-Q1", ATASAN]
    ]
    assert cases.detail.iloc[0] == (
        "hasil kerja Di Bawah Ekspektasi, predikat Butuh Perbaikan 2024-Q1, dinilai 2024-04-05 "
        "(diasumsikan: akhir periode + 5 hari): tidak ada umpan balik penilai maupun pembinaan "
        "2024-01-01 s.d. 2024-04-05"
    )
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["dialog_tindak_lanjut_cases"] is False


def test_the_exports_quarantine_and_audit(run):
    p, _ = run
    q = p.table("quarantine", ["asset", "line"])
    q = q[q.asset.isin(DIALOG_KINDS)]
    assert q[["asset", "line", "reason_code"]].values.tolist() == [
        ["dialog_umpan_balik", 13, "TANGGAL_TIDAK_VALID"],
        ["dialog_umpan_balik", 14, "NILAI_TIDAK_DIKENAL"],
        ["dialog_umpan_balik", 15, "DUPLIKAT"],
    ]
    audit = p.table("load_audit", ["asset"]).set_index("asset").loc[list(FILES)]
    assert audit[["file", "rows_in", "rows_valid", "rows_quarantined"]].values.tolist() == [
        [FILES["dialog_umpan_balik"], 14, 11, 3],
        [FILES["dialog_ekspektasi"], 1, 1, 0],
        [FILES["dialog_pembinaan"], 1, 1, 0],
    ]
    stored = p.table("quarantine").to_csv() + p.table("fact_dialog_pegawai").to_csv()
    for text in ("Target belum", "Pak Kasi", "bukti dukung"):
        assert text not in stored  # no free text and no name anywhere


def test_the_reporting_view_the_month_read_model_and_the_summary(run):
    p, _ = run
    engine = p.engine()
    try:
        with engine.connect() as conn:
            view = pd.read_sql(
                sa.text("SELECT * FROM reporting.dialog_kinerja_per_unit ORDER BY period, unit"),
                conn,
                coerce_float=False,
            )
        assert not [col for col in view.columns if "nip" in col or "nama" in col]
        assert view.rhk_coverage_pct.tolist()[0] == Decimal("83.33")
        lines = dialog_summary(engine, "2024-03")
    finally:
        engine.dispose()
    target = WarehouseResource(url=p.url)
    month = dialog_coverage_of_month(target, "2024-03")
    assert month[["unit", "status", "dialog_none_before_rating"]].values.tolist() == [
        [UNIT, "ada_data", 1],
        [ELSEWHERE, "tanpa_data", 0],
    ]
    assert month.rhk_coverage_pct.tolist()[0] == Decimal("83.33")
    assert pd.isna(month.rhk_coverage_pct.tolist()[1])
    assert dialog_coverage_of_month(target, "2023-03").empty
    assert lines == [
        "Dialog kinerja 2024-Q1 (holds 2024-03): 1 of 2 units with umpan balik data; RHK "
        "coverage 10 of 12 (83.33 %), pegawai covered 2 of 3, 0 silent penilai; cases: "
        "dialog_none_before_rating 1 (fact_dialog_coverage, fact_dialog_penilai, "
        "fact_tindak_lanjut)",
        "  per unit (RHK coverage, pegawai coverage, perilaku coverage, silent penilai):",
        f"    {UNIT}: 83.33 %, 66.67 %, 0.00 %, 0",
        f"    {ELSEWHERE}: no umpan balik data (coverage unknown, no case)",
    ]


# --- absent, 0 bytes, header only: the stated default ------------------------------------------

HEADERS = {
    "dialog_umpan_balik": b"nip_pemberi,nip_penerima,objek,ref_id,periode,tanggal_diberikan\n",
    "dialog_ekspektasi": b"nip,objek,ref_id,tahun\n",
    "dialog_pembinaan": b'{"data": []}',
}


@pytest.mark.parametrize("state", ["absent", "0 bytes", "header only"])
def test_no_dialogue_data_means_unknown_and_no_case(state, run, tmp_path):
    """The worked example's inbox with the three dialogue files in one state: each says which
    default applied, and the measures say coverage unknown, no case (never 'nobody talked')."""
    inbox = tmp_path / "inbox"
    shutil.copytree(run[0].inbox, inbox)
    for kind, where in FILES.items():
        path = inbox / where
        path.unlink()
        if state != "absent":
            path.write_bytes(b"" if state == "0 bytes" else HEADERS[kind])
    ctx = Context(load_profile("nasional"), master()["nip"], employees=master())
    checked = read_source("ekinerja", inbox, ctx)
    for kind in FILES:
        audit = checked[kind].audit
        assert audit.status.tolist() == ["default"] and audit.file.tolist() == ["inbox/ekinerja/"]
        assert len(checked[kind].valid) == 0
    assert checked["dialog_umpan_balik"].audit.message.iloc[0] == (
        "no umpan balik: dialog kinerja coverage is unknown and no dialog case is raised (never "
        "read as 'nobody talked')"
    )
    files = checked["skp_plans"].audit  # the unreadable files are audited with the first kind
    if state != "absent":
        empties = files[files.file.isin(FILES.values())]
        assert sorted(empties.status) == ["empty", "empty", "empty"]
    base = inputs()
    result = measure(
        type(base)(**{**base.__dict__, "umpan_balik": checked["dialog_umpan_balik"].valid,
                      "pembinaan": checked["dialog_pembinaan"].valid,
                      "ekspektasi": checked["dialog_ekspektasi"].valid}),
        load_profile("nasional"),
        dt.date(2024, 6, 30),
    )  # fmt: skip
    assert result.default == NO_DATA
    assert (len(result.coverage), len(result.cases)) == (0, 0)


def test_a_header_only_umpan_balik_publishes_nothing_and_says_so(run, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(run[0].inbox, inbox)
    (inbox / FILES["dialog_umpan_balik"]).write_bytes(HEADERS["dialog_umpan_balik"])
    p, result = _run(tmp_path, inbox)
    assert p.table("fact_dialog_coverage").empty and p.table("fact_dialog_pegawai").empty
    assert p.table("fact_tindak_lanjut").empty
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["dialog_tindak_lanjut_cases"] is True
    engine = p.engine()
    try:
        assert dialog_summary(engine, "2024-03") == [
            "Dialog kinerja 2024-03: not measured (no umpan balik export reaching this month): "
            "coverage unknown, no dialog case"
        ]
    finally:
        engine.dispose()
