"""Dialog kinerja (issue 25; shared/domain/dialog-kinerja.md §4): how much the atasan talked with
their bawahan, per unit and evaluation period, and the ratings below expectation without
dialogue that become tindak lanjut cases. Flag, never a TPP input.

Notation of the note: *P(u,t)* the pegawai of unit *u* active at least ``min_hari_aktif`` days
of period *t* with an approved SKP (a covering Laporan SKP of an approved status, or ekspektasi
agreed for the year); *R(p,t)* the RHK of *p*'s SKP in force in *t* (the RHK export's, utama
only with ``hanya_rhk_utama``, plus the ekspektasi export's RHK rows it does not list); *F* the
umpan balik rows that count: given by a relation of ``penilai_relasi``, with text when
``wajib_teks`` of at least ``min_teks`` characters (a row whose export says nothing about its
text counts: unknown is not absent). A row is *about* the evaluation period that holds the end
of its ``periode`` (a month row counts for its quarter).

- RHK coverage: Σ covered (p, r) ÷ Σ |R(p,t)|, an RHK covered by an F row on it (or on one of
  its rencana aksi, through ``rhk_id``) about *t*;
- pegawai coverage: share of *P* with RHK whose covered share ≥ ``min_share_rhk_pegawai``
  (pegawai without a known RHK are left out of this share, counted in ``pegawai_rhk``);
- perilaku coverage: share of *P* with an F row on perilaku about *t*;
- silent atasan: a penilai of some *p* ∈ *P* with no F row given over the last
  ``jendela_diam`` periods (``fact_dialog_penilai``);
- timeliness: lag = tanggal_diberikan − end(t), on time when ≤ ``batas_hari_setelah_periode``;
- template: an F row whose ``teks_hash`` the same giver wrote for ≥ ``ambang_template`` bawahan
  in *t* (a flag, never a sanction);
- back-dated: tanggal_input − tanggal_diberikan > ``ambang_backdate_hari``.

**Data we could not read is never evidence of absence.** Without umpan balik rows nothing is
measured and no case is raised (``NO_DATA``). A unit none of whose pegawai is in the umpan
balik export of a year has ``status`` ``tanpa_data`` and empty measures, never 0 %. The exports
are read as of their latest entry (the *horizon*: the last date any of them holds, at most the
run's date): periods starting after it are not measured (a period it ends in is provisional:
``data_sampai``), and a pembinaan window not closed by it raises no case; nor are the periods of
a year before the first one a row is about (the export's start).

Cases (``fact_tindak_lanjut``; the first rating of the period that triggers, its day the
exported one or, when none is exported, the rated period's end + ``hari_rating_setelah_periode``):

- ``dialog_none_before_rating``: rating hasil kerja or perilaku Di Bawah Ekspektasi, or a
  predikat of ``predikat_pemicu``, and no F row and no pembinaan session (not cancelled) of
  the pegawai dated from the start of the ``lookback`` periods ending with the rated one up to
  the rating day;
- ``dialog_no_pembinaan_after``: the same trigger, the pembinaan export holds sessions, and no
  session of a ``jenis_pembinaan`` (not cancelled) within ``batas_pembinaan_hari`` days after
  the rating day, once that window has closed.

Each case is assigned to the penilai's atasan (``assigned_to``; empty when the org tree does not
say: BKPSDM assigns it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rules.performance.compliance import covering, unit_of
from rules.performance.dialog_inputs import among, known_rhk, pair, penilai_of
from rules.performance.tindak_lanjut import CASE_COLUMNS
from rules.profile import Profile
from rules.rulebook.performance import DialogKinerjaRules
from vocabulary import columns as c
from vocabulary.performance import (
    ADA_DATA,
    BATAL,
    DI_BAWAH,
    DIALOG_CADENCE,
    OBJEK_PERILAKU,
    OBJEK_RENCANA_AKSI,
    OBJEK_RHK,
    PREDIKAT_LABELS,
    RATING_LABELS,
    TANPA_DATA,
    TL_DIALOG_NO_PEMBINAAN,
    TL_DIALOG_NONE,
    UTAMA,
)
from vocabulary.units import MONTH, QUARTER, SEMESTER, parse_periods

NO_DATA = (
    "tidak ada umpan balik yang sah: cakupan dialog kinerja tidak diketahui dan tidak ada kasus "
    "tindak lanjut (coverage unknown, no cases)"
)
PCT_DECIMALS = 2  # shares in 1/100 of a percent, rounded half up
COVERAGE_COLUMNS = [
    c.UNIT, c.PERIOD, c.PERIOD_START, c.PERIOD_END, c.DATA_SAMPAI, c.STATUS, c.PEGAWAI,
    c.PEGAWAI_RHK,
    c.PEGAWAI_COVERED, "pegawai_coverage_units", c.RHK, c.RHK_COVERED, "rhk_coverage_units",
    c.PEGAWAI_PERILAKU, "perilaku_coverage_units", c.PENILAI_N, c.PENILAI_DIAM,
    c.UMPAN_BALIK_N, c.TEPAT_WAKTU, "tepat_waktu_units", c.MEDIAN_LAG_HARI, c.TEMPLATE,
    "template_units", c.BACKDATED, c.RELASI_DIUBAH, c.SKP_EKSPEKTASI_KHUSUS,
]  # fmt: skip
PEGAWAI_COLUMNS = [
    c.UNIT, c.NIP, c.PERIOD, c.NIP_PENILAI, c.RHK, c.RHK_COVERED, c.COVERED, c.PERILAKU_ADA,
    c.UMPAN_BALIK_N, c.PEMBINAAN_N,
]  # fmt: skip
PENILAI_COLUMNS = [
    c.UNIT, c.NIP_PENILAI, c.PERIOD, c.BAWAHAN_N, c.BAWAHAN_DENGAN_UMPAN_BALIK, c.UMPAN_BALIK_N,
    c.DIAM, c.TEPAT_WAKTU, c.TEMPLATE, c.BACKDATED,
]  # fmt: skip
DIALOG_CASE_COLUMNS = [*CASE_COLUMNS, c.ASSIGNED_TO]
_SPAN = {MONTH: 1, QUARTER: 3, SEMESTER: 6}
_DAY = "%Y-%m-%d"


@dataclass(frozen=True)
class DialogInputs:
    """What the measures read: the employee master, the Laporan SKP and RHK exports, the three
    dialogue exports (valid rows), and the ratings (nip, period, period_start, period_end,
    rating_hasil_kerja, rating_perilaku, predikat; optional tanggal_rating)."""

    employees: pd.DataFrame
    plans: pd.DataFrame
    rhk: pd.DataFrame
    ekspektasi: pd.DataFrame
    umpan_balik: pd.DataFrame
    pembinaan: pd.DataFrame
    ratings: pd.DataFrame


@dataclass
class DialogResult:
    """The four frames of the dialogue, the horizon they were read to and, when nothing could
    be measured, the default that applied (``NO_DATA``)."""

    coverage: pd.DataFrame
    pegawai: pd.DataFrame
    penilai: pd.DataFrame
    cases: pd.DataFrame
    horizon: dt.date | None = None
    default: str = ""
    periods: list[str] = field(default_factory=list)


# --- small vectorised helpers -------------------------------------------------------------------


def pct_units(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den in 1/100 of a percent, rounded half up (exact integers); <NA> where den is 0."""
    n = num.astype("int64").to_numpy()
    d = den.astype("int64").to_numpy()
    safe = np.where(d > 0, d, 1)
    units = (2 * n * 100 * 10**PCT_DECIMALS + safe) // (2 * safe)
    return pd.Series(units, index=num.index, dtype="Int64").mask(d <= 0)


def label_of(days: pd.Series, kind: str) -> pd.Series:
    """The label of the period of ``kind`` holding each day."""
    y = days.dt.year.astype("Int64").astype("string")
    m = days.dt.month.astype("Int64")
    if kind == MONTH:
        return (y + "-" + m.astype("string").str.zfill(2)).astype("string")
    if kind == QUARTER:
        return (y + "-Q" + ((m - 1) // 3 + 1).astype("string")).astype("string")
    if kind == SEMESTER:
        return (y + "-S" + (1 + (m > 6).astype("Int64")).astype("string")).astype("string")
    return y


def bounds(label: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a period label (one label: no frame to build)."""
    year, rest = int(label[:4]), label[5:]
    if not rest:
        first, months = 1, 12
    elif rest[0] in "QS":
        months = 3 if rest[0] == "Q" else 6
        first = (int(rest[1:]) - 1) * months + 1
    else:
        first, months = int(rest), 1
    start = pd.Timestamp(year, first, 1)
    return start, start + pd.DateOffset(months=months) - pd.Timedelta(days=1)


def earlier(label: str, n: int) -> list[str]:
    """The ``n`` periods of the label's kind that end with it, oldest first."""
    start, end = bounds(label)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    kind = {1: MONTH, 3: QUARTER, 6: SEMESTER}.get(months, "year")
    firsts = [start - pd.DateOffset(months=months * k) for k in range(n - 1, -1, -1)]
    return label_of(pd.Series(firsts), kind).tolist()


def periods_of_year(year: int, kind: str) -> list[str]:
    if kind == MONTH:
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    if kind == QUARTER:
        return [f"{year}-Q{q}" for q in range(1, 5)]
    if kind == SEMESTER:
        return [f"{year}-S1", f"{year}-S2"]
    return [str(year)]


def qualified(rows: pd.DataFrame, rules: DialogKinerjaRules) -> pd.Series:
    """The umpan balik rows of *F*: a counted relation, and text as the profile asks."""
    relasi = rows[c.RELASI].isin(rules.penilai_relasi)
    ada = rows[c.ADA_TEKS].astype("boolean")
    length = rows[c.TEKS_PANJANG].astype("Int64")
    long_enough = (length >= rules.min_teks).fillna(True)
    text_ok = (ada & long_enough).fillna(long_enough) | (~ada.fillna(True) & (not rules.wajib_teks))
    return (relasi & text_ok.fillna(False)).astype(bool)


def _count_by(keys: pd.Series, values: pd.Series | None = None) -> pd.Series:
    if values is None:
        return keys.value_counts()
    return values.astype("int64").groupby(keys).sum()


# --- one year --------------------------------------------------------------------------------


@dataclass
class _Year:
    """What every period of one SKP year shares."""

    year: int
    rules: DialogKinerjaRules
    kind: str
    master: pd.DataFrame  # nip, unit, active_from, active_to (one row per nip)
    penilai: pd.Series  # nip -> nip_penilai of the year
    feedback: pd.DataFrame  # the year's umpan balik rows with _t (its period) and _f (in F)
    feedback_all: pd.DataFrame  # every year's: a case's look-back may reach the year before
    data_units: set[str]
    approved_statuses: list[str]

    def penilai_of(self, nips: pd.Series) -> pd.Series:
        return nips.map(self.penilai).astype("string")


def _pegawai(y: _Year, inputs: DialogInputs, label: str, start, end) -> pd.DataFrame:
    """One row per p ∈ P(u,t) of a unit with data: RHK, covered, perilaku, counts."""
    r = y.rules
    m = y.master
    first = m[c.ACTIVE_FROM].where(m[c.ACTIVE_FROM] > start, start)
    last = m[c.ACTIVE_TO].where(m[c.ACTIVE_TO] < end, end)
    days = (last - first).dt.days + 1
    plans = covering(inputs.plans, start.date(), end.date())
    approved = plans.loc[plans[c.SKP_STATUS].isin(y.approved_statuses), c.NIP]
    e = inputs.ekspektasi
    agreed = e.loc[(e[c.TAHUN] == y.year) & e[c.EKSPEKTASI_ADA].fillna(False).astype(bool), c.NIP]
    in_p = (days >= r.min_hari_aktif) & (among(m[c.NIP], approved) | among(m[c.NIP], agreed))
    p = m[in_p.fillna(False)]
    rhk = inputs.rhk
    rhk = rhk[(rhk[c.PERIOD_START] <= end) & (rhk[c.PERIOD_END] >= start)]
    listed = known_rhk(rhk, e[e[c.TAHUN] == y.year])
    listed = listed[listed[c.TAHUN] == y.year]
    if r.hanya_rhk_utama:
        listed = listed[listed[c.JENIS] == UTAMA]
    listed = listed[among(listed[c.NIP], p[c.NIP])]
    f = y.feedback[(y.feedback["_t"] == label) & y.feedback["_f"]]
    on = f[c.REF_ID].where(
        f[c.OBJEK] == OBJEK_RHK, f[c.RHK_ID].where(f[c.OBJEK] == OBJEK_RENCANA_AKSI)
    )
    covered = among(pair(listed[c.NIP], listed[c.RHK_ID]), pair(f[c.NIP], on))
    n_rhk = _count_by(listed[c.NIP])
    n_covered = _count_by(listed[c.NIP], pd.Series(covered, index=listed.index))
    perilaku = f.loc[f[c.OBJEK] == OBJEK_PERILAKU, c.NIP].dropna()
    sessions = inputs.pembinaan
    sessions = sessions[(sessions[c.STATUS] != BATAL) & sessions[c.TANGGAL].between(start, end)]
    nips = p[c.NIP]
    out = pd.DataFrame(
        {
            c.UNIT: p[c.UNIT].to_numpy(),
            c.NIP: nips.to_numpy(),
            c.PERIOD: label,
            c.NIP_PENILAI: y.penilai_of(nips).to_numpy(),
            c.RHK: nips.map(n_rhk).fillna(0).astype("int64").to_numpy(),
            c.RHK_COVERED: nips.map(n_covered).fillna(0).astype("int64").to_numpy(),
            c.PERILAKU_ADA: among(nips, perilaku),
            c.UMPAN_BALIK_N: nips.map(_count_by(f[c.NIP])).fillna(0).astype("int64").to_numpy(),
            c.PEMBINAAN_N: nips.map(_count_by(sessions[c.NIP]))
            .fillna(0)
            .astype("int64")
            .to_numpy(),
        }
    )
    num, den = r.min_share_rhk_pegawai.as_integer_ratio()
    out[c.COVERED] = (out[c.RHK] > 0) & (out[c.RHK_COVERED] * den >= num * out[c.RHK])
    return out.astype({c.UNIT: "string", c.NIP: "string", c.PERIOD: "string"})


def _flags(y: _Year, label: str, end: pd.Timestamp) -> pd.DataFrame:
    """The F rows about ``label`` with their unit (the recipient's), lag, template and
    back-dating flags."""
    r = y.rules
    f = y.feedback[(y.feedback["_t"] == label) & y.feedback["_f"]].copy()
    f[c.UNIT] = f[c.NIP].map(y.master.set_index(c.NIP)[c.UNIT]).astype("string")
    f["_lag"] = (f[c.TANGGAL_DIBERIKAN] - end).dt.days
    f["_on_time"] = f["_lag"] <= r.batas_hari_setelah_periode
    same = f.groupby([c.NIP_PEMBERI, c.TEKS_HASH])[c.NIP].transform("nunique")
    f["_template"] = (same >= r.ambang_template).fillna(False) & f[c.TEKS_HASH].notna()
    late_entry = (f[c.TANGGAL_INPUT] - f[c.TANGGAL_DIBERIKAN]).dt.days
    f["_backdated"] = (late_entry > r.ambang_backdate_hari).fillna(False)
    return f


def _penilai(y: _Year, pegawai: pd.DataFrame, label: str, flags: pd.DataFrame) -> pd.DataFrame:
    """One row per penilai of some p ∈ P of a unit with data: bawahan, who got feedback from
    him, what he gave, whether he stayed silent over the last ``jendela_diam`` periods."""
    mine = pegawai[pegawai[c.NIP_PENILAI].notna()]
    if mine.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in PENILAI_COLUMNS})
    window = set(earlier(label, y.rules.jendela_diam))
    given = y.feedback[y.feedback["_t"].isin(window) & y.feedback["_f"]]
    pairs = pair(flags[c.NIP_PEMBERI], flags[c.NIP])
    mine = mine.assign(_got=among(pair(mine[c.NIP_PENILAI], mine[c.NIP]), pairs))
    # the penilai's unit: where most of his bawahan are (ties: the first unit by name)
    pairs_units = mine.groupby([c.NIP_PENILAI, c.UNIT], sort=True).size().rename("_n")
    pairs_units = pairs_units.reset_index().sort_values(
        [c.NIP_PENILAI, "_n", c.UNIT], ascending=[True, False, True], kind="stable"
    )
    unit = pairs_units.drop_duplicates(c.NIP_PENILAI).set_index(c.NIP_PENILAI)[c.UNIT]
    out = pd.DataFrame(
        {
            c.BAWAHAN_N: mine.groupby(c.NIP_PENILAI).size(),
            c.BAWAHAN_DENGAN_UMPAN_BALIK: mine.groupby(c.NIP_PENILAI)["_got"].sum(),
        }
    )
    by = flags.groupby(c.NIP_PEMBERI)
    out[c.UMPAN_BALIK_N] = by.size().reindex(out.index).fillna(0)
    out[c.DIAM] = ~among(out.index.to_series(), given[c.NIP_PEMBERI])
    out[c.TEPAT_WAKTU] = by["_on_time"].sum().reindex(out.index).fillna(0)
    out[c.TEMPLATE] = by["_template"].sum().reindex(out.index).fillna(0)
    out[c.BACKDATED] = by["_backdated"].sum().reindex(out.index).fillna(0)
    out = out.rename_axis(c.NIP_PENILAI).reset_index()
    out[c.UNIT] = out[c.NIP_PENILAI].map(unit)
    out[c.PERIOD] = label
    ints = [c.BAWAHAN_N, c.BAWAHAN_DENGAN_UMPAN_BALIK, c.UMPAN_BALIK_N, c.TEPAT_WAKTU,
            c.TEMPLATE, c.BACKDATED]  # fmt: skip
    out = out.astype({**dict.fromkeys(ints, "int64"), c.DIAM: bool})
    return out.astype({c.UNIT: "string", c.NIP_PENILAI: "string", c.PERIOD: "string"})[
        PENILAI_COLUMNS
    ]


def _units(
    y: _Year,
    inputs: DialogInputs,
    everyone: pd.DataFrame,
    penilai: pd.DataFrame,
    flags: pd.DataFrame,
    label: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    horizon: pd.Timestamp,
) -> pd.DataFrame:
    """One row per unit with pegawai in P(u,t): the measures, or ``tanpa_data``; the day the
    data reaches in the period (``data_sampai`` before ``period_end``: provisional)."""
    g = everyone.groupby(c.UNIT)
    out = pd.DataFrame({c.PEGAWAI: g.size()})
    known = everyone[everyone[c.RHK] > 0].groupby(c.UNIT)
    out[c.PEGAWAI_RHK] = known.size().reindex(out.index).fillna(0)
    out[c.PEGAWAI_COVERED] = g[c.COVERED].sum()
    out[c.RHK] = g[c.RHK].sum()
    out[c.RHK_COVERED] = g[c.RHK_COVERED].sum()
    out[c.PEGAWAI_PERILAKU] = g[c.PERILAKU_ADA].sum()
    pg = penilai.groupby(c.UNIT)
    out[c.PENILAI_N] = pg.size().reindex(out.index).fillna(0)
    out[c.PENILAI_DIAM] = pg[c.DIAM].sum().reindex(out.index).fillna(0)
    fg = flags.groupby(c.UNIT)
    out[c.UMPAN_BALIK_N] = fg.size().reindex(out.index).fillna(0)
    out[c.TEPAT_WAKTU] = fg["_on_time"].sum().reindex(out.index).fillna(0)
    out[c.MEDIAN_LAG_HARI] = fg["_lag"].median().reindex(out.index)
    out[c.TEMPLATE] = fg["_template"].sum().reindex(out.index).fillna(0)
    out[c.BACKDATED] = fg["_backdated"].sum().reindex(out.index).fillna(0)
    about = y.feedback[y.feedback["_t"] == label]
    moved = about[about[c.RELASI] != about[c.RELASI_ASAL]]
    moved_unit = moved[c.NIP].map(y.master.set_index(c.NIP)[c.UNIT])
    out[c.RELASI_DIUBAH] = moved_unit.value_counts().reindex(out.index).fillna(0)
    e = inputs.ekspektasi
    khusus = e[(e[c.TAHUN] == y.year) & (e[c.OBJEK] == OBJEK_PERILAKU)]
    khusus = khusus[khusus[c.EKSPEKTASI_ADA].fillna(False).astype(bool)]
    with_khusus = everyone[among(everyone[c.NIP], khusus[c.NIP])]
    out[c.SKP_EKSPEKTASI_KHUSUS] = with_khusus.groupby(c.UNIT).size().reindex(out.index)
    counts = [col for col in out.columns if col != c.MEDIAN_LAG_HARI]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["pegawai_coverage_units"] = pct_units(out[c.PEGAWAI_COVERED], out[c.PEGAWAI_RHK])
    out["rhk_coverage_units"] = pct_units(out[c.RHK_COVERED], out[c.RHK])
    out["perilaku_coverage_units"] = pct_units(out[c.PEGAWAI_PERILAKU], out[c.PEGAWAI])
    out["tepat_waktu_units"] = pct_units(out[c.TEPAT_WAKTU], out[c.UMPAN_BALIK_N])
    out["template_units"] = pct_units(out[c.TEMPLATE], out[c.UMPAN_BALIK_N])
    out = out.rename_axis(c.UNIT).reset_index()
    out[c.STATUS] = np.where(out[c.UNIT].isin(y.data_units), ADA_DATA, TANPA_DATA)
    unknown = out[c.STATUS] == TANPA_DATA
    measured = COVERAGE_COLUMNS[COVERAGE_COLUMNS.index(c.PEGAWAI) + 1 :]
    for col in measured:
        kind = "Float64" if col == c.MEDIAN_LAG_HARI else "Int64"
        out[col] = out[col].astype(kind).mask(unknown.to_numpy())
    out[c.PERIOD] = label
    out[c.PERIOD_START] = start
    out[c.PERIOD_END] = end
    out[c.DATA_SAMPAI] = min(horizon, end)
    out = out.astype({c.UNIT: "string", c.PERIOD: "string", c.STATUS: "string"})
    return out[COVERAGE_COLUMNS]


# --- cases -------------------------------------------------------------------------------------


def _triggers(ratings: pd.DataFrame, rules: DialogKinerjaRules) -> pd.DataFrame:
    """Rating rows below expectation, with a sentence of what triggered."""
    hk = ratings[c.RATING_HASIL_KERJA] == DI_BAWAH
    pk = ratings[c.RATING_PERILAKU] == DI_BAWAH
    pred = ratings[c.PREDIKAT].isin(rules.predikat_pemicu)
    hit = (hk.fillna(False) | pk.fillna(False) | pred.fillna(False)).astype(bool)
    r = ratings[hit].copy()
    words = pd.Series("", index=r.index, dtype="string")
    below = RATING_LABELS[DI_BAWAH]
    words = words.mask(hk[hit].fillna(False), "hasil kerja " + below)
    sep = words.str.len().gt(0).map({True: ", ", False: ""})
    words = words.mask(pk[hit].fillna(False), words + sep + "perilaku " + below)
    sep = words.str.len().gt(0).map({True: ", ", False: ""})
    label = r[c.PREDIKAT].map(PREDIKAT_LABELS).astype("string")
    words = words.mask(pred[hit].fillna(False), words + sep + "predikat " + label.fillna(""))
    r["_what"] = words
    return r


def _any_in(
    events: pd.DataFrame, when: str, nips: pd.Series, first: pd.Series, last: pd.Series
) -> pd.Series:
    """True where ``events`` (nip, ``when``) has a row of the nip dated in [first, last]."""
    pairs = pd.DataFrame({c.NIP: nips, "_a": first, "_b": last, "_i": nips.index})
    hits = pairs.merge(events[[c.NIP, when]], on=c.NIP, how="inner")
    inside = hits[(hits[when] >= hits["_a"]) & (hits[when] <= hits["_b"])]
    return pd.Series(nips.index.isin(inside["_i"]), index=nips.index)


def _cases(
    y: _Year,
    inputs: DialogInputs,
    periods: list[str],
    horizon: pd.Timestamp,
    pembinaan_known: bool,
) -> pd.DataFrame:
    r = y.rules
    ratings = inputs.ratings
    ratings = ratings[ratings[c.PERIOD_END].dt.year == y.year]
    t = _triggers(ratings, r)
    t["_t"] = label_of(t[c.PERIOD_END], y.kind)
    unit = t[c.NIP].map(y.master.set_index(c.NIP)[c.UNIT]).astype("string")
    t = t[t["_t"].isin(periods) & unit.isin(y.data_units).fillna(False)].assign(**{c.UNIT: unit})
    given = t[c.TANGGAL_RATING] if c.TANGGAL_RATING in t.columns else pd.Series(pd.NaT, t.index)
    assumed = given.isna()
    day = given.fillna(t[c.PERIOD_END] + pd.Timedelta(days=r.hari_rating_setelah_periode))
    t = t.assign(_day=pd.to_datetime(day).astype("datetime64[s]"), _assumed=assumed)
    t = t.sort_values([c.NIP, "_t", "_day", c.PERIOD], kind="stable").drop_duplicates([c.NIP, "_t"])
    if t.empty:
        return pd.DataFrame({col: pd.Series(dtype="string") for col in DIALOG_CASE_COLUMNS})
    firsts = {p: bounds(earlier(p, r.lookback)[0])[0] for p in t["_t"].unique()}
    t["_from"] = t["_t"].map(firsts).astype("datetime64[s]")
    f = y.feedback_all[y.feedback_all["_f"]]
    held = inputs.pembinaan[inputs.pembinaan[c.STATUS] != BATAL]
    talked = _any_in(f, c.TANGGAL_DIBERIKAN, t[c.NIP], t["_from"], t["_day"])
    coached = _any_in(held, c.TANGGAL, t[c.NIP], t["_from"], t["_day"])
    kinds = held[held[c.JENIS].isin(r.jenis_pembinaan)]
    until = t["_day"] + pd.Timedelta(days=r.batas_pembinaan_hari)
    after = _any_in(kinds, c.TANGGAL, t[c.NIP], t["_day"], until)
    closed = until <= horizon
    when = t[c.PERIOD] + ", dinilai " + t["_day"].dt.strftime(_DAY)
    when = when + t["_assumed"].map(
        {True: f" (diasumsikan: akhir periode + {r.hari_rating_setelah_periode} hari)", False: ""}
    )
    no_sessions = "" if pembinaan_known else "; data pembinaan tidak tersedia"
    t["_none"] = (
        t["_what"] + " " + when + ": tidak ada umpan balik penilai maupun pembinaan "
        + t["_from"].dt.strftime(_DAY) + " s.d. " + t["_day"].dt.strftime(_DAY) + no_sessions
    )  # fmt: skip
    t["_late"] = (
        t["_what"] + " " + when + ": tidak ada bimbingan/konseling kinerja "
        + t["_day"].dt.strftime(_DAY) + " s.d. " + until.dt.strftime(_DAY)
    )  # fmt: skip
    none = t[~talked & ~coached].assign(**{c.RULE: TL_DIALOG_NONE})
    none[c.DETAIL] = none["_none"]
    late = t[~after & closed & pembinaan_known].assign(**{c.RULE: TL_DIALOG_NO_PEMBINAAN})
    late[c.DETAIL] = late["_late"]
    cases = pd.concat([none, late], ignore_index=True)
    penilai = y.penilai_of(cases[c.NIP])
    cases[c.ASSIGNED_TO] = penilai.map(y.penilai).astype("string")
    cases[c.SINCE] = cases[c.PERIOD]
    cases[c.PERIOD] = cases["_t"]
    cases[c.PERIODS] = pd.array([pd.NA] * len(cases), dtype="Int64")
    for col in (c.UNIT, c.NIP, c.PERIOD, c.RULE, c.DETAIL, c.SINCE):
        cases[col] = cases[col].astype("string")
    ordered = cases.sort_values([c.UNIT, c.PERIOD, c.RULE, c.NIP], kind="stable")
    return ordered[DIALOG_CASE_COLUMNS].reset_index(drop=True)


# --- the whole -----------------------------------------------------------------------------------


def horizon_of(inputs: DialogInputs, as_of: dt.date) -> pd.Timestamp | None:
    """The last date the dialogue exports hold (umpan balik given or entered, pembinaan held,
    ekspektasi clarified), at most ``as_of``; None when they hold none up to ``as_of``."""
    cap = pd.Timestamp(as_of)
    dates = [
        inputs.umpan_balik[c.TANGGAL_DIBERIKAN],
        inputs.umpan_balik[c.TANGGAL_INPUT],
        inputs.pembinaan[c.TANGGAL],
        inputs.ekspektasi[c.TANGGAL_KLARIFIKASI],
    ]
    found = pd.concat([d[d <= cap] for d in dates], ignore_index=True).max()
    return None if pd.isna(found) else min(pd.Timestamp(found), cap)


def empty_result(default: str = NO_DATA) -> DialogResult:
    def frame(columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in columns})

    return DialogResult(
        coverage=frame(COVERAGE_COLUMNS),
        pegawai=frame(PEGAWAI_COLUMNS),
        penilai=frame(PENILAI_COLUMNS),
        cases=frame(DIALOG_CASE_COLUMNS),
        default=default,
    )


def dialog_kinerja(inputs: DialogInputs, profile: Profile, as_of: dt.date) -> DialogResult:
    """The dialogue measures and cases of every SKP year the umpan balik export covers, each
    year under the profile version in force on its 1 January (module docstring).

    Args:
        inputs: the valid rows (``DialogInputs``).
        profile: the rulebook (``performance.dialog_kinerja``, and ``performance.compliance``
            for the SKP statuses that count as approved).
        as_of: the run's date: nothing after it is read, no window closes after it.
    """
    fb = inputs.umpan_balik
    horizon = horizon_of(inputs, as_of) if len(fb) else None
    if horizon is None:
        return empty_result()
    master = inputs.employees.drop_duplicates(c.NIP)
    master = master.assign(**{c.UNIT: unit_of(master).astype("string")})
    master = master[[c.NIP, c.UNIT, c.ACTIVE_FROM, c.ACTIVE_TO]].reset_index(drop=True)
    penilai = penilai_of(inputs.ekspektasi, inputs.rhk)
    labels = fb[c.PERIOD].dropna().unique()
    end_of = dict(zip(labels, parse_periods(pd.Series(labels))[c.PERIOD_END], strict=True))
    ends = fb[c.PERIOD].map(end_of).astype("datetime64[s]")
    years = sorted(int(v) for v in ends.dt.year.dropna().unique())
    parts: dict[str, list[pd.DataFrame]] = {
        "coverage": [],
        "pegawai": [],
        "penilai": [],
        "cases": [],
    }
    computed: list[str] = []
    pembinaan_known = not inputs.pembinaan.empty
    for year in years:
        performance = profile.for_period(str(year)).performance
        rules = performance.dialog_kinerja
        kind = DIALOG_CADENCE[rules.periode_evaluasi]
        label = dict(zip(end_of.values(), label_of(pd.Series(end_of.values()), kind), strict=True))
        rows = fb.assign(_t=ends.map(label).astype("string"), _f=qualified(fb, rules))
        units = set(master.loc[among(master[c.NIP], fb.loc[ends.dt.year == year, c.NIP]), c.UNIT])
        y = _Year(
            year=year,
            rules=rules,
            kind=kind,
            master=master,
            penilai=penilai[penilai[c.TAHUN] == year].set_index(c.NIP)[c.NIP_PENILAI],
            feedback=rows[ends.dt.year == year],
            feedback_all=rows,
            data_units=units,
            approved_statuses=performance.compliance.approved_statuses,
        )
        # measured: from the first period a row of the year is about, to the horizon
        first = y.feedback["_t"].min()
        labels = [p for p in periods_of_year(year, kind) if p >= first and bounds(p)[0] <= horizon]
        for label in labels:
            start, end = bounds(label)
            everyone = _pegawai(y, inputs, label, start, end)
            flags = _flags(y, label, end)
            with_data = everyone[everyone[c.UNIT].isin(units)]
            judged = _penilai(y, with_data, label, flags)
            unit_rows = _units(y, inputs, everyone, judged, flags, label, start, end, horizon)
            parts["coverage"].append(unit_rows)
            parts["pegawai"].append(with_data[PEGAWAI_COLUMNS])
            parts["penilai"].append(judged)
        parts["cases"].append(_cases(y, inputs, labels, horizon, pembinaan_known))
        computed += labels
    if not computed:
        return empty_result()
    out = {k: pd.concat(v, ignore_index=True) for k, v in parts.items()}
    return DialogResult(
        coverage=out["coverage"],
        pegawai=out["pegawai"].reset_index(drop=True),
        penilai=out["penilai"],
        cases=out["cases"],
        horizon=horizon.date(),
        periods=computed,
    )
