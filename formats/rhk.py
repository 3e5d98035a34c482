"""RHK plan exports (inbox/ekinerja/, CSV, XLSX or JSON; tax-360 §3.2): one row per rencana
hasil kerja with the link to the atasan RHK it intervenes.

Columns: ``rhk_id``, ``skp_id`` (joins Laporan SKP ``id``), ``nip``, ``tahun`` and/or
``periode_awal``/``periode_akhir`` (the SKP's period; the whole year when absent), ``jenis``
(utama, tambahan), ``deskripsi``, ``rhk_atasan_id`` and/or ``rhk_atasan_text`` ("RHK atasan
yang diintervensi"), ``nip_atasan`` (pejabat penilai of the SKP), ``is_plt_plh``, optional
``unit`` and ``indikator`` (a JSON list of indicator objects, or texts separated by ';').
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult
from formats.feedback360 import reject_empty, text
from formats.reference import nip_text, numeric_cells, range_dates, raw_of, reference_result
from formats.tabular import Table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import RHK_JENIS_ALIASES, RHK_PLAN, normalise_label

REQUIRED = {"rhkid", "nip", "jenis"}
FRAME_COLUMNS = [
    c.RHK_ID,
    c.SKP_ID,
    c.NIP,
    c.UNIT,
    c.PERIOD,
    c.PERIOD_START,
    c.PERIOD_END,
    c.JENIS,
    c.DESKRIPSI,
    c.RHK_ATASAN_ID,
    c.RHK_ATASAN_TEXT,
    c.NIP_ATASAN,
    c.IS_PLT_PLH,
    c.INDIKATOR,
    c.N_INDIKATOR,
]
KEEP = [
    "rhkid",
    "skpid",
    "nip",
    "tahun",
    "periodeawal",
    "periodeakhir",
    "jenis",
    "rhkatasanid",
    "rhkatasantext",
    "nipatasan",
    "ispltplh",
]
PLT_FLAGS = {"0": False, "1": True, "false": False, "true": True, "tidak": False, "ya": True}


def count_indicators(values: pd.Series) -> pd.Series:
    """Indicators in a JSON list (its objects) or in ';'-separated text; 0 when empty."""
    s = values.fillna("").str.strip()
    as_json = s.str.startswith("[")
    objects = s.str.count(r"\{")
    items = s.str.count(";") + (s != "").astype("int64")
    return objects.where(as_json, items).astype("int64")


def read_rhk(table: Table, file: str) -> ReadResult:
    """The RHK export (module docstring)."""
    reject_empty(table, file, "RHK export")
    v = table.values
    jenis_text = text(v, "jenis", "jenisrhk")
    jenis = normalise_label(jenis_text).map(RHK_JENIS_ALIASES).astype("string")
    keys = [k for k in ("periodeawal", "periodeakhir") if k in v.columns]
    dated = dict(zip(keys, range_dates(table, *keys), strict=True))
    tahun = text(v, "tahun").str.extract(r"^(\d{4})$", expand=False)
    no_date = pd.Series(pd.NaT, index=v.index, dtype="datetime64[s]")
    start = dated.get("periodeawal", no_date)
    end = dated.get("periodeakhir", no_date)
    year = tahun.fillna(start.dt.year.astype("Int64").astype("string"))
    start = start.fillna(pd.to_datetime(year + "-01-01", errors="coerce")).astype("datetime64[s]")
    end = end.fillna(pd.to_datetime(year + "-12-31", errors="coerce")).astype("datetime64[s]")
    plt_text = normalise_label(text(v, "ispltplh"))
    plt = plt_text.map(PLT_FLAGS).astype("boolean")
    indikator = text(v, "indikator", "indikatorlist")
    frame = pd.DataFrame(
        {
            c.RHK_ID: text(v, "rhkid"),
            c.SKP_ID: text(v, "skpid", "skp"),
            c.NIP: nip_text(v["nip"]),
            c.UNIT: text(v, "unit", "unorinduknama", "skpunorinduk"),
            c.PERIOD: year.astype("string"),
            c.PERIOD_START: start,
            c.PERIOD_END: end,
            c.JENIS: jenis,
            c.DESKRIPSI: text(v, "deskripsi", "rhk", "rencanahasilkerja"),
            c.RHK_ATASAN_ID: text(v, "rhkatasanid", "rhkatasanyangdiintervensiid"),
            c.RHK_ATASAN_TEXT: text(
                v, "rhkatasantext", "rhkatasan", "rhkatasanyangdiintervensi", "intervensiatasan"
            ),
            c.NIP_ATASAN: nip_text(text(v, "nipatasan", "nippenilai")),
            c.IS_PLT_PLH: plt.fillna(False).astype(bool),
            c.INDIKATOR: indikator,
            c.N_INDIKATOR: count_indicators(indikator),
        }
    )
    given = {k: v[k].fillna("") for k in keys}
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (numeric_cells(table, "nipatasan"), "nip_atasan: " + number_reason(text(v, "nipatasan"))),
        (frame[c.NIP].isna(), "nip is empty"),
        (frame[c.RHK_ID].isna(), "rhk_id is empty: no RHK can intervene this one"),
        (
            jenis.isna(),
            "jenis '" + jenis_text.fillna("") + "' is not utama or tambahan",
        ),
        *[
            (
                v[k].notna() & dated[k].isna(),
                f"{k.replace('periode', 'periode_')} '" + given[k] + "' is not a date",
            )
            for k in keys
        ],
        (frame[c.PERIOD].isna(), "no tahun and no periode_awal: the RHK has no period"),
        (frame[c.PERIOD_END] < frame[c.PERIOD_START], "periode_akhir is before periode_awal"),
        (plt_text.notna() & plt.isna(), "is_plt_plh must be 0 or 1"),
        index=v.index,
    )
    return reference_result(RHK_PLAN, file, table, frame[FRAME_COLUMNS], reason, raw_of(v, KEEP))
