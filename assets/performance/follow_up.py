"""Tindak lanjut (follow-up) cases per month and semester, and the warehouse publish of the month's
e-Lapkin and cases and of the semester's 360° and cases."""

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.metadata import labelled
from assets.partitions import month_of, monthly, semester
from resources.rulebook import RulebookResource
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import publish as performance_publish
from resources.warehouse.performance import read as performance_read
from rules.performance import cycle
from rules.performance.tindak_lanjut import tindak_lanjut_report
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.units import semester_label

GROUP = "performance"


# --- 360 perilaku ---------------------------------------------------------------------------------


# --- cascading ------------------------------------------------------------------------------------


# --- e-Lapkin and tindak lanjut per month -------------------------------------------------------


def _cases_output(cases: pd.DataFrame) -> dg.Output[pd.DataFrame]:
    report = tindak_lanjut_report(cases)
    return dg.Output(
        cases,
        metadata=labelled(
            {
                "cases": len(cases),
                "per_unit": dg.MetadataValue.md(
                    report.to_markdown(index=False) if len(report) else ""
                ),
            }
        ),
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
    """Tindak lanjut bulanan untuk pembinaan: predikat di bawah Baik berturut-turut, tanpa
    SKP yang mencakup bulan itu, tidak pernah dinilai; beserta aturan yang menempatkan setiap
    pegawai di sana. (tindak_lanjut_monthly)"""
    month = month_of(context.partition_key)
    cases = cycle.follow_up(
        employees.valid,
        performance_read.predikat_history(warehouse),
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
    """e-Lapkin, kepatuhan e-Lapkin dan tindak lanjut sebulan di gudang data
    (fact_lapkin_monthly, fact_lapkin_compliance, fact_tindak_lanjut). (warehouse_cycle_month)"""
    month = month_of(context.partition_key)
    written = performance_publish.cycle_month(
        warehouse, month, lapkin_monthly, lapkin_compliance_monthly, tindak_lanjut_monthly
    )
    return dg.MaterializeResult(metadata=labelled({**written, "month": month}))


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
    """Tindak lanjut semester: predikat di bawah Baik berturut-turut, tanpa SKP yang
    mencakupnya, tidak pernah dinilai. (tindak_lanjut_semester)"""
    label = semester_label(context.partition_key)
    cases = cycle.follow_up(
        employees.valid,
        performance_read.predikat_history(warehouse),
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
    """Perilaku 360, ringkasan umpan balik 360 dan tindak lanjut semester di gudang data
    (fact_perilaku_360, fact_feedback_360_summary, fact_feedback_360_counts,
    fact_tindak_lanjut). (warehouse_cycle_semester)"""
    label = semester_label(context.partition_key)
    written = performance_publish.cycle_semester(
        warehouse,
        label,
        perilaku_360_semester,
        feedback_360_summary,
        feedback_360_counts,
        tindak_lanjut_semester,
    )
    return dg.MaterializeResult(metadata=labelled({**written, "semester": label}))


# --- SIASN-ready results ----------------------------------------------------------------------
