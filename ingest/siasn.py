"""The SIASN export service (issue 16): one period's fact_performance_period rows, the employee
master and the RHK export in; the payload files and the review CSV out. The siasn_export asset
calls ``export_siasn`` with its upstream frames; the CLI (``python -m pipelines export siasn``)
calls ``export_from_inbox``, which reads the same inputs from the inbox and the warehouse."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from formats.siasn_readback import read_readback
from ingest.kinds import Context
from ingest.reference import read_kind, read_source
from resources import publish_cycle, siasn_files
from resources.warehouse import WarehouseResource
from rules.performance import cycle
from rules.profile import Profile
from vocabulary import columns as c
from vocabulary.performance import RHK_KIND


def read_readback_file(path: str | None, period: str) -> pd.DataFrame | None:
    """The riwayat ids read back from SIASN (formats.siasn_readback), or None without a file."""
    return read_readback(Path(path).read_bytes(), path, period) if path else None


def export_siasn(
    facts: pd.DataFrame,
    employees: pd.DataFrame,
    rhk: pd.DataFrame,
    period: str,
    profile: Profile,
    out: Path,
    readback: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, siasn_files.SiasnFiles]:
    """The SIASN rows of ``period`` (rules.performance.cycle.siasn_rows) written to ``out``."""
    rows = cycle.siasn_rows(facts, employees, rhk, period, profile, readback)
    files = siasn_files.write_export(rows, period, cycle.siasn_endpoint(period), out)
    return rows, files


def export_from_inbox(
    root: Path,
    warehouse: WarehouseResource,
    profile: Profile,
    period: str,
    out: Path,
    readback: str | None = None,
) -> tuple[pd.DataFrame, siasn_files.SiasnFiles]:
    """``export_siasn`` from the inbox at ``root`` (employee master, RHK export) and the
    warehouse's fact_performance_period."""
    employees = read_kind("employees", root, Context(profile)).valid
    ctx = Context(profile, employees[c.NIP], employees=employees)
    rhk = read_source("ekinerja", root, ctx)[RHK_KIND].valid
    facts = publish_cycle.performance_facts(warehouse, period)
    return export_siasn(
        facts, employees, rhk, period, profile, out, read_readback_file(readback, period)
    )


def endpoint_of(period: str) -> str:
    return cycle.siasn_endpoint(period)
