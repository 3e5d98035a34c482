"""The whole pipeline on the hand-made March 2024 inbox, values computed by hand.

See tests/fixtures/march2024/README.md for what is planted on which day.
"""

import shutil
from decimal import Decimal

import dagster as dg
import pandas as pd
import pytest

from tests.conftest import E1, E2, E3, E4, E5, E6, E7

MONTH = "2024-03"
NORMAL = dict(late_code=None, early_code=None, absence_code=None, deduction_pct=Decimal("0"))


@pytest.fixture(scope="module")
def published(tmp_path_factory, computed_months):
    """The month, computed once per test process (conftest.ComputedMonths), for the tests that
    only read what it published."""
    with dg.DagsterInstance.ephemeral() as instance:
        yield computed_months.copy("march2024", tmp_path_factory.mktemp("march2024"), instance)


def day_rows(p, nip: str) -> pd.DataFrame:
    daily = p.table("fact_attendance_daily", ["nip", "work_date"])
    rows = daily[daily.nip == nip].copy()
    rows["day"] = pd.to_datetime(rows.work_date).dt.day
    return rows.set_index("day")


def _value(v):
    return None if pd.isna(v) else v


def check_day(rows: pd.DataFrame, day: int, **expected) -> None:
    row = rows.loc[day]
    got = {k: _value(row[k]) for k in expected}
    assert got == expected, f"day {day}"


def test_working_days_are_the_calendar_of_march_2024(published):
    rows = day_rows(published, E1)
    assert list(rows.index) == [1, 4, 5, 6, 7, 8, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28]
    ramadan = rows[rows.ramadan].index.tolist()
    assert ramadan == [13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28]
    # schedule instants are local time in the office's zone, stored in UTC
    assert str(rows.loc[1, "schedule_start"]) == "2024-03-01 00:30:00+00:00"  # 07:30 WIB
    assert str(rows.loc[1, "schedule_end"]) == "2024-03-01 09:30:00+00:00"  # Fri 16:30 WIB
    assert str(rows.loc[13, "schedule_start"]) == "2024-03-13 01:00:00+00:00"  # 08:00 WIB
    assert str(rows.loc[15, "schedule_end"]) == "2024-03-15 08:30:00+00:00"  # Fri 15:30 WIB


def test_lateness_and_early_leave_boundaries(published):
    rows = day_rows(published, E1)
    check_day(
        rows,
        1,
        late_minutes=1,
        early_minutes=0,
        late_code="TL1",
        early_code=None,
        deduction_pct=Decimal("0.5"),
    )
    check_day(
        rows,
        4,
        late_minutes=0,
        early_minutes=0,
        late_code=None,
        early_code=None,
        deduction_pct=Decimal("0"),
    )
    check_day(
        rows,
        5,
        late_minutes=30,
        early_minutes=31,
        late_code="TL1",
        early_code="PSW2",
        deduction_pct=Decimal("1.5"),
    )
    check_day(
        rows, 6, late_minutes=31, early_minutes=0, late_code="TL2", deduction_pct=Decimal("1")
    )
    check_day(
        rows,
        7,
        late_minutes=90,
        early_minutes=None,
        late_code="TL3",
        early_code="PSW4",
        deduction_pct=Decimal("2.75"),
    )
    check_day(
        rows,
        8,
        late_minutes=91,
        early_minutes=91,
        late_code="TL4",
        early_code="PSW4",
        deduction_pct=Decimal("3"),
    )
    check_day(
        rows,
        13,
        late_minutes=None,
        early_minutes=0,
        late_code="TL4",
        early_code=None,
        absence_code=None,
        deduction_pct=Decimal("1.5"),
    )
    check_day(
        rows,
        14,
        late_code=None,
        early_code=None,
        absence_code="TK",
        deduction_pct=Decimal("5"),
        first_in=None,
        last_out=None,
    )
    check_day(
        rows, 15, late_minutes=0, early_minutes=1, early_code="PSW1", deduction_pct=Decimal("0.5")
    )
    assert str(rows.loc[7, "first_in"]) == "2024-03-07 02:00:00+00:00"  # not the 09:00:05 re-scan
    for day in (18, 19, 20, 21, 22, 25, 26, 27, 28):
        check_day(rows, day, **NORMAL)


def test_leave_dinas_luar_and_unapproved_requests(published):
    rows = day_rows(published, E2)
    for day in (4, 5, 6):
        check_day(
            rows,
            day,
            absence_code="cuti_sakit",
            late_code=None,
            early_code=None,
            deduction_pct=Decimal("0"),
        )
    for day in (20, 21):
        check_day(rows, day, absence_code="dinas_luar", deduction_pct=Decimal("0"))
    check_day(rows, 25, absence_code="TK", deduction_pct=Decimal("5"))  # cuti pending
    check_day(rows, 26, absence_code="TK", deduction_pct=Decimal("5"))  # izin rejected


def test_scan_windows_and_ramadan_hours(published):
    rows = day_rows(published, E3)
    check_day(rows, 1, absence_code="TK", late_code=None, deduction_pct=Decimal("5"))
    check_day(rows, 18, late_minutes=0, early_minutes=0, late_code=None, early_code=None)
    assert str(rows.loc[18, "first_in"]) == "2024-03-17 21:00:00+00:00"  # 04:00 WIB, not 03:59
    check_day(
        rows,
        19,
        late_minutes=239,
        early_minutes=180,
        late_code="TL4",
        early_code="PSW4",
        deduction_pct=Decimal("3"),
    )
    check_day(
        rows,
        20,
        late_minutes=None,
        early_minutes=180,
        late_code="TL4",
        early_code="PSW4",
        deduction_pct=Decimal("3"),
    )
    check_day(
        rows, 21, late_minutes=45, early_minutes=0, late_code="TL2", deduction_pct=Decimal("1")
    )
    check_day(
        rows, 22, late_minutes=0, early_minutes=30, early_code="PSW1", deduction_pct=Decimal("0.5")
    )


def test_wita_office_is_late_by_its_own_clock(published):
    rows = day_rows(published, E4)
    assert set(rows.timezone) == {"Asia/Makassar"}
    check_day(rows, 1, late_minutes=1, late_code="TL1", deduction_pct=Decimal("0.5"))
    assert str(rows.loc[1, "first_in"]) == "2024-02-29 23:31:00+00:00"  # 07:31 WITA
    assert str(rows.loc[1, "schedule_start"]) == "2024-02-29 23:30:00+00:00"
    check_day(rows, 4, late_minutes=0, early_minutes=0, **{"deduction_pct": Decimal("0")})
    check_day(rows, 28, late_minutes=5, early_minutes=0, late_code="TL1")


def test_pin_reenrolment_and_star_mapping(published):
    e5 = day_rows(published, E5)
    check_day(e5, 15, **NORMAL)
    check_day(e5, 18, late_minutes=10, late_code="TL1", deduction_pct=Decimal("0.5"))
    check_day(e5, 19, absence_code="TK", deduction_pct=Decimal("5"))
    e6 = day_rows(published, E6)
    assert list(e6.index) == [18, 19, 20, 21, 22, 25, 26, 27, 28]  # from tmtCpns
    check_day(e6, 27, absence_code="TK", deduction_pct=Decimal("5"))
    e7 = day_rows(published, E7)
    assert list(e7.index) == [1, 4, 5, 6, 7, 8, 13, 14]  # until the day before tmtPensiun
    # no PIN-map row at all: no machine can hold E7's punches, so the days are not judged
    # (tests/assets/test_enrolment.py: the decision that charges or excuses them)
    assert set(e7.absence_code) == {"no_data"} and set(e7.deduction_pct) == {Decimal("0")}


MONTHLY = {
    # nip: workdays, present, tl1..tl4, psw1..psw4, tk, leave, deduction %
    E1: (18, 17, 2, 1, 1, 2, 1, 1, 0, 2, 1, 0, "15.75"),
    E2: (18, 11, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5, "10"),
    E3: (18, 17, 0, 1, 0, 2, 1, 0, 0, 2, 1, 0, "12.5"),
    E4: (18, 18, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, "1"),
    E5: (18, 17, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, "5.5"),
    E6: (9, 8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, "5"),
    E7: (8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "0"),  # 8 no_data days: no PIN-map row
}
MONTH_COLUMNS = [
    "workdays",
    "present_days",
    "tl1",
    "tl2",
    "tl3",
    "tl4",
    "psw1",
    "psw2",
    "psw3",
    "psw4",
    "tk_days",
    "leave_days",
]


def test_monthly_discipline(published):
    monthly = published.table("fact_discipline_monthly", ["nip"]).set_index("nip")
    assert sorted(monthly.index) == sorted(MONTHLY)
    for nip, expected in MONTHLY.items():
        row = monthly.loc[nip]
        got = (*(int(row[col]) for col in MONTH_COLUMNS), row.deduction_pct)
        assert got == (*expected[:-1], Decimal(expected[-1])), nip
    assert set(monthly.month) == {MONTH}
    assert set(monthly.profile) == {"nasional"}


def test_quarantine_has_every_planted_problem(published):
    q = published.table("quarantine", ["asset", "file", "line"])
    by_asset = q.groupby("asset").size().to_dict()
    assert by_asset == {"attendance_files": 3, "attendance_punches": 18}
    reasons = q.reason.str.replace(r"[0-9]", "#", regex=True)
    assert reasons.str.startswith("duplicate punch").sum() == 12  # SSR dump overlaps 11-15
    assert q.reason.str.contains("PIN 55 on device dinkes is not mapped").sum() == 1
    assert (
        q.reason.str.contains("PIN 99 on device dinkes is not mapped to an NIP on 2024-03-15").sum()
        == 2
    )  # the original and its duplicate
    assert q.reason.str.contains("PIN 7 on device disdik is not mapped").sum() == 4
    assert q.reason.str.contains("device clock reset").sum() == 1
    assert q.reason.str.contains("scan from the future").sum() == 1
    junk = q[q.reason.str.startswith("not an attlog record")]
    assert junk[["file", "line", "raw"]].values.tolist() == [
        ["attendance/dinkes/1_attlog.dat", 11, "Data export from USB"]
    ]
    # every row carries the code of its reason (vocabulary/reasons.py), beside the sentence
    assert q.reason_code.value_counts().to_dict() == {
        "DUPLIKAT": 12,
        "PIN_TANPA_NIP": 6,  # PIN 99's duplicate counts as DUPLIKAT
        "JAM_MESIN_SALAH": 2,
        "BARIS_TIDAK_TERBACA": 1,
    }


def test_rows_in_equal_valid_plus_quarantined(published):
    audit = published.table("load_audit", ["asset", "file"])
    assert (audit.rows_in == audit.rows_valid + audit.rows_quarantined).all()
    files = audit[audit.asset == "attendance_files"].set_index("file")
    # lines of data in each export, counted by hand (serial and checksum lines are not data)
    assert files.rows_in.to_dict() == {
        "attendance/bkpsdm/adms_202403.txt": 35,
        "attendance/dinkes/1_attlog.dat": 37,
        "attendance/dinkes/1_attlog_ssr.dat": 57,
        "attendance/disdik/fingerspot_2024-03.json": 38,
        "attendance/kec-timur/AttLog_2024-03.xlsx": 36,
    }
    month = audit[audit.asset == "attendance_punches"]
    staged = files.rows_valid.sum()
    assert month.rows_in.sum() == staged  # every possible punch of the files is in March
    q = published.table("quarantine")
    assert month.rows_quarantined.sum() == (q.asset == "attendance_punches").sum()


def test_personal_data_never_reaches_the_warehouse(published):
    for table in (
        "fact_attendance_daily",
        "fact_discipline_monthly",
        "dim_employee",
        "quarantine",
        "load_audit",
    ):
        text = published.table(table).astype(str).to_csv()
        assert "3201011209850001" not in text  # NIK of E1
        assert "09.254.294.3-407.000" not in text  # NPWP of E1
        assert "Andi Wijaya" not in text and "PEGAWAI KEC 4" not in text  # names


@pytest.mark.slow
def test_rerun_and_overlapping_duplicate_export_leave_identical_facts(pipeline):
    assert pipeline.run(MONTH).success
    published = pipeline
    facts = ("fact_attendance_daily", "fact_discipline_monthly", "dim_employee")
    before = {t: published.table(t) for t in facts}
    before_q = published.table("quarantine", drop=["run_id"])
    assert published.run(MONTH).success
    for t in facts:
        pd.testing.assert_frame_equal(published.table(t), before[t])
    pd.testing.assert_frame_equal(published.table("quarantine", drop=["run_id"]), before_q)

    # HR drops the same flash-disk dump again under another name, and a partial re-export
    dinkes = published.inbox / "attendance" / "dinkes"
    shutil.copy(dinkes / "1_attlog.dat", dinkes / "1_attlog (copy).dat")
    lines = (dinkes / "1_attlog.dat").read_text().splitlines()
    (dinkes / "partial.dat").write_text("\n".join(reversed(lines[:15])) + "\n")
    assert published.run(MONTH).success
    for t in facts:
        pd.testing.assert_frame_equal(published.table(t), before[t])
    q = published.table("quarantine")
    # the copy sorts first ('(' < '.'), so whichever file is second holds the duplicates:
    # 35 valid punches + 14 from the partial export, plus the junk and reset lines of the copy
    # and the junk line of the partial export
    assert len(q) - len(before_q) == 35 + 14 + 2 + 1
    duplicates = q.reason.str.startswith("duplicate punch").sum()
    assert duplicates - before_q.reason.str.startswith("duplicate punch").sum() == 35 + 14
    audit = published.table("load_audit")
    assert (audit.rows_in == audit.rows_valid + audit.rows_quarantined).all()
