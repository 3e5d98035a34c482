"""e-Lapkin (issue 16, tax-360 §5.3): the minute and day formulas with the note's own figures,
the TPP arithmetic they feed, and the compliance counts."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from rules.performance import lapkin
from rules.tpp.money import SEN, scale
from tests.feedback_rhk_lapkin_fixtures import KASI_A, OTHER, STAF_1, STAF_2, STAF_3, employees
from vocabulary import columns as c
from vocabulary.performance import BASIS_DAYS, BASIS_MINUTES, BELUM, DITOLAK, SUDAH


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
    out = lapkin.monthly_lapkin(frame, staff, "2024-03", 21, rules, basis=BASIS_MINUTES)
    got = out.set_index(c.NIP)
    assert got.loc[STAF_1, [c.REPORTS, c.DAYS_REPORTED, "days_verified"]].tolist() == [4, 3, 1]
    assert got.loc[STAF_1, [c.MINUTES_REPORTED, c.MINUTES_APPROVED]].tolist() == [860, 420]
    assert got.loc[STAF_1, ["reports_decided", c.REPORTS_ON_TIME]].tolist() == [3, 3]
    # rows follow the employees: KASI_A, STAF_1, STAF_2, STAF_3
    assert got[c.KINERJA_PCT_UNITS].tolist() == [0, 70_000, 80_000, 0]  # 420, 480 of 6,000
    days = lapkin.monthly_lapkin(frame, staff, "2024-03", 21, rules, basis=BASIS_DAYS)
    assert days[c.KINERJA_PCT_UNITS].tolist() == [0, 47_600, 95_200, 0]  # 1 and 2 of 21 days
    assert (
        lapkin.monthly_lapkin(frame, staff, "2024-03", 21, rules)[c.KINERJA_PCT_UNITS].isna().all()
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
    monthly = lapkin.monthly_lapkin(frame, staff, "2024-03", 21, rules)
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
