"""The SIASN export: one period's results, shaped into the payloads SIASN takes and written as
files an operator uploads (tax-360 §4.4). Nothing is sent anywhere.

The ``siasn_export`` asset hands in the warehouse's fact_performance_period rows (the read model
``resources.warehouse.performance.read.performance_facts``), the employee master and the RHK export
(the ingest assets' frames); the rules decide each row (``rules.performance.cycle.siasn_rows``),
the formats make the JSON lines (``formats.siasn_payloads``), the resources write the files
(``resources.siasn_files``). ``python -m pipelines export siasn`` runs the same asset; a
semester is refused before it runs (``refusal``: SIASN has no semester code, year-end §5.2).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from formats.siasn_payloads import with_payloads
from formats.siasn_readback import read_readback
from resources import siasn_files
from rules.performance import cycle
from rules.performance.siasn import refusal
from rules.profile import Profile

__all__ = ["export_siasn", "read_readback_file", "refusal"]


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
    assessments: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, siasn_files.SiasnFiles]:
    """The SIASN rows of ``period`` with their payloads, written to ``out`` (``assessments``:
    the valid assessment rows, whose named penilai come first)."""
    endpoint = cycle.siasn_endpoint(period)
    rows = with_payloads(
        cycle.siasn_rows(facts, employees, rhk, period, profile, readback, assessments), endpoint
    )
    return rows, siasn_files.write_export(rows, period, endpoint, out)
