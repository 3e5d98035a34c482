"""The performance cycle end to end on a hand-made dinas (tests/feedback_rhk_lapkin_
fixtures.py, write_cycle_inbox): the 360 worked example through the semester scores (82.6 ->
94.72 Baik at 60/40, the colleague without 360 at 70/30), the 6/2022 summary beside the
predikat, the RHK cascade and its warning checks, e-Lapkin per employee and unit, tindak lanjut,
and the SIASN export by the asset and by the CLI. One module-scoped run; expected values
computed by hand."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from assets.export import siasn_export
from assets.partitions import partition_of, semester_key
from assets.performance.cascading import cascading, warehouse_cascade
from assets.performance.follow_up import tindak_lanjut_monthly, warehouse_cycle_month
from assets.performance.lapkin import lapkin_compliance_monthly, lapkin_monthly
from assets.performance.scores import (
    ekinerja_exports,
    performance_monthly,
    skp_compliance_monthly,
    warehouse_ekinerja,
    warehouse_performance_month,
)
from assets.reference import employees, leave_records
from pipelines.cli import main
from pipelines.jobs import SEMESTER_ASSETS
from tests.conftest import Pipeline
from tests.feedback_rhk_lapkin_fixtures import (
    DINKES,
    DISDIK,
    KABID,
    KASI_A,
    KASI_B,
    KEPALA,
    OTHER,
    STAF_1,
    STAF_2,
    STAF_3,
    STAF_4,
    write_cycle_inbox,
)

INBOX_AND_MONTH = [
    employees,
    leave_records,
    ekinerja_exports,
    warehouse_ekinerja,
    cascading,
    warehouse_cascade,
    performance_monthly,
    skp_compliance_monthly,
    warehouse_performance_month,
    lapkin_monthly,
    lapkin_compliance_monthly,
    tindak_lanjut_monthly,
    warehouse_cycle_month,
]


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [
        tuple(None if v is None or v is pd.NA or v != v else v for v in r)
        for r in frame[columns].itertuples(index=False)
    ]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("cycle")
    write_cycle_inbox(root / "inbox")
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(
            inbox=root / "inbox",
            state=root / "state",
            url=f"duckdb:///{root}/state/warehouse.duckdb",
            instance=instance,
        )
        results = {}

        def go(assets, key, name, **kw):
            results[name] = dg.materialize(
                assets, partition_key=key, resources=p.resources(), instance=instance, **kw
            )
            assert results[name].success

        semester = [employees, ekinerja_exports, warehouse_ekinerja, *SEMESTER_ASSETS]
        go(semester, semester_key("2021-S2"), "2021-S2")
        go(INBOX_AND_MONTH, partition_of("2024-02"), "2024-02")
        go(INBOX_AND_MONTH, partition_of("2024-03"), "2024-03")
        go(semester, semester_key("2024-S1"), "2024-S1")
        (root / "readback.csv").write_text(f"nip,id\n{STAF_1},RIW-77\n")
        config = {"period": "2024-03", "out": str(root / "asset"), "readback": ""}
        results["siasn"] = dg.materialize(
            [employees, ekinerja_exports, siasn_export],
            resources=p.resources(),
            instance=instance,
            run_config={"ops": {"siasn_export": {"config": config}}},
        )
        yield p, results, root


def test_360_worked_example_through_the_semester_scores(run):
    p, _, _ = run
    f = p.table("fact_performance_period", ["period", "nip"])
    got = rows(f[f.period == "2021-S2"], ["nip", "nilai_skp", "nilai_perilaku", "nilai_kinerja",
                                          "predikat"])  # fmt: skip
    # KASI_A: 0.6 x 85 + 0.2 x 78 + 0.2 x 80 = 82.6; 0.6 x 102.8 + 0.4 x 82.6 = 94.72 (tax-360
    # §2.2); KASI_B has no 360: the atasan's 85 at 70/30 = 71.96 + 25.5 = 97.46
    assert got == [
        (KASI_A, Decimal("102.80"), Decimal("82.60"), Decimal("94.72"), "baik"),
        (KASI_B, Decimal("102.80"), Decimal("85.00"), Decimal("97.46"), "baik"),
    ]
    agg = p.table("fact_perilaku_360")
    assert rows(agg, ["nip", "period", "regime", "raters", "nilai_atasan", "nilai_rekan",
                      "nilai_bawahan", "nilai_perilaku_360", "with_360"]) == [
        (KASI_A, "2021-S2", "permenpanrb_8_2021", 4, Decimal("85.00"), Decimal("78.00"),
         Decimal("80.00"), Decimal("82.60"), True),
    ]  # fmt: skip


def test_360_rows_quarantine_and_the_6_2022_summary(run):
    p, _, _ = run
    feedback = p.table("fact_feedback_360")
    assert len(feedback) == 24 and set(feedback.columns) >= {"nip_penilai", "relasi", "skor"}
    assert "umpan_balik" not in feedback.columns  # free text stays in the inbox
    q = p.table("quarantine", ["asset", "line"])
    q = q[q.asset == "feedback_360"]
    assert rows(q, ["file", "line", "reason"]) == [
        ("ekinerja/umpan_balik_360.csv", 26,
         "self-rating: the rater is the ratee and the profile does not allow it"),
    ]  # fmt: skip
    audit = p.table("load_audit", ["asset", "loaded_at"])
    one = audit[audit.asset == "feedback_360"].iloc[-1]
    assert (one.rows_in, one.rows_valid, one.rows_quarantined) == (25, 24, 1)
    # 6/2022: STAF_1 rated by his kasi (2 x Sesuai) and three peers (Di Atas 1, Sesuai 3, Di
    # Bawah 2): 2 of 8 below expectation = 25 %, beside the atasan's Sesuai / Baik, unchanged
    s = p.table("fact_feedback_360_summary")
    assert rows(s, ["nip", "period", "raters", "ratings", "n_di_atas", "n_sesuai", "n_di_bawah",
                    "pct_di_bawah", "rating_perilaku", "predikat"]) == [
        (STAF_1, "2024-S1", 4, 8, 1, 5, 2, Decimal("25.00"), "sesuai_ekspektasi", "baik"),
    ]  # fmt: skip
    counts = p.table("fact_feedback_360_counts", ["relasi", "rating"])
    assert rows(counts, ["relasi", "rating", "n"]) == [
        ("atasan", "sesuai_ekspektasi", 2),
        ("rekan_setingkat", "di_atas_ekspektasi", 1),
        ("rekan_setingkat", "di_bawah_ekspektasi", 2),
        ("rekan_setingkat", "sesuai_ekspektasi", 3),
    ]


def test_cascade_facts_score_and_warnings(run):
    p, results, _ = run
    facts = p.table("fact_rhk_cascade", ["rhk_id"])
    assert rows(facts, ["rhk_id", "link", "parent_id", "link_status", "depth", "in_cycle",
                        "root_id", "intervened_by"]) == [
        ("A1", "id", "B1", "aligned", 3, False, "R1", 1),
        ("B1", "id", "R1", "aligned", 2, False, "R1", 1),
        ("B2", "text", "R2", "aligned", 2, False, "R2", 0),  # words reordered: 100
        ("C1", "id", "C2", "wrong_atasan", None, True, None, 0),
        ("C2", "id", "C1", "wrong_atasan", None, True, None, 0),
        ("R1", "none", None, "root", 1, False, "R1", 1),
        ("R2", "none", None, "root", 1, False, "R2", 1),
        ("S1", "id", "RHK-HAPUS", "orphan", 1, False, "S1", 0),
        ("T1", "id", "A1", "aligned", 4, False, "R1", 0),
        ("T2", "none", None, "unlinked", 1, False, "T2", 0),
        ("T3", "none", None, "tambahan", 1, False, "T3", 0),
    ]  # fmt: skip
    assert facts.set_index("rhk_id").loc["B2", "match_score"] == Decimal("100.00")
    score = p.table("fact_cascade_score")
    # alignment 4 aligned / (10 utama - 2 roots) = 50 %; coverage: of the 6 utama RHK of
    # atasan (R1 R2 B1 B2 A1 S1) 4 are intervened = 66.67 %; score 0.5 x 50 + 0.5 x 66.67
    assert rows(score, ["unit", "period", "rhk", "utama", "roots", "aligned", "orphans",
                        "unlinked", "misaligned", "text_links", "in_cycle", "too_deep",
                        "max_depth", "atasan_rhk", "covered", "alignment_pct", "coverage_pct",
                        "cascade_score"]) == [
        (DINKES, "2024", 11, 10, 2, 4, 1, 1, 2, 1, 2, 0, 4, 6, 4, Decimal("50.00"),
         Decimal("66.67"), Decimal("58.34")),
    ]  # fmt: skip
    checks = {e.check_name: e for e in results["2024-03"].get_asset_check_evaluations()}
    orphans, cycles = checks["rhk_cascade_orphans"], checks["rhk_cascade_cycles"]
    assert (orphans.passed, orphans.severity) == (False, dg.AssetCheckSeverity.WARN)
    assert [r["warning"] for r in orphans.metadata["daftar (list)"].value] == [
        "RHK S1 intervenes an RHK that does not exist or matches none above the threshold",
        "utama RHK T2 intervenes no atasan RHK",
    ]
    assert [r["warning"] for r in cycles.metadata["daftar (list)"].value] == [
        "RHK C1 is in a cycle of intervened RHK",
        "RHK C2 is in a cycle of intervened RHK",
    ]
    assert not cycles.passed and cycles.severity == dg.AssetCheckSeverity.WARN


def test_lapkin_per_employee_and_unit(run):
    p, _, _ = run
    m = p.table("fact_lapkin_monthly", ["month", "nip"])
    march = m[(m.month == "2024-03") & (m.reports > 0)]
    cols = ["nip", "unit", "reports", "days_reported", "days_verified", "minutes_reported",
            "minutes_approved", "reports_decided", "reports_on_time", "workdays",
            "minutes_target", "basis", "kinerja_pct", "leave_workdays",
            "minutes_credited"]  # fmt: skip
    # STAF_1: 240 + 120 verified on 1 March (credited 300, the day's cap), 300 pending, 60
    # rejected and written 7 days late; March 2024 has 18 working days (Nyepi, its cuti bersama
    # and Good Friday off): the yardstick is 18 x 300 = 5,400 (issue 22)
    assert rows(march, cols) == [
        (STAF_1, DINKES, 4, 3, 1, 720, 360, 3, 3, 18, 5400, "predikat", None, 0, 300),
        (STAF_2, DINKES, 1, 1, 1, 480, 480, 1, 1, 18, 5400, "predikat", None, 0, 300),
        (OTHER, DISDIK, 1, 1, 1, 200, 200, 1, 1, 18, 5400, "predikat", None, 0, 200),
    ]
    assert len(m[m.month == "2024-03"]) == 9  # everyone active, reported or not
    k = p.table("fact_lapkin_compliance", ["period", "unit"])
    assert rows(k[k.period == "2024-03"], ["unit", "employees", "reported", "assessed", "on_time",
                                           "reports", "reports_on_time"]) == [
        (DINKES, 8, 2, 2, 1, 5, 4),
        (DISDIK, 1, 1, 1, 1, 1, 1),
    ]  # fmt: skip
    q = p.table("quarantine", ["asset", "line"])
    assert rows(q[q.asset == "lapkin_reports"], ["line", "reason"]) == [
        (9, "menit is more than a day (1440); contract: menit outside 0-1440"),
        (10, "nip 199901012020011099 is not in the employee master"),
    ]


def test_tindak_lanjut_of_the_month(run):
    p, _, _ = run
    t = p.table("fact_tindak_lanjut", ["period", "unit", "rule", "nip"])
    assert rows(t[t.period == "2024-03"], ["unit", "nip", "rule", "since", "periods"]) == [
        (DINKES, KEPALA, "never_assessed", "2010-01", None),
        (DINKES, STAF_4, "never_assessed", "2010-01", None),
        (DINKES, STAF_4, "no_skp", "2024-03", None),
        (DINKES, STAF_2, "predikat_below_baik_consecutive", "2024-02", 2),
        (DISDIK, OTHER, "no_skp", "2024-03", None),
    ]
    detail = t.set_index(["period", "nip", "rule"]).detail
    assert detail[("2024-03", STAF_2, "predikat_below_baik_consecutive")] == (
        "predikat Butuh Perbaikan in 2024-02, Butuh Perbaikan in 2024-03"
    )
    engine = p.engine()
    try:
        report = pd.read_sql(
            "SELECT unit, rule, employees FROM reporting.tindak_lanjut_per_unit "
            "WHERE period = '2024-03' ORDER BY unit, rule",
            engine,
        )
    finally:
        engine.dispose()
    assert rows(report, ["unit", "rule", "employees"]) == [
        (DINKES, "never_assessed", 2),
        (DINKES, "no_skp", 1),
        (DINKES, "predikat_below_baik_consecutive", 1),
        (DISDIK, "no_skp", 1),
    ]


def _payloads(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_siasn_export_asset_and_cli_write_the_same_files(run, monkeypatch, capsys):
    p, results, root = run
    assert results["siasn"].success
    asset_dir = root / "asset"
    got = _payloads(asset_dir / "kinerjaperiodik_save_2024-03.jsonl")
    # sorted by NIP; kuadran from the matrix (STAF_3 Sesuai x Di Bawah = 4 Kurang/Misconduct);
    # penilai = nip_atasan of the RHK export; only functional positions have a koefisienId
    assert [
        (x["nip"], x["hasilKinerjaNilai"], x["perilakuKerjaNilai"], x["kuadranKinerjaNilai"],
         x["penilaiNipNrp"], x["penilaiGolongan"], x["koefisienId"])
        for x in got
    ] == [
        (STAF_1, 1, 2, 2, KASI_A, "34", "12"),  # Perawat Ahli Pertama
        (STAF_3, 2, 3, 4, KASI_B, "33", "22"),  # Epidemiolog Kesehatan Ahli Muda
    ]  # fmt: skip
    staf_1 = got[0]
    assert staf_1 == {
        "nip": STAF_1, "id": None, "pnsDinilaiId": "A" + "0" * 30 + "5", "tahun": 2024,
        "periodikId": "1", "koefisienId": "12", "bulanMulaiPenilaian": 3,
        "bulanSelesaiPenilaian": 3, "tahunMulaiPenilaian": 2024, "tahunSelesaiPenilaian": 2024,
        "hasilKinerjaNilai": 1, "perilakuKerjaNilai": 2, "kuadranKinerjaNilai": 2,
        "penilaiNipNrp": KASI_A, "penilaiNama": "Pegawai 3",
        "penilaiJabatanNama": "Kepala Seksi Rujukan", "penilaiGolongan": "34",
        "penilaiUnorNama": DINKES, "statusPenilai": "ASN", "path": [],
    }  # fmt: skip
    review = pd.read_csv(asset_dir / "siasn_2024-03.csv", dtype=str)
    assert review.nip.tolist() == sorted([KABID, KASI_A, STAF_1, STAF_2, STAF_3, OTHER])
    assert review.set_index("nip").reason[OTHER] == (
        "no SIASN id (siasn_id) in the employee master: not guessed"
    )

    monkeypatch.setenv("KINERJA_INBOX", str(p.inbox))
    monkeypatch.setenv("KINERJA_STATE_DIR", str(p.state))
    monkeypatch.setenv("KINERJA_WAREHOUSE_URL", p.url)
    out = root / "cli"
    assert main(["export", "siasn", "--month", "2024-03", "--out", str(out)]) == 0
    for name in ("kinerjaperiodik_save_2024-03.jsonl", "siasn_2024-03.csv"):
        assert (out / name).read_bytes() == (asset_dir / name).read_bytes()
    first = (out / "siasn_2024-03.csv").read_bytes()
    assert main(["export", "siasn", "--month", "2024-03", "--out", str(out)]) == 0
    assert (out / "siasn_2024-03.csv").read_bytes() == first  # idempotent
    printed = capsys.readouterr().out
    assert "SIASN kinerjaperiodik/save 2024-03: 2 payload(s)" in printed
    assert "not sent (1): no SIASN id (siasn_id) in the employee master: not guessed" in printed
    # the riwayat id read back from SIASN is kept: a resend updates the record
    readback = ["--readback", str(root / "readback.csv")]
    assert main(["export", "siasn", "--month", "2024-03", "--out", str(out), *readback]) == 0
    ids = {x["nip"]: x["id"] for x in _payloads(out / "kinerjaperiodik_save_2024-03.jsonl")}
    assert ids[STAF_1] == "RIW-77" and ids[STAF_3] is None
    # a semester has no SIASN code: refused in words, nothing written
    capsys.readouterr()
    assert main(["export", "siasn", "--semester", "2024-S1", "--out", str(out)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("Not exported: 2024-S1: SIASN has no semester record.")
    assert not (out / "kinerjaperiodik_save_2024-S1.jsonl").exists()
