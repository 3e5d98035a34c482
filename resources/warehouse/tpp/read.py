"""Read models of the TPP ledger: the final rows of a closed month, its adjustment lines, the inputs
the latest read could not parse, and a month's money as HR reads it (``month_money``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
import sqlalchemy as sa

from resources.warehouse.tables import SNAPSHOT, load_audit
from resources.warehouse.tpp import tables as tt
from rules.tpp.adjustments import ADJUSTMENT_COLUMNS
from rules.tpp.compute import as_tpp_frame
from rules.tpp.report import MONEY_COLUMNS, largest_unit_changes, unit_money
from vocabulary import columns as c
from vocabulary.tpp import TPP_COLUMNS


def final_rows(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """The month's final rows (empty when the month is not closed)."""
    with engine.connect() as conn:
        if close_row(conn, month, agency) is None:
            return pd.DataFrame(columns=TPP_COLUMNS)
        return month_rows(conn, tt.fact_tpp_monthly, month, agency)


def adjustment_lines(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """Every adjustment line of a month, oldest first."""
    a = tt.tpp_adjustment
    with engine.connect() as conn:
        result = conn.execute(
            sa.select(a).where(of_month(a, month, agency)).order_by(a.c.created_at, a.c.nip)
        )
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    if frame.empty:
        return pd.DataFrame(columns=[*ADJUSTMENT_COLUMNS, "created_at"])
    for col in (c.PAID_NET, c.RECOMPUTED_NET, c.DIFFERENCE):
        frame[col] = frame[col].astype("int64")
    return frame


def unreadable_inputs(engine: sa.Engine, agency: str = "") -> list[tuple[str, str]]:
    """(file, message) of every inbox file the latest read of the inbox could not read, but
    the machines' exports (their days without data are gaps, decided one by one): a leave,
    e-Kinerja, payroll or reference file we failed to parse could charge people (TK on leave
    days, kinerja withheld, tax on a default PTKP), so a month is not final while one remains."""
    a = load_audit
    with engine.connect() as conn:
        run = conn.execute(
            sa.select(a.c.run_id)
            .where(a.c.partition_key == SNAPSHOT, a.c.agency == agency)
            .order_by(a.c.loaded_at.desc())
            .limit(1)
        ).scalar()
        if run is None:
            return []
        rows = conn.execute(
            sa.select(a.c.file, a.c.message)
            .where(
                a.c.run_id == run,
                a.c.agency == agency,
                a.c.status == "rejected",
                a.c.asset != "attendance_files",
            )
            .order_by(a.c.file)
        ).all()
    return [(str(f), str(m or "")) for f, m in rows]


def of_month(table: sa.Table, month: str, agency: str) -> sa.ColumnElement[bool]:
    return sa.and_(table.c.month == month, table.c[c.AGENCY] == agency)


def close_row(conn: sa.Connection, month: str, agency: str) -> sa.Row | None:
    t = tt.tpp_month_close
    return conn.execute(sa.select(t).where(of_month(t, month, agency))).first()


def month_rows(conn: sa.Connection, table: sa.Table, month: str, agency: str) -> pd.DataFrame:
    result = conn.execute(sa.select(table).where(of_month(table, month, agency)))
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    return as_tpp_frame(frame) if len(frame) else frame


@dataclass(frozen=True)
class MonthMoney:
    """A month's TPP money from the warehouse (exact rupiah).

    ``gross``, ``pph21`` and ``net`` are the month as it stands now: the computation at hand
    (``computed``), else the latest recomputation of a closed month, else its rows in
    fact_tpp_monthly. ``net_paid`` is what the close made final (None while the month is open).
    The adjustment lines are every line of the month in the warehouse, not one run's.
    ``unit_changes``: the units whose net changed most, from what was paid (closed) or from the
    previous provisional rows (open) to now."""

    month: str
    closed_at: dt.datetime | None
    closed_by_run: str | None
    employees: int
    gross: int
    pph21: int
    net: int
    gross_paid: int | None
    pph21_paid: int | None
    net_paid: int | None
    adjustment_lines: int
    adjustment_total: int
    unit_changes: pd.DataFrame

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def with_changes(self, changes: pd.DataFrame) -> MonthMoney:
        return replace(self, unit_changes=changes)


def _money_rows(conn: sa.Connection, table: sa.Table, month: str, agency: str) -> pd.DataFrame:
    result = conn.execute(
        sa.select(*(table.c[col] for col in MONEY_COLUMNS)).where(of_month(table, month, agency))
    )
    return pd.DataFrame(result.fetchall(), columns=MONEY_COLUMNS)


def month_money(
    engine: sa.Engine, month: str, agency: str = "", computed: pd.DataFrame | None = None
) -> MonthMoney:
    """The month's money (see ``MonthMoney``); ``computed``: this run's rows of the month, not
    yet published (they are "now", and the unit changes are measured against the warehouse)."""
    a = tt.tpp_adjustment
    with engine.connect() as conn:
        closed = close_row(conn, month, agency)
        stored = unit_money(_money_rows(conn, tt.fact_tpp_monthly, month, agency))
        recomputed = (
            unit_money(_money_rows(conn, tt.fact_tpp_recomputed, month, agency))
            if closed is not None
            else None
        )
        lines, total = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(a.c.difference), 0)).where(
                of_month(a, month, agency)
            )
        ).one()
    if computed is not None:
        now = unit_money(computed)
    elif recomputed is not None and len(recomputed):
        now = recomputed
    else:
        now = stored
    paid = stored if closed is not None else None
    return MonthMoney(
        month=month,
        closed_at=closed.closed_at if closed is not None else None,
        closed_by_run=closed.run_id if closed is not None else None,
        employees=int(now["employees"].sum()),
        gross=int(now[c.GROSS].sum()),
        pph21=int(now[c.PPH21].sum()),
        net=int(now[c.NET].sum()),
        gross_paid=int(paid[c.GROSS].sum()) if paid is not None else None,
        pph21_paid=int(paid[c.PPH21].sum()) if paid is not None else None,
        net_paid=int(paid[c.NET].sum()) if paid is not None else None,
        adjustment_lines=int(lines),
        adjustment_total=int(total),
        unit_changes=largest_unit_changes(stored, now),
    )


def reference_month_rows(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """A month's TPP rows as the warehouse holds them (final once closed, else provisional):
    the reference month of THR / gaji-13 (rules/tpp/thr13.py); empty when not held."""
    with engine.connect() as conn:
        return month_rows(conn, tt.fact_tpp_monthly, month, agency)


def thr13_rows(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """The THR / gaji-13 rows paid in ``month`` (fact_tpp_thr_gaji13), without the run id."""
    t = tt.fact_tpp_thr_gaji13
    cols = [col for col in t.c if col.name not in (c.AGENCY, c.RUN_ID)]
    with engine.connect() as conn:
        result = conn.execute(
            sa.select(*cols).where(t.c.pay_month == month, t.c[c.AGENCY] == agency)
        )
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for col in (c.TPP_AMOUNT, c.PPH21, c.PPH21_BORNE_BY_GOVERNMENT, c.NET):
        frame[col] = frame[col].astype("int64")
    return frame


def thr13_adjustment_lines(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """The adjustment lines of the THR / gaji-13 paid in a closed ``month`` (oldest first)."""
    a = tt.tpp_thr_gaji13_adjustment
    cols = [col for col in a.c if col.name != c.AGENCY]
    with engine.connect() as conn:
        result = conn.execute(
            sa.select(*cols)
            .where(a.c.pay_month == month, a.c[c.AGENCY] == agency)
            .order_by(a.c.created_at, a.c.kind, a.c.nip)
        )
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))
