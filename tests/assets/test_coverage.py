"""No data is not absence (issue 12): the hand-made March 2024 inbox, with the kec-timur
machine's only export replaced by the HTML error page a web panel returns when a download fails,
saved as ``attlog.dat``. E4 (the only employee on that machine) must be charged nothing for the
month, everyone else exactly what tests/assets/test_tpp.py computes by hand, the month must
publish with a warning, close must refuse naming the machine, and HR's decision file must then
let close pass (and is itself audited)."""

import shutil

import dagster as dg
import pytest

from assets.partitions import partition_of
from pipelines.jobs import ALL_ASSETS, CLOSE_ASSETS
from resources.finance import FinanceResource
from tests.conftest import E1, E2, E3, E4, E5, E6, E7, MARCH_2024, Pipeline
from tests.tpp_fixtures import E7_CHARGED, write_tpp_inbox

MONTH = "2024-03"
HTML = (
    b"<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n"
    b"<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p>"
    b"</body></html>\n"
)
# discipline deduction % per employee from test_tpp.NASIONAL; E4 had 1.0 (one TL1 day)
OTHERS = {E1: "15.7500", E2: "10.0000", E3: "12.5000", E5: "5.5000", E6: "5.0000", E7: "40.0000"}


def _close(p: Pipeline, finance) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*ALL_ASSETS, *CLOSE_ASSETS],
        partition_key=partition_of(MONTH),
        resources={**p.resources(), "finance": FinanceResource(path=str(finance))},
        instance=p.instance,
        raise_on_error=False,
    )


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coverage")
    inbox = tmp / "inbox"
    shutil.copytree(MARCH_2024, inbox)
    write_tpp_inbox(inbox)
    machine = inbox / "attendance" / "kec-timur"
    shutil.rmtree(machine)
    machine.mkdir()
    (machine / "attlog.dat").write_bytes(HTML)
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(inbox, tmp / "state", f"duckdb:///{tmp}/state/w.duckdb", instance)
        first = _close(p, tmp / "finance")
        yield p, first, tmp


def _pct(p: Pipeline) -> dict[str, str]:
    tpp = p.table("fact_tpp_monthly")
    return {r.nip: f"{r.disiplin_deduction_pct:.4f}" for r in tpp.itertuples()}


def test_unreadable_machine_charges_nobody_and_close_refuses(broken):
    p, result, _ = broken
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert failure.step_key == "tpp_month_close"
    text = failure.event_specific_data.error.message
    assert "2024-03 cannot be closed:\n1 machine gap(s)" in text
    assert (
        "kec-timur: 01 Mar to 28 Mar 2024 (18 working days), its export could not be read "
        "(attlog.dat: is HTML or XML, not an attendance export); no readable data; 1 employee "
        "affected" in text
    )
    daily = p.table("fact_attendance_daily", ["nip", "work_date"])
    e4 = daily[daily.nip == E4]
    assert len(e4) == 18 and set(e4.absence_code) == {"no_data"}
    assert e4.late_code.isna().all() and e4.early_code.isna().all()
    assert (e4.deduction_pct == 0).all()
    assert not (daily.absence_code == "no_data").loc[daily.nip != E4].any()
    monthly = p.table("fact_discipline_monthly").set_index("nip")
    assert (monthly.loc[E4, "no_data_days"], monthly.loc[E4, "tk_days"]) == (18, 0)
    assert monthly.loc[E4, "deduction_pct"] == 0
    assert _pct(p) == {**OTHERS, E4: "0.0000"}
    gap = p.table("attendance_gap")
    assert [
        (g.device_key, str(g.date_from), str(g.date_to), g.workdays, g.employees_affected)
        for g in gap.itertuples()
    ] == [("kec-timur", "2024-03-01", "2024-03-28", 18, 1)]
    assert gap.decision.isna().all()
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["attendance_coverage_gaps"] is False
    audit = p.table("load_audit")
    html = audit[audit.file.str.endswith("kec-timur/attlog.dat")]
    assert list(html.status) == ["rejected"]
    assert p.table("tpp_month_close").empty
    assert set(p.table("fact_tpp_monthly").status) == {"provisional"}


def test_decision_file_lets_close_pass_and_is_audited(broken):
    p, _, tmp = broken
    (p.inbox / "attendance_decisions.csv").write_text(
        E7_CHARGED + "kec-timur,,2024-03-01,2024-03-31,excuse,Kepala BKPSDM (ND 800/123),"
        "mesin rusak\n"
    )
    result = _close(p, tmp / "finance")
    assert result.success
    gap = p.table("attendance_gap")
    assert [(g.device_key, g.decision, g.decided_by) for g in gap.itertuples()] == [
        ("kec-timur", "excuse", "Kepala BKPSDM (ND 800/123)")
    ]
    assert _pct(p) == {**OTHERS, E4: "0.0000"}
    final = p.table("fact_tpp_monthly").set_index("nip")
    assert set(final.status) == {"final"}
    audit = p.table("load_audit")
    decided = audit[audit.asset == "attendance_decisions"]
    assert sorted((r.file, r.status, r.rows_in, r.rows_valid) for r in decided.itertuples()) == [
        ("attendance_decisions.csv", "ok", 2, 2),  # the first run: E7's and E4's (issue 21)
        ("attendance_decisions.csv", "ok", 3, 3),  # the close run
    ]
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["attendance_coverage_gaps"] is True


def test_an_unreadable_leave_file_blocks_close(tmp_path):
    """A leave file we could not parse is not 'nobody was on leave': people on leave that day
    would be TK. The month publishes (provisional) but close refuses, naming the file."""
    inbox = tmp_path / "inbox"
    shutil.copytree(MARCH_2024, inbox)
    write_tpp_inbox(inbox)
    (inbox / "leave.csv").write_bytes(b"PK\x03\x04\x00\x00 not really a workbook")
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(inbox, tmp_path / "state", f"duckdb:///{tmp_path}/state/w.duckdb", instance)
        result = _close(p, tmp_path / "finance")
        assert not result.success
        failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
        text = failure.event_specific_data.error.message
        assert failure.step_key == "tpp_month_close"
        assert "1 input file(s) could not be read:\n- leave.csv: " in text
        assert "machine gap" not in text
        assert set(p.table("fact_tpp_monthly").status) == {"provisional"}
