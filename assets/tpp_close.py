"""Closing a TPP month (close_month_job, ``python -m pipelines close``): mark it final, write the
finance files (a daftar nominatif per unit, the month as CSV and Parquet, the adjustment lines)
and the HR report's charts next to them."""

import base64
import datetime as dt

import dagster as dg
import pandas as pd

from assets.partitions import month_of, monthly
from assets.tpp import GROUP, warehouse_tpp_month
from assets.warehouse import POOL
from formats import finance as fin
from formats.charts import bar_chart
from resources import tpp_ledger
from resources import warehouse as wh
from resources.finance import FinanceResource, unit_file_names
from resources.rulebook import RulebookResource
from rules import columns as c
from rules.calendar import month_bounds
from rules.frames import Checked
from rules.profile import RuleVersion
from rules.tpp import report


@dg.asset(
    group_name=GROUP,
    kinds={"sql"},
    pool=POOL,
    partitions_def=monthly,
    deps=[warehouse_tpp_month],
)
def tpp_month_close(
    context: dg.AssetExecutionContext, warehouse: wh.WarehouseResource, tpp_monthly: pd.DataFrame
) -> dg.Output[pd.DataFrame]:
    """Tutup bulan: the month's TPP becomes final (what finance pays); closing a closed month
    changes nothing. Outputs the final rows as they are in the warehouse."""
    month = month_of(context.partition_key)
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


def _utc(value) -> dt.datetime:
    ts = pd.Timestamp(value)
    return (ts.tz_convert("UTC") if ts.tzinfo else ts.tz_localize("UTC")).to_pydatetime()


def finance_files(
    final: pd.DataFrame, people: pd.DataFrame, lines: pd.DataFrame, month: str
) -> dict[str, bytes]:
    """Every finance file of a closed month by name: a workbook per unit, CSV, Parquet, and the
    adjustment lines when there are any."""
    closed_at = _utc(final["computed_at"].iloc[0]) if len(final) else None
    run_id = str(final[c.RUN_ID].iloc[0]) if len(final) else ""
    unit = final[c.UNIT_INDUK].astype("string").fillna("(tanpa unit)")
    names = unit_file_names(sorted(unit.unique()), month)
    files = {}
    for name, rows in final.groupby(unit, sort=True):
        files[names[name]] = fin.nominatif_workbook(rows, people, name, month, closed_at, run_id)
    columns = [col for col in fin.FILE_COLUMNS if col in final.columns]
    files[f"tpp_{month}.csv"] = fin.month_csv(final[columns])
    files[f"tpp_{month}.parquet"] = fin.month_parquet(final[columns])
    if len(lines):
        files[f"tpp_adjustment_{month}.csv"] = fin.adjustments_csv(lines)
    return files


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
    files = finance_files(tpp_month_close, people, lines, month)
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


def _charts(
    final: pd.DataFrame, daily: pd.DataFrame, version: RuleVersion, month: str
) -> dict[str, bytes]:
    label = fin.month_label(month)
    units = report.unit_totals(final)
    bands = report.deduction_distribution(final)
    predikat = report.predikat_distribution(final)
    causes = report.deduction_causes(final, daily, version)
    return {
        "net_per_unit": bar_chart(
            units[c.UNIT_INDUK].tolist(), units[c.NET].tolist(),
            f"TPP bersih per unit, {label}", "Rupiah", rupiah=True,
        ),
        "discipline_deductions": bar_chart(
            bands["band"].tolist(), bands["employees"].tolist(),
            f"Potongan disiplin per pegawai, {label}", "Pegawai",
        ),
        "predikat": bar_chart(
            predikat[c.PREDIKAT].tolist(), predikat["employees"].tolist(),
            f"Predikat kinerja bulanan, {label}", "Pegawai",
        ),
        "deduction_causes": bar_chart(
            causes["cause"].tolist(), causes["rupiah"].tolist(),
            f"Dari pagu ke TPP bruto: penyebab pengurangan, {label}", "Rupiah", rupiah=True,
        ),
    }  # fmt: skip


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
    version = rulebook.load().version_for(month_bounds(month)[0])
    charts = _charts(tpp_month_close, daily_attendance, version, month)
    written = finance.write_set(
        month, {f"hr_report_{month}_{name}.png": png for name, png in charts.items()}, is_chart
    )
    md, paths = [], {}
    for (name, png), path in zip(charts.items(), written, strict=True):
        paths[name] = dg.MetadataValue.path(str(path))
        image = base64.b64encode(png).decode()
        md.append(f"**{name}** (`{path.name}`)\n\n![{name}](data:image/png;base64,{image})")
    return dg.MaterializeResult(metadata={"report": dg.MetadataValue.md("\n\n".join(md)), **paths})


CLOSE_ASSETS = [tpp_month_close, tpp_finance_files, tpp_hr_report]
