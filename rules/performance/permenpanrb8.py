"""PermenPAN-RB 8/2021 with PP 30/2019: SKP of July-December 2021 (reg §§3-4).

Per Indikator Kinerja Individu (``jenis`` utama or tambahan in the SKP detail template):

- capaian IKI = R / T x 100 % (higher is better, ``arah = naik``) or (1 + (1 - R / T)) x 100 %
  (lower is better, ``turun``) [V]; for a range target the upper bound is used when R is above
  it and the lower bound when R is below it [V]; R inside the range counts as the profile's
  ``within_range_capaian_pct`` (100 %) [I];
- nilai capaian IKI by the profile's linear segments (Cukup, Kurang, Sangat Kurang [V]; Baik
  100 % -> 109 and Sangat Baik 101-110 % -> 110-120 [I]); above 110 % -> 120 [V]; 100 % of a
  target that is the maximum achievable -> 120 [V];
- nilai SKP = sum of bobot/100 x nilai over kinerja utama (equal weights when no bobot is given
  [I]) + the kinerja tambahan, each K/100 x bobot x nilai/100 with K by its kategori, capped at
  10 in total [V];
- nilai kinerja = 70/30 or 60/40 of nilai SKP and nilai perilaku (profile) [V]; nilai perilaku =
  the mean of the aspects (kepemimpinan only when assessed) [I: the level 1-7 conversion is open];
- predikat on 0-120: >= 110 with a new idea Sangat Baik [V], >= 90 Baik [V], >= 70 Butuh
  Perbaikan (Cukup) [V], >= 50 Kurang [S], below Sangat Kurang [S].
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.performance import feedback360
from rules.performance.common import apply_thresholds, round_half_up
from rules.performance.pp46 import nilai_perilaku
from rules.rulebook.performance import Permenpanrb8Rules, WeightSwitch
from vocabulary import columns as c
from vocabulary.performance import PERILAKU, SANGAT_BAIK, TAMBAHAN, UTAMA

TURUN = "turun"
KEYS = [c.NIP, c.PERIOD]


def capaian_iki(
    target: pd.Series,
    realisasi: pd.Series,
    arah: pd.Series,
    target_max: pd.Series | None = None,
    within_range_pct: float = 100.0,
) -> pd.Series:
    """Capaian IKI in percent (not rounded)."""
    lo = target.astype("float64")
    hi = (target_max if target_max is not None else target).astype("float64").fillna(lo)
    r = realisasi.astype("float64")
    bound = lo.where(r <= lo, hi)  # below (or at) the lower bound: lower; above: upper
    ratio = r / bound
    value = pd.Series(
        np.where(arah.eq(TURUN).fillna(False), (2.0 - ratio) * 100.0, ratio * 100.0),
        index=target.index,
    )
    inside = (hi > lo) & (r > lo) & (r < hi)
    return value.mask(inside, within_range_pct).clip(lower=0.0)


def nilai_capaian_iki(
    capaian: pd.Series, rules: Permenpanrb8Rules, maksimal: pd.Series | None = None
) -> pd.DataFrame:
    """Kategori and nilai capaian IKI of each capaian (percent).

    Returns:
        Columns ``kategori`` (predikat code) and ``nilai`` (not rounded).
    """
    x = capaian.astype("float64")
    starts = np.array([float(s.from_pct) for s in rules.segments])
    idx = np.clip(np.searchsorted(starts, x.fillna(0).to_numpy(), side="right") - 1, 0, None)
    seg_from = starts[idx]
    seg_to = np.array([float(s.to_pct) for s in rules.segments])[idx]
    n_from = np.array([float(s.nilai_from) for s in rules.segments])[idx]
    n_to = np.array([float(s.nilai_to) for s in rules.segments])[idx]
    width = seg_to - seg_from
    slope = np.divide(n_to - n_from, width, out=np.zeros_like(width), where=width > 0)
    nilai = pd.Series(n_from + slope * (x.to_numpy() - seg_from), index=capaian.index)
    kategori = pd.Series(
        np.array([s.kategori for s in rules.segments], dtype=object)[idx], index=capaian.index
    ).astype("string")
    top = x > float(rules.cap_above_pct)
    if maksimal is not None:
        at_max = maksimal.fillna(False).astype(bool) & np.isclose(x.fillna(-1), 100.0)
        nilai = nilai.mask(at_max, float(rules.max_target_nilai))
        kategori = kategori.mask(at_max, SANGAT_BAIK)
    nilai = nilai.mask(top, float(rules.cap_nilai))
    kategori = kategori.mask(top, SANGAT_BAIK)
    return pd.DataFrame({"kategori": kategori, "nilai": nilai.where(x.notna())})


def indicator_values(rows: pd.DataFrame, rules: Permenpanrb8Rules) -> pd.DataFrame:
    """Capaian, kategori and nilai of each utama/tambahan row."""
    capaian = capaian_iki(
        rows[c.TARGET],
        rows[c.REALISASI],
        rows[c.ARAH],
        rows[c.TARGET_MAX],
        float(rules.within_range_capaian_pct),
    )
    graded = nilai_capaian_iki(capaian, rules, rows[c.MAKSIMAL])
    return rows.assign(capaian=capaian, kategori=graded["kategori"], nilai_iki=graded["nilai"])


def nilai_skp(rows: pd.DataFrame, rules: Permenpanrb8Rules) -> pd.DataFrame:
    """Nilai SKP = kinerja utama (weighted) + kinerja tambahan (capped) per (nip, period)."""
    graded = indicator_values(rows[rows[c.JENIS].isin([UTAMA, TAMBAHAN])], rules)
    utama = graded[graded[c.JENIS] == UTAMA]
    n = utama.groupby(KEYS)[c.NIP].transform("size")
    all_weighted = ~utama[c.BOBOT].isna().groupby([utama[k] for k in KEYS]).transform("any")
    weighted = utama[KEYS].assign(
        _ku=np.where(
            all_weighted,
            utama[c.BOBOT].astype("float64") / 100.0 * utama["nilai_iki"],
            utama["nilai_iki"] / n,
        )
    )
    ku = weighted.groupby(KEYS, sort=True)["_ku"].sum().rename("nilai_ku")
    tambahan = graded[graded[c.JENIS] == TAMBAHAN]
    k_of = {code: float(v) for code, v in rules.tambahan_k.items()}
    k = tambahan["kategori"].astype(object).map(k_of).astype("float64")
    tambahan = tambahan[KEYS].assign(
        _kt=k / 100.0 * tambahan[c.BOBOT].astype("float64") * tambahan["nilai_iki"] / 100.0
    )
    kt = (
        tambahan.groupby(KEYS)["_kt"].sum().clip(upper=float(rules.tambahan_cap)).rename("nilai_kt")
    )
    out = pd.concat([ku, kt], axis=1).reset_index()
    out = out[out[c.NIP].isin(utama[c.NIP])]  # an SKP needs kinerja utama
    out["nilai_kt"] = out["nilai_kt"].fillna(0.0)
    out[c.NILAI_SKP] = out["nilai_ku"] + out["nilai_kt"]
    return out[[*KEYS, "nilai_ku", "nilai_kt", c.NILAI_SKP]].reset_index(drop=True)


def score(
    details: pd.DataFrame,
    rules: Permenpanrb8Rules,
    perilaku_360: pd.DataFrame | None = None,
    weights: WeightSwitch | None = None,
) -> pd.DataFrame:
    """Scores of every employee and period in ``details`` (template rows of 8/2021 periods).

    Args:
        details: SKP detail template rows.
        rules: the PermenPAN-RB 8/2021 numbers (``skp_weight``/``perilaku_weight`` apply to
            everyone when no 360 input is given, as before issue 16).
        perilaku_360: optional ``feedback360.aggregate_360`` rows: an employee with a 360
            aggregate gets it as nilai perilaku and the ``with_360`` weights (PP 30/2019 Pasal
            41(4): 60/40), the others the ``without_360`` weights (Pasal 41(3): 70/30).
        weights: the switch (profile ``feedback_360.kinerja_weights.permenpanrb_8_2021``);
            required with ``perilaku_360``.

    Returns:
        One row per (nip, period) with kinerja utama: nilai_skp, nilai_perilaku, nilai_kinerja,
        predikat (code) and ide_baru; with ``perilaku_360`` also with_360, skp_weight and
        perilaku_weight.
    """
    skp = nilai_skp(details, rules)
    behaviour = details[details[c.JENIS] == PERILAKU]
    perilaku = nilai_perilaku(behaviour, rules.perilaku_aspects, rules.leadership_aspect)
    idea = details.groupby(KEYS)[c.IDE_BARU].any().rename(c.IDE_BARU).reset_index()
    out = skp.merge(perilaku, on=KEYS, how="left").merge(idea, on=KEYS, how="left")
    out[c.IDE_BARU] = out[c.IDE_BARU].fillna(False).astype(bool)
    out[c.NILAI_KINERJA] = (
        float(rules.skp_weight) * out[c.NILAI_SKP]
        + float(rules.perilaku_weight) * out[c.NILAI_PERILAKU]
    )
    if perilaku_360 is not None:
        if weights is None:
            raise ValueError("permenpanrb8.score: perilaku_360 needs the weight switch")
        out = feedback360.combine(out, perilaku_360, weights)
    out[c.PREDIKAT] = predikat(out[c.NILAI_KINERJA], out[c.IDE_BARU], rules)
    return out


def predikat(nilai: pd.Series, ide_baru: pd.Series, rules: Permenpanrb8Rules) -> pd.Series:
    """Predikat on the 0-120 scale of the value rounded to two decimals (what people see);
    Sangat Baik needs a new idea when the profile says so."""
    nilai = round_half_up(nilai)
    code = apply_thresholds(nilai, rules.predikat)
    if rules.sangat_baik_requires_ide_baru:
        fallback = apply_thresholds(nilai, [t for t in rules.predikat if t.predikat != SANGAT_BAIK])
        code = code.mask((code == SANGAT_BAIK) & ~ide_baru.fillna(False).astype(bool), fallback)
    return code
