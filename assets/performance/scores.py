"""Performance (e-Kinerja): the exports in inbox/ekinerja/, the monthly predikat TPP uses,
semester and year scores under each regime, SKP compliance, and their warehouse tables."""

import dagster as dg
import pandas as pd

from assets.factories import POOL, snapshot_publisher, source_asset
from assets.metadata import labelled, preview
from assets.partitions import month_of, monthly, semester
from resources.rulebook import RulebookResource
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import publish
from rules.performance import kurva
from rules.performance.compliance import month_compliance, semester_compliance
from rules.performance.permenpanrb6 import predikat_counts
from rules.performance.scores import monthly_fact, monthly_scores, semester_scores
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.performance import (
    ASSESSMENTS,
    CYCLE_KINDS,
    DETAILS,
    DIALOG_EKSPEKTASI,
    DIALOG_KINDS,
    DIALOG_PEMBINAAN,
    DIALOG_UMPAN_BALIK,
    EKINERJA_KINDS,
    FEEDBACK_KIND,
    LAPKIN_KIND,
    ORGANISATION,
    PLANS,
    RHK_KIND,
)
from vocabulary.units import periods_of_semester, semester_label

GROUP = "performance"
MONTH_GATE = "attendance_punches"  # (assets.attendance: the month's inputs are checked there)

ekinerja_exports = source_asset(
    "ekinerja",
    name="ekinerja_exports",
    group=GROUP,
    descriptions={
        PLANS: "Laporan SKP BKN e-Kinerja: satu baris per SKP (id, NIP, unit, Plt/Plh, "
        "periode, status). (skp_plans)",
        ASSESSMENTS: "Penilaian: setiap predikat dan rating per NIP dan periode (Laporan "
        "Penilaian SKP BKN, SIASN rw-kinerjaperiodik). (performance_assessments)",
        DETAILS: "Baris templat SKP detail rezim numerik (PP 46/2011, PermenPAN-RB 8/2021). "
        "(skp_details)",
        ORGANISATION: "Predikat kinerja organisasi per unit dan periode (opsional; untuk "
        "kurva distribusi). (organisation_predikat)",
        FEEDBACK_KIND: "Umpan balik perilaku 360: satu baris per yang dinilai, penilai, "
        "relasi, periode dan aspek (nilai atau rating 6/2022); menilai diri sendiri, penilai "
        "dari unit lain, penilai terlalu sedikit dan nilai di luar rentang dikarantina. "
        "(feedback_360)",
        RHK_KIND: "Rencana RHK: satu baris per rencana hasil kerja dengan RHK atasan yang "
        "diintervensinya (menurut id atau teks), untuk cascading. (rhk_plans)",
        LAPKIN_KIND: "Laporan kegiatan harian e-Lapkin: NIP, tanggal, kegiatan, menit, status "
        "verifikasi, tanggal ditulis. (lapkin_reports)",
        DIALOG_EKSPEKTASI: "Dialog kinerja, ekspektasi: satu baris per SKP x RHK atau nilai "
        "BerAKHLAK (penilai, ada ekspektasi, tanggal klarifikasi; teks hanya panjang dan hash). "
        "(dialog_ekspektasi)",
        DIALOG_UMPAN_BALIK: "Dialog kinerja, umpan balik berkelanjutan: satu baris per umpan "
        "balik (pemberi, penerima, relasi, objek, periode, tanggal; teks hanya panjang dan "
        "hash); relasi yang tidak sesuai pohon organisasi menjadi pimpinan_lain. "
        "(dialog_umpan_balik)",
        DIALOG_PEMBINAAN: "Dialog kinerja, pembinaan: satu baris per sesi bimbingan/konseling "
        "(pegawai, pembina, jenis, tanggal, pemicu, status). (dialog_pembinaan)",
    },
    previews={
        PLANS: [c.NIP, c.UNIT_INDUK, c.IS_PLT_PLH, c.PERIOD_END, c.SKP_STATUS],
        ASSESSMENTS: [c.NIP, c.PERIOD, c.PREDIKAT, c.SOURCE],
        DETAILS: [c.NIP, c.PERIOD, c.JENIS, c.TARGET, c.REALISASI],
        ORGANISATION: [c.UNIT, c.PERIOD, c.PREDIKAT_ORGANISASI],
        FEEDBACK_KIND: [c.PERIOD, c.RELASI, c.ASPEK, c.SKOR, c.RATING],
        RHK_KIND: [c.RHK_ID, c.PERIOD, c.JENIS, c.RHK_ATASAN_ID],
        LAPKIN_KIND: [c.TANGGAL, c.MENIT, c.STATUS],
        DIALOG_EKSPEKTASI: [c.TAHUN, c.OBJEK, c.REF_ID, c.EKSPEKTASI_ADA],
        DIALOG_UMPAN_BALIK: [c.PERIOD, c.RELASI, c.OBJEK, c.TANGGAL_DIBERIKAN, c.TEKS_PANJANG],
        DIALOG_PEMBINAAN: [c.JENIS, c.TANGGAL, c.PEMICU, c.STATUS],
    },
)

warehouse_ekinerja = snapshot_publisher(
    "warehouse_ekinerja",
    (*EKINERJA_KINDS, *CYCLE_KINDS, *DIALOG_KINDS),
    group=GROUP,
    description="Karantina dan audit muat ekspor e-Kinerja di inbox serta baris umpan balik "
    "360 yang sah (fact_feedback_360) ke gudang data, dalam satu transaksi. "
    "(warehouse_ekinerja)",
    also=lambda checked: [publish.feedback_snapshot(checked[FEEDBACK_KIND])],
)


def _kurva_result(check: str, table: pd.DataFrame) -> dg.AssetCheckResult:
    failed = table[~table["passed"].astype(bool)] if len(table) else table
    return dg.AssetCheckResult(
        check_name=check,
        passed=failed.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=None if failed.empty else f"{len(failed)} unit(s) break the kurva distribusi",
        metadata=labelled(
            {
                "units_judged": len(table),
                "violations": dg.MetadataValue.json(
                    {
                        f"{u} {p}": v
                        for u, p, v in zip(
                            failed.get(c.UNIT, []),
                            failed.get(c.PERIOD, []),
                            failed.get("violations", []),
                            strict=True,
                        )
                    }
                ),
            }
        ),
    )


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    # a month is computed whole or not at all: a month refused for missing machine exports
    # yields no punches, and this step (and every e-Kinerja step after it) is skipped
    deps=[MONTH_GATE],
    check_specs=[
        dg.AssetCheckSpec(
            "performance_monthly_contract",
            asset="performance_monthly",
            blocking=True,
            description="Satu baris per NIP dan bulan, dengan predikat yang dikenal.",
        ),
        dg.AssetCheckSpec(
            "performance_monthly_kurva_distribusi",
            asset="performance_monthly",
            blocking=False,
            description="Peringatan per unit bila sebaran predikatnya melanggar kuota "
            "predikat organisasinya (SE MenPAN-RB 3/2023), bila ada untuk bulan itu.",
        ),
    ],
)
def performance_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    performance_assessments: Checked,
    organisation_predikat: Checked,
    employees: Checked,
):
    """Predikat kinerja bulanan: satu baris per pegawai yang dinilai di bulan itu (NIP, bulan,
    predikat, rating, rezim, sumber); masukan kinerja untuk TPP. (performance_monthly)"""
    month = month_of(context.partition_key)
    rules = rulebook.load().for_period(month).performance
    frame = monthly_scores(performance_assessments.valid, month, rules)
    yield dg.Output(
        frame,
        metadata=labelled(
            {
                "rows": len(frame),
                "predikat": dg.MetadataValue.json(predikat_counts(frame[c.PREDIKAT])),
                "preview": preview(frame, [c.NIP, c.PREDIKAT, c.SOURCE]),
            }
        ),
    )
    unique = not frame.duplicated([c.NIP, c.MONTH]).any()
    yield dg.AssetCheckResult(
        check_name="performance_monthly_contract",
        passed=bool(unique and frame[c.PREDIKAT].notna().all()),
    )
    table = kurva.check_period(
        frame, employees.valid, organisation_predikat.valid, month, rules.kurva_distribusi
    )
    yield _kurva_result("performance_monthly_kurva_distribusi", table)


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def skp_compliance_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    skp_plans: Checked,
    skp_details: Checked,
    performance_monthly: pd.DataFrame,
    employees: Checked,
) -> dg.Output[pd.DataFrame]:
    """Kepatuhan SKP bulanan per unit: jumlah pegawai, yang punya SKP, yang SKP-nya disetujui,
    dan yang dinilai di bulan itu. (skp_compliance_monthly)"""
    month = month_of(context.partition_key)
    frame = month_compliance(
        employees.valid,
        skp_plans.valid,
        skp_details.valid,
        performance_monthly,
        month,
        rulebook.load().for_period(month).performance,
    )
    return dg.Output(
        frame, metadata=labelled({"units": len(frame), "preview": preview(frame, list(frame))})
    )


@dg.asset(
    group_name=GROUP,
    partitions_def=semester,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "performance_semester_kurva_distribusi",
            asset="performance_semester",
            blocking=False,
            description="Peringatan per unit dan periode (semester, dan tahun pada semester "
            "kedua) bila sebaran predikat melanggar kuota predikat organisasi yang diberikan.",
        ),
    ],
)
def performance_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    skp_details: Checked,
    performance_assessments: Checked,
    organisation_predikat: Checked,
    employees: Checked,
    perilaku_360_semester: pd.DataFrame,
):
    """Nilai dan predikat kinerja per semester (dan per tahun, pada semester kedua) menurut
    rezim periodenya: PP 46/2011, PermenPAN-RB 8/2021 (dengan integrasi 2021) atau 6/2022;
    rezim numerik memakai perilaku 360 dan 60/40 bila ada, bila tidak 70/30.
    (performance_semester)"""
    label = semester_label(context.partition_key)
    profile = rulebook.load()
    rules = profile.for_period(label).performance
    frame = semester_scores(
        skp_details.valid,
        performance_assessments.valid,
        label,
        rules,
        profile.name,
        perilaku_360=perilaku_360_semester,
    )
    by_period = {p: predikat_counts(g[c.PREDIKAT]) for p, g in frame.groupby(c.PERIOD)}
    yield dg.Output(
        frame,
        metadata=labelled(
            {
                "rows": len(frame),
                "semester": label,
                "predikat": dg.MetadataValue.json(by_period),
                "preview": preview(frame, [c.NIP, c.PERIOD, c.REGIME, c.NILAI_KINERJA, c.PREDIKAT]),
            }
        ),
    )
    table = kurva.check_periods(
        frame,
        employees.valid,
        organisation_predikat.valid,
        periods_of_semester(label),
        rules.kurva_distribusi,
    )
    yield _kurva_result("performance_semester_kurva_distribusi", table)


@dg.asset(group_name=GROUP, partitions_def=semester, kinds={"pandas"})
def skp_compliance_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    skp_plans: Checked,
    skp_details: Checked,
    performance_semester: pd.DataFrame,
    employees: Checked,
) -> dg.Output[pd.DataFrame]:
    """Kepatuhan SKP per unit untuk semester: jumlah pegawai, yang punya SKP (Laporan SKP atau
    SKP detail), yang disetujui, dan yang punya hasil semester (atau tahun, untuk SKP tahunan
    PP 46). (skp_compliance_semester)"""
    label = semester_label(context.partition_key)
    frame = semester_compliance(
        employees.valid,
        skp_plans.valid,
        skp_details.valid,
        performance_semester,
        label,
        rulebook.load().for_period(label).performance,
    )
    return dg.Output(
        frame, metadata=labelled({"units": len(frame), "preview": preview(frame, list(frame))})
    )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_performance_month(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    rulebook: RulebookResource,
    performance_monthly: pd.DataFrame,
    skp_compliance_monthly: pd.DataFrame,
) -> dg.MaterializeResult:
    """Predikat dan kepatuhan SKP sebulan di gudang data (fact_performance_period,
    fact_skp_compliance). (warehouse_performance_month)"""
    month = month_of(context.partition_key)
    facts = monthly_fact(performance_monthly, rulebook.name())
    written = publish.performance_month(warehouse, month, facts, skp_compliance_monthly)
    return dg.MaterializeResult(metadata=labelled({**written, "month": month}))


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=semester)
def warehouse_performance_semester(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    performance_semester: pd.DataFrame,
    skp_compliance_semester: pd.DataFrame,
) -> dg.MaterializeResult:
    """Nilai kinerja semester (semester, kedua triwulannya dan, pada S2, tahunnya) dan
    kepatuhan SKP di gudang data. (warehouse_performance_semester)"""
    label = semester_label(context.partition_key)
    written = publish.performance_semester(
        warehouse, label, performance_semester, skp_compliance_semester
    )
    periods = ", ".join(periods_of_semester(label, quarters=True))
    return dg.MaterializeResult(
        metadata=labelled({**written, "semester": label, "periods": periods})
    )
