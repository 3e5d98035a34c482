"""rules.enrolment: employees no machine knows are not judged (no_data) until the PIN map is
fixed or HR decides per NIP; positions the profile exempts are counted present. Small frames
in March 2024 (18 working days: 1, 4-8, 13-15, 18-22, 25-28) with exact expectations."""

import datetime as dt

import pandas as pd
import pytest

from resources.rulebook import load_profile
from rules.attendance import classify_days
from rules.calendar import work_calendar
from rules.discipline import monthly_discipline
from rules.enrolment import (
    REASON,
    describe_enrolment,
    enrolment_gaps,
    exempt_mask,
    exempt_nips,
    not_judged,
    open_enrolment_gaps,
    unenrolled_days,
)
from rules.rulebook.attendance import FingerprintExempt
from tests.rules.test_attendance import punches
from vocabulary import columns as c

FIRST, LAST = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
A = "198001012005011001"  # mapped on every machine all month
B = "198502022010012002"  # no PIN-map row at all; retires on the 15th
C = "199001012015031003"  # row ended on the 8th (valid_to)
D = "199507202022211004"  # row starts on the 18th; approved leave on the 4th and 5th
E = "199601012023212005"  # rows end on the 8th and start again on the 20th
F = "197001012000011006"  # the Bupati: no PIN-map row, exempt
G = "197501012000011007"  # Staf Ahli Bupati: not exempt
H = "197601012000011008"  # Wakil Bupati by jenis_jabatan in a region's list


def _employees() -> pd.DataFrame:
    rows = [
        (A, None, "Analis", "Fungsional"),
        (B, "2024-03-14", "Pengelola", "Pelaksana"),
        (C, None, "Perawat", "Fungsional"),
        (D, None, "Guru", "Fungsional"),
        (E, None, "Bendahara", "Pelaksana"),
        (F, None, "BUPATI  CONTOH.", "Pejabat Negara"),
        (G, None, "Staf Ahli Bupati Bidang Hukum", "Struktural"),
        (H, None, "Pejabat", "PEJABAT  NEGARA"),
    ]
    return pd.DataFrame(
        {
            c.NIP: pd.Series([r[0] for r in rows], dtype="string"),
            c.ACTIVE_FROM: pd.Series([None] * len(rows), dtype="datetime64[s]"),
            c.ACTIVE_TO: pd.to_datetime(pd.Series([r[1] for r in rows])).astype("datetime64[s]"),
            c.JABATAN: pd.Series([r[2] for r in rows], dtype="string"),
            c.JENIS_JABATAN: pd.Series([r[3] for r in rows], dtype="string"),
            c.UNIT: "Dinas Contoh",
        }
    )


def _pin_map() -> pd.DataFrame:
    rows = [
        ("*", "1", A, "2024-01-01", None),
        ("dinkes", "2", C, "2024-01-01", "2024-03-08"),
        ("disdik", "3", D, "2024-03-18", None),
        ("dinkes", "4", E, "2023-01-01", "2024-03-08"),
        ("disdik", "5", E, "2024-03-20", None),
        ("dinkes", "6", H, "2024-01-01", "2024-03-08"),
    ]
    frame = pd.DataFrame(rows, columns=[c.DEVICE_KEY, c.PIN, c.NIP, c.VALID_FROM, c.VALID_TO])
    for col in (c.VALID_FROM, c.VALID_TO):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    return frame.astype({c.NIP: "string"})


def _leave() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series([D], dtype="string"),
            c.LEAVE_TYPE: pd.Series(["cuti_tahunan"], dtype="string"),
            c.DATE_FROM: pd.Series([pd.Timestamp("2024-03-04")], dtype="datetime64[s]"),
            c.DATE_TO: pd.Series([pd.Timestamp("2024-03-05")], dtype="datetime64[s]"),
            c.STATUS: pd.Series(["approved"], dtype="string"),
        }
    )


def _decisions() -> pd.DataFrame:
    rows = [
        (None, B, "2024-03-01", "2024-03-31", "charge", "Kepala BKPSDM"),
        (None, C, "2024-03-13", "2024-03-15", "excuse", "Kepala BKPSDM"),
        ("dinkes", None, "2024-03-01", "2024-03-31", "excuse", "machine decision: not C's"),
        (None, None, "2024-03-01", "2024-03-31", "keep", "payroll decision: not C's"),
    ]
    frame = pd.DataFrame(
        rows, columns=[c.DEVICE_KEY, c.NIP, c.DATE_FROM, c.DATE_TO, c.DECISION, c.DECIDED_BY]
    )
    for col in (c.DATE_FROM, c.DATE_TO):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    return frame.astype({c.DEVICE_KEY: "string", c.NIP: "string", c.DECISION: "string"})


@pytest.fixture(scope="module")
def nasional():
    return load_profile("nasional")


@pytest.fixture(scope="module")
def days(nasional):
    return unenrolled_days(
        _employees(),
        _pin_map(),
        _leave(),
        work_calendar(nasional, FIRST, LAST),
        nasional.versions[0].fingerprint_exempt,
        _decisions(),
    )


NO_ROW = f"{REASON}: no row for the NIP in pin_map.csv"
ENDED = f"{REASON}: its pin_map.csv row ended 2024-03-08 (valid_to)"
STARTS = f"{REASON}: its pin_map.csv row starts 2024-03-18"
BOTH = f"{REASON}: its pin_map.csv rows end 2024-03-08 and start again 2024-03-20"


def _or_none(gap) -> str | None:
    return None if pd.isna(gap.decision) else gap.decision


def test_runs_per_employee_with_what_the_pin_map_holds_and_hr_decisions(days):
    gaps = enrolment_gaps(days)
    got = [
        (g.nip, f"{g.date_from:%d}", f"{g.date_to:%d}", g.workdays, g.gap_reason, _or_none(g))
        for g in gaps.itertuples()
    ]
    assert got == [
        (G, "01", "28", 18, NO_ROW, None),  # Staf Ahli Bupati is not the Bupati
        (H, "13", "28", 12, ENDED, None),  # jenis_jabatan is not in nasional's list
        (B, "01", "14", 8, NO_ROW, "charge"),  # active until the 14th
        (C, "13", "15", 3, ENDED, "excuse"),  # the machine's excuse is not C's
        (C, "18", "28", 9, ENDED, None),
        (D, "01", "01", 1, STARTS, None),  # the leave days 4-5 are leave, not listed
        (D, "06", "15", 6, STARTS, None),  # 11-12 are holidays: one run
        (E, "13", "19", 5, BOTH, None),
    ]
    assert len(days) == 18 + 12 + 8 + 12 + 7 + 5
    assert [(g.nip, g.workdays) for g in open_enrolment_gaps(gaps).itertuples()] == [
        (G, 18), (H, 12), (C, 9), (D, 1), (D, 6), (E, 5)
    ]  # fmt: skip
    assert describe_enrolment(gaps.iloc[2]) == (
        f"{B}: 01 Mar to 14 Mar 2024 (8 working days), {NO_ROW}; HR decided: charge"
    )
    assert describe_enrolment(gaps.iloc[5]) == f"{D}: 01 Mar 2024 (1 working day), {STARTS}"


def test_exempt_positions_by_jabatan_and_by_jenis_jabatan(nasional):
    emp = _employees()
    assert list(emp.loc[exempt_mask(emp, nasional.versions[0].fingerprint_exempt), c.NIP]) == [F]
    region = FingerprintExempt(
        source="[I] test", jabatan=["bupati"], jenis_jabatan=["Pejabat Negara"]
    )
    assert list(exempt_nips(emp, region)) == [F, H]
    assert exempt_nips(emp, FingerprintExempt()).empty  # a profile that lists none exempts none


def test_days_are_no_data_charged_or_counted_present(days, nasional):
    emp = _employees()
    bupati_late = punches(["2024-03-04 09:45:00", "2024-03-04 13:00:00"], nip=F)
    daily = classify_days(
        bupati_late,
        emp,
        _leave(),
        nasional,
        FIRST,
        LAST,
        without_data=not_judged(days),
        exempt=exempt_nips(emp, nasional.versions[0].fingerprint_exempt),
    )
    code = daily.groupby(c.NIP)[c.ABSENCE_CODE].apply(lambda s: s.fillna("-").value_counts())
    assert code[B].to_dict() == {"TK": 8}  # charged: no punch means TK
    assert code[C].to_dict() == {"no_data": 12, "TK": 6}  # enrolled 1-8 without a punch
    assert code[D].to_dict() == {"TK": 9, "no_data": 7, "cuti_tahunan": 2}
    assert code[F].to_dict() == {"-": 18}  # counted present, the late punch ignored
    assert code[G].to_dict() == {"no_data": 18}
    bupati = daily[daily[c.NIP] == F]
    assert bupati[[c.LATE_CODE, c.EARLY_CODE, c.LATE_MINUTES]].isna().all().all()
    assert (bupati["deduction_units"] == 0).all()
    month = monthly_discipline(daily, nasional, "2024-03").set_index(c.NIP)
    got = {
        nip: (r.present_days, r.tk_days, r.no_data_days, r.deduction_units)
        for nip, r in month.iterrows()
    }
    # C and D punched nothing on their enrolled days: those are TK (6 x 5 %, 9 x 5 %)
    assert got == {
        A: (0, 18, 0, 900_000),
        B: (0, 8, 0, 400_000),
        C: (0, 6, 12, 300_000),
        D: (0, 9, 7, 450_000),
        E: (0, 13, 5, 650_000),
        F: (18, 0, 0, 0),
        G: (0, 0, 18, 0),
        H: (0, 6, 12, 300_000),
    }
