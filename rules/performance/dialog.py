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

Cases: ``rules/performance/dialog_cases.py`` (``dialog_none_before_rating``,
``dialog_no_pembinaan_after``, for the penilai's atasan); periods and shares:
``rules/performance/dialog_periods.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rules.performance.compliance import covering, unit_of
from rules.performance.dialog_cases import DIALOG_CASE_COLUMNS, CaseContext, follow_up_cases
from rules.performance.dialog_inputs import among, known_rhk, pair, penilai_of
from rules.performance.dialog_periods import bounds, earlier, label_of, pct_units, periods_of_year
from rules.profile import Profile
from rules.rulebook.performance import DialogKinerjaRules
from vocabulary import columns as c
from vocabulary.performance import (
    ADA_DATA,
    BATAL,
    DIALOG_CADENCE,
    OBJEK_PERILAKU,
    OBJEK_RENCANA_AKSI,
    OBJEK_RHK,
    TANPA_DATA,
    UTAMA,
)
from vocabulary.units import parse_periods

NO_DATA = (
    "tidak ada umpan balik yang sah: cakupan dialog kinerja tidak diketahui dan tidak ada kasus "
    "tindak lanjut (coverage unknown, no cases)"
)
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
    # every umpan balik row with _t (its period: labels name their year) and _f (in F); a
    # silence window may reach into the year before
    feedback: pd.DataFrame
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
            feedback=rows,
            data_units=units,
            approved_statuses=performance.compliance.approved_statuses,
        )
        # measured: from the first period a row of the year is about, to the horizon
        first = rows.loc[ends.dt.year == year, "_t"].min()
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
        context = CaseContext(
            year=year,
            kind=kind,
            rules=rules,
            units=master.set_index(c.NIP)[c.UNIT],
            penilai=y.penilai,
            data_units=units,
            periods=labels,
            feedback=rows[rows["_f"]],
            pembinaan=inputs.pembinaan,
            horizon=horizon,
        )
        parts["cases"].append(follow_up_cases(inputs.ratings, context))
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
