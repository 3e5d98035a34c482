"""The month's TPP per employee, every step a column (docs/tpp.md, reg §§6-10).

    ceiling (kelas jabatan, dated table; a demotion's lower kelas for its working days)
    x eligibility (paid working days / the month's working days) x CPNS percentage
      = tpp_base                                                      (to the sen, half up)
    tpp_base x split = kinerja_part (to the sen); disiplin_part = tpp_base - kinerja_part
    kinerja_part x kinerja factor (predikat of the month, or the e-Lapkin percentage when the
      profile's performance.lapkin.basis is minutes or days_with_report) = kinerja_amount
    discipline % x the profile's base = disiplin_deduction (to the sen), limited to the
      disiplin part (or, when the profile lets it spill, to disiplin + kinerja; the excess is
      deduction_from_kinerja); disiplin_amount = disiplin_part - what it consumed
    (kinerja_amount - deduction_from_kinerja) x sanction factor = kinerja_paid  (to Rp 1)
    disiplin_amount x sanction factor = disiplin_paid                           (to Rp 1)
    plt_addition: the Plt/Plh addition on the ceilings (rules/tpp/plt.py)      (to Rp 1)
    gross = kinerja_paid + disiplin_paid + plt_addition
    (December, when the profile pays it in full: kinerja factor 100 %, no discipline cut)
    BPJS on min(gross, 12,000,000 - salary base): employer 4 %, employee 1 %   (to Rp 1 each)
    net = gross - bpjs_employee - pph21 - pph21_december_adjustment + tunjangan_pph
    (PPh 21 per the regional mode and the national tax profile: rules/tpp/pph21.py)

All arithmetic is on int64 (sen, rupiah, 1/10,000 %), one rounding per step (rules/tpp/money.py).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from rules import calendar as cal
from rules.discipline import cap_deduction
from rules.profile import AbsenceRules, Profile
from rules.rulebook.tpp import DisiplinRules, TppRules
from rules.tax.profile import TaxProfile
from rules.tpp.ceilings import ceiling_table, ceilings_of
from rules.tpp.contributions import bpjs, salary_base
from rules.tpp.eligibility import IS_CPNS, eligibility
from rules.tpp.money import FULL, SEN, as_int, div_half_up, scale
from rules.tpp.plt import plt_addition
from rules.tpp.pph21 import HISTORY_COLUMNS, pph21_columns
from rules.tpp.sanctions import demotion_ceiling, sanction_factor
from rules.tpp.thr13 import per_employee
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason
from vocabulary.performance import BASIS_PREDIKAT
from vocabulary.tax import BEFORE_TAX_PROFILE, NOT_COMPUTED
from vocabulary.tpp import (
    DAILY_TPP,
    DISIPLIN_COMPONENT,
    FACTOR_COLUMNS,
    FACTOR_DECIMALS,
    RUPIAH_COLUMNS,
    SEN_COLUMNS,
    TPP_COLUMNS,
)
from vocabulary.units import decimal_text, month_bounds, pct_units, text_to_scaled

TAX_TEXT_COLUMNS = (
    c.PTKP_STATUS,
    c.TER_CATEGORY,
    c.TER_RATE_PCT,
    c.NPWP_MULTIPLIER,
    c.PPH21_MODE,
    c.PTKP_SOURCE,
    c.TAX_YEAR_END,
)
PTKP_INPUT = [c.NIP, c.PTKP_STATUS, c.VALID_FROM, c.NPWP_STATUS]


def _factor(units: np.ndarray) -> pd.Series:
    return decimal_text(units, FACTOR_DECIMALS)


def _discipline_units(
    nips: pd.Series,
    discipline: pd.DataFrame,
    daily: pd.DataFrame,
    paid_days: np.ndarray,
    rules: DisiplinRules,
    absence: AbsenceRules,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The month's discipline percentage (units, capped) and, for the daily base, the sum of
    the daily percentages (units; None for the other bases).

    For ``daily_tpp`` each day's percentage is of that day's TPP (tpp_base / paid days), so the
    month's percentage of tpp_base is the daily sum / paid days, capped at the monthly cap (and
    the cap from the profile's TK forfeit day on).
    """
    monthly = discipline.drop_duplicates(c.NIP).set_index(c.NIP)
    units = as_int(nips.map(monthly["deduction_units"]).fillna(0).astype("int64"))
    if rules.deduction_base != DAILY_TPP:
        return units, None
    summed = daily.groupby(c.NIP)["deduction_units"].sum()
    total = as_int(nips.map(summed).fillna(0).astype("int64"))
    tk = as_int(nips.map(monthly[c.TK_DAYS]).fillna(0).astype("int64"))
    days = np.maximum(paid_days, 1)
    total = cap_deduction(total, tk, absence, days)
    return div_half_up(total, days), total


def _deduction(
    tpp_base: np.ndarray,
    disiplin_part: np.ndarray,
    kinerja_amount: np.ndarray,
    units: np.ndarray,
    daily_sum: np.ndarray | None,
    paid_days: np.ndarray,
    rules: DisiplinRules,
) -> tuple[np.ndarray, np.ndarray]:
    """(deduction taken, part of it taken from the kinerja amount), in sen."""
    if rules.deduction_base == DISIPLIN_COMPONENT:
        raw = scale(disiplin_part, units)
    elif daily_sum is not None:  # daily_tpp: sum of (day % x tpp_base / paid days)
        raw = div_half_up(tpp_base * daily_sum, np.maximum(paid_days, 1) * FULL)
    else:
        raw = scale(tpp_base, units)
    spill = rules.deduction_limit == "tpp"
    taken = np.minimum(raw, disiplin_part + kinerja_amount if spill else disiplin_part)
    return taken, np.maximum(taken - disiplin_part, 0)


def compute_month(
    employees: pd.DataFrame,
    discipline: pd.DataFrame,
    daily: pd.DataFrame,
    predikat: pd.DataFrame,
    payroll: pd.DataFrame,
    sanctions: pd.DataFrame,
    status_events: pd.DataFrame,
    inbox_ceilings: pd.DataFrame,
    profile: Profile,
    month: str,
    tax: TaxProfile | None = None,
    ptkp: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    lapkin: pd.DataFrame | None = None,
    plt: pd.DataFrame | None = None,
    decisions: pd.DataFrame | None = None,
    thr13: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """TPP of one month ('YYYY-MM') for every employee active in it.

    Args:
        employees: the valid employee master.
        discipline: monthly discipline of the month (nip, deduction_units, tk_days).
        daily: daily attendance of the month (nip, work_date, absence_code, deduction_units).
        predikat: the month's predikat (nip, predikat); employees without a row have none.
        payroll: valid payroll rows (nip, month, salary components) of any month.
        sanctions: valid PP 94/2021 sanctions (nip, sanction_type, decision_date, months).
        status_events: valid status events (nip, status, date_from, date_to).
        inbox_ceilings: valid inbox ceiling rows (may be empty: the profile's table applies).
        profile: the rulebook; the month uses the version in force on its first day.
        month: the month.
        tax: the national tax profile (rules/tax/pph21.yaml); needed unless every mode of
            the month is ``not_computed``.
        ptkp: valid ptkp.csv rows (None or empty: the tax profile's default status).
        history: earlier rows of the month's tax year from the warehouse (for the December /
            last-month true-up; None or empty: none held).
        lapkin: the month's e-Lapkin rows (nip, kinerja_pct_units; rules.performance.lapkin.
            monthly_lapkin); required when the profile's ``performance.lapkin.basis`` is not
            ``predikat``: the kinerja factor is then the Lapkin percentage (0 without reports).
        plt: valid Plt/Plh assignments (None or empty: no addition; rules/tpp/plt.py).
        decisions: finance's decisions (attendance_decisions.csv rows); an ``amount`` decision
            gives the gaji gross of a month without a payroll row (rules/tpp/payroll_gaps.py).
        thr13: the THR / gaji-13 TPP payments paid in the month (rules/tpp/thr13.py): their
            gross enters the month's TER line (``thr13_gross``, ``pph21_thr13``).

    Raises:
        ValueError: a Lapkin basis without Lapkin rows.

    Returns:
        One row per employee, ``TPP_COLUMNS``; money as int64 rupiah or exact decimal text.
    """
    first, last = month_bounds(month)
    version = profile.version_for(first)
    rules: TppRules = version.tpp
    calendar = cal.work_calendar(profile, first, last)
    frame = eligibility(employees, daily, status_events, calendar, rules.eligibility)
    emp = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    nip = frame[c.NIP].astype("string")
    for col in (c.UNIT, c.UNIT_INDUK, c.EMPLOYEE_KIND):
        frame[col] = nip.map(emp[col]).astype("string")
    frame[c.KELAS_JABATAN] = nip.map(emp[c.KELAS_JABATAN]).astype("Int64")
    table, source = ceiling_table(rules.ceilings, inbox_ceilings, first, profile.name)
    ceiling, ceiling_note = ceilings_of(frame[c.KELAS_JABATAN], table)
    ceiling, demotion_note = demotion_ceiling(
        nip, frame[c.KELAS_JABATAN], ceiling, sanctions, rules.sanctions, table, calendar,
        first, last,
    )  # fmt: skip
    workdays, paid = as_int(frame[c.MONTH_WORKDAYS]), as_int(frame[c.PAID_DAYS])
    in_full = rules.december is not None and rules.december.paid_in_full and month[5:] == "12"

    cpns = np.where(frame[IS_CPNS], pct_units(rules.eligibility.cpns_pct), FULL)
    tpp_base = div_half_up(as_int(ceiling) * SEN * paid * cpns, np.maximum(workdays, 1) * FULL)
    kinerja_part = scale(tpp_base, pct_units(rules.split.kinerja_pct))
    disiplin_part = tpp_base - kinerja_part

    by_predikat = {k: pct_units(v) for k, v in rules.kinerja.by_predikat.items()}
    pred = nip.map(predikat.drop_duplicates(c.NIP).set_index(c.NIP)[c.PREDIKAT]).astype("string")
    basis = version.performance.lapkin.basis
    if basis == BASIS_PREDIKAT:
        k_units = as_int(
            pred.map(by_predikat).fillna(pct_units(rules.kinerja.not_assessed_pct)).astype("int64")
        )
    elif lapkin is None:
        raise ValueError(
            f"the profile pays the kinerja part by e-Lapkin ({basis}) but no e-Lapkin rows "
            f"were given for {month}"
        )
    else:
        own = lapkin.drop_duplicates(c.NIP).set_index(c.NIP)[c.KINERJA_PCT_UNITS]
        k_units = as_int(nip.map(own).fillna(0).astype("int64"))
    if in_full:  # December paid in full: no performance cut
        k_units = np.full(len(nip), FULL, dtype=np.int64)
    kinerja_amount = scale(kinerja_part, k_units)

    absence = version.absence
    units, daily_sum = _discipline_units(
        nip,
        discipline,
        daily,
        paid,
        rules.disiplin,
        absence,
    )
    if in_full:  # December paid in full: no attendance cut
        units = np.zeros(len(nip), dtype=np.int64)
        daily_sum = None if daily_sum is None else np.zeros(len(nip), dtype=np.int64)
    deduction, from_kinerja = _deduction(
        tpp_base, disiplin_part, kinerja_amount, units, daily_sum, paid, rules.disiplin
    )
    disiplin_amount = disiplin_part - (deduction - from_kinerja)
    s_units, s_note = sanction_factor(nip, sanctions, rules.sanctions, month)
    s_units = as_int(s_units)
    kinerja_paid = div_half_up((kinerja_amount - from_kinerja) * s_units, FULL * SEN)
    disiplin_paid = div_half_up(disiplin_amount * s_units, FULL * SEN)
    plt_amount, plt_note = plt_addition(
        nip, frame[c.KELAS_JABATAN], paid, plt, table, calendar, rules.plt, first, last
    )
    gross = kinerja_paid + disiplin_paid + plt_amount

    salary, salary_month, salary_note = salary_base(nip, payroll, rules.bpjs, month)
    bpjs_base, employer, employee = bpjs(gross, salary, rules.bpjs)

    out = frame[[c.NIP, c.UNIT, c.UNIT_INDUK, c.KELAS_JABATAN, c.EMPLOYEE_KIND]].copy()
    out[c.NIP] = nip
    out[c.MONTH] = month
    out[c.CEILING] = as_int(ceiling)
    out[c.CEILING_SOURCE] = source
    out[c.MONTH_WORKDAYS] = workdays
    out[c.PAID_DAYS] = paid
    out[c.ELIGIBILITY_FACTOR] = _factor(div_half_up(paid * FULL, np.maximum(workdays, 1)))
    out[c.CPNS_FACTOR] = _factor(cpns)
    out[c.PREDIKAT] = pred
    out[c.KINERJA_FACTOR] = _factor(k_units)
    out[c.DISIPLIN_DEDUCTION_PCT] = decimal_text(pd.Series(units), 4)
    out[c.DEDUCTION_BASE] = rules.disiplin.deduction_base
    for col, sen in zip(
        SEN_COLUMNS,
        (tpp_base, kinerja_part, kinerja_amount, disiplin_part, deduction, from_kinerja,
         disiplin_amount),
        strict=True,
    ):  # fmt: skip
        out[col] = decimal_text(sen, 2).to_numpy()
    out[c.SANCTION_FACTOR] = _factor(s_units)
    out[c.KINERJA_PAID], out[c.DISIPLIN_PAID], out[c.GROSS] = kinerja_paid, disiplin_paid, gross
    out[c.PLT_ADDITION] = plt_amount
    out[c.SALARY_BASE] = salary.astype("Int64").array
    out[c.SALARY_MONTH] = salary_month.astype("string").array
    out[c.BPJS_BASE], out[c.BPJS_EMPLOYER], out[c.BPJS_EMPLOYEE] = bpjs_base, employer, employee
    out[c.BPJS_EMPLOYEE] = employee
    out[c.GOLONGAN] = nip.map(emp[c.GOLONGAN]).astype("string") if c.GOLONGAN in emp else pd.NA
    active = pd.DataFrame(
        {
            c.ACTIVE_FROM: nip.map(emp[c.ACTIVE_FROM]) if c.ACTIVE_FROM in emp else pd.NaT,
            c.ACTIVE_TO: nip.map(emp[c.ACTIVE_TO]) if c.ACTIVE_TO in emp else pd.NaT,
        },
        index=out.index,
    )
    tax_notes = _tax(
        out, payroll, ptkp, status_events, history, rules, tax, first, month, decisions, active,
        per_employee(thr13) if thr13 is not None else None,
    )  # fmt: skip
    no_predikat = first_reason(
        (
            pd.Series(basis != BASIS_PREDIKAT, index=out.index),
            f"kinerja part by e-Lapkin ({basis}), not by predikat",
        ),
        (
            pred.isna() & (as_int(kinerja_part) > 0) & (not in_full),
            f"no predikat for the month: kinerja part paid at {rules.kinerja.not_assessed_pct}%",
        ),
        index=out.index,
    )
    capped = first_reason(
        (
            pd.Series(from_kinerja > 0, index=out.index),
            "discipline deduction exceeds the disiplin part: the rest comes off the kinerja part",
        ),
        index=out.index,
    )
    december = first_reason(
        (
            pd.Series(in_full, index=out.index),
            "December paid in full (profile tpp.december): no attendance or performance cut",
        ),
        index=out.index,
    )
    out[c.NOTES] = combine_reasons(
        frame[c.NOTES], ceiling_note, demotion_note, december, no_predikat, capped, s_note,
        plt_note, salary_note, tax_notes,
    )  # fmt: skip
    out[c.PROFILE] = profile.name
    for col in (c.MONTH_WORKDAYS, c.PAID_DAYS, *RUPIAH_COLUMNS):
        out[col] = out[col].astype("int64")
    for col in (c.MONTH, c.CEILING_SOURCE, c.DEDUCTION_BASE, *TAX_TEXT_COLUMNS, c.PROFILE):
        out[col] = out[col].astype("string")
    return out[TPP_COLUMNS].reset_index(drop=True)


def _tax(
    out: pd.DataFrame,
    payroll: pd.DataFrame,
    ptkp: pd.DataFrame | None,
    status_events: pd.DataFrame,
    history: pd.DataFrame | None,
    rules: TppRules,
    tax: TaxProfile | None,
    first: dt.date,
    month: str,
    decisions: pd.DataFrame | None = None,
    active: pd.DataFrame | None = None,
    thr13: pd.Series | None = None,
) -> pd.Series:
    """Fill the PPh 21 columns and net of ``out`` in place; returns their notes.

    A month before the tax profile's first version (the TER tables start 2024-01) is
    ``not_computed`` whatever the regional mode, and each row's notes say why."""
    before = tax is not None and first < tax.first_day
    if tax is None or before:
        modes = {rules.pph21.mode_for(k) for k in ("pns", "pppk")}
        if tax is None and modes != {NOT_COMPUTED}:
            raise ValueError(f"compute_month: PPh 21 modes {sorted(modes)} need the tax profile")
        zero = np.zeros(len(out), dtype=np.int64)
        for col in (c.GAJI_BRUTO, c.IURAN_PENSIUN, c.PPH21_BASE, c.PPH21_GAJI, c.PPH21,
                    c.TUNJANGAN_PPH, c.PPH21_DECEMBER_ADJUSTMENT, c.THR13_GROSS,
                    c.PPH21_THR13):  # fmt: skip
            out[col] = zero
        out[c.PTKP_STATUS], out[c.TER_CATEGORY], out[c.PTKP_SOURCE] = pd.NA, pd.NA, pd.NA
        out[c.TAX_YEAR_END] = pd.NA
        out[c.TER_RATE_PCT], out[c.NPWP_MULTIPLIER] = "0.0000", "1.0"
        out[c.PPH21_MODE] = NOT_COMPUTED
        out[c.NET] = out[c.GROSS] - out[c.BPJS_EMPLOYEE]
        notes = pd.Series(pd.NA, index=out.index, dtype="string")
        if before:  # only where the region's mode would have withheld something
            modes = {k: rules.pph21.mode_for(k) for k in ("pns", "pppk")}
            mode = out[c.EMPLOYEE_KIND].map(modes).fillna(modes["pns"])
            notes[(mode != NOT_COMPUTED).to_numpy()] = _before_tax_profile(tax, month)
        return notes
    cols = pph21_columns(
        out,
        payroll,
        ptkp if ptkp is not None else pd.DataFrame(columns=PTKP_INPUT),
        status_events,
        history if history is not None else pd.DataFrame(columns=HISTORY_COLUMNS),
        rules.pph21,
        tax.version_for(first),
        month,
        decisions,
        active,
        thr13,
    )
    for col in cols.columns:
        if col != c.NOTES:
            out[col] = cols[col].to_numpy()
    return cols[c.NOTES]


def _before_tax_profile(tax: TaxProfile, month: str) -> str:
    return (
        f"{BEFORE_TAX_PROFILE} for {month}: the tax profile {tax.name!r} (rules/tax/"
        f"pph21.yaml) starts {tax.first_day:%Y-%m-%d}, so PPh 21 of earlier months is left to "
        "finance's tax system (add a version for those months to compute it here)"
    )


def as_tpp_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame read back from the warehouse in the dtypes ``compute_month`` returns (decimals
    as exact text with their column's scale), so that rows compare equal across the two."""
    out = frame.copy()
    integers = (c.MONTH_WORKDAYS, c.PAID_DAYS, *RUPIAH_COLUMNS)
    nullable = (c.SALARY_BASE, c.KELAS_JABATAN)
    decimals = {
        **{col: 2 for col in SEN_COLUMNS},
        **{col: FACTOR_DECIMALS for col in FACTOR_COLUMNS},
        c.DISIPLIN_DEDUCTION_PCT: 4,
        c.TER_RATE_PCT: 4,
        c.NPWP_MULTIPLIER: 1,
    }
    for col in TPP_COLUMNS:
        if col in integers:
            out[col] = out[col].astype("int64")
        elif col in nullable:
            out[col] = out[col].astype("Int64")
        elif col in decimals:
            places = decimals[col]
            out[col] = decimal_text(text_to_scaled(out[col].astype("string"), places), places)
        else:
            out[col] = out[col].astype("string")
    return out
