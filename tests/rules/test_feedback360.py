"""360-degree perilaku (issue 16, tax-360 §2): the worked example of §2.2 (82.6 -> 94.72 Baik),
the PP 30/2019 Pasal 41 weight switch, each validation reason and the 6/2022 summary, with
exact values."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from rules.performance import feedback360, permenpanrb8, pp46
from rules.performance.common import round_half_up
from tests.feedback_rhk_lapkin_fixtures import (
    KABID,
    KASI_A,
    KASI_B,
    KEPALA,
    OTHER,
    STAF_1,
    STAF_2,
    STAF_3,
    employees,
)
from vocabulary import columns as c
from vocabulary.performance import (
    ATASAN,
    BAIK,
    BAWAHAN,
    DI_ATAS,
    DI_BAWAH,
    DIRI_SENDIRI,
    REKAN,
    SESUAI,
)

ASPECTS_8 = ["orientasi_pelayanan", "komitmen", "inisiatif_kerja", "kerja_sama"]
ASPECTS_46 = ["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"]


@pytest.fixture(scope="module")
def perf(nasional):
    return nasional.version_for(dt.date(2021, 7, 1)).performance


def r2(values) -> list[float]:
    return round_half_up(pd.Series(values, dtype="float64")).tolist()


def rows(ratee, period, raters, aspects, **extra) -> pd.DataFrame:
    """One row per (rater, aspect); ``raters`` is [(nip, relasi, skor)]."""
    out = [
        {c.NIP: ratee, c.NIP_PENILAI: n, c.RELASI: rel, c.PERIOD: period, c.ASPEK: a, c.SKOR: s}
        for n, rel, s in raters
        for a in aspects
    ]
    frame = pd.DataFrame(out)
    for col in (c.NIP, c.NIP_PENILAI, c.RELASI, c.PERIOD, c.ASPEK):
        frame[col] = frame[col].astype("string")
    frame[c.SKOR] = frame[c.SKOR].astype("float64")
    frame[c.REGIME] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame[c.RATING] = pd.Series(extra.get("rating", pd.NA), index=frame.index, dtype="string")
    frame[c.SOURCE_FILE] = "360.csv"
    frame[c.SOURCE_LINE] = np.arange(2, len(frame) + 2)
    return frame


# KASI_A is rated by the kabid (85), two peers (80 and 76: 78 per aspect) and one staff (80)
WORKED = [(KABID, ATASAN, 85), (KASI_B, REKAN, 80), (STAF_3, REKAN, 76), (STAF_1, BAWAHAN, 80)]


def skp_102_8(who: str) -> pd.DataFrame:
    """reg §4.3 / regulations.md p. 243: two kinerja utama of bobot 50 giving nilai SKP 102.8,
    plus the atasan's own perilaku template rows (all 85)."""
    utama = pd.DataFrame(
        {
            c.NIP: who,
            c.PERIOD: "2021-S2",
            c.JENIS: "utama",
            c.BOBOT: [50.0, 50.0],
            c.TARGET: [100.0, 100.0],
            c.TARGET_MAX: [np.nan, np.nan],
            c.REALISASI: [108.56, 97.2],
            c.ARAH: "naik",
            c.MAKSIMAL: False,
        }
    )
    perilaku = pd.DataFrame(
        {c.NIP: who, c.PERIOD: "2021-S2", c.JENIS: "perilaku", c.ASPEK: ASPECTS_8, c.NILAI: 85.0}
    )
    out = pd.concat([utama, perilaku], ignore_index=True)
    out[c.IDE_BARU] = False
    return out


def test_worked_example_82_6_then_94_72_baik(perf):
    # tax-360 §2.2: 0.6 x 85 + 0.2 x 78 + 0.2 x 80 = 82.6; 0.6 x 102.8 + 0.4 x 82.6 = 94.72 Baik
    agg = feedback360.aggregate_360(rows(KASI_A, "2021-S2", WORKED, ASPECTS_8), perf).iloc[0]
    assert r2([agg.nilai_atasan, agg.nilai_rekan, agg.nilai_bawahan]) == [85.0, 78.0, 80.0]
    assert r2([agg.nilai_perilaku_360]) == [82.6] and agg.with_360 and agg.raters == 4
    assert agg.regime == "permenpanrb_8_2021"
    details = pd.concat([skp_102_8(KASI_A), skp_102_8(KASI_B)], ignore_index=True)
    switch = perf.feedback_360.kinerja_weights["permenpanrb_8_2021"]
    out = permenpanrb8.score(
        details,
        perf.permenpanrb_8_2021,
        feedback360.aggregate_360(rows(KASI_A, "2021-S2", WORKED, ASPECTS_8), perf),
        switch,
    ).set_index(c.NIP)
    a, b = out.loc[KASI_A], out.loc[KASI_B]
    assert r2([a.nilai_skp, a.nilai_perilaku, a.nilai_kinerja]) == [102.8, 82.6, 94.72]
    assert (a.with_360, a.skp_weight, a.perilaku_weight, a.predikat) == (True, 0.6, 0.4, BAIK)
    # KASI_B has no 360 in the period: the atasan's template perilaku, 70/30 (Pasal 41(3))
    assert r2([b.nilai_perilaku, b.nilai_kinerja]) == [85.0, 97.46]  # 71.96 + 25.5
    assert (b.with_360, b.skp_weight, b.perilaku_weight) == (False, 0.7, 0.3)


def test_without_bawahan_the_peers_weigh_0_4(perf):
    agg = feedback360.aggregate_360(rows(KASI_A, "2021-S2", WORKED[:3], ASPECTS_8), perf)
    assert r2(agg[c.NILAI_PERILAKU_360]) == [82.2]  # 0.6 x 85 + 0.4 x 78
    assert np.isnan(agg[c.NILAI_BAWAHAN].iloc[0])


def test_no_rekan_means_no_360_assessment(perf):
    agg = feedback360.aggregate_360(
        rows(KASI_A, "2021-S2", [WORKED[0], WORKED[3]], ASPECTS_8), perf
    ).iloc[0]
    assert not agg.with_360 and np.isnan(agg.nilai_perilaku_360)
    assert r2([agg.nilai_atasan, agg.nilai_bawahan]) == [85.0, 80.0]


def test_kepemimpinan_divides_by_five_under_8_2021(perf):
    raters = [(KABID, ATASAN, 90), (KASI_B, REKAN, 80)]
    frame = pd.concat(
        [
            rows(KASI_A, "2021-S2", raters, ASPECTS_8),
            rows(KASI_A, "2021-S2", [(KABID, ATASAN, 100)], ["kepemimpinan"]),
        ],
        ignore_index=True,
    )
    agg = feedback360.aggregate_360(frame, perf).iloc[0]
    # atasan (4 x 90 + 100) / 5 = 92; rekan rated no kepemimpinan: 4 x 80 / 4 = 80
    assert r2([agg.nilai_atasan, agg.nilai_rekan, agg.nilai_perilaku_360]) == [92.0, 80.0, 87.2]


def test_pp46_keeps_60_40_with_360(perf):
    # PP 46/2011 has no 360 switch: 60/40 either way (reg §2.1), only the perilaku changes
    kegiatan = pd.DataFrame(
        {
            c.NIP: KASI_A,
            c.PERIOD: ["2020"],
            c.JENIS: ["kegiatan"],
            c.TARGET_KUANTITAS: [1.0],
            c.REALISASI_KUANTITAS: [1.0],
            c.TARGET_KUALITAS: [100.0],
            c.REALISASI_KUALITAS: [90.0],
            c.TARGET_WAKTU: [12.0],
            c.REALISASI_WAKTU: [12.0],
            c.TARGET_BIAYA: [np.nan],
            c.REALISASI_BIAYA: [np.nan],
            c.ASPEK: [pd.NA],
            c.NILAI: [np.nan],
        }
    )  # (100 + 90 + 76) / 3 = 88.67; no perilaku template row: the 360 is the perilaku
    agg = feedback360.aggregate_360(
        rows(KASI_A, "2020", [(KABID, ATASAN, 80), (KASI_B, REKAN, 70)], ASPECTS_46),
        perf,
    )
    assert r2(agg[c.NILAI_PERILAKU_360]) == [76.0]  # 0.6 x 80 + 0.4 x 70
    switch = perf.feedback_360.kinerja_weights["pp46_2011"]
    out = pp46.score(kegiatan, perf.pp46, agg, switch).iloc[0]
    assert r2([out.nilai_skp, out.nilai_kinerja]) == [88.67, 83.6]  # 53.2 + 30.4
    assert (out.skp_weight, out.perilaku_weight, out.with_360) == (0.6, 0.4, True)


def test_engines_unchanged_without_360_input(perf):
    out = permenpanrb8.score(skp_102_8(KASI_A), perf.permenpanrb_8_2021).iloc[0]
    assert r2([out.nilai_kinerja]) == [97.46]
    assert c.WITH_360 not in out.index
    with pytest.raises(ValueError, match="weight switch"):
        permenpanrb8.score(skp_102_8(KASI_A), perf.permenpanrb_8_2021, pd.DataFrame())


# --- validation --------------------------------------------------------------------------------


def test_each_validation_reason(perf):
    spells = feedback360.unit_spells(employees())
    known = employees()[c.NIP]
    good = rows(KASI_A, "2021-S2", WORKED, ["komitmen"])  # lines 2-5: 4 raters, all valid
    bad = pd.concat(
        [
            rows(KASI_B, "2021-S2", [(KASI_B, REKAN, 80)], ["komitmen"]),  # self-rating
            rows(KASI_A, "2021-S2", [(OTHER, REKAN, 80)], ["kerja_sama"]),  # another unit
            rows(KASI_A, "2021-S2", [(STAF_2, REKAN, 130)], ["kerja_sama"]),  # > 120
            rows(KASI_A, "2021-S2", [(STAF_2, REKAN, 80)], ["integritas"]),  # PP 46 aspect
            rows(KASI_A, "2021-S2", [("198509122010011099", REKAN, 80)], ["kerja_sama"]),
            rows(KASI_A, "2021-S2", [(KASI_B, REKAN, 81)], ["komitmen"]),  # duplicate
            rows(KEPALA, "2021-S2", [(OTHER, ATASAN, 90)], ["komitmen"]),  # atasan: not checked
            rows(STAF_1, "2024-S1", [(KASI_A, ATASAN, np.nan)], ["akuntabel"]),  # no rating
            rows(STAF_2, "2020", [(KASI_A, ATASAN, 101)], ["integritas"]),  # PP 46: 0-100
        ],
        ignore_index=True,
    )
    frame = pd.concat([good, bad], ignore_index=True)
    frame[c.SOURCE_LINE] = np.arange(2, len(frame) + 2)
    reasons = feedback360.feedback_reasons(frame, known, spells, perf).tolist()
    few = "only 1 rater(s) for this ratee in {}; the profile needs at least 4"
    assert reasons[:4] == [pd.NA] * 4
    assert reasons[4:] == [
        "self-rating: the rater is the ratee and the profile does not allow it",
        f"rater {OTHER} (rekan_setingkat) is not in the ratee's unit during 2021-S2",
        "skor 130.0 is outside 0-120.0 for permenpanrb_8_2021",
        "aspek 'integritas' is not a perilaku aspect of permenpanrb_8_2021",
        "nip_penilai 198509122010011099 is not in the employee master",
        "duplicate 360 rating; first at 360.csv:3",
        few.format("2021-S2"),
        "rating is empty: under PermenPAN-RB 6/2022 each row needs Di Atas, Sesuai or Di Bawah "
        "Ekspektasi",
        "skor 101.0 is outside 0-100.0 for pp46_2011",
    ]


def test_self_rating_allowed_by_profile_still_never_counts_as_a_rater(perf):
    allowed = perf.model_copy(
        update={
            "feedback_360": perf.feedback_360.model_copy(
                update={"self_rating_allowed": True, "min_raters": 2}
            )
        }
    )
    frame = rows(KASI_A, "2021-S2", [(KASI_A, DIRI_SENDIRI, 90), (KABID, ATASAN, 85)], ["komitmen"])
    reasons = feedback360.feedback_reasons(
        frame, employees()[c.NIP], feedback360.unit_spells(employees()), allowed
    )
    only = "only 1 rater(s) for this ratee in 2021-S2; the profile needs at least 2"
    assert reasons.tolist() == [only, only]


def test_same_unit_uses_the_skp_sub_periods(perf):
    # OTHER moved into the dinkes on 1 October 2021 (Laporan SKP of the mutasi)
    plans = pd.DataFrame(
        {
            c.NIP: [OTHER, OTHER],
            c.UNIT_INDUK: ["Dinas Pendidikan", "Dinas Kesehatan"],
            c.IS_PLT_PLH: [False, False],
            c.PERIOD_START: pd.to_datetime(["2021-01-01", "2021-10-01"]).astype("datetime64[s]"),
            c.PERIOD_END: pd.to_datetime(["2021-09-30", "2021-12-31"]).astype("datetime64[s]"),
        }
    )
    spells = feedback360.unit_spells(employees(), plans)
    period = pd.Series(pd.to_datetime(["2021-07-01", "2021-01-01"]))
    last = pd.Series(pd.to_datetime(["2021-12-31", "2021-06-30"]))
    together = feedback360.same_unit(
        pd.Series([KASI_A, KASI_A]), pd.Series([OTHER, OTHER]), period, last, spells
    )
    assert together.tolist() == [True, False]


# --- 6/2022 ----------------------------------------------------------------------------------


def test_summary_6_2022_counts_beside_the_atasan_rating(nasional):
    perf = nasional.version_for(dt.date(2024, 1, 1)).performance
    frame = pd.concat(
        [
            rows(STAF_1, "2024-S1", [(KASI_A, ATASAN, np.nan)], ["akuntabel", "kompeten"],
                 rating=SESUAI),
            rows(STAF_1, "2024-S1", [(STAF_2, REKAN, np.nan)], ["akuntabel", "kompeten"],
                 rating=DI_BAWAH),
            rows(STAF_1, "2024-S1", [(STAF_3, REKAN, np.nan)], ["akuntabel"], rating=DI_ATAS),
        ],
        ignore_index=True,
    )  # fmt: skip
    assessments = pd.DataFrame(
        {c.NIP: [STAF_1], c.PERIOD: ["2024-S1"], c.RATING_PERILAKU: [SESUAI], c.PREDIKAT: [BAIK]}
    )
    summary, counts = feedback360.summary_6_2022(frame, assessments, perf)
    s = summary.iloc[0]
    assert (s.raters, s.ratings, s.n_di_atas, s.n_sesuai, s.n_di_bawah) == (3, 5, 1, 2, 2)
    assert s.pct_di_bawah == 40.0
    assert (s.rating_perilaku, s.predikat) == (SESUAI, BAIK)  # unchanged: the atasan's
    assert counts.values.tolist() == [
        [STAF_1, "2024-S1", ATASAN, SESUAI, 2],
        [STAF_1, "2024-S1", REKAN, DI_ATAS, 1],
        [STAF_1, "2024-S1", REKAN, DI_BAWAH, 2],
    ]
