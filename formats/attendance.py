"""Attendance exports: detect the layout from the content and read it into canonical punches.

Detection looks at the bytes, not the file name:

- a zip container is an XLSX workbook, and a text with a header row within its first 20 lines is
  delimited text; both are read by their header: ``AC-No.`` + ``Time`` (ZKTime), ``No.`` +
  ``Date/Time`` (ZK standalone terminal), ``USERID`` + ``CHECKTIME`` (Att2000 ``CHECKINOUT``);
- JSON is an EasyLink SDK scanlog (``Result``/``Data`` with ``PIN``/``ScanDate`` records, any key
  case) or a Fingerspot cloud ``get_attlog`` response (``status``/``data`` with ``pin``/``scan``);
- ``PIN=..<TAB>Time=..`` pairs are an ADMS body written as key=value fields;
- tab-separated ``PIN, YYYY-MM-DD HH:MM:SS`` lines are a ZK USB attlog (6 fields, or 11 with one
  DeviceID throughout) or an ADMS ATTLOG body (other field counts, a request/SN= line, a
  form-encoded ``SN=..&data=`` body).

An Att2000 ``USERINFO`` table is recognised but not read here: it maps the USERIDs of the
``CHECKINOUT`` export next to it (``ingest.attendance`` pairs them). A file that holds no record
(0 bytes, blank lines, a header only, ``[]``) raises ``FileEmpty``; anything else unknown is
rejected with the list of accepted layouts.
"""

from __future__ import annotations

from formats.adms_kv import ZK_ADMS_KV, looks_like_adms_kv, read_adms_kv
from formats.att2000 import (
    ATT2000_CHECKINOUT,
    ATT2000_USERINFO,
    CHECKINOUT_REQUIRED,
    USERINFO_REQUIRED,
    UserInfo,
    read_checkinout,
)
from formats.base import FileEmpty, FileRejected, ReadResult, decode_text, reject_blank, split_lines
from formats.easylink import EASYLINK_SCANLOG, is_easylink, read_easylink
from formats.fingerspot import FINGERSPOT_JSON, read_fingerspot
from formats.json_responses import json_documents, lower_keys
from formats.tabular import (
    DELIMITERS,
    HEADER_SCAN_ROWS,
    OLE_MAGIC,
    XLSX_MAGIC,
    Table,
    header_key,
    read_csv_text,
    read_xlsx,
    xlsx_strings,
)
from formats.zk_standalone import REQUIRED as ZK_CSV_REQUIRED
from formats.zk_standalone import ZK_STANDALONE_CSV, read_zk_standalone
from formats.zk_text import (
    ZK_ADMS,
    ZK_ATTLOG,
    ZK_ATTLOG_SSR,
    read_adms,
    read_attlog,
    record_shape,
)
from formats.zktime_acno import REQUIRED as ACNO_REQUIRED
from formats.zktime_acno import ZKTIME_ACNO, read_acno

# Bump when a reader changes what it produces: staged (cached) parses are keyed by it.
READER_VERSION = "2"

LAYOUTS = (
    ZK_ATTLOG,
    ZK_ATTLOG_SSR,
    ZK_ADMS,
    ZK_ADMS_KV,
    ZKTIME_ACNO,
    ZK_STANDALONE_CSV,
    ATT2000_CHECKINOUT,
    FINGERSPOT_JSON,
    EASYLINK_SCANLOG,
)
DESCRIPTION = {
    ZK_ATTLOG: "a ZK USB attlog",
    ZK_ATTLOG_SSR: "a ZK USB attlog (SSR)",
    ZK_ADMS: "a ZK ADMS ATTLOG body",
    ZK_ADMS_KV: "a ZK ADMS ATTLOG body of key=value fields",
    ZKTIME_ACNO: "a ZKTime 'AC-No.' export",
    ZK_STANDALONE_CSV: "a ZK 'No., Date/Time' export",
    ATT2000_CHECKINOUT: "an Att2000 CHECKINOUT export",
    FINGERSPOT_JSON: "a Fingerspot get_attlog response",
    EASYLINK_SCANLOG: "an EasyLink scanlog response",
}
# header -> layout, in the order tried (an AC-No. export also has a 'No.' column)
TABULAR = (
    (ACNO_REQUIRED, ZKTIME_ACNO),
    (ZK_CSV_REQUIRED, ZK_STANDALONE_CSV),
    (CHECKINOUT_REQUIRED, ATT2000_CHECKINOUT),
    (USERINFO_REQUIRED, ATT2000_USERINFO),
)
AGAIN = "export it again from the machine"
ACCEPTED = (
    "accepted layouts: ZK USB attlog (PIN<TAB>time<TAB>DeviceID<TAB>Status<TAB>Verified<TAB>"
    "Workcode, 6 fields or 11, with or without the SSR serial/checksum lines); ZK ADMS ATTLOG "
    "push lines (PIN, time, State, Verify, Workcode, ..., also form-encoded SN=..&data=..) or "
    "key=value lines (PIN=..<TAB>Time=..); ZKTime 'AC-No.' export (AC-No., No., Name, Time, "
    "State, ...), ZK 'No., Date/Time' export (Department, Name, No., Date/Time, Status, "
    "Location ID) and Att2000 CHECKINOUT (USERID, CHECKTIME, CHECKTYPE, ..., with its USERINFO) "
    'as XLSX or CSV; EasyLink SDK scanlog JSON ({"Result": true, "Data": [{"PIN", "ScanDate", '
    '"SN", "VerifyMode", "IOMode", "WorkCode"}]}); Fingerspot get_attlog JSON ({"status": true, '
    '"data": [{"pin", "scan", "verify", "status_scan"}]})'
)
USERINFO_ALONE = (
    "is an Att2000 USERINFO table (USERID -> Badgenumber), not a scan export: it is read with "
    "the CHECKINOUT export in the same machine folder"
)


def tabular_layout(text: str) -> str | None:
    """The layout whose header is in the first rows of a delimited text, if any."""
    for line in text[:200_000].splitlines()[:HEADER_SCAN_ROWS]:
        for delim in DELIMITERS:
            keys = {header_key(v) for v in line.split(delim)}
            for required, layout in TABULAR:
                if required <= keys:
                    if layout == ATT2000_USERINFO and "checktime" in keys:
                        continue
                    return layout
    return None


def is_userinfo(head: bytes) -> bool:
    """True when a file is an Att2000 USERINFO table: for text, from its first bytes (the header
    row; any delimiter, UTF-8, UTF-16 or a code page); for XLSX, ``head`` must be the whole
    workbook (its shared strings name the columns, then the header row is found)."""
    if head.startswith(XLSX_MAGIC):
        words = xlsx_strings(head)
        if not ("badgenumber" in words and "userid" in words) or "checktime" in words:
            return False
        try:
            table = read_xlsx(head, "", USERINFO_REQUIRED)
        except FileRejected:
            return False
        return "checktime" not in table.values.columns
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    return tabular_layout(text) == ATT2000_USERINFO


def _read_table(
    table: Table,
    layout: str,
    file: str,
    device_key: str,
    date_order: str | None,
    userinfo: UserInfo | None,
) -> ReadResult:
    if layout == ZKTIME_ACNO:
        return read_acno(table, file, device_key, date_order)
    if layout == ZK_STANDALONE_CSV:
        return read_zk_standalone(table, file, device_key, date_order)
    if layout == ATT2000_CHECKINOUT:
        return read_checkinout(table, file, device_key, date_order, userinfo)
    raise FileRejected(file, USERINFO_ALONE)


def _read_xlsx(
    data: bytes, file: str, device_key: str, date_order: str | None, userinfo: UserInfo | None
) -> ReadResult:
    try:
        table = read_xlsx(data, file, *(required for required, _ in TABULAR))
    except FileRejected as exc:
        if "no header row" in exc.message:
            raise FileRejected(
                file, f"is an XLSX workbook without a known attendance header; {ACCEPTED}"
            ) from exc
        raise
    keys = set(table.values.columns)
    layout = next(
        name
        for required, name in TABULAR
        if required <= keys and not (name == ATT2000_USERINFO and "checktime" in keys)
    )
    return _read_table(table, layout, file, device_key, date_order, userinfo)


def _is_fingerspot(docs: list) -> bool:
    """get_attlog responses: a ``data`` list of pin/scan records, or a bare ``status`` answer
    (a refused call, or one with no scan)."""
    for _, doc in docs[:50]:
        keys = lower_keys(doc)
        data = keys.get("data")
        if isinstance(data, list) and data and lower_keys(data[0]).keys() & {"pin", "scan"}:
            return True
        if isinstance(keys.get("status"), bool) and not data:
            return True
    return False


def _read_json(text: str, file: str, device_key: str) -> ReadResult:
    try:
        docs = json_documents(text, file)
    except FileRejected as exc:
        head = text[:4096].lower()
        if "scandate" in head or "scan_date" in head:
            raise FileRejected(
                file, f"looks like an EasyLink scanlog export but {exc.message}", exc.line
            ) from exc
        raise
    if not docs or all(doc in ([], {}) for _, doc in docs):
        raise FileEmpty(file, f"the JSON holds no records ([]); {AGAIN}")
    if is_easylink(docs):
        return read_easylink(docs, file, device_key)
    if _is_fingerspot(docs):
        return read_fingerspot(text, file, device_key, docs)
    raise FileRejected(
        file,
        "is JSON but neither an EasyLink scanlog nor a Fingerspot get_attlog response (no "
        f"PIN/ScanDate or pin/scan records); {ACCEPTED}",
    )


def _read_text(
    text: str, file: str, device_key: str, date_order: str | None, userinfo: UserInfo | None
) -> ReadResult:
    stripped = text.lstrip()
    if stripped[:1] == "<":
        raise FileRejected(
            file,
            "is HTML or XML, not an attendance export (a web page saved with "
            f"an .xls name?); {ACCEPTED}",
        )
    if stripped[:1] in ("{", "["):
        return _read_json(text, file, device_key)
    layout = tabular_layout(text)
    if layout is not None:
        required = next(req for req, name in TABULAR if name == layout)
        table = read_csv_text(text, file, required)
        return _read_table(table, layout, file, device_key, date_order, userinfo)
    lines = split_lines(text[:200_000])  # the head is enough to recognise the layout
    if looks_like_adms_kv(lines):
        return read_adms_kv(text, file, device_key)
    shape = record_shape(lines)
    fields = 11 if shape.usb_eleven > shape.six_fields else 6
    usb = max(shape.six_fields, shape.usb_eleven)
    # attlog only when its tab-separated records are the file's usual line: a comma/space ADMS
    # body with a few tab lines is ADMS (every attlog line also looks ADMS)
    if shape.adms_marker or (shape.records and usb * 2 < shape.records):
        return read_adms(text, file, device_key)
    if shape.records and shape.records * 2 > shape.adms_records:
        return read_attlog(text, file, device_key, fields)
    if shape.adms_records:
        return read_adms(text, file, device_key)
    raise FileRejected(file, f"layout not recognised; {ACCEPTED}")


def read_attendance(
    data: bytes,
    file: str,
    device_key: str,
    date_order: str | None = None,
    userinfo: UserInfo | None = None,
) -> ReadResult:
    """Read one attendance export.

    Args:
        data: the file's bytes.
        file: its path relative to the inbox (lineage and messages).
        device_key: the machine folder it was found in.
        date_order: declared day/month order for exports with slashed dates (``dmy``/``mdy``).
        userinfo: the Att2000 USERINFO table found in the same folder, for a CHECKINOUT export.

    Raises:
        FileEmpty: 0 bytes, blank lines, a header only, ``[]``: no record at all.
        FileRejected: unknown layout, or unreadable as its layout.
    """
    reject_blank(data, file, AGAIN)
    if data.startswith(XLSX_MAGIC):
        result = _read_xlsx(data, file, device_key, date_order, userinfo)
    elif data.startswith(OLE_MAGIC):
        raise FileRejected(
            file,
            f"is an old binary Excel (.xls) workbook; open it and save it as .xlsx. {ACCEPTED}",
        )
    else:
        text, encoding = decode_text(data, file)
        result = _read_text(text, file, device_key, date_order, userinfo)
        result.info.setdefault("encoding", encoding)
    if result.rows_in == 0:
        what = DESCRIPTION.get(result.layout, result.layout)
        raise FileEmpty(file, f"{what} with no record; {AGAIN}")
    return result
