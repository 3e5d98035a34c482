"""What goes on the Coretax Pasal 21 forms (shared/domain/year-end.md §2), from the TER lines the
warehouse holds: which rows a month's BPMP carries and what each A2 line of the year holds.
Nothing is recomputed: the BPMP is the month's TER line, the A2 the sum of the year's months.

BPMP (one row per employee and month, ``bpmp_lines``):

    Gross = pph21_base (gaji bruto + TPP gross + employer BPJS on TPP: the month's TER base)
    Rate  = ter_rate_pct

Not on the BPMP, each with its reason: rows whose mode has no TER line (final_by_golongan,
not_computed), rows with nothing in the TER base, and the last month of an employee's tax year
(December, or the month a leaver's year was closed) unless ``bpmp_in_last_month``: that month's
withholding is on the BPA2, whose PPh is the year's.

BPA2 (one row per employee whose tax year closed, in the masa of its last month, ``a2_lines``),
from the TER months of the year:

    SalaryPensionJhtTht          = sum of gaji pokok        (the payroll rows the months used)
    WifeBenefit                  = sum of tunjangan keluarga - ChildBenefit
    ChildBenefit                 = sum of tunjangan anak    (GPP tjanak / SIMGAJI TJANAK, as
                                   the payroll states it apart; 0 when a file lacks the column)
    StructuralFunctionalBenefit  = sum of tunjangan jabatan
    RiceBenefit                  = sum of tunjangan beras
    <a2_tpp_line>                = sum of TPP gross        (OtherRegularIncome by default)
                                   + the THR / gaji-13 TPP paid in the year (thr13_gross) when
                                   ``a2_thr13_on_tpp_line`` (year-end §2.3: the A2 has no THR
                                   line; each part goes on its component's line [I])
    OtherBenefit                 = bruto_year - the lines above (tunjangan umum and lain, the
                                   employer BPJS/JKK/JKM premiums on gaji and on TPP; THR/13
                                   TPP when not on the TPP line)
    PensionContributionJhtThtFee = sum of iuran_pensiun
    Article21IncomeTax           = sum of pph21_gaji + pph21 + pph21_december_adjustment
                                   + pph21_thr13 (the THR / gaji-13 tax, borne or deducted)

so the income lines add up to the year's TER base exactly, and the PPh is what was withheld,
true-up included. An employee is left off the BPA2, with the reason, when a month of the masa
perolehan is missing or the year was not trued up in its last month (what was withheld is not
the year's Pasal 17 tax).
"""

from __future__ import annotations

import pandas as pd

from rules.rulebook.tpp import CoretaxRules
from rules.tax.profile import TaxVersion
from rules.tax.year_end import ADJUSTMENT, BRUTO_YEAR, PPH_YEAR, year_end
from rules.tpp.pph21 import HISTORY_COLUMNS, payroll_parts
from vocabulary import columns as c
from vocabulary.tax import A2_INCOME_LINES, FULL_YEAR, PARTIAL_YEAR, TER_MODES
from vocabulary.tpp import MUTASI_KELUAR

REASON = c.REASON
YEAR_CLOSED_NOTE = "tax year closed"  # rules/tpp/pph21.py notes the month a year is closed

PAYROLL_LINES = {
    "SalaryPensionJhtTht": c.GAJI_POKOK,
    "WifeBenefit": c.TUNJANGAN_KELUARGA,
    "StructuralFunctionalBenefit": c.TUNJANGAN_JABATAN,
    "RiceBenefit": c.TUNJANGAN_BERAS,
}
CHILD_PART = c.TUNJANGAN_ANAK  # in tunjangan keluarga; ChildBenefit, the rest WifeBenefit


def _int(frame: pd.DataFrame, col: str) -> pd.Series:
    return frame[col].fillna(0).astype("int64")


def closing_rows(lines: pd.DataFrame) -> pd.Series:
    """True where the row is the last month of its employee's tax year: December, or a month
    the computation closed the year in (a leaver's last month: noted, true-up withheld)."""
    december = lines[c.MONTH].astype("string").str.endswith("-12")
    noted = lines[c.NOTES].astype("string").str.contains(YEAR_CLOSED_NOTE, regex=False)
    adjusted = _int(lines, c.PPH21_DECEMBER_ADJUSTMENT).ne(0)
    return (december | noted.fillna(False) | adjusted).astype(bool)


def bpmp_lines(lines: pd.DataFrame, rules: CoretaxRules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The month's BPMP rows (nip, month, ptkp_status, gross, rate) and the rows left off
    (nip, month, reason).

    Args:
        lines: one month's TER lines (resources.warehouse.tax.read.TAX_LINE_COLUMNS).
        rules: the profile's ``tpp.coretax``.
    """
    mode = lines[c.PPH21_MODE].astype("string")
    base = _int(lines, c.PPH21_BASE)
    reason = pd.Series(pd.NA, index=lines.index, dtype="string")
    reason = reason.mask(
        ~mode.isin(TER_MODES), "PPh 21 mode " + mode.fillna("?") + ": no TER line to report"
    )
    last = closing_rows(lines) & ~rules.bpmp_in_last_month
    reason = reason.mask(
        reason.isna() & last,
        "the last month of the tax year: its withholding is reported on the BPA2",
    )
    reason = reason.mask(reason.isna() & base.le(0), "nothing in the TER base this month")
    keep = reason.isna()
    rows = pd.DataFrame(
        {
            c.NIP: lines[c.NIP].astype("string"),
            c.MONTH: lines[c.MONTH].astype("string"),
            c.PTKP_STATUS: lines[c.PTKP_STATUS].astype("string"),
            c.PPH21_BASE: base,
            c.TER_RATE_PCT: lines[c.TER_RATE_PCT],
        }
    )[keep.to_numpy()]
    left = pd.DataFrame({c.NIP: lines[c.NIP], c.MONTH: lines[c.MONTH], REASON: reason})[
        (~keep).to_numpy()
    ]
    return rows.reset_index(drop=True), left.reset_index(drop=True)


def _payroll_sums(ter: pd.DataFrame, payroll: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Per NIP the sums of the payroll components of the months that had a gaji row (the
    same row the month's computation used: the month's, else the latest earlier one), and per
    NIP the months with a gaji gross but no payroll row now ('YYYY-MM, ...')."""
    cols = [*PAYROLL_LINES.values(), CHILD_PART]
    parts, unknown = [], []
    for month, rows in ter.groupby(c.MONTH, sort=True):
        with_gaji = rows[_int(rows, c.GAJI_BRUTO).gt(0)]
        if with_gaji.empty:
            continue
        got = payroll_parts(
            with_gaji[c.NIP].astype("string"), payroll, str(month), extra=(CHILD_PART,)
        )
        got[c.NIP] = with_gaji[c.NIP].astype("string").to_numpy()
        parts.append(got[[c.NIP, *cols]])
        unknown += [(n, str(month)) for n in got.loc[~got["_known"].astype(bool), c.NIP]]
    missing = pd.Series(
        {
            n: ", ".join(m for k, m in unknown if k == n)
            for n in dict.fromkeys(k for k, _ in unknown)
        },
        dtype="string",
    )
    if not parts:
        return pd.DataFrame(0, index=pd.Index([], name=c.NIP), columns=cols, dtype="int64"), missing
    frame = pd.concat(parts, ignore_index=True)
    for col in cols:
        frame[col] = frame[col].fillna(0).astype("int64")
    return frame.groupby(c.NIP)[cols].sum(), missing


def a2_lines(
    lines: pd.DataFrame,
    payroll: pd.DataFrame,
    status_events: pd.DataFrame,
    tax: TaxVersion,
    rules: CoretaxRules,
    year: str,
    masa: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The A2 amounts per employee whose tax year closed, and the employees left off (nip,
    reason). An A2 belongs to the masa of its last month: December, or the month a leaver's
    year closed (the row that closes it: ``closing_rows``).

    Args:
        lines: the TER lines of the year's months up to the last one held (TAX_LINE_COLUMNS).
        payroll: valid payroll rows (any month).
        status_events: valid status events (a mutasi keluar in the year: WorkForSecondEmployer).
        tax: the tax profile version of the last month.
        rules: the profile's ``tpp.coretax``.
        year: 'YYYY'.
        masa: 'YYYY-MM': only the A2s of that masa (employees whose year closed in it), those
            still employed after it are not listed; None: every employee of the year, one whose
            last month held did not close the year left off with the reason.

    Returns:
        (nip, first_month, last_month, number_of_months, ptkp_status, status_of_withholding,
        work_for_second_employer, the ``A2_AMOUNTS``, bruto_year, pph_year), and (nip, reason).
    """
    ter = lines[lines[c.PPH21_MODE].astype("string").isin(TER_MODES)]
    ter = ter.sort_values([c.NIP, c.MONTH], kind="stable").reset_index(drop=True)
    last_rows = ter.drop_duplicates(c.NIP, keep="last")
    closes = pd.Series(closing_rows(last_rows).to_numpy(), index=last_rows[c.NIP].to_numpy())
    without_ter = lines[~lines[c.NIP].isin(ter[c.NIP])]
    if masa is not None:  # only the employees whose year closed in this masa
        ending = last_rows[c.MONTH].astype("string").eq(masa).to_numpy() & closes.to_numpy()
        ter = ter[ter[c.NIP].isin(last_rows[c.NIP][ending])].reset_index(drop=True)
        in_masa = without_ter[c.MONTH].astype("string").eq(masa) & masa.endswith("-12")
        without_ter = without_ter[in_masa]
    left = without_ter.drop_duplicates(c.NIP)
    left_off = [
        (n, f"no TER month in {year} (PPh 21 mode {m}): no A2 from this pipeline")
        for n, m in zip(left[c.NIP], left[c.PPH21_MODE], strict=True)
    ]
    if ter.empty:
        return pd.DataFrame(), pd.DataFrame(left_off, columns=[c.NIP, REASON])
    g = ter.groupby(c.NIP, sort=True)
    first = g[c.MONTH].min().astype("string")
    last = g[c.MONTH].max().astype("string")
    summary = year_end(ter[HISTORY_COLUMNS], tax, last).set_index(c.NIP)
    out = pd.DataFrame(index=summary.index)
    out["first_month"] = first
    out["last_month"] = last
    start = first.str.slice(5, 7).astype(int)
    end = last.str.slice(5, 7).astype(int)
    out["number_of_months"] = end - start + 1
    out[c.PTKP_STATUS] = summary[c.PTKP_STATUS]
    out["status_of_withholding"] = [
        FULL_YEAR if (s, e) == (1, 12) else PARTIAL_YEAR for s, e in zip(start, end, strict=True)
    ]
    ev = status_events
    movers: set[str] = set()
    if len(ev):
        moved = ev[ev[c.STATUS].astype("string").eq(MUTASI_KELUAR)]
        moved = moved[pd.to_datetime(moved[c.DATE_FROM]).dt.year.eq(int(year))]
        movers = set(moved[c.NIP].astype("string"))
    out["work_for_second_employer"] = ["Yes" if n in movers else "No" for n in out.index]

    sums, no_payroll = _payroll_sums(ter, payroll)
    sums = sums.reindex(out.index, fill_value=0)
    for line, col in PAYROLL_LINES.items():
        out[line] = sums[col].astype("int64")
    # tunjangan keluarga = istri + anak: the anak part the payroll states goes on ChildBenefit
    out["ChildBenefit"] = sums[CHILD_PART].clip(lower=0).astype("int64")
    out["ChildBenefit"] = out["ChildBenefit"].where(out["ChildBenefit"] <= out["WifeBenefit"], 0)
    out["WifeBenefit"] = out["WifeBenefit"] - out["ChildBenefit"]
    tpp = g[c.GROSS].sum().astype("int64")
    if rules.a2_thr13_on_tpp_line and c.THR13_GROSS in ter:
        tpp = tpp + g[c.THR13_GROSS].sum().fillna(0).astype("int64")
    out["IncomeImprovementBenefit"] = 0
    out["OtherRegularIncome"] = 0
    if rules.a2_tpp_line != "OtherBenefit":
        out[rules.a2_tpp_line] = tpp
    named = out[[line for line in A2_INCOME_LINES if line in out and line != "OtherBenefit"]]
    out[BRUTO_YEAR] = summary[BRUTO_YEAR].astype("int64")
    out["OtherBenefit"] = out[BRUTO_YEAR] - named.sum(axis=1).astype("int64")
    out["PensionContributionJhtThtFee"] = g[c.IURAN_PENSIUN].sum().astype("int64")
    out["Zakat"] = 0
    withheld = _int(ter, c.PPH21_GAJI) + _int(ter, c.PPH21) + _int(ter, ADJUSTMENT)
    if c.PPH21_THR13 in ter:  # the THR / gaji-13 tax of their pay months, borne or deducted
        withheld = withheld + _int(ter, c.PPH21_THR13)
    out["Article21IncomeTax"] = withheld.groupby(ter[c.NIP]).sum().astype("int64")
    out[PPH_YEAR] = summary[PPH_YEAR].astype("int64")

    missing = summary["missing_months"].astype("string").fillna("")
    # the months before the first one held are a new hire's, not missing
    gaps = [
        ", ".join(m for m in miss.split(", ") if m and m >= f) if miss else ""
        for miss, f in zip(missing, first, strict=True)
    ]
    reasons = pd.Series(pd.NA, index=out.index, dtype="string")
    reasons = reasons.mask(
        ~closes.reindex(out.index).fillna(False).astype(bool),
        "the last month held, " + out["last_month"] + ", did not close the tax year (no "
        "true-up): a leaver whose exit no status event or tmtPensiun shows, or months not "
        "computed yet",
    )  # fmt: skip
    reasons = reasons.mask(
        reasons.isna() & pd.Series([bool(x) for x in gaps], index=out.index),
        pd.Series([f"months {x} of the masa perolehan are not in the warehouse" for x in gaps],
                  index=out.index, dtype="string"),
    )  # fmt: skip
    unsettled = out["Article21IncomeTax"].ne(out[PPH_YEAR])
    reasons = reasons.mask(
        reasons.isna() & unsettled,
        "the tax year was not trued up in its last month " + out["last_month"]
        + ": what was withheld is not the year's Pasal 17 tax (close December, or the "
        "leaver's last month, first)",
    )  # fmt: skip
    no_payroll = no_payroll.reindex(out.index)
    reasons = reasons.mask(
        reasons.isna() & no_payroll.notna(),
        "no payroll row in the inbox for " + no_payroll.fillna("")
        + ", whose gaji is in the TER base: the A2 salary lines cannot be split (put the "
        "payroll files back)",
    )  # fmt: skip
    reasons = reasons.mask(
        reasons.isna() & out["OtherBenefit"].lt(0),
        "the payroll components exceed the TER base: the payroll changed after the months "
        "were computed (recompute the year)",
    )
    bad = reasons.notna()
    left_off += list(zip(out.index[bad], reasons[bad], strict=True))
    rows = out[~bad].rename_axis(c.NIP).reset_index()
    gone = pd.DataFrame(left_off, columns=[c.NIP, REASON]).sort_values(c.NIP, kind="stable")
    return rows, gone.reset_index(drop=True)
