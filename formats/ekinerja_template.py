"""The SKP detail template and the organisation predikat (inbox/ekinerja/, CSV or XLSX).

No national export carries the numbers of the numeric regimes (PP 46/2011, PermenPAN-RB
8/2021), so HR fills one long table per period (docs/performance.md has the template and an
example). One row per activity (``jenis = kegiatan``: PP 46 kuantitas/kualitas/waktu/biaya), per
IKI (``utama`` / ``tambahan``: 8/2021 target, optional target_max for a range, realisasi, arah,
bobot) or per behaviour aspect (``perilaku``: aspek, nilai). Numbers may be written the
Indonesian way (``170.395.000``, ``87,5``).

``predikat_organisasi`` (unit, periode, predikat_organisasi) is optional: when given, the kurva
distribusi of each unit is checked against it.
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult
from formats.reference import nip_text, numeric_cells, raw_of, reference_result
from formats.tabular import Table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import (
    JENIS_CODES,
    ORG_ALIASES,
    PREDIKAT_ORGANISASI,
    SKP_DETAIL,
    normalise_label,
)
from vocabulary.units import parse_periods

DETAIL_REQUIRED = {"nip", "periode", "jenis"}
ORGANISATION_REQUIRED = {"unit", "periode", "predikatorganisasi"}
JENIS_ALIASES = {
    "kinerja utama": "utama",
    "kinerja tambahan": "tambahan",
    "aktivitas": "kegiatan",
    "tugas": "kegiatan",
    "kegiatan tugas jabatan": "kegiatan",
}
ARAH_ALIASES = {
    "naik": "naik",
    "normal": "naik",
    "maksimal": "naik",
    "turun": "turun",
    "khusus": "turun",
    "minimal": "turun",
    "terbalik": "turun",
}
FLAGS = {
    "ya": True,
    "y": True,
    "1": True,
    "true": True,
    "tidak": False,
    "t": False,
    "0": False,
    "false": False,
    "n": False,
}
NUMBER_FIELDS = {
    "nilai": c.NILAI,
    "bobot": c.BOBOT,
    "target": c.TARGET,
    "targetmax": c.TARGET_MAX,
    "realisasi": c.REALISASI,
    "targetkuantitas": c.TARGET_KUANTITAS,
    "realisasikuantitas": c.REALISASI_KUANTITAS,
    "targetkualitas": c.TARGET_KUALITAS,
    "realisasikualitas": c.REALISASI_KUALITAS,
    "targetwaktu": c.TARGET_WAKTU,
    "realisasiwaktu": c.REALISASI_WAKTU,
    "targetbiaya": c.TARGET_BIAYA,
    "realisasibiaya": c.REALISASI_BIAYA,
}
DETAIL_COLUMNS = [
    c.NIP,
    c.PERIOD,
    c.JENIS,
    c.URAIAN,
    c.ASPEK,
    *NUMBER_FIELDS.values(),
    c.ARAH,
    c.MAKSIMAL,
    c.IDE_BARU,
]


def parse_number(values: pd.Series) -> pd.Series:
    """Numbers as exports write them: '1234.5', '1.234,5', '170.395.000', '87,5', '98%'.

    Returns:
        float64, NaN where empty or not a number.
    """
    s = values.astype("string").str.strip().str.replace(r"[\s%]|Rp\.?", "", regex=True)
    grouped_dots = s.str.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", na=False)
    comma_decimal = s.str.fullmatch(r"-?\d+(,\d+)", na=False)
    grouped_commas = s.str.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", na=False) & ~comma_decimal
    s = s.mask(grouped_dots, s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    s = s.mask(comma_decimal, s.str.replace(",", ".", regex=False))
    s = s.mask(grouped_commas, s.str.replace(",", "", regex=False))
    return pd.to_numeric(s.replace("", pd.NA), errors="coerce").astype("float64")


def _text(values: pd.DataFrame, key: str) -> pd.Series:
    if key in values.columns:
        return values[key].str.strip()
    return pd.Series(pd.NA, index=values.index, dtype="string")


def _flag(values: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series]:
    text = normalise_label(_text(values, key))
    flag = text.map(FLAGS).astype("boolean")
    return flag.fillna(False).astype(bool), text.notna() & flag.isna()


def read_skp_detail(table: Table, file: str) -> ReadResult:
    """The SKP detail template (docs/performance.md)."""
    v = table.values
    jenis_text = normalise_label(v["jenis"])
    jenis = jenis_text.replace(JENIS_ALIASES)
    periode = v["periode"].str.strip().str.upper().str.replace(r"\s+", "", regex=True)
    arah_text = normalise_label(_text(v, "arah"))
    arah = arah_text.map(ARAH_ALIASES).astype("string")
    frame = pd.DataFrame(
        {
            c.NIP: nip_text(v["nip"]),
            c.PERIOD: periode,
            c.JENIS: jenis.astype("string"),
            c.URAIAN: _text(v, "uraian"),
            c.ASPEK: normalise_label(_text(v, "aspek")).str.replace(" ", "_", regex=False),
        }
    )
    bad_numbers = pd.Series(pd.NA, index=v.index, dtype="string")
    for key, col in NUMBER_FIELDS.items():
        text = _text(v, key)
        frame[col] = parse_number(text)
        bad = text.notna() & frame[col].isna()
        bad_numbers = bad_numbers.fillna(
            first_reason((bad, f"{key} '" + text.fillna("") + "' is not a number"), index=v.index)
        )
    frame[c.ARAH] = arah.fillna("naik")
    frame[c.MAKSIMAL], bad_max = _flag(v, "maksimal")
    frame[c.IDE_BARU], bad_idea = _flag(v, "idebaru")
    kind = parse_periods(periode)[c.PERIOD_KIND]
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(v["nip"])),
        (frame[c.NIP].isna(), "nip is empty"),
        (
            ~kind.isin(["year", "semester"]),
            "periode '" + v["periode"].fillna("") + "' is not a year (2020) or a semester "
            "(2021-S1, 2021-S2)",
        ),
        (
            ~frame[c.JENIS].isin(JENIS_CODES),
            "jenis '" + v["jenis"].fillna("") + "' is not kegiatan, utama, tambahan or perilaku",
        ),
        (bad_numbers.notna(), bad_numbers),
        (
            arah_text.notna() & arah.isna(),
            "arah '" + arah_text.fillna("") + "' is not naik (higher is better) or turun",
        ),
        (bad_max, "maksimal must be ya or tidak"),
        (bad_idea, "ide_baru must be ya or tidak"),
        index=v.index,
    )
    keep = [
        "nip",
        "periode",
        "jenis",
        "uraian",
        "aspek",
        *NUMBER_FIELDS,
        "arah",
        "maksimal",
        "idebaru",
    ]
    return reference_result(SKP_DETAIL, file, table, frame[DETAIL_COLUMNS], reason, raw_of(v, keep))


def read_organisation_predikat(table: Table, file: str) -> ReadResult:
    """unit, periode (2024, 2024-S1 or 2024-03), predikat_organisasi (SE MenPAN-RB 3/2023)."""
    v = table.values
    periode = v["periode"].str.strip().str.upper().str.replace(r"\s+", "", regex=True)
    text = normalise_label(v["predikatorganisasi"])
    code = text.map(ORG_ALIASES).astype("string")
    frame = pd.DataFrame(
        {c.UNIT: v["unit"].str.strip(), c.PERIOD: periode, c.PREDIKAT_ORGANISASI: code}
    )
    reason = first_reason(
        (frame[c.UNIT].isna(), "unit is empty"),
        (
            parse_periods(periode)[c.PERIOD_KIND].isna(),
            "periode '" + v["periode"].fillna("") + "' is not a year, semester or month",
        ),
        (
            code.isna(),
            "predikat_organisasi '" + v["predikatorganisasi"].fillna("") + "' is not Istimewa, "
            "Baik, Butuh Perbaikan/Cukup, Kurang or Sangat Kurang",
        ),
        index=v.index,
    )
    return reference_result(
        PREDIKAT_ORGANISASI,
        file,
        table,
        frame,
        reason,
        raw_of(v, ["unit", "periode", "predikatorganisasi"]),
    )
