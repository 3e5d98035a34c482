"""rules.coverage: which machine-days hold data, which employee-days cannot be judged, and the
gaps HR decides on, on small frames with exact expectations."""

import datetime as dt

import pandas as pd

from rules.coverage import (
    describe,
    employee_days_without_data,
    expected_devices,
    file_cover,
    gaps,
    machine_days,
    open_gaps,
)
from rules.rulebook.attendance import DataCoverage
from vocabulary import columns as c

DAYS = pd.Series(pd.bdate_range("2024-03-04", "2024-03-15"))  # 10 working days
FIRST, LAST = dt.date(2024, 3, 1), dt.date(2024, 3, 31)


def _files(rows):
    frame = pd.DataFrame(rows, columns=[c.DEVICE_KEY, "file", c.STATUS, "first_date", "last_date"])
    for col in ("first_date", "last_date"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    return frame.astype({c.DEVICE_KEY: "string", "file": "string", c.STATUS: "string"})


def _counts(device, per_day):
    return pd.DataFrame(
        {
            c.DEVICE_KEY: device,
            c.LOCAL_DATE: DAYS[: len(per_day)].to_numpy(),
            c.PUNCHES: per_day,
        }
    )


def _pin_map(rows):
    frame = pd.DataFrame(rows, columns=[c.DEVICE_KEY, c.NIP, c.VALID_FROM, c.VALID_TO])
    for col in (c.VALID_FROM, c.VALID_TO):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    return frame


FILES = _files(
    [
        ("a", "a/1.dat", "ok", "2024-03-04", "2024-03-15"),
        ("b", "b/1.dat", "ok", "2024-03-04", "2024-03-08"),  # stops on Friday 8
        ("c", "c/x.dat", "rejected", None, None),
    ]
)
COUNTS = pd.concat(
    [
        _counts("a", [20, 22, 0, 21, 20, 19, 20, 22, 21, 20]),  # silent on Wed 6
        _counts("b", [3, 0, 2, 1, 2]),  # a small machine: a day without punches is normal
    ]
)
PIN_MAP = _pin_map(
    [
        ("a", "1", "2024-01-01", None),
        ("b", "2", "2024-01-01", None),
        ("c", "3", "2024-01-01", None),
        ("a", "4", "2024-01-01", None),
        ("c", "4", "2024-01-01", None),  # on a and c: a holds data, so never no_data on c's gap
        ("*", "5", "2024-01-01", None),
    ]
)


def _days(decisions=None):
    return machine_days(FILES, COUNTS, ["a", "b", "c"], DAYS, DataCoverage(), decisions)


def test_machine_days_know_why_a_day_holds_no_data():
    d = _days()
    missing = d[~d[c.HAS_DATA]]
    got = [(r.device_key, f"{r.day:%d}", r.gap_reason) for r in missing.itertuples()]
    assert got[0] == (
        "a",
        "06",
        "no punch at all on a working day; the machine usually records 20 a day",
    )
    assert [(k, day) for k, day, _ in got[1:6]] == [
        ("b", "11"),
        ("b", "12"),
        ("b", "13"),
        ("b", "14"),
        ("b", "15"),
    ]
    assert (
        got[1][2] == "no readable export covers the day (the exports cover 04 Mar to 08 Mar 2024)"
    )
    assert {r for _, _, r in got[6:]} == {"its export could not be read (x.dat); no readable data"}
    assert len(got) == 1 + 5 + 10
    # b's Tuesday without punches is not a gap: b usually records 2 a day (< 10)
    assert d.set_index([c.DEVICE_KEY, c.DAY]).loc[("b", pd.Timestamp("2024-03-05")), c.HAS_DATA]


def test_employee_days_without_data_need_every_machine_silent():
    lacking = employee_days_without_data(_days(), PIN_MAP, FIRST, LAST)
    per = lacking.groupby(c.NIP)[c.WORK_DATE].apply(lambda s: [f"{d:%d}" for d in s]).to_dict()
    assert per == {
        "1": ["06"],
        "2": ["11", "12", "13", "14", "15"],
        "3": ["04", "05", "06", "07", "08", "11", "12", "13", "14", "15"],
        "4": ["06"],  # a is silent on the 6th and c never readable
    }  # 5 (any machine) always has one machine with data


def test_gaps_list_runs_with_people_affected_and_decisions():
    decided = pd.DataFrame(
        {
            c.DEVICE_KEY: ["c"],
            c.DATE_FROM: pd.to_datetime(["2024-03-01"]),
            c.DATE_TO: pd.to_datetime(["2024-03-31"]),
            c.DECISION: ["excuse"],
            c.DECIDED_BY: ["Kepala BKPSDM"],
        }
    )
    for decisions, open_keys in ((None, ["a", "b", "c"]), (decided, ["a", "b"])):
        d = _days(decisions)
        lacking = employee_days_without_data(d, PIN_MAP, FIRST, LAST)
        g = gaps(d, lacking, PIN_MAP)
        assert [(r.device_key, r.workdays, r.employees_affected) for r in g.itertuples()] == [
            ("a", 1, 2),
            ("b", 5, 1),
            ("c", 10, 2),
        ]
        assert list(open_gaps(g)[c.DEVICE_KEY]) == open_keys
    assert describe(g.iloc[2]) == (
        "c: 04 Mar to 15 Mar 2024 (10 working days), its export could not be read (x.dat); "
        "no readable data; 2 employees affected; HR decided: excuse"
    )


def test_charge_makes_the_days_count_as_recorded():
    charged = pd.DataFrame(
        {
            c.DEVICE_KEY: ["*"],
            c.DATE_FROM: pd.to_datetime(["2024-03-11"]),
            c.DATE_TO: pd.to_datetime(["2024-03-31"]),
            c.DECISION: ["charge"],
            c.DECIDED_BY: ["BKPSDM"],
        }
    )
    lacking = employee_days_without_data(_days(charged), PIN_MAP, FIRST, LAST)
    assert sorted(lacking.loc[lacking[c.NIP] == "3", c.WORK_DATE].dt.day) == [4, 5, 6, 7, 8]
    assert not (lacking[c.NIP] == "2").any()


def test_a_machine_without_any_export_is_expected_from_the_pin_map():
    devices = pd.DataFrame({c.DEVICE_KEY: ["a", "d"]})
    pm = pd.concat([PIN_MAP, _pin_map([("e", "9", "2023-01-01", "2023-12-31")])])
    assert expected_devices(FILES, devices, pm, FIRST, LAST) == ["a", "b", "c", "d"]
    d = machine_days(FILES, COUNTS, ["a", "b", "c", "d"], DAYS, DataCoverage())
    assert set(d.loc[d[c.DEVICE_KEY] == "d", c.GAP_REASON]) == {
        "no export from this machine in the inbox"
    }


def test_a_machine_whose_only_export_is_empty_says_so():
    files = pd.concat([FILES, _files([("e", "e/attlog.dat", "empty", None, None)])])
    d = machine_days(files, COUNTS, ["a", "b", "c", "e"], DAYS, DataCoverage())
    assert set(d.loc[d[c.DEVICE_KEY] == "e", c.GAP_REASON]) == {
        "its export is empty (attlog.dat): no data"
    }


# --- how far one file's data reaches (issue 19) --------------------------------------------


def _punches(rows):
    """(line, local time in WITA) -> localised punches of one file."""
    from rules.punches import localise

    raw = pd.DataFrame(
        {
            c.SOURCE_LINE: [line for line, _ in rows],
            c.DEVICE_KEY: pd.Series(["m"] * len(rows), dtype="string"),
            c.LOCAL_TIME: pd.to_datetime(pd.Series([t for _, t in rows])).astype("datetime64[s]"),
        }
    )
    return localise(raw, {"m": "Asia/Makassar"}, "Asia/Jakarta")


LATER = pd.Timestamp("2024-04-01 00:00", tz="UTC")


def test_file_cover_of_a_cut_file_in_time_order_is_its_last_record():
    p = _punches(
        [(1, "2024-03-04 07:10:00"), (2, "2024-03-05 07:20:00"), (3, "2024-03-05 09:31:00")]
    )
    until, zone, why = file_cover(p, "the file ends mid-record (line 4)", LATER)
    assert (str(until), zone) == ("2024-03-05 01:31:00+00:00", "Asia/Makassar")
    assert why == (
        "the file ends mid-record (line 4); its last readable record is at 05 Mar 2024 "
        "09:31:00 WITA"
    )


def test_file_cover_of_a_cut_file_sorted_by_person_reaches_nothing_certain():
    """Sorted by person, the records after the cut are whole people: from the first day on,
    what is missing cannot be told (the last record, 4 March, is not the newest)."""
    p = _punches(
        [(1, "2024-03-04 07:10:00"), (2, "2024-03-06 16:00:00"), (3, "2024-03-04 07:40:00")]
    )
    until, _zone, why = file_cover(p, "the file ends mid-record (line 4)", LATER)
    assert str(until) == "2024-03-03 16:00:00+00:00"  # 4 March 00:00 WITA
    assert why.endswith(
        "and its records are not in time order (its last record, 04 Mar 2024 07:40:00 WITA, "
        "is not its newest): which records are missing cannot be told"
    )


def test_file_cover_of_a_file_written_before_its_last_day_ended():
    p = _punches([(1, "2024-03-04 07:10:00"), (2, "2024-03-05 07:20:00")])
    written = pd.Timestamp("2024-03-05 02:00", tz="UTC")  # 10:00 WITA on the 5th
    until, _zone, why = file_cover(p, None, written)
    assert str(until) == "2024-03-05 02:00:00+00:00"
    assert why == (
        "the file was written at 05 Mar 2024 10:00:00 WITA (its modification time), before "
        "the last day it covers ended"
    )
    # written after the last day ended: the file covers it whole
    assert file_cover(p, None, pd.Timestamp("2024-03-05 16:00", tz="UTC"))[0] is pd.NaT


def test_machine_day_covered_partly_by_one_file_and_whole_by_another():
    files = _files(
        [
            ("a", "a/cut.dat", "ok", "2024-03-04", "2024-03-05"),
            ("a", "a/full.dat", "ok", "2024-03-05", "2024-03-06"),
            ("b", "b/cut.dat", "ok", "2024-03-04", "2024-03-05"),
        ]
    )
    cut = pd.Timestamp("2024-03-05 02:30", tz="UTC")  # 09:30 WIB
    files[c.COVER_UNTIL] = pd.Series([cut, pd.NaT, cut], dtype="datetime64[s, UTC]")
    files["cover_zone"] = pd.Series(["Asia/Jakarta", None, "Asia/Jakarta"], dtype="string")
    files["cover_reason"] = pd.Series(["cut", None, "cut"], dtype="string")
    counts = pd.concat([_counts("a", [20, 20, 20]), _counts("b", [20, 5])])
    d = machine_days(files, counts, ["a", "b"], DAYS[:3], DataCoverage())
    got = {
        (r.device_key, r.day.day): (r.has_data, r.cover_seconds, str(r.cover_until))
        for r in d.itertuples()
    }
    assert got == {
        ("a", 4): (True, 86400, "NaT"),
        ("a", 5): (True, 86400, "NaT"),  # the whole file covers what the cut one does not
        ("a", 6): (True, 86400, "NaT"),
        ("b", 4): (True, 86400, "NaT"),
        ("b", 5): (False, 34200, "2024-03-05 02:30:00+00:00"),
        ("b", 6): (False, 0, "NaT"),
    }
    reason = d[(d.device_key == "b") & (d.day.dt.day == 5)][c.GAP_REASON].iloc[0]
    assert reason == (
        "data only until 09:30 WIB on this day (the rest of the day is missing): cut.dat: cut"
    )


def test_an_unreadable_export_is_named_with_where_it_breaks():
    """The gap says which file and where it breaks (line and column), not only that it broke;
    the excerpt and the advice stay in load_audit."""
    message = (
        "j/scan.json, line 7: is not valid JSON: Expecting ':' delimiter at line 7, column 12, "
        'near \'"pin: "7"\' (broken quoting or a hand edit); the response cannot be read: '
        "export it again from the software that wrote it"
    )
    files = pd.concat([FILES, _files([("j", "j/scan.json", "rejected", None, None)])])
    files["message"] = pd.Series([None, None, None, message], dtype="string").to_numpy()
    d = machine_days(files, COUNTS, ["a", "b", "c", "j"], DAYS, DataCoverage())
    assert set(d.loc[d[c.DEVICE_KEY] == "j", c.GAP_REASON]) == {
        "its export could not be read (scan.json, line 7: is not valid JSON: Expecting ':' "
        "delimiter at line 7, column 12); no readable data"
    }
    assert set(d.loc[d[c.DEVICE_KEY] == "c", c.GAP_REASON]) == {
        "its export could not be read (x.dat); no readable data"
    }
