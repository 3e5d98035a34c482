"""Read models of performance: the predikat and period results the warehouse holds, for the TPP
slice and the exports; the dialog kinerja of a month's units, for the month summary."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from resources.warehouse import engine as wh
from resources.warehouse.performance import tables as tp
from vocabulary import columns as c
from vocabulary.performance import DIALOG_RULES, TL_DIALOG_NO_PEMBINAAN, TL_DIALOG_NONE


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


DIALOG_MONTH_COLUMNS = [
    c.UNIT, c.PERIOD, c.PERIOD_START, c.PERIOD_END, c.DATA_SAMPAI, c.STATUS, c.PEGAWAI,
    c.RHK_COVERAGE_PCT, c.PEGAWAI_COVERAGE_PCT, c.PERILAKU_COVERAGE_PCT, c.PENILAI_N,
    c.PENILAI_DIAM, c.TEPAT_WAKTU_PCT, c.TEMPLATE, c.BACKDATED, TL_DIALOG_NONE,
    TL_DIALOG_NO_PEMBINAAN,
]  # fmt: skip


def dialog_coverage_of_month(target: wh.WarehouseResource, month: str) -> pd.DataFrame:
    """The dialog kinerja of each unit for the evaluation period that holds ``month``
    ('2024-03'; the quarter under the default cadence): the read model of the month summary.

    Returns:
        ``DIALOG_MONTH_COLUMNS``, one row per unit, sorted: the shares as exact ``Decimal`` (empty
        where ``status`` is tanpa_data: unknown, not 0 %) and the unit's dialog cases of the
        period per rule (``dialog_none_before_rating``, ``dialog_no_pembinaan_after``). Empty
        when the dialogue was not measured for that month (no umpan balik export reaching it).
    """
    d, f = tp.fact_dialog_coverage, tp.fact_tindak_lanjut
    first = dt.date.fromisoformat(f"{month[:7]}-01")
    where = sa.and_(
        d.c.agency == target.scope(), d.c.period_start <= first, d.c.period_end >= first
    )
    cases = (
        sa.select(f.c.unit, f.c.period, f.c.rule, sa.func.count().label(c.N))
        .where(sa.and_(f.c.agency == target.scope(), f.c.rule.in_(DIALOG_RULES)))
        .group_by(f.c.unit, f.c.period, f.c.rule)
    )
    with target.engine().connect() as conn:
        frame = pd.read_sql(sa.select(d).where(where), conn, coerce_float=False)
        counts = pd.read_sql(cases, conn)
    out = frame.drop(columns=[c.AGENCY])
    for rule in DIALOG_RULES:
        part = counts.loc[counts[c.RULE] == rule, [c.UNIT, c.PERIOD, c.N]]
        out = out.merge(part.rename(columns={c.N: rule}), on=[c.UNIT, c.PERIOD], how="left")
    out[list(DIALOG_RULES)] = out[list(DIALOG_RULES)].fillna(0).astype("int64")
    out = out.astype({c.UNIT: "string", c.PERIOD: "string", c.STATUS: "string"})
    return out.sort_values(c.UNIT, kind="stable")[DIALOG_MONTH_COLUMNS].reset_index(drop=True)
