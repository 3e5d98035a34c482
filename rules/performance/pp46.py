"""PP 46/2011 + Perka BKN 1/2013: *penilaian prestasi kerja* (2014 to June 2021; reg §2).

Per activity (``jenis = kegiatan`` rows of the SKP detail template):

- kuantitas = RO / TO x 100, kualitas = RK / TK x 100 [S];
- waktu and biaya by the efficiency rule with NT = 1.76 [S]: eff = 100 - R / T x 100;
  base = (NT x T - R) / T x 100; value = base when eff <= (2 - NT) x 100 (24 %), else
  (NT - 1) x 100 - (base - 100), i.e. 76 - (base - 100); realisasi 0 = not executed = 0;
- nilai capaian kegiatan = the mean of 3 aspects, or 4 when the activity has a biaya target [S].

Per employee and period: nilai SKP = mean of its activities [I]; nilai perilaku = sum of the
aspects / 5, or / 6 when kepemimpinan is assessed [S]; nilai prestasi kerja = 60 % SKP +
40 % perilaku [S]; sebutan by the profile's thresholds (>= 91, >= 76, >= 61, > 50) [S]/[I].
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rules.performance import feedback360
from rules.performance.common import apply_thresholds, round_half_up
from rules.rulebook.performance import Pp46Rules, WeightSwitch
from vocabulary import columns as c
from vocabulary.performance import KEGIATAN, PERILAKU

KEYS = [c.NIP, c.PERIOD]


def aspek_efisiensi(
    target: pd.Series, realisasi: pd.Series, nilai_tertimbang: float, clamp_at_zero: bool = False
) -> pd.Series:
    """The waktu (or biaya) aspect of each activity.

    Args:
        target: TW (or TB), > 0.
        realisasi: RW (or RB); 0 means the activity was not executed.
        nilai_tertimbang: NT (1.76 in Perka BKN 1/2013).
        clamp_at_zero: floor the value at 0 (only if the region's application does).
    """
    t = target.astype("float64")
    r = realisasi.astype("float64")
    eff = 100.0 - r / t * 100.0
    base = (nilai_tertimbang * t - r) / t * 100.0
    limit = (2.0 - nilai_tertimbang) * 100.0  # 24 %: the efficiency that scores exactly 100
    on_time = (nilai_tertimbang - 1.0) * 100.0  # 76: realised exactly on target
    value = base.where(eff <= limit + 1e-9, on_time - (base - 100.0))
    value = value.mask(r == 0, 0.0)
    if clamp_at_zero:
        value = value.clip(lower=0.0)
    return value


def nilai_kegiatan(kegiatan: pd.DataFrame, rules: Pp46Rules) -> pd.Series:
    """Nilai capaian of each activity row (kuantitas, kualitas, waktu and optional biaya)."""
    nt = float(rules.nilai_tertimbang)
    kuantitas = kegiatan[c.REALISASI_KUANTITAS] / kegiatan[c.TARGET_KUANTITAS] * 100.0
    kualitas = kegiatan[c.REALISASI_KUALITAS] / kegiatan[c.TARGET_KUALITAS] * 100.0
    waktu = aspek_efisiensi(
        kegiatan[c.TARGET_WAKTU], kegiatan[c.REALISASI_WAKTU], nt, rules.clamp_at_zero
    )
    has_biaya = kegiatan[c.TARGET_BIAYA].fillna(0).astype("float64") > 0
    biaya = aspek_efisiensi(
        kegiatan[c.TARGET_BIAYA].where(has_biaya),
        kegiatan[c.REALISASI_BIAYA].fillna(0),
        nt,
        rules.clamp_at_zero,
    ).fillna(0.0)
    total = kuantitas.astype("float64") + kualitas.astype("float64") + waktu + biaya
    return total / np.where(has_biaya, 4.0, 3.0)


def nilai_perilaku(perilaku: pd.DataFrame, aspects: list[str], leadership: str) -> pd.DataFrame:
    """Sum of the aspects / number of aspects (+1 where the leadership aspect is assessed).

    An aspect missing from the rows counts 0, as in the SAPK formula (reg §2.5): the divisor is
    fixed by whether the employee holds a leadership post, not by what HR typed in.
    """
    p = perilaku[[*KEYS, c.ASPEK, c.NILAI]]
    p = p[p[c.ASPEK].isin([*aspects, leadership])]
    grouped = p.groupby(KEYS, sort=True)
    total = grouped[c.NILAI].sum()
    leads = p[c.ASPEK].eq(leadership).groupby([p[k] for k in KEYS]).any()
    divisor = len(aspects) + leads.astype("int64")
    return (total / divisor).rename(c.NILAI_PERILAKU).reset_index()


def score(
    details: pd.DataFrame,
    rules: Pp46Rules,
    perilaku_360: pd.DataFrame | None = None,
    weights: WeightSwitch | None = None,
) -> pd.DataFrame:
    """Scores of every employee and period in ``details`` (template rows of one PP 46 period).

    Args:
        details: SKP detail template rows.
        rules: the PP 46/2011 numbers.
        perilaku_360: optional ``feedback360.aggregate_360`` rows: where an employee has a 360
            aggregate for the period it replaces the atasan's perilaku.
        weights: the SKP/perilaku weights with and without 360 (profile
            ``feedback_360.kinerja_weights.pp46_2011``); required with ``perilaku_360``.

    Returns:
        One row per (nip, period) that has activities: nilai_skp, nilai_perilaku (NaN when no
        perilaku row), nilai_kinerja (nilai prestasi kerja) and predikat (code); with
        ``perilaku_360`` also with_360, skp_weight and perilaku_weight.
    """
    kegiatan = details[details[c.JENIS] == KEGIATAN]
    per_activity = kegiatan[KEYS].assign(_v=nilai_kegiatan(kegiatan, rules))
    skp = per_activity.groupby(KEYS, sort=True)["_v"].mean().rename(c.NILAI_SKP).reset_index()
    behaviour = nilai_perilaku(
        details[details[c.JENIS] == PERILAKU], rules.perilaku_aspects, rules.leadership_aspect
    )
    out = skp.merge(behaviour, on=KEYS, how="left")
    out[c.NILAI_KINERJA] = (
        float(rules.skp_weight) * out[c.NILAI_SKP]
        + float(rules.perilaku_weight) * out[c.NILAI_PERILAKU]
    )
    if perilaku_360 is not None:
        if weights is None:
            raise ValueError("pp46.score: perilaku_360 needs the weight switch")
        out = feedback360.combine(out, perilaku_360, weights)
    # the sebutan of the value people see (two decimals), not of the unrounded float
    out[c.PREDIKAT] = apply_thresholds(round_half_up(out[c.NILAI_KINERJA]), rules.sebutan)
    return out
