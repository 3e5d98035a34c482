"""Exports that stop part-way (issue 19): the complete records are read, the broken last one is
quarantined as 'file ends mid-record', and the file's info says it was cut (``cut_off``), so that
its last day is covered only as far as its last readable record."""

import json

import pytest

from formats.attendance import read_attendance
from formats.base import FileRejected
from tests.formats.test_attendance_layouts import punches, quarantined
from tests.formats.test_glog_hikvision_biotime import OFFICE, PAGES, transaction

ATTLOG = "\n".join(
    [
        "       12\t2024-03-04 07:21:05\t1\t0\t1\t0",
        "        7\t2024-03-04 07:35:40\t1\t0\t1\t0",
        "       12\t2024-03-04 09:30:11\t1\t0\t1\t0",
    ]
)


def read(text: str | bytes, file: str = "attendance/m1/export"):
    data = text.encode() if isinstance(text, str) else text
    return read_attendance(data, file, "m1")


def test_attlog_cut_inside_the_time_of_its_last_record():
    r = read(ATTLOG[:-20])
    assert [p[:4] for p in punches(r)] == [
        [1, "m1", "12", "2024-03-04 07:21:05"],
        [2, "m1", "7", "2024-03-04 07:35:40"],
    ]
    assert quarantined(r) == [
        [3, "file ends mid-record: time '2024-03' is not a valid YYYY-MM-DD HH:MM:SS"]
    ]
    assert r.info["cut_off"] == "the file ends mid-record (line 3)"


def test_attlog_cut_after_a_complete_time_loses_fields_and_is_still_cut():
    """'12<TAB>2024-03-04 09:30:11<TAB>1' has a PIN and a whole time, but 3 of its 6 fields:
    it is the file's cut, not a punch."""
    r = read(ATTLOG[:-6])
    assert len(r.rows) == 2
    assert quarantined(r) == [[3, "file ends mid-record: 3 fields where its records have 6"]]
    assert r.info["cut_off"] == "the file ends mid-record (line 3)"


def test_a_complete_last_record_without_a_final_line_break_is_not_a_cut():
    r = read(ATTLOG)
    assert len(r.rows) == 3 and r.quarantine.empty
    assert "cut_off" not in r.info


def test_adms_body_cut_after_the_time_is_a_cut_record_though_its_fields_parse():
    body = "12\t2024-03-04 07:21:05\t0\t1\t0\t0\t0\n7\t2024-03-04 09:30:11\t0"
    r = read(body)
    assert r.layout == "zk_adms"
    assert [p[:4] for p in punches(r)] == [[1, "m1", "12", "2024-03-04 07:21:05"]]
    assert quarantined(r) == [[2, "file ends mid-record: 3 fields where its records have 7"]]
    assert r.info["cut_off"] == "the file ends mid-record (line 2)"


def test_glog_cut_mid_record():
    r = read(OFFICE.rstrip("\n")[:-6], file="attendance/m1/AGL_001.TXT")
    assert [p[2:4] for p in punches(r)] == [
        ["12", "2024-03-04 07:21:05"],
        ["7", "2024-03-04 07:35:40"],
        ["12", "2024-03-04 16:05:11"],
    ]
    assert quarantined(r)[-1] == [
        6,
        "file ends mid-record: DateTime '2024/03/04 16' does not match the file's date-time "
        "format %Y/%m/%d %H:%M:%S",
    ]
    assert r.info["cut_off"] == "the file ends mid-record (line 6)"


def test_zero_filled_tail_of_an_interrupted_copy():
    r = read((ATTLOG + "\n").encode() + b"\x00" * 600)
    assert len(r.rows) == 3 and r.quarantine.empty
    assert r.info["cut_off"] == "the file ends in zero bytes (a copy that stopped)"


def test_hikvision_json_that_stops_is_read_up_to_its_last_complete_event():
    text = json.dumps(PAGES[0], indent=2)
    cut = text[: text.index('"2024-03-04T07:40:10+08:00"') + 8]
    r = read(cut, file="attendance/m1/acsevent.json")
    assert r.layout == "hikvision_acsevent"
    assert [p[:4] for p in punches(r)] == [[1, "m1", "12", "2024-03-04 07:21:05"]]
    reasons = quarantined(r)
    assert reasons[:2] == [
        [2, "failed verification (major 5, minor 39): refused by the terminal, not a punch"],
        [3, "door event (major 5, minor 21): not a punch"],
    ]
    # the broken record: its line in the saved text, and the text it has
    line = cut[: cut.rindex("{")].count("\n") + 1
    assert reasons[2] == [
        line,
        "file ends mid-record: the JSON stops before this record is complete",
    ]
    assert r.quarantine["raw"].iloc[-1].startswith('{\n        "major": 5,\n        "minor": 75')
    assert r.info["cut_off"] == f"the JSON stops mid-record (line {line})"
    assert r.rows_in == 4


def test_biotime_json_lines_whose_last_page_stops():
    first = {
        "count": 4,
        "next": None,
        "code": 0,
        "data": [transaction(1, "1001", "2024-03-04 07:21:05")],
    }
    second = {"count": 4, "next": None, "code": 0, "data": [
        transaction(2, "1002", "2024-03-04 07:40:00"), transaction(3, "1003", "2024-03-04 09:31:00")
    ]}  # fmt: skip
    text = json.dumps(first) + "\n" + json.dumps(second)
    cut = text[: text.index('"2024-03-04 09:31:00"')]
    r = read(cut, file="attendance/m1/bt.json")
    assert r.layout == "biotime_json"
    assert [p[:4] for p in punches(r)] == [
        [1, "m1", "1001", "2024-03-04 07:21:05"],
        [2, "m1", "1002", "2024-03-04 07:40:00"],
    ]
    assert quarantined(r) == [
        [2, "file ends mid-record: the JSON stops before this record is complete"]
    ]
    assert r.info["cut_off"] == "the JSON stops mid-record (line 2)"


def test_json_broken_in_the_middle_or_cut_in_its_first_record_is_still_rejected():
    broken = '{"status": true, "data": [{"pin": "7", "scan": "2024-03-04 07:00:00"}, {"pin": 8}}'
    with pytest.raises(FileRejected, match="is not valid JSON"):
        read(broken, file="attendance/m1/x.json")
    with pytest.raises(FileRejected, match="may be truncated"):
        read('{"status": true, "data": [{"pin": "7", "scan": "2024-03-0', "attendance/m1/y.json")


def test_attlog_cut_right_after_a_tab_is_a_cut():
    """'12<TAB>2024-03-04 09:30:11<TAB>1<TAB>0<TAB>1<TAB>': its workcode was cut off."""
    r = read(ATTLOG[:-1])
    assert len(r.rows) == 2
    assert quarantined(r) == [[3, "file ends mid-record: 5 fields where its records have 6"]]


def test_csv_cut_right_after_a_comma_is_a_cut():
    """A BioTime export cut after the comma before terminal_sn: the fields are all there, the
    last one empty where every record has one."""
    text = (
        "id,emp_code,punch_time,punch_state,terminal_sn\n"
        "1,1001,2024-03-04 07:21:05,0,BT01\n"
        "2,1002,2024-03-04 09:30:00,0,"
    )
    r = read(text, file="attendance/m1/transactions.csv")
    assert r.layout == "biotime_csv" and len(r.rows) == 1
    assert quarantined(r) == [
        [3, "file ends mid-record: its last field is empty where the records have one"]
    ]
