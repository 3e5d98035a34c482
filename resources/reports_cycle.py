"""The performance cycle's lines in the CLI report (issue 16): for a period, the e-Lapkin
reporting compliance, the 6/2022 360 summaries, the RHK cascade of its year and the tindak
lanjut cases, each with the table that holds the rows."""

from __future__ import annotations

import sqlalchemy as sa

from resources import tables_cycle as t


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
