"""The bad-input corpus: attendance cases (see tests/reliability/corpus/__init__.py)."""

from __future__ import annotations

import pytest

from tests.conftest import MARCH_2024
from tests.reliability import builders as b
from tests.reliability.corpus.common import (
    ACNO_HEADER,
    ATTLOG,
    HTML,
    Empty,
    Loaded,
    Rejected,
    _acno_xlsx,
    att,
    lines,
)

ATTENDANCE = [
    pytest.param(
        "attendance/dinkes/empty.dat",
        b"",
        Empty(("0 bytes", "export it again from the machine")),
        id="attendance empty file",
    ),
    pytest.param(
        "attendance/dinkes/blank.dat",
        b"  \r\n\n\t\n",
        Empty(("only blank lines", "export it again")),
        id="attendance only blank lines",
    ),
    pytest.param(
        "attendance/dinkes/cut.dat",
        lines(*ATTLOG)[:-20],
        Loaded(
            3,
            2,
            [(3, "file ends mid-record: time '2024-03-' is not a valid YYYY-MM-DD HH:MM:SS")],
        ),
        id="attlog truncated mid-line",
    ),
    pytest.param(
        "attendance/dinkes/ssr_cut.dat",
        lines("AEYU193160054", *ATTLOG),
        Loaded(
            4,
            3,
            [
                (
                    1,
                    "an SSR serial line, but the file has no checksum line: it may "
                    "be truncated; copy it from the machine again",
                )
            ],
        ),
        id="ssr dump without its checksum line",
    ),
    pytest.param(
        "attendance/dinkes/crlf_bom.dat",
        b"\xef\xbb\xbf" + lines(*ATTLOG, end="\r\n"),
        Loaded(3, 3),
        id="attlog with utf-8 bom and crlf",
    ),
    pytest.param(
        "attendance/kec-timur/log.csv",
        f"{ACNO_HEADER}\n4,1,JOSÉ,3/4/2024 7:31 AM,C/In,,,\n".encode("utf-16"),
        Loaded(1, 1),
        id="acno csv in utf-16 with bom",
    ),
    pytest.param(
        "attendance/kec-timur/cp1252.csv",
        f"{ACNO_HEADER}\n4,1,JOSÉ ÑUÑEZ,3/4/2024 7:31 AM,C/In,,,\n".encode("cp1252"),
        Loaded(1, 1),
        id="acno csv in windows-1252",
    ),
    pytest.param(
        "attendance/dinkes/bad_bom.dat",
        b"\xff\xfe" + b"\x00\xd8" + b"1\x00",
        Rejected(("byte-order mark but does not decode as utf-16",)),
        id="utf-16 bom on bytes that are not utf-16",
    ),
    pytest.param(
        "attendance/dinkes/semicolon.csv",
        b"AC-No.;Name;Time;State\n1;BUDI;04/03/2024 07:31;C/In\n1;BUDI;13/03/2024 16:02;C/Out\n",
        Loaded(2, 2),
        id="acno semicolon csv day-first",
    ),
    pytest.param(
        "attendance/kec-timur/us.csv",
        f"{ACNO_HEADER}\n4,1,B,3/4/2024 7:31 AM,C/In,,,\n4,1,B,3/4/2024 4:02 PM,C/Out,,,\n"
        "4,1,B,2024-03-04 16:05:00,C/Out,,,\n4,1,B,13/4/2024 4:02 PM,C/Out,,,\n".encode(),
        Loaded(
            4,
            3,
            [
                (
                    5,
                    "Time '13/4/2024 4:02 PM' does not match the file's date-time "
                    "format %m/%d/%Y %I:%M %p + %Y-%m-%d %H:%M:%S (declared mdy)",
                )
            ],
        ),
        id="acno us dates, one iso, one impossible month",
    ),
    pytest.param(
        "attendance/disdik/bulan.csv",
        b"AC-No.,Name,Time\n7,B,4 Maret 2024 07:31\n7,B,12 Maret 2024 16:02\n"
        b"7,B,31 Pebruari 2024 07:00\n",
        Loaded(
            3,
            2,
            [
                (
                    4,
                    "Time '31 Pebruari 2024 07:00' does not match the file's "
                    "date-time format %d/%m/%Y %H:%M",
                )
            ],
        ),
        id="acno indonesian month names",
    ),
    pytest.param(
        "attendance/dinkes/reset.dat",
        lines(att("1", "2000-01-01 00:00:12"), att("1", "1999-12-31 23:00:00"), *ATTLOG),
        Loaded(
            5,
            3,
            [
                (
                    1,
                    "device clock reset: 2000-01-01 00:00:12 is a reset date; check "
                    "the machine's clock",
                ),
                (
                    2,
                    "impossible time 1999-12-31 23:00:00 (before 2000-01-02); check "
                    "the machine's clock",
                ),
            ],
        ),
        id="device clock reset 2000-01-01",
    ),
    pytest.param(
        "attendance/dinkes/future.dat",
        lines(*ATTLOG, att("1", "2031-05-01 07:00:00")),
        Loaded(
            4,
            3,
            [
                (
                    4,
                    "time 2031-05-01 07:00:00 is later than the file itself "
                    "(modified 2024-04-02 00:00 UTC): a scan from the future; check "
                    "the machine's clock",
                )
            ],
        ),
        id="scan from the future",
    ),
    pytest.param(
        "attendance/dinkes/readme.txt",
        b"Petunjuk: salin file dari flashdisk\nterima kasih\n",
        Rejected(("layout not recognised", "accepted layouts: ZK USB attlog")),
        id="unknown layout",
    ),
    pytest.param(
        "attendance/kec-timur/AttLog.xlsx",
        HTML,
        Rejected(("is HTML or XML", "a web page saved with an .xls name?")),
        id="xlsx that is really html",
    ),
    pytest.param(
        "attendance/kec-timur/AttLog.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        Rejected(("old binary Excel (.xls)", "save it as .xlsx")),
        id="binary xls",
    ),
    pytest.param(
        "attendance/kec-timur/cut.xlsx",
        _acno_xlsx("2024-03-04 07:31:00")[:900],
        Rejected(("not a readable XLSX", "re-export or copy it again")),
        id="xlsx truncated",
    ),
    pytest.param(
        "attendance/kec-timur/other.xlsx",
        b.xlsx([["Nama", "Jam"], ["B", "07:31"]]),
        Rejected(("XLSX workbook without a known attendance header",)),
        id="xlsx without an acno header",
    ),
    pytest.param(
        "attendance/kec-timur/bomb.xlsx",
        b.zip_bomb(_acno_xlsx("2024-03-04 07:31:00")),
        Rejected(("refused as a possible zip bomb", "export a smaller file")),
        id="xlsx zip bomb",
    ),
    pytest.param(
        "attendance/kec-timur/lying.xlsx",
        b.lying_sizes(_acno_xlsx("2024-03-04 07:31:00")),
        Rejected(("Bad CRC-32", "re-export or copy it again")),
        id="xlsx whose zip headers lie about sizes",
    ),
    pytest.param(
        "attendance/kec-timur/linked.xlsx",
        b.external_link(_acno_xlsx("2024-03-04 07:31:00")),
        Rejected(("links to external workbooks", "Break links")),
        id="xlsx external link",
    ),
    pytest.param(
        "attendance/dinkes/huge.dat",
        b.junk(50),
        Rejected(("contains NUL bytes: a binary file",)),
        id="huge 50 MB junk file",
    ),
    pytest.param(
        "attendance/kec-timur/formula.xlsx",
        b.xlsx_formulas([["AC-No.", "Name", "Time"], ["4", "B", "=DATE(2024,3,4)+TIME(7,31,0)"]]),
        Rejected(("formula", "no saved value", "open it in Excel and save it")),
        id="xlsx formula cells without saved values",
    ),
    pytest.param(
        "attendance/kec-timur/merged.xlsx",
        b.xlsx(
            [
                ["LAPORAN LOG ABSENSI"],
                ["AC-No.", "Name", "Time"],
                [],
                ["4", "B", "2024-03-04 07:31:00"],
                ["4", "B", "2024-03-04 16:05:00"],
            ],
            merged=("A1:C1", "A2:A3", "B2:B3", "C2:C3"),
        ),
        Loaded(2, 2),
        id="xlsx merged title and header cells",
    ),
    pytest.param(
        "attendance/kec-timur/names.csv",
        f'{ACNO_HEADER}\n4,1,"Made O\'Neil, S.Kom",3/4/2024 7:31 AM,C/In,,,\n'
        f'4,1,"x""); DROP TABLE fact_attendance_daily;--",3/4/2024 4:01 PM,C/Out,,,\n'.encode(),
        Loaded(2, 2),
        id="acno names with quotes, commas and sql",
    ),
    pytest.param(
        "attendance/kec-timur/unquoted.csv",
        f"{ACNO_HEADER}\n4,1,Made,3/4/2024 7:31 AM,C/In,,,\n"
        "4,1,O'Neil, Made,3/4/2024 4:01 PM,C/Out,,,,\n".encode(),
        Rejected(
            ("more fields than the header", "line 3", "contains the delimiter"),
        ),
        id="acno name with an unquoted comma",
    ),
    pytest.param(
        "attendance/dinkes/sqlpin.dat",
        lines(att("1'; DROP TABLE quarantine;--", "2024-03-04 07:20:00"), *ATTLOG),
        Loaded(4, 4),
        id="attlog pin with sql in it",
    ),
    pytest.param(
        "attendance/disdik/cut.json",
        b'{"status": true, "data": [{"pin": "7", "scan": "2024-03-0',
        Rejected(("is not valid JSON", "may be truncated"), line=1),
        id="fingerspot truncated json",
    ),
    pytest.param(
        "attendance/disdik/refused.json",
        b.json_bytes({"status": False, "message": "limit exceeded"}),
        Rejected(("every response has status false", "fetch the period again")),
        id="fingerspot every call refused",
    ),
    pytest.param(
        "attendance/disdik/personal.json",
        b.json_bytes(
            {
                "status": True,
                "data": [
                    {"pin": "7", "scan": "2024-03-04 07:20:00", "verify": "1", "status_scan": "0"},
                    {
                        "pin": "",
                        "scan": "2024-03-04 07:21:00",
                        "verify": "1",
                        "status_scan": "0",
                        "nama": "Dewi Lestari",
                        "nik": "3201017011920005",
                    },
                    {"pin": "7", "scan": "04-03-2024 16:00", "verify": "1", "status_scan": "1"},
                ],
            }
        ),
        Loaded(
            3,
            1,
            [(2, "record has no 'pin'"), (3, "scan '04-03-2024 16:00' is not YYYY-MM-DD HH:MM:SS")],
        ),
        id="fingerspot records with personal fields and bad times",
    ),
    pytest.param(
        "attendance/bkpsdm/operlog.txt",
        b"POST /iclock/cdata?SN=BKP0012345&table=OPERLOG\n"
        b"USER PIN=3\tName=Budi Santoso\tPri=0\tPasswd=1234\tCard=[0000]\tGrp=1\n"
        b"3\t2024-03-04 07:20:00\t0\t1\t0\t0\t0\t0\t0\t0\n",
        Loaded(
            2,
            1,
            [
                (
                    2,
                    "not an ATTLOG record: expected PIN, YYYY-MM-DD HH:MM:SS, "
                    "state, verify, workcode",
                )
            ],
        ),
        id="adms push with a user line carrying a name and password",
    ),
    pytest.param(
        "attendance/bkpsdm/adms_mixed.txt",
        b"3,2024-03-04 07:20:00,0,1,0\n3 2024-03-04 16:10:00 1 1 0\n"
        b"3\t2024-03-32 07:20:00\t0\t1\t0\t0\n",
        Loaded(3, 2, [(3, "time '2024-03-32 07:20:00' is not a valid date-time")]),
        id="adms commas, spaces and an impossible date",
    ),
    pytest.param(
        "attendance/orphan.dat",
        lines(*ATTLOG),
        Rejected(("is directly in attendance/", "attendance/<device_key>/")),
        id="export outside any machine folder",
    ),
    pytest.param(
        "attendance/dinkes/outside.dat",
        b.symlink_to(MARCH_2024 / "pin_map.csv"),
        Rejected(("symbolic link that points outside the inbox", "copy the file instead")),
        id="symlink pointing outside the inbox",
    ),
    pytest.param(
        "attendance/dinkes/1_attlog (copy).dat",
        {
            "attendance/dinkes/1_attlog.dat": lines(*ATTLOG),
            "attendance/dinkes/1_attlog (copy).dat": lines(*reversed(ATTLOG)),
        },
        Loaded(3, 3),
        id="same export twice in one folder, reordered",
    ),
    pytest.param(
        "attendance/disdik/1_attlog.dat",
        {
            "attendance/dinkes/1_attlog.dat": lines(*ATTLOG),
            "attendance/disdik/1_attlog.dat": lines(*ATTLOG),
        },
        Rejected(
            (
                "is identical to attendance/dinkes/1_attlog.dat in another machine's folder",
                "remove the misplaced copy",
            )
        ),
        id="same export in another machine's folder",
    ),
    pytest.param(
        "attendance/dinkes/feb.dat",
        lines(att("1", "2024-02-05 07:20:00"), att("1", "2024-02-05 16:10:00")),
        Loaded(2, 2),
        id="export of the wrong month",
    ),
]
