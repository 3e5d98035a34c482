"""A month without exports is refused in words before anything of the month is computed or
published (issue 13): the failure names the month, what is missing and the fix."""

import sys

import dagster as dg

MONTH_STEPS = {"attendance_punches", "daily_attendance", "monthly_discipline", "tpp_monthly"}


def test_a_month_without_exports_is_refused_with_the_month_the_inputs_and_the_fix(pipeline):
    result = pipeline.run("2024-06", raise_on_error=False)  # the fixture holds March only
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert [e.step_key for e in failures] == ["attendance_punches"]
    error = failures[0].step_failure_data.error
    assert error.stack == [] and ".py" not in error.to_string()  # words, no stack or paths
    assert not hasattr(sys, "tracebacklimit")  # restored: other errors keep their stacks
    data = failures[0].step_failure_data.user_failure_data
    assert data.description.startswith(
        "Bulan 2024-06 tidak dapat dihitung: belum ada ekspor mesin absensi yang mencakup "
        "2024-06 (inbox/attendance/<mesin>/). Taruh berkas yang kurang di inbox"
    )
    assert data.metadata["bulan (month)"].value == "2024-06"
    assert "ekspor mesin absensi" in data.metadata["masukan yang kurang (missing_inputs)"].value
    assert "inbox_job" in data.metadata["cara memperbaiki (fix)"].value
    done = {
        e.asset_key.to_user_string()
        for e in result.all_events
        if e.is_step_materialization and e.partition == "2024-06"
    }
    assert not (done & MONTH_STEPS)
    assert pipeline.table("fact_attendance_daily").empty


def test_the_month_with_exports_is_computed(pipeline):
    assert pipeline.run("2024-03").success
    assert dg.AssetKey("tpp_monthly") in pipeline.instance.get_asset_keys()
