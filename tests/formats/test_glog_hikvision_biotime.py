"""The layouts of issue 19, each on fixtures written here in the shapes the real files have
(ZK GLog in its firmware variants, Hikvision ISAPI AcsEvent pages, ZKBioTime transactions as
API pages and as CSV): exact PINs, local times, lines, hints and quarantine reasons, rows in =
valid + quarantined; and the failure issue 19 found: a GLog file is never read as the ZK
terminal's 'No., Date/Time' export (its record counter is not the PIN)."""

import io
import json

import pandas as pd
import pytest
import xlsxwriter

from formats.attendance import read_attendance
from formats.base import FileRejected
from rules.punches import localise
from tests.formats.test_attendance_layouts import punches, quarantined
from vocabulary import columns as c


def read(text: str | bytes, file: str = "attendance/m1/AGL_001.TXT", **kw):
    data = text.encode() if isinstance(text, str) else text
    return read_attendance(data, file, "m1", **kw)


def lines(*rows: str, end: str = "\n") -> str:
    return end.join(rows) + end


# --- ZK GLog ----------------------------------------------------------------------------------

# a real office's shape: 'Name GMNo' one field (in the header too), YYYY/MM/DD, unnamed PINs
OFFICE = lines(
    "No\tTMNo\tEnNo\tName GMNo\tMode\tDateTime",
    "1\t1\t12\tBUDI SANTOSO 1\t1\t2024/03/04 07:21:05",
    "2\t1\t7\t 1\t1\t2024/03/04 07:35:40",
    "3\t1\t0\t 1\t1\t2024/03/04 07:36:02",
    "4\t1\t12\tBUDI SANTOSO 1\t1\t2024/03/04 16:05:11",
    "5\t1\t7\t 1\t3\t2024/03/04 16:31:59",
)


def test_glog_office_file_reads_enno_as_the_pin_never_the_record_counter():
    r = read(OFFICE)
    assert r.layout == "zk_glog"
    # (line, machine, PIN, local time, in/out hint, verify mode)
    assert punches(r) == [
        [2, "m1", "12", "2024-03-04 07:21:05", "-", "1"],
        [3, "m1", "7", "2024-03-04 07:35:40", "-", "1"],
        [5, "m1", "12", "2024-03-04 16:05:11", "-", "1"],
        [6, "m1", "7", "2024-03-04 16:31:59", "-", "3"],
    ]
    assert quarantined(r) == [
        [
            4,
            "EnNo 0: not enrolled (a finger, card or face the machine does not know); not a "
            "punch of anyone",
        ]
    ]
    assert r.rows_in == 5 and r.info["terminal"] == "1"
    # names never reach the raw record (the Name GMNo field is left out)
    assert r.rows[c.RAW].tolist()[0] == "1 | 1 | 12 | 1 | 2024/03/04 07:21:05"
    assert not r.rows[c.RAW].str.contains("BUDI").any()


# newer firmware: separate Name and GMNo, IN/OUT and Antipass, 12-hour clock against the seconds,
# MM-DD-YYYY, zero-padded EnNo, blank names
TWELVE_HOUR = lines(
    "No\tTMNo\tEnNo\tName\tGMNo\tMode\tIN/OUT\tAntipass\tDateTime",
    "1\t2\t00000012\tBUDI\t1\tFP\tDutyOn\t0\t03-04-2024 07:21:05AM",
    "2\t2\t00000007\t\t1\tFP\tDutyOn\t0\t03-04-2024 12:05:00PM",
    "3\t2\t00000007\t\t1\tFP\tDutyOff\t0\t03-04-2024 04:31:59PM",
    "4\t2\t00000012\tBUDI\t1\tFP\tDutyOff\t0\t03-05-2024 12:00:01AM",
    end="\r\n",
)


def test_glog_twelve_hour_month_first_with_the_declared_order():
    r = read(TWELVE_HOUR, date_order="mdy")
    assert r.layout == "zk_glog"
    assert punches(r) == [
        [2, "m1", "12", "2024-03-04 07:21:05", "DutyOn", "FP"],
        [3, "m1", "7", "2024-03-04 12:05:00", "DutyOn", "FP"],
        [4, "m1", "7", "2024-03-04 16:31:59", "DutyOff", "FP"],
        [5, "m1", "12", "2024-03-05 00:00:01", "DutyOff", "FP"],
    ]
    assert r.info["pin"] == "EnNo without its leading zeros (000000052 is PIN 52)"
    assert r.info["time_format"] == "%m-%d-%Y %I:%M:%S %p (declared mdy)"
    assert r.info["terminal"] == "2"
    # a declared day-first order is the truth about the machine: 3 April, never guessed
    dmy = read(TWELVE_HOUR, date_order="dmy")
    assert [p[3] for p in punches(dmy)] == [
        "2024-04-03 07:21:05",
        "2024-04-03 12:05:00",
        "2024-04-03 16:31:59",
        "2024-05-03 00:00:01",
    ]


def test_glog_month_first_slashes_with_metadata_lines_and_an_inout_column():
    text = lines(
        "# DeviceModel = S362E",
        "# DataType = AttendLog",
        "No\tTMNo\tEnNo\tName\tINOUT\tMode\tDateTime",
        "1\t1\t31\t\t0\t0\t03/13/2024 07:58:00",
        "2\t1\t31\t\t1\t0\t03/13/2024 15:02:10",
    )
    r = read(text, date_order="mdy")
    assert punches(r) == [
        [4, "m1", "31", "2024-03-13 07:58:00", "0", "0"],
        [5, "m1", "31", "2024-03-13 15:02:10", "1", "0"],
    ]
    # without a declared order the 13 decides: month-first is the only reading
    assert [p[3] for p in punches(read(text))] == ["2024-03-13 07:58:00", "2024-03-13 15:02:10"]


# older B&W firmware: blank header cells that do not line up with the records, padded numbers,
# names padded with spaces, two spaces between date and time, a trailing tab in the header
OLD_FIRMWARE = lines(
    "No\tMchn\tEnNo\t\tName\t\tMode\tIOMd\tDateTime\t",
    "000001\t1\t000000012\tBUDI          \t1\t0\t2024/03/04  07:21:05",
    "000002\t1\t000000007\tSITI          \t1\t1\t2024/03/04  16:31:59",
    "000003\t1\t000000007\tSITI          \t1",
    end="\r\n",
)


def test_glog_old_firmware_header_with_blank_cells_is_read_by_its_names():
    r = read(OLD_FIRMWARE, file="attendance/m1/GLG_001.TXT")
    assert r.layout == "zk_glog"
    assert punches(r) == [
        [2, "m1", "12", "2024-03-04 07:21:05", "0", "1"],
        [3, "m1", "7", "2024-03-04 16:31:59", "1", "1"],
    ]
    assert quarantined(r) == [[4, "not a GLog record: 5 fields where the header names 7"]]
    assert r.rows_in == 3


def test_glog_header_that_does_not_fit_its_records_is_refused_not_guessed():
    text = lines("No\tTMNo\tEnNo\tDateTime", "1\t1\t12\tBUDI\t1\t2024/03/04 07:21:05")
    with pytest.raises(FileRejected) as exc:
        read(text)
    assert exc.value.line == 1
    assert "its header names 4 columns (No | TMNo | EnNo | DateTime) but its records have 6" in (
        exc.value.message
    )


def test_glog_name_and_gmno_joined_in_the_header_but_apart_in_the_records():
    text = lines(
        "No\tTMNo\tEnNo\tName GMNo\tMode\tDateTime",
        "1\t1\t12\tBUDI\t1\t1\t2024/03/04 07:21:05",
    )
    assert punches(read(text)) == [[2, "m1", "12", "2024-03-04 07:21:05", "-", "1"]]


def test_glog_in_a_workbook_is_read_by_its_header_too():
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet()
    for i, row in enumerate(
        [
            ["No", "TMNo", "EnNo", "Name", "Mode", "DateTime"],
            [1, 1, 12, "BUDI", 1, "2024/03/04 07:21:05"],
        ]
    ):
        sheet.write_row(i, 0, row)
    book.close()
    r = read(buf.getvalue(), file="attendance/m1/glog.xlsx")
    assert r.layout == "zk_glog"
    assert punches(r) == [[2, "m1", "12", "2024-03-04 07:21:05", "-", "1"]]


# --- the exact failure of issue 19 -------------------------------------------------------------


def test_the_record_counter_no_is_never_the_pin():
    """Before issue 19 a GLog file was taken for the ZK 'No., Date/Time' export ('No' and
    'DateTime' are in both headers) and its record counter became the PIN: 50 employees were
    charged 637 TK days. GLog is recognised by its EnNo column first."""
    r = read(OFFICE)
    assert r.layout == "zk_glog"
    assert "1" not in set(r.rows[c.PIN])  # record counter 1 belonged to PIN 12
    assert r.rows[c.PIN].tolist() == ["12", "7", "12", "7"]


# --- Hikvision ISAPI AcsEvent ------------------------------------------------------------------


def event(serial: int, time: str, major: int = 5, minor: int = 38, pin: str | None = "12", **kw):
    record = {"major": major, "minor": minor, "time": time, "serialNo": serial}
    if pin is not None:
        record["employeeNoString"] = pin
    record.update(
        {"userType": "normal", "attendanceStatus": "undefined", "name": "BUDI", "cardNo": "99"}
    )
    record.update(kw)
    return record


def page(status: str, *events: dict) -> dict:
    return {
        "AcsEvent": {
            "searchID": "poller-1",
            "responseStatusStrg": status,
            "numOfMatches": len(events),
            "totalMatches": 9,
            "InfoList": list(events),
        }
    }


PAGES = [
    page(
        "MORE",
        event(101, "2024-03-04T07:21:05+08:00", attendanceStatus="checkIn"),
        event(102, "2024-03-04T07:22:00+08:00", minor=39, pin="12"),  # fingerprint mismatched
        event(103, "2024-03-04T07:22:30+08:00", minor=21, pin=None),  # door unlocked
        event(104, "2024-03-04T07:40:10+08:00", minor=75, pin="7", currentVerifyMode="face"),
    ),
    page(
        "OK",
        event(105, "2024-03-04T09:00:00+08:00", major=1, minor=1024, pin=None),  # an alarm
        event(106, "2024-03-04T16:02:00+08:00", minor=75, pin="7"),
        event(107, "2024-03-04T16:30:00+08:00", minor=38, pin=""),  # no PIN
        event(108, "2024-03-04T16:31:00.000+08:00", minor=1, pin="12"),  # a valid card
    ),
]


def test_hikvision_pages_only_successful_verifications_are_punches():
    r = read(json.dumps(PAGES), file="attendance/m1/acsevent.json")
    assert r.layout == "hikvision_acsevent"
    # lineage: the event's ordinal in the file; the time as the device wrote it
    assert punches(r) == [
        [1, "m1", "12", "2024-03-04 07:21:05", "checkIn", "38"],
        [4, "m1", "7", "2024-03-04 07:40:10", "undefined", "face"],
        [6, "m1", "7", "2024-03-04 16:02:00", "undefined", "75"],
        [8, "m1", "12", "2024-03-04 16:31:00", "undefined", "1"],
    ]
    assert r.rows[c.UTC_OFFSET].tolist() == [480, 480, 480, 480]
    assert quarantined(r) == [
        [2, "failed verification (major 5, minor 39): refused by the terminal, not a punch"],
        [3, "door event (major 5, minor 21): not a punch"],
        [5, "alarm event (major 1, minor 1024): not a punch"],
        [7, "verification without employeeNoString (no PIN)"],
    ]
    assert r.info["utc_offset"] == "+08:00"
    assert "more_events" not in r.info  # the last saved page says OK
    # no name, card number or picture in the raw record
    assert r.rows[c.RAW].iloc[0] == (
        "major=5; minor=38; time=2024-03-04T07:21:05+08:00; employeeNoString=12; serialNo=101; "
        "attendanceStatus=checkIn; currentVerifyMode="
    )


def test_hikvision_pages_as_json_lines_and_a_last_page_that_says_more():
    text = "\n".join(json.dumps(p) for p in reversed(PAGES)) + "\n"
    r = read(text, file="attendance/m1/acsevent.jsonl")
    assert [p[0] for p in punches(r)] == [1, 1, 2, 2]  # the line of its page
    assert "responseStatusStrg MORE" in r.info["more_events"]


def test_hikvision_offset_makes_the_instant_exact_whatever_the_declared_zone():
    """07:21:05+08:00 is 23:21:05 UTC on 3 March. Declared WITA (+08:00): judged 07:21:05. The
    zone the offset names when nothing is declared: the same. Declared WIB (the machine's
    office is in WIB, its clock set to +08:00): the same instant, 06:21:05 WIB."""
    r = read(json.dumps(PAGES[0]), file="attendance/m1/acsevent.json")
    first = r.rows.iloc[[0]]
    for declared, zone, local in (
        ({"m1": "Asia/Makassar"}, "Asia/Makassar", "2024-03-04 07:21:05"),
        ({}, "Asia/Makassar", "2024-03-04 07:21:05"),
        ({"m1": "Asia/Jakarta"}, "Asia/Jakarta", "2024-03-04 06:21:05"),
    ):
        out = localise(first, declared, "Asia/Jakarta")
        assert str(out[c.INSTANT].iloc[0]) == "2024-03-03 23:21:05+00:00"
        assert (out[c.TIMEZONE].iloc[0], str(out[c.LOCAL_TIME].iloc[0])) == (zone, local)
        assert int(out[c.LOCAL_SECONDS].iloc[0]) == int(local[-8:-6]) * 3600 + 21 * 60 + 5


def test_hikvision_time_without_offset_is_wall_clock_in_the_machine_zone():
    r = read(json.dumps(page("OK", event(1, "2024-03-04T07:21:05"))))
    assert r.rows[c.UTC_OFFSET].isna().all()
    out = localise(r.rows, {"m1": "Asia/Jayapura"}, "Asia/Jakarta")
    assert str(out[c.INSTANT].iloc[0]) == "2024-03-03 22:21:05+00:00"
    assert "carry no UTC offset" in r.info["warning"]


# --- ZKBioTime transactions --------------------------------------------------------------------


def transaction(i: int, pin: str, when: str, state: str = "0", **kw) -> dict:
    record = {
        "id": i, "emp_code": pin, "first_name": "Budi", "last_name": "S", "department": "BKPSDM",
        "position": "Analis", "punch_time": when, "punch_state": state,
        "punch_state_display": "Check In", "verify_type": 1, "verify_type_display": "Fingerprint",
        "work_code": "", "gps_location": "", "area_alias": None, "terminal_sn": "BT01",
        "temperature": 0.0, "terminal_alias": None, "upload_time": when,
    }  # fmt: skip
    record.update(kw)
    return record


def test_biotime_api_pages_with_a_refused_call_and_a_next_page():
    pages = [
        {"count": 3, "next": "http://bt/iclock/api/transactions/?page=2", "previous": None,
         "msg": "", "code": 0, "data": [transaction(1, "1001", "2024-03-04 07:21:05"),
                                        transaction(2, "1002", "2024-03-04 16:05:40", "1")]},
        {"count": 0, "next": None, "msg": "token expired", "code": 401, "data": []},
        {"count": 3, "next": "http://bt/iclock/api/transactions/?page=3", "previous": None,
         "msg": "", "code": 0, "data": [transaction(3, "", "2024-03-04 16:07:00", "1"),
                                        transaction(4, "1003", "2024-03-04 16:2", "1")]},
    ]  # fmt: skip
    r = read("\n".join(json.dumps(p) for p in pages) + "\n", file="attendance/m1/bt.json")
    assert r.layout == "biotime_json"
    assert punches(r) == [
        [1, "m1", "1001", "2024-03-04 07:21:05", "0", "1"],
        [1, "m1", "1002", "2024-03-04 16:05:40", "1", "1"],
    ]
    assert quarantined(r) == [
        [3, "transaction has no emp_code (the PIN)"],
        [
            3,
            "punch_time '2024-03-04 16:2' does not match the file's date-time format "
            "%Y-%m-%d %H:%M:%S",
        ],
    ]
    assert r.info["responses_refused"] == "1" and r.info["serial"] == "BT01"
    assert "page=3" in r.info["more_events"]
    assert "Budi" not in "".join(r.rows[c.RAW])


def test_biotime_csv_export_with_the_api_names_and_us_dates():
    text = lines(
        "id,emp_code,first_name,last_name,department,punch_time,punch_state,verify_type,"
        "terminal_sn,upload_time",
        "1,1001,Budi,S,BKPSDM,3/4/2024 7:21,0,1,BT01,3/4/2024 7:21",
        "2,1001,Budi,S,BKPSDM,3/4/2024 16:05,1,1,BT02,3/4/2024 16:06",
    )
    r = read(text, file="attendance/m1/transactions.csv", date_order="mdy")
    assert r.layout == "biotime_csv"
    assert punches(r) == [
        [2, "m1", "1001", "2024-03-04 07:21:00", "0", "1"],
        [3, "m1", "1001", "2024-03-04 16:05:00", "1", "1"],
    ]
    assert "2 terminals (SN BT01, BT02)" in r.info["warning"]


def test_biotime_screen_export_with_date_and_time_columns():
    text = lines(
        "Employee ID;First Name;Department;Date;Time;Punch State;Verify Type;Terminal SN",
        "1001;Budi;BKPSDM;04/03/2024;07:21:05;Check In;Fingerprint;BT01",
        "1002;Siti;BKPSDM;04/03/2024;16:31:59;Check Out;Face;BT01",
    )
    r = read(text, file="attendance/m1/transactions.csv")
    assert r.layout == "biotime_csv"
    assert punches(r) == [
        [2, "m1", "1001", "2024-03-04 07:21:05", "Check In", "Fingerprint"],
        [3, "m1", "1002", "2024-03-04 16:31:59", "Check Out", "Face"],
    ]


# --- headers we do not know -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted", "line"),
    [
        pytest.param(
            lines("Kode\tWaktu\tStatus", "12\t2024-03-04 07:21:05\t0"),
            "Kode | Waktu | Status",
            1,
            id="tab header read as ADMS by position before issue 19",
        ),
        pytest.param(
            lines("Laporan absensi,,", "", "nip,tanggal,jam", "1985,2024-03-04,07:21"),
            "nip | tanggal | jam",
            3,
            id="csv under a title row",
        ),
        pytest.param(
            lines("No\tTMNo\tUser\tName\tMode\tTime", "1\t1\t12\tBUDI\t1\t2024/03/04 07:21:05"),
            "No | TMNo | User | Name | Mode | Time",
            1,
            id="glog-like header without EnNo or DateTime",
        ),
    ],
)
def test_unknown_header_is_rejected_quoting_it_and_the_accepted_layouts(text, quoted, line):
    with pytest.raises(FileRejected) as exc:
        read(text, file="attendance/m1/export.txt")
    message = exc.value.message
    assert exc.value.line == line
    assert message.startswith(f'has a header row we do not know: "{quoted}"'), message
    assert "a file is never read by column position" in message
    assert "ZK GLog (AGL_*.TXT, GLG_*.TXT): No, TMNo, EnNo" in message
    assert "ZKBioTime transactions (CSV or XLSX export)" in message


def test_unknown_workbook_header_is_quoted_too():
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.add_worksheet().write_row(0, 0, ["Nama", "Jam Masuk"])
    book.close()
    with pytest.raises(FileRejected) as exc:
        read(buf.getvalue(), file="attendance/m1/rekap.xlsx")
    assert '(its first row: "Nama | Jam Masuk")' in exc.value.message
    assert "Accepted header layouts: ZKTime 'AC-No.' export" in exc.value.message


def test_rows_in_equals_valid_plus_quarantined_for_every_new_layout():
    for text, kw in (
        (OFFICE, {}),
        (TWELVE_HOUR, {"date_order": "mdy"}),
        (OLD_FIRMWARE, {}),
        (json.dumps(PAGES), {}),
    ):
        r = read(text, **kw)
        assert r.rows_in == len(r.rows) + len(r.quarantine)
        assert set(pd.concat([r.rows[c.SOURCE_LINE], r.quarantine[c.SOURCE_LINE]])) <= set(
            range(1, 20)
        )
