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


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        frame.to_parquet(tmp, index=False)
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
        write_parquet(rows, r)
        write_parquet(quarantine, q)
        atomic_write_bytes(m, json.dumps(meta, sort_keys=True).encode())  # meta last: the marker


class StateResource(dg.ConfigurableResource):
    """The state folder; empty ``path`` means KINERJA_STATE_DIR (default ./.state)."""

    path: str = ""

    def root(self) -> Path:
        return Path(self.path).resolve() if self.path else Settings.from_env().state_dir

    def staging(self) -> StagingCache:
        return StagingCache(self.root() / "staging")


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
        if kind_file.read_text() == "checked":
            return Checked(
                valid=pd.read_parquet(base / "valid.parquet"),
                quarantine=pd.read_parquet(base / "quarantine.parquet"),
                audit=pd.read_parquet(base / "audit.parquet"),
            )
        return pd.read_parquet(base / "frame.parquet")
