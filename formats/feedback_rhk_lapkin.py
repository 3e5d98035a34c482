"""Which cycle export a file in inbox/ekinerja/ is, from its header: the 360 feedback
export (``nip_dinilai`` + ``nip_penilai``), the RHK plan export (``rhk_id`` + ``nip`` +
``jenis``) or the daily activity reports (``nip`` + ``tanggal`` + an activity, minutes or
verification column). ``formats.ekinerja.read_ekinerja`` asks ``detect_cycle_layout`` before
its own layouts (an RHK export also has periode_akhir, like a Laporan SKP), and
``read_feedback_rhk_lapkin`` reads a file that must be one of the three.
"""

from __future__ import annotations

import pandas as pd

from formats.base import FileEmpty, FileRejected, ReadResult
from formats.feedback360 import REQUIRED as FEEDBACK_REQUIRED
from formats.feedback360 import read_feedback_360
from formats.lapkin import is_lapkin, read_lapkin
from formats.rhk import REQUIRED as RHK_REQUIRED
from formats.rhk import read_rhk
from formats.tabular import Table, read_table
from vocabulary import columns as c
from vocabulary.performance import (
    FEEDBACK_360,
    FEEDBACK_KIND,
    LAPKIN,
    LAPKIN_KIND,
    RHK_KIND,
    RHK_PLAN,
)

ACCEPTED = (
    "accepted: a 360 feedback export (nip_dinilai, nip_penilai, relasi, periode, aspek, skor or "
    "rating), an RHK export (rhk_id, nip, jenis, rhk_atasan_id or rhk_atasan_text, nip_atasan) "
    "or daily activity reports (nip, tanggal, aktivitas, menit, status), see docs/performance.md"
)
DESCRIPTION = {
    FEEDBACK_360: "a 360 feedback export",
    RHK_PLAN: "an RHK plan export",
    LAPKIN: "a daily activity report (e-Lapkin) export",
}
READERS = {FEEDBACK_360: read_feedback_360, RHK_PLAN: read_rhk, LAPKIN: read_lapkin}
_TEXT, _DAY = "string", "datetime64[s]"
EMPTY: dict[str, dict[str, str]] = {
    FEEDBACK_KIND: {
        **dict.fromkeys((c.NIP, c.NIP_PENILAI, c.RELASI, c.PERIOD, c.REGIME, c.ASPEK), _TEXT),
        c.SKOR: "float64",
        c.RATING: _TEXT,
        c.UMPAN_BALIK: _TEXT,
        c.TANGGAL_ISI: _DAY,
    },
    RHK_KIND: {
        **dict.fromkeys((c.RHK_ID, c.SKP_ID, c.NIP, c.UNIT, c.PERIOD), _TEXT),
        c.PERIOD_START: _DAY,
        c.PERIOD_END: _DAY,
        **dict.fromkeys(
            (c.JENIS, c.DESKRIPSI, c.RHK_ATASAN_ID, c.RHK_ATASAN_TEXT, c.NIP_ATASAN), _TEXT
        ),
        c.IS_PLT_PLH: "bool",
        c.INDIKATOR: _TEXT,
        c.N_INDIKATOR: "int64",
    },
    LAPKIN_KIND: {
        c.NIP: _TEXT,
        c.TANGGAL: _DAY,
        c.AKTIVITAS: _TEXT,
        c.MENIT: "Int64",
        c.STATUS: _TEXT,
        c.TANGGAL_LAPOR: _DAY,
    },
}


def empty_cycle_frame(kind: str) -> pd.DataFrame:
    """The frame a performance-cycle kind (rules.performance.CYCLE_KINDS) has when the inbox
    holds none of it: the reader's columns with their lineage."""
    columns = {c.SOURCE_FILE: _TEXT, c.SOURCE_LINE: "int64", **EMPTY[kind]}
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in columns.items()})


def detect_cycle_layout(keys: set[str]) -> str | None:
    """The issue-16 layout of a header (normalised keys), or None."""
    if keys >= FEEDBACK_REQUIRED:
        return FEEDBACK_360
    if keys >= RHK_REQUIRED:
        return RHK_PLAN
    if is_lapkin(keys):
        return LAPKIN
    return None


def read_cycle_table(table: Table, file: str, layout: str) -> ReadResult:
    return READERS[layout](table, file)


def read_feedback_rhk_lapkin(data: bytes, file: str) -> ReadResult:
    """Read a 360, RHK or daily-report export, whichever it is.

    Raises:
        FileRejected: empty (0 bytes, a header only, ``[]``), or none of the three layouts.
    """
    last: FileRejected | None = None
    for required in (FEEDBACK_REQUIRED, {"nip"}):
        try:
            table = read_table(data, file, required)
        except FileRejected as exc:
            if "no header row" not in exc.message and "lack the fields" not in exc.message:
                raise
            last = exc
            continue
        if table.values.empty and not len(table.values.columns):
            raise FileEmpty(file, "no records; export it again")
        layout = detect_cycle_layout(set(table.values.columns))
        if layout is not None:
            return read_cycle_table(table, file, layout)
    raise FileRejected(file, f"layout not recognised; {ACCEPTED}") from last
