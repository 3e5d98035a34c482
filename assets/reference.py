"""Reference data: unpartitioned snapshots with their effective dates inside the data."""

from collections.abc import Iterator

import dagster as dg

from assets.ingest import validate_reference
from assets.metadata import checked_metadata, preview, rejected_files
from expectations import devices as devices_contract
from expectations import employees as employees_contract
from expectations import leave as leave_contract
from expectations import pin_map as pin_map_contract
from formats import reference as ref
from resources.inbox import InboxResource
from rules import columns as c
from rules.frames import Checked
from rules.reference import device_reasons, employee_reasons, leave_reasons, pin_map_reasons

GROUP = "reference"


def _empty_reason(name: str, inbox_name: str, checked: Checked) -> str:
    if checked.audit.empty:
        return f"no {name} file in the inbox ({inbox_name}): the month cannot be computed"
    return (
        f"no valid rows in {inbox_name}: every row was rejected; see the quarantine and "
        "load_audit for the reasons"
    )


def _results(
    name: str, checked: Checked, blocking: bool, columns: list[str], inbox_name: str = ""
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    meta = checked_metadata(checked)
    yield dg.Output(checked, metadata={**meta, "preview": preview(checked.valid, columns)})
    empty = len(checked.valid) == 0
    yield dg.AssetCheckResult(
        check_name=f"{name}_contract",
        passed=(not empty)
        if blocking
        else (meta["rows_quarantined"] == 0 and meta["files_rejected"] == 0),
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        description=_empty_reason(name, inbox_name, checked) if blocking and empty else None,
        metadata={**meta, "rejected_files": dg.MetadataValue.json(rejected_files(checked.audit))},
    )


@dg.asset(
    group_name=GROUP,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "employees_contract",
            asset="employees",
            blocking=True,
            description="The master must have valid rows; quarantined rows are listed.",
        )
    ],
)
def employees(context: dg.AssetExecutionContext, inbox: InboxResource):
    """Pegawai: one row per NIP from the SIASN data-utama export (inbox/employees.*) with
    unit (OPD), jabatan, kedudukan, kelas jabatan and the dates the employee is active."""
    checked = validate_reference(
        inbox.reference_files("employees"),
        ref.read_employees,
        "employees",
        employees_contract.suite(),
        employee_reasons,
        ref.empty_frame(ref.EMPLOYEES),
    )
    yield from _results(
        "employees",
        checked,
        True,
        [c.NIP, c.UNIT_INDUK, c.JENIS_JABATAN, c.KELAS_JABATAN, c.EMPLOYEE_KIND],
        "inbox/employees.*",
    )


@dg.asset(
    group_name=GROUP,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "pin_map_contract",
            asset="pin_map",
            blocking=True,
            description="The PIN map must have valid rows.",
        )
    ],
)
def pin_map(context: dg.AssetExecutionContext, inbox: InboxResource, employees: Checked):
    """Peta PIN: which NIP a machine's PIN means and from when to when (device * = all
    machines, dates inclusive, empty valid_to = still valid)."""
    known = employees.valid[c.NIP]
    checked = validate_reference(
        inbox.reference_files("pin_map"),
        ref.read_pin_map,
        "pin_map",
        pin_map_contract.suite(),
        lambda f: pin_map_reasons(f, known),
        ref.empty_frame(ref.PIN_MAP),
    )
    yield from _results(
        "pin_map",
        checked,
        True,
        [c.DEVICE_KEY, c.PIN, c.NIP, c.VALID_FROM, c.VALID_TO],
        "inbox/pin_map.csv",
    )


@dg.asset(
    group_name=GROUP,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "leave_records_contract",
            asset="leave_records",
            blocking=False,
            description="Warns when leave rows were quarantined.",
        )
    ],
)
def leave_records(context: dg.AssetExecutionContext, inbox: InboxResource, employees: Checked):
    """Cuti, izin and dinas luar: one row per request with its dates and status; only approved
    requests change a day's attendance code."""
    known = employees.valid[c.NIP]
    checked = validate_reference(
        inbox.reference_files("leave"),
        ref.read_leave,
        "leave",
        leave_contract.suite(),
        lambda f: leave_reasons(f, known),
        ref.empty_frame(ref.LEAVE),
    )
    yield from _results(
        "leave_records", checked, False, [c.NIP, c.LEAVE_TYPE, c.DATE_FROM, c.DATE_TO, c.STATUS]
    )


@dg.asset(
    group_name=GROUP,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "devices_contract",
            asset="devices",
            blocking=False,
            description="Warns when a device row was quarantined.",
        )
    ],
)
def devices(context: dg.AssetExecutionContext, inbox: InboxResource):
    """Mesin absensi: the time zone (WIB/WITA/WIT) and date order of each machine folder;
    machines not listed use the profile's zone."""
    checked = validate_reference(
        inbox.reference_files("devices"),
        ref.read_devices,
        "devices",
        devices_contract.suite(),
        device_reasons,
        ref.empty_frame(ref.DEVICES),
    )
    yield from _results("devices", checked, False, [c.DEVICE_KEY, c.TIMEZONE, c.DATE_ORDER])
