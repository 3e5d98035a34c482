"""The Coretax files of a generated 2024 (issue 21 "done when"): a small generated pemda's year
computed month by month with its PTKP and payroll files read by the real readers, each month
closed in a DuckDB warehouse, then every month's BPMP and the year's BPA2 exported with the
NIKs read from the generated employee master. Every file validates; every BPMP row's gross is
that month's TER base; every A2's PPh is what the months withheld plus the true-up. THR (April)
and gaji-13 (June) TPP are paid as the profile's 2024 rule says: their tax is in the A2's PPh and
their amount on its TPP line (issue 21)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from export.coretax import export_coretax
from formats import coretax as fmt
from ingest.kinds import Context
from ingest.reference import read_kind, read_source, read_tax_ids
from resources.rulebook import load_profile, load_tax_profile
from resources.warehouse.engine import create_schema, make_engine
from resources.warehouse.tpp import ledger
from rules.tpp.compute import compute_month
from rules.tpp.pph21 import HISTORY_COLUMNS
from rules.tpp.thr13 import month_payments
from synthetic.generator import generate
from vocabulary import columns as c
from vocabulary.tax import A2_INCOME_LINES

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
pytestmark = pytest.mark.slow
TIN = "0012345678901000"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root: Path = tmp_path_factory.mktemp("coretax-year")
    inbox = root / "inbox"
    profile = load_profile("nasional")
    generate(inbox, 16, "2024-01", 12, seed=11, profile=profile)
    employees = read_kind("employees", inbox, Context(profile))
    ctx = Context(profile, employees.valid[c.NIP])
    payroll = read_kind("payroll", inbox, ctx)
    reference = read_source("tpp_reference", inbox, ctx)
    tax = load_tax_profile()
    engine = make_engine(f"duckdb:///{root}/w.duckdb")
    create_schema(engine)
    held: list[pd.DataFrame] = []
    rules = profile.version_for(dt.date(2024, 1, 1)).tpp.thr_13
    for month in MONTHS:
        history = pd.concat(held, ignore_index=True)[HISTORY_COLUMNS] if held else None
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
        held.append(rows)
        ledger.close_month(engine, rows, month, f"run-{month}")
    ids = read_tax_ids(inbox)
    done = {
        period: {
            d.form: d
            for d in export_coretax(
                period,
                engine,
                "",
                employees.valid,
                ids,
                payroll.valid,
                reference["status_events"].valid,
                profile,
                tax,
                root / "out",
                (TIN, None),
            )
        }
        for period in [*MONTHS, "2024"]
    }
    engine.dispose()
    months = pd.concat(held, ignore_index=True)
    return {
        "done": done,
        "months": months,
        "nip_of": dict(zip(ids["nik"], ids[c.NIP], strict=True)),
    }


def _rows(path: Path, tag: str) -> list[dict[str, str | None]]:
    return [{el.tag: el.text for el in row} for row in ET.parse(path).getroot().iter(tag)]


def test_every_bpmp_row_is_its_months_ter_base(exported):
    months = exported["months"].set_index([c.NIP, c.MONTH])
    reported = 0
    for month in MONTHS:
        done = exported["done"][month]["bpmp"]
        in_month = int((exported["months"][c.MONTH] == month).sum())
        assert done.rows + done.left_off == in_month  # every row accounted for
        if not done.xml:
            assert month == "2024-12" and done.rows == 0
            continue
        assert fmt.validate(done.xml[0].read_bytes()) == []
        for row in _rows(done.xml[0], "MmPayroll"):
            line = months.loc[(exported["nip_of"][row["CounterpartTin"]], month)]
            assert int(row["Gross"]) == line[c.PPH21_BASE] > 0
            assert Decimal(row["Rate"]) == Decimal(line[c.TER_RATE_PCT])
            assert row["StatusTaxExemption"] == line[c.PTKP_STATUS]
            reported += 1
    assert reported > 11 * 10


def test_every_a2_pph_is_the_withheld_months_plus_the_true_up(exported):
    done = exported["done"]["2024"]["bpa2"]
    assert done.xml and all(fmt.validate(p.read_bytes()) == [] for p in done.xml)
    months = exported["months"]
    rows = [row for p in done.xml for row in _rows(p, "A2")]
    assert len(rows) == done.rows and done.rows + done.left_off == months[c.NIP].nunique()
    for row in rows:
        mine = months[months[c.NIP] == row["CounterpartNipNrp"]]
        assert exported["nip_of"][row["CounterpartTin"]] == row["CounterpartNipNrp"]
        withheld = int((mine[c.PPH21_GAJI] + mine[c.PPH21] + mine[c.PPH21_THR13]).sum())
        true_up = int(mine[c.PPH21_DECEMBER_ADJUSTMENT].sum())
        assert int(row["Article21IncomeTax"]) == withheld + true_up
        income = sum(int(row[line]) for line in A2_INCOME_LINES)
        assert income == int(mine[c.PPH21_BASE].sum())
        tpp = int((mine[c.GROSS] + mine[c.THR13_GROSS]).sum())  # THR/13 on the TPP line
        assert int(row["OtherRegularIncome"]) == tpp
    paid = set(months.loc[months[c.THR13_GROSS] > 0, c.NIP])
    on_a2 = {row["CounterpartNipNrp"] for row in rows}
    assert len(paid) > 10 and len(paid & on_a2) > 10  # paid THR/13 and on the BPA2 (tax in PPh)
