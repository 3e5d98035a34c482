"""Which A2 line each amount goes on (issue 21; year-end.md §2.3): tunjangan keluarga split into
WifeBenefit and ChildBenefit by the payroll's tjanak, and the THR TPP on the TPP line (the A2 has
no THR line), the income lines still adding up to the year's TER base and the PPh settled. Five
employees of tests/rules/test_tpp_pph21.py computed January..December, one of them paid a THR
TPP of 5,000,000 in April."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from formats.payroll import read_payroll
from resources.rulebook import load_profile
from rules.tpp.compute import compute_month
from rules.tpp.coretax import a2_lines
from rules.tpp.pph21 import HISTORY_COLUMNS
from tests.rules.test_tpp import NO_DAILY, discipline, events, predikat, sanctions
from tests.rules.test_tpp_pph21 import PEOPLE, TAX, _employees, _payroll, _profile, _ptkp
from vocabulary import columns as c
from vocabulary import tax as vt

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
NIPS = [p[0] for p in PEOPLE]
A = NIPS[0]  # PNS IV/a K/2: gaji pokok 5,200,000, tunjangan keluarga 720,000
THR = 5_000_000
CORETAX = load_profile("nasional").versions[-1].tpp.coretax


def _payroll_with_children() -> pd.DataFrame:
    # A's tunjangan keluarga 720,000 = istri 10 % x 5,200,000 = 520,000 + anak 200,000
    pay = _payroll(MONTHS)
    pay[c.TUNJANGAN_ANAK] = (pay[c.NIP] == A).map({True: 200_000, False: 0}).astype("int64")
    return pay


@pytest.fixture(scope="module")
def months() -> pd.DataFrame:
    held: list[pd.DataFrame] = []
    for month in MONTHS:
        history = pd.concat(held, ignore_index=True)[HISTORY_COLUMNS] if held else None
        thr = pd.DataFrame({c.NIP: [A], c.TPP_AMOUNT: [THR]}) if month == "2024-04" else None
        rows = compute_month(
            _employees(),
            discipline(dict.fromkeys(NIPS, 0)),
            NO_DAILY,
            predikat(dict.fromkeys(NIPS, "baik")),
            _payroll([month]),
            sanctions(),
            events(),
            pd.DataFrame(),
            _profile("ter_combined"),
            month,
            tax=TAX,
            ptkp=_ptkp(),
            history=history,
            thr13=thr,
        )
        held.append(rows.reset_index())
    return pd.concat(held, ignore_index=True)


def _a2(months: pd.DataFrame, coretax) -> pd.DataFrame:
    tax = TAX.version_for(dt.date(2024, 12, 1))
    rows, left = a2_lines(months, _payroll_with_children(), events(), tax, coretax, "2024")
    assert left.empty, left.values.tolist()
    return rows.set_index(c.NIP)


def test_tunjangan_keluarga_is_split_into_wife_and_child_benefit(months):
    a2 = _a2(months, CORETAX)
    assert (a2.loc[A, "WifeBenefit"], a2.loc[A, "ChildBenefit"]) == (12 * 520_000, 12 * 200_000)
    # no tjanak stated: tunjangan keluarga stays on WifeBenefit (K/3, 290,000 a month)
    assert (a2.loc[NIPS[2], "WifeBenefit"], a2.loc[NIPS[2], "ChildBenefit"]) == (12 * 290_000, 0)
    for nip, row in a2.iterrows():
        mine = months[months[c.NIP] == nip]
        assert sum(int(row[line]) for line in vt.A2_INCOME_LINES) == int(mine[c.PPH21_BASE].sum())


def test_the_thr_tpp_goes_on_the_tpp_line(months):
    april = months[(months[c.NIP] == A) & (months[c.MONTH] == "2024-04")].iloc[0]
    assert int(april[c.THR13_GROSS]) == THR and int(april[c.PPH21_THR13]) > 0
    a2 = _a2(months, CORETAX)
    mine = months[months[c.NIP] == A]
    assert a2.loc[A, "OtherRegularIncome"] == int(mine[c.GROSS].sum()) + THR
    assert a2.loc[A, "Article21IncomeTax"] == a2.loc[A, "pph_year"]  # settled, THR tax included
    # the profile's alternative: THR/13 TPP on OtherBenefit, exactly 5,000,000 moved
    other = _a2(months, CORETAX.model_copy(update={"a2_thr13_on_tpp_line": False}))
    assert other.loc[A, "OtherRegularIncome"] == int(mine[c.GROSS].sum())
    assert other.loc[A, "OtherBenefit"] - a2.loc[A, "OtherBenefit"] == THR
    assert a2.loc[NIPS[1], "OtherBenefit"] == other.loc[NIPS[1], "OtherBenefit"]  # no THR


def test_the_payroll_reader_keeps_the_anak_part_apart():
    gpp = (
        "bulan,tahun,nip,gjpokok,tjistri,tjanak,tjupns\n"
        "3,2024,198001012005011001,5200000,520000,200000,185000\n"
    )
    simgaji = (
        "TGLGAJI;NIP;GAPOK;TJISTRI;TJANAK;TJUMUM\n"
        "2024-03-01;198001012005011001;5200000.00;520000.00;104000.00;185000.00\n"
    )
    for data, file, anak in ((gpp, "gpp.csv", 200_000), (simgaji, "fgaji.csv", 104_000)):
        valid = read_payroll(data.encode(), file).rows
        assert int(valid[c.TUNJANGAN_KELUARGA].iloc[0]) == 520_000 + anak  # unchanged: the sum
        assert int(valid[c.TUNJANGAN_ANAK].iloc[0]) == anak
