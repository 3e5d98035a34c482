"""Asset metadata for the Dagster UI: counts, reasons and previews without personal data.

NIPs are masked to their last four digits (the first eight are a birth date); names, NIK, NPWP
and bank accounts never reach a frame that is previewed.
"""

from __future__ import annotations

import re

import dagster as dg
import pandas as pd

from rules.coverage import describe, open_gaps
from rules.punches import UNMAPPED_PINS
from rules.tpp.report import unit_totals
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.reasons import LABELS as REASON_LABELS
from vocabulary.reasons import REASON_CODE, reason_codes
from vocabulary.units import rupiah

_LONG_NUMBER = re.compile(r"\d{9,}")


def mask_nip(values: pd.Series) -> pd.Series:
    s = values.astype("string")
    return ("…" + s.str.slice(-4)).astype("string")


def mask_text(text: str) -> str:
    """Long digit runs (NIPs, NIKs, accounts) replaced by '…' plus their last four digits."""
    return _LONG_NUMBER.sub(lambda m: "…" + m.group(0)[-4:], text)


# Metadata keys HR reads are Indonesian, with the technical name engineers search for in
# parentheses (docs/glossary.md lists both).
LABELS = {
    "rows_in": "baris masuk",
    "rows_valid": "baris sah",
    "rows_quarantined": "baris dikarantina",
    "files": "berkas",
    "files_rejected": "berkas ditolak",
    "quarantine_by_code": "karantina per kode",
    "quarantine_by_file": "karantina per berkas",
    "quarantine_rows": "baris dikarantina (contoh)",
    "rejected_files": "berkas ditolak (alasan)",
    "preview": "contoh data",
    "rows": "baris",
    "employees": "pegawai",
    "codes": "kode kehadiran",
    "layouts": "format ekspor",
    "complete_through": "lengkap sampai",
    "mean_deduction_pct": "rata-rata potongan disiplin %",
    "employees_at_cap": "pegawai kena potongan maksimal",
    "employees_without_deduction": "pegawai tanpa potongan",
    "gross": "bruto",
    "pph21": "PPh 21",
    "net": "neto",
    "per_unit": "per unit",
    "month": "bulan",
    "month_status": "status bulan",
    "net_paid": "neto dibayar",
    "gross_paid": "bruto dibayar",
    "pph21_paid": "PPh 21 dibayar",
    "net_recomputed": "neto hitung ulang",
    "net_difference": "selisih hitung ulang - dibayar",
    "adjustment_lines": "baris penyesuaian bulan ini",
    "adjustment_total": "total penyesuaian bulan ini",
    "adjustment_lines_this_run": "baris penyesuaian baru dari run ini",
    "largest_unit_changes": "5 perubahan neto terbesar per unit",
    "rows_written": "baris ditulis",
    "newly_closed": "ditutup oleh run ini",
    "folder": "folder keuangan",
    "adjustment_lines_in_files": "baris penyesuaian di berkas",
    "open_gaps": "celah data belum diputuskan",
    "month_rows": "baris per tabel bulan ini",
    "cases": "kasus",
    "deduction_causes": "penyebab potongan",
    "discipline_deductions": "sebaran potongan disiplin",
    "net_per_unit": "neto per unit",
    "report": "laporan",
    "employee_days_not_enrolled": "hari-pegawai tanpa mesin",
    "failures": "pelanggaran",
    "files_parsed_now": "berkas dibaca sekarang",
    "months_with_new_files": "bulan dengan berkas baru",
    "gaps": "celah data",
    "link_status": "status tautan",
    "list": "daftar",
    "machine_days_without_data": "hari-mesin tanpa data",
    "machines": "mesin",
    "months": "bulan yang dicakup",
    "reported": "yang melapor",
    "tk_without_tl_psw": "hari TK tanpa TL/PSW",
    "unique_keys": "kunci unik",
    "units": "jumlah unit",
    "units_judged": "unit yang dinilai",
    "violations": "pelanggaran kuota",
    "warehouse": "gudang data",
    "with_360": "pegawai dengan nilai 360",
    "semester": "semester",
    "periods": "periode",
    "default": "bawaan",
    "written": "ditulis",
    "out": "folder keluaran",
    "period": "periode",
    "predikat": "sebaran predikat",
    "rhk": "jumlah RHK",
    "endpoint": "tujuan SIASN",
    "payloads": "berkas muatan",
    "review": "CSV pemeriksaan",
    "sent": "dikirim",
    "not_sent": "tidak dikirim",
    "not_sent_why": "alasan tidak dikirim (ringkas)",
    "not_sent_reasons": "alasan tidak dikirim",
    "undecided": "belum diputuskan",
    "payroll_gaps": "gaji tak terbaca belum diputuskan",
    "tpp_amount": "TPP THR/gaji-13",
}


def _tables() -> frozenset[str]:
    from resources.warehouse import schema

    return frozenset(schema.metadata.tables)


WAREHOUSE_TABLES = _tables()


def labelled(meta: dict[str, object]) -> dict[str, object]:
    """Every key HR reads in Indonesian: a known technical key becomes its label (the key in
    parentheses), a warehouse table's row count 'baris di <table>'; a key that already is a
    label is kept."""
    out: dict[str, object] = {}
    for key, value in meta.items():
        if key in WAREHOUSE_TABLES:
            out[f"baris di {key}"] = value
        else:
            out[label(key)] = value
    return out


def label(key: str) -> str:
    """'rows_in' -> 'baris masuk (rows_in)'."""
    return f"{LABELS[key]} ({key})" if key in LABELS else key


def run_words(instance: dg.DagsterInstance, run_id: str | None) -> str:
    """'run 1a2b3c4d (close_month_job, dari cli)': who did it, as far as Dagster knows (a
    run's job and what launched it; Dagster OSS records no user name)."""
    if not run_id:
        return ""
    run = instance.get_run_by_id(run_id)
    if run is None:
        return f"run {run_id[:8]}"
    trigger = run.tags.get("kinerja/trigger") or (
        "backfill" if run.tags.get("dagster/backfill") else "UI"
    )
    return f"run {run_id[:8]} ({run.job_name}, dari {trigger})"


def month_status(money, closed_by: str = "") -> str:
    """'ditutup 2024-05-02 10:00 UTC oleh run …' or 'terbuka (sementara, belum ditutup)'."""
    if not money.closed:
        return "terbuka (sementara, belum ditutup)"
    at = pd.Timestamp(money.closed_at)
    at = at.tz_localize("UTC") if at.tzinfo is None else at.tz_convert("UTC")
    return f"ditutup {at:%Y-%m-%d %H:%M} UTC" + (f" oleh {closed_by}" if closed_by else "")


def money_metadata(money, closed_by: str = "") -> dict[str, object]:
    """A month's money as HR reads it (resources.warehouse.tpp.read.MonthMoney): its status,
    gross, PPh 21, net paid (from the close) and recomputed, every adjustment line of the month
    in the warehouse (count and rupiah), and the five units whose net changed most."""
    closed = money.closed
    meta: dict[str, object] = {
        label("month"): money.month,
        label("month_status"): month_status(money, closed_by),
        label("employees"): money.employees,
        label("gross"): rupiah(money.gross),
        label("pph21"): rupiah(money.pph21),
        label("net_paid"): rupiah(money.net_paid)
        if closed
        else "belum ada: bulan belum ditutup (neto sementara di bawah)",
        label("net_recomputed"): rupiah(money.net),
    }
    if closed:
        meta[label("gross_paid")] = rupiah(money.gross_paid)
        meta[label("pph21_paid")] = rupiah(money.pph21_paid)
        meta[label("net_difference")] = rupiah(money.net - money.net_paid)
    meta[label("adjustment_lines")] = money.adjustment_lines
    meta[label("adjustment_total")] = rupiah(money.adjustment_total)
    meta[label("largest_unit_changes")] = unit_changes_md(money)
    return meta


def unit_table(frame: pd.DataFrame) -> dg.MetadataValue:
    """Per unit (OPD): employees, ceilings, gross, BPJS and net in rupiah, largest net first."""
    totals = unit_totals(frame)
    table = pd.DataFrame(
        {
            "unit": totals[c.UNIT_INDUK].astype("string"),
            "pegawai": totals["employees"].astype("int64"),
            "pagu": totals[c.CEILING].map(rupiah),
            "bruto": totals[c.GROSS].map(rupiah),
            "BPJS 4% pemda": totals[c.BPJS_EMPLOYER].map(rupiah),
            "BPJS 1% pegawai": totals[c.BPJS_EMPLOYEE].map(rupiah),
            "neto": totals[c.NET].map(rupiah),
        }
    )
    return dg.MetadataValue.md(table.to_markdown(index=False) if len(table) else "_tidak ada_")


def unit_changes_md(money) -> dg.MetadataValue:
    changes = money.unit_changes
    if changes.empty:
        return dg.MetadataValue.md(
            "_tidak ada unit yang neto-nya berubah_"
            + (" _dari yang dibayar_" if money.closed else " _dari hitungan sebelumnya_")
        )
    before = "dibayar" if money.closed else "sebelumnya"
    after = "hitung ulang" if money.closed else "sekarang"
    table = pd.DataFrame(
        {
            "unit": changes[c.UNIT_INDUK].astype("string"),
            f"neto {before}": changes["before"].map(rupiah),
            f"neto {after}": changes["after"].map(rupiah),
            "selisih": changes["change"].map(rupiah),
        }
    )
    return dg.MetadataValue.md(table.to_markdown(index=False))


def count_table(counts: dict[str, int], key: str, description: str) -> dg.TableMetadataValue:
    """A {code: count} mapping as a two-column table (never a JSON dict in the UI)."""
    return dg.MetadataValue.table(
        records=[dg.TableRecord({key: str(k), "jumlah": int(v)}) for k, v in counts.items()],
        schema=dg.TableSchema(
            columns=[
                dg.TableColumn(key, "string", description=description),
                dg.TableColumn("jumlah", "int", description="jumlah"),
            ]
        ),
    )


def _codes(quarantine: pd.DataFrame) -> pd.Series:
    if REASON_CODE in quarantine.columns:
        return quarantine[REASON_CODE].astype("string")
    return reason_codes(quarantine[c.REASON])


def quarantine_by_code(quarantine: pd.DataFrame) -> dg.TableMetadataValue:
    """Rows quarantined per reason code, most frequent first, with the code's meaning and one
    masked example of its detail."""
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(
                "kode", "string", description="kode alasan (reason_code, docs/glossary.md)"
            ),
            dg.TableColumn("arti", "string", description="arti kode"),
            dg.TableColumn("baris", "int", description="baris dikarantina"),
            dg.TableColumn("contoh", "string", description="satu contoh rincian (NIP disamarkan)"),
        ]
    )
    if quarantine.empty:
        return dg.MetadataValue.table(records=[], schema=schema)
    frame = pd.DataFrame({"kode": _codes(quarantine), "detail": quarantine[c.REASON]})
    counts = frame.groupby("kode", sort=False).agg(
        baris=("detail", "size"), contoh=("detail", "first")
    )
    counts = counts.sort_values("baris", ascending=False, kind="stable")
    return dg.MetadataValue.table(
        records=[
            dg.TableRecord(
                {
                    "kode": str(code),
                    "arti": REASON_LABELS.get(str(code), ""),
                    "baris": int(row.baris),
                    "contoh": mask_text(str(row.contoh))[:200],
                }
            )
            for code, row in counts.iterrows()
        ],
        schema=schema,
    )


def quarantine_by_file(quarantine: pd.DataFrame) -> dg.TableMetadataValue:
    """Rows quarantined per file and reason code: which export to look at first."""
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn("berkas", "string", description="berkas di inbox"),
            dg.TableColumn("kode", "string", description="kode alasan (reason_code)"),
            dg.TableColumn("baris", "int", description="baris dikarantina"),
        ]
    )
    if quarantine.empty:
        return dg.MetadataValue.table(records=[], schema=schema)
    frame = pd.DataFrame(
        {"berkas": quarantine[c.SOURCE_FILE].astype("string"), "kode": _codes(quarantine)}
    )
    counts = frame.value_counts(["berkas", "kode"]).reset_index(name="baris")
    counts = counts.sort_values(["baris", "berkas"], ascending=[False, True], kind="stable")
    return dg.MetadataValue.table(
        records=[
            dg.TableRecord({"berkas": str(f), "kode": str(k), "baris": int(n)})
            for f, k, n in counts.head(50).itertuples(index=False)
        ],
        schema=schema,
    )


def quarantine_rows(quarantine: pd.DataFrame, rows: int = 20) -> dg.MetadataValue:
    """Examples of rejected rows as HR reads them, spread over every file and code (the first
    row of each file-code pair first, then more of them): file, line, code, its meaning in
    Indonesian and the detail, with long numbers (NIPs) masked; the raw record never (it may
    hold a name)."""
    if quarantine.empty:
        return dg.MetadataValue.md("_tidak ada baris yang dikarantina_")
    codes = _codes(quarantine).reset_index(drop=True)
    frame = quarantine.reset_index(drop=True).assign(_kode=codes)
    rank = frame.groupby([c.SOURCE_FILE, "_kode"], sort=False).cumcount()
    head = frame.loc[rank.sort_values(kind="stable").index[:rows]].sort_index()
    table = pd.DataFrame(
        {
            "berkas": head[c.SOURCE_FILE].astype("string").map(mask_text),
            "baris ke": head[c.SOURCE_LINE].astype("string"),
            "kode": head["_kode"].astype("string"),
            "arti": head["_kode"].map(lambda k: REASON_LABELS.get(str(k), "")),
            "rincian": head[c.REASON].astype("string").map(mask_text),
        }
    )
    pairs = int(rank.eq(0).sum())
    more = len(quarantine) - len(head)
    note = (
        f"\n\n_{len(head)} contoh dari {len(quarantine)} baris ({pairs} pasangan berkas-kode); "
        f"… dan {more} baris lagi (tabel quarantine di gudang data)_"
        if more
        else ""
    )
    return dg.MetadataValue.md(table.fillna("").to_markdown(index=False) + note)


def quarantine_metadata(quarantine: pd.DataFrame) -> dict[str, object]:
    """Counts per code and per file, and the masked rows: one set of keys for every asset (the
    codes are derived once here, not once per table)."""
    if len(quarantine) and REASON_CODE not in quarantine.columns:
        quarantine = quarantine.assign(**{REASON_CODE: reason_codes(quarantine[c.REASON])})
    return {
        label("quarantine_by_code"): quarantine_by_code(quarantine),
        label("quarantine_by_file"): quarantine_by_file(quarantine),
        label("quarantine_rows"): quarantine_rows(quarantine),
    }


def preview(frame: pd.DataFrame, columns: list[str], rows: int = 5) -> dg.MetadataValue:
    """A small markdown table; NIP columns masked, only the listed (non-personal) columns."""
    cols = [col for col in columns if col in frame.columns]
    head = frame[cols].head(rows).copy()
    if c.NIP in head.columns:
        head[c.NIP] = mask_nip(head[c.NIP])
    return dg.MetadataValue.md(
        head.astype("string").fillna("").to_markdown(index=False)
        if len(head)
        else "_tidak ada baris_"
    )


def counts(checked: Checked) -> dict[str, int]:
    """rows_in, rows_valid, rows_quarantined, files, files_rejected of a Checked."""
    audit = checked.audit
    rejected = audit[audit[c.STATUS] == "rejected"] if len(audit) else audit
    return {
        "rows_in": int(audit["rows_in"].sum()) if len(audit) else 0,
        "rows_valid": len(checked.valid),
        "rows_quarantined": len(checked.quarantine),
        "files": len(audit),
        "files_rejected": len(rejected),
    }


def checked_metadata(checked: Checked) -> dict[str, object]:
    """The counts under their Indonesian labels, and the quarantine per code, per file and row."""
    return {
        **{label(k): v for k, v in counts(checked).items()},
        **quarantine_metadata(checked.quarantine),
    }


def rejected_files(audit: pd.DataFrame) -> dg.MetadataValue:
    """Files rejected whole, with the reason (masked), as a table."""
    bad = audit[audit[c.STATUS] == "rejected"] if len(audit) else audit
    if bad.empty:
        return dg.MetadataValue.md("_tidak ada berkas yang ditolak_")
    table = pd.DataFrame(
        {
            "berkas": bad["file"].astype("string"),
            "alasan": bad["message"].astype("string").fillna("").map(mask_text),
        }
    )
    return dg.MetadataValue.md(table.to_markdown(index=False))


def contract_checks(names) -> list[dg.AssetCheckSpec]:
    """The non-blocking ``<asset>_contract`` check of each export asset of a multi-asset reader:
    a warning when rows were quarantined or files rejected."""
    return [
        dg.AssetCheckSpec(
            f"{name}_contract",
            asset=name,
            blocking=False,
            description="Peringatan bila ada baris dikarantina atau berkas ditolak.",
        )
        for name in names
    ]


def gap_table(gap_list: pd.DataFrame) -> dg.MetadataValue:
    """The machine-days without data as a table HR reads (no personal data)."""
    if gap_list.empty:
        return dg.MetadataValue.md("_setiap mesin punya data terbaca untuk setiap hari kerja_")
    table = pd.DataFrame(
        {
            "mesin": gap_list[c.DEVICE_KEY].astype("string"),
            "dari": pd.to_datetime(gap_list[c.DATE_FROM]).dt.strftime("%Y-%m-%d"),
            "sampai": pd.to_datetime(gap_list[c.DATE_TO]).dt.strftime("%Y-%m-%d"),
            "hari kerja": gap_list[c.WORKDAYS].astype("int64"),
            "pegawai": gap_list[c.EMPLOYEES_AFFECTED].astype("int64"),
            "sebab": gap_list[c.GAP_REASON].astype("string"),
            "keputusan HR": gap_list[c.DECISION].astype("string").fillna("belum"),
        }
    )
    if c.COVER_UNTIL in gap_list.columns and gap_list[c.COVER_UNTIL].notna().any():
        until = pd.to_datetime(gap_list[c.COVER_UNTIL], utc=True)
        table["data sampai (cover_until)"] = until.dt.strftime("%Y-%m-%d %H:%M UTC").fillna("")
    return dg.MetadataValue.md(table.to_markdown(index=False))


def unmapped_pins_check(audit: pd.DataFrame) -> dg.AssetCheckResult:
    """A warning naming each file most of whose records carry PINs the PIN map does not know,
    with the share: a layout read with the wrong column as the PIN looks exactly like that."""
    messages = audit["message"].astype("string") if len(audit) else pd.Series(dtype="string")
    flagged = audit[messages.str.startswith(UNMAPPED_PINS).fillna(False).to_numpy()]
    table = pd.DataFrame(
        {
            "berkas": flagged["file"].astype("string"),
            "baris (rows_in)": flagged["rows_in"].astype("int64"),
            "keterangan": flagged["message"].astype("string"),
        }
    )
    return dg.AssetCheckResult(
        check_name="attendance_punches_unmapped_pins",
        passed=flagged.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=None
        if flagged.empty
        else "; ".join(
            f"{f}: {m}" for f, m in zip(flagged["file"], flagged["message"], strict=True)
        ),
        metadata={
            "berkas dengan PIN tak dikenal (files)": len(flagged),
            "berkas": dg.MetadataValue.md(
                table.to_markdown(index=False) if len(table) else "_tidak ada_"
            ),
        },
    )


def coverage_metadata(device_days: pd.DataFrame, gap_list: pd.DataFrame) -> dict[str, object]:
    missing = device_days[~device_days[c.HAS_DATA]]
    return {
        "machines": int(device_days[c.DEVICE_KEY].nunique()),
        "machine_days_without_data": len(missing),
        "gaps": gap_table(gap_list),
    }


def coverage_check(gap_list: pd.DataFrame) -> dg.AssetCheckResult:
    """A warning while machine-days without data remain undecided: nobody is charged for them,
    and the month cannot be closed."""
    open_list = open_gaps(gap_list)
    return dg.AssetCheckResult(
        check_name="attendance_coverage_gaps",
        passed=open_list.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=None
        if open_list.empty
        else "; ".join(describe(g) for _, g in open_list.iterrows())
        + ". Taruh ekspor yang kurang di inbox, atau catat keputusan di "
        "attendance_decisions.csv.",
        metadata=labelled({"open_gaps": len(open_list), "gaps": gap_table(gap_list)}),
    )


MONTH_INPUTS_CHECK = "attendance_punches_month_inputs"


def refusal_text(month: str, missing: list[str]) -> str:
    """The refusal of ``month`` in words: what is missing, what to do, and what this run did
    for the month (nothing: every monthly step after the punches is skipped)."""
    return (
        f"Bulan {month} tidak dapat dihitung: belum ada "
        + "; ".join(missing)
        + f". {refusal_fix(month)} Run ini tidak menghitung dan tidak menerbitkan apa pun untuk "
        f"bulan {month}: kehadiran, disiplin, predikat bulanan, e-Lapkin, tindak lanjut dan TPP "
        "dilewati (skipped), dan isi gudang data untuk bulan itu tidak berubah."
    )


def refusal_fix(month: str) -> str:
    return (
        "Taruh berkas yang kurang di inbox, baca ulang inbox (job inbox_job atau sensor "
        f"inbox_sensor), lalu hitung ulang bulan {month}. Jika bulan ini memang belum punya "
        "data, jangan hitung bulan ini."
    )


def month_refusal(month: str, missing: list[str]) -> dg.AssetCheckResult:
    """The refusal of a month that cannot be computed, as the failed month-inputs check of
    attendance_punches (severity ERROR): Dagster shows the month's steps skipped and this
    sentence, not a failed asset and a stack."""
    return dg.AssetCheckResult(
        check_name=MONTH_INPUTS_CHECK,
        asset_key="attendance_punches",
        passed=False,
        severity=dg.AssetCheckSeverity.ERROR,
        description=refusal_text(month, missing),
        metadata={
            "bulan (month)": month,
            "masukan yang kurang (missing_inputs)": dg.MetadataValue.md(
                "\n".join(f"- {m}" for m in missing)
            ),
            "cara memperbaiki (fix)": refusal_fix(month),
        },
    )


def selected_only(context: dg.AssetExecutionContext, events, asset: str = "attendance_punches"):
    """The events of a subsettable asset without the check results its run did not select."""
    selected = context.selected_asset_check_keys
    for event in events:
        if isinstance(event, dg.AssetCheckResult):
            key = dg.AssetCheckKey(event.asset_key or dg.AssetKey(asset), event.check_name)
            if key not in selected:
                continue
        yield event
