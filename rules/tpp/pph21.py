"""PPh 21 columns of a month's TPP rows (the TPP side of rules/tax): the inputs resolved, the
month withheld, the year closed.

``compute_month`` (rules/tpp/compute.py) calls ``pph21_columns`` with the rows it has built
(gross, BPJS) and the inputs; this module joins them:

- the month's payroll row (else the latest earlier one, as for the BPJS salary base; noted
  there) gives the gaji gross, the iuran pensiun and the stated PPh on gaji (rules/tax/gaji.py);
- ptkp.csv gives the PTKP and NPWP status for the tax year, else the payroll's family data at
  the start of the year, else the default (rules/tax/inputs.py; ``ptkp_source`` says which);
- the regional profile's ``tpp.pph21`` gives the mode per employee kind;
- in December, or in the employee's last paid month (the day before an end event: pensiun,
  mutasi keluar, berhenti incl. meninggal; or before the master's tmtPensiun), the year is
  closed from the earlier months the warehouse holds plus this one (rules/tax/year_end.py);
  ``tax_year_end`` says why, and a leaver's later months carry no gaji (issue 21);
- an ``amount`` decision of finance gives the gaji gross of a month without a payroll row, and
  THR / gaji-13 TPP paid in the month enters its TER line (rules/tpp/thr13.py).

``net = gross - bpjs_employee - pph21 - pph21_december_adjustment + tunjangan_pph``; under
``borne_tunjangan_pph`` the tunjangan PPh also pays the adjustment back (net unchanged).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.rulebook.tpp import Pph21Rules
from rules.tax.gaji import GROSS_PARTS, gaji_bruto, iuran_pensiun
from rules.tax.inputs import resolve_ptkp
from rules.tax.monthly import withhold_month
from rules.tax.profile import TaxProfile, TaxVersion
from rules.tax.year_end import SUMMARY_COLUMNS, year_end
from rules.tpp.payroll_gaps import payroll_decisions
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason
from vocabulary.tax import BORNE_TUNJANGAN_PPH, TER_MODES
from vocabulary.tpp import END_STATUSES, PENSIUN
from vocabulary.units import month_bounds

HISTORY_COLUMNS = [
    c.NIP,
    c.MONTH,
    c.PPH21_MODE,
    c.PTKP_STATUS,
    c.NPWP_MULTIPLIER,
    c.PPH21_BASE,
    c.GAJI_BRUTO,
    c.GROSS,
    c.BPJS_EMPLOYER,
    c.IURAN_PENSIUN,
    c.PPH21_GAJI,
    c.PPH21,
    c.PPH21_DECEMBER_ADJUSTMENT,
    c.TUNJANGAN_PPH,
    c.TAX_YEAR_END,  # issue 21: the month closed the year (and why); the A2 reads it back
    c.PTKP_SOURCE,
    c.THR13_GROSS,  # issue 21: THR/13 TPP paid in the month (already in pph21_base)
    c.PPH21_THR13,  # and its tax (withheld in the year, borne or not)
]
DECEMBER = "december"


def payroll_parts(
    nips: pd.Series, payroll: pd.DataFrame, month: str, extra: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Per NIP the gross parts and stated PPh of the month's payroll row, else of the latest
    earlier month (<NA> without any), on ``nips.index``; with the ``extra`` payroll columns
    (<NA> where the payroll has none)."""
    wanted = (*GROSS_PARTS, c.PPH21_GAJI_PAYROLL, *extra)
    cols = [col for col in wanted if col in payroll]
    out = pd.DataFrame(index=nips.index)
    rows = payroll[payroll[c.MONTH] <= month] if len(payroll) else payroll
    key = nips.astype("string")
    if rows.empty:
        for col in wanted:
            out[col] = pd.array([pd.NA] * len(nips), dtype="Int64")
        out["_known"] = False
        return out
    latest = rows.sort_values([c.NIP, c.MONTH], kind="stable").drop_duplicates(c.NIP, keep="last")
    latest = latest.set_index(c.NIP)
    for col in wanted:
        source = latest[col] if col in cols else pd.Series(pd.NA, index=latest.index)
        out[col] = key.map(source).astype("Int64").to_numpy()
    # a stated PPh belongs to its own month: an earlier month's is not this month's
    same = key.map(latest[c.MONTH]).eq(month).fillna(False).to_numpy()
    out[c.PPH21_GAJI_PAYROLL] = out[c.PPH21_GAJI_PAYROLL].where(same)
    out["_known"] = key.isin(latest.index).to_numpy()
    return out


def year_end_kinds(
    nips: pd.Series,
    status_events: pd.DataFrame,
    month: str,
    active_to: pd.Series | None = None,
) -> pd.Series:
    """Why ``month`` closes each employee's tax year (<NA> where it does not): ``december``;
    or the employee's last day of service falls in the month (issue 21): the day before an end
    event (pensiun, mutasi keluar, berhenti incl. meninggal: from ``date_from`` on no longer
    paid), or the master's last active day (``tmtPensiun`` - 1 day: ``pensiun``). The true-up
    is in the last paid month, not in the month after it."""
    first, last = month_bounds(month)
    kinds = pd.Series(pd.NA, index=nips.index, dtype="string")
    if month.endswith("-12"):  # but not for those whose year closed in an earlier month
        gone = left_before(nips, status_events, month, active_to)
        return kinds.fillna(DECEMBER).mask(gone.to_numpy(), pd.NA)
    key = nips.astype("string")
    lo, hi = pd.Timestamp(first), pd.Timestamp(last)
    if active_to is not None:
        end = pd.to_datetime(pd.Series(active_to, index=nips.index))
        kinds = kinds.mask(((end >= lo) & (end <= hi)).fillna(False), PENSIUN)
    ev = status_events
    if len(ev):
        last_day = pd.to_datetime(ev[c.DATE_FROM]) - pd.Timedelta(days=1)
        ending = ev[ev[c.STATUS].isin(END_STATUSES) & (last_day >= lo) & (last_day <= hi)]
        ending = ending.sort_values(c.DATE_FROM).drop_duplicates(c.NIP)
        event_kind = key.map(ending.set_index(c.NIP)[c.STATUS]).astype("string")
        kinds = event_kind.fillna(kinds)
    return kinds


def left_before(
    nips: pd.Series,
    status_events: pd.DataFrame,
    month: str,
    active_to: pd.Series | None = None,
) -> pd.Series:
    """True where the employee's last day of service is before ``month`` (an end event or the
    master's last active day): no gaji of theirs is paid in it, and their tax year was closed in
    their last paid month."""
    lo = pd.Timestamp(month_bounds(month)[0])
    gone = pd.Series(False, index=nips.index)
    if active_to is not None:
        end = pd.to_datetime(pd.Series(active_to, index=nips.index))
        gone |= (end < lo).fillna(False)
    ev = status_events
    if len(ev):
        last_day = pd.to_datetime(ev[c.DATE_FROM]) - pd.Timedelta(days=1)
        ended = ev[ev[c.STATUS].isin(END_STATUSES) & (last_day < lo)]
        gone |= nips.astype("string").isin(set(ended[c.NIP].astype("string"))).to_numpy()
    return gone


def last_month_of_year(
    nips: pd.Series,
    status_events: pd.DataFrame,
    month: str,
    active_to: pd.Series | None = None,
) -> pd.Series:
    """True where ``month`` closes the employee's tax year (``year_end_kinds``)."""
    return year_end_kinds(nips, status_events, month, active_to).notna()


def pph21_columns(
    rows: pd.DataFrame,
    payroll: pd.DataFrame,
    ptkp: pd.DataFrame,
    status_events: pd.DataFrame,
    history: pd.DataFrame,
    rules: Pph21Rules,
    tax: TaxVersion,
    month: str,
    decisions: pd.DataFrame | None = None,
    active: pd.DataFrame | None = None,
    thr13: pd.Series | None = None,
) -> pd.DataFrame:
    """The tax columns, the December adjustment, ``net`` and ``notes`` of the month's rows.

    Args:
        rows: the month's TPP rows (nip, employee_kind, golongan, gross, bpjs_employer,
            bpjs_employee).
        payroll: valid payroll rows of any month.
        ptkp: valid ptkp.csv rows.
        status_events: valid status events.
        history: the employees' earlier rows of the same tax year (``HISTORY_COLUMNS``), as
            the warehouse holds them; may be empty.
        rules: the regional profile's ``tpp.pph21``.
        tax: the tax profile version in force in the month.
        month: 'YYYY-MM'.
        decisions: finance's decisions (attendance_decisions.csv): an ``amount`` decision for an
            NIP without a payroll row of the month gives its gaji gross (issue 21).
        active: per row (``rows.index``) the master's ``active_from`` (TMT: the masa perolehan
            of a new hire starts in its month) and ``active_to`` (the last day before TMT
            pensiun: that month closes the year).
        thr13: per NIP the THR/13 TPP paid in the month (rules/tpp/thr13.py): its TER line.
    """
    nips = rows[c.NIP].astype("string")
    parts = payroll_parts(nips, payroll, month)
    known = parts.pop("_known").to_numpy()
    own = (
        nips.isin(set(payroll.loc[payroll[c.MONTH] == month, c.NIP].astype("string")))
        if len(payroll)
        else pd.Series(False, index=rows.index)
    )
    active_to = active[c.ACTIVE_TO] if active is not None and c.ACTIVE_TO in active else None
    gone = left_before(nips, status_events, month, active_to).to_numpy()
    known = known & ~gone  # a leaver's earlier gaji is not carried past their last month
    chosen = payroll_decisions(decisions, month)
    stated = chosen[chosen[c.DECISION] == c.CORRECTED].set_index(c.NIP)[c.AMOUNT]
    amount = nips.map(stated).astype("Int64")
    corrected = (amount.notna() & ~own).to_numpy()
    kind = rows[c.EMPLOYEE_KIND].astype("string").fillna("pns")
    status, npwp, status_note, source = resolve_ptkp(nips, ptkp, month, tax, payroll)
    bruto = pd.Series(gaji_bruto(parts, tax), index=rows.index).astype("Int64")
    bruto = bruto.mask(corrected, amount)
    known = known | corrected
    month_rows = pd.DataFrame(
        {
            c.EMPLOYEE_KIND: kind,
            c.GOLONGAN: rows[c.GOLONGAN],
            c.PTKP_STATUS: status,
            c.NPWP_STATUS: npwp,
            c.GROSS: rows[c.GROSS],
            c.BPJS_EMPLOYER: rows[c.BPJS_EMPLOYER],
            c.GAJI_BRUTO: bruto.where(known),
            c.PPH21_GAJI_PAYROLL: parts[c.PPH21_GAJI_PAYROLL],
            c.THR13_GROSS: (
                nips.map(thr13).fillna(0).astype("int64") if thr13 is not None and len(thr13) else 0
            ),
        },
        index=rows.index,
    )
    mode = kind.map(lambda k: rules.mode_for(k if k in ("pns", "pppk") else "pns"))
    out = withhold_month(month_rows, mode, rules.include_employer_bpjs_in_bruto, tax)
    out[c.GAJI_BRUTO] = np.where(known, bruto.fillna(0), 0).astype("int64")
    out[c.IURAN_PENSIUN] = np.where(known, iuran_pensiun(parts, kind, tax), 0).astype("int64")
    out[c.PPH21_DECEMBER_ADJUSTMENT] = np.zeros(len(rows), dtype="int64")
    out[c.PTKP_SOURCE] = source.to_numpy()

    kinds = year_end_kinds(nips, status_events, month, active_to)
    closing = kinds.notna()
    out[c.TAX_YEAR_END] = kinds.to_numpy()
    year_note = pd.Series(pd.NA, index=rows.index, dtype="string")
    if closing.any():
        current = out.assign(
            **{c.NIP: nips, c.MONTH: month, c.GROSS: rows[c.GROSS],
               c.BPJS_EMPLOYER: rows[c.BPJS_EMPLOYER]}
        )[HISTORY_COLUMNS][closing.to_numpy()]  # fmt: skip
        earlier = history[history[c.MONTH].astype("string") < month] if len(history) else history
        year = str(month[:4])
        earlier = earlier[earlier[c.MONTH].astype("string").str.startswith(year)]
        earlier = earlier[earlier[c.NIP].isin(current[c.NIP])][HISTORY_COLUMNS]
        frames = [f for f in (earlier, current) if len(f)]
        months = pd.concat(frames, ignore_index=True) if len(frames) > 1 else current
        first_month = None
        if active is not None and c.ACTIVE_FROM in active:
            started = pd.to_datetime(active[c.ACTIVE_FROM]).dt.strftime("%Y-%m")
            first_month = pd.Series(started.to_numpy(), index=nips.to_numpy()).astype("string")
        summary = year_end(
            months, tax, pd.Series(month, index=current[c.NIP].to_numpy()), first_month
        )
        summary = summary.set_index(c.NIP)
        adjustment = nips.map(summary[c.PPH21_DECEMBER_ADJUSTMENT]).fillna(0).astype("int64")
        out[c.PPH21_DECEMBER_ADJUSTMENT] = adjustment.to_numpy()
        missing = nips.map(summary["missing_months"]).astype("string")
        closed = nips.map(summary["closed"]).fillna(False).astype(bool)
        year_note = first_reason(
            (
                closed & missing.fillna("").ne(""),
                lambda i: "tax year closed without the months " + missing[i]
                + " (not in the warehouse): flagged, not filled in",
            ),
            (closed, "tax year closed: Pasal 17 true-up this month"),
            (
                closing & ~mode.isin(TER_MODES),
                "last month of the tax year: no true-up under " + mode,
            ),
            index=rows.index,
        )  # fmt: skip
    borne = mode.eq(BORNE_TUNJANGAN_PPH).to_numpy()
    out[c.TUNJANGAN_PPH] = np.where(
        borne, out[c.PPH21] + out[c.PPH21_DECEMBER_ADJUSTMENT], 0
    ).astype("int64")
    net = (
        rows[c.GROSS].astype("int64").to_numpy()
        - rows[c.BPJS_EMPLOYEE].astype("int64").to_numpy()
        - out[c.PPH21].to_numpy()
        - out[c.PPH21_DECEMBER_ADJUSTMENT].to_numpy()
        + out[c.TUNJANGAN_PPH].to_numpy()
    )
    out[c.NET] = net.astype("int64")
    negative = first_reason(
        (
            pd.Series(net < 0, index=rows.index),
            "PPh 21 of the month exceeds the TPP paid: net is negative (finance recovers it)",
        ),
        index=rows.index,
    )
    gone_note = first_reason(
        (
            pd.Series(gone, index=rows.index),
            "left the service before the month (the tax year ended with the last paid "
            "month's true-up): no gaji, no PPh on gaji",
        ),
        index=rows.index,
    )
    amount_note = first_reason(
        (
            pd.Series(corrected, index=rows.index),
            lambda i: "gaji gross Rp " + amount[i].astype("string")
            + " from finance's amount decision (no payroll row of the month)",
        ),
        index=rows.index,
    )  # fmt: skip
    out[c.NOTES] = combine_reasons(
        out[c.NOTES], status_note, year_note, negative, amount_note, gone_note
    )
    return out


def yearly_summary(
    rows: pd.DataFrame,
    tax: TaxProfile,
    month: str,
    employees: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per employee the tax year's PPh 21 figures up to ``month`` from the stored rows (the
    1721-A2 figures once the year is closed): sums of the months, the year's Pasal 17 tax, and
    what was withheld including the stored adjustments (nothing is recomputed here).

    An employee's year is closed by the stored month whose ``tax_year_end`` is set (December,
    or the leaver's last paid month; issue 21): that month is the A2's last month and the
    summary says ``closed``; the masa perolehan starts at the master's ``active_from`` when it
    falls in the year (``employees``; else January)."""
    first = month_bounds(month)[0]
    if rows.empty or first < tax.first_day:  # before the tax profile nothing was computed
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    version = tax.version_for(first)
    held = rows[[col for col in HISTORY_COLUMNS if col in rows]]
    ends = held[held[c.TAX_YEAR_END].notna()] if c.TAX_YEAR_END in held else held.iloc[:0]
    ends = ends.sort_values([c.NIP, c.MONTH]).drop_duplicates(c.NIP, keep="last")
    nip_text = ends[c.NIP].astype(str).tolist()
    last = pd.Series(ends[c.MONTH].astype(str).tolist(), index=nip_text, dtype="string")
    kind = pd.Series(ends[c.TAX_YEAR_END].astype(str).tolist(), index=nip_text, dtype="string")
    # months stored after a closing month (a correction after the leaver left) are not in the A2
    closing_month = dict(zip(nip_text, last.astype(str), strict=True))
    cut = [closing_month.get(n, "9999-99") for n in held[c.NIP].astype(str)]
    after = held[c.MONTH].astype(str).to_numpy() > np.asarray(cut, dtype=object)
    held = held[~after]
    first_month = None
    if employees is not None and c.ACTIVE_FROM in employees:
        emp = employees.drop_duplicates(c.NIP)
        started = pd.to_datetime(emp[c.ACTIVE_FROM]).dt.strftime("%Y-%m")
        first_month = pd.Series(started.to_numpy(), index=emp[c.NIP].astype("string").to_numpy())
    return year_end(held, version, last, first_month, kind)
