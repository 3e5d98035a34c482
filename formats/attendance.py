"""Attendance exports: detect the layout from the content and read it into canonical punches.

Detection looks at the bytes, not the file name: a zip container is XLSX, JSON with a ``data``
list is Fingerspot, a header with ``AC-No.`` and ``Time`` is ZKTime, tab-separated
``PIN, YYYY-MM-DD HH:MM:SS`` lines are ZK attlog (6 fields) or ADMS (other field counts, or a
request/SN line). Anything else is rejected with the list of accepted layouts.
"""

from __future__ import annotations

from formats.base import FileEmpty, FileRejected, ReadResult, decode_text, reject_blank, split_lines
from formats.fingerspot import FINGERSPOT_JSON, looks_like_fingerspot, read_fingerspot
from formats.tabular import (
    DELIMITERS,
    OLE_MAGIC,
    XLSX_MAGIC,
    header_key,
    read_csv_text,
    read_xlsx,
)
from formats.zk_text import ZK_ADMS, ZK_ATTLOG, ZK_ATTLOG_SSR, read_adms, read_attlog, record_shape
from formats.zktime_acno import REQUIRED as ACNO_REQUIRED
from formats.zktime_acno import ZKTIME_ACNO, read_acno

# Bump when a reader changes what it produces: staged (cached) parses are keyed by it.
READER_VERSION = "1"

LAYOUTS = (ZK_ATTLOG, ZK_ATTLOG_SSR, ZK_ADMS, ZKTIME_ACNO, FINGERSPOT_JSON)
DESCRIPTION = {
    ZK_ATTLOG: "a ZK USB attlog",
    ZK_ATTLOG_SSR: "a ZK USB attlog (SSR)",
    ZK_ADMS: "a ZK ADMS ATTLOG body",
    ZKTIME_ACNO: "a ZKTime 'AC-No.' export",
    FINGERSPOT_JSON: "a Fingerspot get_attlog response",
}
AGAIN = "export it again from the machine"
ACCEPTED = (
    "accepted layouts: ZK USB attlog (PIN<TAB>time<TAB>DeviceID<TAB>Status<TAB>Verified<TAB>"
    "Workcode, with or without the SSR serial/checksum lines); ZK ADMS ATTLOG push lines "
    "(PIN, time, State, Verify, Workcode, ...); ZKTime 'AC-No.' export as XLSX or CSV (AC-No., "
    'No., Name, Time, State, ...); Fingerspot get_attlog JSON ({"status": true, "data": '
    '[{"pin", "scan", "verify", "status_scan"}]})'
)


def _has_acno_header(text: str) -> bool:
    for line in text.splitlines()[:20]:
        for delim in DELIMITERS:
            if {header_key(v) for v in line.split(delim)} >= ACNO_REQUIRED:
                return True
    return False


def read_attendance(
    data: bytes, file: str, device_key: str, date_order: str | None = None
) -> ReadResult:
    """Read one attendance export.

    Args:
        data: the file's bytes.
        file: its path relative to the inbox (lineage and messages).
        device_key: the machine folder it was found in.
        date_order: declared day/month order for exports with slashed dates (``dmy``/``mdy``).

    Raises:
        FileEmpty: 0 bytes, blank lines, a header only, ``[]``: no record at all.
        FileRejected: unknown layout, or unreadable as its layout.
    """
    reject_blank(data, file, AGAIN)
    if data.startswith(XLSX_MAGIC):
        try:
            table = read_xlsx(data, file, ACNO_REQUIRED)
        except FileRejected as exc:
            if "no header row" in exc.message:
                raise FileRejected(
                    file, f"is an XLSX workbook without an 'AC-No.'/'Time' header; {ACCEPTED}"
                ) from exc
            raise
        result = read_acno(table, file, device_key, date_order)
        if result.rows_in == 0:
            raise FileEmpty(file, f"{DESCRIPTION[ZKTIME_ACNO]} with no record; {AGAIN}")
        return result
    if data.startswith(OLE_MAGIC):
        raise FileRejected(
            file,
            f"is an old binary Excel (.xls) workbook; open it and save it as .xlsx. {ACCEPTED}",
        )
    text, encoding = decode_text(data, file)
    stripped = text.lstrip()
    if stripped.rstrip() in ("[]", "{}"):
        raise FileEmpty(file, f"the JSON holds no records ([]); {AGAIN}")
    if stripped[:1] == "<":
        raise FileRejected(
            file,
            "is HTML or XML, not an attendance export (a web page saved with "
            f"an .xls name?); {ACCEPTED}",
        )
    if looks_like_fingerspot(text):
        result = read_fingerspot(text, file, device_key)
    elif _has_acno_header(text):
        result = read_acno(read_csv_text(text, file, ACNO_REQUIRED), file, device_key, date_order)
    else:
        lines = split_lines(text[:200_000])  # the head is enough to recognise the layout
        records, six_fields, adms_records, adms_marker = record_shape(lines)
        # attlog only when its tab-separated 6-field records are the file's usual line: a
        # comma/space ADMS body with a few tab lines is ADMS (every attlog line also looks ADMS)
        if adms_marker or (records and six_fields * 2 < records):
            result = read_adms(text, file, device_key)
        elif records and records * 2 > adms_records:
            result = read_attlog(text, file, device_key)
        elif adms_records:
            result = read_adms(text, file, device_key)
        else:
            raise FileRejected(file, f"layout not recognised; {ACCEPTED}")
    result.info.setdefault("encoding", encoding)
    if result.rows_in == 0:
        what = DESCRIPTION.get(result.layout, result.layout)
        raise FileEmpty(file, f"{what} with no record; {AGAIN}")
    return result
