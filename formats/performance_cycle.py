"""Which issue-16 export a file in inbox/ekinerja/ is, from its header: the 360 feedback
export (``nip_dinilai`` + ``nip_penilai``), the RHK plan export (``rhk_id`` + ``nip`` +
``jenis``) or the daily activity reports (``nip`` + ``tanggal`` + an activity, minutes or
verification column). ``formats.ekinerja.read_ekinerja`` asks ``detect_cycle_layout`` before
its own layouts (an RHK export also has periode_akhir, like a Laporan SKP), and
``read_performance_cycle`` reads a file that must be one of the three.
"""

from __future__ import annotations

from formats.base import FileEmpty, FileRejected, ReadResult
from formats.feedback360 import REQUIRED as FEEDBACK_REQUIRED
from formats.feedback360 import read_feedback_360
from formats.lapkin import is_lapkin, read_lapkin
from formats.rhk import REQUIRED as RHK_REQUIRED
from formats.rhk import read_rhk
from formats.tabular import Table, read_table
from rules.performance import FEEDBACK_360, LAPKIN, RHK_PLAN

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


def read_performance_cycle(data: bytes, file: str) -> ReadResult:
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
