"""Closing a TPP month (close_month_job, ``python -m pipelines close``): mark it final, write the
finance files (a daftar nominatif per unit, the month as CSV and Parquet, the adjustment lines)
and the HR report's charts next to them."""

import base64

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.partitions import month_of, monthly
from assets.tpp import GROUP, warehouse_tpp_month
from formats import finance as fin
from resources import tpp_ledger
from resources import warehouse as wh
from resources.finance import FinanceResource, unit_file_names
from resources.rulebook import RulebookResource
from rules import columns as c
from rules.coverage import describe, month_gaps, open_gaps
from rules.frames import Checked
from rules.tpp import report


@dg.asset(
    group_name=GROUP,
    kinds={"sql"},
    pool=POOL,
    partitions_def=monthly,
    deps=[warehouse_tpp_month],
)
def tpp_month_close(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    tpp_monthly: pd.DataFrame,
    attendance_coverage: pd.DataFrame,
    daily_attendance: pd.DataFrame,
    pin_map: Checked,
) -> dg.Output[pd.DataFrame]:
    """Tutup bulan: the month's TPP becomes final (what finance pays); closing a closed month
    changes nothing. Refused while a machine's days without data are undecided. Outputs the
    final rows as they are in the warehouse."""
    month = month_of(context.partition_key)
    refuse_open_gaps(month, month_gaps(attendance_coverage, daily_attendance, pin_map.valid))
    engine = warehouse.engine()
    outcome = tpp_ledger.close_month(
        engine, tpp_monthly, month, context.run.run_id, warehouse.scope()
    )
    final = tpp_ledger.final_rows(engine, month, warehouse.scope())
    return dg.Output(
        final,
        metadata={
            **outcome.metadata(),
            "newly_closed": outcome.rows > 0,
            "net": int(final[c.NET].sum()) if len(final) else 0,
        },
    )


def refuse_open_gaps(month: str, gap_list: pd.DataFrame) -> None:
    """A month whose employees were not judged on some days (no readable data) is not final
    until HR supplies the data or records a decision (attendance_decisions.csv)."""
    pending = open_gaps(gap_list)
    if pending.empty:
        return
    lines = "\n".join(f"- {describe(g)}" for _, g in pending.iterrows())
    raise dg.Failure(
        description=(
            f"{month} cannot be closed: {len(pending)} machine gap(s) without readable data "
            f"remain undecided:\n{lines}\nPut the missing exports in the inbox and run the "
            "month again, or record a decision per machine and date range in "
            "inbox/attendance_decisions.csv (excuse: no deduction; charge: the days count as "
            "recorded) and close again."
        ),
        metadata={"open_gaps": len(pending)},
        allow_retries=False,
    )


@dg.asset(group_name=GROUP, kinds={"file"}, partitions_def=monthly)
def tpp_finance_files(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    finance: FinanceResource,
    tpp_month_close: pd.DataFrame,
    employees: Checked,
) -> dg.MaterializeResult:
    """Berkas keuangan: one daftar nominatif (XLSX) per unit, the whole month as CSV and
    Parquet, and the adjustment lines when the month was recomputed after closing."""
    month = month_of(context.partition_key)
    people = employees.valid[[c.NIP, c.NAMA, c.JABATAN, c.GOLONGAN]]
    lines = tpp_ledger.adjustment_lines(warehouse.engine(), month, warehouse.scope())
    files = fin.month_files(tpp_month_close, people, lines, month, unit_file_names)
    paths = finance.write_set(month, files, owns=lambda name: not is_chart(name))
    return dg.MaterializeResult(
        metadata={
            "folder": dg.MetadataValue.path(str(finance.month_dir(month))),
            "files": dg.MetadataValue.json([p.name for p in paths]),
            "adjustment_lines": len(lines),
        }
    )


def is_chart(name: str) -> bool:
    """The HR report's files (tpp_hr_report writes them; tpp_finance_files the others)."""
    return name.startswith("hr_report_")


@dg.asset(group_name=GROUP, kinds={"file"}, partitions_def=monthly)
def tpp_hr_report(
    context: dg.AssetExecutionContext,
    finance: FinanceResource,
    rulebook: RulebookResource,
    tpp_month_close: pd.DataFrame,
    daily_attendance: pd.DataFrame,
) -> dg.MaterializeResult:
    """Laporan HR: totals per unit, the distribution of discipline deductions and predikat, and
    the top causes of deductions, as PNG charts (no personal data) next to the finance files."""
    month = month_of(context.partition_key)
    figures = report.hr_figures(
        tpp_month_close, daily_attendance, rulebook.load().for_period(month)
    )
    from formats.charts import hr_charts  # matplotlib: 0.6 s of every run's start, only here

    charts = hr_charts(figures, fin.month_label(month))
    written = finance.write_set(
        month, {f"hr_report_{month}_{name}.png": png for name, png in charts.items()}, is_chart
    )
    md, paths = [], {}
    for (name, png), path in zip(charts.items(), written, strict=True):
        paths[name] = dg.MetadataValue.path(str(path))
        image = base64.b64encode(png).decode()
        md.append(f"**{name}** (`{path.name}`)\n\n![{name}](data:image/png;base64,{image})")
    return dg.MaterializeResult(metadata={"report": dg.MetadataValue.md("\n\n".join(md)), **paths})
