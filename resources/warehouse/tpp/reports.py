"""The TPP lines of the CLI report: a month's money, tax and warnings in words."""

import sqlalchemy as sa

from resources.warehouse import tables as wt
from resources.warehouse.tpp import tables as tt
from rules.tpp.inputs import PAYROLL_CONFLICT
from vocabulary.tax import BEFORE_TAX_PROFILE
from vocabulary.units import rupiah as rp


def tpp_summary(engine: sa.Engine, month: str) -> list[str]:
    """The month's TPP: status, employees, totals per component and per unit (OPD), and the
    adjustment lines of a closed month."""
    f, a, k = tt.fact_tpp_monthly, tt.tpp_adjustment, tt.tpp_month_close
    with engine.connect() as conn:
        totals = conn.execute(
            sa.select(
                sa.func.count(),
                sa.func.min(f.c.status),
                sa.func.coalesce(sa.func.sum(f.c.ceiling), 0),
                sa.func.coalesce(sa.func.sum(f.c.gross), 0),
                sa.func.coalesce(sa.func.sum(f.c.bpjs_employer), 0),
                sa.func.coalesce(sa.func.sum(f.c.bpjs_employee), 0),
                sa.func.coalesce(sa.func.sum(f.c.net), 0),
                sa.func.coalesce(sa.func.sum(f.c.pph21), 0),
                sa.func.coalesce(sa.func.sum(f.c.pph21_december_adjustment), 0),
                sa.func.coalesce(sa.func.sum(f.c.tunjangan_pph), 0),
                sa.func.min(f.c.pph21_mode),
                sa.func.max(f.c.pph21_mode),
                sa.func.count().filter(f.c.predikat.is_(None)),
                sa.func.count().filter(f.c.notes.like("%no payroll row%")),
            ).where(f.c.month == month)
        ).one()
        untaxed = conn.execute(
            sa.select(f.c.notes)
            .where(f.c.month == month, f.c.notes.like(f"%{BEFORE_TAX_PROFILE}%"))
            .limit(1)
        ).scalar()
        units = conn.execute(
            sa.select(f.c.unit_induk, sa.func.count(), sa.func.sum(f.c.net))
            .where(f.c.month == month)
            .group_by(f.c.unit_induk)
            .order_by(f.c.unit_induk)
        ).all()
        closed = conn.execute(sa.select(k.c.closed_at).where(k.c.month == month)).scalar()
        adjusted = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(a.c.difference), 0)).where(
                a.c.month == month
            )
        ).one()
    if not totals[0]:
        return [f"TPP {month}: not computed"]

    state = f"final (closed {closed:%Y-%m-%d %H:%M} UTC)" if closed else "provisional"
    modes = totals[10] if totals[10] == totals[11] else f"{totals[10]}, {totals[11]}"
    pph = int(totals[7]) + int(totals[8])
    lines = [
        f"TPP {month}: {totals[0]} employees, {state}",
        f"  ceilings {rp(totals[2])}, gross {rp(totals[3])}, BPJS 4% {rp(totals[4])}, "
        f"BPJS 1% {rp(totals[5])}",
        f"  PPh 21 {rp(pph)} ({modes}"
        + (f"; December adjustment {rp(totals[8])}" if totals[8] else "")
        + (f"; tunjangan PPh {rp(totals[9])}" if totals[9] else "")
        + f"), net paid {rp(totals[6])}",
    ]
    if untaxed:  # a month before the tax profile: say why nothing was withheld
        lines += [f"  {n}" for n in untaxed.split("; ") if n.startswith(BEFORE_TAX_PROFILE)]
    lines += _default_warnings(totals[0], totals[12], totals[13])
    lines += _payroll_conflict_lines(engine, month)
    lines += _payroll_gap_lines(engine, month)
    width = max(len(str(u)) for u, _, _ in units)
    lines += [f"    {u!s:<{width}}  {n:>5}  {rp(net):>18}" for u, n, net in units]
    if adjusted[0]:
        lines.append(
            f"  adjustment lines after closing: {adjusted[0]}, total {rp(adjusted[1])} "
            "(table tpp_adjustment)"
        )
    return lines


def _payroll_conflict_lines(engine: sa.Engine, month: str) -> list[str]:
    """Payroll files of one layout that disagree about the month and wait for HR/finance's
    keep decision (rules.tpp.inputs.PAYROLL_CONFLICT): one line per employee."""
    q = wt.quarantine
    with engine.connect() as conn:
        reasons = conn.execute(
            sa.select(q.c.reason)
            .distinct()
            .where(
                q.c.asset == "payroll",
                q.c.partition_key == wt.SNAPSHOT,
                q.c.reason.like(f"{PAYROLL_CONFLICT} for NIP % in {month} (%"),
            )
            .order_by(q.c.reason)
        ).all()
    if not reasons:
        return []
    return [
        f"  PAYROLL CONFLICT: {len(reasons)} employee(s) whose payroll files of one layout "
        f"disagree about {month}; none of those rows is used and the month cannot be closed "
        "until HR or finance keeps one file (attendance_decisions.csv, decision keep):",
        *(f"    {r}" for (r,) in reasons),
    ]


def _payroll_gap_lines(engine: sa.Engine, month: str) -> list[str]:
    """Employees paid TPP in the month without a readable payroll row and without finance's
    decision (payroll_gap, issue 21): one line per employee, the NIP and the file."""
    g = tt.payroll_gap
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(g.c.nip, g.c.gap_reason)
            .where(g.c.month == month, g.c.decision.is_(None))
            .order_by(g.c.nip)
        ).all()
    if not rows:
        return []
    return [
        f"  PAYROLL GAP: {len(rows)} employee(s) paid TPP in {month} without a readable payroll "
        "row; the month cannot be closed until the file is fixed or finance decides "
        "(attendance_decisions.csv, decision carry or amount):",
        *(f"    {nip}: {reason}" for nip, reason in rows),
    ]


def _default_warnings(employees: int, without_predikat: int, without_payroll: int) -> list[str]:
    """Say in words when a whole TPP component fell back to its default."""
    lines = []
    if without_predikat == employees:
        lines.append(
            "  WARNING: no e-Kinerja predikat for anyone this month: the kinerja part of TPP is "
            "withheld for every employee (the profile's default without a predikat). Put the BKN "
            "Penilaian SKP or SIASN kinerja periodik export in inbox/ekinerja/ and run again."
        )
    elif without_predikat:
        lines.append(
            f"  {without_predikat} of {employees} employees have no predikat: their kinerja "
            "part is withheld (see the notes column)"
        )
    if without_payroll == employees:
        lines.append(
            "  WARNING: no payroll (GPP/SIMGAJI) row for anyone this month: BPJS is computed "
            "from the latest earlier month we hold, or on the TPP alone without salary (see "
            "notes). Put the month's payroll export in inbox/payroll/ and run again."
        )
    return lines
