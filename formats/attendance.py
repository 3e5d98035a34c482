"""Attendance exports: detect the layout from the content and read it into canonical punches.

Detection looks at the bytes, not the file name:

- a zip container is an XLSX workbook, and a text with a header row within its first 20 lines is
  delimited text; both are read by the names in their header, never by position
  (``formats.headers``): ``AC-No.`` + ``Time`` (ZKTime), ``EnNo`` + ``DateTime`` (ZK GLog),
  ``emp_code``/``Employee ID`` + ``punch_time`` (ZKBioTime), ``No.`` + ``Date/Time`` (ZK
  standalone terminal), ``USERID`` + ``CHECKTIME`` (Att2000 ``CHECKINOUT``). A header row that
  names none of them is rejected with the header quoted;
- JSON is an EasyLink SDK scanlog (``Result``/``Data`` with ``PIN``/``ScanDate`` records, any key
  case), a Fingerspot cloud ``get_attlog`` response (``status``/``data`` with ``pin``/``scan``),
  a Hikvision ISAPI ``AcsEvent`` page or a ZKBioTime transactions page (``data`` with
  ``emp_code``/``punch_time``); a JSON that stops mid-way is read up to its last complete record;
- ``PIN=..<TAB>Time=..`` pairs are an ADMS body written as key=value fields;
- tab-separated ``PIN, YYYY-MM-DD HH:MM:SS`` lines are a ZK USB attlog (6 fields, or 11 with one
  DeviceID throughout) or an ADMS ATTLOG body (other field counts, a request/SN= line, a
  form-encoded ``SN=..&data=`` body).

An Att2000 ``USERINFO`` table is recognised but not read here: it maps the USERIDs of the
``CHECKINOUT`` export next to it (``ingest.attendance`` pairs them). A file that holds no record
(0 bytes, blank lines, a header only, ``[]``) raises ``FileEmpty``; anything else unknown is
rejected with the list of accepted layouts. A text whose last record was cut off is read up to
it (``formats.cut_files``).
"""

from __future__ import annotations

import io

import python_calamine

from formats.adms_kv import ZK_ADMS_KV, looks_like_adms_kv, read_adms_kv
from formats.att2000 import USERINFO_REQUIRED, UserInfo, read_checkinout
from formats.base import FileEmpty, FileRejected, ReadResult, decode_text, reject_blank, split_lines
from formats.biotime import BIOTIME_JSON, is_biotime, read_biotime_json, read_biotime_table
from formats.cut_files import (
    add_cut_record,
    mark_cut_text,
    salvage_documents,
    strip_zero_bytes,
    strip_zero_tail,
)
from formats.easylink import EASYLINK_SCANLOG, is_easylink, read_easylink
from formats.fingerspot import FINGERSPOT_JSON, read_fingerspot
from formats.headers import (
    ATT2000_CHECKINOUT,
    ATT2000_USERINFO,
    BIOTIME_CSV,
    HEADER_LAYOUTS,
    ZK_GLOG,
    ZK_STANDALONE_CSV,
    accepted_headers,
    canonical_table,
    find_header,
    match_header,
    quote_header,
    unknown_header,
)
from formats.hikvision import HIKVISION_ACSEVENT, is_acsevent, read_acsevent
from formats.json_responses import json_documents, lower_keys
from formats.tabular import (
    OLE_MAGIC,
    XLSX_MAGIC,
    Table,
    read_csv_text,
    read_xlsx,
    xlsx_strings,
)
from formats.zk_glog import read_glog, read_glog_text
from formats.zk_standalone import read_zk_standalone
from formats.zk_text import (
    ZK_ADMS,
    ZK_ATTLOG,
    ZK_ATTLOG_SSR,
    read_adms,
    read_attlog,
    record_shape,
)
from formats.zktime_acno import ZKTIME_ACNO, read_acno

# Bump when a reader changes what it produces: staged (cached) parses are keyed by it.
READER_VERSION = "3"

LAYOUTS = (
    ZK_ATTLOG,
    ZK_ATTLOG_SSR,
    ZK_ADMS,
    ZK_ADMS_KV,
    ZKTIME_ACNO,
    ZK_GLOG,
    ZK_STANDALONE_CSV,
    ATT2000_CHECKINOUT,
    BIOTIME_CSV,
    FINGERSPOT_JSON,
    EASYLINK_SCANLOG,
    HIKVISION_ACSEVENT,
    BIOTIME_JSON,
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
    ZK_GLOG: "a ZK GLog export",
    BIOTIME_CSV: "a ZKBioTime transactions export",
    HIKVISION_ACSEVENT: "a Hikvision AcsEvent response",
    BIOTIME_JSON: "a ZKBioTime transactions response",
}
AGAIN = "export it again from the machine"
ACCEPTED = (
    "accepted layouts: ZK USB attlog (PIN<TAB>time<TAB>DeviceID<TAB>Status<TAB>Verified<TAB>"
    "Workcode, 6 fields or 11, with or without the SSR serial/checksum lines); ZK ADMS ATTLOG "
    "push lines (PIN, time, State, Verify, Workcode, ..., also form-encoded SN=..&data=..) or "
    "key=value lines (PIN=..<TAB>Time=..); ZKTime 'AC-No.' export (AC-No., No., Name, Time, "
    "State, ...), ZK GLog (No, TMNo, EnNo, Name, GMNo, Mode, ..., DateTime), ZKBioTime "
    "transactions (emp_code, punch_time, ...), ZK 'No., Date/Time' export (Department, Name, No., "
    "Date/Time, Status, Location ID) and Att2000 CHECKINOUT (USERID, CHECKTIME, CHECKTYPE, ..., "
    'with its USERINFO) as XLSX or CSV; EasyLink SDK scanlog JSON ({"Result": true, "Data": '
    '[{"PIN", "ScanDate", "SN", "VerifyMode", "IOMode", "WorkCode"}]}); Fingerspot get_attlog '
    'JSON ({"status": true, "data": [{"pin", "scan", "verify", "status_scan"}]}); Hikvision '
    'ISAPI AcsEvent JSON ({"AcsEvent": {"InfoList": [{"major", "minor", "time", '
    '"employeeNoString", ...}]}}); ZKBioTime transactions JSON ({"count", "next", "data": '
    '[{"emp_code", "punch_time", ...}]})'
)
JSON_LAYOUTS = (FINGERSPOT_JSON, EASYLINK_SCANLOG, HIKVISION_ACSEVENT, BIOTIME_JSON)
USERINFO_ALONE = (
    "is an Att2000 USERINFO table (USERID -> Badgenumber), not a scan export: it is read with "
    "the CHECKINOUT export in the same machine folder"
)


def tabular_layout(text: str) -> str | None:
    """The layout whose header is in the first rows of a delimited text, if any."""
    header = find_header(text)
    return header.layout.layout if header is not None else None


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
    if layout == ZK_GLOG:
        return read_glog(table, file, device_key, date_order)
    if layout == BIOTIME_CSV:
        return read_biotime_table(table, file, device_key, date_order)
    if layout == ZK_STANDALONE_CSV:
        return read_zk_standalone(table, file, device_key, date_order)
    if layout == ATT2000_CHECKINOUT:
        return read_checkinout(table, file, device_key, date_order, userinfo)
    raise FileRejected(file, USERINFO_ALONE)


def _first_row(data: bytes) -> str | None:
    """The first filled row of a workbook's first sheet, as HR sees it (for a rejection)."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=True)
    except Exception:  # the workbook was already read once; this is only for the message
        return None
    for row in rows[:20]:
        cells = [str(v).strip() for v in row if v not in ("", None)]
        if len(cells) >= 2:
            return " | ".join(cells)
    return None


def _read_xlsx(
    data: bytes, file: str, device_key: str, date_order: str | None, userinfo: UserInfo | None
) -> ReadResult:
    key_sets = [keys for h in HEADER_LAYOUTS for keys in h.required_key_sets()]
    try:
        table = read_xlsx(data, file, *key_sets)
    except FileRejected as exc:
        if "no header row" in exc.message:
            first = _first_row(data)
            seen = f' (its first row: "{first}")' if first else ""
            raise FileRejected(
                file,
                f"is an XLSX workbook without a known attendance header{seen}; the columns map "
                f"to no layout we read. Accepted header layouts: {accepted_headers()}",
            ) from exc
        raise
    found = match_header(list(table.values.columns))
    assert found is not None  # read_xlsx found one of the layouts' headers
    layout, mapping = found
    return _read_table(
        canonical_table(table, mapping), layout.layout, file, device_key, date_order, userinfo
    )


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


def _read_docs(docs: list, text: str, file: str, device_key: str) -> ReadResult:
    if not docs or all(doc in ([], {}) for _, doc in docs):
        raise FileEmpty(file, f"the JSON holds no records ([]); {AGAIN}")
    if is_easylink(docs):
        return read_easylink(docs, file, device_key)
    if _is_fingerspot(docs):
        return read_fingerspot(text, file, device_key, docs)
    if is_acsevent(docs):
        return read_acsevent(docs, file, device_key)
    if is_biotime(docs):
        return read_biotime_json(docs, file, device_key)
    raise FileRejected(
        file,
        "is JSON but none of the attendance responses we read (no PIN/ScanDate, pin/scan, "
        f"AcsEvent or emp_code/punch_time records); {ACCEPTED}",
    )


def _read_json(text: str, file: str, device_key: str) -> ReadResult:
    try:
        docs = json_documents(text, file)
    except FileRejected as exc:
        cut = salvage_documents(text)
        if cut is not None and cut[0]:
            docs, line, tail = cut
            return add_cut_record(_read_docs(docs, text, file, device_key), file, line, tail)
        head = text[:4096].lower()
        if "scandate" in head or "scan_date" in head:
            raise FileRejected(
                file, f"looks like an EasyLink scanlog export but {exc.message}", exc.line
            ) from exc
        raise
    return _read_docs(docs, text, file, device_key)


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
    header = find_header(text)
    if header is not None:
        if header.layout.layout == ZK_GLOG:
            return read_glog_text(text, header, file, device_key, date_order)
        table = read_csv_text(text, file, set(header.mapping.values()))
        table = canonical_table(table, header.mapping)
        return _read_table(table, header.layout.layout, file, device_key, date_order, userinfo)
    unknown = unknown_header(text)
    if unknown is not None:
        number, line = unknown
        raise FileRejected(
            file,
            f'has a header row we do not know: "{quote_header(line)}"; its columns map to no '
            "attendance layout we read, and a file is never read by column position. "
            f"Accepted header layouts: {accepted_headers()}. Export the machine's log in one "
            "of them, or ask for this layout to be added",
            line=number,
        )
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
        data, zero_bytes = strip_zero_bytes(data)
        text, encoding = decode_text(data, file)
        text, zero_tail = strip_zero_tail(text)
        zero_tail = zero_tail or zero_bytes
        result = _read_text(text, file, device_key, date_order, userinfo)
        if result.layout not in JSON_LAYOUTS:
            result = mark_cut_text(result, text, file, zero_tail)
        result.info.setdefault("encoding", encoding)
    if result.rows_in == 0:
        what = DESCRIPTION.get(result.layout, result.layout)
        raise FileEmpty(file, f"{what} with no record; {AGAIN}")
    return result
