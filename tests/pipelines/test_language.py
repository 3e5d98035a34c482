"""Every description HR reads in the Dagster UI is Indonesian (issue 23): assets, asset checks,
jobs, sensors and the schedule. The metadata labels of a whole month's run are checked in
tests/assets/test_month_money.py (they need a run)."""

from pipelines.definitions import defs
from tests.language import english_label, english_only


def _descriptions() -> dict[str, str]:
    graph = defs.resolve_asset_graph()
    found = {}
    for key in graph.get_all_asset_keys():
        found[f"asset {key.to_user_string()}"] = graph.get(key).description or ""
    for assets_def in graph.assets_defs:
        for spec in assets_def.check_specs:
            found[f"check {spec.name}"] = spec.description or ""
    repo = defs.get_repository_def()
    for job in repo.get_all_jobs():
        if not job.name.startswith("__"):
            found[f"job {job.name}"] = job.description or ""
    for sensor in repo.sensor_defs:
        found[f"sensor {sensor.name}"] = sensor.description or ""
    for schedule in repo.schedule_defs:
        found[f"schedule {schedule.name}"] = schedule.description or ""
    return found


def test_every_description_hr_reads_is_indonesian():
    found = _descriptions()
    assert len(found) > 100  # 60 assets, their checks, jobs, sensors, the schedule
    english = {name: text[:80] for name, text in found.items() if english_only(text)}
    assert not english, english


def test_the_language_test_tells_english_from_indonesian():
    assert english_only("Warns when a machine holds no readable data for working days.")
    assert english_only("The month's fact_lapkin_monthly and fact_tindak_lanjut.")
    assert not english_only("Peringatan bila sebuah mesin tidak menyimpan data (no_data).")
    assert english_label("rows") and english_label("machine_days_without_data")
    assert english_label("units_judged") and not english_label("unit yang dinilai (units_judged)")
    assert not english_label("baris di fact_tpp_monthly") and not english_label("predikat")
