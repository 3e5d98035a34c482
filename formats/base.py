"""What every reader returns, and the decoding every text reader shares.

Readers are pure: bytes in, frame out. Each returns the rows it could read, with lineage
(file, line) on every row, and the rows it could not, each with a reason. A file that cannot be
read at all raises ``FileRejected`` with a message naming the file and what to do; a file that
holds no record at all (0 bytes, blank lines, a header only, ``[]``) raises ``FileEmpty``, a kind of
``FileRejected`` that callers record as ``empty`` rather than ``rejected``.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from vocabulary import columns as c
from vocabulary.frames import repeat_text

QUARANTINE_COLUMNS = [c.SOURCE_FILE, c.SOURCE_LINE, c.RAW, c.REASON]


class FileRejected(Exception):
    """The whole file is unusable; the message says which file, where, and what to do."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")


class FileEmpty(FileRejected):
    """The file holds no record at all: 0 bytes, only blank lines, a header and no rows, or a JSON
    ``[]``. Not a broken export of its layout: the load audit records it as ``empty``."""

    def __init__(self, file: str, detail: str, line: int | None = None) -> None:
        super().__init__(file, f"is empty: {detail}", line)


def reject_blank(data: bytes, file: str, advice: str = "export it again") -> None:
    """Raise ``FileEmpty`` for 0 bytes or a file of blank space only (a byte-order mark
    included)."""
    if not data:
        raise FileEmpty(file, f"0 bytes; {advice}")
    for bom, _name in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise FileEmpty(file, f"only blank lines; {advice}")


@dataclass
class ReadResult:
    """Rows read from one file, plus the rows quarantined while reading it."""

    layout: str
    rows: pd.DataFrame
    quarantine: pd.DataFrame
    info: dict[str, str] = field(default_factory=dict)

    @property
    def rows_in(self) -> int:
        return len(self.rows) + len(self.quarantine)


def empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.SOURCE_FILE: pd.Series(dtype="string"),
            c.SOURCE_LINE: pd.Series(dtype="int64"),
            c.RAW: pd.Series(dtype="string"),
            c.REASON: pd.Series(dtype="string"),
        }
    )


def quarantine_rows(file: str, lines, raws, reasons) -> pd.DataFrame:
    """A quarantine frame for rows of one file."""
    n = len(lines)
    reason_values = [reasons] * n if isinstance(reasons, str) else reasons
    return pd.DataFrame(
        {
            c.SOURCE_FILE: repeat_text(file, n),
            c.SOURCE_LINE: pd.Series(np.asarray(lines, dtype="int64")),
            c.RAW: pd.Series(
                list(raws) if not isinstance(raws, pd.Series) else raws.to_numpy(), dtype="string"
            ),
            c.REASON: pd.Series(
                list(reason_values)
                if not isinstance(reason_values, pd.Series)
                else reason_values.to_numpy(),
                dtype="string",
            ),
        }
    )


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """Decode a text export, honouring a BOM, preferring UTF-8, else the detected code page.

    Returns:
        The text and the name of the encoding used (recorded in the load audit).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise FileRejected(
                    file,
                    f"starts with a {name} byte-order mark but does not "
                    f"decode as {name}: {exc.reason}",
                ) from exc
    if b"\x00" in data[:4096]:
        raise FileRejected(
            file,
            "contains NUL bytes: a binary file, not a text export; remove it from the inbox "
            "or export the data again",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise FileRejected(file, "is not text in any known encoding")
    encoding = best.encoding
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise FileRejected(file, f"does not decode as {encoding}: {exc.reason}") from exc


def split_lines(text: str) -> pd.Series:
    """The lines of a text, as a string Series indexed by 1-based line number."""
    lines = text.splitlines()
    return pd.Series(lines, index=pd.RangeIndex(1, len(lines) + 1), dtype="string")


@dataclass
class Delimited:
    """A text split into fields: the lines with the usual field count, and the others."""

    parts: pd.DataFrame  # string columns 0..n-1, indexed by physical line number (from 1)
    other: pd.Series  # text of every other non-blank line, indexed by line number
    sep: str

    def raw(self) -> pd.Series:
        """The original text of the split lines (their fields joined again: lossless)."""
        if self.parts.empty:
            return pd.Series([], index=self.parts.index, dtype="string")
        arrays = [pa.array(self.parts[i], type=pa.string()) for i in self.parts.columns]
        joined = pa_csv_join(arrays, self.sep)
        return pd.Series(pd.arrays.ArrowStringArray(joined), index=self.parts.index)


def pa_csv_join(arrays: list[pa.Array], sep: str) -> pa.Array:
    import pyarrow.compute as pc

    return pc.binary_join_element_wise(*arrays, sep)


def parse_delimited(text: str, sep: str, fields: int) -> Delimited:
    """Split a whole text with Arrow's CSV parser (no quoting), keeping physical line numbers.

    Lines with exactly ``fields`` fields become rows of ``parts``; every other line (junk,
    headers, another field count) is reported with its number in ``other``; blank lines are
    dropped. Line numbers count '\\n' line breaks, as editors do.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    odd: list[tuple[int, str]] = []

    def keep(row: pa_csv.InvalidRow) -> str:
        odd.append((row.number, row.text))
        return "skip"

    names = [str(i) for i in range(fields)]
    table = pa_csv.read_csv(
        io.BytesIO(text.encode("utf-8")),
        read_options=pa_csv.ReadOptions(column_names=names, use_threads=False),
        parse_options=pa_csv.ParseOptions(
            delimiter=sep, quote_char=False, ignore_empty_lines=False, invalid_row_handler=keep
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        ),
    )
    total = table.num_rows + len(odd)
    odd_numbers = np.asarray([n for n, _ in odd], dtype="int64")
    numbers = np.setdiff1d(np.arange(1, total + 1, dtype="int64"), odd_numbers, assume_unique=True)
    parts = pd.DataFrame(
        {
            i: pd.arrays.ArrowStringArray(table.column(str(i)).combine_chunks())
            for i in range(fields)
        },
        index=pd.Index(numbers),
    )
    blank = pd.Series(True, index=parts.index)
    for i in range(fields):
        blank &= parts[i].str.strip().eq("").to_numpy()
    other = pd.Series([t for _, t in odd], index=pd.Index(odd_numbers), dtype="string")
    return Delimited(parts=parts[~blank.to_numpy()], other=other[other.str.strip() != ""], sep=sep)
