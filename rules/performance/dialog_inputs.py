"""Dialog kinerja inputs (issue 25; shared/domain/dialog-kinerja.md §3.4): who is whose penilai,
which RHK each pegawai's SKP has, and the rows of the three dialogue exports that cannot count
(quarantine reasons, merged by the expectations runner with each contract's own).

Validation (dialog §3.4, every rule [I]):

- ekspektasi: NIPs of the master; a perilaku row names a BerAKHLAK core value; an RHK row names
  an RHK of the pegawai's SKP that year when the RHK export lists that SKP; one row per
  (tahun, nip, objek, ref_id);
- umpan balik: NIPs of the master; ``tanggal_diberikan`` not more than a day after
  ``tanggal_input`` (feedback cannot be given after it was entered) and not before the start of
  the recipient's SKP (the Laporan SKP's periode_awal, else 1 January of the periode's year); an
  RHK (or a rencana aksi's ``rhk_id``) of the recipient's SKP when his RHK are known; a core
  value for perilaku; an RHK row names its RHK; a later copy of a ``feedback_id`` is dropped;
- pembinaan: NIPs of the master; the next review not before the session; one row per sesi_id.

A relation the org tree contradicts is kept, not quarantined (``classify_relasi``): a ``penilai``
row whose giver is not the recipient's known penilai becomes ``atasan_penilai`` when he is the
penilai's penilai, else ``pimpinan_lain`` (which does not count for coverage); ``relasi_asal``
keeps what the export said.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rules.inputs import duplicate_reasons, nip_reasons
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason
from vocabulary.performance import (
    ATASAN_PENILAI,
    BERAKHLAK,
    OBJEK_PERILAKU,
    OBJEK_RENCANA_AKSI,
    OBJEK_RHK,
    PENILAI,
    PIMPINAN_LAIN,
)

PENILAI_COLUMNS = [c.NIP, c.TAHUN, c.NIP_PENILAI]
RHK_COLUMNS = [c.NIP, c.TAHUN, c.RHK_ID, c.JENIS]
_CORE = ", ".join(BERAKHLAK)


def among(values: pd.Series, allowed: pd.Series) -> np.ndarray:
    """``values.isin(allowed)`` for text, in Arrow: pandas' isin on Arrow strings makes one
    Python scalar per allowed value, which costs seconds for the NIPs of a 20,000-employee
    pemda. Missing values are never among them."""
    have = pa.array(values.astype("string"))
    wanted = pa.array(pd.Series(allowed).astype("string").dropna().unique())
    return pc.fill_null(pc.is_in(have, value_set=wanted), False).to_numpy(zero_copy_only=False)


def pair(a: pd.Series, b: pd.Series) -> pd.Series:
    """'a|b' per row (<NA> where either is missing): a join key Arrow compares fast."""
    return a.astype("string") + "|" + b.astype("string")


def _year(labels: pd.Series) -> pd.Series:
    return pd.to_numeric(labels.astype("string").str.slice(0, 4), errors="coerce").astype("Int64")


def _mode(frame: pd.DataFrame, keys: list[str], value: str) -> pd.DataFrame:
    """The most frequent ``value`` per key (ties: the smallest), deterministic."""
    counts = frame.groupby([*keys, value], sort=True).size().rename("_n").reset_index()
    counts = counts.sort_values([*keys, "_n", value], ascending=[True] * len(keys) + [False, True])
    return counts.drop_duplicates(keys)[[*keys, value]]


def penilai_of(ekspektasi: pd.DataFrame, rhk: pd.DataFrame) -> pd.DataFrame:
    """The pejabat penilai of each pegawai and SKP year: the ekspektasi export's ``nip_penilai``
    (the most frequent), else the RHK export's ``nip_atasan`` of the definitive SKP ending last.

    Returns:
        ``PENILAI_COLUMNS``, one row per (nip, tahun).
    """
    e = ekspektasi[[c.NIP, c.TAHUN, c.NIP_PENILAI]].dropna()
    e = _mode(e.astype({c.TAHUN: "int64"}), [c.NIP, c.TAHUN], c.NIP_PENILAI)
    r = rhk[rhk[c.NIP_ATASAN].notna() & ~rhk[c.IS_PLT_PLH].fillna(False).astype(bool)]
    r = r.assign(**{c.TAHUN: _year(r[c.PERIOD])}).dropna(subset=[c.TAHUN])
    r = r.sort_values([c.NIP, c.TAHUN, c.PERIOD_END], ascending=[True, True, False], kind="stable")
    r = r.drop_duplicates([c.NIP, c.TAHUN]).rename(columns={c.NIP_ATASAN: c.NIP_PENILAI})
    r = r[[c.NIP, c.TAHUN, c.NIP_PENILAI]].astype({c.TAHUN: "int64"})
    out = pd.concat([e, r], ignore_index=True).drop_duplicates([c.NIP, c.TAHUN])
    return out.astype({c.NIP: "string", c.NIP_PENILAI: "string"}).reset_index(drop=True)


def known_rhk(rhk: pd.DataFrame, ekspektasi: pd.DataFrame) -> pd.DataFrame:
    """The RHK of each pegawai's SKP per year: the RHK export's (with their jenis), and the
    ekspektasi export's RHK rows the RHK export does not list (jenis unknown)."""
    r = rhk.assign(**{c.TAHUN: _year(rhk[c.PERIOD])})[[c.NIP, c.TAHUN, c.RHK_ID, c.JENIS]]
    e = ekspektasi[ekspektasi[c.OBJEK] == OBJEK_RHK]
    e = pd.DataFrame({c.NIP: e[c.NIP], c.TAHUN: e[c.TAHUN], c.RHK_ID: e[c.REF_ID], c.JENIS: pd.NA})
    out = pd.concat([r, e], ignore_index=True).dropna(subset=[c.NIP, c.TAHUN, c.RHK_ID])
    out = out.drop_duplicates([c.NIP, c.TAHUN, c.RHK_ID]).astype({c.TAHUN: "int64"})
    return out.astype({c.NIP: "string", c.RHK_ID: "string", c.JENIS: "string"})[RHK_COLUMNS]


def _unknown(nips: pd.Series, known: pd.Series, name: str) -> tuple[pd.Series, pd.Series]:
    return nips.notna() & ~among(nips, known), name + " " + nips.fillna("") + (
        " is not in the employee master"
    )


def _not_an_rhk(
    nips: pd.Series, years: pd.Series, refs: pd.Series, listed: pd.DataFrame
) -> pd.Series:
    """True where the pegawai has RHK listed for the year and ``refs`` is not one of them."""
    owner = pair(nips, years.astype("string"))
    lists = pair(listed[c.NIP], listed[c.TAHUN].astype("string"))
    has_list = among(owner, lists)
    in_list = among(pair(owner, refs), pair(lists, listed[c.RHK_ID]))
    return pd.Series(has_list & ~in_list & refs.notna().to_numpy(), index=nips.index)


def _not_core_value(objek: pd.Series, ref: pd.Series) -> pd.Series:
    return (objek == OBJEK_PERILAKU).fillna(False) & ref.notna() & ~ref.isin(BERAKHLAK)


def ekspektasi_reasons(rows: pd.DataFrame, known: pd.Series, rhk: pd.DataFrame) -> pd.Series:
    """Rows of the ekspektasi export that cannot count (module docstring)."""
    listed = known_rhk(rhk, rows.head(0))
    year = rows[c.TAHUN].astype("Int64")
    objek, ref, penilai = rows[c.OBJEK], rows[c.REF_ID], rows[c.NIP_PENILAI]
    return combine_reasons(
        nip_reasons(rows[c.NIP]),
        nip_reasons(penilai).where(penilai.notna()).radd("nip_penilai: "),
        first_reason(
            _unknown(rows[c.NIP], known, "nip"),
            _unknown(penilai, known, "nip_penilai"),
            (
                _not_core_value(objek, ref),
                "ref_id '" + ref.fillna("") + "' is not a BerAKHLAK core value (" + _CORE + ")",
            ),
            (
                (objek == OBJEK_RHK).fillna(False) & _not_an_rhk(rows[c.NIP], year, ref, listed),
                "ref_id '"
                + ref.fillna("")
                + "' is not an RHK of the pegawai's SKP "
                + year.astype("string").fillna("")
                + " in the RHK export",
            ),
            index=rows.index,
        ),
        duplicate_reasons(
            rows, [c.TAHUN, c.NIP, c.OBJEK, c.REF_ID], "ekspektasi of the SKP object"
        ),
    )


def skp_start(plans: pd.DataFrame, nips: pd.Series, years: pd.Series) -> pd.Series:
    """The first day of each (nip, year)'s definitive SKP in the Laporan SKP (its earliest
    periode_awal among the SKP overlapping the year, not before 1 January), else 1 January."""
    january = pd.to_datetime(years.astype("string") + "-01-01", errors="coerce")
    p = plans[~plans[c.IS_PLT_PLH].fillna(False).astype(bool) & plans[c.PERIOD_START].notna()]
    keys = pd.DataFrame({c.NIP: nips, c.TAHUN: years}).dropna().drop_duplicates()
    m = keys.merge(p[[c.NIP, c.PERIOD_START, c.PERIOD_END]], on=c.NIP, how="inner")
    first_day = pd.to_datetime(m[c.TAHUN].astype("string") + "-01-01")
    last_day = pd.to_datetime(m[c.TAHUN].astype("string") + "-12-31")
    m = m[(m[c.PERIOD_START] <= last_day) & (m[c.PERIOD_END].fillna(last_day) >= first_day)]
    first = m.groupby([c.NIP, c.TAHUN])[c.PERIOD_START].min()
    row_keys = pd.MultiIndex.from_arrays([nips.astype("object"), years.astype("object")])
    found = pd.Series(first.reindex(row_keys).to_numpy(), index=nips.index)
    found = pd.to_datetime(found).astype("datetime64[s]")
    return found.where(found > january, january).astype("datetime64[s]")


def umpan_balik_reasons(
    rows: pd.DataFrame,
    known: pd.Series,
    plans: pd.DataFrame,
    rhk: pd.DataFrame,
    ekspektasi: pd.DataFrame,
) -> pd.Series:
    """Rows of the umpan balik export that cannot count (module docstring)."""
    year = _year(rows[c.PERIOD])
    objek, ref, rhk_ref = rows[c.OBJEK], rows[c.REF_ID], rows[c.RHK_ID]
    listed = known_rhk(rhk, ekspektasi)
    given, entered = rows[c.TANGGAL_DIBERIKAN], rows[c.TANGGAL_INPUT]
    start = skp_start(plans, rows[c.NIP], year)
    day = "%Y-%m-%d"
    is_rhk = (objek == OBJEK_RHK).fillna(False)
    is_aksi = (objek == OBJEK_RENCANA_AKSI).fillna(False)
    return combine_reasons(
        nip_reasons(rows[c.NIP]).radd("nip_penerima: "),
        nip_reasons(rows[c.NIP_PEMBERI]).radd("nip_pemberi: "),
        first_reason(
            _unknown(rows[c.NIP], known, "nip_penerima"),
            _unknown(rows[c.NIP_PEMBERI], known, "nip_pemberi"),
            (
                given > entered + pd.Timedelta(days=1),
                lambda i: (
                    "tanggal_diberikan " + given[i].dt.strftime(day) + " is after "
                    "tanggal_input "
                    + entered[i].dt.strftime(day)
                    + " by more than a day: feedback "
                    "cannot be given after it was entered"
                ),
            ),
            (
                given < start,
                lambda i: (
                    "tanggal_diberikan " + given[i].dt.strftime(day) + " is before the SKP "
                    "start " + start[i].dt.strftime(day) + " of nip_penerima"
                ),
            ),
            (
                is_rhk & ref.isna(),
                "ref_id is empty: feedback on an RHK names it (ref_id or rhk_id)",
            ),
            (
                is_rhk & _not_an_rhk(rows[c.NIP], year, ref, listed),
                "ref_id '"
                + ref.fillna("")
                + "' is not an RHK of nip_penerima's SKP "
                + year.astype("string").fillna(""),
            ),
            (
                is_aksi & _not_an_rhk(rows[c.NIP], year, rhk_ref, listed),
                "rhk_id '" + rhk_ref.fillna("") + "' of the rencana aksi is not an RHK of "
                "nip_penerima's SKP " + year.astype("string").fillna(""),
            ),
            (
                _not_core_value(objek, ref),
                "ref_id '" + ref.fillna("") + "' is not a BerAKHLAK core value (" + _CORE + ")",
            ),
            index=rows.index,
        ),
        duplicate_reasons(rows, [c.FEEDBACK_ID], "feedback_id"),
    )


def pembinaan_reasons(rows: pd.DataFrame, known: pd.Series) -> pd.Series:
    """Rows of the pembinaan export that cannot count (module docstring)."""
    return combine_reasons(
        nip_reasons(rows[c.NIP]),
        nip_reasons(rows[c.NIP_PEMBINA]).radd("nip_pembina: "),
        first_reason(
            _unknown(rows[c.NIP], known, "nip"),
            _unknown(rows[c.NIP_PEMBINA], known, "nip_pembina"),
            (
                rows[c.TANGGAL_REVIU_BERIKUT] < rows[c.TANGGAL],
                "tanggal_reviu_berikut is before the session's tanggal",
            ),
            index=rows.index,
        ),
        duplicate_reasons(rows, [c.SESI_ID], "sesi_id"),
    )


def classify_relasi(
    rows: pd.DataFrame, ekspektasi: pd.DataFrame, rhk: pd.DataFrame
) -> pd.DataFrame:
    """The umpan balik rows with ``relasi`` as the org tree says (module docstring); rows whose
    recipient has no known penilai keep the exported relation."""
    penilai = penilai_of(ekspektasi, rhk)
    key = [c.NIP, c.TAHUN]
    boss = penilai.set_index(key)[c.NIP_PENILAI]
    year = _year(rows[c.PERIOD])
    own = pd.MultiIndex.from_arrays([rows[c.NIP].astype("object"), year.astype("object")])
    first = pd.Series(boss.reindex(own).to_numpy(), index=rows.index, dtype="string")
    theirs = pd.MultiIndex.from_arrays([first.astype("object"), year.astype("object")])
    second = pd.Series(boss.reindex(theirs).to_numpy(), index=rows.index, dtype="string")
    giver, said = rows[c.NIP_PEMBERI], rows[c.RELASI]
    is_first, is_second = (giver == first).fillna(False), (giver == second).fillna(False)
    relasi = said.copy()
    claims_first = (said == PENILAI) & first.notna() & ~is_first
    relasi = relasi.mask(claims_first, PIMPINAN_LAIN).mask(claims_first & is_second, ATASAN_PENILAI)
    claims_second = (said == ATASAN_PENILAI) & second.notna() & ~is_second
    relasi = relasi.mask(claims_second, PIMPINAN_LAIN).mask(claims_second & is_first, PENILAI)
    out = rows.copy()
    out[c.RELASI_ASAL] = said.astype("string")
    out[c.RELASI] = relasi.astype("string")
    return out
