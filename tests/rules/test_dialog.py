"""Dialog kinerja measures and cases (rules/performance/dialog.py) on hand-made frames
(tests/dialog_fixtures.py): the note's worked example to the unit, then one test per flag and
per boundary of its parameter."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from rules.performance.dialog import NO_DATA, dialog_kinerja
from rules.performance.dialog_periods import bounds, earlier
from tests.dialog_fixtures import (
    ATASAN,
    ELSEWHERE,
    OTHER,
    P1,
    P2,
    P3,
    PENILAI,
    UNIT,
    feedback_row,
    inputs,
    rhk,
    rhk_id,
    worked_feedback,
)
from vocabulary import columns as c

AS_OF = dt.date(2024, 6, 30)


@pytest.fixture(scope="module")
def profile(nasional):
    return nasional


def with_rules(profile, **changes):
    """The profile with ``performance.dialog_kinerja`` changed (every version)."""
    versions = [
        v.model_copy(
            update={
                "performance": v.performance.model_copy(
                    update={
                        "dialog_kinerja": v.performance.dialog_kinerja.model_copy(update=changes)
                    }
                )
            }
        )
        for v in profile.versions
    ]
    return profile.model_copy(update={"versions": versions})


def unit_row(result, unit=UNIT, period="2024-Q1") -> pd.Series:
    cov = result.coverage
    return cov[(cov[c.UNIT] == unit) & (cov[c.PERIOD] == period)].iloc[0]


def test_the_worked_example(profile):
    result = dialog_kinerja(inputs(), profile, AS_OF)
    row = unit_row(result)
    # (4 + 1 + 5) / 12 = 83.33 %; two of three pegawai have every RHK covered: 66.67 %
    assert (row[c.RHK_COVERED], row[c.RHK], row["rhk_coverage_units"]) == (10, 12, 8333)
    assert (row[c.PEGAWAI_COVERED], row[c.PEGAWAI_RHK]) == (2, 3)
    assert row["pegawai_coverage_units"] == 6667
    assert (row[c.STATUS], row[c.PEGAWAI], row[c.PENILAI_N], row[c.PENILAI_DIAM]) == (
        "ada_data", 3, 1, 0
    )  # fmt: skip
    # the exports reach 2024-03-15: Q1 is measured, Q2 is not
    assert result.periods == ["2024-Q1"] and result.horizon == dt.date(2024, 3, 15)
    assert row[c.DATA_SAMPAI] == pd.Timestamp("2024-03-15")
    # pegawai 2, rated Di Bawah Ekspektasi on 2024-04-05, had his only feedback on 2023-11-20
    cases = result.cases
    assert cases[[c.NIP, c.PERIOD, c.RULE, c.SINCE, c.ASSIGNED_TO]].values.tolist() == [
        [P2, "2024-Q1", "dialog_none_before_rating", "2024-Q1", ATASAN]
    ]
    assert cases[c.DETAIL].iloc[0] == (
        "hasil kerja Di Bawah Ekspektasi, predikat Butuh Perbaikan 2024-Q1, dinilai 2024-04-05: "
        "tidak ada umpan balik penilai maupun pembinaan 2024-01-01 s.d. 2024-04-05; data "
        "pembinaan tidak tersedia"
    )
    per = result.pegawai.set_index(c.NIP)
    assert per.loc[[P1, P2, P3], [c.RHK, c.RHK_COVERED, c.COVERED]].values.tolist() == [
        [4, 4, True], [3, 1, False], [5, 5, True]
    ]  # fmt: skip
    assert set(per[c.NIP_PENILAI]) == {PENILAI}


def test_a_unit_without_umpan_balik_is_unknown_not_zero(profile):
    result = dialog_kinerja(inputs(), profile, AS_OF)
    row = unit_row(result, ELSEWHERE)
    assert (row[c.STATUS], row[c.PEGAWAI]) == ("tanpa_data", 1)
    assert row[[c.RHK, "rhk_coverage_units", c.PENILAI_DIAM, c.UMPAN_BALIK_N]].isna().all()
    assert OTHER not in set(result.pegawai[c.NIP]) and OTHER not in set(result.cases[c.NIP])


def test_no_umpan_balik_at_all_states_the_default(profile):
    result = dialog_kinerja(inputs(feedback=[]), profile, AS_OF)
    assert result.default == NO_DATA
    assert (len(result.coverage), len(result.pegawai), len(result.cases)) == (0, 0, 0)
    assert "coverage unknown, no cases" in NO_DATA


def test_pegawai_coverage_share_is_a_parameter(profile):
    half = dialog_kinerja(inputs(), with_rules(profile, min_share_rhk_pegawai=0.3), AS_OF)
    assert unit_row(half)[c.PEGAWAI_COVERED] == 3  # pegawai 2: 1 of 3 >= 0.3


def test_only_rhk_utama_when_the_profile_says_so(profile):
    frame = rhk(jenis={rhk_id(P3, 5): "tambahan", rhk_id(P1, 4): "tambahan"})
    both = dialog_kinerja(inputs(rhk_frame=frame), profile, AS_OF)
    assert unit_row(both)[c.RHK] == 12
    utama = dialog_kinerja(
        inputs(rhk_frame=frame), with_rules(profile, hanya_rhk_utama=True), AS_OF
    )
    assert (unit_row(utama)[c.RHK], unit_row(utama)[c.RHK_COVERED]) == (10, 8)


def test_what_counts_as_feedback(profile):
    p1 = [rhk_id(P1, k) for k in range(1, 5)]
    rows = [
        feedback_row(P1, ref=p1[0]),  # counts
        feedback_row(P1, ref=p1[1], length=19),  # shorter than min_teks 20
        feedback_row(P1, ref=p1[2], length=0),  # no text while wajib_teks
        feedback_row(P1, ref=p1[3], by=P3, relasi="rekan"),  # a colleague
        feedback_row(P3, objek="perilaku", ref="akuntabel"),
        feedback_row(P3, objek="rencana_aksi", ref="RA-9", rhk_id=rhk_id(P3, 2)),
    ]
    row = unit_row(dialog_kinerja(inputs(feedback=rows), profile, AS_OF))
    assert (row[c.RHK_COVERED], row[c.UMPAN_BALIK_N], row[c.PEGAWAI_PERILAKU]) == (2, 3, 1)
    assert row["perilaku_coverage_units"] == 3333  # 1 of 3
    loose = with_rules(profile, wajib_teks=False, min_teks=0)
    assert unit_row(dialog_kinerja(inputs(feedback=rows), loose, AS_OF))[c.RHK_COVERED] == 4


def test_a_silent_penilai_and_the_window(profile):
    # ATASAN rates PENILAI (in P through an agreed ekspektasi) and says nothing in Q2
    expected = [{c.TAHUN: 2024, c.NIP: PENILAI, c.NIP_PENILAI: ATASAN, c.OBJEK: "rhk",
                 c.REF_ID: rhk_id(PENILAI, 1), c.EKSPEKTASI_ADA: True}]  # fmt: skip
    rows = [
        *worked_feedback(),
        feedback_row(PENILAI, ref=rhk_id(PENILAI, 1), by=ATASAN, given="2024-03-20"),
        feedback_row(P1, ref=rhk_id(P1, 1), periode="2024-Q2", given="2024-05-02"),
    ]
    result = dialog_kinerja(inputs(feedback=rows, expectations=expected), profile, AS_OF)
    pen = result.penilai.set_index([c.NIP_PENILAI, c.PERIOD])
    assert pen.loc[(ATASAN, "2024-Q1"), [c.BAWAHAN_N, c.DIAM]].tolist() == [1, False]
    assert pen.loc[(ATASAN, "2024-Q2"), [c.BAWAHAN_N, c.DIAM]].tolist() == [1, True]
    assert pen.loc[(PENILAI, "2024-Q2"), c.DIAM] == False  # noqa: E712  (numpy bool)
    assert unit_row(result, period="2024-Q2")[c.PENILAI_DIAM] == 1
    # with a two-period window, Q1's feedback keeps ATASAN from being silent in Q2
    two = dialog_kinerja(
        inputs(feedback=rows, expectations=expected), with_rules(profile, jendela_diam=2), AS_OF
    )
    assert two.penilai.set_index([c.NIP_PENILAI, c.PERIOD]).loc[(ATASAN, "2024-Q2"), c.DIAM] == 0
    # ... and reaches into the year before: feedback about 2023-Q4 counts for 2024-Q1
    december = feedback_row(PENILAI, objek="umum", by=ATASAN, periode="2023-Q4", given="2023-12-10")
    for window, silent in ((1, True), (2, False)):
        result = dialog_kinerja(
            inputs(feedback=[*worked_feedback(), december], expectations=expected),
            with_rules(profile, jendela_diam=window),
            AS_OF,
        )
        pen = result.penilai.set_index([c.NIP_PENILAI, c.PERIOD])
        assert bool(pen.loc[(ATASAN, "2024-Q1"), c.DIAM]) is silent


def test_template_back_dated_and_timeliness(profile):
    pasted = "f" * 64
    p1 = [rhk_id(P1, k) for k in range(1, 5)]
    p3 = [rhk_id(P3, k) for k in range(1, 6)]
    rows = [
        # the same text to P1 (4 rows) and P3 (1 row): 2 bawahan, below the threshold of 5
        *[feedback_row(P1, ref=r, digest=pasted) for r in p1],
        feedback_row(P3, ref=p3[0], digest=pasted),
        # 2024-03-31 + 15 = on time, + 16 = late; entered 30 days later = not back-dated, 31 = yes
        feedback_row(P3, ref=p3[1], given="2024-04-15", entered="2024-05-15"),
        feedback_row(P3, ref=p3[2], given="2024-04-16", entered="2024-05-17"),
    ]
    result = dialog_kinerja(inputs(feedback=rows), profile, AS_OF)
    row = unit_row(result)
    assert (row[c.TEMPLATE], row[c.BACKDATED], row[c.UMPAN_BALIK_N]) == (0, 1, 7)
    assert (row[c.TEPAT_WAKTU], row["tepat_waktu_units"]) == (6, 8571)  # 6 of 7
    assert row[c.MEDIAN_LAG_HARI] == -16.0  # five rows at -16 (2024-03-15), 15, 16
    two = dialog_kinerja(inputs(feedback=rows), with_rules(profile, ambang_template=2), AS_OF)
    assert (unit_row(two)[c.TEMPLATE], unit_row(two)["template_units"]) == (5, 7143)
    pen = two.penilai.set_index([c.NIP_PENILAI, c.PERIOD]).loc[(PENILAI, "2024-Q1")]
    assert (pen[c.TEMPLATE], pen[c.BACKDATED], pen[c.TEPAT_WAKTU]) == (5, 1, 6)


def test_no_pembinaan_after_a_rating(profile):
    rated = [{c.NIP: P1, c.PERIOD: "2024-03", c.RATING_PERILAKU: "di_bawah_ekspektasi",
              c.PREDIKAT: "kurang"}]  # fmt: skip
    # a session 30 days after the assumed rating day (2024-03-31 + 5) is in time, 31 is not
    for sessions, expected in (
        ([{c.NIP: P1, c.TANGGAL: "2024-05-05", c.JENIS: "bimbingan"}], []),
        (
            [{c.NIP: P1, c.TANGGAL: "2024-05-06", c.JENIS: "bimbingan"}],
            ["dialog_no_pembinaan_after"],
        ),
        (
            [{c.NIP: P1, c.TANGGAL: "2024-04-20", c.JENIS: "coaching"}],
            ["dialog_no_pembinaan_after"],
        ),
        ([{c.NIP: P1, c.TANGGAL: "2024-04-20", c.STATUS: "batal"}], ["dialog_no_pembinaan_after"]),
    ):
        late = [*worked_feedback(), feedback_row(P3, ref=rhk_id(P3, 1), given="2024-06-20")]
        result = dialog_kinerja(
            inputs(feedback=late, sessions=sessions, rated=rated), profile, AS_OF
        )
        assert result.cases[c.RULE].tolist() == expected, sessions
    detail = result.cases[c.DETAIL].iloc[0]
    assert detail == (
        "perilaku Di Bawah Ekspektasi, predikat Kurang/Misconduct 2024-03, dinilai 2024-04-05 "
        "(diasumsikan: akhir periode + 5 hari): tidak ada bimbingan/konseling kinerja 2024-04-05 "
        "s.d. 2024-05-05"
    )


def test_no_pembinaan_case_before_the_window_closes_or_without_the_export(profile):
    rated = [{c.NIP: P1, c.PERIOD: "2024-03", c.RATING_HASIL_KERJA: "di_bawah_ekspektasi"}]
    sessions = [{c.NIP: P3, c.TANGGAL: "2024-02-10", c.JENIS: "coaching"}]
    # the exports reach 2024-03-15 only: the window to 2024-05-05 has not closed
    early = dialog_kinerja(inputs(sessions=sessions, rated=rated), profile, AS_OF)
    assert early.cases.empty
    late = [*worked_feedback(), feedback_row(P3, ref=rhk_id(P3, 1), given="2024-06-20")]
    closed = dialog_kinerja(inputs(feedback=late, sessions=sessions, rated=rated), profile, AS_OF)
    assert closed.cases[c.RULE].tolist() == ["dialog_no_pembinaan_after"]
    # without a pembinaan export, absence of sessions is not evidence: no case
    unknown = dialog_kinerja(inputs(feedback=late, rated=rated), profile, AS_OF)
    assert unknown.cases.empty


def test_what_triggers_a_case_and_the_look_back(profile):
    base = [{c.NIP: P2, c.PERIOD: "2024-Q1", c.TANGGAL_RATING: pd.Timestamp("2024-04-05")}]
    # Sesuai / Baik: no case; a predikat below Baik alone is enough (predikat_pemicu)
    assert dialog_kinerja(inputs(rated=base), profile, AS_OF).cases.empty
    below = [{**base[0], c.PREDIKAT: "butuh_perbaikan"}]
    assert len(dialog_kinerja(inputs(rated=below), profile, AS_OF).cases) == 1
    strict = with_rules(profile, predikat_pemicu=["sangat_kurang"])
    assert dialog_kinerja(inputs(rated=below), strict, AS_OF).cases.empty
    # a look-back of two periods reaches 2023-10-01: the 2023-11-20 feedback counts
    two = with_rules(profile, lookback=2)
    assert dialog_kinerja(inputs(rated=below), two, AS_OF).cases.empty
    # a pembinaan session in the window counts as dialogue too
    session = [{c.NIP: P2, c.TANGGAL: "2024-02-01", c.JENIS: "coaching"}]
    assert dialog_kinerja(inputs(rated=below, sessions=session), profile, AS_OF).cases.empty


def test_monthly_cadence(profile):
    monthly = with_rules(profile, periode_evaluasi="bulanan")
    january = feedback_row(P1, ref=rhk_id(P1, 1), periode="2024-01", given="2024-01-20")
    result = dialog_kinerja(inputs(feedback=[*worked_feedback(), january]), monthly, AS_OF)
    # quarter rows count for the month holding the quarter's end; measured from the first
    # month a row is about to the horizon (2024-03-15)
    assert result.periods == ["2024-01", "2024-02", "2024-03"]
    covered = {p: unit_row(result, period=p)[c.RHK_COVERED] for p in result.periods}
    assert covered == {"2024-01": 1, "2024-02": 0, "2024-03": 10}
    only_quarters = dialog_kinerja(inputs(), monthly, AS_OF)
    assert only_quarters.periods == ["2024-03"]


def test_periods():
    assert bounds("2024-Q3") == (pd.Timestamp("2024-07-01"), pd.Timestamp("2024-09-30"))
    assert bounds("2024-02") == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))
    assert earlier("2024-Q1", 2) == ["2023-Q4", "2024-Q1"]
    assert earlier("2024-01", 3) == ["2023-11", "2023-12", "2024-01"]
    assert earlier("2024-S1", 2) == ["2023-S2", "2024-S1"]
