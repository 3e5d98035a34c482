"""e-Lapkin (issue 16, tax-360 §5.3; issue 22): the minute and day formulas with the note's own
figures, the yardstick per working day of the employee's calendar (the two cases of issue 22),
the TPP arithmetic they feed, and the compliance counts."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from resources.rulebook import load_profile
from rules.performance import cycle, lapkin
from rules.tpp.money import SEN, scale
from tests.feedback_rhk_lapkin_fixtures import KASI_A, OTHER, STAF_1, STAF_2, STAF_3, employees
from vocabulary import columns as c
from vocabulary.performance import BASIS_DAYS, BASIS_MINUTES, BELUM, DITOLAK, SUDAH

# 21 weekdays of March 2024 (a calendar without holidays, for the counting tests)
MARCH = pd.bdate_range("2024-03-01", "2024-03-31")


@pytest.fixture(scope="module")
def rules(nasional):
    return nasional.version_for(dt.date(2024, 1, 1)).performance.lapkin


def reports(rows) -> pd.DataFrame:
    """rows: (nip, day of March 2024, minutes, status, days late)."""
    frame = pd.DataFrame(rows, columns=[c.NIP, "_d", c.MENIT, c.STATUS, "_late"])
    frame[c.TANGGAL] = pd.to_datetime("2024-03-" + frame["_d"].astype(str).str.zfill(2))
    frame[c.TANGGAL_LAPOR] = frame[c.TANGGAL] + pd.to_timedelta(frame["_late"], unit="D")
    frame[c.AKTIVITAS] = "Kegiatan " + frame.index.astype(str)
    for col in (c.TANGGAL, c.TANGGAL_LAPOR):
        frame[col] = frame[col].astype("datetime64[s]")
    frame[c.NIP] = frame[c.NIP].astype("string")
    frame[c.STATUS] = frame[c.STATUS].astype("string")
    frame[c.MENIT] = frame[c.MENIT].astype("Int64")
    return frame.drop(columns=["_d", "_late"])


def test_minutes_5400_of_6000_is_90_percent_and_pays_2_937_331_62(rules):
    # tax-360 §5.3(b): 5,400 approved minutes of the 6,000 target -> 90 %; TPP kelas 9
    # 5,439,503 -> kinerja part 60 % = 3,263,701.80 -> paid 2,937,331.62
    units = lapkin.minutes_pct_units(np.array([5400]), np.array([6000]), rules)
    assert units.tolist() == [900_000]
    kinerja_part = scale(np.array([5_439_503 * SEN]), 60 * 10_000)
    assert kinerja_part.tolist() == [326_370_180]
    assert scale(kinerja_part, units).tolist() == [293_733_162]  # sen: Rp 2,937,331.62


def test_minutes_cap_and_working_day_target(rules):
    assert lapkin.minutes_pct_units(
        np.array([6500, 0]), np.array([6000, 6000]), rules
    ).tolist() == [
        1_000_000,
        0,
    ]
    # target = 22 working days x 300 min = 6,600: 5,400 / 6,600 = 81.8182 % (half up)
    assert lapkin.minutes_pct_units(np.array([5400]), np.array([22 * 300]), rules).tolist() == [
        818_182
    ]


def test_days_with_report_rounds_to_two_decimals(rules):
    # indigo: round(19 / 21 x 100, 2) = 90.48; 0 when either count is 0
    out = lapkin.days_pct_units(np.array([19, 0, 5, 21]), np.array([21, 21, 0, 21]), rules)
    assert out.tolist() == [904_800, 0, 0, 1_000_000]


def test_monthly_counts_and_both_bases(rules):
    frame = reports(
        [
            (STAF_1, 1, 300, SUDAH, 0),
            (STAF_1, 1, 120, SUDAH, 1),  # same day: one reporting day
            (STAF_1, 4, 240, BELUM, 5),  # not verified, late (deadline 3 days)
            (STAF_1, 5, 200, DITOLAK, 0),
            (STAF_2, 4, 420, SUDAH, 3),  # on the deadline day
            (STAF_2, 40 - 9, 60, SUDAH, 0),  # 31 March
            (OTHER, 2, 300, SUDAH, 0),
        ]
    )
    frame.loc[frame.index[-1], c.TANGGAL] = pd.Timestamp("2024-04-02")  # another month
    staff = employees()[lambda e: e[c.NIP].isin([STAF_1, STAF_2, STAF_3, KASI_A])]
    out = lapkin.monthly_lapkin(frame, staff, "2024-03", MARCH, rules, basis=BASIS_MINUTES)
    got = out.set_index(c.NIP)
    assert got.loc[STAF_1, [c.REPORTS, c.DAYS_REPORTED, "days_verified"]].tolist() == [4, 3, 1]
    assert got.loc[STAF_1, [c.MINUTES_REPORTED, c.MINUTES_APPROVED]].tolist() == [860, 420]
    assert got.loc[STAF_1, ["reports_decided", c.REPORTS_ON_TIME]].tolist() == [3, 3]
    # rows follow the employees: KASI_A, STAF_1, STAF_2, STAF_3
    # credited: STAF_1 420 on 1 March capped at 300; STAF_2 420 on the 4th capped at 300, the
    # 60 on Sunday 31 March is no working day: 300 / (21 x 300) = 4.7619 % each
    assert got.loc[STAF_1, [c.MINUTES_CREDITED, c.MINUTES_TARGET]].tolist() == [300, 6300]
    assert got.loc[STAF_2, [c.MINUTES_APPROVED, c.MINUTES_CREDITED]].tolist() == [480, 300]
    assert got[c.KINERJA_PCT_UNITS].tolist() == [0, 47_619, 47_619, 0]
    days = lapkin.monthly_lapkin(frame, staff, "2024-03", MARCH, rules, basis=BASIS_DAYS)
    assert days[c.KINERJA_PCT_UNITS].tolist() == [0, 47_600, 95_200, 0]  # 1 and 2 of 21 days
    assert (
        lapkin.monthly_lapkin(frame, staff, "2024-03", MARCH, rules)[c.KINERJA_PCT_UNITS]
        .isna()
        .all()
    )  # the profile's default basis is the predikat table


def test_compliance_per_unit(rules):
    frame = reports(
        [
            (STAF_1, 1, 300, SUDAH, 0),
            (STAF_1, 4, 240, BELUM, 5),
            (STAF_2, 4, 420, BELUM, 0),
            (KASI_A, 6, 300, SUDAH, 1),
        ]
    )
    staff = employees()[lambda e: e[c.NIP].isin([STAF_1, STAF_2, STAF_3, KASI_A, OTHER])]
    monthly = lapkin.monthly_lapkin(frame, staff, "2024-03", MARCH, rules)
    out = lapkin.lapkin_compliance(monthly)
    assert out.values.tolist() == [
        # unit, period, employees, reported, assessed, on time, reports, reports on time
        ["Dinas Kesehatan", "2024-03", 4, 3, 2, 2, 4, 3],
        ["Dinas Pendidikan", "2024-03", 1, 0, 0, 0, 0, 0],
    ]


def test_row_reasons():
    frame = reports(
        [(STAF_1, 1, 300, SUDAH, 0), (STAF_1, 1, 300, SUDAH, 0), (STAF_2, 2, -5, SUDAH, 0)]
    )
    frame[c.SOURCE_FILE] = "lapkin.csv"
    frame[c.SOURCE_LINE] = [2, 3, 4]
    frame[c.AKTIVITAS] = "Rapat"
    frame.loc[2, c.TANGGAL_LAPOR] = pd.Timestamp("2024-03-01")
    reasons = lapkin.lapkin_reasons(frame, employees()[c.NIP]).tolist()
    assert reasons == [
        pd.NA,
        "duplicate activity report; first at lapkin.csv:2",
        "menit is negative",
    ]


# --- issue 22: the yardstick is 300 minutes per working day of the employee's calendar ---------
MAY = "2024-05"


@pytest.fixture(scope="module")
def may_days(nasional):
    return cycle.month_workdays(nasional, MAY)


def may_reports(nip: str, days: list[pd.Timestamp], minutes: int, status: str = SUDAH):
    frame = pd.DataFrame(
        {
            c.NIP: pd.Series([nip] * len(days), dtype="string"),
            c.TANGGAL: pd.Series(days, dtype="datetime64[s]"),
            c.MENIT: pd.array([minutes] * len(days), dtype="Int64"),
            c.STATUS: pd.Series([status] * len(days), dtype="string"),
        }
    )
    frame[c.TANGGAL_LAPOR] = frame[c.TANGGAL]
    return frame


def one(nip: str) -> pd.DataFrame:
    return employees()[lambda e: e[c.NIP] == nip]


def test_may_2024_has_18_working_days(may_days):
    # 23 weekdays minus 1 May, 9 May (Kenaikan), 10 May (cuti bersama), 23 May (Waisak),
    # 24 May (cuti bersama)
    assert len(may_days) == 18
    assert [d.day for d in may_days] == [2, 3, 6, 7, 8, 13, 14, 15, 16, 17, 20, 21, 22, 27, 28, 29,
                                         30, 31]  # fmt: skip


def test_the_yardstick_on_every_working_day_is_100_percent(rules, may_days):
    rows = may_reports(STAF_1, list(may_days), 300)
    out = lapkin.monthly_lapkin(rows, one(STAF_1), MAY, may_days, rules, basis=BASIS_MINUTES)
    got = out.iloc[0]
    assert [got[c.WORKDAYS], got[c.LEAVE_WORKDAYS], got[c.MINUTES_CREDITED]] == [18, 0, 5400]
    assert got[c.MINUTES_TARGET] == 5400 and got[c.KINERJA_PCT_UNITS] == 1_000_000  # 100 %
    # the fixed 6,000-minute month of the old profile paid the same person 90 %
    fixed = rules.model_copy(update={"menit_efektif_per_bulan": 6000})
    old = lapkin.monthly_lapkin(rows, one(STAF_1), MAY, may_days, fixed, basis=BASIS_MINUTES)
    assert old[c.KINERJA_PCT_UNITS].tolist() == [900_000]


def test_five_long_days_and_a_sunday_are_no_longer_100_percent(rules, may_days):
    # five 1,200-minute working days (6,000 minutes: 100 % of the fixed month) and a Sunday
    days = [*may_days[:5], pd.Timestamp("2024-05-05")]  # 5 May 2024 is a Sunday
    rows = may_reports(STAF_1, days, 1200)
    out = lapkin.monthly_lapkin(rows, one(STAF_1), MAY, may_days, rules, basis=BASIS_MINUTES)
    got = out.iloc[0]
    assert got[c.MINUTES_APPROVED] == 7200  # everything approved ...
    assert got[c.MINUTES_CREDITED] == 1500  # ... but 5 working days x at most 300, no Sunday
    # 1,500 / (18 x 300) = 27.777...% -> 27.7778 % (half up at 1/10,000 %)
    assert got[c.MINUTES_TARGET] == 5400 and got[c.KINERJA_PCT_UNITS] == 277_778
    fixed = rules.model_copy(update={"menit_efektif_per_bulan": 6000, "menit_maks_per_hari": None})
    old = lapkin.monthly_lapkin(rows, one(STAF_1), MAY, may_days, fixed, basis=BASIS_MINUTES)
    assert old[c.KINERJA_PCT_UNITS].tolist() == [1_000_000]  # what issue 22 reported


def test_leave_lowers_the_yardstick_and_only_approved_reports_count(rules, may_days):
    # STAF_1: approved cuti tahunan 13-15 May (3 working days), a pending one on 2 May that
    # does not count, dinas luar on 16 May (work: stays in the yardstick); reports of 300 on
    # every working day, 300 on 14 May (on leave: no credit), 6 May rejected
    leave = pd.DataFrame(
        {
            c.NIP: pd.Series([STAF_1] * 3, dtype="string"),
            c.LEAVE_TYPE: ["cuti_tahunan", "cuti_tahunan", "dinas_luar"],
            c.DATE_FROM: pd.to_datetime(["2024-05-13", "2024-05-02", "2024-05-16"]),
            c.DATE_TO: pd.to_datetime(["2024-05-15", "2024-05-02", "2024-05-16"]),
            c.STATUS: ["approved", "pending", "approved"],
        }
    )
    rejected = may_reports(STAF_1, [pd.Timestamp("2024-05-06")], 300, DITOLAK)
    good = may_reports(STAF_1, [d for d in may_days if d.day != 6], 300)
    rows = pd.concat([good, rejected], ignore_index=True)
    out = lapkin.monthly_lapkin(
        rows, one(STAF_1), MAY, may_days, rules, basis=BASIS_MINUTES, leave=leave
    )
    got = out.iloc[0]
    assert [got[c.WORKDAYS], got[c.LEAVE_WORKDAYS]] == [18, 3]
    # credited: 17 approved working days minus 13, 14, 15 May = 14 x 300 = 4,200 of 15 x 300
    assert [got[c.MINUTES_CREDITED], got[c.MINUTES_TARGET]] == [4200, 4500]
    assert got[c.KINERJA_PCT_UNITS] == 933_333  # 93.3333 %


def test_a_joiner_is_measured_on_his_own_working_days(rules, may_days):
    # active from 20 May: 20, 21, 22, 27, 28, 29, 30, 31 = 8 working days; a report before he
    # joined does not count
    joiner = one(STAF_2).assign(**{c.ACTIVE_FROM: pd.Timestamp("2024-05-20")})
    rows = may_reports(STAF_2, [d for d in may_days if d.day >= 17], 300)
    out = lapkin.monthly_lapkin(rows, joiner, MAY, may_days, rules, basis=BASIS_MINUTES)
    got = out.iloc[0]
    assert [got[c.WORKDAYS], got[c.MINUTES_CREDITED], got[c.MINUTES_TARGET]] == [8, 2400, 2400]
    assert got[c.KINERJA_PCT_UNITS] == 1_000_000


def test_the_profile_says_300_a_working_day_capped_at_300():
    rules = load_profile("nasional").version_for(dt.date(2024, 5, 1)).performance.lapkin
    assert (rules.menit_efektif_per_hari, rules.menit_maks_per_hari) == (300, 300)
    assert rules.menit_efektif_per_bulan is None
    assert "dinas_luar" not in rules.cuti_mengurangi and "cuti_tahunan" in rules.cuti_mengurangi
