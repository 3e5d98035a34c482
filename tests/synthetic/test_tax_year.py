"""A generated pemda's 2024 closes month by month: the generator's PTKP and payroll files read
by the real readers and rules, each month's TPP computed with the months before it as history
(what the warehouse would hand over), December trues the year up, and the yearly summary equals
the sum of its months. Attendance and predikat are left out (no deductions, kinerja part at the
not-assessed percentage): this test is about the tax, not the TPP steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from ingest.kinds import Context
from ingest.reference import read_kind, read_source
from resources.rulebook import load_profile, load_tax_profile
from rules.tax.year_end import PPH_YEAR
from rules.tpp.compute import compute_month
from rules.tpp.contract import contract_failures
from rules.tpp.pph21 import HISTORY_COLUMNS, yearly_summary
from rules.tpp.thr13 import month_payments, with_tax
from synthetic.generator import generate
from vocabulary import columns as c

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict]:
    out: Path = tmp_path_factory.mktemp("inbox-2024")
    profile = load_profile("nasional")
    generate(out, 60, "2024-01", 12, seed=11, profile=profile)
    employees = read_kind("employees", out, Context(profile))
    ctx = Context(profile, employees.valid[c.NIP])
    payroll = read_kind("payroll", out, ctx)
    reference = read_source("tpp_reference", out, ctx)
    tax = load_tax_profile()
    held: list[pd.DataFrame] = []
    rules = profile.version_for(dt.date(2024, 1, 1)).tpp.thr_13
    payments: list[pd.DataFrame] = []
    for month in MONTHS:
        history = pd.concat(held, ignore_index=True)[HISTORY_COLUMNS] if held else None
        # THR (April, on March) and gaji-13 (June, on May): the reference month as held
        refs = {f"2024-{k:02d}": held[k - 1] for k in range(1, len(held) + 1)}
        events = reference["status_events"].valid
        thr13 = month_payments(rules, month, refs, employees.valid, events)
        rows = compute_month(
            employees.valid,
            pd.DataFrame(columns=[c.NIP, "deduction_units", c.TK_DAYS]),
            pd.DataFrame(columns=[c.NIP, c.WORK_DATE, c.ABSENCE_CODE, "deduction_units"]),
            pd.DataFrame(columns=[c.NIP, c.PREDIKAT]),
            payroll.valid,
            reference["disciplinary_sanctions"].valid,
            reference["status_events"].valid,
            pd.DataFrame(),
            profile,
            month,
            tax=tax,
            ptkp=reference["ptkp"].valid,
            history=history,
            thr13=thr13,
        )
        assert not contract_failures(rows), (month, contract_failures(rows))
        held.append(rows)
        payments.append(with_tax(thr13, rows))
    return pd.concat(held, ignore_index=True), {
        "ptkp": reference["ptkp"],
        "tax": tax,
        "thr13": pd.concat(payments, ignore_index=True),
    }


def test_thr_and_gaji13_enter_their_ter_months(year):
    """Issue 21: THR TPP is paid in April on March's TPP, gaji-13 in June on May's; each
    enters its month's TER line (its tax: with minus without), borne by the government for
    PNS, and the months' rows agree with the payments to the rupiah."""
    months, inputs = year
    fact = inputs["thr13"]
    assert set(zip(fact[c.KIND], fact[c.REFERENCE_MONTH], fact[c.PAY_MONTH], strict=True)) == {
        ("thr", "2024-03", "2024-04"), ("gaji13", "2024-05", "2024-06"),
    }  # fmt: skip
    march = months[months[c.MONTH] == "2024-03"].set_index(c.NIP)
    thr = fact[fact[c.KIND] == "thr"].set_index(c.NIP)
    assert (thr[c.TPP_AMOUNT] == march.loc[thr.index, c.GROSS]).all()  # 100 % of March's TPP
    assert len(thr) > 40 and (thr[c.PPH21] > 0).any()
    by_month = months[months[c.THR13_GROSS] > 0].groupby(c.MONTH)[[c.THR13_GROSS, c.PPH21_THR13]]
    sums = by_month.sum()
    assert list(sums.index) == ["2024-04", "2024-06"]
    paid = fact.groupby(c.PAY_MONTH)[[c.TPP_AMOUNT, c.PPH21]].sum()
    assert sums[c.THR13_GROSS].tolist() == paid[c.TPP_AMOUNT].tolist()
    assert sums[c.PPH21_THR13].tolist() == paid[c.PPH21].tolist()
    borne = fact[fact[c.PPH21_BORNE_BY_GOVERNMENT] > 0]
    assert (borne[c.NET] == borne[c.TPP_AMOUNT]).all()


def test_ptkp_file_is_a_realistic_mix_with_some_missing(year):
    months, inputs = year
    ptkp = inputs["ptkp"]
    assert set(ptkp.valid[c.PTKP_STATUS]) >= {"TK/0", "K/0", "K/1", "K/2"}
    assert ptkp.quarantine.reason.tolist() == ["NIP not in the employee master (SIASN data-utama)"]
    statuses = months[months[c.MONTH] == "2024-06"][c.PTKP_STATUS]
    assert statuses.nunique() >= 4
    # without a ptkp.csv row the payroll's family data gives the status (issue 21)
    june = months[months[c.MONTH] == "2024-06"]
    assert {"reference", "payroll"} <= set(june[c.PTKP_SOURCE])
    family = june[june[c.PTKP_SOURCE] == "payroll"]
    assert family[c.NOTES].str.contains("from the payroll's family data", regex=False).all()
    assert (months[c.NPWP_MULTIPLIER] == "1.2").any()


def test_the_year_closes_in_december_and_the_summary_equals_the_months(year):
    months, inputs = year
    assert (months[months[c.MONTH] < "2024-12"][c.PPH21] > 0).any()
    dec = months[months[c.MONTH] == "2024-12"]
    # everybody still paid in December is trued up; some pay more, some are refunded
    closing = dec[dec[c.NOTES].str.contains("tax year closed", regex=False, na=False)]
    # but the leavers: their year closed in their last paid month (issue 21)
    gone = dec[dec[c.NOTES].str.contains("left the service before the month", na=False)]
    assert len(closing) == len(dec) - len(gone) > 0 and len(gone) >= 2
    leavers = months[months[c.TAX_YEAR_END].isin(["pensiun", "berhenti", "mutasi_keluar"])]
    assert {"berhenti", "mutasi_keluar"} <= set(leavers[c.TAX_YEAR_END])
    pairs = set(zip(leavers[c.TAX_YEAR_END], leavers[c.MONTH], strict=True))
    assert {("berhenti", "2024-05"), ("mutasi_keluar", "2024-08")} <= pairs
    assert (closing[c.PPH21_DECEMBER_ADJUSTMENT] > 0).any()
    adjusted = months[months[c.PPH21_DECEMBER_ADJUSTMENT] != 0]
    assert set(adjusted[c.MONTH]) <= {"2024-12"} | set(
        months[months[c.NOTES].str.contains("tax year closed", na=False)][c.MONTH]
    )
    summary = yearly_summary(months, inputs["tax"], "2024-12").set_index(c.NIP)
    sums = months.groupby(c.NIP)[
        [c.GAJI_BRUTO, c.GROSS, c.BPJS_EMPLOYER, c.IURAN_PENSIUN, c.TUNJANGAN_PPH]
    ].sum()
    pd.testing.assert_frame_equal(
        summary[sums.columns].astype("int64"), sums.astype("int64"), check_names=False
    )
    withheld = months.groupby(c.NIP)[
        [c.PPH21_GAJI, c.PPH21, c.PPH21_DECEMBER_ADJUSTMENT, c.PPH21_THR13]
    ].sum()
    assert (summary["withheld_gaji"] == withheld[c.PPH21_GAJI]).all()
    assert (
        summary["withheld_tpp"]
        == withheld[c.PPH21] + withheld[c.PPH21_DECEMBER_ADJUSTMENT] + withheld[c.PPH21_THR13]
    ).all()
    closed = summary[summary["closed"] | summary.index.isin(closing[c.NIP])]
    settled = closed["withheld_gaji"] + closed["withheld_tpp"]
    assert (settled == closed[PPH_YEAR]).all()  # each closed year is settled to the rupiah
    net = months[c.GROSS] - months[c.BPJS_EMPLOYEE] - months[c.PPH21]
    net = net - months[c.PPH21_DECEMBER_ADJUSTMENT] + months[c.TUNJANGAN_PPH]
    assert (net == months[c.NET]).all()


def test_the_cpns_who_joined_in_october_has_no_missing_months(year):
    """Issue 21: the generator's PNS starter of the year joins on 1 October as a CPNS; December
    closes the year without listing January to September as missing."""
    months, _ = year
    first = months.groupby(c.NIP)[c.MONTH].min()
    joined = first[first == "2024-10"].index
    assert len(joined) >= 1
    dec = months[(months[c.MONTH] == "2024-12") & months[c.NIP].isin(joined)]
    assert len(dec) == len(joined)
    assert dec[c.NOTES].str.contains("tax year closed: Pasal 17 true-up", regex=False).all()
    assert not dec[c.NOTES].str.contains("without the months", regex=False).any()
