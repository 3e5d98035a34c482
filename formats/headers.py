"""Attendance exports with a header row: which layout a header names, by column names only.

Every attendance layout that has a header row is recognised from the names in it, never from
where a column stands. Each layout lists its columns as a canonical key and the aliases firmware
and tools write for it; names are compared after ``header_key`` (case, spaces and punctuation
ignored: ``En No``, ``EnNo`` and ``EN-NO`` are one name). The layouts are tried in order and the
first whose required columns are all named wins, so a header that names ``EnNo`` (the ZK GLog
enrolment number) is never taken for the ZK terminal's ``No.`` export whose ``No.`` is the PIN:
in a GLog file ``No`` is a record counter.

A line that looks like a header (two or more cells, each a name rather than a value) but names
no layout we know makes the file rejected, with the header quoted and the layouts we accept
(``unknown_header``): read by position, such a file would tie scans to the wrong people.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from formats.tabular import DELIMITERS, HEADER_SCAN_ROWS, Table, header_key


@dataclass(frozen=True)
class HeaderLayout:
    """A layout with a header row: its columns by canonical key and their aliases."""

    layout: str
    title: str  # how HR knows it, in messages
    columns: dict[str, tuple[str, ...]]  # canonical key -> aliases (header keys), first wins
    required: tuple[tuple[str, ...], ...]  # alternatives: canonical keys that must all be named
    example: str  # its header as the machine or tool writes it, for the accepted list
    excluded_by: frozenset[str] = frozenset()  # header keys that rule the layout out

    def mapping(self, keys: set[str] | list[str]) -> dict[str, str] | None:
        """Canonical key -> the header key naming it, when ``keys`` name this layout."""
        keys = set(keys)
        if keys.isdisjoint(self.aliases) or keys & self.excluded_by:
            return None  # names none of its columns (a record line, most often): not this one
        found = {
            canon: next(a for a in aliases if a in keys)
            for canon, aliases in self.columns.items()
            if any(a in keys for a in aliases)
        }
        if any(all(k in found for k in option) for option in self.required):
            return found
        return None

    @functools.cached_property
    def aliases(self) -> frozenset[str]:
        """Every header key that names one of its columns."""
        return frozenset(a for names in self.columns.values() for a in names)

    def required_key_sets(self) -> list[set[str]]:
        """Every set of header keys that satisfies ``required`` (for the XLSX header search)."""
        sets = []
        for option in self.required:
            for combo in itertools.product(*(self.columns[k] for k in option)):
                sets.append(set(combo))
        return sets


ZKTIME_ACNO = "zktime_acno"
ZK_GLOG = "zk_glog"
BIOTIME_CSV = "biotime_csv"
ZK_STANDALONE_CSV = "zk_standalone_csv"
ATT2000_CHECKINOUT = "att2000_checkinout"
ATT2000_USERINFO = "att2000_userinfo"

# In the order tried: an AC-No. export also has a 'No.' column; a GLog file has 'No' (a record
# counter) and 'DateTime' too, so GLog comes before the ZK terminal's 'No., Date/Time' export.
HEADER_LAYOUTS: tuple[HeaderLayout, ...] = (
    HeaderLayout(
        ZKTIME_ACNO,
        "ZKTime 'AC-No.' export",
        {"acno": ("acno", "acnumber"), "time": ("time",), "state": ("state",)},
        (("acno", "time"),),
        "AC-No., No., Name, Time, State, ...",
    ),
    HeaderLayout(
        ZK_GLOG,
        "ZK GLog (AGL_*.TXT, GLG_*.TXT)",
        {
            "enno": ("enno", "enrollno", "enrollnumber", "enrollmentno", "enrolno"),
            "datetime": ("datetime",),
            "no": ("no", "recordno"),
            "tmno": ("tmno", "mchn", "machineno", "mchnno", "termno"),
            "mode": ("mode", "verifymode", "vm"),
            "inout": ("inout", "iomd", "iomode", "inoutmode"),
            "gmno": ("gmno",),
        },
        (("enno", "datetime"),),
        "No, TMNo, EnNo, Name, GMNo, Mode, IN/OUT, INOUT, Antipass, DateTime",
    ),
    HeaderLayout(
        BIOTIME_CSV,
        "ZKBioTime transactions (CSV or XLSX export)",
        {
            "empcode": ("empcode", "employeeid", "employeecode", "personnelid", "empno"),
            "punchtime": ("punchtime", "punchdatetime"),
            "date": ("punchdate", "date"),
            "time": ("time",),
            "punchstate": ("punchstate",),
            "verifytype": ("verifytype",),
            "terminalsn": ("terminalsn", "serialnumber", "devicesn"),
        },
        (("empcode", "punchtime"), ("empcode", "date", "time")),
        "emp_code, punch_time, punch_state, verify_type, terminal_sn, ... (or Employee ID, "
        "Punch Time, ... / Employee ID, Date, Time, ...)",
    ),
    HeaderLayout(
        ZK_STANDALONE_CSV,
        "ZK terminal 'No., Date/Time' export",
        {"no": ("no",), "datetime": ("datetime",)},
        (("no", "datetime"),),
        "Department, Name, No., Date/Time, Status, Location ID",
    ),
    HeaderLayout(
        ATT2000_CHECKINOUT,
        "Att2000 CHECKINOUT table",
        {"userid": ("userid",), "checktime": ("checktime",)},
        (("userid", "checktime"),),
        "USERID, CHECKTIME, CHECKTYPE, VERIFYCODE, SENSORID, ..., sn",
    ),
    HeaderLayout(
        ATT2000_USERINFO,
        "Att2000 USERINFO table (read with the CHECKINOUT beside it)",
        {"userid": ("userid",), "badgenumber": ("badgenumber",)},
        (("userid", "badgenumber"),),
        "USERID, Badgenumber, ...",
        excluded_by=frozenset({"checktime"}),
    ),
)
BY_NAME = {h.layout: h for h in HEADER_LAYOUTS}


def match_header(keys: set[str] | list[str]) -> tuple[HeaderLayout, dict[str, str]] | None:
    """The first layout the header keys name, with its column mapping."""
    for candidate in HEADER_LAYOUTS:
        found = candidate.mapping(keys)
        if found is not None:
            return candidate, found
    return None


def split_cells(line: str) -> tuple[str, list[str]]:
    """The line split by the delimiter that gives the most cells (tab wins a tie)."""
    best = ("\t", line.split("\t"))
    for delim in DELIMITERS:
        cells = line.split(delim)
        if len(cells) > len(best[1]):
            best = (delim, cells)
    return best


@dataclass(frozen=True)
class HeaderLine:
    """A header row found in a text: its line (0-based), delimiter, cells, layout, mapping."""

    index: int
    delimiter: str
    cells: list[str]
    layout: HeaderLayout
    mapping: dict[str, str]


def find_header(text: str) -> HeaderLine | None:
    """The first line, within the first rows, that names a known layout (``#`` lines skipped)."""
    for i, line in enumerate(text[:200_000].splitlines()[:HEADER_SCAN_ROWS]):
        if line.lstrip().startswith("#"):
            continue
        for delim in DELIMITERS:
            cells = line.split(delim)
            found = match_header({header_key(v) for v in cells})
            if found is not None:
                return HeaderLine(i, delim, cells, found[0], found[1])
    return None


# a header cell: a name, not a value (a letter first; no '=' or ':' as in key=value bodies and
# HTTP headers; no date or time)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9 ._/()#&%+\-\[\]]*")
_VALUE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}")


def header_like(line: str) -> bool:
    """A line of two or more cells that are all names (a header row), none a value."""
    _, cells = split_cells(line)
    names = [cell.strip().strip('"') for cell in cells if cell.strip().strip('"')]
    return (
        len(names) >= 2
        and all(_NAME.fullmatch(n) for n in names)
        and not any(_VALUE.search(n) for n in names)
        and any(sum(ch.isalpha() for ch in n) >= 2 for n in names)
    )


def unknown_header(text: str) -> tuple[int, str] | None:
    """The first header-like line (1-based number, text) before any record-like line, when the
    text names no known layout; None otherwise."""
    for i, line in enumerate(text[:200_000].splitlines()[:HEADER_SCAN_ROWS]):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _VALUE.search(stripped):
            return None  # the records start before any header
        if header_like(line):
            return i + 1, line.rstrip("\r\n")
    return None


def quote_header(line: str) -> str:
    """A header line as HR sees it: its cells separated by ' | ' (tabs made visible)."""
    _, cells = split_cells(line)
    return " | ".join(cell.strip() for cell in cells)


def accepted_headers() -> str:
    """The header layouts we read, for a rejection message."""
    return "; ".join(f"{h.title}: {h.example}" for h in HEADER_LAYOUTS)


def canonical_table(table: Table, mapping: dict[str, str]) -> Table:
    """The table with each mapped column renamed to its canonical key (when that name is free),
    so that readers address columns by one name whatever alias the file used."""
    renames = {
        alias: canon
        for canon, alias in mapping.items()
        if alias != canon and canon not in table.values.columns
    }
    if not renames:
        return table

    def renamed(frame):
        return None if frame is None else frame.rename(columns=renames)

    return Table(
        values=table.values.rename(columns=renames),
        lines=table.lines,
        numeric=renamed(table.numeric),
        datetimes=renamed(table.datetimes),
        info=table.info,
    )
