"""The bad-input corpus: reference cases (see tests/reliability/corpus/__init__.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import E1, E2, E3
from tests.reliability import builders as b
from tests.reliability.corpus.common import (
    EMP_HEADER,
    HTML,
    LEAVE_HEADER,
    NAME_SQL,
    PIN_HEADER,
    Empty,
    Loaded,
    Rejected,
    emp,
)

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
