"""Payroll we could not read is not zero salary (issue 21): an employee paid TPP without a
readable payroll row of the month is listed with the rejected row's file and line, blocks the
close naming the NIP and the file, and finance's decision (carry, amount) is applied and audited.
Hand-made frames, exact rupiah."""

from __future__ import annotations

import datetime as dt

import dagster as dg
import pandas as pd
import pytest

from assets.metadata import label
from assets.tpp_close import refuse_to_close
from resources.rulebook import load_profile, load_tax_profile
from rules.tpp.payroll_gaps import GAP_COLUMNS, open_payroll_gaps, payroll_gaps
from rules.tpp.pph21 import pph21_columns
from vocabulary import columns as c

MONTH = "2024-03"
A = "198501012010011001"  # row rejected (sen is read now: a negative amount)
B = "198502022010011002"  # a valid row
C = "198503032010011003"  # no row in any file, an earlier row exists
D = "198504042010011004"  # no row, TPP 0: not listed
E = "198505052010011005"  # payroll files disagree: waits for its keep decision, not listed here


NO_GAPS = pd.DataFrame(columns=[c.DECISION, c.EMPLOYEES_AFFECTED])  # no machine gap


def _tpp() -> pd.DataFrame:
    return pd.DataFrame(
        {c.NIP: [A, B, C, D, E], c.GROSS: [2_000_000, 2_000_000, 2_000_000, 0, 1_000_000]}
    )


def _payroll() -> pd.DataFrame:
    return pd.DataFrame(
        {c.NIP: [B, C], c.MONTH: [MONTH, "2024-02"], c.GAJI_POKOK: [3_000_000, 3_100_000]}
    )


def _quarantine() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.SOURCE_FILE: ["payroll/gpp_2024-03.csv", "payroll/gpp_2024-03.csv"],
            c.SOURCE_LINE: [7, 9],
            c.RAW: [f"03 | 2024 | {A} | -3100000", f"03 | 2024 | {E} | 3100000"],
            c.REASON: [
                "gjpokok '-3100000' is negative",
                f"payroll rows disagree for NIP {E} in {MONTH} (files of one layout, gpp): ...",
            ],
        }
    )


def _decisions(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                c.NIP: nip,
                c.DATE_FROM: pd.Timestamp("2024-03-01"),
                c.DATE_TO: pd.Timestamp("2024-03-31"),
                c.DECISION: decision,
                c.DECIDED_BY: "Kepala BPKAD",
                c.AMOUNT: amount,
            }
            for nip, decision, amount in rows
        ]
    ).astype({c.AMOUNT: "Int64"})


def test_listed_with_the_rejected_row_and_blocking_until_decided():
    gaps = payroll_gaps(_tpp(), _payroll(), _quarantine(), None, MONTH)
    assert list(gaps.columns) == GAP_COLUMNS
    assert gaps[[c.NIP, c.SOURCE_FILE, c.GAP_REASON]].values.tolist() == [
        [
            A,
            "payroll/gpp_2024-03.csv",
            "payroll row rejected: payroll/gpp_2024-03.csv:7 rejected (gjpokok '-3100000' is "
            "negative)",
        ],
        [C, pd.NA, "no payroll row for the month in any payroll file"],
    ]
    assert int(gaps[c.SOURCE_LINE].iloc[0]) == 7 and gaps[c.DECISION].isna().all()
    with pytest.raises(dg.Failure) as refused:
        refuse_to_close(MONTH, NO_GAPS, [], None, None, gaps)
    text = refused.value.description
    assert f"2 employee(s) paid TPP in {MONTH} without a readable payroll row" in text
    assert f"- {A} {MONTH}: payroll row rejected: payroll/gpp_2024-03.csv:7" in text
    assert f"- {C} {MONTH}: no payroll row for the month in any payroll file" in text
    assert refused.value.metadata[label("payroll_gaps")].value == 2


def test_decisions_close_the_gaps_and_carry_needs_an_earlier_row():
    decisions = _decisions((A, "carry", None), (C, "amount", 5_000_000))
    gaps = payroll_gaps(_tpp(), _payroll(), _quarantine(), decisions, MONTH)
    # A has no earlier row: carry cannot stand, the gap stays open and says why
    assert gaps[c.DECISION].isna().tolist() == [True, False]
    assert (
        gaps[c.GAP_REASON]
        .iloc[0]
        .endswith("; carry decided but no earlier payroll row of the NIP exists: still open")
    )
    assert (gaps[c.DECISION].iloc[1], int(gaps[c.AMOUNT].iloc[1])) == ("amount", 5_000_000)
    assert open_payroll_gaps(gaps)[c.NIP].tolist() == [A]
    decisions = _decisions((A, "amount", 4_000_000), (C, "carry", None))
    gaps = payroll_gaps(_tpp(), _payroll(), _quarantine(), decisions, MONTH)
    assert open_payroll_gaps(gaps).empty
    refuse_to_close(MONTH, NO_GAPS, [], None, None, gaps)  # closes


def test_an_amount_decision_is_the_months_gaji_gross_for_pph21():
    """A (TK/0, ter_combined): gaji gross 5,000,000 from finance's decision + TPP 2,000,000 +
    employer BPJS 4 % 80,000 = 7,080,000, TER A 1.25 % -> 88,500; PPh on gaji 5,000,000 at A
    0 % = 0; PPh on TPP 88,500. Without the decision the same row had no gaji (TPP alone)."""
    rows = pd.DataFrame(
        {
            c.NIP: [A],
            c.EMPLOYEE_KIND: ["pns"],
            c.GOLONGAN: ["III/a"],
            c.GROSS: [2_000_000],
            c.BPJS_EMPLOYER: [80_000],
            c.BPJS_EMPLOYEE: [20_000],
        }
    )
    rules = load_profile("nasional").version_for(dt.date(2024, 3, 1)).tpp.pph21
    tax = load_tax_profile().version_for(dt.date(2024, 3, 1))
    empty = pd.DataFrame(columns=[c.NIP, c.STATUS, c.DATE_FROM, c.DATE_TO])
    ptkp = pd.DataFrame(columns=[c.NIP, c.PTKP_STATUS, c.VALID_FROM, c.NPWP_STATUS])
    payroll = _payroll()
    decided = _decisions((A, "amount", 5_000_000))
    out = pph21_columns(rows, payroll, ptkp, empty, pd.DataFrame(), rules, tax, MONTH, decided)
    got = out.iloc[0]
    assert (got[c.GAJI_BRUTO], got[c.PPH21_BASE], got[c.TER_RATE_PCT]) == (
        5_000_000, 7_080_000, "1.2500",
    )  # fmt: skip
    assert (got[c.PPH21_GAJI], got[c.PPH21], got[c.NET]) == (0, 88_500, 1_891_500)
    assert "gaji gross Rp 5000000 from finance's amount decision" in got[c.NOTES]
    alone = pph21_columns(rows, payroll, ptkp, empty, pd.DataFrame(), rules, tax, MONTH)
    assert (alone.iloc[0][c.GAJI_BRUTO], alone.iloc[0][c.PPH21_BASE]) == (0, 2_080_000)


def test_the_run_summary_names_undecided_gaps(tmp_path):
    """The CLI summary's PAYROLL GAP lines come from the warehouse table (a real DuckDB file)."""
    import sqlalchemy as sa

    from resources.warehouse.engine import create_schema, make_engine
    from resources.warehouse.tpp import tables as tt
    from resources.warehouse.tpp.reports import _payroll_gap_lines

    engine = make_engine(f"duckdb:///{tmp_path}/w.duckdb")
    create_schema(engine)
    gaps = payroll_gaps(_tpp(), _payroll(), _quarantine(), _decisions((C, "carry", None)), MONTH)
    with engine.begin() as conn:
        conn.execute(sa.insert(tt.payroll_gap), gaps.assign(run_id="r1").to_dict("records"))
    lines = _payroll_gap_lines(engine, MONTH)
    engine.dispose()
    assert lines == [
        f"  PAYROLL GAP: 1 employee(s) paid TPP in {MONTH} without a readable payroll row; the "
        "month cannot be closed until the file is fixed or finance decides "
        "(attendance_decisions.csv, decision carry or amount):",
        f"    {A}: payroll row rejected: payroll/gpp_2024-03.csv:7 rejected (gjpokok '-3100000' "
        "is negative)",
    ]
