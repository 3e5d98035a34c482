"""360-degree perilaku (issue 16; tax-360 §2): validate the feedback rows, aggregate them for the
numeric regimes, switch the SKP/perilaku weights, and summarise them beside the 6/2022 rating.

Numeric regimes (PP 46/2011, PP 30/2019 with PermenPAN-RB 8/2021):

- per relation (atasan, rekan setingkat, bawahan), each aspect is the mean of that relation's
  raters; the relation's perilaku is the sum of the regime's aspects / 5, or / 6 with
  kepemimpinan (the SAPK rule of ``pp46.nilai_perilaku``; a missing aspect counts 0);
- perilaku 360 = 0.60 atasan + 0.20 rekan + 0.20 bawahan, or 0.60 atasan + 0.40 rekan without
  bawahan (profile ``feedback_360.weights``; Kemendagri e-kinerja [S]);
- an employee with a 360 aggregate for the period is scored 60/40, others 70/30 (PP 30/2019
  Pasal 41 [V]; PP 46/2011 stays 60/40), by ``combine`` which the engines call.

PermenPAN-RB 6/2022: the atasan's rating stays the rating; ``summary_6_2022`` counts the 360
ratings per value and relation beside it, for HR, and never changes the predikat.
"""

from __future__ import annotations

import pandas as pd

from rules.inputs import duplicate_reasons, nip_reasons
from rules.performance.common import round_half_up
from rules.performance.compliance import unit_of
from rules.performance.periods import regimes_of
from rules.rulebook.performance import PerformanceRules, WeightSwitch
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason, isin_text
from vocabulary.performance import (
    ATASAN,
    BAWAHAN,
    BERAKHLAK,
    DI_ATAS,
    DI_BAWAH,
    DIRI_SENDIRI,
    NUMERIC_REGIMES,
    PERMENPANRB_6_2022,
    PERMENPANRB_8_2021,
    PP46,
    RATING_CODES,
    REKAN,
    SESUAI,
)
from vocabulary.units import parse_periods

KEYS = [c.NIP, c.PERIOD]
AGGREGATE_COLUMNS = [
    c.NIP,
    c.PERIOD,
    c.REGIME,
    c.RATERS,
    c.NILAI_ATASAN,
    c.NILAI_REKAN,
    c.NILAI_BAWAHAN,
    c.NILAI_PERILAKU_360,
    c.WITH_360,
]
SUMMARY_COLUMNS = [
    c.NIP,
    c.PERIOD,
    c.RATERS,
    c.RATINGS,
    c.N_DI_ATAS,
    c.N_SESUAI,
    c.N_DI_BAWAH,
    c.PCT_DI_BAWAH,
    c.RATING_PERILAKU,
    c.PREDIKAT,
]
COUNT_COLUMNS = [c.NIP, c.PERIOD, c.RELASI, c.RATING, c.N]
_RELATION_COLUMN = {ATASAN: c.NILAI_ATASAN, REKAN: c.NILAI_REKAN, BAWAHAN: c.NILAI_BAWAHAN}


# --- where each employee works, for the "same unit in the period" rule ----------------------------


def unit_spells(employees: pd.DataFrame, plans: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who was in which unit (OPD) when: nip, unit, valid_from, valid_to (NaT = open).

    The employee master gives one unit per employee over its active range. A Laporan SKP frame
    (nip, unit_induk, period_start, period_end), when given, replaces it for the employees it
    covers: an employee who moved (mutasi) has one SKP per unit and sub-period. Plt/Plh SKP are
    left out (a Plt serves in the other unit on top of his own post).
    """
    master = pd.DataFrame(
        {
            c.NIP: employees[c.NIP].astype("string"),
            c.UNIT: unit_of(employees).astype("string"),
            c.VALID_FROM: employees[c.ACTIVE_FROM],
            c.VALID_TO: employees[c.ACTIVE_TO],
        }
    )
    if plans is None or plans.empty:
        return master.reset_index(drop=True)
    own = plans[~plans[c.IS_PLT_PLH].fillna(False).astype(bool) & plans[c.UNIT_INDUK].notna()]
    spells = pd.DataFrame(
        {
            c.NIP: own[c.NIP].astype("string"),
            c.UNIT: own[c.UNIT_INDUK].astype("string"),
            c.VALID_FROM: own[c.PERIOD_START],
            c.VALID_TO: own[c.PERIOD_END],
        }
    )
    rest = master[~isin_text(master[c.NIP], spells[c.NIP])]
    # outside the time its SKP cover (an export of 2024 says nothing of 2021) the master holds
    covered = spells.groupby(c.NIP).agg(_first=(c.VALID_FROM, "min"), _last=(c.VALID_TO, "max"))
    edges = master.merge(covered.reset_index(), on=c.NIP)
    day = pd.Timedelta(days=1)
    before = edges[edges["_first"].notna()]
    cut = before["_first"] - day
    before = before.assign(
        **{c.VALID_TO: cut.where(~(before[c.VALID_TO] < cut), before[c.VALID_TO])}
    )
    after = edges[edges["_last"].notna()]
    cut = after["_last"] + day
    after = after.assign(
        **{c.VALID_FROM: cut.where(~(after[c.VALID_FROM] > cut), after[c.VALID_FROM])}
    )
    outside = pd.concat([before, after], ignore_index=True)
    ok = outside[c.VALID_FROM].isna() | outside[c.VALID_TO].isna()
    ok |= outside[c.VALID_FROM] <= outside[c.VALID_TO]
    outside = outside[ok][[c.NIP, c.UNIT, c.VALID_FROM, c.VALID_TO]]
    return pd.concat([spells, outside, rest], ignore_index=True)


def _overlaps(a_from, a_to, b_from, b_to) -> pd.Series:
    """[a_from, a_to] and [b_from, b_to] share a day; a missing bound is open."""
    return (a_from.isna() | b_to.isna() | (a_from <= b_to)) & (
        a_to.isna() | b_from.isna() | (a_to >= b_from)
    )


def same_unit(
    nip: pd.Series, other: pd.Series, first: pd.Series, last: pd.Series, spells: pd.DataFrame
) -> pd.Series:
    """True where ``nip`` and ``other`` were in one unit on a common day of [first, last]."""
    rows = pd.DataFrame({"_row": range(len(nip)), "_a": nip.to_numpy(), "_b": other.to_numpy()})
    rows["_first"], rows["_last"] = first.to_numpy(), last.to_numpy()
    a = spells.rename(columns={c.NIP: "_a", c.VALID_FROM: "_af", c.VALID_TO: "_at"})
    b = spells.rename(columns={c.NIP: "_b", c.VALID_FROM: "_bf", c.VALID_TO: "_bt"})
    m = rows.merge(a, on="_a").merge(b, on=["_b", c.UNIT])
    start = m[["_first", "_af", "_bf"]].max(axis=1)
    end = m[["_last", "_at", "_bt"]].min(axis=1)
    ok = m[(start <= end) | end.isna()]
    hit = pd.Series(False, index=range(len(nip)))
    hit.loc[ok["_row"].unique()] = True
    return pd.Series(hit.to_numpy(), index=nip.index)


# --- validation -----------------------------------------------------------------------------------


def _period_regime(feedback: pd.DataFrame, rules: PerformanceRules) -> pd.DataFrame:
    periods = parse_periods(feedback[c.PERIOD])
    return periods.assign(**{c.REGIME: regimes_of(periods, rules)})


def feedback_reasons(
    feedback: pd.DataFrame, known: pd.Series, spells: pd.DataFrame, rules: PerformanceRules
) -> pd.Series:
    """One reason per 360 row (<NA> when it passes), in the style of ``checks.*_reasons``.

    Args:
        feedback: rows of the 360 reader (nip, nip_penilai, relasi, period, regime, aspek, skor,
            rating, lineage).
        known: the NIPs of the employee master.
        spells: ``unit_spells`` of the employees.
        rules: the performance rules in force for the rows' periods.
    """
    r360 = rules.feedback_360
    p = _period_regime(feedback, rules)
    regime = p[c.REGIME]
    rater, ratee = feedback[c.NIP_PENILAI], feedback[c.NIP]
    aspects = {
        PP46: [*rules.pp46.perilaku_aspects, rules.pp46.leadership_aspect],
        PERMENPANRB_8_2021: [
            *rules.permenpanrb_8_2021.perilaku_aspects,
            rules.permenpanrb_8_2021.leadership_aspect,
        ],
        PERMENPANRB_6_2022: list(BERAKHLAK),
    }
    maximum = {
        PP46: float(rules.pp46.perilaku_max),
        PERMENPANRB_8_2021: float(rules.permenpanrb_8_2021.perilaku_max),
    }
    allowed = pd.Series(False, index=feedback.index)
    top = pd.Series(float("nan"), index=feedback.index)
    for name, names in aspects.items():
        allowed |= (regime == name).fillna(False) & feedback[c.ASPEK].isin(names)
        if name in maximum:
            top = top.mask((regime == name).fillna(False), maximum[name])
    numeric = regime.isin(NUMERIC_REGIMES).fillna(False)
    skor = feedback[c.SKOR].astype("float64")
    self_rating = (ratee == rater) | (feedback[c.RELASI] == DIRI_SENDIRI)
    self_rating = self_rating.fillna(False).astype(bool)
    checked_unit = feedback[c.RELASI].isin(r360.same_unit_relations) & ~self_rating
    together = same_unit(ratee, rater, p[c.PERIOD_START], p[c.PERIOD_END], spells)
    period = feedback[c.PERIOD].fillna("")
    row_reasons = combine_reasons(
        nip_reasons(ratee),
        nip_reasons(rater).radd("nip_penilai: "),
        first_reason(
            (
                ~isin_text(ratee, known),
                "nip " + ratee.fillna("") + " is not in the employee master",
            ),
            (
                ~isin_text(rater, known),
                "nip_penilai " + rater.fillna("") + " is not in the employee master",
            ),
            (p[c.PERIOD_KIND].isna(), "periode '" + period + "' is not a period"),
            (regime.isna(), "periode " + period + " has no regime in the rulebook profile"),
            (
                feedback[c.REGIME].notna() & (feedback[c.REGIME] != regime),
                "regime " + feedback[c.REGIME].fillna("") + " is not the regime of periode "
                "" + period + " (" + regime.fillna("") + ")",
            ),
            (
                self_rating & (not r360.self_rating_allowed),
                "self-rating: the rater is the ratee and the profile does not allow it",
            ),
            (
                ~allowed,
                "aspek '" + feedback[c.ASPEK].fillna("") + "' is not a perilaku aspect of "
                "" + regime.fillna("the period's regime"),
            ),
            (numeric & skor.isna(), "skor is empty: the numeric regimes need a score"),
            (
                numeric & ((skor < 0) | (skor > top)),
                "skor " + skor.astype("string").fillna("") + " is outside 0-"
                "" + top.astype("string").fillna("") + " for " + regime.fillna(""),
            ),
            (
                (regime == PERMENPANRB_6_2022).fillna(False)
                & ~feedback[c.RATING].isin(RATING_CODES),
                "rating is empty: under PermenPAN-RB 6/2022 each row needs Di Atas, Sesuai or "
                "Di Bawah Ekspektasi",
            ),
            (
                checked_unit & ~together,
                "rater " + rater.fillna("") + " (" + feedback[c.RELASI].fillna("") + ") is not "
                "in the ratee's unit during " + period,
            ),
            index=feedback.index,
        ),
        duplicate_reasons(feedback, [c.NIP, c.NIP_PENILAI, c.PERIOD, c.ASPEK], "360 rating"),
    )
    return combine_reasons(row_reasons, min_rater_reasons(feedback, row_reasons, r360.min_raters))


def min_rater_reasons(feedback: pd.DataFrame, reasons: pd.Series, minimum: int) -> pd.Series:
    """Reason on every row of a (ratee, period) rated by fewer than ``minimum`` distinct raters,
    counting only rows without another reason and never the ratee himself."""
    counted = reasons.isna() & (feedback[c.NIP] != feedback[c.NIP_PENILAI]).fillna(False)
    counted &= (feedback[c.RELASI] != DIRI_SENDIRI).fillna(False)
    kept = feedback.loc[counted, [*KEYS, c.NIP_PENILAI]]
    raters = kept.drop_duplicates().groupby(KEYS).size().rename(c.RATERS)
    per_row = feedback[KEYS].merge(raters.reset_index(), on=KEYS, how="left")[c.RATERS]
    n = pd.Series(per_row.fillna(0).astype("int64").to_numpy(), index=feedback.index)
    return first_reason(
        (
            reasons.isna() & (n < minimum),
            "only " + n.astype("string") + " rater(s) for this ratee in "
            "" + feedback[c.PERIOD].fillna("") + "; the profile needs at least " + str(minimum),
        ),
        index=feedback.index,
    )


# --- aggregation (numeric regimes) ----------------------------------------------------------------


def aggregate_360(feedback: pd.DataFrame, rules: PerformanceRules) -> pd.DataFrame:
    """Perilaku 360 per (nip, period) of the numeric regimes, from valid feedback rows.

    Returns:
        ``AGGREGATE_COLUMNS``: the relations' perilaku, the weighted nilai_perilaku_360 (NaN when
        a required relation did not rate) and ``with_360``. Not rounded: the engines round the
        final values (two decimals, half up) as for every score.
    """
    r360 = rules.feedback_360
    rows = feedback[
        (feedback[c.RELASI] != DIRI_SENDIRI) & (feedback[c.NIP] != feedback[c.NIP_PENILAI])
    ]
    rows = rows.assign(**{c.REGIME: _period_regime(rows, rules)[c.REGIME]})
    rows = rows[rows[c.REGIME].isin(NUMERIC_REGIMES)]
    if rows.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in AGGREGATE_COLUMNS})
    parts = []
    for regime, engine in ((PP46, rules.pp46), (PERMENPANRB_8_2021, rules.permenpanrb_8_2021)):
        mine = rows[rows[c.REGIME] == regime]
        mine = mine[mine[c.ASPEK].isin([*engine.perilaku_aspects, engine.leadership_aspect])]
        if mine.empty:
            continue
        aspect = mine.groupby([*KEYS, c.RELASI, c.ASPEK], sort=True)[c.SKOR].mean().reset_index()
        aspect["_lead"] = aspect[c.ASPEK] == engine.leadership_aspect
        group = aspect.groupby([*KEYS, c.RELASI], sort=True)
        leads = group["_lead"].any()
        value = group[c.SKOR].sum() / (len(engine.perilaku_aspects) + leads.astype("int64"))
        wide = value.unstack(c.RELASI).rename(columns=_RELATION_COLUMN)
        raters = mine.groupby(KEYS)[c.NIP_PENILAI].nunique().rename(c.RATERS)
        parts.append(wide.join(raters).reset_index().assign(**{c.REGIME: regime}))
    out = pd.concat(parts, ignore_index=True)
    for col in _RELATION_COLUMN.values():
        if col not in out.columns:
            out[col] = float("nan")
    w = r360.weights
    has = {rel: out[col].notna() for rel, col in _RELATION_COLUMN.items()}
    rekan_w = has[BAWAHAN].map(
        {True: float(w.rekan_setingkat), False: float(w.rekan_without_bawahan)}
    )
    value = (
        float(w.atasan) * out[c.NILAI_ATASAN]
        + rekan_w * out[c.NILAI_REKAN]
        + float(w.bawahan) * out[c.NILAI_BAWAHAN].fillna(0.0)
    )
    complete = pd.Series(True, index=out.index)
    for rel in r360.required_relations:
        complete &= has.get(rel, pd.Series(False, index=out.index))
    out[c.NILAI_PERILAKU_360] = value.where(complete)
    out[c.WITH_360] = complete.astype(bool)
    out[c.RATERS] = out[c.RATERS].astype("int64")
    return out[AGGREGATE_COLUMNS].sort_values(KEYS, kind="stable").reset_index(drop=True)


def combine(scored: pd.DataFrame, perilaku_360: pd.DataFrame, switch: WeightSwitch) -> pd.DataFrame:
    """Put the 360 perilaku and the weights of PP 30/2019 Pasal 41 into scored rows.

    Args:
        scored: engine rows (nip, period, nilai_skp, nilai_perilaku from the atasan's template).
        perilaku_360: ``aggregate_360`` rows (nip, period, nilai_perilaku_360, with_360).
        switch: the regime's weights with and without a 360 assessment.

    Returns:
        ``scored`` with nilai_perilaku replaced where a 360 aggregate exists, with_360,
        skp_weight, perilaku_weight and nilai_kinerja recomputed.
    """
    agg = perilaku_360[perilaku_360[c.WITH_360].astype(bool)][[*KEYS, c.NILAI_PERILAKU_360]]
    out = scored.drop(columns=[c.WITH_360, c.SKP_WEIGHT, c.PERILAKU_WEIGHT], errors="ignore")
    out = out.merge(agg.drop_duplicates(KEYS), on=KEYS, how="left")
    with_360 = out[c.NILAI_PERILAKU_360].notna()
    out[c.NILAI_PERILAKU] = out[c.NILAI_PERILAKU_360].where(with_360, out[c.NILAI_PERILAKU])
    out[c.WITH_360] = with_360.astype(bool)
    pick = lambda a, b: with_360.map({True: float(a), False: float(b)})  # noqa: E731
    out[c.SKP_WEIGHT] = pick(switch.with_360.skp, switch.without_360.skp)
    out[c.PERILAKU_WEIGHT] = pick(switch.with_360.perilaku, switch.without_360.perilaku)
    out[c.NILAI_KINERJA] = (
        out[c.SKP_WEIGHT] * out[c.NILAI_SKP] + out[c.PERILAKU_WEIGHT] * out[c.NILAI_PERILAKU]
    )
    return out.drop(columns=[c.NILAI_PERILAKU_360])


# --- PermenPAN-RB 6/2022: the feedback beside the atasan's rating ---------------------------------


def summary_6_2022(
    feedback: pd.DataFrame, assessments: pd.DataFrame, rules: PerformanceRules
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts of the 6/2022 360 ratings per (nip, period), beside the rating that counts.

    Args:
        feedback: valid 360 rows.
        assessments: the chosen assessment per (nip, period) (rating_perilaku, predikat), e.g.
            ``permenpanrb6.choose`` or fact_performance_period rows: copied, never changed.
        rules: the performance rules (to select the 6/2022 periods).

    Returns:
        (summary, counts): ``SUMMARY_COLUMNS`` per (nip, period), with pct_di_bawah the share
        of ratings below expectation in percent (two decimals, half up); ``COUNT_COLUMNS`` per
        (nip, period, relasi, rating).
    """
    rows = feedback[feedback[c.RATING].isin(RATING_CODES)]
    rows = rows[(_period_regime(rows, rules)[c.REGIME] == PERMENPANRB_6_2022).fillna(False)]
    counts = rows.groupby([*KEYS, c.RELASI, c.RATING], sort=True).size().rename(c.N).reset_index()
    by_rating = rows.groupby([*KEYS, c.RATING]).size().unstack(c.RATING, fill_value=0)
    for code in (DI_ATAS, SESUAI, DI_BAWAH):
        if code not in by_rating.columns:
            by_rating[code] = 0
    summary = pd.DataFrame(
        {
            c.RATERS: rows.groupby(KEYS)[c.NIP_PENILAI].nunique(),
            c.RATINGS: by_rating[[DI_ATAS, SESUAI, DI_BAWAH]].sum(axis=1),
            c.N_DI_ATAS: by_rating[DI_ATAS],
            c.N_SESUAI: by_rating[SESUAI],
            c.N_DI_BAWAH: by_rating[DI_BAWAH],
        }
    ).reset_index()
    summary[c.PCT_DI_BAWAH] = round_half_up(
        summary[c.N_DI_BAWAH] / summary[c.RATINGS].where(summary[c.RATINGS] > 0) * 100.0
    )
    atasan = assessments[[*KEYS, c.RATING_PERILAKU, c.PREDIKAT]].drop_duplicates(KEYS)
    summary = summary.merge(atasan, on=KEYS, how="left")
    for col in (c.RATERS, c.RATINGS, c.N_DI_ATAS, c.N_SESUAI, c.N_DI_BAWAH):
        summary[col] = summary[col].astype("int64")
    counts[c.N] = counts[c.N].astype("int64")
    return summary[SUMMARY_COLUMNS], counts[COUNT_COLUMNS]
