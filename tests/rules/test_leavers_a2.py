"""The 1721-A2 for everyone (issue 21): leavers are trued up in their last paid month with a
PartialYear masa perolehan, a new hire's months before the TMT are never missing, biaya jabatan
of a part year is capped per month, and the yearly summary written at the December close is
closed. Hand-made rows, every rupiah by hand (domain note year-end §4.3 for the retiree)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from resources.rulebook import load_tax_profile
from rules.tax.year_end import year_end
from rules.tpp.pph21 import HISTORY_COLUMNS, year_end_kinds, yearly_summary
from vocabulary import columns as c

TAX_PROFILE = load_tax_profile()
TAX = TAX_PROFILE.version_for(dt.date(2024, 1, 1))
RETIREE = "196607171990031001"  # BUP in July 2024: tmtPensiun 2024-08-01, A2 masa 1-7
DIED = "198001012005012002"  # meninggal 15 May 2024 (status event berhenti from 16 May)
HIRED = "199810012024101003"  # CPNS, TMT 1 October 2024
STAYED = "197501012000031004"  # a whole year, closed in December
MOVED = "198501012010011005"  # mutasi keluar from 1 September: last paid month August


def _months(nip: str, months: range, **values) -> pd.DataFrame:
    rows = []
    for m in months:
        row = {col: 0 for col in HISTORY_COLUMNS}
        row.update(
            {
                c.NIP: nip,
                c.MONTH: f"2024-{m:02d}",
                c.PPH21_MODE: "ter_combined",
                c.NPWP_MULTIPLIER: "1.0",
                c.TAX_YEAR_END: pd.NA,
                c.PTKP_SOURCE: "payroll",
            }
        )
        row.update(values)
        rows.append(row)
    return pd.DataFrame(rows)


# the retiree of the domain note §4.3: K/1, monthly gross 11,347,260 at TER B 2.5 % = 283,682
# (here 100,000 on gaji + 183,682 on TPP), iuran 4.75 % x 4,480,000 = 212,800 a month
RETIREE_ROWS = _months(
    RETIREE,
    range(1, 8),
    **{
        c.PTKP_STATUS: "K/1",
        c.PPH21_BASE: 11_347_260,
        c.IURAN_PENSIUN: 212_800,
        c.PPH21_GAJI: 100_000,
        c.PPH21: 183_682,
    },
)
# TK/0 PPPK (no iuran), 8,000,000 a month, 160,000 withheld a month (60,000 + 100,000)
DIED_ROWS = _months(
    DIED,
    range(1, 6),
    **{c.PTKP_STATUS: "TK/0", c.PPH21_BASE: 8_000_000, c.PPH21_GAJI: 60_000, c.PPH21: 100_000},
)
# a CPNS from October: 12,000,000 a month, 240,000 withheld on TPP a month
HIRED_ROWS = _months(
    HIRED, range(10, 13), **{c.PTKP_STATUS: "TK/0", c.PPH21_BASE: 12_000_000, c.PPH21: 240_000}
)


def test_the_retiree_is_trued_up_in_july_with_a_partial_year():
    """Bruto 7 x 11,347,260 = 79,430,820; biaya jabatan min(5 % = 3,971,541; 500,000 x 7) =
    3,500,000; iuran 1,489,600; neto 74,441,220; PTKP K/1 63,000,000; PKP 11,441,000; Pasal 17
    5 % = 572,050. Withheld 7 x 283,682 = 1,985,774 (July's TER line included): adjustment
    -1,413,724; July withholds 183,682 - 1,413,724 = -1,230,042 on TPP (a refund)."""
    a2 = year_end(RETIREE_ROWS, TAX, pd.Series({RETIREE: "2024-07"})).iloc[0]
    assert (a2["bruto_year"], a2["biaya_jabatan"], a2[c.IURAN_PENSIUN]) == (
        79_430_820, 3_500_000, 1_489_600,
    )  # fmt: skip
    assert (a2["neto_year"], a2["ptkp"], a2["pkp"], a2["pph_year"]) == (
        74_441_220, 63_000_000, 11_441_000, 572_050,
    )  # fmt: skip
    assert (a2["withheld_gaji"], a2[c.PPH21_DECEMBER_ADJUSTMENT], a2["last_month_pph"]) == (
        700_000, -1_413_724, -1_230_042,
    )  # fmt: skip
    assert (a2["first_month"], a2["last_month"], a2["number_of_months"]) == (
        "2024-01", "2024-07", 7,
    )  # fmt: skip
    assert a2["closed"] and a2["status_of_withholding"] == "PartialYear"
    assert a2["missing_months"] == "" and a2[c.PTKP_SOURCE] == "payroll"


def test_the_death_in_may_is_a_refund_in_may():
    """Bruto 5 x 8,000,000 = 40,000,000; biaya jabatan min(2,000,000; 2,500,000) = 2,000,000;
    neto 38,000,000 < PTKP 54,000,000: PKP 0, tax 0. Withheld 5 x 160,000 = 800,000: adjustment
    -800,000, May withholds 100,000 - 800,000 = -700,000."""
    kinds = pd.Series({DIED: "berhenti"})
    a2 = year_end(DIED_ROWS, TAX, pd.Series({DIED: "2024-05"}), None, kinds).iloc[0]
    assert (a2["bruto_year"], a2["biaya_jabatan"], a2["neto_year"], a2["pph_year"]) == (
        40_000_000, 2_000_000, 38_000_000, 0,
    )  # fmt: skip
    assert (a2[c.PPH21_DECEMBER_ADJUSTMENT], a2["last_month_pph"]) == (-800_000, -700_000)
    assert (a2["number_of_months"], a2["status_of_withholding"], a2[c.TAX_YEAR_END]) == (
        5, "PartialYear", "berhenti",
    )  # fmt: skip


def test_a_new_hire_has_no_missing_months_and_a_part_year_cap():
    """Bruto 3 x 12,000,000 = 36,000,000; 5 % = 1,800,000 capped at 500,000 x 3 = 1,500,000;
    neto 34,500,000 < PTKP: tax 0; withheld 720,000 is refunded in December."""
    a2 = year_end(
        HIRED_ROWS, TAX, pd.Series({HIRED: "2024-12"}), pd.Series({HIRED: "2024-10"})
    ).iloc[0]
    assert a2["missing_months"] == ""  # not "closed without the months 2024-01 ... 09"
    assert (a2["first_month"], a2["number_of_months"], a2["biaya_jabatan"]) == (
        "2024-10", 3, 1_500_000,
    )  # fmt: skip
    assert (a2[c.PPH21_DECEMBER_ADJUSTMENT], a2["status_of_withholding"]) == (
        -720_000, "PartialYear",
    )  # fmt: skip
    without = year_end(HIRED_ROWS, TAX, pd.Series({HIRED: "2024-12"})).iloc[0]
    assert without["missing_months"].startswith("2024-01, 2024-02")  # what issue 21 saw


def test_which_month_closes_whose_year():
    nips = pd.Series([RETIREE, DIED, HIRED, STAYED, MOVED])
    active_to = pd.Series(
        [pd.Timestamp("2024-07-31"), pd.NaT, pd.NaT, pd.NaT, pd.NaT], dtype="datetime64[s]"
    )  # tmtPensiun 2024-08-01 in the master
    events = pd.DataFrame(
        {
            c.NIP: [DIED, MOVED],
            c.STATUS: ["berhenti", "mutasi_keluar"],
            c.DATE_FROM: pd.to_datetime(["2024-05-16", "2024-09-01"]),
            c.DATE_TO: pd.NaT,
        }
    )
    got = {
        month: year_end_kinds(nips, events, month, active_to).fillna("-").tolist()
        for month in ("2024-05", "2024-07", "2024-08", "2024-09", "2024-12")
    }
    na = "-"
    assert got == {
        "2024-05": [na, "berhenti", na, na, na],
        "2024-07": ["pensiun", na, na, na, na],
        "2024-08": [na, na, na, na, "mutasi_keluar"],  # the last paid month, not September
        "2024-09": [na, na, na, na, na],
        "2024-12": [na, na, "december", "december", na],  # the leavers' years closed before
    }


def test_the_summary_written_at_the_december_close_is_closed_for_everyone():
    """yearly_summary reads the stored rows: the month whose tax_year_end is set is the A2's
    last month (issue 21 found closed=False and no last month for all 60 employees)."""
    stayed = _months(
        STAYED,
        range(1, 13),
        **{c.PTKP_STATUS: "TK/0", c.PPH21_BASE: 5_000_000, c.PPH21: 25_000},
    )
    stayed.loc[stayed[c.MONTH] == "2024-12", c.TAX_YEAR_END] = "december"
    retiree = RETIREE_ROWS.copy()
    retiree.loc[retiree[c.MONTH] == "2024-07", c.TAX_YEAR_END] = "pensiun"
    retiree.loc[retiree[c.MONTH] == "2024-07", c.PPH21_DECEMBER_ADJUSTMENT] = -1_413_724
    hired = HIRED_ROWS.copy()
    hired.loc[hired[c.MONTH] == "2024-12", c.TAX_YEAR_END] = "december"
    rows = pd.concat([stayed, retiree, hired], ignore_index=True)
    employees = pd.DataFrame(
        {
            c.NIP: [STAYED, RETIREE, HIRED],
            c.ACTIVE_FROM: pd.to_datetime(["2000-03-01", "1990-03-01", "2024-10-01"]),
        }
    )
    summary = yearly_summary(rows, TAX_PROFILE, "2024-12", employees).set_index(c.NIP)
    assert summary["closed"].tolist() == [True, True, True]
    assert summary["last_month"].to_dict() == {
        HIRED: "2024-12", RETIREE: "2024-07", STAYED: "2024-12",
    }  # fmt: skip
    assert summary["status_of_withholding"].to_dict() == {
        HIRED: "PartialYear", RETIREE: "PartialYear", STAYED: "FullYear",
    }  # fmt: skip
    assert summary.loc[RETIREE, c.PPH21_DECEMBER_ADJUSTMENT] == -1_413_724  # as stored
    assert summary.loc[HIRED, "missing_months"] == "" and summary.loc[STAYED, "tax_year_end"] == (
        "december"
    )
    # STAYED: bruto 60,000,000, biaya jabatan 3,000,000, neto 57,000,000 - 54,000,000 = PKP
    # 3,000,000 -> 150,000; withheld 300,000: adjustment -150,000
    assert (summary.loc[STAYED, "pph_year"], summary.loc[STAYED, "pph21_december_adjustment"]) == (
        150_000, -150_000,
    )  # fmt: skip


def test_the_summary_of_a_month_nobody_closed_reads_warehouse_dtypes():
    """Rows as the warehouse read model returns them (string columns, no tax_year_end set):
    the summary is open for everyone (January of a generated year failed on this)."""
    rows = RETIREE_ROWS[RETIREE_ROWS[c.MONTH] == "2024-01"].copy()
    for col in (c.NIP, c.MONTH, c.PPH21_MODE, c.PTKP_STATUS, c.TAX_YEAR_END, c.PTKP_SOURCE):
        rows[col] = rows[col].astype("string")
    summary = yearly_summary(rows, TAX_PROFILE, "2024-01")
    assert summary["closed"].tolist() == [False] and summary["last_month"].isna().all()
    assert summary["status_of_withholding"].tolist() == [""]
