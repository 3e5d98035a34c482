"""The annual SKP to SIASN (issue 22, point 1; year-end §5.3) from hand-made files: the BKN
Penilaian SKP tahunan and SIASN's rw-skp22 record are read with both ratings and the penilai
they name, the year's fact_performance_period rows carry the ratings and the predikat of the
3x3 matrix (one employee per kuadran), an employee with monthly predikat only is listed as
needs_annual_assessment, and skp22/save carries exactly these fields."""

import json

import pandas as pd
import pytest

from formats.ekinerja import ALL_LAYOUTS, empty_frame, read_ekinerja
from formats.siasn_payloads import with_payloads
from rules.performance import cycle
from rules.performance.inputs import assessment_reasons, complete_assessments
from rules.performance.scores import semester_scores
from tests.feedback_rhk_lapkin_fixtures import (
    KABID,
    KASI_A,
    KASI_B,
    KEPALA,
    STAF_1,
    STAF_2,
    STAF_3,
    STAF_4,
    employees,
)
from vocabulary import columns as c
from vocabulary.performance import DETAILS, SKP22_SAVE

SEKDA = "196805121990031004"  # the kepala's penilai: not in the master
ATAS, SESUAI, BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
MATRIX = {
    (ATAS, ATAS): "Sangat Baik",
    (SESUAI, SESUAI): "Baik",
    (BAWAH, ATAS): "Butuh Perbaikan",
    (ATAS, BAWAH): "Kurang/Misconduct",
    (BAWAH, BAWAH): "Sangat Kurang",
}
# nip: (rating hasil kerja, rating perilaku, penilai nip) of the annual Penilaian SKP
ANNUAL = {
    KASI_A: (ATAS, ATAS, KABID),
    STAF_1: (SESUAI, SESUAI, KASI_A),
    STAF_3: (BAWAH, ATAS, KASI_B),
    STAF_2: (ATAS, BAWAH, KASI_A),
    STAF_4: (BAWAH, BAWAH, KASI_B),
}


def tahunan_csv() -> bytes:
    head = "id;nip;nama;rating_hasil_kerja;rating_perilaku;hasil_akhir;nip_penilai\n"
    body = "".join(
        f"a{i};{nip};Pegawai;{hk};{pk};{MATRIX[(hk, pk)]};{boss}\n"
        for i, (nip, (hk, pk, boss)) in enumerate(ANNUAL.items())
    )
    title = "LAPORAN PENILAIAN SKP TAHUNAN 2024\nInstansi Pemerintah Kabupaten Contoh\n\n"
    return (title + head + body).encode("utf-8")


def rw_skp22_json() -> bytes:
    """SIASN's annual records: codes instead of text, the penilai named; the kepala's penilai
    is the Sekda (outside the master), the kabid's the kepala (in it)."""
    records = [
        {"id": "skp22-1", "tahun": 2024, "nip": KEPALA, "hasilKinerjaNilai": 2,
         "perilakuKerjaNilai": 1, "kuadranKinerja": "BAIK", "nipNrpPenilai": SEKDA,
         "namaPenilai": "Sekretaris Daerah Contoh", "penilaiJabatanNama": "Sekretaris Daerah",
         "penilaiGolonganId": "44", "penilaiUnorNm": "Sekretariat Daerah",
         "statusPenilai": "ASN"},
        {"id": "skp22-2", "tahun": 2024, "nip": KABID, "hasilKinerja": SESUAI,
         "perilakuKerja": SESUAI, "kuadranKinerja": None, "nipNrpPenilai": KEPALA},
    ]  # fmt: skip
    return json.dumps({"code": 1, "data": records}).encode("utf-8")


def monthly_only() -> pd.DataFrame:
    """KASI_B: twelve monthly predikat Baik and no annual assessment."""
    return pd.DataFrame(
        {
            c.SOURCE: "bkn_penilaian",
            c.NIP: KASI_B,
            c.SKP_ID: "m-kasi-b",
            c.PERIOD: [f"2024-{m:02d}" for m in range(1, 13)],
            c.PREDIKAT: "baik",
            c.RATING_HASIL_KERJA: "sesuai_ekspektasi",
            c.RATING_PERILAKU: "sesuai_ekspektasi",
            c.IS_PLT_PLH: False,
            c.SOURCE_FILE: "penilaian.xlsx",
            c.SOURCE_LINE: range(2, 14),
        }
    )


@pytest.fixture(scope="module")
def read():
    tahunan = read_ekinerja(tahunan_csv(), "penilaian_tahunan_2024.csv", ALL_LAYOUTS)
    skp22 = read_ekinerja(rw_skp22_json(), "rw-skp22.json", ALL_LAYOUTS)
    return tahunan, skp22


@pytest.fixture(scope="module")
def year(read, nasional):
    tahunan, skp22 = read
    rows = pd.concat([tahunan.rows, skp22.rows, monthly_only()], ignore_index=True)
    rows = complete_assessments(rows.assign(**{c.SKP_PERIOD_END: pd.NaT}), nasional)
    assert assessment_reasons(rows, employees()[c.NIP], nasional).isna().all()
    rules = nasional.for_period("2024-S2").performance
    facts = semester_scores(empty_frame(DETAILS), rows, "2024-S2", rules, "nasional")
    out = cycle.siasn_rows(facts, employees(), pd.DataFrame(columns=_RHK), "2024", nasional,
                           assessments=rows)  # fmt: skip
    return facts, with_payloads(out, SKP22_SAVE).set_index(c.NIP)


_RHK = [c.NIP, c.NIP_ATASAN, c.PERIOD_START, c.PERIOD_END, c.IS_PLT_PLH]


def test_the_readers_keep_ratings_and_penilai(read):
    tahunan, skp22 = read
    assert tahunan.quarantine.empty and skp22.quarantine.empty
    assert set(tahunan.rows[c.PERIOD]) == set(skp22.rows[c.PERIOD]) == {"2024"}
    got = skp22.rows.set_index(c.NIP)
    # rw-skp22 has no periodikNama: the year; SIASN's codes 2 / 1 read as the ratings
    assert got.loc[KEPALA, [c.RATING_HASIL_KERJA, c.RATING_PERILAKU, c.PREDIKAT]].tolist() == [
        "sesuai_ekspektasi", "di_atas_ekspektasi", "baik",
    ]  # fmt: skip
    assert got.loc[KEPALA, list(c.PENILAI_COLUMNS)].tolist() == [
        SEKDA, "Sekretaris Daerah Contoh", "Sekretaris Daerah", "44", "Sekretariat Daerah", "ASN",
    ]  # fmt: skip
    assert tahunan.rows.set_index(c.NIP).loc[STAF_3, c.NIP_PENILAI] == KASI_B


def test_the_year_has_both_ratings_and_the_matrix_predikat(year):
    facts, _ = year
    y = facts[facts[c.PERIOD] == "2024"].set_index(c.NIP)
    cols = [c.RATING_HASIL_KERJA, c.RATING_PERILAKU, c.PREDIKAT, c.SOURCE]
    assert y[cols].astype(object).where(y[cols].notna(), None).to_dict("index") == {
        KEPALA: dict(zip(cols, ["sesuai_ekspektasi", "di_atas_ekspektasi", "baik",
                                "siasn_periodik"], strict=True)),
        KABID: dict(zip(cols, ["sesuai_ekspektasi", "sesuai_ekspektasi", "baik",
                               "siasn_periodik"], strict=True)),
        KASI_A: dict(zip(cols, ["di_atas_ekspektasi", "di_atas_ekspektasi", "sangat_baik",
                                "bkn_penilaian"], strict=True)),
        KASI_B: dict(zip(cols, [None, None, "baik", "monthly:median_low"], strict=True)),
        STAF_1: dict(zip(cols, ["sesuai_ekspektasi", "sesuai_ekspektasi", "baik",
                                "bkn_penilaian"], strict=True)),
        STAF_2: dict(zip(cols, ["di_atas_ekspektasi", "di_bawah_ekspektasi", "kurang",
                                "bkn_penilaian"], strict=True)),
        STAF_3: dict(zip(cols, ["di_bawah_ekspektasi", "di_atas_ekspektasi", "butuh_perbaikan",
                                "bkn_penilaian"], strict=True)),
        STAF_4: dict(zip(cols, ["di_bawah_ekspektasi", "di_bawah_ekspektasi", "sangat_kurang",
                                "bkn_penilaian"], strict=True)),
    }  # fmt: skip


def test_skp22_per_kuadran_and_needs_annual_assessment(year):
    _, rows = year
    sent = rows[rows["payload"].notna()]
    codes = sent[["hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai"]]
    assert codes.astype(int).to_dict("split")["data"] == [
        [2, 1, 2],  # KEPALA Baik
        [2, 2, 2],  # KABID Baik
        [1, 1, 1],  # KASI_A Sangat Baik
        [2, 2, 2],  # STAF_1 Baik
        [1, 3, 4],  # STAF_2 Kurang/Misconduct
        [3, 1, 3],  # STAF_3 Butuh Perbaikan
        [3, 3, 5],  # STAF_4 Sangat Kurang
    ]
    assert list(sent.index) == [KEPALA, KABID, KASI_A, STAF_1, STAF_2, STAF_3, STAF_4]
    assert rows.loc[KASI_B, c.REASON] == (
        "needs_annual_assessment: only monthly predikat exist for 2024 (monthly:median_low); "
        "skp22/save takes the atasan's annual assessment with both ratings, never an aggregate "
        "of months (year-end §5.3)"
    )
    assert json.loads(sent.loc[KEPALA, "payload"]) == {
        "nip": KEPALA,
        "id": None,
        "pnsDinilaiOrang": "A0000000000000000000000000000001",
        "tahun": 2024,
        "hasilKinerjaNilai": 2,
        "perilakuKerjaNilai": 1,
        "kuadranKinerjaNilai": 2,
        "penilaiNipNrp": SEKDA,
        "penilaiNama": "Sekretaris Daerah Contoh",
        "penilaiJabatan": "Sekretaris Daerah",
        "penilaiGolongan": "44",
        "penilaiUnorNama": "Sekretariat Daerah",
        "statusPenilai": "ASN",
        "path": [],
    }
    # the kabid's record names only the penilai's NIP: the rest from the master
    kabid = json.loads(sent.loc[KABID, "payload"])
    assert [kabid[k] for k in ("penilaiNipNrp", "penilaiNama", "penilaiJabatan",
                               "penilaiGolongan")] == [
        KEPALA, "Pegawai 1", "Kepala Dinas Kesehatan", "43",
    ]  # fmt: skip
