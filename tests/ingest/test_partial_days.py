"""Partial days (issue 19): a machine's data covers a day only as far as its export reaches.

One ZK GLog export of machine 'kantor' (WIB) covers Friday 1 March 2024 whole and stops on
Monday 4 March (nasional: 07:30-16:00, check-in window 04:00-12:00, check-out 12:00-24:00). On
the 4th five employees would have punched:

| employee | punches on 4 March | judged on the whole day |
| --- | --- | --- |
| A | 06:50, 07:00 (a re-scan), 16:10 | nothing (0 %) |
| B | 08:05 (35 min late), 09:30 (a re-scan), 16:30 | TL2 (1 %) |
| C | none | TK (5 %) |
| D | 07:20, 14:00 (120 min early) | PSW4 (1.5 %) |
| E | 10:15 (165 min late), 15:00, 16:05 | TL4 (1.5 %) |

The export is cut right after the record at 07:00, 09:30 or 15:00 (its next record broken
mid-way, as a pulled-out USB copy leaves it), or written whole at 09:30 (a dump taken mid-day,
told by its modification time). Nobody is TK unless the data reaches past the check-in window
(12:00); nobody gets PSW unless it reaches past the check-out window (24:00); the rest of the
day is ``no_data`` and the machine-day a gap with the time its data stops.

The stages are the pipeline's own (reader, file manifest, machine days, employee days,
classification, monthly discipline), called without Dagster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from formats.attendance import read_attendance
from ingest.attendance import StagedFile, file_manifest
from resources.inbox import InboxFile
from rules.attendance import classify_days
from rules.calendar import DAY, IS_WORKDAY, work_calendar
from rules.coverage import (
    employee_days_without_data,
    machine_days,
    month_gaps,
    punch_counts,
)
from rules.discipline import monthly_discipline
from rules.punches import localise_by_profile, map_pins
from vocabulary import columns as c
from vocabulary.units import decimal_text

FIRST, LAST = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
NIPS = {
    "A": "198509122010011001",
    "B": "199003152015032002",
    "C": "198801012012121004",
    "D": "199211302019022005",
    "E": "196403011990031007",
}
PIN = {"A": "11", "B": "12", "C": "13", "D": "14", "E": "15"}
WHO = {nip: name for name, nip in NIPS.items()}
FRIDAY = [(who, t) for who in "ABCDE" for t in ("07:10:00", "16:40:00")]
MONDAY = [
    ("A", "06:50:00"), ("A", "07:00:00"), ("D", "07:20:00"), ("B", "08:05:00"),
    ("B", "09:30:00"), ("E", "10:15:00"), ("D", "14:00:00"), ("E", "15:00:00"),
    ("E", "16:05:00"), ("A", "16:10:00"), ("B", "16:30:00"),
]  # fmt: skip
LATE_MODIFIED = dt.datetime(2024, 4, 1, 2, 0, tzinfo=dt.UTC)


def glog(cut_after: str | None) -> str:
    """The export: Friday, then Monday up to the record at ``cut_after`` and the next record
    broken after its date (or whole)."""
    records = [("2024/03/01", w, t) for w, t in sorted(FRIDAY, key=lambda r: r[1])]
    records += [("2024/03/04", w, t) for w, t in MONDAY]
    rows = ["No\tTMNo\tEnNo\tName GMNo\tMode\tDateTime"]
    for n, (day, who, time) in enumerate(records, start=1):
        rows.append(f"{n}\t1\t{PIN[who]}\tPEGAWAI {who} 1\t1\t{day} {time}")
    if cut_after is None:
        return "\n".join(rows) + "\n"
    last = next(
        i for i, r in enumerate(records, start=1) if r[0] == "2024/03/04" and r[2][:5] == cut_after
    )
    return "\n".join(rows[: last + 1]) + "\n" + rows[last + 1][: rows[last + 1].rindex(" ") + 3]


def employees() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: pd.Series(list(NIPS.values()), dtype="string"),
            c.ACTIVE_FROM: pd.Series([None] * 5, dtype="datetime64[s]"),
            c.ACTIVE_TO: pd.Series([None] * 5, dtype="datetime64[s]"),
        }
    )


def pin_map() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.DEVICE_KEY: pd.Series(["kantor"] * 5, dtype="string"),
            c.PIN: pd.Series([PIN[w] for w in NIPS], dtype="string"),
            c.NIP: pd.Series(list(NIPS.values()), dtype="string"),
            c.VALID_FROM: pd.Series([pd.Timestamp("2024-01-01")] * 5, dtype="datetime64[s]"),
            c.VALID_TO: pd.Series([None] * 5, dtype="datetime64[s]"),
        }
    )


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


def judge(text: str, modified: dt.datetime, profile, decisions: pd.DataFrame | None = None):
    """The month as the assets compute it: (daily rows, monthly rows, machine days, gaps)."""
    rel = "attendance/kantor/AGL_001.TXT"
    entry = InboxFile(rel, Path(rel), len(text), modified, "kantor")
    result = read_attendance(text.encode(), rel, "kantor")
    staged = StagedFile(entry, "sha", "key", result, None, True)
    zones = {"kantor": "Asia/Jakarta"}
    manifest = file_manifest([staged], zones, profile, dt.date(2024, 1, 1))[0].valid
    punches = localise_by_profile(result.rows, zones, profile)
    punches[c.NIP] = map_pins(punches, pin_map())
    days = work_calendar(profile, FIRST, LAST)
    device_days = machine_days(
        manifest,
        punch_counts(punches),
        ["kantor"],
        days.loc[days[IS_WORKDAY], DAY],
        profile.for_period("2024-03").data_coverage,
        decisions,
    )
    without = employee_days_without_data(device_days, pin_map(), FIRST, LAST)
    daily = classify_days(
        punches, employees(), no_leave(), profile, FIRST, LAST, without_data=without
    )
    monthly = monthly_discipline(daily, profile, "2024-03")
    return daily, monthly, device_days, month_gaps(device_days, daily, pin_map()), manifest


def on(daily: pd.DataFrame, day: int) -> dict[str, tuple]:
    """Per employee on that day: (late code, early code, absence code, deduction %)."""
    rows = daily[pd.to_datetime(daily[c.WORK_DATE]).dt.day == day]
    return {
        WHO[r.nip]: (
            r.late_code if pd.notna(r.late_code) else None,
            r.early_code if pd.notna(r.early_code) else None,
            r.absence_code if pd.notna(r.absence_code) else None,
            decimal_text(pd.Series([r.deduction_units]), 4).iloc[0],
        )
        for r in rows.itertuples()
    }


EVERY_FRIDAY_NORMAL = {w: (None, None, None, "0.0000") for w in "ABCDE"}
CASES = {
    # (cut after, the 4th per employee, the gap's reason text, employees affected)
    "07:00": (
        {
            "A": (None, None, None, "0.0000"),  # checked in 06:50: on time; check-out unjudged
            "B": (None, None, "no_data", "0.0000"),
            "C": (None, None, "no_data", "0.0000"),
            "D": (None, None, "no_data", "0.0000"),
            "E": (None, None, "no_data", "0.0000"),
        },
        5,
    ),
    "09:30": (
        {
            "A": (None, None, None, "0.0000"),
            "B": ("TL2", None, None, "1.0000"),  # 08:05 is certain; PSW is not
            "C": (None, None, "no_data", "0.0000"),
            "D": (None, None, None, "0.0000"),
            "E": (None, None, "no_data", "0.0000"),  # might have come at 10:15
        },
        5,
    ),
    "15:00": (
        {
            "A": (None, None, None, "0.0000"),
            "B": ("TL2", None, None, "1.0000"),
            "C": (None, None, "TK", "5.0000"),  # no punch by the end of the check-in window
            "D": (None, None, None, "0.0000"),  # left at 14:00? a later scan may follow: no PSW
            "E": ("TL4", None, None, "1.5000"),  # 10:15 is certain
        },
        4,  # C is judged (TK); A, B, D, E have their check-out unjudged
    ),
}


@pytest.mark.parametrize("cut", list(CASES))
def test_file_cut_mid_day(cut, nasional):
    expected, affected = CASES[cut]
    daily, monthly, device_days, gap_list, manifest = judge(glog(cut), LATE_MODIFIED, nasional)
    assert on(daily, 1) == EVERY_FRIDAY_NORMAL
    assert on(daily, 4) == expected
    # the file: read up to the cut, its broken last record quarantined
    assert manifest["rows_quarantined"].tolist() == [1]
    hour, minute = cut.split(":")
    until = pd.Timestamp(f"2024-03-04 {int(hour) - 7:02d}:{minute}:00", tz="UTC")
    assert manifest[c.COVER_UNTIL].tolist() == [until]
    # the machine-day: covered until the cut, a gap with the time
    monday = device_days[pd.to_datetime(device_days[c.DAY]).dt.day == 4].iloc[0]
    assert int(monday[c.COVER_SECONDS]) == int(hour) * 3600 + int(minute) * 60
    assert not monday[c.HAS_DATA]
    partial = gap_list[gap_list[c.COVER_UNTIL].notna()]
    assert len(partial) == 1
    gap = partial.iloc[0]
    assert (str(gap[c.DATE_FROM].date()), gap[c.WORKDAYS], gap[c.EMPLOYEES_AFFECTED]) == (
        "2024-03-04",
        1,
        affected,
    )
    assert gap[c.COVER_UNTIL] == until
    line = len(glog(cut).splitlines())
    assert gap[c.GAP_REASON] == (
        f"data only until {cut} WIB on this day (the rest of the day is missing): AGL_001.TXT: "
        f"the file ends mid-record (line {line}); its last readable record is at "
        f"04 Mar 2024 {cut}:00 WIB"
    )
    # the month: the 4th costs what the data shows, the days after it are not covered at all
    month = monthly.set_index(c.NIP)
    got = {
        WHO[n]: decimal_text(pd.Series([u]), 4).iloc[0] for n, u in month["deduction_units"].items()
    }
    assert got == {w: v[3] for w, v in expected.items()}


def test_whole_file_for_comparison(nasional):
    daily, _monthly, _device_days, gap_list, manifest = judge(glog(None), LATE_MODIFIED, nasional)
    assert on(daily, 4) == {
        "A": (None, None, None, "0.0000"),
        "B": ("TL2", None, None, "1.0000"),
        "C": (None, None, "TK", "5.0000"),
        "D": (None, "PSW4", None, "1.5000"),
        "E": ("TL4", None, None, "1.5000"),
    }
    assert manifest[c.COVER_UNTIL].isna().all()
    assert gap_list[c.COVER_UNTIL].isna().all()  # the days after the 4th: no data at all


def test_dump_taken_mid_day_is_told_by_its_modification_time(nasional):
    """The export is whole, but written at 09:30 WIB on the 4th: the day is covered until then,
    exactly as a file cut at 09:30 (the records after 09:30 did not exist yet)."""
    records = glog(None).splitlines()
    upto = [
        r
        for r in records
        if not r.endswith(("10:15:00", "14:00:00", "15:00:00", "16:05:00", "16:10:00", "16:30:00"))
    ]
    written = dt.datetime(2024, 3, 4, 2, 30, tzinfo=dt.UTC)  # 09:30 WIB
    daily, _, _device_days, gap_list, manifest = judge("\n".join(upto) + "\n", written, nasional)
    assert on(daily, 4) == CASES["09:30"][0]
    assert manifest["rows_quarantined"].tolist() == [0]
    gap = gap_list[gap_list[c.COVER_UNTIL].notna()].iloc[0]
    assert gap[c.GAP_REASON].startswith(
        "data only until 09:30 WIB on this day (the rest of the day is missing): AGL_001.TXT: "
        "the file was written at 04 Mar 2024 09:30:00 WIB (its modification time)"
    )


def test_charge_decision_judges_the_partial_day_as_recorded(nasional):
    """HR's 'charge' makes the day count as recorded: without a check-out, PSW4; without a
    punch, TK."""
    decisions = pd.DataFrame(
        {
            c.DEVICE_KEY: ["kantor"],
            c.DATE_FROM: pd.to_datetime(["2024-03-04"]).astype("datetime64[s]"),
            c.DATE_TO: pd.to_datetime(["2024-03-04"]).astype("datetime64[s]"),
            c.DECISION: [c.CHARGE],
            c.DECIDED_BY: ["Kepala BKPSDM"],
        }
    )
    daily, _, _device_days, gap_list, _ = judge(glog("09:30"), LATE_MODIFIED, nasional, decisions)
    assert on(daily, 4) == {
        "A": (None, "PSW4", None, "1.5000"),
        "B": ("TL2", "PSW4", None, "2.5000"),
        "C": (None, None, "TK", "5.0000"),
        "D": (None, "PSW4", None, "1.5000"),
        "E": (None, None, "TK", "5.0000"),
    }
    gap = gap_list[gap_list[c.DECISION].notna()].iloc[0]
    assert (gap[c.DECISION], gap[c.EMPLOYEES_AFFECTED]) == ("charge", 0)
