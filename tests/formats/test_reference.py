"""Employee master, PIN map, leave and devices readers: SIASN names, text NIPs, dates."""

import io
import json

import pandas as pd
import pytest
import xlsxwriter

from formats.base import FileEmpty
from formats.reference import read_devices, read_employees, read_leave, read_pin_map
from vocabulary import columns as c

HEADER = (
    "nipBaru,nama,nik,noNpwp,unorNama,unorIndukNama,jabatanNama,jenisJabatan,"
    "kedudukanPnsNama,golRuangAkhir,tmtCpns,tmtPensiun,kelas_jabatan\n"
)


def test_employees_csv_keeps_needed_fields_and_drops_personal_ones():
    csv = HEADER + (
        '198509122010011001,"dr. Andi, Sp.PD",3201011209850001,09.254.294.3-407.000,Seksi A,'
        "Dinas Kesehatan,Dokter,Fungsional,Aktif,III/d,01-01-2010,01-10-2045,11\n"
        "199507202022211003,Budi,3201,,Bidang B,BKPSDM,Pengolah,Pelaksana,PPPK Aktif,IX,"
        "01-04-2022,,6\n"
        "199003152015032002,Siti,3202,,Seksi A,Dinas Kesehatan,Perawat,Fungsional,Aktif,II/c,"
        "31-02-2015,,tujuh\n"
    )
    r = read_employees(csv.encode(), "employees.csv")
    assert "nik" not in r.rows.columns and "noNpwp" not in r.rows.columns
    assert "3201011209850001" not in " ".join(r.rows[c.RAW]) + " ".join(r.quarantine[c.RAW])
    assert r.rows[c.NIP].tolist() == ["198509122010011001", "199507202022211003"]
    assert r.rows[c.EMPLOYEE_KIND].tolist() == ["pns", "pppk"]
    assert r.rows[c.KELAS_JABATAN].tolist() == [11, 6]
    assert str(r.rows.loc[0, c.ACTIVE_FROM]) == "2010-01-01 00:00:00"
    assert str(r.rows.loc[0, c.ACTIVE_TO]) == "2045-09-30 00:00:00"  # day before tmtPensiun
    assert r.rows[c.SOURCE_LINE].tolist() == [2, 3]
    assert r.quarantine[[c.SOURCE_LINE, c.REASON]].values.tolist() == [
        [4, "kelas_jabatan 'tujuh' is not a whole number"]
    ]


def test_employees_xlsx_rejects_nip_stored_as_a_number():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["nipBaru", "nama", "unorNama", "kelas_jabatan"])
    ws.write_number(1, 0, 199001012015031001)  # Excel keeps 15 digits: ...008
    ws.write_row(1, 1, ["A", "Unit", 7])
    ws.write_string(2, 0, "199001012015031001")
    ws.write_row(2, 1, ["B", "Unit", 7])
    wb.close()
    r = read_employees(buf.getvalue(), "employees.xlsx")
    assert r.rows[c.NIP].tolist() == ["199001012015031001"]
    assert r.quarantine[c.SOURCE_LINE].tolist() == [2]
    assert r.quarantine[c.REASON].iloc[0] == (
        "NIP arrived as a spreadsheet number (1.99001012015031e+17): digits after the 15th are "
        "lost; re-export the column formatted as text"
    )


def test_employees_json_from_siasn_wrapper_rejects_numeric_nip():
    doc = {
        "code": 1,
        "data": [
            {"nipBaru": "198509122010011001", "nama": "A", "unorNama": "U", "kelas_jabatan": 9},
            {"nipBaru": 198509122010011001, "nama": "B", "unorNama": "U", "kelas_jabatan": 9},
        ],
    }
    r = read_employees(json.dumps(doc).encode(), "employees.json")
    assert r.rows[c.KELAS_JABATAN].tolist() == [9]
    assert r.quarantine[c.REASON].iloc[0].startswith("NIP arrived as a spreadsheet number")


def test_pin_map_dates_star_and_errors():
    csv = (
        "device_key,pin,nip,valid_from,valid_to\n"
        "dinkes,1,198509122010011001,2024-01-01,\n"
        "*,99,200001012024031006,18/03/2024,31/12/2024\n"
        "dinkes,2,199003152015032002,2024-05-01,2024-04-01\n"
        ",3,199003152015032002,2024-01-01,\n"
    )
    r = read_pin_map(csv.encode(), "pin_map.csv")
    assert r.rows[[c.DEVICE_KEY, c.PIN]].values.tolist() == [["dinkes", "1"], ["*", "99"]]
    assert pd.isna(r.rows.loc[0, c.VALID_TO])
    assert r.quarantine[c.REASON].tolist() == [
        "valid_to is before valid_from",
        "device_key is empty (use * for all machines)",
    ]


def test_leave_aliases_and_statuses():
    csv = (
        "nip;leave_type;date_from;date_to;status\n"
        "198509122010011001;Cuti Tahunan;2024-03-04;2024-03-05;Disetujui\n"
        "198509122010011001;DL;2024-03-06;2024-03-06;diajukan\n"
        "198509122010011001;CAP;2024-03-07;2024-03-07;ditolak\n"
        "198509122010011001;cuti_haji;2024-03-08;2024-03-08;approved\n"
        "198509122010011001;sakit;2024-03-08;2024-03-08;maybe\n"
    )
    r = read_leave(csv.encode(), "leave.csv")
    assert r.rows[[c.LEAVE_TYPE, c.STATUS]].values.tolist() == [
        ["cuti_tahunan", "approved"],
        ["dinas_luar", "pending"],
        ["cuti_alasan_penting", "rejected"],
    ]
    assert r.quarantine[c.REASON].tolist()[0].startswith("leave_type 'cuti_haji' is not one of")
    assert r.quarantine[c.REASON].tolist()[1].startswith("status 'maybe' is not approved")


def test_devices_zone_aliases():
    csv = "device_key,timezone,date_order\na,WITA,mdy\nb,Asia/Jayapura,\nc,wib,sideways\n"
    r = read_devices(csv.encode(), "devices.csv")
    assert r.rows[[c.DEVICE_KEY, c.TIMEZONE]].values.tolist() == [
        ["a", "Asia/Makassar"],
        ["b", "Asia/Jayapura"],
    ]
    assert r.quarantine[c.REASON].tolist() == ["date_order must be dmy, mdy or ymd"]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        pytest.param(b"", "0 bytes; export it again", id="0 bytes"),
        pytest.param(b"\xef\xbb\xbf\r\n \n", "only blank lines; export it again", id="blank"),
        pytest.param(b"[]", "the JSON list holds no records ([]); export it again", id="[]"),
        pytest.param(
            b'{"data": []}',
            "the JSON 'data' list holds no records ([]); export it again",
            id="data",
        ),
        pytest.param(None, "a header row (row 1) and no records; export it again", id="header"),
    ],
)
def test_reference_files_without_records_are_empty_not_layout_errors(data, detail):
    for reader, header in (
        (read_leave, "nip,leave_type,date_from,date_to,status\n"),
        (read_pin_map, "device_key,pin,nip,valid_from,valid_to\n"),
        (read_devices, "device_key,timezone\n"),
        (read_employees, HEADER),
    ):
        with pytest.raises(FileEmpty) as err:
            reader(header.encode() if data is None else data, "x.csv")
        assert str(err.value) == f"x.csv: is empty: {detail}"
