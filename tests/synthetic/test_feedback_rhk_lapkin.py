"""The generator's issue-16 exports: the readers accept them, and the rules find the anomalies
the generator planted (360: self-rating, another unit, too few raters, out of range; RHK:
orphans and a cycle); most employees carry a SIASN id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from expectations import feedback_360
from expectations.runner import validate
from formats.ekinerja import ALL_LAYOUTS, read_ekinerja
from formats.reference import read_employees
from resources.rulebook import load_profile
from rules.performance import cascading, cycle, feedback360, lapkin
from synthetic.generator import generate
from vocabulary import columns as c


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cycle")
    summary = generate(out, 150, "2024-03", 1, seed=7, profile=load_profile("nasional"))
    assert summary.files["ekinerja perilaku_360"] == 1
    return out


def _read(inbox: Path, pattern: str):
    (path,) = sorted((inbox / "ekinerja").glob(pattern))
    return read_ekinerja(path.read_bytes(), path.name, ALL_LAYOUTS)


@pytest.fixture(scope="module")
def employees(inbox: Path) -> pd.DataFrame:
    return read_employees((inbox / "employees.csv").read_bytes(), "employees.csv").rows


def test_most_employees_have_a_siasn_id(employees):
    share = employees[c.SIASN_ID].notna().mean()
    assert 0.85 < share < 1.0
    assert employees[c.SIASN_ID].dropna().str.fullmatch(r"[0-9A-F]{32}").all()


def test_360_anomalies_are_found(inbox, employees, nasional):
    result = _read(inbox, "umpan_balik_360_*.csv")
    assert result.layout == "perilaku_360" and result.quarantine.empty
    perf = nasional.version_for(dt.date(2024, 1, 1)).performance
    reasons = feedback360.feedback_reasons(
        result.rows, employees[c.NIP], feedback360.unit_spells(employees), perf
    )
    checked = validate(result.rows, feedback_360.suite(), reasons)
    text = " | ".join(checked.quarantine[c.REASON])
    assert "self-rating" in text
    assert "is not in the ratee's unit during 2024-S1" in text
    assert "rater(s) for this ratee in 2024-S1; the profile needs at least 4" in text
    assert "contract: skor outside 0-120" in text
    assert len(checked.valid) > len(checked.quarantine)
    summary, _ = feedback360.summary_6_2022(checked.valid, pd.DataFrame(
        columns=[c.NIP, c.PERIOD, c.RATING_PERILAKU, c.PREDIKAT]
    ), perf)  # fmt: skip
    assert len(summary) > 10 and summary[c.RATINGS].gt(0).all()


def test_rhk_tree_has_orphans_and_a_cycle(inbox, employees, nasional):
    result = _read(inbox, "rhk_*.csv")
    assert result.layout == "rhk" and result.quarantine.empty
    rules = nasional.version_for(dt.date(2024, 1, 1)).performance.cascading
    facts = cascading.cascade_facts(result.rows, employees, rules)
    assert facts[c.IN_CYCLE].sum() == 2
    assert (facts[c.LINK_STATUS] == "orphan").sum() >= 2
    assert ((facts[c.LINK] == "text") & (facts[c.LINK_STATUS] == "aligned")).sum() > 5
    assert (facts[c.LINK_STATUS] == "root").sum() >= 5
    scores = cascading.cascade_scores(facts, rules)
    assert scores["cascade_score"].between(0, 100).all()


def test_daily_reports_read_and_count(inbox, employees, nasional):
    result = _read(inbox, "laporan_kinerja_harian_*.csv")
    assert result.layout == "lapkin_harian" and result.quarantine.empty
    rules = nasional.version_for(dt.date(2024, 3, 1)).performance.lapkin
    workdays = cycle.month_workdays(nasional, "2024-03")
    monthly = lapkin.monthly_lapkin(result.rows, employees, "2024-03", workdays, rules, "minutes")
    compliance = lapkin.lapkin_compliance(monthly)
    assert compliance[c.REPORTED].sum() > 0
    assert (compliance[c.REPORTED] <= compliance[c.EMPLOYEES]).all()


def test_siasn_month_export_of_the_generated_pemda(inbox, employees, nasional):
    from rules.performance import siasn
    from vocabulary.performance import SIASN_KUADRAN

    perf = nasional.version_for(dt.date(2024, 3, 1)).performance
    penilaian = _read(inbox, "penilaian_mar_2024.xlsx").rows
    facts = penilaian[penilaian[c.PREDIKAT].notna()].drop_duplicates(c.NIP)
    rhk = _read(inbox, "rhk_*.csv").rows
    assessors = siasn.assessors_of(
        rhk, employees, pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-31")
    )
    rows = siasn.siasn_results(facts, employees, assessors, "2024-03", perf)
    sent = rows[rows[c.REASON].isna()]
    assert len(rows) == len(facts) and len(sent) > 0
    # no koefisienId is sent empty: functional positions are sent, the others listed
    assert sent["koefisienId"].str.fullmatch(r"[1-8]2").all()
    # every payload agrees with the predikat it came from
    assert (sent["kuadranKinerjaNilai"] == sent[c.PREDIKAT].map(SIASN_KUADRAN)).all()
    listed = rows.loc[rows[c.REASON].notna(), c.REASON]
    known = (
        "no SIASN id (siasn_id) in the employee master",
        "no pejabat penilai of the SKP in the employee master",
        "koefisienId is required by kinerjaperiodik/save and unknown for a position that is not "
        "functional",
    )
    assert listed.map(lambda r: r.startswith(known)).all()
    assert listed.str.startswith("koefisienId is required").any()
