"""Read models of performance: the predikat and period results the warehouse holds, for the TPP
slice and the exports."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from resources.warehouse import engine as wh
from resources.warehouse.performance import tables as tp
from vocabulary import columns as c


def predikat_history(target: wh.WarehouseResource) -> pd.DataFrame:
    """Every published (nip, period, predikat) of the agency: the history tindak lanjut
    looks back on."""
    f = tp.fact_performance_period
    query = sa.select(f.c.nip, f.c.period, f.c.predikat).where(f.c.agency == target.scope())
    with target.engine().connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=[c.NIP, c.PERIOD, c.PREDIKAT])
    return frame.astype("string")


def performance_facts(target: wh.WarehouseResource, period: str) -> pd.DataFrame:
    """fact_performance_period rows of one period (what a SIASN export sends)."""
    f = tp.fact_performance_period
    query = sa.select(f).where(sa.and_(f.c.agency == target.scope(), f.c.period == period))
    with target.engine().connect() as conn:
        frame = pd.read_sql(query, conn, coerce_float=False)
    return frame.drop(columns=[c.AGENCY]).astype({c.NIP: "string", c.PERIOD: "string"})
