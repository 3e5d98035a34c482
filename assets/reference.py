"""Reference data: unpartitioned snapshots with their effective dates inside the data."""

from assets.factories import source_asset
from rules import columns as c

GROUP = "reference"

employees = source_asset(
    "employees",
    group=GROUP,
    needs_master=False,
    descriptions={
        "employees": "Pegawai: one row per NIP from the SIASN data-utama export "
        "(inbox/employees.*) with unit (OPD), jabatan, kedudukan, kelas jabatan and the dates "
        "the employee is active."
    },
    previews={
        "employees": [c.NIP, c.UNIT_INDUK, c.JENIS_JABATAN, c.KELAS_JABATAN, c.EMPLOYEE_KIND]
    },
)
pin_map = source_asset(
    "pin_map",
    group=GROUP,
    descriptions={
        "pin_map": "Peta PIN: which NIP a machine's PIN means and from when to when (device * "
        "= all machines, dates inclusive, empty valid_to = still valid)."
    },
    previews={"pin_map": [c.DEVICE_KEY, c.PIN, c.NIP, c.VALID_FROM, c.VALID_TO]},
)
leave_records = source_asset(
    "leave",
    group=GROUP,
    descriptions={
        "leave_records": "Cuti, izin and dinas luar: one row per request with its dates and "
        "status; only approved requests change a day's attendance code."
    },
    previews={"leave_records": [c.NIP, c.LEAVE_TYPE, c.DATE_FROM, c.DATE_TO, c.STATUS]},
)
devices = source_asset(
    "devices",
    group=GROUP,
    needs_master=False,
    descriptions={
        "devices": "Mesin absensi: the time zone (WIB/WITA/WIT) and date order of each machine "
        "folder; machines not listed use the profile's zone."
    },
    previews={"devices": [c.DEVICE_KEY, c.TIMEZONE, c.DATE_ORDER]},
)
attendance_decisions = source_asset(
    "attendance_decisions",
    group=GROUP,
    needs_master=False,
    descriptions={
        "attendance_decisions": "Keputusan HR atas hari tanpa data: per machine and date range, "
        "excuse (no deduction) or charge (count the days as recorded), with who decided "
        "(inbox/attendance_decisions.csv, optional)."
    },
    previews={
        "attendance_decisions": [c.DEVICE_KEY, c.DATE_FROM, c.DATE_TO, c.DECISION, c.DECIDED_BY]
    },
)
