"""What we send out, as assets HR and finance launch on request: the SIASN-ready kinerja files of
a period and the Coretax DJP Pasal 21 files of a month or a year. Each export declares the
warehouse assets it reads, so the lineage in the UI is true."""

from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.metadata import labelled
from export.coretax import CoretaxRefused, export_coretax
from export.siasn import export_siasn, read_readback_file
from ingest.reference import read_tax_ids
from resources.inbox import InboxResource
from resources.rulebook import RulebookResource
from resources.settings import coretax_withholder
from resources.state import StateResource
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import read as performance_read
from vocabulary import columns as c
from vocabulary.frames import Checked

GROUP = "export"


class SiasnExportConfig(dg.Config):
    """Which period to export and where: the same as ``python -m pipelines export siasn``."""

    period: str = Field(
        description="2024 (skp22/save), 2024-Q1 or 2024-03 (kinerjaperiodik/save); a semester "
        "is refused: SIASN has no semester code"
    )
    out: str = Field("", description="folder to write; empty: <state>/siasn/<period>")
    readback: str = Field(
        "", description="optional CSV/XLSX/JSON of (nip, id[, period]) read back from SIASN"
    )


# what the export reads from the warehouse: the period results those assets publish
SIASN_READS = [
    dg.AssetKey("warehouse_performance_month"),
    dg.AssetKey("warehouse_performance_semester"),
]


@dg.asset(group_name=GROUP, kinds={"json", "csv"}, deps=SIASN_READS)
def siasn_export(
    context: dg.AssetExecutionContext,
    config: SiasnExportConfig,
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    state: StateResource,
    employees: Checked,
    rhk_plans: Checked,
    performance_assessments: Checked,
) -> dg.MaterializeResult:
    """Hasil kinerja siap SIASN untuk satu periode dari fact_performance_period: muatan
    skp22/save atau kinerjaperiodik/save (JSON Lines, divalidasi terhadap JSON Schema endpoint
    itu) dan CSV semua baris untuk diperiksa, yang tidak dikirim beserta alasannya (setahun yang
    hanya punya predikat bulanan: needs_annual_assessment). Penilai adalah yang disebut penilaian,
    atau atasan pada SKP. Tidak ada yang dikirim ke mana pun: operator yang mengunggah.
    (siasn_export)"""
    period = config.period
    out = Path(config.out) if config.out else state.root() / "siasn" / period
    rows, files = export_siasn(
        performance_read.performance_facts(warehouse, period),
        employees.valid,
        rhk_plans.valid,
        period,
        rulebook.load(),
        out,
        read_readback_file(config.readback or None, period),
        performance_assessments.valid,
    )
    reasons = rows[c.REASON].dropna().str.split(":").str[0].value_counts().to_dict()
    not_sent = rows[c.REASON].dropna().value_counts().sort_index()
    return dg.MaterializeResult(
        metadata=labelled(
            {
                **files.metadata(),
                "period": period,
                "endpoint": files.endpoint,
                "rows": len(rows),
                "not_sent_why": dg.MetadataValue.json(reasons),
                "not_sent_reasons": dg.MetadataValue.json(
                    [[reason, int(n)] for reason, n in not_sent.items()]
                ),
            }
        )
    )


class CoretaxExportConfig(dg.Config):
    """Which period to export and where: the same as ``python -m pipelines export coretax``."""

    period: str = Field(description="2024-03 (BPMP of the month) or 2024 (BPA2 of the year)")
    out: str = Field("", description="folder to write; empty: <state>/coretax/<period>")


# what the export reads from the warehouse: the TER lines of the TPP ledger and its closed months
CORETAX_READS = [dg.AssetKey("warehouse_tpp_month"), dg.AssetKey("tpp_month_close")]


@dg.asset(group_name=GROUP, kinds={"xml", "csv"}, deps=CORETAX_READS)
def coretax_export(
    context: dg.AssetExecutionContext,
    config: CoretaxExportConfig,
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    state: StateResource,
    inbox: InboxResource,
    employees: Checked,
    payroll: Checked,
    status_events: Checked,
) -> dg.MaterializeResult:
    """Berkas Coretax DJP untuk bulan atau tahun yang sudah ditutup, dari PPh 21 di gudang data:
    BPMP bulan itu (MmPayrollBulk: per pegawai dasar dan tarif TER bulan itu) dan BPA2 (A2Bulk:
    per pegawai yang tahun pajaknya berakhir, penghasilan setahun dan PPh yang dipotong termasuk
    penyesuaian akhir tahun); untuk setahun BPA2 tiap masa. Divalidasi terhadap
    formats/coretax.xsd sebelum ditulis, dengan CSV semua baris untuk diperiksa (yang tidak
    dimuat beserta alasannya). Berkas memuat NIK: data pribadi, hanya untuk keuangan. NIK/NPWP
    dibaca dari data pegawai saat ekspor berjalan dan tidak pernah disimpan atau ditampilkan di
    sini. (coretax_export)"""
    period = config.period
    out = Path(config.out) if config.out else state.root() / "coretax" / period
    try:
        done = export_coretax(
            period,
            warehouse.engine(),
            warehouse.scope(),
            employees.valid,
            read_tax_ids(inbox.root()),
            payroll.valid,
            status_events.valid,
            rulebook.load(),
            rulebook.load_tax(),
            out,
            coretax_withholder(),
        )
    except CoretaxRefused as exc:
        raise dg.Failure(description=str(exc)) from None
    return dg.MaterializeResult(
        metadata={
            "period": period,
            "files": dg.MetadataValue.json([d.metadata() for d in done]),
            "left_off_reasons": dg.MetadataValue.json(
                [[d.form, r, n] for d in done for r, n in d.reasons]
            ),
        }
    )
