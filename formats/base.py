"""What every reader returns, and the decoding every text reader shares.

Readers are pure: bytes in, frame out. Each returns the rows it could read, with lineage
(file, line) on every row, and the rows it could not, each with a reason. A file that cannot be
read at all raises ``FileRejected`` with a message naming the file and what to do.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import charset_normalizer
import numpy as np
import pandas as pd

from rules import columns as c

QUARANTINE_COLUMNS = [c.SOURCE_FILE, c.SOURCE_LINE, c.RAW, c.REASON]


class FileRejected(Exception):
    """The whole file is unusable; the message says which file, where, and what to do."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")


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
            c.SOURCE_FILE: pd.Series([file] * n, dtype="string"),
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
        raise FileRejected(file, "contains NUL bytes: a binary file, not a text export")
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
