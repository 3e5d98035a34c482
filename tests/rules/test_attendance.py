"""Attendance rules on tiny frames: every band boundary, caps, forfeits and leave allowances."""

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from resources.rulebook import load_profile
from rules.attendance import classify_days
from rules.discipline import monthly_discipline
from rules.profile import parse_profile
from rules.punches import localise
from vocabulary import columns as c
from vocabulary.units import decimal_text

NIP = "198509122010011001"
MAR = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))


def employees(nips=(NIP,), active_from=None, active_to=None) -> pd.DataFrame:
    n = len(nips)
    return pd.DataFrame(
        {
            c.NIP: pd.Series(list(nips), dtype="string"),
            c.ACTIVE_FROM: pd.Series([active_from] * n, dtype="datetime64[s]"),
            c.ACTIVE_TO: pd.Series([active_to] * n, dtype="datetime64[s]"),
        }
    )


def punches(times: list[str], zone: str = "Asia/Jakarta", nip: str = NIP) -> pd.DataFrame:
    raw = pd.DataFrame(
        {
            c.DEVICE_KEY: pd.Series(["d"] * len(times), dtype="string"),
            c.LOCAL_TIME: pd.to_datetime(pd.Series(times)).astype("datetime64[s]"),
        }
    )
    out = localise(raw, {"d": zone}, "Asia/Jakarta")
    out[c.NIP] = pd.Series([nip] * len(times), dtype="string")
    return out


def no_leave() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series(dtype="string"),
            c.LEAVE_TYPE: pd.Series(dtype="string"),
            c.DATE_FROM: pd.Series(dtype="datetime64[s]"),
            c.DATE_TO: pd.Series(dtype="datetime64[s]"),
            c.STATUS: pd.Series(dtype="string"),
        }
    )


def leave(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series([NIP] * len(rows), dtype="string"),
            c.LEAVE_TYPE: pd.Series([r[0] for r in rows], dtype="string"),
            c.DATE_FROM: pd.to_datetime(pd.Series([r[1] for r in rows])).astype("datetime64[s]"),
            c.DATE_TO: pd.to_datetime(pd.Series([r[2] for r in rows])).astype("datetime64[s]"),
            c.STATUS: pd.Series([r[3] for r in rows], dtype="string"),
        }
    )


def classify(profile, p, lv=None, emp=None, as_of=None) -> pd.DataFrame:
    d = classify_days(
        p,
        emp if emp is not None else employees(),
        lv if lv is not None else no_leave(),
        profile,
        *MAR,
        as_of=as_of,
    )
    d["day"] = pd.to_datetime(d[c.WORK_DATE]).dt.day
    return d.set_index("day")


@pytest.mark.parametrize(
    ("arrive", "minutes", "code", "units"),
    [
        pytest.param("07:30:59", 0, None, 0, id="59 seconds is not late"),
        pytest.param("07:31:00", 1, "TL1", 5_000, id="1 minute TL1"),
        pytest.param("08:00:59", 30, "TL1", 5_000, id="30 minutes still TL1"),
        pytest.param("08:01:00", 31, "TL2", 10_000, id="31 minutes TL2"),
        pytest.param("08:30:00", 60, "TL2", 10_000, id="60 minutes TL2"),
        pytest.param("08:31:00", 61, "TL3", 12_500, id="61 minutes TL3"),
        pytest.param("09:00:00", 90, "TL3", 12_500, id="90 minutes TL3"),
        pytest.param("09:01:00", 91, "TL4", 15_000, id="91 minutes TL4"),
        pytest.param("11:59:59", 269, "TL4", 15_000, id="last second of the window"),
    ],
)
def test_late_bands_on_a_regular_monday(nasional, arrive, minutes, code, units):
    d = classify(nasional, punches([f"2024-03-04 {arrive}", "2024-03-04 16:00:00"]))
    row = d.loc[4]
    assert row[c.LATE_MINUTES] == minutes
    assert (None if pd.isna(row[c.LATE_CODE]) else row[c.LATE_CODE]) == code
    assert row["deduction_units"] == units


@pytest.mark.parametrize(
    ("leave_at", "minutes", "code"),
    [
        pytest.param("15:59:01", 0, None, id="59 seconds early is not early"),
        pytest.param("15:59:00", 1, "PSW1", id="1 minute PSW1"),
        pytest.param("15:29:00", 31, "PSW2", id="31 minutes PSW2"),
        pytest.param("14:59:00", 61, "PSW3", id="61 minutes PSW3"),
        pytest.param("14:29:00", 91, "PSW4", id="91 minutes PSW4"),
        pytest.param("12:00:00", 240, "PSW4", id="first second of the check-out window"),
    ],
)
def test_early_bands(nasional, leave_at, minutes, code):
    row = classify(nasional, punches(["2024-03-04 07:00:00", f"2024-03-04 {leave_at}"])).loc[4]
    assert row[c.EARLY_MINUTES] == minutes
    assert (None if pd.isna(row[c.EARLY_CODE]) else row[c.EARLY_CODE]) == code


def test_punch_before_the_window_and_device_flag_are_ignored(nasional):
    # 03:59 is outside [04:00, 12:00): the check-in is 07:40, the check-out 16:05
    row = classify(
        nasional, punches(["2024-03-04 03:59:00", "2024-03-04 07:40:00", "2024-03-04 16:05:00"])
    ).loc[4]
    assert (row[c.LATE_MINUTES], row[c.LATE_CODE]) == (10, "TL1")
    assert str(row[c.FIRST_IN]) == "2024-03-04 00:40:00+00:00"


def test_tk_day_carries_no_tl_or_psw_and_costs_tk_pct(nasional):
    d = classify(nasional, punches(["2024-03-04 07:00:00", "2024-03-04 16:30:00"]))
    tk = d.loc[5]
    assert tk[c.ABSENCE_CODE] == "TK" and pd.isna(tk[c.LATE_CODE]) and pd.isna(tk[c.EARLY_CODE])
    assert tk["deduction_units"] == 50_000
    assert (d[c.ABSENCE_CODE] == "TK").sum() == 17


def test_as_of_leaves_future_days_out(nasional):
    d = classify(nasional, punches(["2024-03-04 07:00:00"]), as_of=dt.date(2024, 3, 7))
    assert list(d.index) == [1, 4, 5, 6]  # the 7th is not over yet


def test_employees_only_on_days_they_are_active(nasional):
    emp = employees(active_from=pd.Timestamp("2024-03-20"), active_to=pd.Timestamp("2024-03-26"))
    d = classify(nasional, punches([]), emp=emp)
    assert list(d.index) == [20, 21, 22, 25, 26]


def test_leave_overrides_punches_and_only_approved_leave_counts(nasional):
    lv = leave(
        [
            ("cuti_tahunan", "2024-03-04", "2024-03-05", "approved"),
            ("izin", "2024-03-06", "2024-03-06", "rejected"),
            ("dinas_luar", "2024-03-07", "2024-03-07", "pending"),
        ]
    )
    d = classify(nasional, punches(["2024-03-04 09:30:00"]), lv=lv)
    assert d.loc[4, c.ABSENCE_CODE] == "cuti_tahunan" and pd.isna(d.loc[4, c.LATE_CODE])
    assert d.loc[4, "deduction_units"] == 0
    assert d.loc[6, c.ABSENCE_CODE] == "TK" and d.loc[7, c.ABSENCE_CODE] == "TK"


def test_zone_of_the_device_decides_lateness():
    prof = load_profile("nasional")
    wita = classify(
        prof, punches(["2024-03-04 07:35:00", "2024-03-04 16:00:00"], zone="Asia/Makassar")
    ).loc[4]
    assert (wita[c.TIMEZONE], wita[c.LATE_MINUTES]) == ("Asia/Makassar", 5)
    assert str(wita[c.FIRST_IN]) == "2024-03-03 23:35:00+00:00"
    wit = classify(
        prof, punches(["2024-03-04 07:29:00", "2024-03-04 16:00:00"], zone="Asia/Jayapura")
    ).loc[4]
    assert (wit[c.LATE_MINUTES], str(wit[c.SCHEDULE_START])) == (0, "2024-03-03 22:30:00+00:00")


CAPPED = """
name: capped
title: capped
region: test
description: test profile with caps
extends: nasional
versions:
  - valid_from: 2024-01-01
    absence:
      source: test values
      tk_pct: 30
      daily_cap_pct: 2.5
      monthly_cap_pct: 100
      tk_forfeit_days: null
"""


def capped(patch: str = ""):
    return parse_profile(CAPPED + patch, "capped.yaml", resolve_base=load_profile)


def test_daily_cap_and_monthly_cap():
    prof = capped()
    # 09:01 and 14:29 -> TL4 1.5 + PSW4 1.5 = 3.0, capped at 2.5 a day
    d = classify(prof, punches(["2024-03-04 09:01:00", "2024-03-04 14:29:00"]))
    assert d.loc[4, "deduction_units"] == 25_000
    m = monthly_discipline(d.reset_index(drop=True), prof, "2024-03")
    # 17 TK days at 30 % = 510 %, plus 2.5 %: the month is capped at 100 %
    assert m.loc[0, "deduction_units"] == 1_000_000
    assert decimal_text(m["deduction_units"], 4).tolist() == ["100.0000"]


FORFEIT_FROM_FEBRUARY = """  - valid_from: 2024-02-01
    absence:
      source: forfeit from the 3rd TK day
      tk_pct: 1
      tk_forfeit_days: 3
"""


def test_forfeit_after_n_tk_days():
    prof = capped(FORFEIT_FROM_FEBRUARY)
    assert [v.valid_from.month for v in prof.versions] == [1, 2]
    two_tk = punches(
        [
            f"2024-03-{d:02d} 07:00:00"
            for d in (1, 4, 5, 6, 7, 8, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26)
        ]
    )
    m = monthly_discipline(classify(prof, two_tk).reset_index(drop=True), prof, "2024-03")
    # two TK days (27, 28) at 1 % plus PSW4 (no check-out) 1.5 % on 16 days
    assert m.loc[0, "tk_days"] == 2 and m.loc[0, "deduction_units"] == 2 * 10_000 + 16 * 15_000
    three_tk = two_tk[two_tk[c.LOCAL_DATE] != pd.Timestamp("2024-03-26")]
    m3 = monthly_discipline(classify(prof, three_tk).reset_index(drop=True), prof, "2024-03")
    assert m3.loc[0, "tk_days"] == 3 and m3.loc[0, "deduction_units"] == 1_000_000


def test_leave_free_days_then_charged():
    prof = load_profile("pakpak_bharat")
    lv = leave([("cuti_sakit", "2024-03-04", "2024-03-08", "approved")])
    d = classify(prof, punches([]), lv=lv)
    assert [d.loc[i, "deduction_units"] for i in (4, 5, 6, 7, 8)] == [0, 0, 0, 20_000, 20_000]


def test_percentage_text_is_exact():
    s = pd.Series([0, 5_000, 12_500, 157_500, 1_000_000])
    assert decimal_text(s, 4).tolist() == ["0.0000", "0.5000", "1.2500", "15.7500", "100.0000"]
    assert Decimal(decimal_text(pd.Series([3]), 4)[0]) == Decimal("0.0003")
