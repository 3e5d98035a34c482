"""What we send out, as assets HR launches on request: the SIASN-ready kinerja files of a period.
Each export declares the warehouse assets it reads, so the lineage in the UI is true."""

from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.metadata import labelled
from export.siasn import export_siasn, read_readback_file
from resources.rulebook import RulebookResource
from resources.state import StateResource
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import read as performance_read
from vocabulary import columns as c
from vocabulary.frames import Checked

GROUP = "export"


class SiasnExportConfig(dg.Config):
    """Which period to export and where: the same as ``python -m pipelines export siasn``."""

    period: str = Field(description="2024 (skp22/save), 2024-S1 or 2024-03 (kinerjaperiodik)")
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
) -> dg.MaterializeResult:
    """Hasil kinerja siap SIASN untuk satu periode dari fact_performance_period: muatan
    skp22/save atau kinerjaperiodik/save (JSON Lines, divalidasi terhadap JSON Schema) dan CSV
    semua baris untuk diperiksa, yang tidak dikirim beserta alasannya. Tidak ada yang dikirim
    ke mana pun: operator yang mengunggah. (siasn_export)"""
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
