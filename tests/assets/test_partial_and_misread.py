"""Issue 19 through the whole pipeline (Dagster, a real DuckDB warehouse, the close job), on an
inbox of two machines that each break the promise the old way:

- ``kantor`` (ZK GLog, WIB; employees E1-E5 as PINs 101-105) punches normally every working day
  of March 2024, but its export was pulled out of the USB port on Thursday 28 March right after
  the record at 09:30 (the next record broken mid-way). On the 28th (Ramadan, 08:00-15:00):
  E1 07:40, E4 07:55, E2 08:35 (35 minutes late) and 09:30, E3 and E5 no punch yet.
- ``aula`` holds E6's punches (PIN 201, from 18 March) in a GLog file whose header was renamed
  so that it reads as the ZK terminal's 'No., Date/Time' export: the record counter ``No.`` is
  taken for the PIN, exactly the misreading issue 19 found on a real file. Nothing maps.

The 28th must cost E2 his TL2 (1 %) and nothing else; E3 and E5 are no_data, not TK; nobody has
a PSW; the gap table says the data stops at 09:30 WIB; close refuses naming that day. The
misread file must fire the warning check and the run summary, naming the file and the share."""

from __future__ import annotations

import datetime as dt
import shutil

import dagster as dg
import pandas as pd
import pytest

from assets.partitions import partition_of
from pipelines.jobs import ALL_ASSETS, CLOSE_ASSETS
from resources.finance import FinanceResource
from resources.warehouse.reports import run_report
from tests.conftest import E1, E2, E3, E4, E5, E6, MARCH_2024, Pipeline
from tests.tpp_fixtures import write_tpp_inbox

MONTH = "2024-03"
WORKDAYS = [1, 4, 5, 6, 7, 8, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28]
FRIDAYS = {1, 8, 15, 22}
KANTOR = {E1: "101", E2: "102", E3: "103", E4: "104", E5: "105"}


def _normal(day: int) -> tuple[str, str]:
    if day < 13:  # regular hours 07:30-16:00, Friday 16:30
        return "07:10:00", "16:40:00" if day in FRIDAYS else "16:10:00"
    return "07:50:00", "15:40:00" if day in FRIDAYS else "15:10:00"  # Ramadan


def _kantor() -> str:
    records = []
    for day in WORKDAYS[:-1]:
        morning, evening = _normal(day)
        records += [(day, morning, pin) for pin in KANTOR.values()]
        records += [(day, evening, pin) for pin in KANTOR.values()]
    records += [(28, "07:40:00", "101"), (28, "07:55:00", "104"), (28, "08:35:00", "102")]
    records += [(28, "09:30:00", "102")]
    rows = ["No\tTMNo\tEnNo\tName GMNo\tMode\tDateTime"]
    for n, (day, time, pin) in enumerate(records, start=1):
        rows.append(f"{n}\t1\t{pin}\tPEGAWAI {pin} 1\t1\t2024/03/{day:02d} {time}")
    broken = f"{len(records) + 1}\t1\t105\tPEGAWAI 105 1\t1\t2024/03/28 10"
    return "\n".join(rows) + "\n" + broken


def _aula_misread() -> str:
    rows = ["No.\tTMNo\tUser\tName\tMode\tDate/Time"]
    n = 0
    for day in [d for d in WORKDAYS if d >= 18]:
        for time in _normal(day):
            n += 1
            rows.append(f"{n}\t1\t201\tRUDI\t1\t2024/03/{day:02d} {time}")
    return "\n".join(rows) + "\n"


def _close(p: Pipeline, finance) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*ALL_ASSETS, *CLOSE_ASSETS],
        partition_key=partition_of(MONTH),
        resources={**p.resources(), "finance": FinanceResource(path=str(finance))},
        instance=p.instance,
        raise_on_error=False,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("partial")
    inbox = tmp / "inbox"
    inbox.mkdir()
    master = (MARCH_2024 / "employees.csv").read_text().splitlines()
    (inbox / "employees.csv").write_text("\n".join(master[:7]) + "\n")  # E1-E6
    pins = [f"kantor,{pin},{nip},2024-01-01," for nip, pin in KANTOR.items()]
    (inbox / "pin_map.csv").write_text(
        "device_key,pin,nip,valid_from,valid_to\n" + "\n".join(pins) + f"\naula,201,{E6},,\n"
    )
    (inbox / "devices.csv").write_text("device_key,timezone\nkantor,WIB\naula,WIB\n")
    for machine, name, text in (
        ("kantor", "AGL_001.TXT", _kantor()),
        ("aula", "GLG_001.TXT", _aula_misread()),
    ):
        (inbox / "attendance" / machine).mkdir(parents=True)
        (inbox / "attendance" / machine / name).write_text(text)
    write_tpp_inbox(inbox)
    shutil.rmtree(inbox / "ekinerja", ignore_errors=True)
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(inbox, tmp / "state", f"duckdb:///{tmp}/state/w.duckdb", instance)
        yield p, _close(p, tmp / "finance")


def test_the_day_cut_at_0930_charges_only_what_its_data_shows(run):
    p, _ = run
    daily = p.table("fact_attendance_daily", ["nip", "work_date"])
    last = daily[daily.work_date == dt.date(2024, 3, 28)].set_index("nip")
    codes = ["late_code", "early_code", "absence_code"]
    got = {
        nip: (*(None if pd.isna(v) else v for v in r[codes]), f"{r.deduction_pct:.4f}")
        for nip, r in last.iterrows()
        if nip in KANTOR
    }
    assert got == {
        E1: (None, None, None, "0.0000"),
        E2: ("TL2", None, None, "1.0000"),
        E3: (None, None, "no_data", "0.0000"),
        E4: (None, None, None, "0.0000"),
        E5: (None, None, "no_data", "0.0000"),
    }
    monthly = p.table("fact_discipline_monthly").set_index("nip")
    assert {n: f"{monthly.loc[n, 'deduction_pct']:.4f}" for n in KANTOR} == {
        E1: "0.0000",
        E2: "1.0000",
        E3: "0.0000",
        E4: "0.0000",
        E5: "0.0000",
    }
    assert {n: int(monthly.loc[n, "no_data_days"]) for n in KANTOR} == {
        E1: 0,
        E2: 0,
        E3: 1,
        E4: 0,
        E5: 1,
    }
    assert int(monthly.loc[E3, "tk_days"]) == 0


def test_the_gap_table_holds_the_time_the_data_stops_and_close_refuses(run):
    p, close = run
    gap = p.table("attendance_gap")
    kantor = gap[gap.device_key == "kantor"]
    assert [
        (str(g.date_from), str(g.date_to), g.workdays, g.employees_affected, str(g.cover_until))
        for g in kantor.itertuples()
    ] == [("2024-03-28", "2024-03-28", 1, 5, "2024-03-28 02:30:00+00:00")]
    reason = kantor.gap_reason.iloc[0]
    assert reason == (
        "data only until 09:30 WIB on this day (the rest of the day is missing): AGL_001.TXT: "
        "the file ends mid-record (line 176); its last readable record is at 28 Mar 2024 "
        "09:30:00 WIB"
    )
    quarantine = p.table("quarantine")
    cut = quarantine[quarantine.file == "attendance/kantor/AGL_001.TXT"]
    assert [(r.line, r.reason_code) for r in cut.itertuples()] == [(176, "BERKAS_TERPOTONG")]
    assert not close.success
    failure = next(e for e in close.all_events if e.event_type_value == "STEP_FAILURE")
    assert failure.step_key == "tpp_month_close"
    assert (
        "kantor: 28 Mar 2024 (1 working days), data only until 09:30 WIB on this day"
        in failure.event_specific_data.error.message
    )


def test_a_glog_file_misread_on_purpose_fires_the_warning(run):
    p, close = run
    checks = {e.check_name: e for e in close.get_asset_check_evaluations()}
    unmapped = checks["attendance_punches_unmapped_pins"]
    assert unmapped.passed is False
    assert unmapped.description == (
        "attendance/aula/GLG_001.TXT: most records carry PINs not in the PIN map: 18 of 18 "
        "(100.0%); if the PIN map is right the file may be read with the wrong column as the "
        "PIN: check its layout and its PINs"
    )
    lines = run_report(p.settings(), [MONTH])
    assert (
        "  WARNING attendance/aula/GLG_001.TXT: most records carry PINs not in the PIN map: "
        "18 of 18 (100.0%); if the PIN map is right the file may be read with the wrong column "
        "as the PIN: check its layout and its PINs"
    ) in lines
    audit = p.table("load_audit")
    files = audit[audit.asset == "attendance_files"].set_index("file")
    assert files.loc["attendance/aula/GLG_001.TXT", "layout"] == "zk_standalone_csv"
    assert files.loc["attendance/kantor/AGL_001.TXT", "layout"] == "zk_glog"
