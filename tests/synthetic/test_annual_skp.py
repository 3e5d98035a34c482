"""A generated year (issue 22, point 1): the generator writes the atasan's annual assessment
(penilaian_tahunan_<year>.xlsx, with both ratings and the penilai), the readers and the 6/2022
rules turn it into the year's fact_performance_period rows, and ``export siasn --year`` sends a
skp22/save payload for at least 90 % of the employees with a SIASN id, every kuadran present.
Without Dagster: the files are read and the rules called as the assets do."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from formats.ekinerja import ALL_LAYOUTS, empty_frame, read_ekinerja
from formats.reference import read_employees
from formats.siasn_payloads import validate_payloads, with_payloads
from resources.rulebook import load_profile
from rules.performance import cycle
from rules.performance.inputs import assessment_reasons, complete_assessments, join_plans
from rules.performance.scores import semester_scores
from synthetic.generator import generate
from vocabulary import columns as c
from vocabulary.performance import BKN_PENILAIAN, DETAILS, SIASN_PERIODIK, SKP22_SAVE


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("year")
    summary = generate(out, 90, "2024-12", 1, seed=3, profile=load_profile("nasional"))
    assert summary.files["ekinerja penilaian_tahunan"] == 1
    return out


def _read(inbox: Path, pattern: str) -> list:
    paths = sorted((inbox / "ekinerja").glob(pattern))
    return [read_ekinerja(p.read_bytes(), p.name, ALL_LAYOUTS) for p in paths]


@pytest.fixture(scope="module")
def year(inbox: Path, nasional):
    employees = read_employees((inbox / "employees.csv").read_bytes(), "employees.csv").rows
    (plans,) = [r.rows for r in _read(inbox, "Laporan SKP *.xlsx")]
    read = _read(inbox, "penilaian_*") + _read(inbox, "rw-*.json")
    assert {r.layout for r in read} == {BKN_PENILAIAN, SIASN_PERIODIK}
    rows = pd.concat([r.rows for r in read], ignore_index=True)
    rows = complete_assessments(join_plans(rows, plans), nasional)
    valid = rows[assessment_reasons(rows, employees[c.NIP], nasional).isna()]
    rules = nasional.for_period("2024-S2").performance
    facts = semester_scores(empty_frame(DETAILS), valid, "2024-S2", rules, "nasional")
    (rhk,) = [r.rows for r in _read(inbox, "rhk_*.csv")]
    out = cycle.siasn_rows(facts, employees, rhk, "2024", nasional, assessments=valid)
    return employees, facts, with_payloads(out, SKP22_SAVE)


def test_the_year_publishes_annual_ratings(year):
    employees, facts, _ = year
    annual = facts[facts[c.PERIOD] == "2024"]
    rated = annual[annual[c.SOURCE] == BKN_PENILAIAN]
    assert rated[[c.RATING_HASIL_KERJA, c.RATING_PERILAKU]].notna().all().all()
    assert len(rated) >= 0.9 * len(employees)
    assert set(rated[c.PREDIKAT]) == {
        "sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang",
    }  # fmt: skip
    # the few without an annual assessment keep a year derived from monthly predikat
    derived = annual[annual[c.SOURCE].str.startswith("monthly:")]
    assert derived[[c.RATING_HASIL_KERJA, c.RATING_PERILAKU]].isna().all().all()


def test_export_year_sends_skp22_for_90_percent_every_kuadran(year):
    employees, _, rows = year
    with_id = set(employees.loc[employees[c.SIASN_ID].notna(), c.NIP])
    sent = rows[rows["payload"].notna()]
    assert len(set(sent[c.NIP]) & with_id) >= 0.9 * len(with_id)
    payloads = [json.loads(p) for p in sent["payload"]]
    assert validate_payloads(payloads, SKP22_SAVE).isna().all()
    assert {p["kuadranKinerjaNilai"] for p in payloads} == {1, 2, 3, 4, 5}
    # a kepala dinas is rated by the Sekda, who is not in the master: named by the assessment
    sekda = [p for p in payloads if p["penilaiNipNrp"] == "196805121990031004"]
    assert sekda and {p["penilaiGolongan"] for p in sekda} == {"44"}  # IV/d
    assert {p["penilaiJabatan"] for p in sekda} == {"Sekretaris Daerah"}
    listed = rows.loc[rows["payload"].isna(), c.REASON]
    assert listed.str.startswith(
        ("no SIASN id", "needs_annual_assessment", "no pejabat penilai")
    ).all()
