"""Dialog kinerja: how much atasan and bawahan talked (umpan balik berkelanjutan, pembinaan) per
unit and evaluation period, the ratings below expectation without dialogue as tindak lanjut
cases for the penilai's atasan, and their warehouse tables. From the inbox snapshot: the
dialogue exports are snapshots, every period they reach is recomputed."""

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.metadata import count_table, labelled, preview
from resources.clock import ClockResource
from resources.rulebook import RulebookResource
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import publish as performance_publish
from rules.performance import dialog as dialog_rules
from rules.performance.dialog import DialogInputs, DialogResult
from rules.performance.tindak_lanjut import tindak_lanjut_report
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.performance import ADA_DATA

GROUP = "performance"
COVERAGE_PREVIEW = [
    c.UNIT, c.PERIOD, c.STATUS, c.PEGAWAI, c.RHK, c.RHK_COVERED, c.PEGAWAI_COVERED,
    c.PENILAI_DIAM,
]  # fmt: skip


def _coverage_metadata(result: DialogResult) -> dict[str, object]:
    frame = result.coverage
    measured = frame[frame[c.STATUS] == ADA_DATA]
    return {
        "unit x periode diukur (measured)": len(measured),
        "unit x periode tanpa data (unknown)": len(frame) - len(measured),
        "periode (periods)": ", ".join(result.periods) or "-",
        "data sampai (horizon)": str(result.horizon or "-"),
        "default": result.default or "-",
        "contoh data (preview)": preview(frame, COVERAGE_PREVIEW, rows=10),
    }


def _cases_metadata(cases: pd.DataFrame) -> dict[str, object]:
    report = tindak_lanjut_report(cases) if len(cases) else cases
    rules = cases[c.RULE].value_counts().to_dict() if len(cases) else {}
    return {
        "kasus (cases)": len(cases),
        "kasus per aturan (per rule)": count_table(rules, "aturan", "tindak lanjut rule"),
        "per unit": dg.MetadataValue.md(report.to_markdown(index=False) if len(report) else ""),
    }


@dg.multi_asset(
    name="dialog_kinerja",
    group_name=GROUP,
    outs={
        "dialog_coverage": dg.AssetOut(
            kinds={"pandas"},
            description="Cakupan dialog kinerja per unit dan periode evaluasi: RHK, pegawai dan "
            "perilaku yang mendapat umpan balik penilai, atasan yang diam, ketepatan waktu, "
            "umpan balik templat dan tanggal mundur; unit tanpa data = tidak diketahui, bukan "
            "0 %. (dialog_coverage)",
        ),
        "dialog_pegawai": dg.AssetOut(
            kinds={"pandas"},
            description="Per pegawai dan periode: penilai, RHK, RHK dengan umpan balik, "
            "perilaku, sesi pembinaan. (dialog_pegawai)",
        ),
        "dialog_penilai": dg.AssetOut(
            kinds={"pandas"},
            description="Per penilai dan periode: bawahan, yang mendapat umpan balik darinya, "
            "diam (tanpa umpan balik selama jendela_diam), templat, tanggal mundur. "
            "(dialog_penilai)",
        ),
        "dialog_tindak_lanjut": dg.AssetOut(
            kinds={"pandas"},
            description="Kasus tindak lanjut: rating di bawah ekspektasi tanpa dialog sebelumnya "
            "(dialog_none_before_rating) atau tanpa pembinaan sesudahnya "
            "(dialog_no_pembinaan_after), untuk atasan penilai (assigned_to); penanda, tidak "
            "menahan TPP. (dialog_tindak_lanjut)",
        ),
    },
    check_specs=[
        dg.AssetCheckSpec(
            "dialog_tindak_lanjut_cases",
            asset="dialog_tindak_lanjut",
            blocking=False,
            description="Peringatan bila ada rating di bawah ekspektasi tanpa dialog atau "
            "pembinaan (warns when there are dialog cases).",
        ),
    ],
)
def dialog_kinerja(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    clock: ClockResource,
    employees: Checked,
    skp_plans: Checked,
    rhk_plans: Checked,
    performance_assessments: Checked,
    dialog_ekspektasi: Checked,
    dialog_umpan_balik: Checked,
    dialog_pembinaan: Checked,
):
    profile = rulebook.load()
    inputs = DialogInputs(
        *(k.valid for k in (employees, skp_plans, rhk_plans, dialog_ekspektasi)),
        dialog_umpan_balik.valid,
        dialog_pembinaan.valid,
        performance_assessments.valid,
    )
    today = clock.today_in(profile.version_for(clock.now().date()).timezone)
    result = dialog_rules.dialog_kinerja(inputs, profile, today)
    yield dg.Output(
        result.coverage, "dialog_coverage", metadata=labelled(_coverage_metadata(result))
    )
    yield dg.Output(
        result.pegawai, "dialog_pegawai", metadata=labelled({"baris (rows)": len(result.pegawai)})
    )
    silent = int(result.penilai[c.DIAM].astype(bool).sum()) if len(result.penilai) else 0
    yield dg.Output(
        result.penilai,
        "dialog_penilai",
        metadata=labelled({"baris (rows)": len(result.penilai), "penilai diam (silent)": silent}),
    )
    cases = _cases_metadata(result.cases)
    yield dg.Output(result.cases, "dialog_tindak_lanjut", metadata=labelled(cases))
    yield dg.AssetCheckResult(
        asset_key="dialog_tindak_lanjut",
        check_name="dialog_tindak_lanjut_cases",
        passed=result.cases.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=None if result.cases.empty else f"{len(result.cases)} kasus tindak lanjut",
        metadata=labelled(cases),
    )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_dialog(
    warehouse: WarehouseResource,
    dialog_coverage: pd.DataFrame,
    dialog_pegawai: pd.DataFrame,
    dialog_penilai: pd.DataFrame,
    dialog_tindak_lanjut: pd.DataFrame,
) -> dg.MaterializeResult:
    """Dialog kinerja di gudang data, dalam satu transaksi: fact_dialog_coverage,
    fact_dialog_pegawai, fact_dialog_penilai diganti utuh, dan kasus dialog di
    fact_tindak_lanjut. (warehouse_dialog)"""
    written = performance_publish.dialog(
        warehouse, dialog_coverage, dialog_pegawai, dialog_penilai, dialog_tindak_lanjut
    )
    return dg.MaterializeResult(metadata=labelled(written))
