"""The finance output folder: the files finance (BPKAD) pays from, one folder per closed month.

    <finance>/<YYYY-MM>/daftar_nominatif_<YYYY-MM>_<unit>.xlsx   one workbook per unit (OPD)
    <finance>/<YYYY-MM>/tpp_<YYYY-MM>.csv / .parquet              the whole month
    <finance>/<YYYY-MM>/tpp_adjustment_<YYYY-MM>.csv              after a recomputation
    <finance>/<YYYY-MM>/daftar_nominatif_thr_gaji13_<YYYY-MM>_<unit>.xlsx, tpp_thr_gaji13_<YYYY-MM>
        .csv / .parquet (/ _adjustment_<YYYY-MM>.csv)            a THR / gaji-13 pay month
    <finance>/<YYYY-MM>/hr_report_<YYYY-MM>_<chart>.png           the HR report's charts

The folder is KINERJA_FINANCE_DIR, default ``<state>/finance``, read when a run starts. A month's
files are replaced as a set, never one by one: ``<YYYY-MM>`` is a symbolic link to a hidden
folder ``.<YYYY-MM>.<random>`` that holds one complete set; a close writes the next set into a
new hidden folder, then swaps the link in one atomic rename. A reader (or finance copying the
folder) sees the old set or the new set, and a close killed at any point leaves the old set in
place; its half-written folder is removed by the next close. The daftar nominatif, CSV and
Parquet (``tpp_finance_files``) and the HR report's charts (``tpp_hr_report``) are written by two
assets: each replaces only its own files and carries the other's over, under a lock.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from resources.settings import Settings

FINANCE_ENV = "KINERJA_FINANCE_DIR"


def finance_dir(env: dict[str, str] | None = None) -> Path:
    """KINERJA_FINANCE_DIR, else <KINERJA_STATE_DIR>/finance."""
    e = os.environ if env is None else env
    configured = e.get(FINANCE_ENV)
    return Path(configured).resolve() if configured else Settings.from_env(e).state_dir / "finance"


def slug(text: str) -> str:
    """A file-name-safe form of a unit name: 'Dinas Kesehatan' -> 'dinas_kesehatan'."""
    s = re.sub(r"[^0-9a-z]+", "_", str(text).lower()).strip("_")
    return s[:80] or "tanpa_unit"


def unit_file_names(
    units: list[str], month: str, prefix: str = "daftar_nominatif"
) -> dict[str, str]:
    """The workbook name of each unit (``<prefix>_<month>_<unit>.xlsx``; the THR / gaji-13
    workbooks use ``daftar_nominatif_thr_gaji13``); units whose names slug alike get a number."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for unit in units:
        base = slug(unit)
        seen[base] = seen.get(base, 0) + 1
        suffix = f"_{seen[base]}" if seen[base] > 1 else ""
        names[unit] = f"{prefix}_{month}_{base}{suffix}.xlsx"
    return names


class FinanceResource(dg.ConfigurableResource):
    """The finance folder; empty ``path`` means KINERJA_FINANCE_DIR (default <state>/finance)."""

    path: str = ""

    def root(self) -> Path:
        return Path(self.path).resolve() if self.path else finance_dir()

    def month_dir(self, month: str) -> Path:
        return self.root() / month

    def write_set(
        self, month: str, files: dict[str, bytes], owns: Callable[[str], bool]
    ) -> list[Path]:
        """Replace, in one atomic step, the month's files that ``owns`` claims by ``files``;
        the other files of the month are carried over unchanged. Returns the new files' paths."""
        return write_month_set(self.root(), month, files, owns)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_month_set(
    root: Path, month: str, files: dict[str, bytes], owns: Callable[[str], bool]
) -> list[Path]:
    """See ``FinanceResource.write_set``: build the new set beside the old one, swap the link."""
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        raise ValueError(f"not a month: {month!r}")
    for name in files:
        if "/" in name or name.startswith(".") or not owns(name):
            raise ValueError(f"not a file name this writer owns: {name!r}")
    root.mkdir(parents=True, exist_ok=True)
    link = root / month
    with _lock(root / f".{month}.lock"):
        current = link.resolve() if link.exists() else None
        fresh = Path(tempfile.mkdtemp(dir=root, prefix=f".{month}."))
        if current is not None:
            for old in sorted(current.iterdir()):
                if old.is_file() and not owns(old.name) and old.name not in files:
                    os.link(old, fresh / old.name)  # files are never changed in place
        for name, data in files.items():
            with open(fresh / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        _fsync(fresh)
        staged_link = root / f".{month}.link-{uuid.uuid4().hex}"
        os.symlink(fresh.name, staged_link)
        if link.exists() and not link.is_symlink():
            # a folder written before sets were atomic: moved aside once, then removed below
            os.rename(link, root / f".{month}.legacy-{uuid.uuid4().hex}")
        os.replace(staged_link, link)
        _fsync(root)
        for stale in root.glob(f".{month}.*"):  # the previous set, and any half-written one
            if stale.is_symlink():
                stale.unlink()
            elif stale.is_dir() and stale != fresh:
                shutil.rmtree(stale, ignore_errors=True)
    return [link / name for name in files]
