"""What a run left in the warehouse, as lines for people (the CLI prints them): a read model
over the warehouse tables, so that the CLI holds no SQL. Each domain writes its own lines
(``<domain>/reports.py``); this module puts them in the order people read them."""

from resources.settings import Settings, redact_url
from resources.warehouse import engine as wh
from resources.warehouse.attendance.reports import month_summary
from resources.warehouse.performance.reports import (
    cycle_summary,
    dialog_summary,
    performance_summary,
)
from resources.warehouse.tpp.reports import tpp_summary

TABLES = (
    "fact_attendance_daily, fact_discipline_monthly, quarantine, load_audit, dim_employee,",
    "fact_performance_period, fact_skp_compliance, fact_tpp_monthly, tpp_adjustment,",
    "tpp_month_close, attendance_gap, attendance_enrolment_gap,",
    "fact_feedback_360, fact_perilaku_360, fact_feedback_360_summary, fact_feedback_360_counts,",
    "fact_rhk_cascade, fact_cascade_score, fact_lapkin_monthly, fact_lapkin_compliance,",
    "fact_tindak_lanjut, fact_dialog_coverage, fact_dialog_pegawai, fact_dialog_penilai,",
    "payroll_gap, fact_tpp_thr_gaji13, tpp_thr_gaji13_adjustment",
)


def run_report(settings: Settings, months: list[str], periods: list[str] = ()) -> list[str]:
    """The lines the CLI prints after a run: per month attendance, predikat and TPP; per
    performance period its predikat; then where everything is."""
    engine = wh.make_engine(settings.warehouse_url)
    lines: list[str] = []
    try:
        for month in months:
            lines += month_summary(engine, month)
            lines += performance_summary(engine, month)
            lines += cycle_summary(engine, month)
            lines += dialog_summary(engine, month)
            lines += tpp_summary(engine, month)
        for period in periods:
            lines += performance_summary(engine, period)
            lines += cycle_summary(engine, period)
    finally:
        engine.dispose()
    return [
        *lines,
        f"Inbox:     {settings.inbox}",
        f"Warehouse: {redact_url(settings.warehouse_url)}",
        f"Profile:   {settings.profile}",
        f"Tables:    {TABLES[0]}",
        *(f"           {t}" for t in TABLES[1:]),
        "UI:        make ui  (Dagster UI on the same state: runs, checks, quarantine counts)",
    ]
