"""Performance engines against the worked examples of shared/domain/regulations.md (§§2, 4, 5,
10), with exact values; every number below is copied from there or computed by hand."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from rules.performance import integration, kurva, permenpanrb6, permenpanrb8, pp46
from rules.performance.common import round_half_up
from rules.rulebook.performance import FromMonthly
from vocabulary import columns as c
from vocabulary.performance import (
    BAIK,
    BUTUH_PERBAIKAN,
    DI_ATAS,
    DI_BAWAH,
    KURANG,
    SANGAT_BAIK,
    SANGAT_KURANG,
    SESUAI,
    predikat_code,
)

NIP = "198509122010011001"


@pytest.fixture(scope="module")
def perf(nasional):
    return nasional.version_for(dt.date(2024, 1, 1)).performance


def s(*values):
    return pd.Series(values, dtype="float64")


def r2(values) -> list[float]:
    return round_half_up(pd.Series(values, dtype="float64")).tolist()


# --- PP 46/2011 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tw", "rw", "expected"),
    [
        pytest.param(12, 12, 76.0, id="on time is always 76 (reg 2.6.1)"),
        pytest.param(5, 4, 96.0, id="Sdr. ANDI: 5 days target, 4 realised, eff 20% (reg 2.6.2)"),
        pytest.param(12, 8, 66.67, id="eff 33.3% > 24% is penalised (reg 2.6.3)"),
        pytest.param(12, 15, 51.0, id="late: RW > TW stays in the <= 24% branch (reg 2.6.3)"),
        pytest.param(100, 76, 100.0, id="RW = 0.76 TW scores 100 (derivation of NT)"),
        pytest.param(100, 24, 24.0, id="eff 76%: 76 - (152 - 100) = 24, not clamped"),
        pytest.param(12, 0, 0.0, id="realisasi 0: kegiatan not executed"),
    ],
)
def test_pp46_waktu(tw, rw, expected):
    value = pp46.aspek_efisiensi(s(tw), s(rw), 1.76)
    assert r2(value) == [expected]


def test_pp46_efficiency_limit_is_exactly_24_percent():
    # eff = 24% exactly (RW = 76) is the top of the good branch: 100; one step past it drops
    assert r2(pp46.aspek_efisiensi(s(100, 100), s(76, 75), 1.76)) == [100.0, 75.0]


def bayu_mahendra() -> pd.DataFrame:
    """reg §2.6.1: rakor activity with 4 aspects."""
    return pd.DataFrame(
        {
            c.NIP: [NIP],
            c.PERIOD: ["2020"],
            c.JENIS: ["kegiatan"],
            c.TARGET_KUANTITAS: [1.0],
            c.REALISASI_KUANTITAS: [1.0],
            c.TARGET_KUALITAS: [100.0],
            c.REALISASI_KUALITAS: [90.0],
            c.TARGET_WAKTU: [12.0],
            c.REALISASI_WAKTU: [12.0],
            c.TARGET_BIAYA: [170_395_000.0],
            c.REALISASI_BIAYA: [170_395_000.0],
        }
    )


def test_pp46_nilai_capaian_skp_85_50(perf):
    assert r2(pp46.nilai_kegiatan(bayu_mahendra(), perf.pp46)) == [85.5]
    no_biaya = bayu_mahendra().assign(**{c.TARGET_BIAYA: [np.nan], c.REALISASI_BIAYA: [np.nan]})
    assert r2(pp46.nilai_kegiatan(no_biaya, perf.pp46)) == [88.67]  # (100 + 90 + 76) / 3


def test_pp46_prestasi_kerja_83_38(perf):
    aspects = ["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"]
    perilaku = pd.DataFrame(
        {
            c.NIP: NIP,
            c.PERIOD: "2020",
            c.JENIS: "perilaku",
            c.ASPEK: aspects,
            c.NILAI: [80.0, 82.0, 78.0, 80.0, 81.0],
        }
    )
    scored = pp46.score(pd.concat([bayu_mahendra(), perilaku], ignore_index=True), perf.pp46)
    row = scored.iloc[0]
    assert r2([row.nilai_skp, row.nilai_perilaku, row.nilai_kinerja]) == [85.5, 80.2, 83.38]
    assert row.predikat == BAIK
    # a leader: kepemimpinan is the sixth aspect, divisor 6
    leader = pd.concat(
        [perilaku, perilaku.head(1).assign(**{c.ASPEK: "kepemimpinan", c.NILAI: 89.0})]
    )
    assert r2(pp46.nilai_perilaku(leader, aspects, "kepemimpinan")[c.NILAI_PERILAKU]) == [81.67]


@pytest.mark.parametrize(
    ("value", "code"),
    [(91, SANGAT_BAIK), (90.99, BAIK), (76, BAIK), (75.99, BUTUH_PERBAIKAN), (61, BUTUH_PERBAIKAN),
     (60.99, KURANG), (50.01, KURANG), (50, SANGAT_KURANG)],
)  # fmt: skip
def test_pp46_sebutan_boundaries(perf, value, code):
    from rules.performance.common import apply_thresholds

    assert apply_thresholds(s(value), perf.pp46.sebutan).tolist() == [code]


# --- PermenPAN-RB 8/2021 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "target_max", "realisasi", "arah", "expected"),
    [
        pytest.param(80, 90, 70, "naik", 87.5, id="range, below: lower bound 70/80"),
        pytest.param(7, 8, 6.5, "turun", 107.14, id="time range, faster: (1 + (1 - 6.5/7))"),
        pytest.param(7, 8, 9, "turun", 87.5, id="time range, slower: (1 + (1 - 9/8))"),
        pytest.param(80, 90, 92, "naik", 102.22, id="range, above: 92/90 (printed 113: a typo)"),
        pytest.param(80, 90, 85, "naik", 100.0, id="inside the range [I]"),
        pytest.param(100, None, 98, "naik", 98.0, id="single target"),
    ],
)  # fmt: skip
def test_capaian_iki(target, target_max, realisasi, arah, expected):
    value = permenpanrb8.capaian_iki(
        s(target), s(realisasi), pd.Series([arah]), s(target_max), 100.0
    )
    assert r2(value) == [expected]


@pytest.mark.parametrize(
    ("capaian", "maksimal", "nilai", "kategori"),
    [
        pytest.param(98, False, 88.0, BUTUH_PERBAIKAN, id="98% -> 88 (p. 243)"),
        pytest.param(100, False, 109.0, BAIK, id="100% -> 109 (p. 243)"),
        pytest.param(100, True, 120.0, SANGAT_BAIK, id="100% of a maximum target -> 120"),
        pytest.param(70, False, 60.0, KURANG, id="Kurang 70% -> 60.0 (reg 10.2)"),
        pytest.param(50, False, 41.53, SANGAT_KURANG, id="Sangat Kurang 50% -> 41.53 (reg 10.2)"),
        pytest.param(80, False, 70.0, BUTUH_PERBAIKAN, id="Cukup starts at 80%"),
        pytest.param(110, False, 120.0, SANGAT_BAIK, id="top of Sangat Baik [I]"),
        pytest.param(107, False, 116.67, SANGAT_BAIK, id="107% [I]"),
        pytest.param(130, False, 120.0, SANGAT_BAIK, id="above 110% -> 120"),
        pytest.param(100.5, False, 109.0, BAIK, id="between the Baik point and 101% [I]"),
    ],
)
def test_nilai_capaian_iki(perf, capaian, maksimal, nilai, kategori):
    out = permenpanrb8.nilai_capaian_iki(s(capaian), perf.permenpanrb_8_2021, pd.Series([maksimal]))
    assert r2(out["nilai"]) == [nilai]
    assert out["kategori"].tolist() == [kategori]


def skp_rows(rows: list[tuple]) -> pd.DataFrame:
    cols = [c.JENIS, c.BOBOT, c.TARGET, c.TARGET_MAX, c.REALISASI, c.ARAH, c.MAKSIMAL]
    frame = pd.DataFrame(rows, columns=cols)
    frame[c.NIP] = NIP
    frame[c.PERIOD] = "2021-S2"
    frame[c.IDE_BARU] = False
    return frame


def test_nilai_skp_102_8(perf):
    # p. 243: NILAI AKHIR SKP = (59,2 + 43,6) + 0 = 102,8. Two kinerja utama of bobot 50:
    # 108.56 % -> 118.4 (x 0.5 = 59.2) and 97.2 % -> 87.2 (x 0.5 = 43.6)
    rows = skp_rows(
        [
            ("utama", 50.0, 100.0, np.nan, 108.56, "naik", False),
            ("utama", 50.0, 100.0, np.nan, 97.2, "naik", False),
        ]
    )
    graded = permenpanrb8.indicator_values(rows, perf.permenpanrb_8_2021)
    assert r2(graded["nilai_iki"] * graded[c.BOBOT] / 100) == [59.2, 43.6]
    out = permenpanrb8.nilai_skp(rows, perf.permenpanrb_8_2021).iloc[0]
    assert r2([out.nilai_ku, out.nilai_kt, out.nilai_skp]) == [102.8, 0.0, 102.8]


def test_kinerja_tambahan_weighted_by_k_and_capped_at_10(perf):
    rows = skp_rows(
        [
            ("utama", np.nan, 100.0, np.nan, 100.0, "naik", False),  # no bobot: equal weights
            ("utama", np.nan, 10.0, np.nan, 8.0, "turun", False),  # 120% -> 120
            ("tambahan", 10.0, 4.0, np.nan, 4.0, "naik", False),  # Baik K 80: 0.8 x 10 x 1.09
            ("tambahan", 5.0, 4.0, np.nan, 2.0, "naik", False),  # 50% SK K 20: 0.2 x 5 x 0.4153
        ]
    )
    out = permenpanrb8.nilai_skp(rows, perf.permenpanrb_8_2021).iloc[0]
    assert r2([out.nilai_ku, out.nilai_kt]) == [114.5, 9.14]  # (109 + 120) / 2; 8.72 + 0.41525
    more = pd.concat([rows, rows.tail(1).assign(**{c.BOBOT: 20.0, c.REALISASI: 4.0})])
    assert r2([permenpanrb8.nilai_skp(more, perf.permenpanrb_8_2021).iloc[0].nilai_kt]) == [10.0]


def test_nilai_kinerja_70_30_and_the_idea_rule(perf):
    rules = perf.permenpanrb_8_2021
    rows = skp_rows([("utama", 100.0, 100.0, np.nan, 130.0, "naik", False)])  # 120
    perilaku = pd.DataFrame(
        {
            c.NIP: NIP,
            c.PERIOD: "2021-S2",
            c.JENIS: "perilaku",
            c.ASPEK: ["orientasi_pelayanan", "komitmen", "inisiatif_kerja", "kerja_sama"],
            c.NILAI: [110.0, 100.0, 100.0, 110.0],
            c.IDE_BARU: False,
        }
    )
    plain = permenpanrb8.score(pd.concat([rows, perilaku], ignore_index=True), rules).iloc[0]
    assert r2([plain.nilai_skp, plain.nilai_perilaku, plain.nilai_kinerja]) == [120, 105, 115.5]
    assert plain.predikat == BAIK  # >= 110 without a new idea stays Baik
    idea = pd.concat([rows.assign(**{c.IDE_BARU: True}), perilaku], ignore_index=True)
    assert permenpanrb8.score(idea, rules).iloc[0].predikat == SANGAT_BAIK


@pytest.mark.parametrize(
    ("value", "code"),
    [(120, BAIK), (109.99, BAIK), (90, BAIK), (89.99, BUTUH_PERBAIKAN), (70, BUTUH_PERBAIKAN),
     (69.99, KURANG), (50, KURANG), (49.99, SANGAT_KURANG)],
)  # fmt: skip
def test_pp30_predikat_boundaries(perf, value, code):
    out = permenpanrb8.predikat(s(value), pd.Series([False]), perf.permenpanrb_8_2021)
    assert out.tolist() == [code]


def test_integration_2021_fifty_fifty(perf):
    s1 = pd.DataFrame({c.NIP: ["a", "b", "c"], c.NILAI_KINERJA: [85.5, 70.0, np.nan]})
    s2 = pd.DataFrame(
        {c.NIP: ["a", "b", "d"], c.NILAI_KINERJA: [102.8, 80.0, 95.0], c.IDE_BARU: False}
    )
    out = integration.integrate_2021(
        s1, s2, perf.integration_2021, perf.permenpanrb_8_2021
    ).set_index(c.NIP)
    # a: 0.5 x 85.5 x 1.2 + 0.5 x 102.8 = 51.3 + 51.4; b: 42 + 40; d: S2 only
    assert r2(out[c.NILAI_KINERJA]) == [102.7, 82.0, 95.0]
    assert out[c.PREDIKAT].tolist() == [BAIK, BUTUH_PERBAIKAN, BAIK]


# --- PermenPAN-RB 6/2022 ------------------------------------------------------------------------

MATRIX = [
    (DI_ATAS, DI_BAWAH, KURANG),
    (DI_ATAS, SESUAI, BAIK),
    (DI_ATAS, DI_ATAS, SANGAT_BAIK),
    (SESUAI, DI_BAWAH, KURANG),
    (SESUAI, SESUAI, BAIK),
    (SESUAI, DI_ATAS, BAIK),
    (DI_BAWAH, DI_BAWAH, SANGAT_KURANG),
    (DI_BAWAH, SESUAI, BUTUH_PERBAIKAN),
    (DI_BAWAH, DI_ATAS, BUTUH_PERBAIKAN),
]


@pytest.mark.parametrize(("hasil_kerja", "perilaku", "code"), MATRIX)
def test_matrix_cell_by_cell(perf, hasil_kerja, perilaku, code):
    out = permenpanrb6.matrix_predikat(
        pd.Series([hasil_kerja]), pd.Series([perilaku]), perf.permenpanrb_6_2022
    )
    assert out.tolist() == [code]


def test_labels_of_every_regime_map_onto_the_codes():
    texts = ["Sangat Baik", "BAIK", "Cukup", "Butuh  Perbaikan", "Kurang/Misconduct", "Misconduct",
             "Buruk", "Sangat Kurang", "Istimewa", "-"]  # fmt: skip
    assert predikat_code(pd.Series(texts)).tolist() == [
        SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, BUTUH_PERBAIKAN, KURANG, KURANG, SANGAT_KURANG,
        SANGAT_KURANG, pd.NA, pd.NA,
    ]  # fmt: skip


def months(codes: dict[str, list[str]]) -> pd.DataFrame:
    rows = [
        (nip, f"2024-{i + 1:02d}", code)
        for nip, seq in codes.items()
        for i, code in enumerate(seq)
        if code
    ]
    return pd.DataFrame(rows, columns=[c.NIP, c.MONTH, c.PREDIKAT])


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("median_low", {"a": BAIK, "b": BUTUH_PERBAIKAN, "c": SANGAT_BAIK}),
        ("latest", {"a": SANGAT_BAIK, "b": BAIK, "c": SANGAT_BAIK}),
        ("worst", {"a": KURANG, "b": KURANG, "c": SANGAT_BAIK}),
        ("mode_low", {"a": BAIK, "b": KURANG, "c": SANGAT_BAIK}),
    ],
)
def test_semester_from_monthly(rule, expected):
    monthly = months(
        {
            "a": [BAIK, BAIK, KURANG, BAIK, SANGAT_BAIK, SANGAT_BAIK],
            "b": [KURANG, BAIK, BUTUH_PERBAIKAN, KURANG, BAIK, None],  # 5 months: even? no, odd
            "c": [SANGAT_BAIK, SANGAT_BAIK, SANGAT_BAIK, None, None, None],
            "d": [BAIK, BAIK, None, None, None, None],  # 2 months < min 3: no result
        }
    )
    out = permenpanrb6.from_monthly(monthly, FromMonthly(rule=rule, min_months=3))
    assert dict(zip(out[c.NIP], out[c.PREDIKAT], strict=True)) == expected


def test_kurva_distribusi(perf):
    units = ["A"] * 10 + ["B"] * 5
    codes = [BAIK] * 8 + [BUTUH_PERBAIKAN, SANGAT_BAIK] + [SANGAT_BAIK] * 2 + [BUTUH_PERBAIKAN] * 3
    predikat = pd.DataFrame({c.UNIT: units, c.PREDIKAT: codes})
    org = pd.DataFrame({c.UNIT: ["A", "B"], c.PREDIKAT_ORGANISASI: ["baik", "butuh_perbaikan"]})
    out = kurva.kurva_distribusi(predikat, org, perf.kurva_distribusi).set_index(c.UNIT)
    assert out.loc["A", "violations"] == "needs at most 70% Baik, has 80.0% (8 of 10)"
    assert out.loc["B", "violations"] == (
        "needs at most 10% Sangat Baik, has 40.0% (2 of 5)"
    )  # 60% Butuh Perbaikan is exactly the minimum
    assert out["passed"].tolist() == [False, False]
    ok = kurva.kurva_distribusi(
        pd.DataFrame({c.UNIT: ["A"] * 3, c.PREDIKAT: [BAIK, BAIK, KURANG]}),
        org.head(1),
        perf.kurva_distribusi,
    )
    assert ok["passed"].tolist() == [True] and ok[c.EMPLOYEES].tolist() == [3]
