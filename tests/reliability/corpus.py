"""The bad-input corpus: every reader, the files HR really drops, and what each must get.

A case is (kind, files, file under test, expected). Expected is ``Rejected`` (the whole file is
refused with a message that names it, the line where there is one, and what to do), ``Empty``
(the file holds no record: status ``empty``, not ``rejected``) or ``Loaded`` (exact rows in, rows
valid, and every quarantined row with its line and reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

import pytest

from tests.conftest import E1, E2, E3, E4, E5, E6, MARCH_2024
from tests.reliability import builders as b


@dataclass(frozen=True)
class Rejected:
    """The file is refused: the message starts with the file's name, says each of ``says`` and,
    when ``line`` is set, names that line."""

    says: tuple[str, ...]
    line: int | None = None
    status: ClassVar[str] = "rejected"


@dataclass(frozen=True)
class Empty(Rejected):
    """The file holds no record (0 bytes, blank, a header only, ``[]``): audited ``empty`` with
    a message that starts '<file>: is empty: ' and says each of ``says``."""

    status: ClassVar[str] = "empty"


@dataclass(frozen=True)
class Loaded:
    """The file is read: ``rows_in`` data rows, ``valid`` of them used, ``quarantined`` exactly
    these (line, reason) rows."""

    rows_in: int
    valid: int
    quarantined: list[tuple[int, str]] = field(default_factory=list)


def att(pin: str, when: str) -> str:
    """A ZK USB attlog line: the PIN right-aligned, tab-separated fields."""
    return f"{pin:>9}\t{when}\t1\t0\t1\t0"


def lines(*rows: str, end: str = "\n") -> bytes:
    return (end.join(rows) + end).encode()


ATTLOG = [att("1", "2024-03-04 07:20:00"), att("1", "2024-03-04 16:10:00"),
          att("2", "2024-03-05 07:21:00")]  # fmt: skip
ACNO_HEADER = "AC-No.,No.,Name,Time,State,New State,Exception,Operation"
EMP_HEADER = (
    "nipBaru,nama,nik,noNpwp,rekening,unorNama,unorIndukNama,kedudukanPnsNama,tmtCpns,kelas_jabatan"
)
PIN_HEADER = "device_key,pin,nip,valid_from,valid_to"
LEAVE_HEADER = "nip,leave_type,date_from,date_to,status"
GPP_HEADER = (
    "kdsatker;bulan;tahun;nip;nmpeg;npwp;nm_bank;rekening;gjpokok;tjistri;tjanak;tjupns;tjstruk;"
    "tjfungs"
)
SIMGAJI_HEADER = ["TGLGAJI", "NIP", "NAMA", "GAPOK", "TJISTRI", "TJANAK", "TJESELON", "TJFUNGSI",
                  "TJUMUM"]  # fmt: skip
PENILAIAN_TITLE = "LAPORAN PENILAIAN SKP BULAN MARET TAHUN 2024"
PENILAIAN_HEADER = "id,nip,nama,rating_hasil_kerja,rating_perilaku,hasil_akhir"
DETAIL_HEADER = "nip,periode,jenis,uraian,aspek,target,realisasi,bobot,arah"
HTML = (
    b"<html><head><meta charset='utf-8'></head><body><table><tr><td>nipBaru</td></tr></table>"
    b"</body></html>"
)
NAME_SQL = "Robert'); DROP TABLE dim_employee;--"


def emp(nip: str, name: str = "Andi", kelas: str = "9", kedudukan: str = "Aktif",
        tmt: str = "01-01-2010") -> str:  # fmt: skip
    personal = "3201011209850001,09.254.294.3-407.000,1234567890"  # nik, npwp, rekening
    return f"{nip},{name},{personal},Seksi,Dinas,{kedudukan},{tmt},{kelas}"


def _acno_xlsx(time_cell: object, pin: object = "5") -> bytes:
    return b.xlsx([["Laporan Log Absensi"], [], ["AC-No.", "No.", "Name", "Time", "State"],
                   [pin, "1", "BUDI", time_cell, "C/In"]])  # fmt: skip


def _simgaji(nip_cell: object, gapok: object = 3200000) -> bytes:
    row = [dt.datetime(2024, 3, 1), nip_cell, "Siti Rahma", gapok, 0, 0, 0, 0, 0]
    return b.xlsx([SIMGAJI_HEADER, row])


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
        Loaded(3, 2, [(3, "time '2024-03-' is not a valid YYYY-MM-DD HH:MM:SS")]),
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

REFERENCE = [
    pytest.param("employees.csv", b"", Empty(("0 bytes",)), id="employees empty"),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp(E1)}\n{emp(E2)}".encode()[:-40],
        Loaded(2, 1, [(3, "contract: unorNama is empty: every employee needs a unit")]),
        id="employees truncated mid-row",
    ),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp(E1)}\n".replace(",", ";").encode("utf-8-sig"),
        Loaded(1, 1),
        id="employees semicolon csv with bom",
    ),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp('19850912 201001 1 001')}\n{emp('199003152015032002 ')}\n"
        f"{emp(E3, kedudukan='PPPK')}\n".encode(),
        Loaded(3, 3),
        id="nip printed with spaces and pppk number",
    ),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp('1.98509E+17')}\n{emp('198509122010011001.0')}\n"
        f"{emp('199507202022201003', kedudukan='PPPK')}\n".encode(),
        Loaded(
            3,
            0,
            [
                (
                    2,
                    "NIP in scientific notation (1.98509E+17): it was stored as a spreadsheet "
                    "number and its last digits are lost; re-export the column as text; "
                    "contract: nipBaru is not 18 digits",
                ),
                (
                    3,
                    "NIP has a decimal part (198509122010011001.0): it was stored as a "
                    "spreadsheet number; re-export the column as text; contract: nipBaru is "
                    "not 18 digits",
                ),
                (
                    4,
                    "NIP digits 13-14 are neither a TMT month (PNS) nor a PPPK code '2' + "
                    "contract count",
                ),
            ],
        ),
        id="nip in scientific notation, with .0, bad pppk code",
    ),
    pytest.param(
        "employees.xlsx",
        b.xlsx(
            [
                ["nipBaru", "nama", "unorNama", "kelas_jabatan"],
                [198509122010011001, "Andi", "Seksi", 9],
                [E2, "Siti", "Seksi", 7],
            ]
        ),
        Loaded(
            2,
            1,
            [
                (
                    2,
                    "NIP arrived as a spreadsheet number (1.98509122010011e+17): "
                    "digits after the 15th are lost; re-export the column formatted "
                    "as text",
                )
            ],
        ),
        id="employees xlsx nip as excel number",
    ),
    pytest.param(
        "employees.json",
        b.json_bytes(
            {
                "data": [
                    {
                        "nipBaru": 198509122010011001,
                        "nama": "Andi",
                        "unorNama": "Seksi",
                        "kelas_jabatan": 9,
                    }
                ]
            }
        ),
        Loaded(
            1,
            0,
            [
                (
                    1,
                    "NIP arrived as a spreadsheet number (198509122010011001): "
                    "digits after the 15th are lost; re-export the column formatted "
                    "as text",
                )
            ],
        ),
        id="siasn json nip as a number",
    ),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp(E1)}\n{emp(E1, name='Andi W')}\n".encode(),
        Loaded(2, 1, [(3, "duplicate nipBaru; first at employees.csv:2")]),
        id="employees duplicate nip",
    ),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp(E1, name=chr(34) + NAME_SQL.replace(chr(34), '') + chr(34))}\n"
        f"{emp(E2, kelas='sembilan')}\n{emp(E3, tmt='31-02-2022')}\n".encode(),
        Loaded(
            3,
            1,
            [
                (3, "kelas_jabatan 'sembilan' is not a whole number"),
                (4, "tmtCpns '31-02-2022' is not a date"),
            ],
        ),
        id="employees sql in a name, words for numbers, impossible date",
    ),
    pytest.param(
        "employees.csv",
        f"{EMP_HEADER}\n{emp(E1, tmt='1 Januari 2010')}\n{emp(E2, tmt='1 Maret 2015')}\n".encode(),
        Loaded(2, 2),
        id="employees indonesian month names",
    ),
    pytest.param(
        "employees.xlsx",
        HTML,
        Rejected(("is HTML or XML", "export it again as XLSX or CSV")),
        id="employees xlsx that is really html",
    ),
    pytest.param(
        "employees.csv",
        b"nip,nama,unit\n198509122010011001,Andi,Dinas\n",
        Rejected(
            (
                "no header row with the columns kelasjabatan, nama, nipbaru, unornama",
                "check that this is the right export",
            )
        ),
        id="employees wrong header",
    ),
    pytest.param(
        "employees.xlsx",
        b.xlsx_formulas(
            [
                ["nipBaru", "nama", "unorNama", "kelas_jabatan"],
                ['="198509122010011001"', "Andi", "Seksi", "=5+4"],
            ]
        ),
        Rejected(("formula", "no saved value")),
        id="employees formulas without values",
    ),
    pytest.param(
        "pin_map.csv",
        f"{PIN_HEADER}\ndinkes,1,{E1},2024-03-10,2024-03-01\ndinkes,2,{E2},2024-01-01,\n"
        f"dinkes,2,{E2},2024-02-01,2024-12-31\n*,9,199901012020011999,2024-01-01,\n"
        f"dinkes,,{E2},2024-01-01,\n".encode(),
        Loaded(
            5,
            1,
            [
                (2, "valid_to is before valid_from"),
                (4, "overlaps the mapping of the same device and PIN at pin_map.csv:3"),
                (5, "nip 199901012020011999 is not in the employee master"),
                (6, "pin is empty"),
            ],
        ),
        id="pin map backwards, overlapping, unknown nip, empty pin",
    ),
    pytest.param(
        "pin_map.csv",
        f"{PIN_HEADER}\ndinkes,1,{E1},1 Januari 2024,\n"
        f"bkpsdm,3,{E3},03/13/2024,12/31/2024\n".encode(),
        Loaded(2, 2),
        id="pin map indonesian and us dates",
    ),
    pytest.param(
        "pin_map.xlsx",
        b.xlsx(
            [
                ["device_key", "pin", "nip", "valid_from", "valid_to"],
                ["dinkes", 1, 198509122010011001, dt.datetime(2024, 1, 1), None],
            ]
        ),
        Loaded(
            1,
            0,
            [
                (
                    2,
                    "NIP arrived as a spreadsheet number (1.98509122010011e+17): "
                    "digits after the 15th are lost; re-export the column formatted "
                    "as text",
                )
            ],
        ),
        id="pin map xlsx nip as number",
    ),
    pytest.param(
        "leave.csv",
        f"{LEAVE_HEADER}\n{E2},cuti liburan,2024-03-04,2024-03-05,approved\n"
        f"{E2},cuti_sakit,2024-03-08,2024-03-06,approved\n{E2},izin,2024-03-07,2024-03-07,mungkin\n"
        f"{E2},CT,2024-03-11,2024-03-12,Disetujui\n{E2},sakit,2024-03-12,2024-03-13,acc\n".encode(),
        Loaded(
            5,
            1,
            [
                (
                    2,
                    "leave_type 'cuti liburan' is not one of cuti_tahunan, cuti_sakit, "
                    "cuti_besar, cuti_melahirkan, cuti_alasan_penting, cltn, dinas_luar, izin, "
                    "tugas_belajar",
                ),
                (3, "date_to is before date_from"),
                (
                    4,
                    "status 'mungkin' is not approved, pending or rejected (disetujui, "
                    "diajukan, ditolak)",
                ),
                (6, "overlaps the approved leave at leave.csv:5"),
            ],
        ),
        id="leave unknown type, backwards, unknown status, overlap",
    ),
    pytest.param(
        "devices.csv",
        b"device_key,timezone,date_order\ndinkes,WIB,\ndinkes,WITA,\nkec,GMT+8,\nx,WIT,ydm\n",
        Loaded(
            4,
            1,
            [
                (3, "duplicate device_key; first at devices.csv:2"),
                (
                    4,
                    "contract: timezone is not an IANA zone (e.g. Asia/Jakarta, Asia/Makassar, "
                    "Asia/Jayapura) nor WIB/WITA/WIT",
                ),
                (5, "date_order must be dmy, mdy or ymd"),
            ],
        ),
        id="devices duplicate, unknown zone, bad date order",
    ),
]


def penilaian(*rows: str, title: str = PENILAIAN_TITLE) -> bytes:
    return (
        f"{title}\nInstansi Pemerintah Kabupaten Contoh\n\n{PENILAIAN_HEADER}\n".encode()
        + lines(*rows)
    )


def detail(*rows: str) -> bytes:
    return lines(DETAIL_HEADER, *rows)


EKINERJA = [
    pytest.param(
        "ekinerja/penilaian_mar.csv",
        penilaian(
            f"s1,{E1},Andi,Di Atas Ekspektasi,Di Atas Ekspektasi,Sangat Baik",
            f"s2,{E2},Siti,Luar Biasa,Sesuai Ekspektasi,Baik",
            f"s3,{E3},Budi,,,Istimewa",
            f"s4,{E4},Made,Sesuai Ekspektasi,Sesuai Ekspektasi,Baik",
        ),
        Loaded(
            4,
            2,
            [
                (
                    6,
                    "rating hasil kerja 'Luar Biasa' is not Di Atas, Sesuai or Di Bawah Ekspektasi",
                ),
                (
                    7,
                    "hasil_akhir 'Istimewa' is not a predikat (Sangat Baik, Baik, Butuh "
                    "Perbaikan, Kurang/Misconduct, Sangat Kurang) nor '-' for not assessed",
                ),
            ],
        ),
        id="penilaian ratings outside the allowed set",
    ),
    pytest.param(
        "ekinerja/penilaian.csv",
        penilaian(f"s1,{E1},Andi,,,Baik", title="LAPORAN PENILAIAN SKP"),
        Rejected(
            ("cannot tell which month this Laporan Penilaian SKP is for", "keep the title row")
        ),
        id="penilaian without its month",
    ),
    pytest.param(
        "ekinerja/penilaian_b.csv",
        {
            "ekinerja/penilaian_a.csv": penilaian(f"s1,{E1},Andi,,,Baik"),
            "ekinerja/penilaian_b.csv": penilaian(
                f"s1,{E1},Andi,,,Sangat Baik", f"s5,{E5},Dewi,,,Baik"
            ),
        },
        Loaded(
            2, 1, [(5, "duplicate assessment of the same SKP; first at ekinerja/penilaian_a.csv:5")]
        ),
        id="duplicate nip across two penilaian exports",
    ),
    pytest.param(
        "ekinerja/rw-kinerjaperiodik.json",
        b.json_bytes(
            {
                "data": [
                    {
                        "nip": E1,
                        "tahun": "2024",
                        "periodikNama": "Maret",
                        "hasilKinerja": "Di Atas Ekspektasi",
                        "perilakuKerja": "Sesuai Ekspektasi",
                        "kuadranKinerja": "Baik",
                    },
                    {
                        "nip": 199003152015032002,
                        "tahun": "2024",
                        "periodikNama": "Maret",
                        "kuadranKinerja": "Baik",
                    },
                    {
                        "nip": E3,
                        "tahun": "2024",
                        "periodikNama": "Bulan 13",
                        "kuadranKinerja": "Baik",
                    },
                    {
                        "nip": E4,
                        "tahun": "2024",
                        "periodikNama": "Maret",
                        "hasilKinerja": "Hebat",
                        "perilakuKerja": "Sesuai Ekspektasi",
                    },
                ]
            }
        ),
        Loaded(
            4,
            1,
            [
                (
                    2,
                    "NIP arrived as a spreadsheet number (199003152015032002): digits after "
                    "the 15th are lost; re-export the column formatted as text",
                ),
                (
                    3,
                    "tahun '2024' / periodikNama 'Bulan 13' is not a period (a month, "
                    "Triwulan I-IV, Semester I-II or Tahunan of a year 20xx)",
                ),
                (4, "hasilKinerja 'Hebat' is not Di Atas, Sesuai or Di Bawah Ekspektasi"),
            ],
        ),
        id="siasn json nip as number, unknown period, bad rating",
    ),
    pytest.param(
        "ekinerja/rw-kinerjaperiodik.json",
        {
            "ekinerja/penilaian_mar.csv": penilaian(f"s1,{E1},Andi,,,Sangat Kurang"),
            "ekinerja/rw-kinerjaperiodik.json": b.json_bytes(
                {
                    "data": [
                        {
                            "nip": E1,
                            "tahun": "2024",
                            "periodikNama": "Maret",
                            "kuadranKinerja": "Baik",
                        }
                    ]
                }
            ),
        },
        Loaded(
            1,
            0,
            [
                (
                    1,
                    "conflicting assessment: this siasn_periodik row says Baik; the "
                    "bkn_penilaian row at ekinerja/penilaian_mar.csv:5 says Sangat Kurang and "
                    "holds (docs/performance.md, which assessment counts; profile "
                    "permenpanrb_6_2022.source_priority)",
                )
            ],
        ),
        id="bkn penilaian and siasn periodik disagree",
    ),
    pytest.param(
        "ekinerja/skp_detail_2021s2.csv",
        detail(
            f"{E1},2021-S2,utama,Layanan,,100,-5,,naik",
            f"{E1},2021-S2,utama,Rapat,,100,,,naik",
            f"{E1},2021-S2,utama,Laporan,,100,sepuluh,,naik",
            f"{E1},2021-S3,utama,Survei,,100,90,,naik",
            f'{E1},2021-S2,utama,Inovasi,,100,"87,5",,naik',
        ),
        Loaded(
            5,
            1,
            [
                (2, "realisasi is negative; contract: realisasi is negative"),
                (3, "realisasi is empty: write 0 when nothing was realised"),
                (4, "realisasi 'sepuluh' is not a number"),
                (5, "periode '2021-S3' is not a year (2020) or a semester (2021-S1, 2021-S2)"),
            ],
        ),
        id="skp detail negative, missing and text realisasi",
    ),
    pytest.param(
        "ekinerja/laporan_skp.csv",
        lines(
            "LAPORAN SKP TAHUN 2024",
            "",
            "id,nip,nama,jabatan,skp_unor_induk,is_plt_plh,periode_awal,periode_akhir,skp_status",
            f"s1,{E1},Andi,Dokter,Dinas Kesehatan,0,2024-01-01,2024-12-31,persetujuan",
            f"s2,{E2},Siti,Perawat,Dinas Kesehatan,ya,2024-12-31,2024-01-01,draft",
            f"s1,{E3},Budi,Analis,BKPSDM,0,2024-01-01,2024-12-31,persetujuan",
        ),
        Loaded(
            3,
            1,
            [
                (5, "periode_akhir is before periode_awal"),
                (6, "duplicate SKP id; first at ekinerja/laporan_skp.csv:4"),
            ],
        ),
        id="laporan skp backwards period and duplicate id",
    ),
    pytest.param(
        "ekinerja/predikat_organisasi.csv",
        b"unit,periode,predikat_organisasi\nDinas Kesehatan,2024,Istimewa\n"
        b"BKPSDM,2024,Luar Biasa\nDinas Kesehatan,2024,Baik\n",
        Loaded(
            3,
            1,
            [
                (
                    3,
                    "predikat_organisasi 'Luar Biasa' is not Istimewa, Baik, Butuh "
                    "Perbaikan/Cukup, Kurang or Sangat Kurang",
                ),
                (4, "duplicate organisation predikat; first at ekinerja/predikat_organisasi.csv:2"),
            ],
        ),
        id="organisation predikat unknown label and repeat",
    ),
    pytest.param(
        "ekinerja/notes.csv",
        b"nip,catatan\n198509122010011001,rajin\n",
        Rejected(("has an nip column but is none of the e-Kinerja layouts",)),
        id="ekinerja unknown layout with an nip column",
    ),
    pytest.param(
        "ekinerja/photo.xlsx",
        b.junk(1),
        Rejected(("contains NUL bytes", "remove it from the inbox")),
        id="ekinerja binary junk",
    ),
]

PAYROLL = [
    pytest.param(
        "payroll/gpp_2024-03.csv",
        lines(
            GPP_HEADER,
            f"999999;03;2024;{E3};Budi;09.254.294.3-407.003;BANK X;1234567890;3.203.600,00;"
            "320.360,00;0;190000;0;0",
            f"999999;03;2024;{E2};Siti;09.254.294.3-407.001;BANK X;1234567891;3.200.000,50;"
            "0;0;190000;0;0",
            f"999999;03;2024;{E1};Andi;1;BANK X;2;-5.340.600;0;0;0;0;0",
            f"999999;13;2024;{E4};Made;1;BANK X;2;4100000;0;0;0;0;0",
        ),
        Loaded(
            4,
            1,
            [
                (3, "gjpokok '3.200.000,50' has sen; payroll amounts are whole rupiah"),
                (4, "gjpokok '-5.340.600' is negative"),
                (5, "bulan '13' / tahun '2024' is not a month"),
            ],
        ),
        id="gpp semicolon csv decimal commas, sen, negative, month 13",
    ),
    pytest.param(
        "payroll/simgaji.xlsx",
        _simgaji(199003152015032002.0),
        Loaded(
            1,
            0,
            [
                (
                    2,
                    "NIP arrived as a spreadsheet number (1.99003152015032e+17): "
                    "digits after the 15th are lost; re-export the column formatted "
                    "as text",
                )
            ],
        ),
        id="simgaji nip as excel number",
    ),
    pytest.param(
        "payroll/simgaji_b.xlsx",
        {"payroll/simgaji_a.xlsx": _simgaji(E2), "payroll/simgaji_b.xlsx": _simgaji(E2, 3300000)},
        Loaded(
            1,
            0,
            [
                (
                    2,
                    "conflicting payroll row for the NIP and month: this simgaji row says "
                    "gaji pokok 3300000, tunjangan 0; the simgaji row at payroll/simgaji_a.xlsx:2 "
                    "says gaji pokok 3200000, tunjangan 0 and holds (same layout: the file read "
                    "first holds)",
                )
            ],
        ),
        id="duplicate nip across payroll exports",
    ),
    pytest.param(
        "payroll/fgaji.csv",
        lines(
            ",".join(SIMGAJI_HEADER),
            f'1 Maret 2024,{E2},Siti,"3,200,000",0,0,0,0,0',
            f'01/03/2024,{E5},Dewi,"Rp 3.300.000,-",0,0,0,0,0',
            f"2024-03-01,{E6},Rudi,dua juta,0,0,0,0,0",
        ),
        Loaded(3, 2, [(4, "gapok 'duajuta' is not an amount in rupiah")]),
        id="simgaji month names, thousands, rupiah prefix, words",
    ),
    pytest.param(
        "payroll/slip.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        Rejected(("is not a payroll export this pipeline knows", "accepted: the GPP export")),
        id="payroll pdf",
    ),
]

TPP_REFERENCE = [
    pytest.param(
        "reference/sanctions.csv",
        lines(
            "nip,sanction_type,decision_date,months,nomor_sk",
            f"{E1},Pemotongan TPP 25%,15 Januari 2024,7,800/12",
            f"{E2},dipecat,2024-01-15,6,800/13",
            f"{E3},teguran lisan,2024-13-01,0,800/14",
            f"{E4},pemotongan_tpp,2024-02-01,enam,800/15",
        ),
        Loaded(
            4,
            0,
            [
                (2, "pemotongan_tpp lasts 7 months; PP 94/2021 allows pemotongan_tpp: [6, 9, 12]"),
                (
                    3,
                    "sanction_type 'dipecat' is not a PP 94/2021 hukuman disiplin "
                    "(teguran_lisan, teguran_tertulis, pernyataan_tidak_puas, pemotongan_tpp, "
                    "penurunan_jabatan, pembebasan_jabatan, pemberhentian)",
                ),
                (4, "decision_date '2024-13-01' is not a date"),
                (5, "months 'enam' is not a whole number of months"),
            ],
        ),
        id="sanctions bad duration, type, date, months",
    ),
    pytest.param(
        "reference/status.csv",
        lines(
            "nip,status,date_from,date_to",
            f"{E5},CLTN,2024-03-01,2024-05-31",
            f"{E5},cltn,2024-04-01,2024-06-30",
            f"{E6},CPNS,2024-03-18,2024-03-01",
            f"{E2},cuti besar,2024-03-01,",
        ),
        Loaded(
            4,
            1,
            [
                (3, "overlaps the interval of the same status at reference/status.csv:2"),
                (4, "date_to is before date_from"),
                (
                    5,
                    "status 'cuti besar' is not one of cpns, cltn, diberhentikan_sementara, "
                    "tugas_belajar, pensiun, mutasi_keluar, berhenti",
                ),
            ],
        ),
        id="status events overlap, backwards, unknown",
    ),
    pytest.param(
        "reference/ceilings.csv",
        lines(
            "kelas_jabatan,valid_from,amount",
            "9,2024-01-01,6.100.000",
            "18,2024-01-01,9.000.000",
            '7,2024-01-01,"4.000.000,50"',
            "5,2024-01-01,",
        ),
        Loaded(
            4,
            1,
            [
                (3, "kelas_jabatan '18' is not a kelas 1-17"),
                (4, "amount '4.000.000,50' has sen; payroll amounts are whole rupiah"),
                (5, "amount is empty"),
            ],
        ),
        id="ceilings kelas 18, sen, empty amount",
    ),
    pytest.param(
        "reference/nomor_sk.csv",
        b"nomor_sk,tanggal\n800/12,2024-01-15\n",
        Rejected(("is not a TPP reference file this pipeline knows", "see docs/tpp.md")),
        id="reference unknown kind",
    ),
]

# a file with no record is reported empty whatever its kind: never "layout not recognised", never
# a crash (a [] employee master raised KeyError before)
EMPTY = [
    pytest.param(
        "attendance/kec-timur/header.csv",
        (ACNO_HEADER + "\n").encode(),
        Empty(("a ZKTime 'AC-No.' export with no record", "export it again from the machine")),
        id="attendance acno header only",
    ),
    pytest.param(
        "attendance/disdik/none.json",
        b'{"status": true, "data": []}',
        Empty(("a Fingerspot get_attlog response with no record",)),
        id="attendance fingerspot data []",
    ),
    pytest.param(
        "attendance/disdik/list.json",
        b"[]",
        Empty(("the JSON holds no records ([])",)),
        id="attendance json []",
    ),
    pytest.param("employees.json", b"[]", Empty(("holds no records ([])",)), id="employees []"),
    pytest.param(
        "pin_map.csv",
        (PIN_HEADER + "\n").encode(),
        Empty(("a header row (row 1) and no records",)),
        id="pin map header only",
    ),
    pytest.param(
        "leave.json",
        b'{"data": []}',
        Empty(("the JSON 'data' list holds no records",)),
        id="leave data []",
    ),
    pytest.param(
        "payroll/gpp.csv",
        (GPP_HEADER + "\n").encode(),
        Empty(("a header row (row 1) and no records",)),
        id="payroll header only",
    ),
    pytest.param("payroll/gaji.json", b"[]", Empty(("holds no records ([])",)), id="payroll []"),
    pytest.param(
        "ekinerja/rw-kinerjaperiodik.json",
        b"[]",
        Empty(("holds no records ([])",)),
        id="ekinerja []",
    ),
    pytest.param(
        "ekinerja/penilaian.csv",
        b"nip,predikat\n",
        Empty(("a header row (row 1) and no records",)),
        id="ekinerja header only",
    ),
    pytest.param(
        "reference/sanctions.csv",
        b"\xef\xbb\xbf\r\n",
        Empty(("only blank lines",)),
        id="reference bom and blank line",
    ),
]

CASES = [*ATTENDANCE, *REFERENCE, *EKINERJA, *PAYROLL, *TPP_REFERENCE, *EMPTY]
