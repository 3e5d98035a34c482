"""The performance slice end to end on real-layout e-Kinerja exports (tests/ekinerja_fixtures.py)
for the March 2024 employees: the monthly predikat, compliance and kurva of 2024-03, the
semester 2024-S1 derived from monthly predikat, and a semester backfill over 2021 (PP 46 in S1,
PermenPAN-RB 8/2021 in S2, the integrated year). Expected values computed by hand."""

import shutil
from decimal import Decimal

import dagster as dg
import pandas as pd
import pytest

from assets.partitions import partition_of
from assets.performance.scores import ekinerja_exports, warehouse_ekinerja
from assets.reference import employees
from pipelines.jobs import SEMESTER_ASSETS
from tests.conftest import E1, E2, E3, E4, E5, E7, MARCH_2024, Pipeline
from tests.ekinerja_fixtures import OUTSIDER, write_2021, write_2024


def run_semester(p, key: str) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [employees, ekinerja_exports, warehouse_ekinerja, *SEMESTER_ASSETS],
        partition_key=key,
        resources=p.resources(),
        instance=p.instance,
    )


def facts(p, prefix: str) -> list[tuple]:
    f = p.table("fact_performance_period", ["period", "nip"])
    f = f[f.period.str.startswith(prefix)]
    cols = [
        "nip",
        "period",
        "period_kind",
        "regime",
        "nilai_skp",
        "nilai_perilaku",
        "nilai_kinerja",
        "rating_hasil_kerja",
        "rating_perilaku",
        "predikat",
        "source",
    ]
    return [tuple(None if pd.isna(v) else v for v in row) for row in f[cols].itertuples(False)]


def compliance(p, period: str) -> dict[str, tuple]:
    k = p.table("fact_skp_compliance", ["unit"])
    k = k[k.period == period]
    return {r.unit: (r.employees, r.with_skp, r.approved, r.assessed) for r in k.itertuples()}


@pytest.fixture
def month_run(pipeline):
    """March 2024 computed for a test that writes more (the semester) on top of it."""
    write_2024(pipeline.inbox)
    result = pipeline.run("2024-03")
    assert result.success
    return pipeline, result


@pytest.fixture(scope="module")
def month_read(tmp_path_factory):
    """March 2024 computed once for the tests that only read it."""
    tmp = tmp_path_factory.mktemp("performance")
    shutil.copytree(MARCH_2024, tmp / "inbox")
    write_2024(tmp / "inbox")
    with dg.DagsterInstance.ephemeral() as instance:
        p = Pipeline(tmp / "inbox", tmp / "state", f"duckdb:///{tmp}/w.duckdb", instance)
        result = p.run("2024-03")
        assert result.success
        yield p, result


def test_monthly_predikat_is_the_tpp_interface(month_read):
    p, result = month_read
    monthly = result.output_for_node("performance_monthly")
    assert list(monthly.columns) == [
        "nip",
        "month",
        "predikat",
        "rating_hasil_kerja",
        "rating_perilaku",
        "regime",
        "source",
    ]
    got = [tuple(None if pd.isna(v) else v for v in r) for r in monthly.itertuples(index=False)]
    assert got == [
        # BKN before SIASN (the SIASN 'Baik' of E1 loses)
        (
            E1,
            "2024-03",
            "sangat_baik",
            "di_atas_ekspektasi",
            "di_atas_ekspektasi",
            "permenpanrb_6_2022",
            "bkn_penilaian",
        ),
        # mutasi: the SKP with the latest periode_akhir (s4b, Baik) wins over s4a (Kurang)
        (E4, "2024-03", "baik", None, None, "permenpanrb_6_2022", "bkn_penilaian"),
        # SIASN without kuadranKinerja: Sesuai x Di Bawah = Kurang/Misconduct by the matrix
        (
            E5,
            "2024-03",
            "kurang",
            "sesuai_ekspektasi",
            "di_bawah_ekspektasi",
            "permenpanrb_6_2022",
            "siasn_periodik",
        ),
        # the Plt/Plh SKP's Sangat Baik does not replace the definitive SKP's assessment
        (
            E3,
            "2024-03",
            "butuh_perbaikan",
            "di_bawah_ekspektasi",
            "sesuai_ekspektasi",
            "permenpanrb_6_2022",
            "bkn_penilaian",
        ),
    ]  # fmt: skip  (sorted by NIP; E2 '-' not assessed, E6 quarantined, E7: no row)
    published = facts(p, "2024-03")
    assert [(r[0], r[2], r[9], r[10]) for r in published] == [
        (E1, "month", "sangat_baik", "bkn_penilaian"),
        (E4, "month", "baik", "bkn_penilaian"),
        (E5, "month", "kurang", "siasn_periodik"),
        (E3, "month", "butuh_perbaikan", "bkn_penilaian"),
    ]
    assert set(p.table("fact_performance_period").profile) == {"nasional"}


def test_compliance_and_kurva_of_the_month(month_read):
    p, result = month_read
    assert compliance(p, "2024-03") == {
        # employees active in March, with an SKP covering March, approved, assessed
        "Dinas Kesehatan": (3, 2, 1, 1),  # E1, E2 (draft), E6 (no SKP)
        "BKPSDM": (1, 1, 1, 1),
        "Kecamatan Timur": (1, 1, 1, 1),  # s4b covers March, s4a ended in February
        "Dinas Pendidikan": (1, 0, 0, 1),  # assessed through SIASN without an SKP export
        "Inspektorat": (1, 0, 0, 0),  # E7, retired on 15 March
    }
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    kurva = checks["performance_monthly_kurva_distribusi"]
    assert not kurva.passed and kurva.severity == dg.AssetCheckSeverity.WARN
    assert kurva.metadata["pelanggaran kuota (violations)"].value == {
        "Dinas Kesehatan 2024-03": "needs at least 1 employee(s) Butuh Perbaikan or "
        "Kurang/Misconduct, has 0.0% (0 of 1)",
    }  # BKPSDM: 1 of 1 Butuh Perbaikan meets its quota
    assert checks["performance_monthly_contract"].passed


def test_quarantine_and_audit_of_the_exports(month_read):
    p, _ = month_read
    q = p.table("quarantine", ["asset", "file", "line"])
    q = q[q.asset.isin(["skp_plans", "performance_assessments"])]
    got = [(r.asset, r.file.split("/")[-1], r.line, r.reason) for r in q.itertuples()]
    assert got == [
        (
            "performance_assessments",
            "penilaian_mar.xlsx",
            14,
            "hasil_akhir 'Cukup Baik' is not a predikat (Sangat Baik, Baik, Butuh Perbaikan, "
            "Kurang/Misconduct, Sangat Kurang) nor '-' for not assessed",
        ),
        (
            "performance_assessments",
            "penilaian_mar.xlsx",
            15,
            "duplicate assessment of the same SKP; first at ekinerja/penilaian_mar.xlsx:8",
        ),
        (
            "performance_assessments",
            "rw-kinerjaperiodik.json",
            2,
            "conflicting assessment: this siasn_periodik row says Baik; the bkn_penilaian row at "
            "ekinerja/penilaian_mar.xlsx:8 says Sangat Baik and holds (docs/performance.md, "
            "which assessment counts; profile permenpanrb_6_2022.source_priority)",
        ),
        (
            "performance_assessments",
            "rw-kinerjaperiodik.json",
            3,
            "predikat Baik disagrees with the matrix for its ratings (Sangat Kurang); correct "
            "the export or the ratings",
        ),
        (
            "performance_assessments",
            "rw-kinerjaperiodik.json",
            4,
            "tahun '2024' / periodikNama 'Bulan Ketiga Belas' is not a period (a month, "
            "Triwulan I-IV, Semester I-II or Tahunan of a year 20xx)",
        ),
        ("skp_plans", "Laporan SKP 2024.xlsx", 11, f"nip {OUTSIDER} is not in the employee master"),
    ]
    audit = p.table("load_audit", ["asset", "file"])
    audit = audit[
        audit.asset.isin(["skp_plans", "performance_assessments", "organisation_predikat"])
    ]
    assert (audit.rows_in == audit.rows_valid + audit.rows_quarantined).all()
    assert dict(zip(audit.file.str.split("/").str[-1], audit.rows_in, strict=True)) == {
        "Laporan SKP 2024.xlsx": 7,
        "penilaian_2024_01.xlsx": 2,
        "penilaian_feb.csv": 2,
        "penilaian_mar.xlsx": 8,
        "predikat_organisasi.csv": 2,
        "rw-kinerjaperiodik.json": 5,
    }
    assert (
        dict(zip(audit.file.str.split("/").str[-1], audit.layout, strict=True))["penilaian_feb.csv"]
        == "bkn_penilaian"
    )
    text = pd.concat(
        [p.table(t).astype(str) for t in ("fact_performance_period", "quarantine", "load_audit")]
    ).to_csv()
    assert "Andi Wijaya" not in text and "Budi Santoso" not in text and "Dewi" not in text


def test_semester_2024_s1_from_monthly_predikat_or_the_periodic_evaluation(month_run):
    p, _ = month_run
    result = run_semester(p, "2024-01")
    assert result.success
    assert [(r[0], r[1], r[2], r[9], r[10]) for r in facts(p, "2024-S")] == [
        (E1, "2024-S1", "semester", "baik", "monthly:median_low"),  # Baik, Baik, Sangat Baik
        (E5, "2024-S1", "semester", "sangat_baik", "siasn_periodik"),  # the periodic evaluation
        (E3, "2024-S1", "semester", "butuh_perbaikan", "monthly:median_low"),  # B, K, BP
    ]  # E4: one assessed month < 3: no semester result


def test_semester_backfill_over_2021(pipeline):
    write_2021(pipeline.inbox)
    assert run_semester(pipeline, "2021-01").success
    assert run_semester(pipeline, "2021-07").success

    def D(value: float) -> Decimal:  # NUMERIC(7,2) read back exactly, compared with the literal
        return Decimal(str(value))

    assert facts(pipeline, "2021") == [
        (
            E1,
            "2021",
            "year",
            "integrasi_2021",
            None,
            None,
            D("101.01"),
            None,
            None,
            "baik",
            "skp_detail",
        ),  # 0.5 x 83.38 x 1.2 + 0.5 x 101.96
        (
            E2,
            "2021",
            "year",
            "integrasi_2021",
            None,
            None,
            D("118.30"),
            None,
            None,
            "sangat_baik",
            "skp_detail",
        ),  # S2 only, with a new idea
        (
            E1,
            "2021-S1",
            "semester",
            "pp46_2011",
            D("85.50"),
            D("80.20"),
            D("83.38"),
            None,
            None,
            "baik",
            "skp_detail",
        ),
        (
            E1,
            "2021-S2",
            "semester",
            "permenpanrb_8_2021",
            D("102.80"),
            D("100.00"),
            D("101.96"),
            None,
            None,
            "baik",
            "skp_detail",
        ),  # 0.7 x 102.8 + 0.3 x 100
        (
            E2,
            "2021-S2",
            "semester",
            "permenpanrb_8_2021",
            D("128.72"),
            D("94.00"),
            D("118.30"),
            None,
            None,
            "sangat_baik",
            "skp_detail",
        ),  # 120 + 8.72; (4 x 90 + 110)/5
    ]
    assert compliance(pipeline, "2021-S1") == {
        "Dinas Kesehatan": (2, 1, 1, 1),
        "Dinas Pendidikan": (1, 0, 0, 0),
        "Inspektorat": (1, 0, 0, 0),
        "Kecamatan Timur": (1, 0, 0, 0),
    }
    assert compliance(pipeline, "2021-S2")["Dinas Kesehatan"] == (2, 2, 2, 2)
    q = pipeline.table("quarantine", ["line"])
    q = q[q.asset == "skp_details"]
    assert [(r.line, r.reason) for r in q.itertuples()] == [
        (23, "jenis utama does not exist under PP 46/2011 (use kegiatan)"),
        (
            24,
            "periode 2021 spans two regimes (the rules changed inside the year): split the "
            "rows by semester (YYYY-S1, YYYY-S2)",
        ),
        (25, "realisasi without target"),
        (26, "realisasi_kuantitas is negative"),
        (
            27,
            "periode 2022-S1 falls under PermenPAN-RB 6/2022, which has no numeric SKP score: "
            "export the predikat (Laporan Penilaian SKP) instead",
        ),
        (28, "aspek 'ketampanan' is not a perilaku aspect of this regime"),
        (29, "periode '2021-S3' is not a year (2020) or a semester (2021-S1, 2021-S2)"),
    ]
    before = pipeline.table("fact_performance_period")
    assert run_semester(pipeline, "2021-07").success  # idempotent: same contents
    pd.testing.assert_frame_equal(pipeline.table("fact_performance_period"), before)


def test_semester_partitions_and_labels():
    from assets.partitions import semester
    from vocabulary.units import semester_key, semester_label

    keys = semester.get_partition_keys()
    assert keys[:3] == ["2020-01", "2020-07", "2021-01"]
    assert semester_label("2021-07") == "2021-S2" and semester_key("2021-S1") == "2021-01"
    assert partition_of("2024-03") == "2024-03" == partition_of("2024-03-01")


def test_monthly_keys_are_months_from_the_configured_first_month():
    from assets.partitions import DEFAULT_FIRST_MONTH, first_month, monthly

    keys = monthly.get_partition_keys()
    assert keys[:3] == ["2024-01", "2024-02", "2024-03"] and DEFAULT_FIRST_MONTH == "2024-01"
    assert first_month({"KINERJA_FIRST_MONTH": "2023-07"}) == "2023-07"
    assert first_month({}) == "2024-01"
    for bad in ("2023-13", "2019-12", "202403"):
        with pytest.raises(ValueError, match="KINERJA_FIRST_MONTH"):
            first_month({"KINERJA_FIRST_MONTH": bad})
    with pytest.raises(ValueError, match="not a month"):
        partition_of("March")
    assert {E2, E7}  # used above through the fixtures
