"""The finance output folder: the files finance (BPKAD) pays from, one folder per closed month.

    <finance>/<YYYY-MM>/daftar_nominatif_<YYYY-MM>_<unit>.xlsx   one workbook per unit (OPD)
    <finance>/<YYYY-MM>/tpp_<YYYY-MM>.csv / .parquet              the whole month
    <finance>/<YYYY-MM>/tpp_adjustment_<YYYY-MM>.csv              after a recomputation
    <finance>/<YYYY-MM>/hr_report_<YYYY-MM>_<chart>.png           the HR report's charts

The folder is KINERJA_FINANCE_DIR, default ``<state>/finance``, read when a run starts. Every file
is written atomically (temporary file, then rename): a reader sees the old file or the new one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import dagster as dg

from resources.settings import Settings
from resources.state import atomic_write_bytes

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


def unit_file_names(units: list[str], month: str) -> dict[str, str]:
    """The workbook name of each unit; units whose names slug alike get a number."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for unit in units:
        base = slug(unit)
        seen[base] = seen.get(base, 0) + 1
        suffix = f"_{seen[base]}" if seen[base] > 1 else ""
        names[unit] = f"daftar_nominatif_{month}_{base}{suffix}.xlsx"
    return names


class FinanceResource(dg.ConfigurableResource):
    """The finance folder; empty ``path`` means KINERJA_FINANCE_DIR (default <state>/finance)."""

    path: str = ""

    def root(self) -> Path:
        return Path(self.path).resolve() if self.path else finance_dir()

    def month_dir(self, month: str) -> Path:
        return self.root() / month

    def write(self, month: str, name: str, data: bytes) -> Path:
        """Write one file of a month atomically; returns its path."""
        path = self.month_dir(month) / name
        atomic_write_bytes(path, data)
        return path
