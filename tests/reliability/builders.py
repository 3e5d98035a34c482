"""Bad files built in code: workbooks, zip bombs, broken encodings, huge junk.

Nothing big is committed: every large input is generated when a test runs.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter


def xlsx(rows: list[list[object]], sheet: str = "Sheet1", number_cols: tuple[int, ...] = (),
         merged: tuple[str, ...] = ()) -> bytes:  # fmt: skip
    """A workbook written by xlsxwriter: strings as text cells, ints/floats as number cells,
    datetimes as date cells; ``merged`` ranges (e.g. 'A1:C1') are merged after writing."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"strings_to_numbers": False})
    book.set_properties({"created": dt.datetime(2024, 3, 1)})
    ws = book.add_worksheet(sheet)
    date = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                ws.write_datetime(i, j, value, date)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(i, j, value)
            else:
                ws.write_string(i, j, str(value))
    for cells in merged:
        ws.merge_range(cells, None)
    book.close()
    return buf.getvalue()


def xlsx_formulas(rows: list[list[object]]) -> bytes:
    """A workbook saved by a script (openpyxl): formulas without a computed (cached) value, the
    way a generated file looks until someone opens and saves it in Excel."""
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def with_member(data: bytes, name: str, member: bytes) -> bytes:
    """The workbook with one more zip member (deflated)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        z.writestr(name, member)
    return out.getvalue()


def zip_bomb(data: bytes, megabytes: int = 64) -> bytes:
    """The workbook plus a member of zeros that deflates about 1000 to 1."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        with z.open("xl/media/image1.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
    return out.getvalue()


def lying_sizes(data: bytes, padding: int = 8 << 20) -> bytes:
    """The first worksheet padded with whitespace while both zip headers still declare its
    original size: the size check passes, the reader must not trust the headers."""
    src = zipfile.ZipFile(io.BytesIO(data))
    name = "xl/worksheets/sheet1.xml"
    sheet = src.read(name)
    big = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * padding, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, big if info.filename == name else src.read(info.filename))
    raw = bytearray(out.getvalue())
    at = 0
    while (at := raw.find(name.encode(), at + 1)) > 0:
        if raw[at - 30 : at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", raw, at - 30 + 22, len(sheet))
        if raw[at - 46 : at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", raw, at - 46 + 24, len(sheet))
    return bytes(raw)


def external_link(data: bytes) -> bytes:
    return with_member(
        data,
        "xl/externalLinks/externalLink1.xml",
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    )


def junk(megabytes: int, seed: int = 7) -> bytes:
    """Random bytes (a disk image, a video copied into the inbox by mistake)."""
    import random

    return random.Random(seed).randbytes(megabytes << 20)


def json_bytes(doc: object) -> bytes:
    return json.dumps(doc).encode()


def symlink_to(target: Path):
    """An inbox entry that is a symbolic link to ``target`` (made when the inbox is written)."""

    def make(path: Path) -> None:
        os.symlink(target, path)

    return make
