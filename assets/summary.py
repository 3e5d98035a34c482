"""The month summary HR opens first: one page per month (Catalog -> month_summary, pick the
month) with the month's status, the gaps still waiting for a decision, the quarantine per code
and file (masked), the money, and the rows each warehouse table holds for the month. Everything
is read back from the warehouse after the month's publishers ran, so it says what is there, not
what one run meant to write."""

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.metadata import label, labelled, mask_text, money_metadata, run_words
from assets.partitions import month_of, monthly
from assets.performance.follow_up import warehouse_cycle_month
from assets.performance.scores import warehouse_performance_month
from assets.tpp import warehouse_tpp_month
from assets.tpp_close import tpp_month_close
from assets.warehouse import warehouse_attendance_month
from resources.warehouse import month as month_read
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.tpp import read as tpp_read
from vocabulary.reasons import LABELS as REASON_LABELS
from vocabulary.reasons import REASON_CODE

GROUP = "ringkasan"
# what the summary reads; tpp_month_close only for its status (a month need not be closed)
PUBLISHERS = (
    warehouse_attendance_month,
    warehouse_performance_month,
    warehouse_cycle_month,
    warehouse_tpp_month,
)
OPTIONAL_DEPS = (tpp_month_close,)


@dg.asset(
    group_name=GROUP,
    kinds={"sql"},
    pool=POOL,
    partitions_def=monthly,
    deps=[*PUBLISHERS, *OPTIONAL_DEPS],
)
def month_summary(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Ringkasan bulan — buka ini dulu. Per bulan dalam satu halaman: status bulan (terbuka,
    atau ditutup kapan dan oleh run apa), celah data yang belum diputuskan HR, karantina per
    kode dan per berkas (NIP disamarkan), uang TPP (bruto, PPh 21, neto dibayar dan neto hitung
    ulang, baris penyesuaian, 5 perubahan terbesar per unit) dan jumlah baris tiap tabel gudang
    data untuk bulan itu. Dibaca dari gudang data setelah semua penerbit bulan itu selesai.
    (month_summary)"""
    month = month_of(context.partition_key)
    engine, scope = warehouse.engine(), warehouse.scope()
    money = tpp_read.month_money(engine, month, scope)
    gaps = month_read.open_gaps(engine, month, scope)
    quarantine = month_read.quarantine_by_code(engine, month, scope)
    rows = month_read.month_rows(engine, month, scope)
    return dg.MaterializeResult(
        metadata=labelled(
            {
                **money_metadata(money, run_words(context.instance, money.closed_by_run)),
                label("open_gaps"): gaps_words(gaps),
                label("quarantine_by_code"): codes_md(quarantine),
                label("quarantine_by_file"): files_md(quarantine),
                label("month_rows"): rows_md(rows),
            }
        )
    )


def gaps_words(gaps: month_read.OpenGaps) -> str:
    if not gaps.machine_gaps and not gaps.enrolment_gaps:
        return "tidak ada: setiap celah data sudah diputuskan (atau tidak ada celah)"
    parts = []
    if gaps.machine_gaps:
        parts.append(
            f"{gaps.machine_gaps} celah mesin ({gaps.machine_workdays} hari kerja, "
            f"{gaps.employees_affected} pegawai terdampak)"
        )
    if gaps.enrolment_gaps:
        parts.append(
            f"{gaps.enrolment_gaps} celah pegawai tanpa mesin ({gaps.enrolment_employees} pegawai)"
        )
    return (
        "belum diputuskan: "
        + "; ".join(parts)
        + ". Bulan tidak dapat ditutup sebelum ekspor yang kurang ada atau HR memutuskan di "
        "attendance_decisions.csv."
    )


def codes_md(quarantine: pd.DataFrame) -> dg.MetadataValue:
    if quarantine.empty:
        return dg.MetadataValue.md("_tidak ada baris yang dikarantina_")
    by_code = quarantine.groupby(REASON_CODE, sort=False)["rows"].sum()
    table = pd.DataFrame(
        {
            "kode": by_code.index.astype("string"),
            "arti": [REASON_LABELS.get(str(k), "") for k in by_code.index],
            "baris": by_code.to_numpy(),
        }
    ).sort_values(["baris", "kode"], ascending=[False, True], kind="stable")
    return dg.MetadataValue.md(table.to_markdown(index=False))


def files_md(quarantine: pd.DataFrame, rows: int = 50) -> dg.MetadataValue:
    if quarantine.empty:
        return dg.MetadataValue.md("_tidak ada baris yang dikarantina_")
    head = quarantine.head(rows)
    table = pd.DataFrame(
        {
            "berkas": head["file"].astype("string").map(mask_text),
            "data": head["partition_key"].map(lambda p: "inbox" if p == "snapshot" else "bulan"),
            "kode": head[REASON_CODE].astype("string"),
            "baris": head["rows"].astype("int64"),
        }
    )
    more = len(quarantine) - len(head)
    note = f"\n\n_… dan {more} pasangan berkas-kode lagi (tabel quarantine)_" if more else ""
    return dg.MetadataValue.md(table.to_markdown(index=False) + note)


def rows_md(rows: dict[str, int]) -> dg.MetadataValue:
    table = pd.DataFrame({"tabel": list(rows), "baris bulan ini": list(rows.values())})
    table = table[table["baris bulan ini"] > 0]
    if table.empty:
        return dg.MetadataValue.md("_tidak ada tabel yang memuat baris untuk bulan ini_")
    return dg.MetadataValue.md(table.to_markdown(index=False))
