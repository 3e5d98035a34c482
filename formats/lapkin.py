"""e-Lapkin daily activity reports (inbox/ekinerja/, CSV, XLSX or JSON; tax-360 §5.2): one row
per activity.

Columns: ``nip``, ``tanggal`` (the day of the activity), ``aktivitas`` (or
``rincian_kegiatan``), ``menit`` (or ``menit_efektif``; else ``jam_mulai``/``jam_selesai`` as
HH:MM), ``status`` (or ``status_verifikasi``: belum_diverifikasi, sudah_diverifikasi, ditolak,
and the usual words), ``tanggal_lapor`` (the day it was written; a time after the date is
ignored). Names are dropped at the door.
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult
from formats.dates import parse_datetimes
from formats.ekinerja_template import parse_number
from formats.feedback360 import reject_empty, text
from formats.reference import column_dates, nip_text, numeric_cells, raw_of, reference_result
from formats.tabular import Table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import LAPKIN, LAPKIN_STATUS_ALIASES, normalise_label

REQUIRED = {"nip", "tanggal"}
ACTIVITY_KEYS = ("aktivitas", "rinciankegiatan", "kegiatan", "uraian")
MINUTE_KEYS = ("menit", "menitefektif", "durasi", "durasimenit")
FRAME_COLUMNS = [c.NIP, c.TANGGAL, c.AKTIVITAS, c.MENIT, c.STATUS, c.TANGGAL_LAPOR]
KEEP = [
    "nip",
    "tanggal",
    *ACTIVITY_KEYS,
    *MINUTE_KEYS,
    "jammulai",
    "jamselesai",
    "status",
    "statusverifikasi",
    "tanggallapor",
]


def is_lapkin(keys: set[str]) -> bool:
    return keys >= REQUIRED and bool(keys & {*ACTIVITY_KEYS, *MINUTE_KEYS, "statusverifikasi"})


def _clock_minutes(values: pd.Series) -> pd.Series:
    parts = values.str.extract(r"^(\d{1,2})[:.](\d{2})")
    minutes = pd.to_numeric(parts[0]) * 60 + pd.to_numeric(parts[1])
    return minutes.where(pd.to_numeric(parts[0]) < 24)


def read_lapkin(table: Table, file: str) -> ReadResult:
    """The daily activity report export (module docstring)."""
    reject_empty(table, file, "daily activity report export")
    v = table.values
    day = column_dates(table, "tanggal")
    menit_text = text(v, *MINUTE_KEYS)
    start, end = _clock_minutes(text(v, "jammulai")), _clock_minutes(text(v, "jamselesai"))
    menit = parse_number(menit_text).fillna((end - start).astype("float64"))
    status_text = text(v, "statusverifikasi", "status")
    status = normalise_label(status_text).map(LAPKIN_STATUS_ALIASES).astype("string")
    lapor_text = text(v, "tanggallapor", "tanggalinput", "createdat")
    lapor, _ = parse_datetimes(
        lapor_text.str.replace(r"[ T]\d{1,2}:\d{2}(:\d{2})?.*$", "", regex=True), dates_only=True
    )
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(v["nip"]),
            c.TANGGAL: day.astype("datetime64[s]"),
            c.AKTIVITAS: text(v, *ACTIVITY_KEYS),
            c.MENIT: menit.round().astype("Int64"),
            c.STATUS: status,
            c.TANGGAL_LAPOR: lapor.astype("datetime64[s]"),
        }
    )
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (frame[c.NIP].isna(), "nip is empty"),
        (day.isna(), "tanggal '" + v["tanggal"].fillna("") + "' is not a date"),
        (
            menit_text.notna() & parse_number(menit_text).isna(),
            "menit '" + menit_text.fillna("") + "' is not a number",
        ),
        (menit.isna(), "no menit and no jam_mulai/jam_selesai: the activity has no duration"),
        (
            status.isna(),
            "status '" + status_text.fillna("") + "' is not belum_diverifikasi, "
            "sudah_diverifikasi or ditolak",
        ),
        (
            lapor_text.notna() & frame[c.TANGGAL_LAPOR].isna(),
            "tanggal_lapor '" + lapor_text.fillna("") + "' is not a date",
        ),
        index=v.index,
    )
    return reference_result(LAPKIN, file, table, frame, reason, raw_of(v, KEEP))
