"""THR and gaji-13 TPP (issue 21): who gets it and how much from the reference month, its TER
month, the tax with it minus without it, borne or deducted, and the year's true-up counting it.
Hand-made rows, every rupiah by hand (TER B of PP 58/2023 from rules/tax/pph21.yaml)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from resources.rulebook import load_profile, load_tax_profile
from rules.tax.year_end import year_end
from rules.tpp.pph21 import HISTORY_COLUMNS, pph21_columns
from rules.tpp.thr13 import payments_due, per_employee, thr13_payments, with_tax
from vocabulary import columns as c

PROFILE = load_profile("nasional").version_for(dt.date(2024, 4, 1)).tpp
RULE_2024 = PROFILE.thr_13.years[2024]
TAX = load_tax_profile().version_for(dt.date(2024, 4, 1))
A = "198501012010011001"  # PNS K/1, TPP paid for March 5,000,000
B = "199001012020122002"  # PPPK, tax not borne in the variant below
CLTN = "198601012010011003"  # on CLTN in March: excluded
HIRED = "199801012024041004"  # joined in April: not on the reference payroll
GONE = "196401011990031005"  # retired end of March: not in service in April
CPNS = "200001012024031006"  # CPNS (factor 0.8) in May: gaji-13 on the basic TPP


def _reference(month: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.NIP: [A, B, CLTN, GONE, CPNS],
            c.UNIT_INDUK: "Dinas Kesehatan",
            c.EMPLOYEE_KIND: ["pns", "pppk", "pns", "pns", "pns"],
            c.GROSS: [5_000_000, 3_000_000, 2_000_000, 4_000_000, 2_500_000],
            c.CEILING: [6_000_000, 3_500_000, 4_000_000, 5_000_000, 5_000_000],
            c.CPNS_FACTOR: ["1.000000", "1.000000", "1.000000", "1.000000", "0.800000"],
        }
    )


EVENTS = pd.DataFrame(
    {
        c.NIP: [CLTN],
        c.STATUS: ["cltn"],
        c.DATE_FROM: pd.to_datetime(["2024-02-15"]),
        c.DATE_TO: pd.to_datetime(["2024-06-30"]),
    }
)


def test_the_2024_rule_pays_thr_in_april_on_march_and_gaji13_in_june_on_may():
    assert [(k, ref) for k, ref, _ in payments_due(PROFILE.thr_13, "2024-04")] == [
        ("thr", "2024-03")
    ]
    assert [(k, ref) for k, ref, _ in payments_due(PROFILE.thr_13, "2024-06")] == [
        ("gaji13", "2024-05")
    ]
    assert payments_due(PROFILE.thr_13, "2024-05") == []
    assert [(k, ref) for k, ref, _ in payments_due(PROFILE.thr_13, "2025-03")] == [
        ("thr", "2025-02")  # PP 11/2025: February's pay, paid in March
    ]
    assert payments_due(PROFILE.thr_13, "2022-04") == []  # no rule for 2022: none modelled


def test_who_gets_thr_and_how_much():
    """100 % of the TPP paid for March (cuts included); CLTN in March excluded; the April hire
    was not on March's payroll; the retiree is not in service in April."""
    paid_in_april = pd.Series([A, B, CLTN, HIRED, CPNS])
    thr = thr13_payments(
        _reference("2024-03"), paid_in_april, EVENTS, "thr", "2024-03", "2024-04", RULE_2024
    )
    assert thr[[c.NIP, c.TPP_AMOUNT]].values.tolist() == [
        [A, 5_000_000], [B, 3_000_000], [CPNS, 2_500_000],
    ]  # fmt: skip
    assert thr[c.NOTES].iloc[0] == "100% of the TPP paid for 2024-03"
    basic = RULE_2024.model_copy(update={"apply_reference_month_cuts": False, "tpp_share_pct": 50})
    g13 = thr13_payments(
        _reference("2024-05"), paid_in_april, EVENTS, "gaji13", "2024-05", "2024-06", basic
    )
    # 50 % of the basic TPP: A 6,000,000 -> 3,000,000; CPNS 5,000,000 x 0.8 -> 2,000,000
    assert dict(zip(g13[c.NIP], g13[c.TPP_AMOUNT], strict=True)) == {
        A: 3_000_000, B: 1_750_000, CPNS: 2_000_000,
    }  # fmt: skip


def _april_rows() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rows = pd.DataFrame(
        {
            c.NIP: [A, B],
            c.EMPLOYEE_KIND: ["pns", "pppk"],
            c.GOLONGAN: ["III/c", "IX"],
            c.GROSS: [4_600_000, 4_600_000],
            c.BPJS_EMPLOYER: [184_000, 184_000],
            c.BPJS_EMPLOYEE: [46_000, 46_000],
        }
    )
    payroll = pd.DataFrame(
        {c.NIP: [A, B], c.MONTH: "2024-04", c.GAJI_POKOK: [3_500_000, 3_500_000]}
    )
    ptkp = pd.DataFrame(
        {
            c.NIP: [A, B],
            c.PTKP_STATUS: ["K/1", "K/1"],
            c.VALID_FROM: pd.to_datetime(["2020-01-01", "2020-01-01"]),
            c.NPWP_STATUS: ["valid", "valid"],
        }
    )
    return rows, payroll, ptkp


def test_thr_enters_the_april_ter_line_and_its_tax_is_with_minus_without():
    """K/1 (TER B). Gaji 3,500,000 + BPJS 4 % 140,000 + JKK 8,400 + JKM 25,200 = 3,673,600
    (B 0 %). Without THR: 3,673,600 + TPP 4,600,000 + BPJS 4 % on TPP 184,000 = 8,457,600 at
    B 1 % = 84,576 on TPP. With THR 5,000,000: 13,457,600 at B 4 % = 538,304: the THR's tax is
    538,304 - 84,576 = 453,728. PNS: borne (net 5,000,000); PPPK not borne here: net 4,546,272.
    """
    rows, payroll, ptkp = _april_rows()
    thr = thr13_payments(
        _reference("2024-03"), rows[c.NIP], EVENTS, "thr", "2024-03", "2024-04",
        RULE_2024.model_copy(update={"pph_borne_by_government": {"pns": True, "pppk": False}}),
    )  # fmt: skip
    empty = pd.DataFrame(columns=[c.NIP, c.STATUS, c.DATE_FROM, c.DATE_TO])
    out = pph21_columns(
        rows, payroll, ptkp, empty, pd.DataFrame(), PROFILE.pph21, TAX, "2024-04",
        thr13=per_employee(thr),
    )  # fmt: skip
    a = out.iloc[0]
    assert (a[c.GAJI_BRUTO], a[c.PPH21_BASE], a[c.TER_RATE_PCT]) == (
        3_673_600,
        13_457_600,
        "4.0000",
    )
    assert (a[c.PPH21_GAJI], a[c.PPH21], a[c.THR13_GROSS], a[c.PPH21_THR13]) == (
        0, 84_576, 5_000_000, 453_728,
    )  # fmt: skip
    assert a[c.NET] == 4_600_000 - 46_000 - 84_576  # the monthly TPP is paid as before
    # B (PPPK): THR 3,000,000 -> 11,457,600 at B 2.5 % = 286,440 -> 286,440 - 84,576 = 201,864
    assert (out.iloc[1][c.PPH21_BASE], out.iloc[1][c.PPH21_THR13]) == (11_457_600, 201_864)
    fact = with_tax(thr, out.assign(**{c.NIP: rows[c.NIP]})).set_index(c.NIP)
    assert fact.loc[A, [c.PPH21, c.PPH21_BORNE_BY_GOVERNMENT, c.NET]].tolist() == [
        453_728, 453_728, 5_000_000,
    ]  # fmt: skip
    assert fact.loc[B, [c.PPH21, c.PPH21_BORNE_BY_GOVERNMENT, c.NET]].tolist() == [
        201_864, 0, 2_798_136,
    ]  # fmt: skip
    assert fact.loc[A, [c.YEAR, c.KIND, c.REFERENCE_MONTH, c.PAY_MONTH]].tolist() == [
        2024, "thr", "2024-03", "2024-04",
    ]  # fmt: skip


def test_the_true_up_counts_thr_and_its_tax():
    """A's April row with THR and its tax held, December closes: bruto counts the 5,000,000 and
    the withheld counts 453,728 (borne or not, it was paid to the state)."""
    row = {col: 0 for col in HISTORY_COLUMNS}
    row.update(
        {
            c.NIP: A, c.MONTH: "2024-04", c.PPH21_MODE: "ter_combined", c.PTKP_STATUS: "K/1",
            c.NPWP_MULTIPLIER: "1.0", c.PPH21_BASE: 13_457_600, c.PPH21: 84_576,
            c.THR13_GROSS: 5_000_000, c.PPH21_THR13: 453_728, c.TAX_YEAR_END: pd.NA,
            c.PTKP_SOURCE: "reference",
        }
    )  # fmt: skip
    a2 = year_end(pd.DataFrame([row]), TAX, pd.Series({A: "2024-04"})).iloc[0]
    assert a2["bruto_year"] == 13_457_600 and a2["withheld_tpp"] - a2[
        c.PPH21_DECEMBER_ADJUSTMENT
    ] == (84_576 + 453_728)


def test_the_finance_csv_is_reconciled_per_unit():
    from formats.finance import TotalsDoNotReconcile, thr13_csv

    rows, payroll, ptkp = _april_rows()
    thr = thr13_payments(
        _reference("2024-03"), rows[c.NIP], EVENTS, "thr", "2024-03", "2024-04", RULE_2024
    )
    empty = pd.DataFrame(columns=[c.NIP, c.STATUS, c.DATE_FROM, c.DATE_TO])
    out = pph21_columns(
        rows, payroll, ptkp, empty, pd.DataFrame(), PROFILE.pph21, TAX, "2024-04",
        thr13=per_employee(thr),
    )  # fmt: skip
    fact = with_tax(thr, out.assign(**{c.NIP: rows[c.NIP]}))
    text = thr13_csv(fact, "2024-04").decode()
    assert text.splitlines()[0] == (
        "nip,year,kind,reference_month,pay_month,unit_induk,tpp_amount,pph21,"
        "pph21_borne_by_government,net,notes"
    )
    assert f"{A},2024,thr,2024-03,2024-04,Dinas Kesehatan,5000000,453728,453728,5000000," in text
    broken = fact.assign(**{c.NET: fact[c.NET] + 1})
    try:
        thr13_csv(broken, "2024-04")
    except TotalsDoNotReconcile as exc:
        assert "THR/gaji-13 2024-04 Dinas Kesehatan" in str(exc)
    else:
        raise AssertionError("a THR file that does not add up was written")
