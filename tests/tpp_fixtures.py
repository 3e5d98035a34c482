"""The TPP inputs of the March 2024 employees (tests/fixtures/tpp/README.md): static payroll
and reference files copied into an inbox, the SIMGAJI March workbook written with xlsxwriter (a
date cell, number cells for money, one NIP as a number cell), and the e-Kinerja exports of
tests/ekinerja_fixtures.py for the monthly predikat."""

import datetime as dt
import shutil
from pathlib import Path

import xlsxwriter

from tests.conftest import E1, E2, E4, E5, E6, E7, FIXTURES
from tests.ekinerja_fixtures import write_2024

TPP = FIXTURES / "tpp"
SIMGAJI_HEADER = ["TGLGAJI", "NIP", "NAMA", "GAPOK", "TJISTRI", "TJANAK", "TJESELON", "TJFUNGSI",
                  "TJKHUSUS", "TJBERAS", "TJUMUM", "TBULAT", "BERSIH"]  # fmt: skip
# NIP, name, GAPOK, TJISTRI, TJANAK, TJESELON, TJFUNGSI, TJKHUSUS, TJBERAS, TJUMUM, TBULAT, BERSIH
SIMGAJI_MARCH = [
    (E1, "dr. Andi Wijaya", 5340600, 534060, 213624, 0, 2035172, 0, 289680, 0, 64, 7500000),
    (E2, "Siti Rahma", 3200000, 320000, 128000, 0, 450000, 0, 289680, 0, 20, 3900000),
    (E5, "Dewi Lestari", 3300000, 0, 0, 0, 0, 0, 72420, 185000, 80, 3200000),
    (E6, "Rudi Hartono", 2208000, 0, 0, 0, 350000, 0, 72420, 0, 80, 2400000),
    (E7, "Hasan Basri", 5900000, 590000, 0, 0, 1260000, 0, 217260, 0, 40, 7200000),
    (E2, "Siti Rahma", 3200000, 320000, 128000, 0, 450000, 0, 289680, 0, 20, 3900000),
    (E4, "Made O'Neil", 4100000, 410000, 164000, 540000, 0, 0, 289680, 0, 20, 4950000),
]  # the second E2 row repeats the first; E4's NIP is written as a number cell


def write_simgaji_march(path: Path) -> None:
    book = xlsxwriter.Workbook(path)
    book.set_properties({"created": dt.datetime(2024, 3, 1, 8, 0)})
    ws = book.add_worksheet("fgaji")
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for j, name in enumerate(SIMGAJI_HEADER):
        ws.write_string(0, j, name)
    for i, (nip, name, *money) in enumerate(SIMGAJI_MARCH, start=1):
        ws.write_datetime(i, 0, dt.datetime(2024, 3, 1), date)
        if nip == E4:
            ws.write_number(i, 1, float(nip))
        else:
            ws.write_string(i, 1, nip)
        ws.write_string(i, 2, name)
        for j, value in enumerate(money, start=3):
            ws.write_number(i, j, value)
    book.close()


# HR's decision about E7, who has no PIN-map row (tests/fixtures/march2024/README.md): without
# it E7's 8 working days are no_data and the month cannot be closed; charged, they are the 8 TK
# days (40 %) the TPP figures of tests/fixtures/tpp/README.md were computed with.
# And finance's decision about E4 (issue 21): E4's March payroll row arrived with its NIP as a
# spreadsheet number (rejected), so E4 is paid TPP without a readable payroll row of the month;
# finance carries E4's February row (the figures below were computed with it).
E7_CHARGED = (
    "device_key,nip,date_from,date_to,decision,decided_by,note\n"
    f",{E7},2024-03-01,2024-03-14,charge,Kepala BKPSDM (ND 800/125),never enrolled; "
    "did not work before retiring\n"
    f",{E4},2024-03-01,2024-03-31,carry,Kepala BPKAD (ND 900/8),March row unreadable\n"
)


def write_tpp_inbox(inbox: Path) -> None:
    """Payroll, sanctions, status events and e-Kinerja exports for March 2024, and HR's
    decision to charge E7's days without a PIN-map row."""
    for folder in ("payroll", "reference"):
        shutil.copytree(TPP / folder, inbox / folder, dirs_exist_ok=True)
    write_simgaji_march(inbox / "payroll" / "simgaji_2024-03.xlsx")
    write_2024(inbox)
    (inbox / "attendance_decisions.csv").write_text(E7_CHARGED, encoding="utf-8")
