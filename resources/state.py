"""Local state: the staging cache of parsed exports and the parquet asset storage.

Parsing is a pure function of (file bytes, its inbox path, reader version, declared date order),
so the parse of each file is cached under a key made of those. Re-running a night with a year of
exports parses only the new files. Writes are atomic (write, then rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

import dagster as dg
import pandas as pd

from resources.settings import Settings
from vocabulary.frames import Checked


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(frame: pd.DataFrame, path: Path, **options: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        frame.to_parquet(tmp, index=False, **options)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class StagingCache:
    """Parsed exports keyed by content and context."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(sha256: str, rel: str, reader_version: str, extra: str = "") -> str:
        return hashlib.sha256(f"{sha256}\0{rel}\0{reader_version}\0{extra}".encode()).hexdigest()

    def _paths(self, key: str) -> tuple[Path, Path, Path]:
        d = self.root / key[:2]
        return d / f"{key}.rows.parquet", d / f"{key}.quarantine.parquet", d / f"{key}.json"

    def get(self, key: str) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]] | None:
        rows, quarantine, meta = self._paths(key)
        if not meta.exists():
            return None
        try:
            return (
                pd.read_parquet(rows),
                pd.read_parquet(quarantine),
                json.loads(meta.read_text()),
            )
        except (OSError, ValueError):
            return None  # a damaged entry is re-parsed

    def put(
        self, key: str, rows: pd.DataFrame, quarantine: pd.DataFrame, meta: dict[str, Any]
    ) -> None:
        r, q, m = self._paths(key)
        # no dictionary pages: a parse's columns are mostly distinct texts (raw lines, times),
        # where parquet tries a dictionary and falls back, a fifth of the write's CPU (issue 24)
        write_parquet(rows, r, use_dictionary=False)
        write_parquet(quarantine, q, use_dictionary=False)
        atomic_write_bytes(m, json.dumps(meta, sort_keys=True).encode())  # meta last: the marker


class StateResource(dg.ConfigurableResource):
    """The state folder; empty ``path`` means KINERJA_STATE_DIR (default ./.state)."""

    path: str = ""

    def root(self) -> Path:
        return Path(self.path).resolve() if self.path else Settings.from_env().state_dir

    def staging(self) -> StagingCache:
        return StagingCache(self.root() / "staging")


def _signature(files: list[Path]) -> tuple:
    """What says a stored output is still the one read: inode, size and mtime of its files (an
    output is replaced by rename, so a rewrite gives a new inode)."""
    stats = [f.stat() for f in files]
    return tuple((s.st_ino, s.st_size, s.st_mtime_ns) for s in stats)


# Outputs read in this process, by folder: (signature, object), least recently used first. One
# output feeds many steps of a run (the employee master about fifteen): it is read once per
# process, and each step gets a shallow copy (pandas copy-on-write keeps the kept frame unchanged
# whatever a step does with its copy). At most _READ_ROWS rows are kept (memory stays bounded).
_READ: OrderedDict[Path, tuple[tuple, Any]] = OrderedDict()
_READ_ROWS = 2_000_000


def _shallow(obj: Any) -> Any:
    if isinstance(obj, Checked):
        return Checked(
            valid=obj.valid.copy(deep=False),
            quarantine=obj.quarantine.copy(deep=False),
            audit=obj.audit.copy(deep=False),
        )
    return obj.copy(deep=False)


def _rows(obj: Any) -> int:
    if isinstance(obj, Checked):
        return len(obj.valid) + len(obj.quarantine) + len(obj.audit)
    return len(obj)


class ParquetIOManager(dg.ConfigurableIOManager):
    """Frames as parquet under <state>/storage/<asset>/<partition>.parquet; a ``Checked``
    bundle (valid rows, quarantine, audit) as a folder of three parquet files."""

    path: str = ""

    def _base(self, context: dg.OutputContext | dg.InputContext) -> Path:
        root = Path(self.path).resolve() if self.path else Settings.from_env().state_dir
        name = "/".join(context.asset_key.path)
        part = context.asset_partition_key if context.has_asset_partitions else "_"
        return root / "storage" / name / part

    def handle_output(self, context: dg.OutputContext, obj: Any) -> None:
        base = self._base(context)
        if isinstance(obj, Checked):
            for name, frame in (
                ("valid", obj.valid),
                ("quarantine", obj.quarantine),
                ("audit", obj.audit),
            ):
                write_parquet(frame, base / f"{name}.parquet")
            atomic_write_bytes(base / "kind", b"checked")
        elif isinstance(obj, pd.DataFrame):
            write_parquet(obj, base / "frame.parquet")
            atomic_write_bytes(base / "kind", b"frame")
        elif obj is None:
            return
        else:
            raise TypeError(f"cannot store {type(obj).__name__} for {context.asset_key}")

    def load_input(self, context: dg.InputContext) -> Any:
        base = self._base(context)
        kind_file = base / "kind"
        if not kind_file.exists():
            raise FileNotFoundError(
                f"{context.asset_key.to_user_string()} has not been materialized"
                + (f" for {context.asset_partition_key}" if context.has_asset_partitions else "")
                + "; materialize it first (the inbox assets run before any month)"
            )
        checked = kind_file.read_text() == "checked"
        names = ("valid", "quarantine", "audit") if checked else ("frame",)
        files = [base / f"{name}.parquet" for name in names]
        signature = _signature(files)
        kept = _READ.pop(base, None)
        if kept is not None and kept[0] == signature:
            _READ[base] = kept  # most recently used
            return _shallow(kept[1])
        frames = [pd.read_parquet(f) for f in files]
        obj = Checked(*frames) if checked else frames[0]
        if _rows(obj) <= _READ_ROWS:
            _READ[base] = (signature, obj)
            while sum(_rows(o) for _, o in _READ.values()) > _READ_ROWS:
                _READ.popitem(last=False)
        return _shallow(obj)
