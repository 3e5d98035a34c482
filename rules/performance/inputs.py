"""Content rules for the e-Kinerja exports: one reason per row (<NA> when it passes), merged by
the expectations runner with each data contract's own reasons (as rules/reference.py does for
the reference data). Rules that depend on the regime use the profile version in force on the
first day of each row's period.
"""

from __future__ import annotations

import pandas as pd

from rules.inputs import duplicate_reasons, nip_reasons
from rules.performance import permenpanrb6
from rules.performance.feedback360 import feedback_reasons, unit_spells
from rules.performance.periods import regimes_of
from rules.profile import Profile
from rules.rulebook.performance import PerformanceRules
from vocabulary import columns as c
from vocabulary.frames import combine_reasons, first_reason, isin_text
from vocabulary.performance import (
    IKI_JENIS,
    PERMENPANRB_6_2022,
    PERMENPANRB_8_2021,
    PP46,
    PREDIKAT_LABELS,
    REGIME_LABELS,
)
from vocabulary.units import parse_periods


def _unknown(nips: pd.Series, known: pd.Series) -> pd.Series:
    return first_reason(
        (~isin_text(nips, known), "nip " + nips.fillna("") + " is not in the employee master"),
        index=nips.index,
    )


def _versions(periods: pd.DataFrame, profile: Profile) -> pd.Series:
    """Index of the profile version in force on each period's first day (-1: none)."""
    starts = pd.Series([pd.Timestamp(v.valid_from) for v in profile.versions])
    first = periods[c.PERIOD_START]
    idx = pd.Series(-1, index=periods.index, dtype="int64")
    for i, start in enumerate(starts):
        idx = idx.mask(first >= start, i)
    return idx.where(first.notna(), -1)


def _per_version(periods: pd.DataFrame, profile: Profile):
    """(mask, PerformanceRules) for each profile version that some rows fall under."""
    version = _versions(periods, profile)
    for i, v in enumerate(profile.versions):
        mask = version == i
        if mask.any():
            yield mask, v.performance


def plan_reasons(plans: pd.DataFrame, known: pd.Series) -> pd.Series:
    """Laporan SKP rows: valid NIP of the master, one row per SKP id."""
    return combine_reasons(
        nip_reasons(plans[c.NIP]),
        _unknown(plans[c.NIP], known),
        duplicate_reasons(plans, [c.SKP_ID], "SKP id"),
    )


def join_plans(assessments: pd.DataFrame, plans: pd.DataFrame) -> pd.DataFrame:
    """Attach is_plt_plh and periode_akhir of the SKP each assessment belongs to (by SKP id)."""
    p = plans[[c.SKP_ID, c.IS_PLT_PLH, c.PERIOD_END]].drop_duplicates(c.SKP_ID)
    p = p.rename(columns={c.IS_PLT_PLH: "_plan_plt", c.PERIOD_END: c.SKP_PERIOD_END})
    out = assessments.drop(columns=[c.SKP_PERIOD_END], errors="ignore").merge(
        p, on=c.SKP_ID, how="left"
    )
    out[c.IS_PLT_PLH] = out[c.IS_PLT_PLH].fillna(False).astype(bool) | out["_plan_plt"].fillna(
        False
    ).astype(bool)
    return out.drop(columns=["_plan_plt"])


def complete_assessments(assessments: pd.DataFrame, profile: Profile) -> pd.DataFrame:
    """Period kind and dates of each row, and the predikat from the matrix where the export
    gives only the two ratings (SIASN records without kuadranKinerja)."""
    out = assessments.copy()
    periods = parse_periods(out[c.PERIOD])
    for col in (c.PERIOD_KIND, c.PERIOD_START, c.PERIOD_END):
        out[col] = periods[col]
    for mask, rules in _per_version(periods, profile):
        from_matrix = permenpanrb6.matrix_predikat(
            out.loc[mask, c.RATING_HASIL_KERJA],
            out.loc[mask, c.RATING_PERILAKU],
            rules.permenpanrb_6_2022,
        )
        out.loc[mask, "_matrix"] = from_matrix
    if "_matrix" not in out.columns:
        out["_matrix"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out["_matrix"] = out["_matrix"].astype("string")
    fill = out[c.PREDIKAT].isna() & (out[c.SOURCE] != "bkn_penilaian")
    out[c.PREDIKAT] = out[c.PREDIKAT].mask(fill, out["_matrix"]).astype("string")
    return out


def assessment_reasons(assessments: pd.DataFrame, known: pd.Series, profile: Profile) -> pd.Series:
    """Assessment rows (after ``complete_assessments``): NIP, period, duplicates, matrix."""
    exists = assessments[c.PERIOD_KIND].notna()
    version = _versions(assessments, profile)
    disagree = pd.Series(False, index=assessments.index)
    for i, v in enumerate(profile.versions):
        rules = v.performance.permenpanrb_6_2022
        if rules.check_matrix:
            mask = (version == i) & assessments["_matrix"].notna()
            disagree |= mask & (assessments["_matrix"] != assessments[c.PREDIKAT]).fillna(False)
    label = assessments[c.PREDIKAT].map(PREDIKAT_LABELS).fillna("").astype("string")
    matrix = assessments["_matrix"].map(PREDIKAT_LABELS).fillna("").astype("string")
    keyed = assessments.assign(_id=assessments[c.SKP_ID].fillna(assessments[c.NIP]))
    return combine_reasons(
        nip_reasons(assessments[c.NIP]),
        _unknown(assessments[c.NIP], known),
        first_reason(
            (
                ~exists | (version < 0),
                "period '" + assessments[c.PERIOD].fillna("") + "' does not exist or is before "
                "the rulebook profile starts",
            ),
            (
                disagree,
                "predikat "
                + label
                + " disagrees with the matrix for its ratings ("
                + matrix
                + "); correct the export or the ratings",
            ),
            index=assessments.index,
        ),
        duplicate_reasons(keyed, [c.SOURCE, "_id", c.PERIOD], "assessment of the same SKP"),
        _conflict_reasons(assessments, version, profile),
    )


def _conflict_reasons(assessments: pd.DataFrame, version: pd.Series, profile: Profile):
    """Two sources (BKN Penilaian SKP, SIASN kinerja periodik) giving different predikat for one
    employee and period: the row ``permenpanrb6.choose`` keeps holds (profile
    ``permenpanrb_6_2022.source_priority``), and each other source's disagreeing row is
    quarantined with both values, so the conflict is recorded and never settled silently."""
    reason = pd.Series(pd.NA, index=assessments.index, dtype="string")
    definitive = ~assessments[c.IS_PLT_PLH].fillna(False).astype(bool)
    usable = assessments[c.PREDIKAT].notna() & assessments[c.PERIOD_KIND].notna() & definitive
    for i, v in enumerate(profile.versions):
        rows = assessments[usable & (version == i)]
        sources = rows.groupby([c.NIP, c.PERIOD])[c.SOURCE].transform("nunique")
        rows = rows[sources > 1]
        if rows.empty:
            continue
        kept = permenpanrb6.choose(rows, v.performance.permenpanrb_6_2022.source_priority)
        cols = [c.NIP, c.PERIOD, c.SOURCE, c.PREDIKAT, c.SOURCE_FILE, c.SOURCE_LINE]
        pair = rows[cols].merge(kept[cols], on=[c.NIP, c.PERIOD], suffixes=("", "_k"))
        pair.index = rows.index
        lose = (pair[c.SOURCE] != pair[c.SOURCE + "_k"]) & (
            pair[c.PREDIKAT] != pair[c.PREDIKAT + "_k"]
        )
        p = pair[lose]
        reason.loc[p.index] = (
            "conflicting assessment: this "
            + p[c.SOURCE]
            + " row says "
            + p[c.PREDIKAT].map(PREDIKAT_LABELS).astype("string")
            + "; the "
            + p[c.SOURCE + "_k"]
            + " row at "
            + p[c.SOURCE_FILE + "_k"].astype("string")
            + ":"
            + p[c.SOURCE_LINE + "_k"].astype("string")
            + " says "
            + p[c.PREDIKAT + "_k"].map(PREDIKAT_LABELS).astype("string")
            + " and holds (docs/performance.md, which assessment counts; profile "
            "permenpanrb_6_2022.source_priority)"
        )
    return reason


def _regime_reasons(details: pd.DataFrame, regime: pd.Series, rules_of) -> pd.Series:
    jenis = details[c.JENIS]
    period = details[c.PERIOD].fillna("")
    name = regime.map(REGIME_LABELS).fillna("").astype("string")
    return first_reason(
        (
            regime.isna() & details[c.PERIOD].str.fullmatch(r"\d{4}", na=False),
            "periode " + period + " spans two regimes (the rules changed inside the year): "
            "split the rows by semester (YYYY-S1, YYYY-S2)",
        ),
        (regime.isna(), "periode " + period + " is before the first regime of the profile"),
        (
            regime == PERMENPANRB_6_2022,
            "periode " + period + " falls under PermenPAN-RB 6/2022, which has no numeric SKP "
            "score: export the predikat (Laporan Penilaian SKP) instead",
        ),
        (
            (regime == PP46) & jenis.isin(IKI_JENIS),
            "jenis " + jenis.fillna("") + " does not exist under " + name + " (use kegiatan)",
        ),
        (
            (regime == PERMENPANRB_8_2021) & (jenis == "kegiatan"),
            "jenis kegiatan does not exist under " + name + " (use utama or tambahan)",
        ),
        index=details.index,
    )


def _target_reasons(d: pd.DataFrame) -> pd.Series:
    keg = d[c.JENIS] == "kegiatan"
    iki = d[c.JENIS].isin(IKI_JENIS)
    no = lambda col: d[col].isna() | (d[col] == 0)  # noqa: E731
    negative = pd.Series(pd.NA, index=d.index, dtype="string")
    for col in c.SKP_DETAIL_NUMBERS:
        negative = negative.fillna(first_reason((d[col] < 0, f"{col} is negative"), index=d.index))
    pairs = [
        (keg, c.TARGET_KUANTITAS, c.REALISASI_KUANTITAS),
        (keg, c.TARGET_KUALITAS, c.REALISASI_KUALITAS),
        (keg, c.TARGET_WAKTU, c.REALISASI_WAKTU),
        (keg, c.TARGET_BIAYA, c.REALISASI_BIAYA),
        (iki, c.TARGET, c.REALISASI),
    ]
    checks = [(negative.notna(), negative)]
    for where, target, realisasi in pairs:
        checks.append((where & d[realisasi].notna() & no(target), f"{realisasi} without {target}"))
    checks += [
        (
            keg & (no(c.TARGET_KUANTITAS) | no(c.TARGET_KUALITAS) | no(c.TARGET_WAKTU)),
            "a kegiatan needs target_kuantitas, target_kualitas and target_waktu",
        ),
        (
            keg
            & (
                d[c.REALISASI_KUANTITAS].isna()
                | d[c.REALISASI_KUALITAS].isna()
                | d[c.REALISASI_WAKTU].isna()
            ),
            "realisasi is empty: write 0 when the kegiatan was not done",
        ),
        (iki & no(c.TARGET), "target is empty"),
        (iki & d[c.REALISASI].isna(), "realisasi is empty: write 0 when nothing was realised"),
        (iki & (d[c.TARGET_MAX] < d[c.TARGET]), "target_max is below target"),
        ((d[c.JENIS] == "tambahan") & d[c.BOBOT].isna(), "kinerja tambahan needs its bobot"),
    ]
    return first_reason(*checks, index=d.index)


def _perilaku_reasons(d: pd.DataFrame, regime: pd.Series, rules_of) -> pd.Series:
    perilaku = d[c.JENIS] == "perilaku"
    allowed = pd.Series(False, index=d.index)
    over = pd.Series(False, index=d.index)
    for mask, rules in rules_of:
        for name, r in ((PP46, rules.pp46), (PERMENPANRB_8_2021, rules.permenpanrb_8_2021)):
            m = mask & (regime == name)
            allowed |= m & d[c.ASPEK].isin([*r.perilaku_aspects, r.leadership_aspect])
            over |= m & (d[c.NILAI] > float(r.perilaku_max))
    return first_reason(
        (perilaku & d[c.NILAI].isna(), "nilai of the perilaku aspect is empty"),
        (
            perilaku & ~allowed & regime.isin([PP46, PERMENPANRB_8_2021]),
            "aspek '" + d[c.ASPEK].fillna("") + "' is not a perilaku aspect of this regime",
        ),
        (perilaku & over, "nilai of the perilaku aspect is above the regime's maximum"),
        index=d.index,
    )


def detail_reasons(details: pd.DataFrame, known: pd.Series, profile: Profile) -> pd.Series:
    """SKP detail template rows: NIP, regime of the period, targets, behaviour aspects."""
    periods = parse_periods(details[c.PERIOD])
    version = _versions(periods, profile)
    regime = pd.Series(pd.NA, index=details.index, dtype="string")
    rules_of = list(_per_version(periods, profile))
    for mask, rules in rules_of:
        regime = regime.mask(mask, regimes_of(periods, rules))
    regime = regime.where(version >= 0)
    keyed = details.assign(_u=details[c.URAIAN].fillna(""), _a=details[c.ASPEK].fillna(""))
    return combine_reasons(
        nip_reasons(details[c.NIP]),
        _unknown(details[c.NIP], known),
        _regime_reasons(details, regime, rules_of),
        _target_reasons(details),
        _perilaku_reasons(details, regime, rules_of),
        duplicate_reasons(keyed, [c.NIP, c.PERIOD, c.JENIS, "_u", "_a"], "SKP detail row"),
    )


def organisation_reasons(organisation: pd.DataFrame) -> pd.Series:
    return duplicate_reasons(organisation, [c.UNIT, c.PERIOD], "organisation predikat")


__all__ = ["PerformanceRules", "assessment_reasons", "detail_reasons", "plan_reasons"]


def feedback_reasons_by_version(
    feedback: pd.DataFrame,
    known: pd.Series,
    employees: pd.DataFrame,
    plans: pd.DataFrame,
    profile: Profile,
) -> pd.Series:
    """360 feedback rows (``feedback360.feedback_reasons``) under the performance rules of the
    profile version in force on each row's period; rows of no period or before the profile get
    the first version's rules (which name what is wrong with them). The unit of each employee
    over time comes from the master and the Laporan SKP sub-periods (``unit_spells``)."""
    periods = parse_periods(feedback[c.PERIOD])
    version = _versions(periods, profile).clip(lower=0)
    spells = unit_spells(employees, plans)
    out = pd.Series(pd.NA, index=feedback.index, dtype="string")
    for i, v in enumerate(profile.versions):
        mask = version == i
        if mask.any():
            out[mask] = feedback_reasons(feedback[mask], known, spells, v.performance)
    return out
