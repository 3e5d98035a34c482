"""Asset metadata for the Dagster UI: counts, reasons and previews without personal data.

NIPs are masked to their last four digits (the first eight are a birth date); names, NIK, NPWP
and bank accounts never reach a frame that is previewed.
"""

from __future__ import annotations

import re

import dagster as dg
import pandas as pd

from rules import columns as c
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
