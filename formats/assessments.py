"""Assessment rows, the one shape the BKN Laporan Penilaian SKP and SIASN's kinerja periodik
(``/pns/rw-kinerjaperiodik``, source-formats §2.4) both become, and the SIASN reader.

A SIASN record carries ``tahun`` and ``periodikNama`` (a month, Triwulan I-IV, Semester I-II or
Tahunan), the two ratings and ``kuadranKinerja``; it has no SKP id and no Plt/Plh flag. SIASN's
annual record (``/pns/rw-skp22``, source-formats §2.4) has no ``periodikNama``: it is the year's
(``tahun``) annual assessment. Ratings may come as text (``hasilKinerja``) or as SIASN's codes
(``hasilKinerjaNilai`` 1 Di Atas, 2 Sesuai, 3 Di Bawah; tax-360 §4.3).

The pejabat penilai a record names (``penilaiNipNrp`` / ``nipNrpPenilai``, ``namaPenilai``,
``penilaiJabatanNama``, ``penilaiGolonganId``, ``penilaiUnorNm``, ``statusPenilai`` [S]; in the
Penilaian SKP ``nip_penilai``, ``nama_penilai``, ... [I]) is kept when given: SIASN's payloads
need the one who rated, who may be outside the pemda's master (the Sekda rating a kepala dinas).
It is what the SIASN export sends, never shown in previews or kept in the quarantine's record.
"""

from __future__ import annotations

import pandas as pd

from formats.base import ReadResult
from formats.dates import MONTHS_ID
from formats.reference import nip_text, numeric_cells, raw_of, reference_result
from formats.tabular import Table
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.nip import number_reason
from vocabulary.performance import (
    NOT_ASSESSED,
    RATING_LABELS,
    SIASN_PERIODIK,
    SIASN_RATING,
    predikat_code,
    rating_code,
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RATING_OF_CODE = {str(n): code for code, n in SIASN_RATING.items()}
# header keys (lower case, no separators) of the penilai fields, first found wins
PENILAI_KEYS: dict[str, tuple[str, ...]] = {
    c.NIP_PENILAI: ("nippenilai", "penilainipnrp", "nipnrppenilai", "penilainip"),
    c.PENILAI_NAMA: ("namapenilai", "penilainama"),
    c.PENILAI_JABATAN: ("jabatanpenilai", "penilaijabatannama", "penilaijabatan"),
    c.PENILAI_GOLONGAN: ("golonganpenilai", "penilaigolonganid", "penilaigolongan"),
    c.PENILAI_UNOR: ("unorpenilai", "penilaiunornm", "penilaiunornama", "penilaiunor"),
    c.STATUS_PENILAI: ("statuspenilai",),
}


def penilai_of(values: pd.DataFrame) -> pd.DataFrame:
    """The penilai columns (``c.PENILAI_COLUMNS``) of a table's text cells; <NA> where the
    table has no such column or the cell is empty (JSON null reads as 'nan')."""
    out = pd.DataFrame(index=values.index)
    for col, keys in PENILAI_KEYS.items():
        key = next((k for k in keys if k in values.columns), None)
        cell = (
            values[key].str.strip().mask(lambda s: s.isin(["", "nan", "None", "-"]))
            if key
            else pd.Series(pd.NA, index=values.index, dtype="string")
        )
        out[col] = nip_text(cell) if col == c.NIP_PENILAI and key else cell.astype("string")
    return out


def assessment_frame(
    index: pd.Index, nip, skp_id, period, hasil, perilaku, predikat, source: str, plt
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.SOURCE: source,
            c.NIP: nip,
            c.SKP_ID: skp_id,
            c.PERIOD: period,
            c.PREDIKAT: predikat,
            c.RATING_HASIL_KERJA: hasil,
            c.RATING_PERILAKU: perilaku,
            c.IS_PLT_PLH: plt,
        },
        index=index,
    ).astype({c.SOURCE: "string", c.PERIOD: "string"})


def _label(code: object) -> object:
    return RATING_LABELS.get(code, pd.NA) if isinstance(code, str) else pd.NA


def rating_reason(text: pd.Series, code: pd.Series, what: str) -> tuple[pd.Series, pd.Series]:
    given = text.notna() & ~text.isin(NOT_ASSESSED)
    return (
        given & code.isna(),
        what + " '" + text.fillna("") + "' is not Di Atas, Sesuai or Di Bawah Ekspektasi",
    )


def siasn_period(tahun: pd.Series, nama: pd.Series) -> pd.Series:
    """'2024-03', '2024-Q1', '2024-S2' or '2024' from tahun and periodikNama; <NA> if unknown."""
    year = tahun.str.strip().where(tahun.str.strip().str.fullmatch(r"20\d{2}", na=False))
    name = nama.str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    month = name.map(MONTHS_ID).astype("Int64")
    out = (year + "-" + month.astype("string").str.zfill(2)).where(month.notna())
    for word, tag in (("triwulan", "Q"), ("semester", "S")):
        num = name.str.extract(rf"^{word} (i{{1,3}}|iv|[1-4])$")[0].map(_ROMAN).astype("Int64")
        limit = 4 if tag == "Q" else 2
        hit = num.notna() & (num <= limit)
        out = out.mask(hit, year + f"-{tag}" + num.astype("string"))
    out = out.mask(name.isin(["tahunan", "akhir", "akhir tahun"]), year)
    return out.where(year.notna()).astype("string")


def read_siasn_periodik(table: Table, file: str) -> ReadResult:
    v = table.values
    # formats.tabular.read_json_records turns a JSON null into the text 'nan' (pandas stores the
    # null as NaN before the cells are made text): read it as missing here
    col = lambda k: (  # noqa: E731
        v[k].mask(v[k].isin(["nan", "None"]))
        if k in v.columns
        else pd.Series(pd.NA, index=v.index, dtype="string")
    )
    # rw-skp22 (the annual record) has no periodikNama: its period is the year
    annual = "periodiknama" not in v.columns
    name = pd.Series("Tahunan", index=v.index, dtype="string") if annual else col("periodiknama")
    period = siasn_period(col("tahun"), name)
    hk_text = (
        col("hasilkinerja")
        .str.strip()
        .fillna(col("hasilkinerjanilai").str.strip().map(_RATING_OF_CODE).map(_label))
    )
    p_text = (
        col("perilakukerja")
        .str.strip()
        .fillna(col("perilakukerjanilai").str.strip().map(_RATING_OF_CODE).map(_label))
    )
    kuadran = col("kuadrankinerja").str.strip()
    hk, pk, predikat = rating_code(hk_text), rating_code(p_text), predikat_code(kuadran)
    frame = assessment_frame(
        v.index,
        nip_text(col("nip")),
        pd.Series(pd.NA, index=v.index, dtype="string"),
        period,
        hk,
        pk,
        predikat,
        SIASN_PERIODIK,
        pd.Series(False, index=v.index),
    ).join(penilai_of(v))
    reason = first_reason(
        (numeric_cells(table, "nip"), number_reason(col("nip"))),
        (frame[c.NIP].isna(), "nip is empty"),
        (
            period.isna(),
            "tahun '"
            + col("tahun").fillna("")
            + "' / periodikNama '"
            + col("periodiknama").fillna("")
            + "' is not a period (a month, Triwulan I-IV, "
            "Semester I-II or Tahunan of a year 20xx)",
        ),
        rating_reason(hk_text, hk, "hasilKinerja"),
        rating_reason(p_text, pk, "perilakuKerja"),
        (
            kuadran.notna() & predikat.isna(),
            "kuadranKinerja '" + kuadran.fillna("") + "' is not a predikat",
        ),
        (
            kuadran.isna() & (hk.isna() | pk.isna()),
            "no kuadranKinerja and not both ratings: the record has no predikat",
        ),
        index=v.index,
    )
    keep = [
        "id",
        "nip",
        "tahun",
        "periodiknama",
        "hasilkinerja",
        "hasilkinerjanilai",
        "perilakukerja",
        "perilakukerjanilai",
        "kuadrankinerja",
    ]
    return reference_result(SIASN_PERIODIK, file, table, frame, reason, raw_of(v, keep))
