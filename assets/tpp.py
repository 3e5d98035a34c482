"""TPP: payroll exports (inbox/payroll/), TPP reference files (inbox/reference/), the month's
TPP per employee and its warehouse publish (provisional rows, or adjustment lines for a closed
month). Closing a month, the finance files and the HR report are in assets/tpp_close.py."""

import dagster as dg
import pandas as pd

from assets.factories import POOL, snapshot_publisher, source_asset
from assets.metadata import (
    label,
    labelled,
    mask_text,
    money_metadata,
    preview,
    run_words,
    unit_table,
)
from assets.partitions import month_of, monthly
from resources.rulebook import RulebookResource
from resources.warehouse import engine as wh
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.tax import read as tax_read
from resources.warehouse.tpp import ledger as tpp_ledger
from resources.warehouse.tpp import read as tpp_read
from resources.warehouse.tpp import tables as tpp_tables
from rules.tpp.compute import compute_month
from rules.tpp.contract import contract_failures, missing_inputs
from rules.tpp.payroll_gaps import describe_payroll_gap, open_payroll_gaps, payroll_gaps
from rules.tpp.pph21 import last_month_of_year
from rules.tpp.thr13 import missing_references, month_payments, payments_due, with_tax
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.tax import PTKP_REFERENCE
from vocabulary.tpp import CEILINGS, PLT_ASSIGNMENTS, STATUS_EVENTS
from vocabulary.units import month_bounds

GROUP = "tpp"
SANCTIONS_ASSET = "disciplinary_sanctions"
INPUT_ASSETS = (
    "payroll",
    SANCTIONS_ASSET,
    STATUS_EVENTS,
    CEILINGS,
    PTKP_REFERENCE,
    PLT_ASSIGNMENTS,
)


def _payroll_months(checked: Checked) -> dict[str, object]:
    months = sorted(checked.valid[c.MONTH].dropna().unique().tolist())
    return {"months": dg.MetadataValue.json(months)}


payroll = source_asset(
    "payroll",
    group=GROUP,
    descriptions={
        "payroll": "Gaji (ekspor GPP atau SIMGAJI di inbox/payroll/): per NIP dan bulan "
        "komponen gaji yang dibutuhkan BPJS atas TPP; nama, NPWP dan rekening dibuang sejak "
        "dibaca. (payroll)"
    },
    previews={"payroll": [c.NIP, c.MONTH, c.LAYOUT]},
    extra={"payroll": _payroll_months},
    inputs=("attendance_decisions",),  # keep decisions settle files of one layout that disagree
)

tpp_reference = source_asset(
    "tpp_reference",
    name="tpp_reference",
    group=GROUP,
    descriptions={
        SANCTIONS_ASSET: "Hukuman disiplin (PP 94/2021): NIP, jenis, tanggal keputusan, lama "
        "(bulan). (disciplinary_sanctions)",
        STATUS_EVENTS: "Peristiwa status yang mengubah hak TPP: CPNS, CLTN, diberhentikan "
        "sementara, tugas belajar (rentang); pensiun, mutasi keluar, berhenti (sejak tanggal). "
        "(status_events)",
        CEILINGS: "Pagu TPP daerah per kelas jabatan, berlaku sejak tanggal (opsional: tanpa "
        "berkas ini berlaku tabel profil). (tpp_ceilings)",
        PTKP_REFERENCE: "Status PTKP per pegawai untuk PPh 21 (TK/0 .. K/3), bertanggal, dan "
        "status NPWP (valid/none); status pada awal tahun pajak menentukan kategori TER. (ptkp)",
        PLT_ASSIGNMENTS: "Penugasan Plt/Plh (opsional): NIP, jenis, kelas jabatan yang "
        "dirangkap, tanggal mulai dan selesai, nomor SK; tambahan TPP menurut profil "
        "(tpp.plt). (plt_assignments)",
    },
    previews={
        SANCTIONS_ASSET: [c.NIP, c.SANCTION_TYPE, c.DECISION_DATE, c.MONTHS],
        STATUS_EVENTS: [c.NIP, c.STATUS, c.DATE_FROM, c.DATE_TO],
        CEILINGS: [c.KELAS_JABATAN, c.VALID_FROM, c.AMOUNT],
        PTKP_REFERENCE: [c.NIP, c.PTKP_STATUS, c.VALID_FROM, c.NPWP_STATUS],
        PLT_ASSIGNMENTS: [c.NIP, c.ASSIGNMENT_KIND, c.COVERED_KELAS, c.DATE_FROM, c.DATE_TO],
    },
)

warehouse_tpp = snapshot_publisher(
    "warehouse_tpp",
    INPUT_ASSETS,
    group=GROUP,
    description="Karantina dan audit muat berkas gaji dan referensi TPP ke gudang data, dalam "
    "satu transaksi. (warehouse_tpp)",
)


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "tpp_monthly_contract",
            asset="tpp_monthly",
            blocking=True,
            description="Satu baris per NIP; bruto = kinerja + disiplin dibayar + tambahan "
            "Plt/Plh; neto = bruto - BPJS 1 % - PPh 21 - penyesuaian Desember + tunjangan PPh; "
            "tidak ada jumlah negatif (kecuali baris pengembalian atau neto yang menjadi negatif "
            "karena penyesuaian akhir tahun).",
        ),
        dg.AssetCheckSpec(
            "tpp_monthly_inputs",
            asset="tpp_monthly",
            blocking=False,
            description="Peringatan untuk baris yang dihitung tanpa pagu, predikat, status "
            "PTKP atau baris gaji bulan itu (kolom catatan tiap baris menyebutnya).",
        ),
    ],
)
def tpp_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    employees: Checked,
    monthly_discipline: pd.DataFrame,
    daily_attendance: pd.DataFrame,
    performance_monthly: pd.DataFrame,
    payroll: Checked,
    disciplinary_sanctions: Checked,
    status_events: Checked,
    tpp_ceilings: Checked,
    ptkp: Checked,
    warehouse: WarehouseResource,
    lapkin_monthly: pd.DataFrame,
    plt_assignments: Checked,
    attendance_decisions: Checked,
):
    """TPP bulanan: per pegawai pagu, kelayakan, faktor CPNS, bagian kinerja dan disiplin,
    potongan disiplin, hukuman, bruto, BPJS, PPh 21 (dengan penyesuaian Desember / bulan
    terakhir dari bulan-bulan sebelumnya di gudang data) dan neto; setiap langkah satu kolom.
    Faktor kinerja dari predikat bulan itu, atau persentase e-Lapkin bila profil memilihnya
    (performance.lapkin.basis). (tpp_monthly)"""
    month = month_of(context.partition_key)
    master = employees.valid
    active_to = master.get(c.ACTIVE_TO)
    closing = last_month_of_year(master[c.NIP], status_events.valid, month, active_to).any()
    history = (
        tax_read.year_history(warehouse.engine(), month, warehouse.scope()) if closing else None
    )
    thr13 = _thr13_payments(rulebook, warehouse, month, master, status_events.valid)
    frame = compute_month(
        employees.valid,
        monthly_discipline,
        daily_attendance,
        performance_monthly,
        payroll.valid,
        disciplinary_sanctions.valid,
        status_events.valid,
        tpp_ceilings.valid,
        rulebook.load(),
        month,
        tax=rulebook.load_tax(),
        ptkp=ptkp.valid,
        history=history,
        lapkin=lapkin_monthly,
        plt=plt_assignments.valid,
        decisions=attendance_decisions.valid,
        thr13=thr13,
    )
    money = tpp_read.month_money(warehouse.engine(), month, warehouse.scope(), computed=frame)
    yield from _tpp_results(
        frame, money_metadata(money, run_words(context.instance, money.closed_by_run))
    )


def _thr13_payments(
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    month: str,
    employees: pd.DataFrame,
    status_events: pd.DataFrame,
) -> pd.DataFrame:
    """The THR / gaji-13 payments paid in ``month`` from their reference months' rows in the
    warehouse (none when the month pays neither, or its reference month is not held:
    ``thr13_missing_references`` says so)."""
    rules, refs = _thr13_references(rulebook, warehouse, month)
    return month_payments(rules, month, refs, employees, status_events)


def _thr13_references(rulebook: RulebookResource, warehouse: WarehouseResource, month: str):
    """The month's THR / gaji-13 rule and the rows of each reference month it needs."""
    rules = rulebook.load().version_for(month_bounds(month)[0]).tpp.thr_13
    due = payments_due(rules, month)
    engine = warehouse.engine()
    refs = {ref: tpp_read.reference_month_rows(engine, ref, warehouse.scope()) for _, ref, _ in due}
    return rules, refs


def thr13_missing_references(
    rulebook: RulebookResource, warehouse: WarehouseResource, month: str
) -> list[str]:
    """Why a THR / gaji-13 due in ``month`` cannot be computed yet (its reference month is not
    in the warehouse), one sentence per payment; empty when nothing is pending."""
    rules, refs = _thr13_references(rulebook, warehouse, month)
    return missing_references(rules, month, refs)


def _tpp_results(frame: pd.DataFrame, money: dict[str, object]):
    """The month's TPP rows with its money (paid and recomputed when the month is closed),
    totals per unit, the identity contract and the warning that names what inputs were
    missing for whom."""
    yield dg.Output(
        frame,
        metadata=labelled(
            {
                **money,
                label("rows"): len(frame),
                label("per_unit"): unit_table(frame),
                label("preview"): preview(frame, [c.NIP, c.KELAS_JABATAN, c.GROSS, c.NET, c.NOTES]),
            }
        ),
    )
    failures = contract_failures(frame)
    yield dg.AssetCheckResult(
        check_name="tpp_monthly_contract",
        passed=not failures,
        metadata=labelled({"failures": dg.MetadataValue.json(failures)}),
    )
    missing = missing_inputs(frame)
    yield dg.AssetCheckResult(
        check_name="tpp_monthly_inputs",
        passed=not any(missing.values()),
        severity=dg.AssetCheckSeverity.WARN,
        metadata=labelled({"rows": dg.MetadataValue.json(missing)}),
    )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_tpp_month(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, tpp_monthly: pd.DataFrame
) -> dg.MaterializeResult:
    """TPP bulanan di gudang data (fact_tpp_monthly): bulan yang masih terbuka ditulis ulang
    (sementara); bulan yang sudah ditutup TIDAK ditimpa: barisnya tetap seperti dibayar dan
    selisih hitung ulang menjadi baris penyesuaian (tpp_adjustment). (warehouse_tpp_month)"""
    month = month_of(context.partition_key)
    engine, scope = warehouse.engine(), warehouse.scope()
    changes = tpp_read.month_money(engine, month, scope, computed=tpp_monthly).unit_changes
    outcome = tpp_ledger.publish_month(engine, tpp_monthly, month, context.run.run_id, scope)
    money = tpp_read.month_money(engine, month, scope).with_changes(changes)
    return dg.MaterializeResult(
        metadata=labelled(
            {
                **money_metadata(money, run_words(context.instance, money.closed_by_run)),
                label("rows_written"): outcome.rows,
                label("adjustment_lines_this_run"): outcome.adjustments,
            }
        )
    )


@dg.asset(
    name="payroll_gaps",
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas", "sql"},
    pool=POOL,
    check_specs=[
        dg.AssetCheckSpec(
            "payroll_gaps_decided",
            asset="payroll_gaps",
            blocking=False,
            description="Peringatan untuk pegawai yang menerima TPP bulan ini tanpa baris gaji "
            "yang terbaca dan tanpa keputusan keuangan (carry atau amount di "
            "attendance_decisions.csv); bulan tidak dapat ditutup selama masih ada.",
        )
    ],
)
def payroll_gaps_month(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    tpp_monthly: pd.DataFrame,
    payroll: Checked,
    attendance_decisions: Checked,
):
    """Gaji yang tidak terbaca bukan gaji nol: per pegawai yang menerima TPP bulan ini tanpa baris
    gaji yang valid (baris ditolak, atau tidak ada di berkas mana pun), dengan berkas, baris dan
    alasannya, serta keputusan keuangan (carry / amount). Diterbitkan ke payroll_gap; bulan
    tidak dapat ditutup selama ada yang belum diputuskan. (payroll_gaps)"""
    month = month_of(context.partition_key)
    gaps = payroll_gaps(
        tpp_monthly, payroll.valid, payroll.quarantine, attendance_decisions.valid, month
    )
    t = tpp_tables.payroll_gap
    wh.publish(
        warehouse.engine(),
        agency=warehouse.scope(),
        replace=[wh.Replace(t, t.c.month == month, gaps.assign(run_id=context.run.run_id), month)],
    )
    pending = open_payroll_gaps(gaps)
    yield dg.Output(
        gaps,
        metadata=labelled(
            {
                label("rows"): len(gaps),
                "undecided": len(pending),
                label("preview"): preview(gaps, [c.NIP, c.MONTH, c.SOURCE_FILE, c.DECISION]),
            }
        ),
    )
    described = "; ".join(mask_text(describe_payroll_gap(g)) for _, g in pending.iterrows())
    yield dg.AssetCheckResult(
        check_name="payroll_gaps_decided",
        passed=pending.empty,
        severity=dg.AssetCheckSeverity.WARN,
        metadata=labelled(
            {"undecided": len(pending), "gaps": dg.MetadataValue.text(described[:4000])}
        ),
    )


@dg.asset(
    name="tpp_thr_gaji13",
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"sql"},
    pool=POOL,
    check_specs=[
        dg.AssetCheckSpec(
            "tpp_thr_gaji13_reference",
            asset="tpp_thr_gaji13",
            blocking=False,
            description="Peringatan: THR / gaji ke-13 yang jatuh bayar bulan ini belum dapat "
            "dihitung karena bulan acuannya belum ada di gudang data (belum pernah dihitung); "
            "tidak ada yang dibayar untuknya dan bulan ini tidak dapat ditutup sampai bulan "
            "acuan dihitung dan bulan ini dihitung ulang.",
        )
    ],
)
def tpp_thr_gaji13_month(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    tpp_monthly: pd.DataFrame,
    employees: Checked,
    status_events: Checked,
):
    """THR dan gaji ke-13 bagian TPP (PP 14/2024, PP 11/2025; aturan tahunan di profil): per
    pegawai besaran dari bulan acuan, PPh 21 (TER bulan dibayar: dengan dikurangi tanpa),
    ditanggung pemerintah atau dipotong, dan neto; ke fact_tpp_thr_gaji13. Bulan yang tidak
    membayar THR/13 tidak menulis apa pun. Bulan bayar yang sudah ditutup TIDAK ditimpa: yang
    dibayar tetap, selisih hitung ulang menjadi baris tpp_thr_gaji13_adjustment.
    (tpp_thr_gaji13)"""
    month = month_of(context.partition_key)
    rules, refs = _thr13_references(rulebook, warehouse, month)
    payments = month_payments(rules, month, refs, employees.valid, status_events.valid)
    pending = missing_references(rules, month, refs)
    fact = with_tax(payments, tpp_monthly)
    outcome = tpp_ledger.publish_thr13(
        warehouse.engine(), fact, month, context.run.run_id, warehouse.scope()
    )
    yield dg.MaterializeResult(
        metadata=labelled(
            {
                "pending": "; ".join(pending) or "-",
                label("rows"): len(fact),
                label("rows_written"): outcome.rows,
                label("adjustment_lines_this_run"): outcome.adjustments,
                "tpp_amount": int(fact[c.TPP_AMOUNT].sum()) if len(fact) else 0,
                "pph21": int(fact[c.PPH21].sum()) if len(fact) else 0,
                "net": int(fact[c.NET].sum()) if len(fact) else 0,
            }
        )
    )
    yield dg.AssetCheckResult(
        check_name="tpp_thr_gaji13_reference",
        passed=not pending,
        severity=dg.AssetCheckSeverity.WARN,
        metadata=labelled({"pending": dg.MetadataValue.json(pending)}),
    )
