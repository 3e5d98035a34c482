"""Run one kind of inbox file through exactly the code path its asset uses, without Dagster:
the inbox listing, the reader, the rules and the data contract, and the per-file audit.

``ingest(kind, files)`` writes ``files`` (inbox-relative path -> bytes) into a fresh inbox and
returns every audit row and every quarantined row of that kind, as the warehouse would hold them
in ``load_audit`` and ``quarantine``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assets.partitions import FIRST_DAY
from formats import reference as ref
from ingest.attendance import file_manifest, stage_attendance
from ingest.kinds import Context
from ingest.reference import read_source
from resources import inbox as ib
from resources.rulebook import load_profile
from resources.state import StagingCache
from tests.conftest import MARCH_2024
from vocabulary import columns as c
from vocabulary.frames import Checked

KINDS = (
    "attendance",
    "employees",
    "pin_map",
    "leave",
    "devices",
    "ekinerja",
    "payroll",
    "reference",
)
# the attendance exports are judged against the fixture's devices (time zones, date orders)
ZONES = {"dinkes": "Asia/Jakarta", "bkpsdm": "Asia/Jakarta", "kec-timur": "Asia/Makassar",
         "disdik": "Asia/Jakarta"}  # fmt: skip
ORDERS = {"kec-timur": "mdy"}
# every file of a case is dated so: a scan later than this is from the future
MODIFIED = dt.datetime(2024, 4, 2, 0, 0, tzinfo=dt.UTC)


def known_nips() -> pd.Series:
    """The NIPs of the fixture's employee master (for the 'not in the master' rules)."""
    data = (MARCH_2024 / "employees.csv").read_bytes()
    return ref.read_employees(data, "employees.csv").rows[c.NIP]


@dataclass
class Outcome:
    """What the warehouse would hold for the case's files: audit rows and quarantined rows."""

    audit: pd.DataFrame
    quarantine: pd.DataFrame
    valid: int

    def of(self, file: str) -> pd.Series:
        rows = self.audit[self.audit["file"] == file]
        assert len(rows) == 1, f"{file}: {len(rows)} audit rows\n{self.audit}"
        return rows.iloc[0]

    def quarantined(self, file: str) -> list[tuple[int, str]]:
        q = self.quarantine[self.quarantine[c.SOURCE_FILE] == file]
        q = q.sort_values([c.SOURCE_LINE, c.REASON], kind="stable")
        return [
            (int(line), str(reason))
            for line, reason in zip(q[c.SOURCE_LINE], q[c.REASON], strict=True)
        ]


def write_inbox(root: Path, files: dict[str, bytes | Callable[[Path], None]]) -> None:
    """Bytes are written as files; a callable makes the entry itself (symbolic links)."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            data(path)
        else:
            path.write_bytes(data)


def _attendance(root: Path, cache_dir: Path) -> Checked:
    files = ib.list_attendance(root)
    files = [ib.InboxFile(**{**f.__dict__, "modified": MODIFIED}) for f in files]
    staged = stage_attendance(files, ORDERS, StagingCache(cache_dir))
    checked, _ = file_manifest(staged, ZONES, load_profile("nasional"), FIRST_DAY)
    return checked


def _merge(parts: list[Checked]) -> Checked:
    return Checked(
        valid=pd.DataFrame({"n": [sum(len(p.valid) for p in parts)]}),
        quarantine=pd.concat([p.quarantine for p in parts], ignore_index=True),
        audit=pd.concat([p.audit for p in parts], ignore_index=True),
    )


# the harness's kinds and the ingestion source each one is
SOURCE_OF = {"employees": "employees", "pin_map": "pin_map", "leave": "leave",
             "devices": "devices", "ekinerja": "ekinerja", "payroll": "payroll",
             "reference": "tpp_reference"}  # fmt: skip


def ingest(kind: str, root: Path, files: dict[str, bytes | Callable[[Path], None]]) -> Outcome:
    """Write the files into ``root`` (a fresh inbox) and ingest every file of ``kind``, through
    the same service (``ingest``) and source table the assets use."""
    write_inbox(root, files)
    if kind == "attendance":
        checked = _attendance(root, root.parent / "staging")
        valid = int(checked.audit["rows_valid"].sum())
        return Outcome(audit=checked.audit, quarantine=checked.quarantine, valid=valid)
    if kind not in SOURCE_OF:
        raise ValueError(kind)
    ctx = Context(load_profile("nasional"), known_nips())
    parts = list(read_source(SOURCE_OF[kind], root, ctx).values())
    checked = _merge(parts)
    return Outcome(
        audit=checked.audit, quarantine=checked.quarantine, valid=int(checked.valid["n"].iloc[0])
    )
