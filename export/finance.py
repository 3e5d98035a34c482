"""The finance files of a closed month (what BPKAD pays from): one daftar nominatif (XLSX) per
unit with PPh 21 and the net paid, the whole month as CSV and Parquet, the adjustment lines when
the month was recomputed after closing, and the year's PPh 21 per employee so far (1721-A2
figures). The totals are reconciled before anything is written (``formats.finance``).

The month's final rows and the employee master come from the assets; the adjustment lines and
the tax year so far are read through the warehouse's read models; the bytes are made by
``formats.finance`` and written by ``resources.finance``.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from formats import finance as fin
from resources.finance import unit_file_names
from resources.warehouse.tax import read as tax_read
from resources.warehouse.tpp import read as tpp_read
from rules.tax.profile import TaxProfile
from rules.tpp.pph21 import yearly_summary
from vocabulary import columns as c


def month_files(
    final: pd.DataFrame,
    employees: pd.DataFrame,
    engine: sa.Engine,
    scope: str,
    month: str,
    tax: TaxProfile,
) -> tuple[dict[str, bytes], pd.DataFrame]:
    """The month's finance files (name -> bytes) and its adjustment lines."""
    people = employees[[c.NIP, c.NAMA, c.JABATAN, c.GOLONGAN]]
    lines = tpp_read.adjustment_lines(engine, month, scope)
    year = tax_read.year_history(engine, month, scope, through=True)
    summary = yearly_summary(year, tax, month, employees)
    thr13 = tpp_read.thr13_rows(engine, month, scope)
    thr13_lines = tpp_read.thr13_adjustment_lines(engine, month, scope)
    files = fin.month_files(
        final, people, lines, month, unit_file_names, summary, thr13, thr13_lines
    )
    return files, lines
