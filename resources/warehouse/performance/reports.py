"""The performance lines of the CLI report: for a period, the predikat per unit, then the
e-Lapkin reporting compliance, the 6/2022 360 summaries, the RHK cascade of its year and the
tindak lanjut cases, each with the table that holds the rows; for a month, the dialog kinerja
of the evaluation period that holds it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from resources.warehouse import tables as wt
from resources.warehouse.performance import tables as t
from vocabulary.performance import (
    DIALOG_RULES,
    PREDIKAT_CODES,
    PREDIKAT_LABELS,
    TANPA_DATA,
)


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


def _pct(value) -> str:
    return "unknown" if value is None else f"{value:.2f} %"


def dialog_summary(engine: sa.Engine, month: str) -> list[str]:
    """The dialog kinerja of the evaluation period holding ``month``: coverage per unit (units
    without data said to be unknown, never 0 %) and the period's dialog cases per rule."""
    d, f = t.fact_dialog_coverage, t.fact_tindak_lanjut
    first = dt.date.fromisoformat(f"{month[:7]}-01")
    with engine.connect() as conn:
        units = conn.execute(
            sa.select(d.c.unit, d.c.period, d.c.status, d.c.pegawai, d.c.rhk, d.c.rhk_covered,
                      d.c.rhk_coverage_pct, d.c.pegawai_covered, d.c.pegawai_rhk,
                      d.c.pegawai_coverage_pct, d.c.perilaku_coverage_pct, d.c.penilai_diam)
            .where(sa.and_(d.c.period_start <= first, d.c.period_end >= first))
            .order_by(d.c.unit)
        ).all()  # fmt: skip
        period = units[0].period if units else None
        cases = conn.execute(
            sa.select(f.c.rule, sa.func.count())
            .where(sa.and_(f.c.period == period, f.c.rule.in_(DIALOG_RULES)))
            .group_by(f.c.rule)
        ).all()
    if not units:
        return [
            f"Dialog kinerja {month}: not measured (no umpan balik export reaching this month): "
            "coverage unknown, no dialog case"
        ]
    known = [u for u in units if u.status != TANPA_DATA]
    rhk, covered = sum(u.rhk or 0 for u in known), sum(u.rhk_covered or 0 for u in known)
    pegawai = sum(u.pegawai_rhk or 0 for u in known)
    pegawai_covered = sum(u.pegawai_covered or 0 for u in known)
    silent = sum(u.penilai_diam or 0 for u in known)
    share = f"{100 * covered / rhk:.2f} %" if rhk else "unknown"
    listed = ", ".join(f"{rule} {n}" for rule, n in sorted(cases)) or "none"
    lines = [
        f"Dialog kinerja {period} (holds {month}): {len(known)} of {len(units)} units with "
        f"umpan balik data; RHK coverage {covered} of {rhk} ({share}), pegawai covered "
        f"{pegawai_covered} of {pegawai}, {silent} silent penilai; cases: {listed} "
        "(fact_dialog_coverage, fact_dialog_penilai, fact_tindak_lanjut)",
        "  per unit (RHK coverage, pegawai coverage, perilaku coverage, silent penilai):",
    ]
    for u in units:
        if u.status == TANPA_DATA:
            lines.append(f"    {u.unit}: no umpan balik data (coverage unknown, no case)")
            continue
        lines.append(
            f"    {u.unit}: {_pct(u.rhk_coverage_pct)}, {_pct(u.pegawai_coverage_pct)}, "
            f"{_pct(u.perilaku_coverage_pct)}, {u.penilai_diam}"
        )
    return lines
