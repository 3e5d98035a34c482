"""Read models of tax: the months of a tax year already withheld, for the December / last-month
true-up and the yearly summary."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from resources.warehouse.tpp import tables as tt
from rules.tpp.pph21 import HISTORY_COLUMNS
from vocabulary import columns as c
from vocabulary.units import month_after


def year_history(
    engine: sa.Engine, month: str, agency: str = "", through: bool = False
) -> pd.DataFrame:
    """The TPP rows of ``month``'s tax year before it (with it when ``through``), for the
    December / last-month PPh 21 true-up (rules/tpp/pph21.py) and the yearly summary: per NIP
    and month the latest recomputation of a closed month (what its adjustment lines brought the
    payment to), else the row in fact_tpp_monthly."""
    year = month[:4]
    before = month_after(month) if through else month
    frames = []
    with engine.connect() as conn:
        for table in (tt.fact_tpp_recomputed, tt.fact_tpp_monthly):
            cols = [table.c[col] for col in HISTORY_COLUMNS]
            query = sa.select(*cols).where(
                table.c[c.AGENCY] == agency,
                table.c.month >= f"{year}-01",
                table.c.month < before,
            )
            result = conn.execute(query)
            frames.append(pd.DataFrame(result.fetchall(), columns=HISTORY_COLUMNS))
    rows = pd.concat([f for f in frames if len(f)] or [frames[1]], ignore_index=True)
    rows = rows.drop_duplicates([c.NIP, c.MONTH], keep="first")  # the recomputation first
    rows[c.NPWP_MULTIPLIER] = rows[c.NPWP_MULTIPLIER].astype("string")
    for col in (c.NIP, c.MONTH, c.PPH21_MODE, c.PTKP_STATUS):
        rows[col] = rows[col].astype("string")
    return rows.reset_index(drop=True)
