"""Tabular exports (CSV, XLSX, JSON records) read as text, with the source type of every cell.

Every value is kept as text so that identifiers survive (an 18-digit NIP must never pass through a
float). For XLSX and JSON we also record which cells were numbers in the source, so that a reader
can reject an NIP that Excel already turned into a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine

from formats.base import FileEmpty, FileRejected, decode_text, reject_blank

HEADER_SCAN_ROWS = 20
ZIP_MAX_UNCOMPRESSED = 512 * 1024 * 1024
ZIP_MAX_RATIO = 200
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (",", ";", "\t", "|")


def join_columns(values: pd.DataFrame, columns: list[str], sep: str = " | ") -> pd.Series:
    """Row-wise join of text columns, vectorised column by column (no per-row Python)."""
    cols = [col for col in columns if col in values.columns]
    if not cols:
        return pd.Series("", index=values.index, dtype="string")
    arrays = [pa.array(values[col].astype("string"), type=pa.large_string()) for col in cols]
    joined = pc.binary_join_element_wise(
        *arrays, pa.scalar(sep, pa.large_string()), null_handling="replace", null_replacement=""
    )
    name = cols[0] if len(cols) == 1 else None  # as pandas names a sum of differently named
    return pd.Series(joined, index=values.index, dtype="string", name=name)


def header_key(name: object) -> str:
    """Normalised header name: lower case, letters and digits only ('AC-No.' -> 'acno')."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


@dataclass
class Table:
    """Text values of a tabular export, with lineage and source cell types."""

    values: pd.DataFrame  # string dtype, columns are header keys
    lines: np.ndarray  # 1-based line (CSV) or row (XLSX) or record number (JSON) per row
    numeric: pd.DataFrame | None = None  # True where the source cell was a number
    datetimes: pd.DataFrame | None = None  # the cell as a datetime where it was one (XLSX)
    info: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)  # the rows above the header (XLSX), joined

    def raw(self, columns: list[str] | None = None) -> pd.Series:
        """Each row re-joined as text, for quarantine (only ``columns`` when given)."""
        return join_columns(self.values, columns or list(self.values.columns))

    def optional(self, key: str) -> pd.Series:
        """An optional column's text, stripped; all <NA> when the header does not name it."""
        if key in self.values.columns:
            return self.values[key].str.strip()
        return pd.Series(pd.NA, index=self.values.index, dtype="string")


def _find_header(rows: list[list[str]], required: set[str], file: str) -> int:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = {header_key(v) for v in row}
        if required <= keys:
            return i
    wanted = ", ".join(sorted(required))
    raise FileRejected(
        file,
        f"no header row with the columns {wanted} in the first {HEADER_SCAN_ROWS} rows; "
        "check that this is the right export and that the header was not renamed",
    )


def _dedupe(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        k = k or "column"
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(k if n == 0 else f"{k}_{n + 1}")
    return out


_CELL = re.compile(rb"<c r=\"([A-Z]{1,3}[0-9]+)\"[^>]*?(?:/>|>(.*?)</c>)", re.S)
_FORMULA = re.compile(rb"<f[ >/]")
_VALUE = re.compile(rb"<v>[^<]")  # a saved value; openpyxl writes an empty <v /> instead


def uncached_formulas(xml: bytes) -> list[str]:
    """References of the formula cells of a worksheet that carry no saved (cached) value: a
    workbook written by a script and never opened in Excel. Their value is unknown."""
    if not _FORMULA.search(xml):
        return []
    return [
        ref.decode()
        for ref, body in _CELL.findall(xml)
        if body and _FORMULA.search(body) and not _VALUE.search(body)
    ]


def check_zip(data: bytes, file: str) -> None:
    """Refuse zip bombs, workbooks that link to external files, and formula cells whose value
    was never saved (calamine would read them as empty or 0)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_sizes(infos, file)
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    cells = uncached_formulas(zf.read(info))
                    if cells:
                        raise FileRejected(
                            file,
                            f"has {len(cells)} formula cell(s) with no saved value (first: "
                            f"{cells[0]}); open it in Excel and save it, or paste the values "
                            "as values, then drop it again",
                        )
    except zipfile.BadZipFile as exc:
        raise FileRejected(
            file,
            f"is not a readable XLSX (zip) file: {exc}; the file may be "
            "truncated, re-export or copy it again",
        ) from exc


def _check_sizes(infos: list[zipfile.ZipInfo], file: str) -> None:
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > ZIP_MAX_UNCOMPRESSED or total / packed > ZIP_MAX_RATIO:
        raise FileRejected(
            file,
            f"expands to {total} bytes ({total // packed}x its size): refused "
            "as a possible zip bomb; export a smaller file",
        )
    if any(i.filename.startswith("xl/externalLinks/") for i in infos):
        raise FileRejected(
            file,
            "links to external workbooks; refused. Open it, use 'Break "
            "links' (Data > Edit Links) and save again",
        )


def xlsx_strings(data: bytes, limit: int = 256 * 1024) -> str:
    """The start of a workbook's shared strings (where writers put header texts), lower case;
    '' when the zip or the part cannot be read. Cheap: nothing but that part is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("xl/sharedStrings.xml") as part:
            return part.read(limit).decode("utf-8", errors="ignore").lower()
    except (zipfile.BadZipFile, KeyError, OSError):
        return ""


_RESAVE = "the file is damaged or was not written by Excel: open it in Excel, save it again"


def read_xlsx(data: bytes, file: str, required: set[str], *alternatives: set[str]) -> Table:
    """Read the first sheet that has the required header (or one of the ``alternatives``, tried
    in order on each sheet) within its first rows."""
    check_zip(data, file)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise FileRejected(file, f"is not a readable XLSX workbook ({exc}); {_RESAVE}") from exc
    last_error: FileRejected | None = None
    blank = True
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise FileRejected(file, f"sheet {name!r} cannot be read ({exc}); {_RESAVE}") from exc
        blank = blank and not any(map(_filled, rows))
        header = None
        for option in (required, *alternatives):
            try:
                header = _find_header(rows, option, file)
                break
            except FileRejected as exc:
                last_error = last_error or exc
        if header is None:
            continue
        table = _sheet_table(rows, header)
        table.info = {"sheet": name, "header_row": str(header + 1)}
        # as ``to_python(nrows=header)`` read them (from the first filled row, as calamine
        # trims the empty area): the rows a title is searched in
        first = next((i for i, row in enumerate(rows) if _filled(row)), 0)
        table.titles = [
            " ".join(str(v) for v in row if v not in ("", None))
            for row in rows[first : first + header]
        ]
        return table
    if blank:
        raise FileEmpty(file, "the workbook has no filled cell; export it again")
    assert last_error is not None
    raise last_error


def _filled(row: list) -> bool:
    """A row with at least one cell that is neither '' nor empty (counted, not looped over)."""
    return len(row) > row.count("") + row.count(None)


def _sheet_table(rows: list[list], header: int) -> Table:
    """The rows below the header as text columns, with each cell's source type. Column by
    column over one object grid (numpy compares and slices it in C); a cell at a time only in
    the columns that hold numbers or dates."""
    width = len(rows[header])
    keys = _dedupe([header_key(v) for v in rows[header]])
    body = rows[header + 1 :]
    if body and len({len(r) for r in body}) == 1 and len(body[0]) >= width:
        grid = np.empty((len(body), len(body[0])), dtype=object)
        grid[:] = body
        filled = ~((grid == "") | np.equal(grid, None)).all(axis=1)
        kept = np.flatnonzero(filled)
        grid = grid[kept, :width]
    else:  # rows of different lengths: pad or cut each to the header's width
        kept_rows = [(i, r) for i, r in enumerate(body) if _filled(r)]
        kept = np.asarray([i for i, _ in kept_rows], dtype="int64")
        grid = np.empty((len(kept_rows), width), dtype=object)
        for n, (_, r) in enumerate(kept_rows):
            grid[n] = r[:width] if len(r) >= width else r + [""] * (width - len(r))
    n = len(grid)
    text, numbers, dates = {}, {}, {}
    for j, key in enumerate(keys):
        col = grid[:, j]
        if pd.api.types.infer_dtype(col, skipna=False) in ("string", "empty"):
            # a text column (most are): no number, no date; '' is a missing value
            col = col.copy()
            col[col == ""] = None
            text[key] = col
            numbers[key] = np.zeros(n, dtype=bool)
            dates[key] = np.full(n, None, dtype=object)
            continue
        text[key] = [(v or None) if type(v) is str else _cell_text(v) for v in col]
        numbers[key] = [type(v) is float or type(v) is int for v in col]
        dates[key] = [v if isinstance(v, (dt.datetime, dt.date)) else None for v in col]
    return Table(
        values=pd.DataFrame(text, columns=keys, dtype="string"),
        lines=(kept + header + 2).astype("int64"),
        numeric=pd.DataFrame(numbers, columns=keys, dtype=bool),
        datetimes=pd.DataFrame(dates, columns=keys, dtype=object),
    )


def _cell_text(v: object) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, float):
        return repr(v) if not v.is_integer() or abs(v) >= 1e15 else str(int(v))
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    return str(v)


def read_csv_text(text: str, file: str, required: set[str]) -> Table:
    """Read delimited text; the delimiter is sniffed from the header line and recorded."""
    lines = text.splitlines()
    header_idx, delimiter = None, None
    for i, line in enumerate(lines[:HEADER_SCAN_ROWS]):
        for delim in DELIMITERS:
            keys = {header_key(v) for v in line.split(delim)}
            if required <= keys:
                header_idx, delimiter = i, delim
                break
        if header_idx is not None:
            break
    if header_idx is None:
        _find_header([[line] for line in lines], required, file)  # raises with the message
    assert delimiter is not None
    body = "\n".join(lines[header_idx:])
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError:
        bad = _overlong_lines(lines[header_idx:], delimiter)
        if not bad:
            raise
        where = ", ".join(str(n + header_idx) for n in bad[:5])
        raise FileRejected(
            file,
            f"{len(bad)} row(s) have more fields than the header (lines {where}); a field "
            f"probably contains the delimiter {delimiter!r} unquoted: put quotes around it or "
            "export the file again",
            line=bad[0] + header_idx,
        ) from None
    frame.columns = _dedupe([header_key(col) for col in frame.columns])
    line_numbers = np.arange(len(frame), dtype="int64") + header_idx + 2
    values = frame.astype("string").replace("", pd.NA)
    keep = values.notna().any(axis=1).to_numpy()
    delim_name = {"\t": "tab"}.get(delimiter, delimiter)
    return Table(
        values=values[keep].reset_index(drop=True),
        lines=line_numbers[keep],
        info={"delimiter": delim_name, "header_row": str(header_idx + 1)},
    )


def _overlong_lines(lines: list[str], delimiter: str) -> list[int]:
    """1-based numbers (from the header line) of the lines with more fields than the header."""
    reader = csv.reader(lines, delimiter=delimiter)
    width = len(next(reader, []))
    bad = []
    for row in reader:
        if len(row) > width:
            bad.append(reader.line_num)
    return bad


def read_json_records(data: bytes, file: str, required: set[str]) -> Table:
    """Read a JSON list of records, or an object with a 'data' list (SIASN/API wrappers)."""
    text, encoding = decode_text(data, file)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRejected(file, f"is not valid JSON ({exc.msg})", line=exc.lineno) from exc
    records = doc.get("data") if isinstance(doc, dict) else doc
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FileRejected(file, "JSON must be a list of records or an object with a 'data' list")
    if not records:
        where = "'data' list" if isinstance(doc, dict) else "list"
        raise FileEmpty(file, f"the JSON {where} holds no records ([]); export it again")
    frame = pd.DataFrame(records, dtype=object)  # keep JSON types: null stays missing, not "nan"
    keys = _dedupe([header_key(col) for col in frame.columns])
    frame.columns = keys
    missing = required - set(keys)
    if missing and len(frame):
        raise FileRejected(file, f"JSON records lack the fields {', '.join(sorted(missing))}")
    numeric = frame.map(
        lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and not _missing(v)
    )
    values = frame.map(
        lambda v: (
            None if _missing(v) else (json.dumps(v) if isinstance(v, (dict, list)) else str(v))
        )
    ).astype("string")
    return Table(
        values=values,
        lines=np.arange(1, len(frame) + 1, dtype="int64"),
        numeric=numeric,
        info={"encoding": encoding},
    )


def _missing(v: object) -> bool:
    """JSON null, an absent key (NaN after framing) or an empty string."""
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def read_table(data: bytes, file: str, required: set[str]) -> Table:
    """Read CSV, XLSX or JSON, detected from the content, not the extension."""
    head = data[:8]
    reject_blank(data, file)
    if head.startswith(XLSX_MAGIC):
        return require_rows(read_xlsx(data, file, required), file)
    if head.startswith(OLE_MAGIC):
        raise FileRejected(
            file,
            "is an old binary Excel (.xls) workbook, which is not "
            "supported; open it and save it as .xlsx",
        )
    text, encoding = decode_text(data, file)
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        return read_json_records(data, file, required)
    if stripped[:1] == "<":
        raise FileRejected(
            file,
            "is HTML or XML, not a spreadsheet (a web page saved with an "
            ".xls/.xlsx name?); export it again as XLSX or CSV",
        )
    table = read_csv_text(text, file, required)
    table.info["encoding"] = encoding
    return require_rows(table, file)


def require_rows(table: Table, file: str) -> Table:
    """The table, or ``FileEmpty`` when its header is followed by no row with a value."""
    if len(table.values):
        return table
    row = table.info.get("header_row")
    where = f" (row {row})" if row else ""
    raise FileEmpty(file, f"a header row{where} and no records; export it again")
