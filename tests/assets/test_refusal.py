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


def test_a_broken_json_on_the_only_machine_is_named_with_its_line_and_column(pipeline):
    """The only machine's only export is a Fingerspot response cut by a hand edit: the month
    is refused naming the file, the line and the column where the JSON breaks (and the
    load_audit row says the same), not 'no export covers the month' alone."""
    import shutil

    attendance = pipeline.inbox / "attendance"
    for machine in ("dinkes", "bkpsdm", "kec-timur"):
        shutil.rmtree(attendance / machine)
    export = attendance / "disdik" / "fingerspot_2024-03.json"
    lines = export.read_text().splitlines()
    assert lines[6] == '    "pin": "7",'
    lines[6] = '    "pin: "7",'  # a quote lost in a hand edit
    export.write_text("\n".join(lines) + "\n")
    result = pipeline.run("2024-03", raise_on_error=False)
    failures = [e for e in result.all_events if e.is_step_failure]
    assert [e.step_key for e in failures] == ["attendance_punches"]
    text = failures[0].step_failure_data.user_failure_data.description
    audit = pipeline.table("load_audit")
    row = audit[audit.file == "attendance/disdik/fingerspot_2024-03.json"]
    assert list(row.status) == ["rejected"]
    message = row.message.iloc[0]
    assert "line 7, column" in message, message
    assert (
        "Bulan 2024-03 tidak dapat dihitung: belum ada ekspor mesin absensi yang mencakup "
        "2024-03 (inbox/attendance/<mesin>/): satu-satunya ekspor tidak terbaca: "
        f"{message}" in text
    ), text
