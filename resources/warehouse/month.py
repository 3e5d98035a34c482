"""Read models of one month across the warehouse, for the month summary HR opens first
(assets/summary.py) and for the tests of a refused month: rows per table for the month, the
gaps still waiting for HR's decision, the quarantine per reason code."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from resources.warehouse import schema  # noqa: F401  (every domain's tables on ``metadata``)
from resources.warehouse import tables as wt
from resources.warehouse.attendance import tables as at
from vocabulary import columns as c
from vocabulary.reasons import REASON_CODE
from vocabulary.units import month_bounds


def month_rows(engine: sa.Engine, month: str, agency: str = "") -> dict[str, int]:
    """Rows each warehouse table holds for ``month`` (tables with a month, a period, a work date
    or a partition key; every table listed, 0 included), by table name."""
    first, last = month_bounds(month)
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for table in wt.metadata.sorted_tables:
            cols = table.c
            if c.MONTH in cols:
                where = cols[c.MONTH] == month
            elif "period" in cols:
                where = cols["period"] == month
            elif c.WORK_DATE in cols:
                where = cols[c.WORK_DATE].between(first, last)
            elif "partition_key" in cols:
                where = cols["partition_key"] == month
            else:
                continue
            if c.AGENCY in cols:
                where = sa.and_(where, cols[c.AGENCY] == agency)
            counts[table.name] = int(
                conn.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar()
            )
    return counts


@dataclass(frozen=True)
class OpenGaps:
    """Gaps of a month no decision covers yet: machine runs of days without readable data, and
    employees on no machine (both block the close)."""

    machine_gaps: int
    machine_workdays: int
    employees_affected: int
    enrolment_gaps: int
    enrolment_employees: int


def open_gaps(engine: sa.Engine, month: str, agency: str = "") -> OpenGaps:
    g, e = at.attendance_gap, at.attendance_enrolment_gap
    with engine.connect() as conn:
        machine = conn.execute(
            sa.select(
                sa.func.count(),
                sa.func.coalesce(sa.func.sum(g.c[c.WORKDAYS]), 0),
                sa.func.coalesce(sa.func.sum(g.c[c.EMPLOYEES_AFFECTED]), 0),
            ).where(g.c.month == month, g.c[c.AGENCY] == agency, g.c[c.DECISION].is_(None))
        ).one()
        enrolment = conn.execute(
            sa.select(sa.func.count(), sa.func.count(sa.distinct(e.c[c.NIP]))).where(
                e.c.month == month, e.c[c.AGENCY] == agency, e.c[c.DECISION].is_(None)
            )
        ).one()
    return OpenGaps(*(int(v) for v in (*machine, *enrolment)))


def quarantine_by_code(engine: sa.Engine, month: str, agency: str = "") -> pd.DataFrame:
    """Rows quarantined for the month and in the latest inbox snapshot, per reason code and
    file: reason_code, partition ('snapshot' or the month), file, rows. Most rows first."""
    q = wt.quarantine
    with engine.connect() as conn:
        result = conn.execute(
            sa.select(q.c[REASON_CODE], q.c.partition_key, q.c.file, sa.func.count().label("rows"))
            .where(q.c.partition_key.in_([month, wt.SNAPSHOT]), q.c[c.AGENCY] == agency)
            .group_by(q.c[REASON_CODE], q.c.partition_key, q.c.file)
        )
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    if frame.empty:
        return pd.DataFrame(columns=[REASON_CODE, "partition_key", "file", "rows"])
    frame["rows"] = frame["rows"].astype("int64")
    return frame.sort_values(
        ["rows", REASON_CODE, "file"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
