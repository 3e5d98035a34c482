"""rules.coverage: which machine-days hold data, which employee-days cannot be judged, and the
gaps HR decides on, on small frames with exact expectations."""

import datetime as dt

import pandas as pd

from rules import columns as c
from rules.coverage import (
    describe,
    employee_days_without_data,
    expected_devices,
    gaps,
    machine_days,
    open_gaps,
)
from rules.rulebook.attendance import DataCoverage

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
