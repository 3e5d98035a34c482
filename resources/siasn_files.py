"""The SIASN-ready files an operator uploads (issue 16; tax-360 §4.4): per period one JSON Lines
file of payloads (one per line, SIASN field names plus ``nip``) and one CSV of every row for
review, the ones not sent with their reason. No network call: the pipeline never talks to SIASN.

Writing the same rows again gives the same bytes (rows sorted by NIP, stable ids, no time
stamp), and each file is replaced atomically, so a re-export is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from resources.state import atomic_write_bytes
from vocabulary import columns as c

REVIEW_DROP = ("payload",)


@dataclass(frozen=True)
class SiasnFiles:
    """What an export wrote."""

    payloads: Path
    review: Path
    sent: int
    not_sent: int
    endpoint: str

    def metadata(self) -> dict[str, object]:
        return {
            "payloads": str(self.payloads),
            "review": str(self.review),
            "sent": self.sent,
            "not_sent": self.not_sent,
        }


def file_names(period: str, endpoint: str) -> tuple[str, str]:
    """('skp22_save_2024.jsonl', 'siasn_2024.csv') for a year, ('kinerjaperiodik_save_...')
    for a month or a semester."""
    return f"{endpoint.replace('/', '_')}_{period}.jsonl", f"siasn_{period}.csv"


def write_export(rows: pd.DataFrame, period: str, endpoint: str, out: Path) -> SiasnFiles:
    """Write the payloads of the rows that can be sent and the review CSV of every row.

    Args:
        rows: the rows of one period with their ``payload`` (``export.siasn.export_siasn``).
        period: the period label.
        endpoint: the SIASN endpoint of the period (skp22/save or kinerjaperiodik/save).
        out: the folder (created when missing).
    """
    jsonl, csv = file_names(period, endpoint)
    ordered = rows.sort_values(c.NIP, kind="stable")
    lines = ordered["payload"].dropna().tolist()
    atomic_write_bytes(out / jsonl, "".join(f"{line}\n" for line in lines).encode("utf-8"))
    review = ordered.drop(columns=list(REVIEW_DROP)).to_csv(index=False, lineterminator="\n")
    atomic_write_bytes(out / csv, review.encode("utf-8"))
    return SiasnFiles(out / jsonl, out / csv, len(lines), len(ordered) - len(lines), endpoint)
