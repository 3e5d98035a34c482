"""SIASN payloads (issue 16, tax-360 §4; issue 22, year-end §5) for hand-made rows: every field
of each endpoint, the codes, kuadran by the 3x3 matrix (not max()), koefisienId never empty, a
semester refused, the schemas, stable ids and a read-back id."""

import datetime as dt
import json

import pandas as pd
import pytest

from formats.siasn_payloads import validate_payloads, with_payloads
from rules.performance import cycle, siasn
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
from vocabulary.performance import DI_ATAS, DI_BAWAH, KINERJA_PERIODIK_SAVE, SESUAI, SKP22_SAVE

# nip: (rating hasil kerja, rating perilaku, predikat of fact_performance_period)
RESULTS = {
    STAF_1: (SESUAI, SESUAI, "baik"),
    STAF_2: (DI_ATAS, DI_BAWAH, "kurang"),  # max(1, 3) would say 3; the matrix says 4
    STAF_3: (DI_BAWAH, DI_ATAS, "butuh_perbaikan"),
    STAF_4: (DI_BAWAH, DI_BAWAH, "sangat_kurang"),
    KASI_A: (DI_ATAS, DI_ATAS, "sangat_baik"),
    KASI_B: (None, None, "baik"),  # no ratings
    KABID: (SESUAI, SESUAI, "baik"),  # no pejabat penilai in the plans
    OTHER: (SESUAI, SESUAI, "baik"),  # no SIASN id in the master
}


def facts(period: str) -> pd.DataFrame:
    kind = {4: "year"}.get(len(period)) or {"S": "semester", "Q": "quarter"}.get(period[5], "month")
    frame = pd.DataFrame(
        [
            {
                c.NIP: n,
                c.PERIOD: period,
                c.PERIOD_KIND: kind,
                c.RATING_HASIL_KERJA: hk,
                c.RATING_PERILAKU: pk,
                c.PREDIKAT: p,
                c.SOURCE: "bkn_penilaian",
            }
            for n, (hk, pk, p) in RESULTS.items()
        ]
    )
    return frame.astype("string")


def plans() -> pd.DataFrame:
    boss = {STAF_1: KASI_A, STAF_2: KASI_A, STAF_3: KASI_B, STAF_4: KASI_B, KASI_A: KABID}
    boss |= {KASI_B: KABID, OTHER: KEPALA}
    frame = pd.DataFrame({c.NIP: list(boss), c.NIP_ATASAN: list(boss.values())})
    frame[c.PERIOD_START] = pd.Timestamp("2024-01-01")
    frame[c.PERIOD_END] = pd.Timestamp("2024-12-31")
    frame[c.IS_PLT_PLH] = False
    # a Plt SKP of STAF_1 under the kabid does not replace the definitive one
    plt = frame.head(1).assign(**{c.NIP_ATASAN: KABID, c.IS_PLT_PLH: True})
    return pd.concat([frame, plt], ignore_index=True)


@pytest.fixture(scope="module")
def perf(nasional):
    return nasional.version_for(dt.date(2024, 1, 1)).performance


def export(perf, period, readback=None):
    first, last = pd.Timestamp(f"{period[:4]}-01-01"), pd.Timestamp(f"{period[:4]}-12-31")
    assessors = siasn.assessors_of(plans(), employees(), first, last)
    rows = siasn.siasn_results(facts(period), employees(), assessors, period, perf, readback)
    return with_payloads(rows, cycle.siasn_endpoint(period))


def test_month_payloads_every_field(perf):
    rows = export(perf, "2024-03").set_index(c.NIP)
    sent = rows[rows[c.REASON].isna()]
    # pelaksana and struktural have no koefisienId: listed, not sent (below)
    assert sorted(sent.index) == sorted([STAF_1, STAF_3, STAF_4])
    assert json.loads(sent.loc[STAF_1, "payload"]) == {
        "nip": STAF_1,
        "id": None,
        "pnsDinilaiId": "A0000000000000000000000000000005",
        "tahun": 2024,
        "periodikId": "1",
        "koefisienId": "12",  # Perawat Ahli Pertama
        "bulanMulaiPenilaian": 3,
        "bulanSelesaiPenilaian": 3,
        "tahunMulaiPenilaian": 2024,
        "tahunSelesaiPenilaian": 2024,
        "hasilKinerjaNilai": 2,
        "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 2,
        "penilaiNipNrp": KASI_A,
        "penilaiNama": "Pegawai 3",
        "penilaiJabatanNama": "Kepala Seksi Rujukan",
        "penilaiGolongan": "34",  # III/d
        "penilaiUnorNama": "Dinas Kesehatan",
        "statusPenilai": "ASN",
        "path": [],
    }
    codes = rows[["hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai"]]
    assert codes.loc[[KASI_A, STAF_1, STAF_2, STAF_3, STAF_4]].astype(int).to_dict("index") == {
        KASI_A: {"hasilKinerjaNilai": 1, "perilakuKerjaNilai": 1, "kuadranKinerjaNilai": 1},
        STAF_1: {"hasilKinerjaNilai": 2, "perilakuKerjaNilai": 2, "kuadranKinerjaNilai": 2},
        STAF_2: {"hasilKinerjaNilai": 1, "perilakuKerjaNilai": 3, "kuadranKinerjaNilai": 4},
        STAF_3: {"hasilKinerjaNilai": 3, "perilakuKerjaNilai": 1, "kuadranKinerjaNilai": 3},
        STAF_4: {"hasilKinerjaNilai": 3, "perilakuKerjaNilai": 3, "kuadranKinerjaNilai": 5},
    }
    assert sent["koefisienId"].to_dict() == {STAF_1: "12", STAF_3: "22", STAF_4: "62"}
    assert rows.loc[STAF_3, "penilaiNipNrp"] == KASI_B
    assert (rows[c.ENDPOINT] == KINERJA_PERIODIK_SAVE).all()
    assert "pnsDinilaiOrang" not in rows.columns and "penilaiJabatan" not in rows.columns


def test_rows_that_cannot_be_sent_are_listed_with_the_reason(perf):
    rows = export(perf, "2024-03").set_index(c.NIP)
    assert rows.loc[[OTHER, KASI_B, KABID, KASI_A, STAF_2], c.REASON].tolist() == [
        "no SIASN id (siasn_id) in the employee master: not guessed",
        "no rating hasil kerja / perilaku in the assessment: SIASN needs both",
        "no pejabat penilai of the SKP in the employee master",
        "koefisienId is required by kinerjaperiodik/save and unknown for a position that is "
        "not functional ('Struktural'; profile performance.siasn.koefisien_for_non_jf, "
        "year-end §5.2): not sent empty",
        "koefisienId is required by kinerjaperiodik/save and unknown for a position that is "
        "not functional ('Pelaksana'; profile performance.siasn.koefisien_for_non_jf, "
        "year-end §5.2): not sent empty",
    ]
    assert rows.loc[[OTHER, KASI_B, KABID, KASI_A, STAF_2], "payload"].isna().all()
    # a region that learns the JA/JPT code sets it; the rows are then sent with it
    with_code = perf.model_copy(
        update={"siasn": perf.siasn.model_copy(update={"koefisien_for_non_jf": "99"})}
    )
    again = export(with_code, "2024-03").set_index(c.NIP)
    assert json.loads(again.loc[STAF_2, "payload"])["koefisienId"] == "99"
    assert json.loads(again.loc[STAF_1, "payload"])["koefisienId"] == "12"


def test_quarter_is_periodik_2_and_a_semester_is_refused_in_words(perf):
    quarter = export(perf, "2024-Q1").set_index(c.NIP)
    payload = json.loads(quarter.loc[STAF_3, "payload"])
    assert [payload[k] for k in ("periodikId", "bulanMulaiPenilaian", "bulanSelesaiPenilaian")] == [
        "2",
        1,
        3,
    ]
    assert (payload["tahunMulaiPenilaian"], payload["tahunSelesaiPenilaian"]) == (2024, 2024)
    assert quarter[c.REASON].isna().sum() == 3
    words = (
        "2024-S1: SIASN has no semester record. kinerjaperiodik/save knows periodikId 1 "
        "(Bulanan) and 2 (Triwulanan) only (year-end §5.2), and a semester's ratings are not two "
        "quarters' ratings, so nothing is sent: export the quarters (--quarter 2024-Q1 and the "
        "next) or the months, or the year (--year) for the annual SKP"
    )
    assert siasn.refusal("2024-S1") == words
    with pytest.raises(ValueError, match="SIASN has no semester record"):
        export(perf, "2024-S1")
    with pytest.raises(ValueError, match="SIASN has no semester record"):
        cycle.siasn_endpoint("2024-S2")
    assert siasn.refusal("2024-Q4") is None and siasn.refusal("2024") is None


def test_year_is_skp22_and_a_year_of_monthly_predikat_needs_an_annual_assessment(perf):
    year = export(perf, "2024")
    payload = json.loads(year.set_index(c.NIP).loc[STAF_2, "payload"])
    assert list(payload) == [
        "nip", "id", "pnsDinilaiOrang", "tahun", "hasilKinerjaNilai", "perilakuKerjaNilai",
        "kuadranKinerjaNilai", "penilaiNipNrp", "penilaiNama", "penilaiJabatan",
        "penilaiGolongan", "penilaiUnorNama", "statusPenilai", "path",
    ]  # fmt: skip
    assert (payload["hasilKinerjaNilai"], payload["perilakuKerjaNilai"]) == (1, 3)
    assert payload["kuadranKinerjaNilai"] == 4
    # skp22/save needs no koefisienId: the struktural and the pelaksana are sent
    assert (year[c.ENDPOINT] == SKP22_SAVE).all() and year[c.REASON].isna().sum() == 5
    derived = facts("2024")
    derived.loc[derived[c.NIP] == KASI_B, c.SOURCE] = "monthly:median_low"
    rows = siasn.siasn_results(
        derived,
        employees(),
        siasn.assessors_of(
            plans(), employees(), pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31")
        ),
        "2024",
        perf,
    ).set_index(c.NIP)
    assert rows.loc[KASI_B, c.REASON] == (
        "needs_annual_assessment: only monthly predikat exist for 2024 (monthly:median_low); "
        "skp22/save takes the atasan's annual assessment with both ratings, never an aggregate "
        "of months (year-end §5.3)"
    )


def test_before_2022_nothing_is_sent(perf):
    rows = export(perf, "2021")
    assert rows[c.REASON].str.startswith("SIASN kinerja payloads start in 2022").all()


def test_ids_are_stable_and_a_read_back_id_is_kept(perf):
    a, b = export(perf, "2024-03"), export(perf, "2024-03")
    pd.testing.assert_frame_equal(a, b)
    assert a[c.EXPORT_ID].is_unique and a[c.EXPORT_ID].str.len().eq(36).all()
    readback = pd.DataFrame({c.NIP: [STAF_1], c.PERIOD: ["2024-03"], c.SIASN_RIWAYAT_ID: ["rw-77"]})
    again = export(perf, "2024-03", readback).set_index(c.NIP)
    assert json.loads(again.loc[STAF_1, "payload"])["id"] == "rw-77"
    assert again.loc[STAF_1, c.EXPORT_ID] == a.set_index(c.NIP).loc[STAF_1, c.EXPORT_ID]
    assert pd.isna(json.loads(again.loc[STAF_3, "payload"])["id"])


def test_schema_rejects_a_broken_payload(perf):
    good = json.loads(export(perf, "2024-03").set_index(c.NIP).loc[STAF_1, "payload"])
    broken = {**good, "hasilKinerjaNilai": 4, "bulanMulaiPenilaian": 13, "extra": 1}
    broken["koefisienId"] = ""
    del broken["tahun"]
    errors = validate_payloads([good, broken], KINERJA_PERIODIK_SAVE)
    assert pd.isna(errors[0])
    assert errors[1] == (
        "(payload): 'tahun' is a required property; "
        "(payload): Additional properties are not allowed ('extra' was unexpected); "
        "bulanMulaiPenilaian: 13 is greater than the maximum of 12; "
        "hasilKinerjaNilai: 4 is not one of [1, 2, 3]; "
        "koefisienId: '' does not match '^[1-9][0-9]*$'"
    )
    # the annual payload fails the periodic schema: its names are not the periodic ones
    year = json.loads(export(perf, "2024").set_index(c.NIP).loc[STAF_1, "payload"])
    assert validate_payloads([year], SKP22_SAVE).isna().all()
    periodic_errors = validate_payloads([year], KINERJA_PERIODIK_SAVE)[0]
    assert "'pnsDinilaiId' is a required property" in periodic_errors
    assert "'penilaiJabatanNama' is a required property" in periodic_errors
    assert "('penilaiJabatan', 'pnsDinilaiOrang' were unexpected)" in periodic_errors
