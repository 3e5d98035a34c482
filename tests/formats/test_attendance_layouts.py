"""The layouts of issue 12 (EasyLink scanlog, ZK 'No., Date/Time', Att2000 CHECKINOUT, ADMS
key=value and form-encoded bodies, the 11-field USB attlog), each detected from its content, on
fixtures written here in the same shapes as the real files: exact PINs, local times, machine
folder, lines and quarantine reasons, and rows in = valid + quarantined."""

import datetime as dt
import io
import json

import pytest
import xlsxwriter

from formats.att2000 import read_userinfo
from formats.attendance import read_attendance
from formats.base import FileEmpty, FileRejected
from vocabulary import columns as c


def read(text: str | bytes, file: str = "attendance/m1/export", **kw):
    data = text.encode() if isinstance(text, str) else text
    return read_attendance(data, file, "m1", **kw)


def punches(result) -> list[list]:
    """(line, machine folder, PIN, local time, in/out hint, verify) of every punch."""
    rows = result.rows
    return [
        [int(line), dev, pin, str(when), hint, verify]
        for line, dev, pin, when, hint, verify in zip(
            rows[c.SOURCE_LINE],
            rows[c.DEVICE_KEY],
            rows[c.PIN],
            rows[c.LOCAL_TIME],
            rows[c.DIRECTION_HINT].fillna("-"),
            rows[c.VERIFY].fillna("-"),
            strict=True,
        )
    ]


def quarantined(result) -> list[list]:
    q = result.quarantine
    return [[int(n), r] for n, r in zip(q[c.SOURCE_LINE], q[c.REASON], strict=True)]


# --- EasyLink SDK scanlog (Fingerspot on-premises) --------------------------------------------

EL = {
    "Result": True,
    "Data": [
        {"PIN": "7", "WorkCode": 0, "SN": "FIO1", "VerifyMode": 1,
         "ScanDate": "2024-03-04 07:21:05", "IOMode": 1},
        {"SN": "FIO1", "ScanDate": "2024-03-04 16:02:00", "PIN": 12, "VerifyMode": "20",
         "IOMode": "2", "WorkCode": "0"},
        {"SN": "FIO1", "ScanDate": "2024-02-30 07:00:00", "PIN": "8", "VerifyMode": 1,
         "IOMode": 1, "WorkCode": 0},
        {"SN": "FIO1", "ScanDate": "2024-03-04 07:00:00", "VerifyMode": 1},
        "junk",
    ],
}  # fmt: skip


def test_easylink_single_response_capitalised_keys_ints_or_strings():
    r = read(json.dumps(EL), "attendance/m1/scanlog.txt")
    assert r.layout == "easylink_scanlog" and r.info["serial"] == "FIO1"
    # lineage: the record's ordinal in the file; IOMode is the hint, VerifyMode the verify
    assert punches(r) == [
        [1, "m1", "7", "2024-03-04 07:21:05", "1", "1"],
        [2, "m1", "12", "2024-03-04 16:02:00", "2", "20"],
    ]
    assert quarantined(r) == [
        [3, "ScanDate '2024-02-30 07:00:00' is not YYYY-MM-DD HH:MM:SS"],
        [4, "record has no PIN"],
        [5, "not a scanlog record (a JSON object is expected)"],
    ]
    assert r.rows[c.RAW].iloc[1] == (
        "PIN=12; ScanDate=2024-03-04 16:02:00; SN=FIO1; VerifyMode=20; IOMode=2; WorkCode=0"
    )
    assert r.rows_in == 5


def test_easylink_pages_as_json_lines_with_a_refused_call_and_the_database_key_names():
    pages = [
        {"Result": True, "IsSession": True, "Data": EL["Data"][:2]},
        {"Result": False, "message": "device busy"},
        {"Result": True, "Data": [{"sn": "FIO2", "scan_date": "2024-03-05 07:00:00", "pin": "9",
                                   "verifymode": 1, "iomode": 1, "workcode": 0}]},
    ]  # fmt: skip
    r = read("\n".join(json.dumps(p) for p in pages) + "\n")
    assert punches(r) == [  # JSON lines: the line of the response
        [1, "m1", "7", "2024-03-04 07:21:05", "1", "1"],
        [1, "m1", "12", "2024-03-04 16:02:00", "2", "20"],
        [3, "m1", "9", "2024-03-05 07:00:00", "1", "1"],
    ]
    assert r.info["responses_refused"] == "1"
    assert r.info["serial"] == "FIO1, FIO2"
    assert "records of 2 machines (SN FIO1, FIO2)" in r.info["warning"]
    as_list = read(json.dumps(pages, indent=2))  # a JSON list of pages, pretty-printed
    assert [row[0] for row in punches(as_list)] == [1, 2, 3]


def test_easylink_records_without_the_envelope():
    dump = [{"no": "", "sn": "X9", "scan_date": "2024-03-05 07:00:00", "pin": "9",
             "verifymode": "1", "iomode": "1", "workcode": "0"}]  # fmt: skip
    r = read(json.dumps(dump))
    assert r.layout == "easylink_scanlog"
    assert punches(r) == [[1, "m1", "9", "2024-03-05 07:00:00", "1", "1"]]


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        pytest.param(
            '{"Result":true,"Data":[]}',
            FileEmpty,
            "is empty: the EasyLink response holds no scan (Data is [])",
            id="Data []",
        ),
        pytest.param(
            '{"Result":false}\n{"Result":false,"message":"timeout"}\n',
            FileRejected,
            "every response has Result false (the EasyLink SDK refused the call: no message)",
            id="every call refused",
        ),
        pytest.param(
            '{"Result":true,"Data":[{"pin":"1","scan_date":"2024-03-05 07:00:00",'
            '"verifymode":1","iomode":"1"}]}',
            FileRejected,
            "looks like an EasyLink scanlog export but is not valid JSON: Expecting ',' "
            "delimiter at line 1, column 83, near",
            id="broken quoting",
        ),
        pytest.param(
            '{"Result":true,"Data":[{"PIN":"1","ScanDate":"2024-03-05 07:0',
            FileRejected,
            "the file may be truncated",
            id="truncated",
        ),
        pytest.param(
            '{"Result":true,"Data":[]}\n{"Result":true,"Data":[{"PIN":"1""ScanDate":"x"}]}\n',
            FileRejected,
            "attendance/m1/scan.json, line 2: looks like an EasyLink scanlog export but is not "
            "valid JSON: Expecting ',' delimiter at line 2, column 34",
            id="JSON lines, one line broken",
        ),
    ],
)
def test_easylink_files_that_cannot_be_read_say_why(text, error, message):
    with pytest.raises(error) as err:
        read(text, "attendance/m1/scan.json")
    assert type(err.value) is error and message in str(err.value), str(err.value)


# --- ZK standalone 'No., Date/Time' export -----------------------------------------------------


def test_zk_standalone_a12p12_times_are_24_hour_day_first():
    csv = (
        "Department,Name,No.,Date/Time,Status,Location ID\n"
        'DINKES,"Rahma, Siti",3,04/03/2024 7:31 A12P12,C/In,1\n'
        'DINKES,"Rahma, Siti",3,04/03/2024 17:02 A12P12,C/Out,1\n'
        'DINKES,"Putra, Adi",14,13/03/2024 8:00 A12P12,C/In,1\n'
        'DINKES,"Putra, Adi",,13/03/2024 16:00 A12P12,C/Out,1\n'
        'DINKES,"Putra, Adi",14,31/02/2024 16:00 A12P12,C/Out,1\n'
    )
    r = read(csv, "attendance/m1/DTR.csv")
    assert r.layout == "zk_standalone_csv"
    assert punches(r) == [
        [2, "m1", "3", "2024-03-04 07:31:00", "C/In", "-"],
        [3, "m1", "3", "2024-03-04 17:02:00", "C/Out", "-"],
        [4, "m1", "14", "2024-03-13 08:00:00", "C/In", "-"],
    ]
    assert quarantined(r) == [
        [5, "empty No. (the machine's user number)"],
        [
            6,
            "Date/Time '31/02/2024 16:00 A12P12' does not match the file's date-time format "
            "%d/%m/%Y %H:%M",
        ],
    ]
    assert r.info["time_suffix"].startswith("A12P12-style suffix removed")
    assert "Rahma" not in " ".join(r.rows[c.RAW])  # names never reach the raw record


def test_zk_standalone_verifycode_variant_keeps_no_id_or_card_number():
    csv = (
        "Department,Name,No.,Date/Time,Location ID,ID Number,VerifyCode,CardNo\n"
        "KANTOR,Sumiati,6,29/03/2024 07:54:23,104,3201011209850001,FACE,0012345678\n"
        "KANTOR,Sumiati,6,29/03/2024 16:01:09,104,3201011209850001,FP,0012345678\n"
    )
    r = read(csv)
    assert punches(r) == [
        [2, "m1", "6", "2024-03-29 07:54:23", "-", "FACE"],
        [3, "m1", "6", "2024-03-29 16:01:09", "-", "FP"],
    ]
    raw = " ".join(r.rows[c.RAW])
    assert "3201011209850001" not in raw and "0012345678" not in raw and "104" in raw


def test_zk_standalone_separate_date_time_and_am_pm_columns():
    csv = (
        "Name,No.,Date/Time,Date,Time,AM-PM\n"
        "X,70,,05-Mar-24,1:23:41,PM\n"
        "X,70,05-Mar-24 9:02:00 AM,05-Mar-24,9:02:00,AM\n"
    )
    assert punches(read(csv)) == [
        [2, "m1", "70", "2024-03-05 13:23:41", "-", "-"],
        [3, "m1", "70", "2024-03-05 09:02:00", "-", "-"],
    ]


def test_zk_standalone_declared_month_first_order_and_xlsx():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Department", "Name", "No.", "Date/Time", "Status", "Location ID"])
    ws.write_row(1, 0, ["D", "A", "21", "03/04/2024 7:15 A12P12", "C/In", "1"])
    ws.write_row(2, 0, ["D", "A", "21", "03/04/2024 16:20 A12P12", "C/Out", "1"])
    wb.close()
    r = read(buf.getvalue(), "attendance/m1/log.xlsx", date_order="mdy")
    assert punches(r) == [
        [2, "m1", "21", "2024-03-04 07:15:00", "C/In", "-"],
        [3, "m1", "21", "2024-03-04 16:20:00", "C/Out", "-"],
    ]


def test_zk_standalone_warns_when_no_time_is_past_noon():
    rows = "".join(
        f"D,N,{i},{i % 9 + 1:02d}/03/2024 {i % 5 + 7}:00 A12P12,C/In,1\n" for i in range(20)
    )
    r = read("Department,Name,No.,Date/Time,Status,Location ID\n" + rows)
    assert "no time after 12:59" in r.info["warning"]


# --- Att2000 CHECKINOUT and USERINFO -------------------------------------------------------------

CHECKINOUT = (
    "USERID,CHECKTIME,CHECKTYPE,VERIFYCODE,SENSORID,Memoinfo,WorkCode,sn,UserExtFmt\n"
    "4,3/4/24 7:26 AM,i,1,1,,0,3485154901201,0\n"
    "4,3/4/24 5:31 PM,O,1,1,,0,3485154901201,0\n"
    "9,3/5/24 7:40 AM,I,15,1,,0,3485154901201,0\n"
    ",3/5/24 7:41 AM,I,1,1,,0,3485154901201,0\n"
)
USERINFO = (
    "USERID,Badgenumber,SSN,Name,Gender,TITLE,PAGER,BIRTHDAY\n"
    "4,1023,3201011209850001,Budi,M,,0812,1985-09-12\n"
    "5,,,Siti,F,,,\n"
    "6,77,,A,M,,,\n"
    "6,78,,A,M,,,\n"
)


def test_checkinout_without_userinfo_takes_userid_as_the_pin_and_says_so():
    r = read(CHECKINOUT, "attendance/m1/CHECKINOUT.csv")
    assert r.layout == "att2000_checkinout" and r.info["serial"] == "3485154901201"
    assert punches(r) == [
        [2, "m1", "4", "2024-03-04 07:26:00", "i", "1"],
        [3, "m1", "4", "2024-03-04 17:31:00", "O", "1"],
        [4, "m1", "9", "2024-03-05 07:40:00", "I", "15"],
    ]
    assert quarantined(r) == [[5, "USERID is empty"]]
    assert r.info["warning"].startswith("no USERINFO table beside this CHECKINOUT export")


def test_checkinout_with_its_userinfo_uses_badgenumbers():
    users = read_userinfo(USERINFO.encode(), "attendance/m1/USERINFO.csv")
    assert users.badges.to_dict() == {"4": "1023"} and users.rows_in == 4
    assert quarantined(users) == [
        [3, "Badgenumber is empty: the PIN of this user is unknown"],
        [4, "USERID 6 has several Badgenumbers: which PIN is meant is unknown"],
        [5, "USERID 6 has several Badgenumbers: which PIN is meant is unknown"],
    ]
    assert "Budi" not in " ".join(users.quarantine[c.RAW])
    r = read(CHECKINOUT, "attendance/m1/CHECKINOUT.csv", userinfo=users)
    assert [row[2] for row in punches(r)] == ["1023", "1023"]
    assert quarantined(r) == [
        [4, "USERID 9 is not in attendance/m1/USERINFO.csv: the PIN (Badgenumber) of this user "
            "is unknown"],
        [5, "USERID is empty"],
    ]  # fmt: skip
    assert "warning" not in r.info and r.info["userinfo"] == "attendance/m1/USERINFO.csv"


def test_checkinout_joined_with_badgenumber_and_as_xlsx_date_cells():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("CHECKINOUT")
    fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws.write_row(0, 0, ["UserID", "CHECKTIME", "CHECKTYPE", "VERIFYCODE", "BADGENUMBER"])
    ws.write_number(1, 0, 4)
    ws.write_datetime(1, 1, dt.datetime(2024, 3, 4, 7, 26, 10), fmt)
    ws.write_row(1, 2, ["I", "1", "1023"])
    wb.close()
    r = read(buf.getvalue(), "attendance/m1/att.xlsx")
    assert punches(r) == [[2, "m1", "1023", "2024-03-04 07:26:10", "I", "1"]]


def test_a_userinfo_table_alone_is_not_a_scan_export():
    with pytest.raises(FileRejected, match="is an Att2000 USERINFO table"):
        read(USERINFO, "attendance/m1/USERINFO.csv")


# --- ADMS bodies: key=value fields, form-encoded, tagged, with their HTTP headers ---------------


def test_adms_key_value_lines():
    body = (
        "PIN=11\tTime=2024-03-04 07:05:00\tStatus=0\tVerifyMode=2\n"
        "PIN=12\tTime=2024-03-04 07:31:00\tStatus=0\tVerifyMode=2\n"
        "PIN=11\tTime=2024-03-04 16:31:00\tStatus=1\tVerifyMode=2\n"
    )
    r = read(body)
    assert r.layout == "zk_adms_kv"
    assert punches(r) == [
        [1, "m1", "11", "2024-03-04 07:05:00", "0", "2"],
        [2, "m1", "12", "2024-03-04 07:31:00", "0", "2"],
        [3, "m1", "11", "2024-03-04 16:31:00", "1", "2"],
    ]


def test_adms_key_value_push_v2_names_table_lines_and_other_tables():
    body = (
        "ATTLOG\n"
        "SN=BK1\tUserID=001\tLogTime=2024-03-04 07:30:25\tVerifyMode=1\tInOutStatus=0\n"
        "ATTLOG\tSN=BK1\tUserID=002\tLogTime=2024-03-04 16:31:00\tVerifyMode=15\tInOutStatus=1\n"
        "USER PIN=3\tName=Budi\tPri=0\n"
        "PIN=4\tTime=2024-13-01 07:00:00\tStatus=0\n"
        "Time=2024-03-04 07:00:00\tStatus=0\n"
    )
    r = read(body)
    assert r.info["serial"] == "BK1"
    assert punches(r) == [
        [2, "m1", "001", "2024-03-04 07:30:25", "0", "1"],
        [3, "m1", "002", "2024-03-04 16:31:00", "1", "15"],
    ]
    assert quarantined(r) == [
        [4, "not attendance: a USER line of the ADMS upload"],
        [5, "time '2024-13-01 07:00:00' is not a valid YYYY-MM-DD HH:MM:SS"],
        [6, "record has no PIN= (or UserID=)"],
    ]
    assert "Budi" not in " ".join(r.rows[c.RAW])


def test_adms_key_value_legacy_body_of_one_pair_per_line():
    body = "PIN=001\nTime=2024-03-04 07:30:25\nStatus=0\nVerify=1\nPIN=002\nTime=2024-03-04 07:31\n"
    r = read(body)
    assert punches(r) == [[1, "m1", "001", "2024-03-04 07:30:25", "0", "1"]]
    assert quarantined(r) == [[5, "time '2024-03-04 07:31' is not a valid YYYY-MM-DD HH:MM:SS"]]
    assert r.rows[c.RAW].iloc[0] == "PIN=001\tTime=2024-03-04 07:30:25\tStatus=0\tVerify=1"


def test_adms_form_encoded_body_reads_its_first_record_with_the_sn_as_the_machine():
    body = (
        "SN=CKJG1&table=ATTLOG&Stamp=9999&data=11\t2024-03-04 07:21:03\t0\t1\t0\t0\t0\n"
        "12\t2024-03-04 07:45:40\t0\t15\t0\t0\t0\n"
    )
    r = read(body)
    assert r.layout == "zk_adms" and r.info["serial"] == "CKJG1"
    assert punches(r) == [
        [1, "m1", "11", "2024-03-04 07:21:03", "0", "1"],
        [2, "m1", "12", "2024-03-04 07:45:40", "0", "15"],
    ]
    assert r.quarantine.empty


def test_adms_form_encoded_url_escaped_data_and_other_tables():
    body = (
        "SN=CKJG1&table=ATTLOG&Stamp=9999&data=11%092024-03-04+07%3A21%3A03%090%091%090"
        "%0A12%092024-03-04+07%3A45%3A40%091%0915%090%0A"
    )
    r = read(body)
    assert punches(r) == [
        [1, "m1", "11", "2024-03-04 07:21:03", "0", "1"],
        [2, "m1", "12", "2024-03-04 07:45:40", "1", "15"],
    ]
    assert "URL-encoded" in r.info["lineage"]
    with pytest.raises(FileRejected, match="is an ADMS 'OPERLOG' upload"):
        read("SN=CKJG1&table=OPERLOG&Stamp=1&data=OPLOG 4\t0\t2024-03-04 16:40:00\t0\t0\n")


def test_adms_tagged_lines_and_a_saved_request_with_headers():
    tagged = "ATTLOG\t11\t2024-03-04 07:21:03\t0\t1\t0\nATTLOG\t12\t2024-03-04 07:45:40\t1\t15\t0\n"
    assert punches(read(tagged)) == [
        [1, "m1", "11", "2024-03-04 07:21:03", "0", "1"],
        [2, "m1", "12", "2024-03-04 07:45:40", "1", "15"],
    ]
    saved = (
        "POST /iclock/cdata?SN=A1&table=ATTLOG&Stamp=1 HTTP/1.1\r\nHost: 10.0.0.1:8081\r\n"
        "Content-Length: 61\r\n\r\n"
        "11\t2024-03-04 07:21:03\t0\t15\t0\t0\t0\t1\t36.4\t36.4\t+25200\t\r\n"
        "OPLOG 4\t0\t2024-03-04 16:40:00\t0\t0\t0\t0\r\n"
    )
    r = read(saved)
    assert r.info["serial"] == "A1"
    assert punches(r) == [[5, "m1", "11", "2024-03-04 07:21:03", "0", "15"]]
    assert quarantined(r) == [
        [6, "not an ATTLOG record: expected PIN, YYYY-MM-DD HH:MM:SS, state, verify, workcode"]
    ]  # the HTTP headers are not rows
    with pytest.raises(FileEmpty, match="a ZK ADMS ATTLOG body with no record"):
        read("POST /iclock/cdata?SN=A1&table=ATTLOG&Stamp=1 HTTP/1.1\nHost: 10.0.0.1\n\n")


# --- USB attlog of newer firmware: 11 fields, PIN not padded -----------------------------------


def test_eleven_field_usb_attlog_is_a_usb_attlog():
    lines = [
        "13993\t2024-03-04 06:48:24\t1\t0\t1\t0\t0\t0\t0\t0\t0",
        "14020\t2024-03-04 16:53:38\t1\t1\t1\t0\t0\t0\t0\t0\t0",
        "14020\t2024-03-04 99:53:38\t1\t1\t1\t0\t0\t0\t0\t0\t0",
    ]
    r = read("\n".join(lines) + "\n", "attendance/m1/1_attlog.dat")
    assert r.layout == "zk_attlog" and r.info["fields"] == "11"
    # field 3 is the DeviceID, 4 the Status (the hint) and 5 Verified, as in the 6-field file
    assert punches(r) == [
        [1, "m1", "13993", "2024-03-04 06:48:24", "0", "1"],
        [2, "m1", "14020", "2024-03-04 16:53:38", "1", "1"],
    ]
    assert quarantined(r) == [[3, "time '2024-03-04 99:53:38' is not a valid YYYY-MM-DD HH:MM:SS"]]


def test_eleven_field_android_adms_push_stays_adms():
    # PIN, time, State, Verify, Workcode, five reserved, record id: the State changes
    lines = [
        "5\t2024-03-04 07:00:00\t0\t15\t0\t0\t0\t0\t0\t0\t17",
        "5\t2024-03-04 16:00:00\t1\t15\t0\t0\t0\t0\t0\t0\t18",
    ]
    r = read("\n".join(lines) + "\n")
    assert r.layout == "zk_adms"
    assert punches(r) == [
        [1, "m1", "5", "2024-03-04 07:00:00", "0", "15"],
        [2, "m1", "5", "2024-03-04 16:00:00", "1", "15"],
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "Department,Name,No.,Date/Time,Status,Location ID\r\n",
            "a ZK 'No., Date/Time' export with no record",
            id="zk standalone header",
        ),
        pytest.param(
            "USERID,CHECKTIME,CHECKTYPE,VERIFYCODE\n",
            "an Att2000 CHECKINOUT export with no record",
            id="checkinout header",
        ),
        pytest.param(
            '{"status": true, "data": []}',
            "a Fingerspot get_attlog response with no record",
            id="fingerspot data []",
        ),
        pytest.param("[]", "the JSON holds no records ([])", id="[]"),
    ],
)
def test_files_without_records_are_empty(text, message):
    with pytest.raises(FileEmpty) as err:
        read(text, "attendance/m1/x")
    assert str(err.value).startswith(f"attendance/m1/x: is empty: {message}")
