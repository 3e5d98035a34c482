"""The four attendance layouts, detected from content, with their real-world quirks."""

import datetime as dt
import io
import json

import pytest
import xlsxwriter

from formats.attendance import read_attendance
from formats.base import FileRejected
from vocabulary import columns as c

ATTLOG = (
    "        1\t2024-03-01 07:25:01\t1\t0\t1\t0\n"
    "       12\t2024-03-01 16:05:00\t1\t1\t1\t0\n"
    "garbage line\n"
    "\n"
    "EMP-20001\t2024-03-01 09:15:00\t99\t0\t3\t0\n"
    "       13\t2024-02-30 07:00:00\t1\t0\t1\t0\n"
)


def times(result) -> list[str]:
    return [str(t) for t in result.rows[c.LOCAL_TIME]]


def test_zk_attlog_padded_pins_junk_and_lineage():
    r = read_attendance(ATTLOG.encode(), "attendance/d1/1_attlog.dat", "d1")
    assert r.layout == "zk_attlog"
    assert r.rows[c.PIN].tolist() == ["1", "12", "EMP-20001"]
    assert r.rows[c.SOURCE_LINE].tolist() == [1, 2, 5]
    assert times(r) == ["2024-03-01 07:25:01", "2024-03-01 16:05:00", "2024-03-01 09:15:00"]
    assert r.rows[c.DIRECTION_HINT].tolist() == ["0", "1", "0"]  # Status, kept as a hint
    assert r.rows[c.VERIFY].tolist() == ["1", "1", "3"]
    assert set(r.rows[c.DEVICE_KEY]) == {"d1"}
    assert r.quarantine[[c.SOURCE_LINE, c.RAW]].values.tolist() == [
        [3, "garbage line"],
        [6, "       13\t2024-02-30 07:00:00\t1\t0\t1\t0"],
    ]
    assert r.quarantine[c.REASON].tolist() == [
        "not an attlog record: expected PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>...",
        "time '2024-02-30 07:00:00' is not a valid YYYY-MM-DD HH:MM:SS",
    ]
    assert r.rows_in == 5  # the blank line is not a row


def test_zk_attlog_ssr_variant_with_crlf():
    text = "AEYU193160054\r\n        1\t2024-03-01 07:25:01\t1\t0\t1\t0\r\n9F3A7C21\r\n"
    r = read_attendance(text.encode(), "x.dat", "d1")
    assert r.layout == "zk_attlog_ssr"
    assert r.info["serial"] == "AEYU193160054" and r.info["checksum"] == "9F3A7C21"
    assert len(r.rows) == 1 and r.quarantine.empty
    assert r.rows[c.SOURCE_LINE].tolist() == [2]


def test_zk_attlog_serial_without_checksum_is_kept_as_a_quarantined_row():
    text = "AEYU193160054\n        1\t2024-03-01 07:25:01\t1\t0\t1\t0\n"
    r = read_attendance(text.encode(), "x.dat", "d1")
    assert r.layout == "zk_attlog" and "no checksum" in r.info["warning"]
    assert r.quarantine[[c.SOURCE_LINE, c.RAW]].values.tolist() == [[1, "AEYU193160054"]]
    assert "may be truncated" in r.quarantine[c.REASON].iloc[0]
    assert len(r.rows) == 1


def test_one_word_junk_lines_are_never_dropped_silently():
    text = "junk\n        1\t2024-03-01 07:25:01\t1\t0\t1\t0\n"
    r = read_attendance(text.encode(), "x.dat", "d1")
    assert r.rows_in == 2 and len(r.quarantine) == 1


def test_zk_adms_field_order_differs_from_usb():
    body = (
        "POST /iclock/cdata?SN=CQZ7232260123&table=ATTLOG&Stamp=9999\n"
        "11\t2025-08-27 10:57:49\t1\t25\t0\t0\t0\t0\t0\t0\n"
        "12,2025-08-27 11:00:00,0,15,0\n"
        "OPLOG 4\t0\t2025-08-27 11:00:00\t0\t0\t0\t0\n"
    )
    r = read_attendance(body.encode(), "attendance/b/push.txt", "b")
    assert r.layout == "zk_adms" and r.info["serial"] == "CQZ7232260123"
    # field 3 is the in/out state and field 4 the verify type (the USB file has them reversed)
    assert r.rows[[c.PIN, c.DIRECTION_HINT, c.VERIFY]].values.tolist() == [
        ["11", "1", "25"],
        ["12", "0", "15"],
    ]
    assert r.rows[c.SOURCE_LINE].tolist() == [2, 3]
    assert r.quarantine[c.SOURCE_LINE].tolist() == [4]
    assert r.quarantine[c.REASON].iloc[0].startswith("not an ATTLOG record")


def test_adms_without_request_line_is_told_apart_by_field_count():
    body = "7\t2024-03-04 07:20:00\t0\t1\t0\t0\t0\t0\t0\t0\n7\t2024-03-04 16:10:00\t1\t1\t0\n"
    assert read_attendance(body.encode(), "a.log", "b").layout == "zk_adms"


def test_zktime_acno_csv_us_times_and_declared_order():
    csv = (
        "AC-No.,No.,Name,Time,State,New State,Exception,Operation\n"
        "5,1,BUDI,3/4/2024 7:31 AM,C/In,,,\n"
        "5,1,BUDI,3/4/2024 4:02 PM,C/Out,,,\n"
        "6,2,SITI,3/4/2024 12:05 PM,C/Out,,,\n"
        "6,2,SITI,not a time,C/Out,,,\n"
    )
    r = read_attendance(csv.encode(), "attendance/k/AttLog.csv", "k", date_order="mdy")
    assert r.layout == "zktime_acno"
    assert times(r) == ["2024-03-04 07:31:00", "2024-03-04 16:02:00", "2024-03-04 12:05:00"]
    assert r.rows[c.SOURCE_LINE].tolist() == [2, 3, 4]
    assert "BUDI" not in " ".join(r.rows[c.RAW]) and "SITI" not in " ".join(r.quarantine[c.RAW])
    assert r.quarantine[c.REASON].iloc[0].startswith("Time 'not a time' does not match")


def test_zktime_day_first_text_in_a_semicolon_file():
    csv = "AC-No.;Name;Time;State\n5;BUDI;04/03/2024 07:31;C/In\n5;BUDI;13/03/2024 16:02;C/Out\n"
    r = read_attendance(csv.encode(), "k.csv", "k")
    assert r.info["delimiter"] == ";"
    assert times(r) == ["2024-03-04 07:31:00", "2024-03-13 16:02:00"]


def test_zktime_indonesian_month_names():
    csv = "AC-No.,Name,Time\n5,B,4 Maret 2024 07:31\n5,B,12 Agustus 2024 16:02\n"
    r = read_attendance(csv.encode(), "k.csv", "k")
    assert times(r) == ["2024-03-04 07:31:00", "2024-08-12 16:02:00"]


def acno_xlsx() -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("Original Records")
    ws.write_row(0, 0, ["Laporan Log Absensi"])
    ws.write_row(2, 0, ["AC-No.", "No.", "Name", "Time", "State"])
    fmt = wb.add_format({"num_format": "m/d/yyyy h:mm AM/PM"})
    ws.write_number(3, 0, 4)
    ws.write_string(3, 2, "NAMA")
    ws.write_datetime(3, 3, dt.datetime(2024, 3, 4, 7, 31), fmt)
    ws.write_string(4, 0, "4")
    ws.write_string(4, 3, "3/4/2024 4:02 PM")
    ws.write_number(5, 0, 4)
    ws.write_number(5, 3, 45355.3340277778)  # an unformatted Excel serial
    wb.close()
    return buf.getvalue()


def test_zktime_xlsx_date_cells_text_cells_and_header_not_on_row_one():
    r = read_attendance(acno_xlsx(), "attendance/k/log.xlsx", "k", date_order="mdy")
    assert r.layout == "zktime_acno"
    assert r.rows[c.PIN].tolist() == ["4", "4", "4"]  # a number cell 4, not 4.0
    assert times(r) == ["2024-03-04 07:31:00", "2024-03-04 16:02:00", "2024-03-04 08:01:00"]
    assert r.rows[c.SOURCE_LINE].tolist() == [4, 5, 6]  # spreadsheet rows
    assert r.info["header_row"] == "3"


FS = {
    "status": True,
    "message": "success",
    "data": [
        {"pin": "101", "scan": "2024-06-24 08:00:15", "verify": "1", "status_scan": "0"},
        {"pin": "102", "scan": "2024-06-24 17:01:00", "verify": "2", "status_scan": "1"},
    ],
}


def test_fingerspot_single_response():
    r = read_attendance(json.dumps(FS).encode(), "attendance/f/scanlog.dat", "f")
    assert r.layout == "fingerspot_json"  # detected by content, not by the .dat name
    assert r.rows[[c.PIN, c.VERIFY, c.DIRECTION_HINT]].values.tolist() == [
        ["101", "1", "0"],
        ["102", "2", "1"],
    ]
    assert times(r) == ["2024-06-24 08:00:15", "2024-06-24 17:01:00"]


def test_fingerspot_several_responses_and_json_lines():
    refused = {"status": False, "message": "limit exceeded"}
    bad = {"status": True, "data": [{"pin": "103", "scan": "24/06/2024"}, {"scan": "x"}]}
    as_list = read_attendance(json.dumps([FS, refused, bad]).encode(), "f.json", "f")
    assert len(as_list.rows) == 2 and as_list.info["responses_refused"] == "1"
    assert as_list.quarantine[c.SOURCE_LINE].tolist() == [3, 4]  # record ordinals
    lines = "\n".join(json.dumps(x) for x in (FS, bad)) + "\n"
    as_lines = read_attendance(lines.encode(), "f.json", "f")
    assert as_lines.rows[c.SOURCE_LINE].tolist() == [1, 1]  # JSON lines: line numbers
    assert as_lines.quarantine[c.SOURCE_LINE].tolist() == [2, 2]


def test_fingerspot_every_call_refused_rejects_the_file():
    with pytest.raises(FileRejected, match=r"status false.*limit exceeded"):
        read_attendance(
            json.dumps({"status": False, "message": "limit exceeded"}).encode(), "f.json", "f"
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"  \n\n", "is empty", id="blank"),
        pytest.param(
            b"hello\nworld\n",
            "layout not recognised; accepted layouts: ZK USB attlog",
            id="unknown layout",
        ),
        pytest.param(
            b"<html><body><table><tr><td>1</td></tr></table></body></html>",
            "is HTML or XML",
            id="html saved as xls",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old binary Excel", id="xls biff"
        ),
        pytest.param(b"PK\x03\x04truncated", "not a readable XLSX", id="truncated xlsx"),
        pytest.param(b'{"status": true, "data": [', "not valid JSON", id="truncated json"),
    ],
)
def test_unreadable_files_are_rejected_with_the_file_named(data, message):
    with pytest.raises(FileRejected) as err:
        read_attendance(data, "attendance/x/bad.dat", "x")
    assert str(err.value).startswith("attendance/x/bad.dat")
    assert message in str(err.value)


def test_encodings_and_boms():
    text = "AC-No.,Name,Time\n5,JOSÉ,2024-03-04 07:31:00\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-16"), text.encode("cp1252")):
        r = read_attendance(data, "k.csv", "k")
        assert times(r) == ["2024-03-04 07:31:00"], data[:4]
    assert read_attendance(text.encode("utf-16"), "k.csv", "k").info["encoding"] == "utf-16"
