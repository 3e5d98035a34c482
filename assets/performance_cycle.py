"""The performance cycle (issue 16): the 360 aggregate and its 6/2022 summary, the RHK cascade
with its warning checks, e-Lapkin per month (the TPP kinerja basis a profile may choose and the
reporting compliance BKN ranks), tindak lanjut cases, and their warehouse tables."""

from pathlib import Path

import dagster as dg
import pandas as pd
from pydantic import Field

from assets.factories import POOL
from assets.metadata import preview
from assets.partitions import month_of, monthly, semester
from ingest.siasn import export_siasn, read_readback_file
from resources import publish_cycle
from resources.rulebook import RulebookResource
from resources.state import StateResource
from resources.warehouse import WarehouseResource
from rules.performance import cycle
from rules.performance.lapkin import lapkin_compliance
from rules.performance.tindak_lanjut import tindak_lanjut_report
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.performance import ORPHAN, UNLINKED
from vocabulary.units import semester_label

GROUP = "performance_cycle"


def _listing(rows: pd.DataFrame, columns: list[str], limit: int = 20) -> dg.MetadataValue:
    return dg.MetadataValue.json(rows[columns].head(limit).astype(str).to_dict("records"))


# --- 360 perilaku ---------------------------------------------------------------------------------


@dg.asset(group_name=GROUP, partitions_def=semester, kinds={"pandas"})
def perilaku_360_semester(
    context: dg.AssetExecutionContext, rulebook: RulebookResource, feedback_360: Checked
) -> dg.Output[pd.DataFrame]:
    """Perilaku 360 of the numeric regimes per employee and period of the semester: 0.60
    atasan + 0.20 rekan + 0.20 bawahan (0.40 rekan without bawahan); where it exists the scores
    weigh SKP/perilaku 60/40, else 70/30 (PP 30/2019 Pasal 41)."""
    frame = cycle.perilaku_360(
        feedback_360.valid, semester_label(context.partition_key), rulebook.load()
    )
    with_360 = int(frame[c.WITH_360].astype(bool).sum()) if len(frame) else 0
    return dg.Output(frame, metadata={"rows": len(frame), "with_360": with_360})


@dg.multi_asset(
    name="feedback_360_summary_semester",
    group_name=GROUP,
    partitions_def=semester,
    outs={
        "feedback_360_summary": dg.AssetOut(
            kinds={"pandas"},
            description="PermenPAN-RB 6/2022: per employee and period the 360 ratings counted "
            "(Di Atas / Sesuai / Di Bawah, share below expectation) beside the atasan's rating "
            "and predikat, which the feedback never changes.",
        ),
        "feedback_360_counts": dg.AssetOut(
            kinds={"pandas"}, description="The same counts per relation and rating."
        ),
    },
)
def feedback_360_summary_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    feedback_360: Checked,
    performance_semester: pd.DataFrame,
):
    label = semester_label(context.partition_key)
    summary, counts = cycle.summary_360(
        feedback_360.valid, performance_semester, label, rulebook.load()
    )
    yield dg.Output(summary, "feedback_360_summary", metadata={"rows": len(summary)})
    yield dg.Output(counts, "feedback_360_counts", metadata={"rows": len(counts)})


# --- cascading ------------------------------------------------------------------------------------


@dg.multi_asset(
    name="cascading",
    group_name=GROUP,
    outs={
        "rhk_cascade": dg.AssetOut(
            kinds={"pandas"},
            description="One row per RHK: the atasan RHK it intervenes (by id, or by a fuzzy "
            "match of the text), its link status, sub-period, depth, cycle flag and how many "
            "bawahan RHK intervene it.",
        ),
        "cascade_score": dg.AssetOut(
            kinds={"pandas"},
            description="Per unit and period: alignment, coverage ('dibagi habis') and the "
            "cascade score.",
        ),
    },
    check_specs=[
        dg.AssetCheckSpec(
            "rhk_cascade_orphans",
            asset="rhk_cascade",
            blocking=False,
            description="Warns about utama RHK that intervene no existing atasan RHK.",
        ),
        dg.AssetCheckSpec(
            "rhk_cascade_cycles",
            asset="rhk_cascade",
            blocking=False,
            description="Warns about RHK in a cycle of intervened RHK.",
        ),
    ],
)
def cascading(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    rhk_plans: Checked,
    employees: Checked,
):
    facts, scores, warnings = cycle.cascade(rhk_plans.valid, employees.valid, rulebook.load())
    yield dg.Output(
        facts,
        "rhk_cascade",
        metadata={
            "rows": len(facts),
            "link_status": dg.MetadataValue.json(facts[c.LINK_STATUS].value_counts().to_dict()),
        },
    )
    yield dg.Output(
        scores,
        "cascade_score",
        metadata={"units": len(scores), "preview": preview(scores, list(scores))},
    )
    text = warnings.set_index(c.RHK_ID)["warning"]
    facts = facts.assign(warning=facts[c.RHK_ID].map(text))
    in_cycle = facts[c.IN_CYCLE].astype(bool)
    orphans = facts[facts[c.LINK_STATUS].isin([ORPHAN, UNLINKED]) & ~in_cycle]
    cycles = facts[in_cycle]
    for check, found in (("rhk_cascade_orphans", orphans), ("rhk_cascade_cycles", cycles)):
        yield dg.AssetCheckResult(
            asset_key="rhk_cascade",
            check_name=check,
            passed=found.empty,
            severity=dg.AssetCheckSeverity.WARN,
            description=None if found.empty else f"{len(found)} RHK listed",
            metadata={"rhk": len(found), "list": _listing(found, [c.UNIT, c.PERIOD, "warning"])},
        )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_cascade(
    warehouse: WarehouseResource, rhk_cascade: pd.DataFrame, cascade_score: pd.DataFrame
) -> dg.MaterializeResult:
    """fact_rhk_cascade and fact_cascade_score, replaced whole in one transaction."""
    return dg.MaterializeResult(
        metadata=publish_cycle.cascade(warehouse, rhk_cascade, cascade_score)
    )


# --- e-Lapkin and tindak lanjut per month -------------------------------------------------------


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def lapkin_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    lapkin_reports: Checked,
    employees: Checked,
) -> dg.Output[pd.DataFrame]:
    """e-Lapkin per employee active in the month: reports, days, minutes reported and approved,
    on time, and the kinerja percentage of the profile's basis (minutes or days with a verified
    report; empty under the predikat basis), which the month's TPP then uses."""
    month = month_of(context.partition_key)
    frame = cycle.lapkin_month(lapkin_reports.valid, employees.valid, month, rulebook.load())
    reported = int((frame[c.REPORTS] > 0).sum())
    return dg.Output(frame, metadata={"employees": len(frame), "reported": reported})


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def lapkin_compliance_monthly(lapkin_monthly: pd.DataFrame) -> dg.Output[pd.DataFrame]:
    """Kepatuhan pelaporan e-Lapkin per unit and month: employees, who reported, who was
    assessed (a report verified or rejected), who reported on time."""
    frame = lapkin_compliance(lapkin_monthly)
    return dg.Output(frame, metadata={"units": len(frame), "preview": preview(frame, list(frame))})


def _cases_output(cases: pd.DataFrame) -> dg.Output[pd.DataFrame]:
    report = tindak_lanjut_report(cases)
    return dg.Output(
        cases,
        metadata={
            "cases": len(cases),
            "per_unit": dg.MetadataValue.md(report.to_markdown(index=False) if len(report) else ""),
        },
    )


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def tindak_lanjut_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    employees: Checked,
    skp_plans: Checked,
    performance_monthly: pd.DataFrame,
) -> dg.Output[pd.DataFrame]:
    """Tindak lanjut of the month, for pembinaan: predikat below Baik in consecutive months,
    no SKP covering the month, never assessed; the rule that put each employee there."""
    month = month_of(context.partition_key)
    cases = cycle.follow_up(
        employees.valid,
        publish_cycle.predikat_history(warehouse),
        performance_monthly.rename(columns={c.MONTH: c.PERIOD}),
        skp_plans.valid,
        month,
        rulebook.load(),
    )
    return _cases_output(cases)


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_cycle_month(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    lapkin_monthly: pd.DataFrame,
    lapkin_compliance_monthly: pd.DataFrame,
    tindak_lanjut_monthly: pd.DataFrame,
) -> dg.MaterializeResult:
    """The month's fact_lapkin_monthly, fact_lapkin_compliance and fact_tindak_lanjut."""
    month = month_of(context.partition_key)
    written = publish_cycle.cycle_month(
        warehouse, month, lapkin_monthly, lapkin_compliance_monthly, tindak_lanjut_monthly
    )
    return dg.MaterializeResult(metadata={**written, "month": month})


# --- tindak lanjut per semester and the semester's publish ----------------------------------------


@dg.asset(group_name=GROUP, partitions_def=semester, kinds={"pandas"})
def tindak_lanjut_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    employees: Checked,
    skp_plans: Checked,
    performance_semester: pd.DataFrame,
) -> dg.Output[pd.DataFrame]:
    """Tindak lanjut of the semester: predikat below Baik in consecutive semesters, no SKP
    covering it, never assessed."""
    label = semester_label(context.partition_key)
    cases = cycle.follow_up(
        employees.valid,
        publish_cycle.predikat_history(warehouse),
        performance_semester,
        skp_plans.valid,
        label,
        rulebook.load(),
    )
    return _cases_output(cases)


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=semester)
def warehouse_cycle_semester(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    perilaku_360_semester: pd.DataFrame,
    feedback_360_summary: pd.DataFrame,
    feedback_360_counts: pd.DataFrame,
    tindak_lanjut_semester: pd.DataFrame,
) -> dg.MaterializeResult:
    """The semester's fact_perilaku_360, fact_feedback_360_summary, fact_feedback_360_counts
    and fact_tindak_lanjut."""
    label = semester_label(context.partition_key)
    written = publish_cycle.cycle_semester(
        warehouse,
        label,
        perilaku_360_semester,
        feedback_360_summary,
        feedback_360_counts,
        tindak_lanjut_semester,
    )
    return dg.MaterializeResult(metadata={**written, "semester": label})


# --- SIASN-ready results ----------------------------------------------------------------------


class SiasnExportConfig(dg.Config):
    """Which period to export and where: the same as ``python -m pipelines export siasn``."""

    period: str = Field(description="2024 (skp22/save), 2024-S1 or 2024-03 (kinerjaperiodik)")
    out: str = Field("", description="folder to write; empty: <state>/siasn/<period>")
    readback: str = Field(
        "", description="optional CSV/XLSX/JSON of (nip, id[, period]) read back from SIASN"
    )


@dg.asset(group_name=GROUP, kinds={"json", "csv"})
def siasn_export(
    context: dg.AssetExecutionContext,
    config: SiasnExportConfig,
    rulebook: RulebookResource,
    warehouse: WarehouseResource,
    state: StateResource,
    employees: Checked,
    rhk_plans: Checked,
) -> dg.MaterializeResult:
    """SIASN-ready kinerja results of one period from fact_performance_period: the skp22/save
    or kinerjaperiodik/save payloads (JSON Lines, validated against the JSON Schema) and a CSV
    of every row for review, the ones not sent with their reason. Nothing is sent anywhere."""
    period = config.period
    out = Path(config.out) if config.out else state.root() / "siasn" / period
    rows, files = export_siasn(
        publish_cycle.performance_facts(warehouse, period),
        employees.valid,
        rhk_plans.valid,
        period,
        rulebook.load(),
        out,
        read_readback_file(config.readback or None, period),
    )
    reasons = rows[c.REASON].dropna().str.split(":").str[0].value_counts().to_dict()
    return dg.MaterializeResult(
        metadata={
            **files.metadata(),
            "period": period,
            "not_sent_why": dg.MetadataValue.json(reasons),
        }
    )
