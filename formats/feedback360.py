"""360-degree perilaku feedback exports (inbox/ekinerja/, CSV, XLSX or JSON; tax-360 §2.3).

One row per (ratee, rater, period, aspect): ``nip_dinilai``, ``nip_penilai``, ``relasi``
(atasan, rekan_setingkat, bawahan, diri_sendiri), the period as a label (``periode``: 2024,
2024-S1, 2024-Q2, 2024-03) or as ``tahun`` + ``bulan`` + ``jenis_periode`` (bulanan,
triwulanan, semesteran, tahunan) or the JSON object ``periode: {tahun, bulan, jenis}``,
optional ``regime``, ``aspek``, ``skor`` (numeric regimes), ``rating`` (6/2022),
``umpan_balik`` and ``tanggal_isi``. Names are dropped at the door.
"""

from __future__ import annotations

import pandas as pd

from formats.base import FileEmpty, ReadResult
from formats.ekinerja_template import parse_number
from formats.reference import column_dates, nip_text, numeric_cells, raw_of, reference_result
from formats.tabular import Table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import (
    FEEDBACK_360,
    PERIODE_JENIS,
    REGIME_ALIASES,
    RELASI_ALIASES,
    normalise_label,
    rating_code,
)
from vocabulary.units import parse_periods

REQUIRED = {"nipdinilai", "nippenilai"}
FRAME_COLUMNS = [
    c.NIP,
    c.NIP_PENILAI,
    c.RELASI,
    c.PERIOD,
    c.REGIME,
    c.ASPEK,
    c.SKOR,
    c.RATING,
    c.UMPAN_BALIK,
    c.TANGGAL_ISI,
]
KEEP = [
    "nipdinilai",
    "nippenilai",
    "relasi",
    "periode",
    "tahun",
    "bulan",
    "jenisperiode",
    "regime",
    "aspek",
    "skor",
    "rating",
    "tanggalisi",
]


def text(values: pd.DataFrame, *keys: str) -> pd.Series:
    """The first of ``keys`` that the file has, stripped; <NA> when none."""
    for key in keys:
        if key in values.columns:
            return values[key].str.strip()
    return pd.Series(pd.NA, index=values.index, dtype="string")


def reject_empty(table: Table, file: str, what: str) -> None:
    if table.values.empty:
        raise FileEmpty(file, f"a {what} with no rows; export it again")


def period_labels(periode: pd.Series, tahun: pd.Series, bulan: pd.Series, jenis: pd.Series):
    """The period label of each row, from a label, a JSON object or tahun/bulan/jenis."""
    label = periode.str.upper().str.replace(r"\s+", "", regex=True)
    obj = periode.str.startswith("{").fillna(False)
    tahun = tahun.mask(obj, periode.str.extract(r'"tahun"\s*:\s*"?(\d{4})', expand=False))
    bulan = bulan.mask(obj, periode.str.extract(r'"bulan"\s*:\s*"?(\d{1,2})', expand=False))
    jenis = jenis.mask(obj, periode.str.extract(r'"jenis"\s*:\s*"(\w+)"', expand=False))
    label = label.mask(obj)
    kind = normalise_label(jenis).map(PERIODE_JENIS)
    year = tahun.str.extract(r"^(\d{4})$", expand=False)
    month = pd.to_numeric(bulan, errors="coerce").where(lambda m: m.between(1, 12))
    m = month.astype("Int64")
    built = pd.Series(pd.NA, index=periode.index, dtype="string")
    built = built.mask(kind == "year", year)
    built = built.mask((kind == "month") & m.notna(), year + "-" + m.astype("string").str.zfill(2))
    built = built.mask(
        (kind == "quarter") & m.notna(), year + "-Q" + ((m - 1) // 3 + 1).astype("string")
    )
    built = built.mask(
        (kind == "semester") & m.notna(),
        year + "-S" + (1 + (m > 6).astype("Int64")).astype("string"),
    )
    return label.fillna(built).where(year.notna() | label.notna()).astype("string")


def read_feedback_360(table: Table, file: str) -> ReadResult:
    """The 360 export (module docstring)."""
    reject_empty(table, file, "360 feedback export")
    v = table.values
    relasi_text = text(v, "relasi", "hubungan")
    relasi = normalise_label(relasi_text).map(RELASI_ALIASES).astype("string")
    period = period_labels(
        text(v, "periode"), text(v, "tahun"), text(v, "bulan"), text(v, "jenisperiode", "jenis")
    )
    regime_text = text(v, "regime", "regim")
    regime = normalise_label(regime_text).map(REGIME_ALIASES).astype("string")
    skor_text, rating_text = text(v, "skor", "nilai"), text(v, "rating")
    dates = text(v, "tanggalisi")
    filled = column_dates(table, "tanggalisi") if "tanggalisi" in v.columns else None
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(v["nipdinilai"]),
            c.NIP_PENILAI: nip_text(v["nippenilai"]),
            c.RELASI: relasi,
            c.PERIOD: period,
            c.REGIME: regime,
            c.ASPEK: normalise_label(text(v, "aspek")).str.replace(" ", "_", regex=False),
            c.SKOR: parse_number(skor_text),
            c.RATING: rating_code(rating_text),
            c.UMPAN_BALIK: text(v, "umpanbalik", "umpanbaliktext", "feedback"),
            c.TANGGAL_ISI: (
                filled if filled is not None else pd.Series(pd.NaT, index=v.index)
            ).astype("datetime64[s]"),
        }
    )
    reason = first_reason(
        (numeric_cells(table, "nipdinilai"), number_reason(v["nipdinilai"])),
        (numeric_cells(table, "nippenilai"), "nip_penilai: " + number_reason(v["nippenilai"])),
        (frame[c.NIP].isna(), "nip_dinilai is empty"),
        (frame[c.NIP_PENILAI].isna(), "nip_penilai is empty"),
        (
            relasi.isna(),
            "relasi '" + relasi_text.fillna("") + "' is not atasan, rekan_setingkat, bawahan or "
            "diri_sendiri",
        ),
        (
            parse_periods(period)[c.PERIOD_KIND].isna(),
            "the period is neither a label (2024, 2024-S1, 2024-Q2, 2024-03) nor tahun with "
            "bulan and jenis_periode (bulanan, triwulanan, semesteran, tahunan)",
        ),
        (
            regime_text.notna() & regime.isna(),
            "regime '" + regime_text.fillna("") + "' is not pp46, permenpanrb_8_2021 or "
            "permenpanrb_6_2022",
        ),
        (frame[c.ASPEK].isna(), "aspek is empty"),
        (
            skor_text.notna() & frame[c.SKOR].isna(),
            "skor '" + skor_text.fillna("") + "' is not a number",
        ),
        (
            rating_text.notna() & frame[c.RATING].isna(),
            "rating '" + rating_text.fillna("") + "' is not Di Atas, Sesuai or Di Bawah Ekspektasi",
        ),
        (frame[c.SKOR].isna() & frame[c.RATING].isna(), "neither skor nor rating is given"),
        (
            dates.notna() & frame[c.TANGGAL_ISI].isna(),
            "tanggal_isi '" + dates.fillna("") + "' is not a date",
        ),
        index=v.index,
    )
    return reference_result(FEEDBACK_360, file, table, frame, reason, raw_of(v, KEEP))
