"""Declarative automation: a recompute of some months flows downstream for those months only;
re-reading the inbox or opening the UI launches nothing."""

import dagster as dg
import pytest

from pipelines.automation import SENSOR_NAME
from pipelines.definitions import defs


def _materialized(instance, key, partition=None):
    instance.report_runless_asset_event(dg.AssetMaterialization(asset_key=key, partition=partition))


def _requested(result) -> dict[str, list[str]]:
    return {
        r.key.to_user_string(): sorted(r.true_subset.expensively_compute_partition_keys())
        for r in result.results
        if not r.true_subset.is_empty
    }


CLOSE = {"tpp_month_close", "tpp_finance_files", "tpp_hr_report"}


@pytest.fixture
def computed():
    """Every inbox asset and every monthly asset of 2024-03..05 materialized once; 2024-05 was
    never closed (no close, finance files or HR report)."""
    with dg.DagsterInstance.ephemeral() as instance:
        graph = defs.resolve_asset_graph()
        for key in graph.get_all_asset_keys():
            part = graph.get(key).partitions_def
            if part is None:
                _materialized(instance, key)
            elif part.get_partition_keys()[0] == "2024-01":  # monthly
                for month in ("2024-03", "2024-04", "2024-05"):
                    if month == "2024-05" and key.to_user_string() in CLOSE:
                        continue
                    _materialized(instance, key, month)
        yield instance


def test_a_backfill_of_one_asset_recomputes_everything_downstream_for_those_months(computed):
    first = dg.evaluate_automation_conditions(defs=defs, instance=computed)
    assert first.total_requested == 0  # nothing on the first tick (no newly_missing)
    for month in ("2024-03", "2024-04"):
        _materialized(computed, dg.AssetKey("daily_attendance"), month)
    after = dg.evaluate_automation_conditions(defs=defs, instance=computed, cursor=first.cursor)
    both = ["2024-03", "2024-04"]
    assert _requested(after) == {
        "monthly_discipline": both,
        "warehouse_attendance_month": both,
        "tpp_monthly": both,
        "warehouse_tpp_month": both,
        "payroll_gaps": both,  # issue 21: who is paid TPP without a readable payroll row
        "tpp_thr_gaji13": both,  # issue 21: THR / gaji-13 paid in the month (none in March/April)
        "month_summary": both,
    }
    again = dg.evaluate_automation_conditions(defs=defs, instance=computed, cursor=after.cursor)
    assert again.total_requested == 0  # requested once, not on every tick


def test_the_month_summary_follows_a_close_and_a_month_never_closed(computed):
    """month_summary reads the close for the month's status: a close refreshes it, and a month
    that was never closed still follows its publishers (the close is an optional dependency)."""
    first = dg.evaluate_automation_conditions(defs=defs, instance=computed)
    _materialized(computed, dg.AssetKey("tpp_month_close"), "2024-04")
    _materialized(computed, dg.AssetKey("warehouse_tpp_month"), "2024-05")
    after = dg.evaluate_automation_conditions(defs=defs, instance=computed, cursor=first.cursor)
    assert _requested(after) == {"month_summary": ["2024-04", "2024-05"]}


def test_re_reading_the_inbox_recomputes_no_month(computed):
    first = dg.evaluate_automation_conditions(defs=defs, instance=computed)
    for key in ("employees", "attendance_files", "payroll"):
        _materialized(computed, dg.AssetKey(key))
    after = dg.evaluate_automation_conditions(defs=defs, instance=computed, cursor=first.cursor)
    assert after.total_requested == 0


def test_only_the_recompute_sensor_runs_by_default():
    running = {s.name for s in defs.sensors if s.default_status == dg.DefaultSensorStatus.RUNNING}
    assert running == {SENSOR_NAME}
    assert defs.get_schedule_def("nightly").default_status == dg.DefaultScheduleStatus.STOPPED
