"""Tindak lanjut cases (issue 16) with the rule that put each employee there."""

import datetime as dt

import pandas as pd
import pytest

from rules.performance import tindak_lanjut
from tests.feedback_rhk_lapkin_fixtures import (
    KABID,
    KASI_A,
    KASI_B,
    KEPALA,
    OTHER,
    STAF_1,
    STAF_2,
    STAF_3,
    STAF_4,
    employees,
)
from vocabulary import columns as c
from vocabulary.performance import TL_BELOW_BAIK, TL_NEVER_ASSESSED, TL_NO_SKP


@pytest.fixture(scope="module")
def rules(nasional):
    return nasional.version_for(dt.date(2024, 1, 1)).performance.tindak_lanjut


def test_previous_periods():
    assert tindak_lanjut.previous_periods("2024-S1", 2) == ["2023-S2", "2024-S1"]
    assert tindak_lanjut.previous_periods("2024-01", 3) == ["2023-11", "2023-12", "2024-01"]
    assert tindak_lanjut.previous_periods("2024-Q1", 2) == ["2023-Q4", "2024-Q1"]
    assert tindak_lanjut.previous_periods("2024", 2) == ["2023", "2024"]


def test_cases_and_report(rules):
    facts = pd.DataFrame(
        [
            (STAF_1, "2023-S2", "butuh_perbaikan"),
            (STAF_1, "2024-S1", "kurang"),  # two in a row: a case
            (STAF_2, "2023-S2", "kurang"),
            (STAF_2, "2024-S1", "baik"),  # recovered
            (STAF_3, "2024-S1", "sangat_kurang"),  # one period only
            (KASI_A, "2023-S2", "baik"),
            (KASI_B, "2024-S1", "baik"),
            (KABID, "2024-S1", "baik"),
            (KEPALA, "2024-S1", "baik"),
            (OTHER, "2024-S2", "baik"),  # after the period: does not count
        ],
        columns=[c.NIP, c.PERIOD, c.PREDIKAT],
    ).astype("string")
    people = employees()
    people.loc[people[c.NIP] == STAF_4, c.ACTIVE_FROM] = pd.Timestamp("2024-03-01")  # new
    with_skp = pd.Series([STAF_1, STAF_2, STAF_3, KASI_A, KASI_B, KABID, KEPALA, OTHER])
    cases = tindak_lanjut.tindak_lanjut_cases(people, facts, with_skp, "2024-S1", rules)
    assert cases.astype(object).where(cases.notna(), None).values.tolist() == [
        [
            "Dinas Kesehatan", STAF_4, "2024-S1", TL_NO_SKP, "no SKP covering 2024-S1",
            "2024-S1", None,
        ],
        [
            "Dinas Kesehatan", STAF_1, "2024-S1", TL_BELOW_BAIK,
            "predikat Butuh Perbaikan in 2023-S2, Kurang/Misconduct in 2024-S1", "2023-S2", 2,
        ],
        [
            "Dinas Pendidikan", OTHER, "2024-S1", TL_NEVER_ASSESSED,
            "no predikat in any period up to 2024-S1 after 174 months in service", "2010-01",
            None,
        ],
    ]  # fmt: skip
    # STAF_4 has 4 months of service (March-June): not yet 'never assessed'
    report = tindak_lanjut.tindak_lanjut_report(cases)
    assert report.values.tolist() == [
        ["Dinas Kesehatan", "2024-S1", TL_NO_SKP, 1],
        ["Dinas Kesehatan", "2024-S1", TL_BELOW_BAIK, 1],
        ["Dinas Pendidikan", "2024-S1", TL_NEVER_ASSESSED, 1],
    ]
