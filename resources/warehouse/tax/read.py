"""Read models of tax: the months of a tax year already withheld, for the December / last-month
true-up and the yearly summary, and the TER lines and closed months the Coretax export reads."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import sqlalchemy as sa

from resources.warehouse.tpp import tables as tt
from rules.tpp.pph21 import HISTORY_COLUMNS
from vocabulary import columns as c
from vocabulary.units import month_after

# a month's TER line as the Coretax export reads it (export/coretax.py): the history columns,
# the TER rate and category, the kind of employee and the row's notes
TAX_LINE_COLUMNS = [
    *HISTORY_COLUMNS,
    c.EMPLOYEE_KIND,
    c.TER_CATEGORY,
    c.TER_RATE_PCT,
    c.NOTES,
]


def year_history(
    engine: sa.Engine, month: str, agency: str = "", through: bool = False
) -> pd.DataFrame:
    """The TPP rows of ``month``'s tax year before it (with it when ``through``), for the
    December / last-month PPh 21 true-up (rules/tpp/pph21.py) and the yearly summary: per NIP
    and month the latest recomputation of a closed month (what its adjustment lines brought the
    payment to), else the row in fact_tpp_monthly."""
    before = month_after(month) if through else month
    return _rows(engine, f"{month[:4]}-01", before, agency, HISTORY_COLUMNS)


def tax_lines(engine: sa.Engine, first: str, last: str, agency: str = "") -> pd.DataFrame:
    """The TER lines (``TAX_LINE_COLUMNS``) of the months ``first``..``last``, the latest
    recomputation of a closed month first, as ``year_history`` chooses them."""
    rows = _rows(engine, first, month_after(last), agency, TAX_LINE_COLUMNS)
    rows[c.TER_RATE_PCT] = rows[c.TER_RATE_PCT].map(_decimal)
    for col in (c.EMPLOYEE_KIND, c.TER_CATEGORY, c.NOTES):
        rows[col] = rows[col].astype("string")
    return rows.sort_values([c.MONTH, c.NIP], kind="stable").reset_index(drop=True)


def closed_months(engine: sa.Engine, year: str, agency: str = "") -> list[str]:
    """The months of ``year`` whose TPP is closed (final), in order."""
    t = tt.tpp_month_close
    with engine.connect() as conn:
        result = conn.execute(
            sa.select(t.c.month)
            .where(t.c[c.AGENCY] == agency, t.c.month.like(f"{year}-%"))
            .order_by(t.c.month)
        )
        return [str(m) for (m,) in result]


def _decimal(value: object) -> Decimal | None:
    return None if value is None or value is pd.NA else Decimal(str(value))


def _rows(
    engine: sa.Engine, first: str, before: str, agency: str, columns: list[str]
) -> pd.DataFrame:
    frames = []
    with engine.connect() as conn:
        for table in (tt.fact_tpp_recomputed, tt.fact_tpp_monthly):
            cols = [table.c[col] for col in columns]
            query = sa.select(*cols).where(
                table.c[c.AGENCY] == agency,
                table.c.month >= first,
                table.c.month < before,
            )
            result = conn.execute(query)
            frames.append(pd.DataFrame(result.fetchall(), columns=columns))
    rows = pd.concat([f for f in frames if len(f)] or [frames[1]], ignore_index=True)
    rows = rows.drop_duplicates([c.NIP, c.MONTH], keep="first")  # the recomputation first
    rows[c.NPWP_MULTIPLIER] = rows[c.NPWP_MULTIPLIER].astype("string")
    for col in (c.NIP, c.MONTH, c.PPH21_MODE, c.PTKP_STATUS):
        rows[col] = rows[col].astype("string")
    return rows.reset_index(drop=True)
