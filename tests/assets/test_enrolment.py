"""Employees no machine knows (issue 19), end to end on the hand-made March 2024 inbox with its
TPP files: E7 has no PIN-map row at all (active 1-14 March, 8 working days). Without HR's
decision E7 is not charged (no_data, 0 %), the month publishes with a warning, the summary and
the gap table list E7 and close refuses naming the NIP; a charge decision gives the 8 TK days
(40 %), an excuse decision 0 % and lets close pass, audited in the gap table."""

import shutil

import dagster as dg
import pytest

from assets.partitions import partition_of
from pipelines.jobs import ALL_ASSETS, CLOSE_ASSETS
from resources.finance import FinanceResource
from resources.warehouse.attendance.reports import month_summary
from tests.conftest import E4, E7, MARCH_2024, Pipeline
from tests.tpp_fixtures import write_tpp_inbox

MONTH = "2024-03"
WHY = (
    "tidak terdaftar di mesin mana pun (not enrolled on any machine): no row for the NIP in "
    "pin_map.csv"
)
HEADER = "device_key,nip,date_from,date_to,decision,decided_by,note\n"


def _run(p: Pipeline, finance, close: bool) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*ALL_ASSETS, *(CLOSE_ASSETS if close else [])],
        partition_key=partition_of(MONTH),
        resources={**p.resources(), "finance": FinanceResource(path=str(finance))},
        instance=p.instance,
        raise_on_error=False,
    )


@pytest.fixture(scope="module")
def undecided(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("enrolment")
    inbox = tmp / "inbox"
    shutil.copytree(MARCH_2024, inbox)
    write_tpp_inbox(inbox)
    (inbox / "attendance_decisions.csv").unlink()  # the fixture's charge of E7: not yet
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(inbox, tmp / "state", f"duckdb:///{tmp}/state/w.duckdb", instance)
        yield p, _run(p, tmp / "finance", close=True), tmp


def _e7(p: Pipeline) -> tuple:
    monthly = p.table("fact_discipline_monthly").set_index("nip").loc[E7]
    days = p.table("fact_attendance_daily", ["nip", "work_date"])
    codes = days.loc[days.nip == E7, "absence_code"].value_counts().to_dict()
    return codes, monthly.tk_days, monthly.no_data_days, str(monthly.deduction_pct)


def _gaps(p: Pipeline) -> list[tuple]:
    return [
        (g.nip, str(g.date_from), str(g.date_to), g.workdays, g.gap_reason, g.decision)
        for g in p.table("attendance_enrolment_gap").itertuples()
    ]


def test_not_charged_listed_and_close_refuses_naming_the_nip(undecided):
    p, result, _ = undecided
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert failure.step_key == "tpp_month_close"
    assert failure.event_specific_data.error.message.startswith(
        "dagster._core.definitions.events.Failure: 2024-03 cannot be closed:\n"
        "1 employee(s) not enrolled on any machine on working days, undecided (no machine can "
        f"hold their punches):\n- {E7}: 01 Mar to 14 Mar 2024 (8 working days), {WHY}\n"
        "Add the employee's row to inbox/pin_map.csv"
    )
    assert _e7(p) == ({"no_data": 8}, 0, 8, "0.0000")
    assert _gaps(p) == [(E7, "2024-03-01", "2024-03-14", 8, WHY, None)]
    assert p.table("attendance_gap").empty  # every machine held data: not a machine gap
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["attendance_enrolment_gaps"] is False
    assert checks["attendance_coverage_gaps"] is True
    tpp = p.table("fact_tpp_monthly").set_index("nip")
    assert str(tpp.loc[E7, "disiplin_deduction_pct"]) == "0.0000"
    assert set(tpp.status) == {"provisional"} and p.table("tpp_month_close").empty
    engine = p.engine()
    try:
        lines = month_summary(engine, MONTH)
    finally:
        engine.dispose()
    assert lines[:2] == [
        "Month 2024-03: 107 employee-days for 7 employees",
        "  late arrivals (TL) 12, early departures (PSW) 7, absent without reason (TK) 6, "
        "leave or dinas luar 5, not judged for lack of data (no_data) 8",
    ]
    at = lines.index(
        "  NOT ENROLLED: 1 employee with working days no valid PIN-map row covers (no_data: no "
        "TK, no deduction until decided):"
    )
    assert lines[at + 1 : at + 3] == [
        f"    {E7}: 01-14 Mar (8 working days), {WHY}; undecided: the month cannot be closed",
        "    add their rows to inbox/pin_map.csv or record a decision per NIP in "
        "inbox/attendance_decisions.csv (docs/formats.md)",
    ]


def test_a_charge_decision_counts_the_days_as_recorded(undecided):
    p, _, tmp = undecided
    (p.inbox / "attendance_decisions.csv").write_text(
        f"{HEADER},{E7},2024-03-01,2024-03-31,charge,Kepala BKPSDM (ND 800/125),\n"
    )
    assert _run(p, tmp / "finance", close=False).success
    assert _e7(p) == ({"TK": 8}, 8, 0, "40.0000")  # 8 x 5 %
    assert _gaps(p) == [(E7, "2024-03-01", "2024-03-14", 8, WHY, "charge")]


def test_an_excuse_decision_lets_close_pass_and_is_audited(undecided):
    p, _, tmp = undecided
    (p.inbox / "attendance_decisions.csv").write_text(
        f"{HEADER},{E7},2024-03-01,2024-03-14,excuse,Kepala BKPSDM (ND 800/126),mutasi\n"
        # E4's March payroll row is unreadable: finance carries February's (issue 21)
        f",{E4},2024-03-01,2024-03-31,carry,Kepala BPKAD (ND 900/8),\n"
    )
    result = _run(p, tmp / "finance", close=True)
    assert result.success
    assert _e7(p) == ({"no_data": 8}, 0, 8, "0.0000")
    gap = p.table("attendance_enrolment_gap")
    assert list(zip(gap.decision, gap.decided_by, strict=True)) == [
        ("excuse", "Kepala BKPSDM (ND 800/126)")
    ]
    final = p.table("fact_tpp_monthly").set_index("nip").loc[E7]
    # tpp_base 4,132,576.00 (test_tpp.NASIONAL): disiplin part 40 % = 1,653,030.40, nothing
    # deducted, paid half up; no predikat, so no kinerja part
    assert (final.status, str(final.disiplin_deduction_pct)) == ("final", "0.0000")
    assert (final.disiplin_paid, final.kinerja_paid, final.gross) == (1653030, 0, 1653030)
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["attendance_enrolment_gaps"] is True
