"""Shared builders and constants of the bad-input corpus."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

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
