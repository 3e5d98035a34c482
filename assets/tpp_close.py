"""Closing a TPP month (close_month_job, ``python -m pipelines close``): mark it final, write the
finance files (a daftar nominatif per unit, the month as CSV and Parquet, the adjustment lines)
and the HR report's charts next to them."""

import base64

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.metadata import label, labelled, money_metadata, run_words
from assets.partitions import month_of, monthly
from assets.tpp import GROUP, thr13_missing_references, tpp_thr_gaji13_month, warehouse_tpp_month
from export import finance as finance_export
from formats import finance as fin
from resources.finance import FinanceResource
from resources.rulebook import RulebookResource
from resources.warehouse import engine as wh
from resources.warehouse.tpp import ledger as tpp_ledger
from resources.warehouse.tpp import read as tpp_read
from rules.coverage import describe, month_gaps, open_gaps
from rules.enrolment import describe_enrolment, enrolment_gaps, open_enrolment_gaps
from rules.tpp import report
from rules.tpp.inputs import open_payroll_conflicts
from rules.tpp.payroll_gaps import describe_payroll_gap, open_payroll_gaps
from vocabulary import columns as c
from vocabulary.frames import Checked


@dg.asset(
    group_name=GROUP,
    kinds={"sql"},
    pool=POOL,
    partitions_def=monthly,
    # the THR / gaji-13 of a pay month are published before its close makes them what was paid
    deps=[warehouse_tpp_month, tpp_thr_gaji13_month],
)
def tpp_month_close(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    tpp_monthly: pd.DataFrame,
    attendance_coverage: pd.DataFrame,
    attendance_enrolment: pd.DataFrame,
    daily_attendance: pd.DataFrame,
    pin_map: Checked,
    payroll: Checked,
    payroll_gaps: pd.DataFrame,
    rulebook: RulebookResource,
) -> dg.Output[pd.DataFrame]:
    """Tutup bulan: TPP bulan itu menjadi final (yang dibayar keuangan); menutup bulan yang
    sudah ditutup tidak mengubah apa pun. Ditolak selama hari mesin tanpa data, hari pegawai
    yang tidak terdaftar di mesin mana pun, berkas gaji yang saling berbeda, atau pegawai yang
    menerima TPP tanpa baris gaji yang terbaca belum diputuskan, atau selama THR / gaji ke-13 yang
    dibayar bulan itu belum dapat dihitung karena bulan acuannya belum ada di gudang data.
    Hasilnya baris final seperti di gudang data. (tpp_month_close)"""
    month = month_of(context.partition_key)
    engine = warehouse.engine()
    refuse_to_close(
        month,
        month_gaps(attendance_coverage, daily_attendance, pin_map.valid),
        tpp_read.unreadable_inputs(engine, warehouse.scope()),
        enrolment_gaps(attendance_enrolment),
        open_payroll_conflicts(payroll.quarantine, month),
        payroll_gaps,
        thr13_missing_references(rulebook, warehouse, month),
    )
    outcome = tpp_ledger.close_month(
        engine, tpp_monthly, month, context.run.run_id, warehouse.scope()
    )
    final = tpp_read.final_rows(engine, month, warehouse.scope())
    money = tpp_read.month_money(engine, month, warehouse.scope())
    return dg.Output(
        final,
        metadata=labelled(
            {
                **money_metadata(money, run_words(context.instance, money.closed_by_run)),
                label("newly_closed"): "ya, oleh run ini"
                if outcome.rows > 0
                else "tidak: sudah ditutup",
            }
        ),
    )


def refuse_to_close(
    month: str,
    gap_list: pd.DataFrame,
    unreadable: list[tuple[str, str]],
    enrolment_list: pd.DataFrame | None = None,
    payroll_conflicts: pd.DataFrame | None = None,
    payroll_gap_list: pd.DataFrame | None = None,
    thr13_pending: tuple[str, ...] | list[str] = (),
) -> None:
    """A month is not final while some employees were not judged on some days (a machine held
    no readable data, or no machine knew the employee, and HR has not decided), while payroll
    files of one layout disagree about someone's salary and nobody chose one, while someone paid
    TPP has no readable payroll row of the month and finance has not decided, while a THR /
    gaji-13 paid in the month cannot be computed (its reference month is not in the warehouse:
    ``thr13_pending``, one sentence each), or while an input file could not be read (it could
    hold leave, a predikat or a PTKP that changes what people are paid)."""
    pending = open_gaps(gap_list)
    unenrolled = (
        open_enrolment_gaps(enrolment_list) if enrolment_list is not None else pd.DataFrame()
    )
    conflicts = payroll_conflicts if payroll_conflicts is not None else pd.DataFrame()
    no_payroll = (
        open_payroll_gaps(payroll_gap_list) if payroll_gap_list is not None else pd.DataFrame()
    )
    if (
        pending.empty
        and unenrolled.empty
        and conflicts.empty
        and no_payroll.empty
        and not unreadable
        and not thr13_pending
    ):
        return
    parts = [f"{month} cannot be closed:"]
    if len(pending):
        lines = "\n".join(f"- {describe(g)}" for _, g in pending.iterrows())
        parts.append(
            f"{len(pending)} machine gap(s) without readable data remain undecided:\n{lines}\n"
            "Put the missing exports in the inbox and run the month again, or record a decision "
            "per machine and date range in inbox/attendance_decisions.csv (excuse: no "
            "deduction; charge: the days count as recorded) and close again."
        )
    if len(unenrolled):
        lines = "\n".join(f"- {describe_enrolment(g)}" for _, g in unenrolled.iterrows())
        people = unenrolled[c.NIP].nunique()
        parts.append(
            f"{people} employee(s) not enrolled on any machine on working days, undecided "
            f"(no machine can hold their punches):\n{lines}\nAdd the employee's row to "
            "inbox/pin_map.csv (device_key, pin, nip, valid_from, valid_to) and run the month "
            "again, or record a decision per NIP and date range in inbox/attendance_decisions.csv "
            "(excuse: no deduction; charge: the days count as recorded, TK without a punch) and "
            "close again."
        )
    if len(conflicts):
        lines = "\n".join(f"- {r}" for r in conflicts[c.REASON])
        parts.append(
            f"{len(conflicts)} employee(s) with payroll files of one layout that disagree "
            f"about {month}, undecided (no salary row of theirs is used):\n{lines}\nRecord the "
            "file to keep in inbox/attendance_decisions.csv (decision keep, file, decided_by; "
            "nip empty for every conflict of that file) and close again."
        )
    if len(no_payroll):
        lines = "\n".join(f"- {describe_payroll_gap(g)}" for _, g in no_payroll.iterrows())
        parts.append(
            f"{len(no_payroll)} employee(s) paid TPP in {month} without a readable payroll row, "
            f"undecided (their PPh 21 would stand on a salary nobody read):\n{lines}\nFix the "
            "payroll file and run the month again, or record finance's decision per NIP in "
            "inbox/attendance_decisions.csv (decision carry: the latest earlier payroll row "
            "stands; decision amount with the month's gaji gross in the amount column; "
            "decided_by) and close again."
        )
    if thr13_pending:
        lines = "\n".join(f"- {reason}" for reason in thr13_pending)
        parts.append(
            f"{len(thr13_pending)} THR / gaji-13 payment(s) due in {month} cannot be computed "
            f"(nothing would be paid for them):\n{lines}"
        )
    if unreadable:
        lines = "\n".join(f"- {file}: {message}" for file, message in unreadable)
        parts.append(
            f"{len(unreadable)} input file(s) could not be read:\n{lines}\nCorrect each file "
            "(or remove it from the inbox if it does not belong there) and close again."
        )
    raise dg.Failure(
        description="\n".join(parts),
        metadata=labelled(
            {
                "open_gaps": len(pending),
                "not_enrolled": len(unenrolled),
                "payroll_conflicts": len(conflicts),
                "payroll_gaps": len(no_payroll),
                "unreadable_files": len(unreadable),
                "thr13_pending": len(thr13_pending),
            }
        ),
        allow_retries=False,
    )


@dg.asset(
    group_name=GROUP,
    kinds={"file"},
    partitions_def=monthly,
    deps=[tpp_thr_gaji13_month],  # the THR / gaji-13 of a pay month is in its files
)
def tpp_finance_files(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    finance: FinanceResource,
    tpp_month_close: pd.DataFrame,
    employees: Checked,
    rulebook: RulebookResource,
) -> dg.MaterializeResult:
    """Berkas keuangan: satu daftar nominatif (XLSX) per unit dengan PPh 21 dan neto dibayar,
    seluruh bulan sebagai CSV dan Parquet, baris penyesuaian bila bulan dihitung ulang setelah
    ditutup, dan PPh 21 setahun per pegawai sampai bulan itu (angka 1721-A2); di bulan bayar
    THR / gaji-13 juga tpp_thr_gaji13_<bulan>.csv; jumlah dicocokkan sebelum apa pun ditulis.
    (tpp_finance_files)"""
    month = month_of(context.partition_key)
    files, lines = finance_export.month_files(
        tpp_month_close,
        employees.valid,
        warehouse.engine(),
        warehouse.scope(),
        month,
        rulebook.load_tax(),
    )
    paths = finance.write_set(month, files, owns=lambda name: not is_chart(name))
    money = tpp_read.month_money(warehouse.engine(), month, warehouse.scope())
    return dg.MaterializeResult(
        metadata=labelled(
            {
                label("folder"): dg.MetadataValue.path(str(finance.month_dir(month))),
                label("files"): dg.MetadataValue.md("\n".join(f"- `{p.name}`" for p in paths)),
                **money_metadata(money, run_words(context.instance, money.closed_by_run)),
                label("adjustment_lines_in_files"): len(lines),
            }
        )
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
    """Laporan HR: jumlah per unit, sebaran potongan disiplin dan predikat, dan penyebab
    potongan terbesar, sebagai grafik PNG (tanpa data pribadi) di samping berkas keuangan.
    (tpp_hr_report)"""
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
    return dg.MaterializeResult(
        metadata=labelled({"report": dg.MetadataValue.md("\n\n".join(md)), **paths})
    )
