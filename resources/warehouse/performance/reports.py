"""The performance lines of the CLI report: for a period, the predikat per unit, then the
e-Lapkin reporting compliance, the 6/2022 360 summaries, the RHK cascade of its year and the
tindak lanjut cases, each with the table that holds the rows."""

from __future__ import annotations

import sqlalchemy as sa

from resources.warehouse import tables as wt
from resources.warehouse.performance import tables as t
from vocabulary.performance import PREDIKAT_CODES, PREDIKAT_LABELS


def cycle_summary(engine: sa.Engine, period: str) -> list[str]:
    """A few lines per part that has rows for ``period`` ('2024-03', '2024-S1')."""
    k, s, f = t.fact_lapkin_compliance, t.fact_feedback_360_summary, t.fact_tindak_lanjut
    score = t.fact_cascade_score
    year = period[:4]
    with engine.connect() as conn:
        lapkin = conn.execute(
            sa.select(sa.func.sum(k.c.employees), sa.func.sum(k.c.reported),
                      sa.func.sum(k.c.on_time)).where(k.c.period == period)
        ).one()  # fmt: skip
        feedback = conn.execute(
            sa.select(sa.func.count(), sa.func.sum(s.c.n_di_bawah), sa.func.sum(s.c.ratings)).where(
                s.c.period == period
            )
        ).one()
        cascade = conn.execute(
            sa.select(sa.func.count(), sa.func.avg(score.c.cascade_score),
                      sa.func.sum(score.c.orphans), sa.func.sum(score.c.in_cycle))
            .where(score.c.period == year)
        ).one()  # fmt: skip
        cases = conn.execute(
            sa.select(f.c.rule, sa.func.count()).where(f.c.period == period).group_by(f.c.rule)
        ).all()
    lines = []
    if lapkin[0]:
        lines.append(
            f"e-Lapkin {period}: {lapkin[1]} of {lapkin[0]} employees reported, {lapkin[2]} on "
            "time (fact_lapkin_monthly, fact_lapkin_compliance)"
        )
    if feedback[0]:
        lines.append(
            f"360 feedback {period}: {feedback[0]} employees summarised, {feedback[1]} of "
            f"{feedback[2]} ratings below expectation (fact_feedback_360_summary)"
        )
    if cascade[0]:
        lines.append(
            f"RHK cascade {year}: {cascade[0]} units, mean score {float(cascade[1]):.2f}, "
            f"{cascade[2]} orphan(s), {cascade[3]} RHK in cycles (fact_rhk_cascade)"
        )
    if cases:
        listed = ", ".join(f"{rule} {n}" for rule, n in sorted(cases))
        lines.append(f"Tindak lanjut {period}: {listed} (fact_tindak_lanjut)")
    return lines


def performance_summary(engine: sa.Engine, period: str) -> list[str]:
    """The predikat distribution per unit (OPD, from dim_employee) of one period ('2024-03',
    '2024-S1', '2021'), and the SKP compliance of that period."""
    f, e, k = t.fact_performance_period, wt.dim_employee, t.fact_skp_compliance
    unit = sa.func.coalesce(e.c.unit_induk, "(tanpa unit)")
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(unit, f.c.predikat, sa.func.count())
            .select_from(f.outerjoin(e, f.c.nip == e.c.nip))
            .where(f.c.period == period)
            .group_by(unit, f.c.predikat)
        ).all()
        kept = conn.execute(
            sa.select(k.c.unit, k.c.employees, k.c.with_skp, k.c.approved, k.c.assessed)
            .where(k.c.period == period)
            .order_by(k.c.unit)
        ).all()
    if not rows:
        return [f"Predikat kinerja {period}: no scores published"]
    table: dict[str, dict[str, int]] = {}
    for u, code, n in rows:
        table.setdefault(u, {})[code] = int(n)
    header = " / ".join(PREDIKAT_LABELS[code] for code in PREDIKAT_CODES)
    lines = [f"Predikat kinerja {period} per unit ({header}):"]
    width = max(len(u) for u in table)
    for u in sorted(table):
        counts = " / ".join(f"{table[u].get(code, 0):>3}" for code in PREDIKAT_CODES)
        lines.append(f"  {u:<{width}}  {counts}   (n={sum(table[u].values())})")
    if kept:
        lines.append("  SKP compliance (employees, with SKP, approved, assessed):")
        lines += [f"    {u}: {n}, {s}, {a}, {d}" for u, n, s, a, d in kept]
    return lines
