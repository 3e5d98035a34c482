"""The attendance lines of the CLI report: a month's employee-days, bands, deductions and gaps."""

import sqlalchemy as sa

from resources.warehouse import tables as wh
from resources.warehouse.attendance import tables as attendance_tables
from rules.punches import UNMAPPED_PINS
from vocabulary.columns import NO_DATA
from vocabulary.units import month_bounds


def month_summary(engine: sa.Engine, month: str) -> list[str]:
    """Counts for one month: rows, codes, deductions, quarantine and rejected files."""
    first, last = month_bounds(month)
    d, m, q, a = (
        attendance_tables.fact_attendance_daily,
        attendance_tables.fact_discipline_monthly,
        wh.quarantine,
        wh.load_audit,
    )
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
        unmapped = conn.execute(
            sa.select(a.c.file, a.c.message)
            .where(
                a.c.asset == "attendance_punches",
                a.c.partition_key == month,
                a.c.run_id == last_run,
                a.c.message.like(f"{UNMAPPED_PINS}%"),
            )
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
    for file, message in unmapped:  # a misread layout looks like this
        lines.append(f"  WARNING {file}: {message}")
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
    g = attendance_tables.attendance_gap
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
    g = attendance_tables.attendance_enrolment_gap
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
