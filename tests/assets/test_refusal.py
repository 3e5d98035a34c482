"""A month without exports is refused in words before anything of the month is computed or
published (issues 13, 23): the month-inputs check of attendance_punches fails (severity ERROR)
naming the month, what is missing and the fix, in Indonesian without a class name or a stack;
every monthly step is skipped, none failed, and no warehouse table holds a row of the month."""

import dagster as dg

from pipelines.jobs import MONTH_ASSETS
from resources.warehouse.month import month_rows

MONTH_STEPS = {k.to_user_string() for a in MONTH_ASSETS for k in a.keys}


def refusal(result: dg.ExecuteInProcessResult):
    [check] = [
        e
        for e in result.get_asset_check_evaluations()
        if e.check_name == "attendance_punches_month_inputs"
    ]
    return check


def test_a_month_without_exports_is_refused_with_the_month_the_inputs_and_the_fix(pipeline):
    result = pipeline.run("2024-06", raise_on_error=False)  # the fixture holds March only
    assert result.success  # refused, not failed: nothing is marked failed
    assert not [e for e in result.all_events if e.is_step_failure]
    check = refusal(result)
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert check.description.startswith(
        "Bulan 2024-06 tidak dapat dihitung: belum ada ekspor mesin absensi yang mencakup "
        "2024-06 (inbox/attendance/<mesin>/). Taruh berkas yang kurang di inbox"
    )
    assert check.description.endswith(
        "Run ini tidak menghitung dan tidak menerbitkan apa pun untuk bulan 2024-06: kehadiran, "
        "disiplin, predikat bulanan, e-Lapkin, tindak lanjut dan TPP dilewati (skipped), dan "
        "isi gudang data untuk bulan itu tidak berubah."
    )
    assert "MonthRefused" not in check.description and "assets." not in check.description
    assert check.metadata["bulan (month)"].value == "2024-06"
    assert "ekspor mesin absensi" in check.metadata["masukan yang kurang (missing_inputs)"].value
    assert "inbox_job" in check.metadata["cara memperbaiki (fix)"].value
    done = {
        e.asset_key.to_user_string()
        for e in result.all_events
        if e.is_step_materialization and e.partition == "2024-06"
    }
    assert done == set()  # nothing computed
    skipped = {e.step_key for e in result.all_events if e.event_type_value == "STEP_SKIPPED"}
    assert skipped == MONTH_STEPS - {"attendance_punches"}  # every monthly step after it
    june = month_rows(pipeline.engine(), "2024-06")
    assert june and not {table: n for table, n in june.items() if n}  # nothing published


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
    assert not [e for e in result.all_events if e.is_step_failure]
    text = refusal(result).description
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


def test_the_cli_says_refused_and_exits_1(inbox, tmp_path, monkeypatch, capsys):
    """`python -m pipelines run --month 2024-06` on an inbox without June exports: the run
    succeeds in Dagster's terms (steps skipped), the CLI prints REFUSED with the sentence."""
    from pipelines.cli import main

    monkeypatch.setenv("KINERJA_INBOX", str(inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("KINERJA_AS_OF", "2026-11-24T00:00:00+00:00")
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
    assert main(["run", "--month", "2024-06"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Run for 2024-06 REFUSED: nothing computed or published"), err[:200]
    assert "check attendance_punches_month_inputs failed: Bulan 2024-06 tidak dapat dihitung" in err
    assert "Traceback" not in err
