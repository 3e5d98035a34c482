"""Reference data from the inbox: employee master (SIASN names), PIN map, leave, devices.

Only the columns the pipeline needs are kept; personal fields that SIASN exports carry (nik,
noNpwp, rekening, ...) are dropped at the door and never reach a frame, a log or the warehouse.
The raw record kept for quarantine is built from the kept columns only.
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult, empty_quarantine, quarantine_rows
from formats.dates import parse_datetimes
from formats.tabular import Table, join_columns, read_table
from vocabulary import columns as c
from vocabulary.columns import LEAVE_TYPES
from vocabulary.frames import first_reason, repeat_text
from vocabulary.nip import normalise_nip_text, number_reason

EMPLOYEES = "employees"
PIN_MAP = "pin_map"
LEAVE = "leave"
DEVICES = "devices"

# SIASN data-utama field -> canonical column (header keys are lower-case alphanumerics)
EMPLOYEE_FIELDS = {
    "nipbaru": c.NIP,
    "nama": c.NAMA,
    "unornama": c.UNIT,
    "unorinduknama": c.UNIT_INDUK,
    "jabatannama": c.JABATAN,
    "jenisjabatan": c.JENIS_JABATAN,
    "kedudukanpnsnama": c.KEDUDUKAN,
    "golruangakhir": c.GOLONGAN,
    "tmtcpns": c.TMT_CPNS,
    "kelasjabatan": c.KELAS_JABATAN,
    "tmtpensiun": c.ACTIVE_TO,
}
EMPLOYEE_REQUIRED = {"nipbaru", "nama", "unornama", "kelasjabatan"}
PIN_MAP_REQUIRED = {"devicekey", "pin", "nip", "validfrom", "validto"}
LEAVE_REQUIRED = {"nip", "leavetype", "datefrom", "dateto", "status"}
DEVICES_REQUIRED = {"devicekey", "timezone"}

ZONE_ALIASES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
LEAVE_ALIASES = {
    "cuti": "cuti_tahunan", "ct": "cuti_tahunan", "tahunan": "cuti_tahunan",
    "sakit": "cuti_sakit", "cs": "cuti_sakit", "cuti_besar": "cuti_besar", "cb": "cuti_besar",
    "melahirkan": "cuti_melahirkan", "cuti_bersalin": "cuti_melahirkan",
    "bersalin": "cuti_melahirkan",
    "cap": "cuti_alasan_penting", "cuti_karena_alasan_penting": "cuti_alasan_penting",
    "cuti_di_luar_tanggungan_negara": "cltn", "dl": "dinas_luar", "tugas_luar": "dinas_luar",
    "tb": "tugas_belajar", "ijin": "izin",
}  # fmt: skip
STATUS_ALIASES = {
    "approved": "approved", "disetujui": "approved", "setuju": "approved", "acc": "approved",
    "diterima": "approved", "pending": "pending", "diajukan": "pending", "menunggu": "pending",
    "proses": "pending", "rejected": "rejected", "ditolak": "rejected", "batal": "rejected",
    "cancelled": "rejected", "dibatalkan": "rejected",
}  # fmt: skip


def reference_result(
    kind: str, file: str, table: Table, frame: pd.DataFrame, reason: pd.Series, raw: pd.Series
) -> ReadResult:
    bad = reason.notna().to_numpy()
    rows = frame[~bad].reset_index(drop=True)
    rows.insert(0, c.SOURCE_LINE, pd.Series(table.lines[~bad], dtype="int64"))
    rows.insert(0, c.SOURCE_FILE, repeat_text(file, len(rows)))
    rows[c.RAW] = raw[~bad].reset_index(drop=True)
    quarantine = (
        quarantine_rows(file, table.lines[bad], raw[bad], reason[bad])
        if bad.any()
        else empty_quarantine()
    )
    return ReadResult(layout=kind, rows=rows, quarantine=quarantine, info=dict(table.info))


def nip_text(values: pd.Series) -> pd.Series:
    """An NIP column as text without blanks: the printed form ``19860926 201505 1 001`` and a
    stray space or non-breaking space are the same NIP (an empty cell stays missing)."""
    return normalise_nip_text(values).replace("", pd.NA).astype("string")


def raw_of(values: pd.DataFrame, keep: list[str]) -> pd.Series:
    return join_columns(values, keep)


def numeric_cells(table: Table, key: str) -> pd.Series:
    if table.numeric is None or key not in table.numeric.columns:
        return pd.Series(False, index=table.values.index)
    return table.numeric[key].astype(bool)


def column_dates(table: Table, key: str, order: str | None = None) -> pd.Series:
    values = table.values[key]
    parsed, _ = parse_datetimes(values, order=order, dates_only=True)
    if table.datetimes is not None and key in table.datetimes.columns:
        cells = table.datetimes[key]
        has = cells.notna()
        if has.any():
            parsed[has] = pd.to_datetime(cells[has]).dt.normalize().astype("datetime64[s]")
    return parsed


def range_dates(table: Table, *keys: str) -> list[pd.Series]:
    """The date columns of a range (from/to), parsed with one format for all of them: a file
    writes its dates one way, so a month-first ``date_to`` is never read day-first because its
    ``date_from`` happened to be ambiguous (03/04/2024 .. 03/13/2024 is 4 to 13 March)."""
    v = table.values
    present = [k for k in keys if k in v.columns]
    if not present:
        return []
    stacked = pd.concat([v[k] for k in present], ignore_index=True)
    parsed, _ = parse_datetimes(stacked, dates_only=True)
    out = []
    for i, key in enumerate(present):
        part = pd.Series(parsed.to_numpy()[i * len(v) : (i + 1) * len(v)], index=v.index)
        part = part.astype("datetime64[s]")
        if table.datetimes is not None and key in table.datetimes.columns:
            cells = table.datetimes[key]
            has = cells.notna()
            if has.any():
                part[has] = pd.to_datetime(cells[has]).dt.normalize().astype("datetime64[s]")
        out.append(part)
    return out


def read_employees(data: bytes, file: str) -> ReadResult:
    """Employee master with SIASN data-utama field names plus ``kelas_jabatan``."""
    table = read_table(data, file, EMPLOYEE_REQUIRED)
    v = table.values
    nip_cells = v["nipbaru"]
    frame = pd.DataFrame(index=v.index)
    for key, col in EMPLOYEE_FIELDS.items():
        frame[col] = (
            v[key].str.strip()
            if key in v.columns
            else pd.Series(pd.NA, index=v.index, dtype="string")
        )
    frame[c.NIP] = nip_text(nip_cells)
    # SIASN's PNS id (data-utama ``id``), the pnsDinilaiOrang of the SIASN kinerja payloads
    siasn_key = next((k for k in ("siasnid", "id") if k in v.columns), None)
    frame[c.SIASN_ID] = (
        v[siasn_key].str.strip() if siasn_key else pd.Series(pd.NA, index=v.index, dtype="string")
    )
    kelas = pd.to_numeric(frame[c.KELAS_JABATAN], errors="coerce")
    frame[c.KELAS_JABATAN] = kelas.astype("Int64")
    no_date = pd.Series(pd.NaT, index=v.index, dtype="datetime64[s]")
    tmt_text = v["tmtcpns"] if "tmtcpns" in v.columns else pd.Series(pd.NA, index=v.index)
    tmt = column_dates(table, "tmtcpns") if "tmtcpns" in v.columns else no_date
    frame[c.TMT_CPNS] = tmt
    frame[c.ACTIVE_FROM] = tmt
    pensiun = column_dates(table, "tmtpensiun") if "tmtpensiun" in v.columns else no_date
    frame[c.ACTIVE_TO] = pensiun - pd.Timedelta(days=1)  # TMT pensiun is the first day retired
    frame[c.EMPLOYEE_KIND] = (
        frame[c.KEDUDUKAN]
        .str.contains("PPPK", case=False, na=False)
        .map({True: "pppk", False: "pns"})
        .astype("string")
    )
    reason = first_reason(
        (numeric_cells(table, "nipbaru"), number_reason(nip_cells)),
        (nip_cells.isna(), "nipBaru is empty"),
        (
            frame[c.KELAS_JABATAN].isna() & v["kelasjabatan"].notna(),
            "kelas_jabatan '" + v["kelasjabatan"].fillna("") + "' is not a whole number",
        ),
        (
            tmt_text.notna() & tmt.isna(),
            "tmtCpns '" + tmt_text.fillna("").astype("string") + "' is not a date",
        ),
        index=v.index,
    )
    keep = [k for k in EMPLOYEE_FIELDS if k != "nama"]
    return reference_result(EMPLOYEES, file, table, frame, reason, raw_of(v, keep))


def read_pin_map(data: bytes, file: str) -> ReadResult:
    """device_key,pin,nip,valid_from,valid_to (device_key * = all machines; dates inclusive)."""
    table = read_table(data, file, PIN_MAP_REQUIRED)
    v = table.values
    valid_from, valid_to = range_dates(table, "validfrom", "validto")
    frame = pd.DataFrame(
        {
            c.DEVICE_KEY: v["devicekey"].str.strip(),
            c.PIN: v["pin"].str.strip(),
            c.NIP: nip_text(v["nip"]),
            c.VALID_FROM: valid_from,
            c.VALID_TO: valid_to,
        }
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (frame[c.DEVICE_KEY].isna(), "device_key is empty (use * for all machines)"),
        (frame[c.PIN].isna(), "pin is empty"),
        (v["validfrom"].isna(), "valid_from is empty"),
        (valid_from.isna(), "valid_from '" + v["validfrom"].fillna("") + "' is not a date"),
        (
            v["validto"].notna() & valid_to.isna(),
            "valid_to '" + v["validto"].fillna("") + "' is not a date (leave it empty if open)",
        ),
        (valid_to < valid_from, "valid_to is before valid_from"),
        index=v.index,
    )
    return reference_result(
        PIN_MAP, file, table, frame, reason, raw_of(v, sorted(PIN_MAP_REQUIRED))
    )


def normalise_leave_type(values: pd.Series) -> pd.Series:
    key = values.str.strip().str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    return key.map(lambda k: LEAVE_ALIASES.get(k, k) if isinstance(k, str) else k).astype("string")


def read_leave(data: bytes, file: str) -> ReadResult:
    """nip,leave_type,date_from,date_to,status; only approved leave changes a day's code."""
    table = read_table(data, file, LEAVE_REQUIRED)
    v = table.values
    date_from, date_to = range_dates(table, "datefrom", "dateto")
    leave_type = normalise_leave_type(v["leavetype"])
    status = (
        v["status"]
        .str.strip()
        .str.lower()
        .map(lambda k: STATUS_ALIASES.get(k, pd.NA) if isinstance(k, str) else pd.NA)
        .astype("string")
    )
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(v["nip"]),
            c.LEAVE_TYPE: leave_type,
            c.DATE_FROM: date_from,
            c.DATE_TO: date_to,
            c.STATUS: status,
        }
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (
            ~leave_type.isin(LEAVE_TYPES),
            "leave_type '"
            + v["leavetype"].fillna("")
            + "' is not one of "
            + ", ".join(LEAVE_TYPES),
        ),
        (date_from.isna(), "date_from '" + v["datefrom"].fillna("") + "' is not a date"),
        (date_to.isna(), "date_to '" + v["dateto"].fillna("") + "' is not a date"),
        (date_to < date_from, "date_to is before date_from"),
        (
            status.isna(),
            "status '" + v["status"].fillna("") + "' is not approved, pending or "
            "rejected (disetujui, diajukan, ditolak)",
        ),
        index=v.index,
    )
    return reference_result(LEAVE, file, table, frame, reason, raw_of(v, sorted(LEAVE_REQUIRED)))


def read_devices(data: bytes, file: str) -> ReadResult:
    """device_key,timezone[,date_order]: IANA zone (or WIB/WITA/WIT) per machine."""
    table = read_table(data, file, DEVICES_REQUIRED)
    v = table.values
    zone = v["timezone"].str.strip()
    zone = zone.map(lambda z: ZONE_ALIASES.get(z.upper(), z) if isinstance(z, str) else z)
    order = (
        v["dateorder"].str.strip().str.lower()
        if "dateorder" in v.columns
        else pd.Series(pd.NA, index=v.index, dtype="string")
    )
    frame = pd.DataFrame(
        {
            c.DEVICE_KEY: v["devicekey"].str.strip(),
            c.TIMEZONE: zone.astype("string"),
            c.DATE_ORDER: order,
        }
    )
    reason = first_reason(
        (frame[c.DEVICE_KEY].isna(), "device_key is empty"),
        (order.notna() & ~order.isin(["dmy", "mdy", "ymd"]), "date_order must be dmy, mdy or ymd"),
        index=v.index,
    )
    return reference_result(
        DEVICES, file, table, frame, reason, raw_of(v, ["devicekey", "timezone", "dateorder"])
    )


READERS = {
    EMPLOYEES: read_employees,
    PIN_MAP: read_pin_map,
    LEAVE: read_leave,
    DEVICES: read_devices,
}


def required_columns(kind: str) -> set[str]:
    return {
        EMPLOYEES: EMPLOYEE_REQUIRED,
        PIN_MAP: PIN_MAP_REQUIRED,
        LEAVE: LEAVE_REQUIRED,
        DEVICES: DEVICES_REQUIRED,
    }[kind]


_SCHEMAS: dict[str, dict[str, str]] = {
    EMPLOYEES: {
        c.NIP: "string",
        c.NAMA: "string",
        c.UNIT: "string",
        c.UNIT_INDUK: "string",
        c.JABATAN: "string",
        c.JENIS_JABATAN: "string",
        c.KEDUDUKAN: "string",
        c.GOLONGAN: "string",
        c.TMT_CPNS: "datetime64[s]",
        c.KELAS_JABATAN: "Int64",
        c.ACTIVE_FROM: "datetime64[s]",
        c.ACTIVE_TO: "datetime64[s]",
        c.EMPLOYEE_KIND: "string",
    },
    PIN_MAP: {
        c.DEVICE_KEY: "string",
        c.PIN: "string",
        c.NIP: "string",
        c.VALID_FROM: "datetime64[s]",
        c.VALID_TO: "datetime64[s]",
    },
    LEAVE: {
        c.NIP: "string",
        c.LEAVE_TYPE: "string",
        c.DATE_FROM: "datetime64[s]",
        c.DATE_TO: "datetime64[s]",
        c.STATUS: "string",
    },
    DEVICES: {c.DEVICE_KEY: "string", c.TIMEZONE: "string", c.DATE_ORDER: "string"},
}


def empty_frame(kind: str) -> pd.DataFrame:
    """The frame a reference kind has when the inbox holds none of it."""
    lineage = {c.SOURCE_FILE: "string", c.SOURCE_LINE: "int64"}
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in {**lineage, **_SCHEMAS[kind]}.items()})


# --- the employees' tax identifiers, for the Coretax export only --------------------------------
TAX_ID_KEYS = {"nik": ("nik",), "npwp": ("nonpwp", "npwp")}


def _digits(values: pd.Series) -> pd.Series:
    return values.astype("string").str.replace(r"\D", "", regex=True).replace("", pd.NA)


def read_employee_tax_ids(data: bytes, file: str) -> pd.DataFrame:
    """``nip, nik, npwp`` of the employee master (SIASN ``nik`` and ``noNpwp``), digits only,
    for the Coretax export (export/coretax.py) and nothing else: ``read_employees`` drops these
    columns at the door, and this frame is never stored, logged or shown. A NIK or NPWP that
    reached us as an Excel number has lost its last digits and is read as missing."""
    table = read_table(data, file, {"nipbaru"})
    v = table.values
    out = pd.DataFrame({c.NIP: nip_text(v["nipbaru"])})
    for col, keys in TAX_ID_KEYS.items():
        key = next((k for k in keys if k in v.columns), None)
        if key is None:
            out[col] = pd.Series(pd.NA, index=v.index, dtype="string")
            continue
        digits = _digits(v[key])
        out[col] = digits.mask(numeric_cells(table, key).to_numpy()).astype("string")
    return out[out[c.NIP].notna()].reset_index(drop=True)
