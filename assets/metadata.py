"""Asset metadata for the Dagster UI: counts, reasons and previews without personal data.

NIPs are masked to their last four digits (the first eight are a birth date); names, NIK, NPWP
and bank accounts never reach a frame that is previewed.
"""

from __future__ import annotations

import re

import dagster as dg
import pandas as pd

from rules import columns as c
from rules.coverage import describe, open_gaps
from rules.frames import Checked

_LONG_NUMBER = re.compile(r"\d{9,}")


def mask_nip(values: pd.Series) -> pd.Series:
    s = values.astype("string")
    return ("…" + s.str.slice(-4)).astype("string")


def mask_text(text: str) -> str:
    """Long digit runs (NIPs, NIKs, accounts) replaced by '…' plus their last four digits."""
    return _LONG_NUMBER.sub(lambda m: "…" + m.group(0)[-4:], text)


def reason_summary(quarantine: pd.DataFrame, top: int = 10) -> dict[str, int]:
    if quarantine.empty:
        return {}
    generic = (
        quarantine[c.REASON]
        .astype("string")
        .str.replace(r"\d{9,}", "<id>", regex=True)
        .str.replace(r"'[^']*'", "'…'", regex=True)
    )
    counts = generic.value_counts().head(top)
    return {str(k): int(v) for k, v in counts.items()}


def preview(frame: pd.DataFrame, columns: list[str], rows: int = 5) -> dg.MetadataValue:
    """A small markdown table; NIP columns masked, only the listed (non-personal) columns."""
    cols = [col for col in columns if col in frame.columns]
    head = frame[cols].head(rows).copy()
    if c.NIP in head.columns:
        head[c.NIP] = mask_nip(head[c.NIP])
    return dg.MetadataValue.md(
        head.astype("string").fillna("").to_markdown(index=False) if len(head) else "_no rows_"
    )


def checked_metadata(checked: Checked) -> dict[str, object]:
    audit = checked.audit
    rejected = audit[audit[c.STATUS] == "rejected"] if len(audit) else audit
    return {
        "rows_in": int(audit["rows_in"].sum()) if len(audit) else 0,
        "rows_valid": len(checked.valid),
        "rows_quarantined": len(checked.quarantine),
        "files": len(audit),
        "files_rejected": len(rejected),
        "quarantine_reasons": dg.MetadataValue.json(reason_summary(checked.quarantine)),
    }


def rejected_files(audit: pd.DataFrame) -> dict[str, str]:
    if audit.empty:
        return {}
    bad = audit[audit[c.STATUS] == "rejected"]
    return {str(f): mask_text(str(m)) for f, m in zip(bad["file"], bad["message"], strict=True)}


def contract_checks(names) -> list[dg.AssetCheckSpec]:
    """The non-blocking ``<asset>_contract`` check of each export asset of a multi-asset reader:
    a warning when rows were quarantined or files rejected."""
    return [
        dg.AssetCheckSpec(
            f"{name}_contract",
            asset=name,
            blocking=False,
            description="Warns when rows were quarantined or files rejected.",
        )
        for name in names
    ]


def gap_table(gap_list: pd.DataFrame) -> dg.MetadataValue:
    """The machine-days without data as a table HR reads (no personal data)."""
    if gap_list.empty:
        return dg.MetadataValue.md("_every machine holds readable data for every working day_")
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
    return dg.MetadataValue.md(table.to_markdown(index=False))


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
        + ". Supply the missing exports, or record a decision in attendance_decisions.csv.",
        metadata={"open_gaps": len(open_list), "gaps": gap_table(gap_list)},
    )


def refusal(month: str, missing: list[str]) -> dg.Failure:
    """The failure that refuses a month before anything is computed or published: what is
    missing, for which month, and what to do, in words (no stack needed to act on it)."""
    fix = (
        "Taruh berkas yang kurang di inbox, baca ulang inbox (job inbox_job atau sensor "
        f"inbox_sensor), lalu hitung ulang bulan {month}. Jika bulan ini memang belum punya "
        "data, jangan hitung bulan ini."
    )
    return dg.Failure(
        description=f"Bulan {month} tidak dapat dihitung: belum ada "
        + "; ".join(missing)
        + f". {fix} Tidak ada yang dihitung atau diterbitkan. (Month {month} refused: "
        "missing inputs; nothing was computed or published.)",
        metadata={
            "bulan (month)": month,
            "masukan yang kurang (missing_inputs)": dg.MetadataValue.md(
                "\n".join(f"- {m}" for m in missing)
            ),
            "cara memperbaiki (fix)": fix,
        },
        allow_retries=False,
    )
