"""What a run left in the warehouse, as lines for people (the CLI prints them): a read model
over the warehouse tables, so that the CLI holds no SQL."""

import sqlalchemy as sa

from resources import tables_performance as tp
from resources import tables_tpp as tt
from resources import warehouse as wh
from resources.reports_cycle import cycle_summary
from resources.settings import Settings, redact_url
from rules.columns import NO_DATA
from rules.performance import PREDIKAT_CODES, PREDIKAT_LABELS
from rules.tax import BEFORE_TAX_PROFILE
from rules.tpp.inputs import PAYROLL_CONFLICT
from rules.units import month_bounds


def month_summary(engine: sa.Engine, month: str) -> list[str]:
    """Counts for one month: rows, codes, deductions, quarantine and rejected files."""
    first, last = month_bounds(month)
    d, m, q, a = wh.fact_attendance_daily, wh.fact_discipline_monthly, wh.quarantine, wh.load_audit
    with engine.connect() as conn:
        days = conn.execute(
            sa.select(sa.func.count(), sa.func.count(sa.distinct(d.c.nip))).where(
                d.c.work_date.between(first, last)
            )
        ).one()
        codes = conn.execute(
            sa.select(
                sa.func.count().filter(d.c.late_code.is_not(None)),
                sa.func.count().filter(d.c.early_code.is_not(None)),
                sa.func.count().filter(d.c.absence_code == "TK"),
                sa.func.count().filter(d.c.absence_code.not_in(("TK", NO_DATA))),
                sa.func.count().filter(d.c.absence_code == NO_DATA),
            ).where(d.c.work_date.between(first, last))
        ).one()
        deduction = conn.execute(
            sa.select(
                sa.func.count(),
                sa.func.avg(m.c.deduction_pct),
                sa.func.max(m.c.deduction_pct),
                sa.func.count().filter(m.c.deduction_pct == 0),
            ).where(m.c.month == month)
        ).one()
        duplicate = q.c.reason.like("duplicate punch%")
        quarantined = conn.execute(
            sa.select(q.c.asset, sa.func.count(), sa.func.count().filter(duplicate))
            .where(q.c.partition_key.in_([month, wh.SNAPSHOT]))
            .group_by(q.c.asset)
            .order_by(q.c.asset)
        ).all()
        last_run = conn.execute(
            sa.select(a.c.run_id)
            .where(a.c.partition_key == month)
            .order_by(a.c.loaded_at.desc())
            .limit(1)
        ).scalar()
        snapshot_run = conn.execute(
            sa.select(a.c.run_id)
            .where(a.c.partition_key == wh.SNAPSHOT)
            .order_by(a.c.loaded_at.desc())
            .limit(1)
        ).scalar()
        rejected = conn.execute(
            sa.select(a.c.file, a.c.message, a.c.status)
            .where(a.c.status.in_(("rejected", "empty")), a.c.run_id == snapshot_run)
            .order_by(a.c.file)
        ).all()
        defaults = conn.execute(
            sa.select(a.c.file, a.c.asset, a.c.message)
            .where(a.c.status == "default", a.c.run_id == snapshot_run)
            .order_by(a.c.file, a.c.asset)
        ).all()
    lines = [
        f"Month {month}: {days[0]} employee-days for {days[1]} employees",
        f"  late arrivals (TL) {codes[0]}, early departures (PSW) {codes[1]}, "
        f"absent without reason (TK) {codes[2]}, leave or dinas luar {codes[3]}"
        + (f", not judged for lack of data (no_data) {codes[4]}" if codes[4] else ""),
    ]
    if deduction[0]:
        lines.append(
            f"  discipline deduction: mean {float(deduction[1]):.2f}%, max "
            f"{float(deduction[2]):.2f}%, {deduction[3]} of {deduction[0]} employees without"
        )
    if quarantined:
        parts = ", ".join(
            f"{asset} {n}" + (f" ({dup} of them repeats of punches already counted)" if dup else "")
            for asset, n, dup in quarantined
        )
        lines.append(f"  quarantined rows (with reasons, table quarantine): {parts}")
    for file, message, status in rejected:  # an empty file holds no record: said apart
        lines.append(f"  {status.upper()} {file}: {message}")
    lines += _gap_lines(engine, month)
    lines += _enrolment_lines(engine, month)
    if defaults:
        lines.append("  defaults applied (optional inputs absent or empty):")
        lines += [f"    {where} ({asset}): {message}" for where, asset, message in defaults]
    if last_run:
        lines.append(f"  run id {last_run}")
    return lines


def _gap_lines(engine: sa.Engine, month: str) -> list[str]:
    """One line per machine gap: days no readable data covers, who it leaves unjudged."""
    g = wh.attendance_gap
    with engine.connect() as conn:
        gaps = conn.execute(
            sa.select(
                g.c.device_key,
                g.c.date_from,
                g.c.date_to,
                g.c.workdays,
                g.c.gap_reason,
                g.c.employees_affected,
                g.c.decision,
            )
            .where(g.c.month == month)
            .order_by(g.c.device_key, g.c.date_from)
        ).all()
    if not gaps:
        return []
    lines = [
        "  NO DATA: machines without readable data on working days (their employees' days are "
        "not judged: no TK, no deduction):"
    ]
    for key, start, end, n, why, people, decision in gaps:
        span = f"{start:%d %b}" if start == end else f"{start:%d}-{end:%d %b}"
        who = f"{people} employee{'s' if people != 1 else ''} affected"
        state = f"HR decided: {decision}" if decision else "undecided: the month cannot be closed"
        lines.append(f"    {key}: {span} ({n} working days), {why}; {who}; {state}")
    if any(d is None and p > 0 for *_, p, d in gaps):
        lines.append(
            "    supply the missing exports or record a decision in "
            "inbox/attendance_decisions.csv (docs/formats.md)"
        )
    return lines


def _enrolment_lines(engine: sa.Engine, month: str) -> list[str]:
    """One line per employee and run of working days no valid PIN-map row covers (issue 19):
    the NIP, the days, why, and HR's decision."""
    g = wh.attendance_enrolment_gap
    with engine.connect() as conn:
        runs = conn.execute(
            sa.select(
                g.c.nip, g.c.date_from, g.c.date_to, g.c.workdays, g.c.gap_reason, g.c.decision
            )
            .where(g.c.month == month)
            .order_by(g.c.nip, g.c.date_from)
        ).all()
    if not runs:
        return []
    people = len({r[0] for r in runs})
    lines = [
        f"  NOT ENROLLED: {people} employee{'s' if people != 1 else ''} with working days no "
        "valid PIN-map row covers (no_data: no TK, no deduction until decided):"
    ]
    for nip, start, end, n, why, decision in runs:
        span = f"{start:%d %b}" if start == end else f"{start:%d}-{end:%d %b}"
        state = f"HR decided: {decision}" if decision else "undecided: the month cannot be closed"
        lines.append(f"    {nip}: {span} ({n} working days), {why}; {state}")
    if any(r[5] is None for r in runs):
        lines.append(
            "    add their rows to inbox/pin_map.csv or record a decision per NIP in "
            "inbox/attendance_decisions.csv (docs/formats.md)"
        )
    return lines


def performance_summary(engine: sa.Engine, period: str) -> list[str]:
    """The predikat distribution per unit (OPD, from dim_employee) of one period ('2024-03',
    '2024-S1', '2021'), and the SKP compliance of that period."""
    f, e, k = tp.fact_performance_period, wh.dim_employee, tp.fact_skp_compliance
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

    def rp(value: object) -> str:
        return "Rp " + f"{int(value):,}".replace(",", ".")

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
    q = wh.quarantine
    with engine.connect() as conn:
        reasons = conn.execute(
            sa.select(sa.distinct(q.c.reason))
            .where(
                q.c.asset == "payroll",
                q.c.partition_key == wh.SNAPSHOT,
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


TABLES = (
    "fact_attendance_daily, fact_discipline_monthly, quarantine, load_audit, dim_employee,",
    "fact_performance_period, fact_skp_compliance, fact_tpp_monthly, tpp_adjustment,",
    "tpp_month_close, attendance_gap, attendance_enrolment_gap,",
    "fact_feedback_360, fact_perilaku_360, fact_feedback_360_summary, fact_feedback_360_counts,",
    "fact_rhk_cascade, fact_cascade_score, fact_lapkin_monthly, fact_lapkin_compliance,",
    "fact_tindak_lanjut",
)


def run_report(settings: Settings, months: list[str], periods: list[str] = ()) -> list[str]:
    """The lines the CLI prints after a run: per month attendance, predikat and TPP; per
    performance period its predikat; then where everything is."""
    engine = wh.make_engine(settings.warehouse_url)
    lines: list[str] = []
    try:
        for month in months:
            lines += month_summary(engine, month)
            lines += performance_summary(engine, month)
            lines += cycle_summary(engine, month)
            lines += tpp_summary(engine, month)
        for period in periods:
            lines += performance_summary(engine, period)
            lines += cycle_summary(engine, period)
    finally:
        engine.dispose()
    return [
        *lines,
        f"Inbox:     {settings.inbox}",
        f"Warehouse: {redact_url(settings.warehouse_url)}",
        f"Profile:   {settings.profile}",
        f"Tables:    {TABLES[0]}",
        *(f"           {t}" for t in TABLES[1:]),
        "UI:        make ui  (Dagster UI on the same state: runs, checks, quarantine counts)",
    ]
