"""The ``performance`` section of a rulebook profile (pydantic).

Code holds the mechanisms (linear segments, thresholds, a 3x3 matrix, quotas); the profile holds
the numbers, each group with a ``source`` note tagged [V]/[S]/[I] (shared/domain/regulations.md).
This module cannot import ``rules.profile`` (which imports it), so it has its own small base.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from vocabulary.performance import (
    BKN_PENILAIAN,
    PREDIKAT_CODES,
    RATING_CODES,
    REGIMES,
    SIASN_PERIODIK,
)

Source = Annotated[str, Field(min_length=3, description="where the numbers come from, tagged")]
Code = Literal["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
OrgCode = Literal["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
Regime = Literal["pp46_2011", "permenpanrb_8_2021", "permenpanrb_6_2022"]
Weight = Annotated[Decimal, Field(ge=0, le=1)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(_Section):
    """``value >= min`` (``> min`` when not inclusive) gives ``predikat``; ``min: null`` is the
    level for everything below the other thresholds."""

    predikat: Code
    label: str
    min: Decimal | None
    inclusive: bool = True


def _check_thresholds(levels: list[Threshold], what: str) -> None:
    if not levels or levels[-1].min is not None:
        raise ValueError(f"{what}: the last threshold must be the catch-all (min: null)")
    mins = [t.min for t in levels[:-1]]
    if any(m is None for m in mins) or mins != sorted(mins, reverse=True):
        raise ValueError(f"{what}: thresholds must be listed from the highest min down")


class Pp46Rules(_Section):
    """PP 46/2011 + Perka BKN 1/2013: per-activity aspects, SKP 60% + perilaku 40%."""

    source: Source
    skp_weight: Weight
    perilaku_weight: Weight
    nilai_tertimbang: Decimal = Field(
        description="NT of the waktu/biaya formula; 100 at RW = (2 - NT) x TW, 'tepat waktu' "
        "= (NT - 1) x 100, the efficiency limit is (2 - NT) x 100 %"
    )
    clamp_at_zero: bool = False
    perilaku_aspects: list[str]
    leadership_aspect: str
    perilaku_max: Decimal
    sebutan: list[Threshold]

    @model_validator(mode="after")
    def _valid(self) -> Pp46Rules:
        if self.skp_weight + self.perilaku_weight != 1:
            raise ValueError("pp46: skp_weight + perilaku_weight must be 1")
        if not Decimal(1) < self.nilai_tertimbang < Decimal(2):
            raise ValueError("pp46: nilai_tertimbang must be between 1 and 2")
        _check_thresholds(self.sebutan, "pp46.sebutan")
        return self


class CapaianSegment(_Section):
    """Capaian IKI in [from_pct, next segment's from_pct) -> nilai by the straight line through
    (from_pct, nilai_from) and (to_pct, nilai_to); a point segment (from = to) is constant."""

    kategori: Code
    from_pct: Decimal
    to_pct: Decimal
    nilai_from: Decimal
    nilai_to: Decimal

    @model_validator(mode="after")
    def _ordered(self) -> CapaianSegment:
        if self.to_pct < self.from_pct or self.nilai_to < self.nilai_from:
            raise ValueError(f"segment {self.kategori}: to must not be below from")
        return self


class Permenpanrb8Rules(_Section):
    """PermenPAN-RB 8/2021 (SKP, capaian IKI) with PP 30/2019 (weights, predikat on 0-120)."""

    source: Source
    segments: list[CapaianSegment]
    cap_above_pct: Decimal
    cap_nilai: Decimal
    max_target_nilai: Decimal
    within_range_capaian_pct: Decimal
    tambahan_k: dict[Code, Decimal]
    tambahan_cap: Decimal
    skp_weight: Weight
    perilaku_weight: Weight
    perilaku_aspects: list[str]
    leadership_aspect: str
    perilaku_max: Decimal
    predikat: list[Threshold]
    sangat_baik_requires_ide_baru: bool

    @model_validator(mode="after")
    def _valid(self) -> Permenpanrb8Rules:
        if self.skp_weight + self.perilaku_weight != 1:
            raise ValueError("permenpanrb_8_2021: skp_weight + perilaku_weight must be 1")
        if not self.segments or self.segments[0].from_pct != 0:
            raise ValueError("permenpanrb_8_2021.segments: the first segment starts at 0 %")
        for a, b in itertools.pairwise(self.segments):
            if b.from_pct <= a.from_pct or b.nilai_from < a.nilai_to:
                raise ValueError(
                    f"permenpanrb_8_2021.segments: {b.kategori} must start above {a.kategori} "
                    "(ascending capaian, non-decreasing nilai)"
                )
        if set(self.tambahan_k) != set(PREDIKAT_CODES):
            raise ValueError("permenpanrb_8_2021.tambahan_k needs a K for every predikat")
        _check_thresholds(self.predikat, "permenpanrb_8_2021.predikat")
        return self


class Integration2021Rules(_Section):
    """2021: semester I (PP 46 mechanics, 0-100) and semester II (8/2021, 0-120) integrated."""

    source: Source
    s1_weight: Weight
    s2_weight: Weight
    s1_scale: Decimal = Field(description="multiplies the semester I value onto the 0-120 scale")

    @model_validator(mode="after")
    def _valid(self) -> Integration2021Rules:
        if self.s1_weight + self.s2_weight != 1:
            raise ValueError("integration_2021: s1_weight + s2_weight must be 1")
        return self


class FromMonthly(_Section):
    """How a semester (or year) predikat is derived from monthly predikat when the exports hold
    no periodic evaluation for it."""

    rule: Literal["median_low", "latest", "worst", "mode_low"]
    min_months: int = Field(ge=1, le=6)


class Permenpanrb6Rules(_Section):
    """PermenPAN-RB 6/2022: ratings -> predikat by the 3x3 matrix; periodic and annual."""

    source: Source
    matrix: dict[str, dict[str, Code]] = Field(
        description="rating hasil kerja -> rating perilaku -> predikat"
    )
    semester_from_monthly: FromMonthly
    year_from_monthly: FromMonthly
    source_priority: list[Literal["bkn_penilaian", "siasn_periodik"]]
    check_matrix: bool = Field(
        description="quarantine a predikat that disagrees with the matrix for its ratings"
    )

    @model_validator(mode="after")
    def _valid(self) -> Permenpanrb6Rules:
        for hk in RATING_CODES:
            if set(self.matrix.get(hk, {})) != set(RATING_CODES):
                raise ValueError(f"permenpanrb_6_2022.matrix: row {hk} needs all three ratings")
        if set(self.matrix) != set(RATING_CODES):
            raise ValueError("permenpanrb_6_2022.matrix: rows must be the three ratings")
        if sorted(self.source_priority) != sorted({BKN_PENILAIAN, SIASN_PERIODIK}):
            raise ValueError("permenpanrb_6_2022.source_priority lists both sources once")
        return self

    def predikat_of(self, hasil_kerja: str, perilaku: str) -> str:
        return self.matrix[hasil_kerja][perilaku]


class KurvaConstraint(_Section):
    """A quota on the share (or count) of employees whose predikat is one of ``predikat``."""

    predikat: list[Code]
    min_pct: Decimal | None = None
    max_pct: Decimal | None = None
    at_least: int | None = Field(None, ge=1)


class KurvaRules(_Section):
    """SE MenPAN-RB 3/2023: allowed predikat distribution of a unit per organisation predikat."""

    source: Source
    min_employees: int = Field(ge=1)
    quotas: dict[OrgCode, list[KurvaConstraint]]


class ComplianceRules(_Section):
    source: Source
    approved_statuses: list[str]


# --- performance cycle (issue 16) ---------------------------------------------------------------
Relasi = Literal["atasan", "rekan_setingkat", "bawahan", "diri_sendiri"]


class SkpPerilakuWeights(_Section):
    skp: Weight
    perilaku: Weight

    @model_validator(mode="after")
    def _sum(self) -> SkpPerilakuWeights:
        if self.skp + self.perilaku != 1:
            raise ValueError("skp + perilaku must be 1")
        return self


class WeightSwitch(_Section):
    """SKP/perilaku weights of a numeric regime with and without a 360 assessment of the period
    (PP 30/2019 Pasal 41(3)-(4): 70/30 without, 60/40 with)."""

    with_360: SkpPerilakuWeights
    without_360: SkpPerilakuWeights


class RelationWeights(_Section):
    """Weights of the raters' groups in the 360 perilaku; ``rekan_without_bawahan`` replaces
    ``rekan`` for an employee without bawahan ratings (so the weights still add up to 1)."""

    atasan: Weight
    rekan_setingkat: Weight
    bawahan: Weight
    rekan_without_bawahan: Weight

    @model_validator(mode="after")
    def _sum(self) -> RelationWeights:
        if self.atasan + self.rekan_setingkat + self.bawahan != 1:
            raise ValueError("feedback_360.weights: atasan + rekan_setingkat + bawahan must be 1")
        if self.atasan + self.rekan_without_bawahan != 1:
            raise ValueError("feedback_360.weights: atasan + rekan_without_bawahan must be 1")
        return self


class Feedback360Rules(_Section):
    """360-degree perilaku: validation of the feedback rows and aggregation (numeric regimes)."""

    source: Source
    weights: RelationWeights
    kinerja_weights: dict[Literal["pp46_2011", "permenpanrb_8_2021"], WeightSwitch]
    required_relations: list[Relasi] = Field(
        description="groups that must have rated for a 360 aggregate to exist"
    )
    min_raters: int = Field(ge=1, description="distinct raters (self excluded) per ratee, period")
    self_rating_allowed: bool
    same_unit_relations: list[Relasi] = Field(
        description="relations whose rater must share the ratee's unit during the period"
    )

    @model_validator(mode="after")
    def _valid(self) -> Feedback360Rules:
        if set(self.kinerja_weights) != {"pp46_2011", "permenpanrb_8_2021"}:
            raise ValueError("feedback_360.kinerja_weights: one switch per numeric regime")
        if "atasan" not in self.required_relations:
            raise ValueError("feedback_360.required_relations must include atasan")
        return self


class CascadingRules(_Section):
    """RHK cascading: fuzzy matching of the atasan RHK text, depth limit, the unit score."""

    source: Source
    fuzzy_scorer: Literal["token_sort_ratio", "token_set_ratio", "ratio", "WRatio"]
    fuzzy_threshold: Decimal = Field(ge=0, le=100)
    max_depth: int = Field(ge=1)
    alignment_weight: Weight
    coverage_weight: Weight

    @model_validator(mode="after")
    def _valid(self) -> CascadingRules:
        if self.alignment_weight + self.coverage_weight != 1:
            raise ValueError("cascading: alignment_weight + coverage_weight must be 1")
        return self


class LapkinRules(_Section):
    """e-Lapkin daily reports: the TPP kinerja basis a region chooses and its parameters."""

    source: Source
    basis: Literal["predikat", "minutes", "days_with_report"]
    menit_efektif_per_hari: int = Field(gt=0)
    menit_efektif_per_bulan: int | None = Field(
        None,
        gt=0,
        description="fixed monthly target; null = the employee's working days (minus leave) x "
        "per-day minutes",
    )
    menit_maks_per_hari: int | None = Field(
        None, gt=0, description="minutes a working day credits at most; null: no cap per day"
    )
    cuti_mengurangi: list[str] = Field(
        default_factory=list,
        description="leave types (inbox/leave.csv, approved) whose working days leave the "
        "yardstick: days off, not days to report on",
    )
    count_statuses: list[Literal["belum_diverifikasi", "sudah_diverifikasi", "ditolak"]]
    cap_pct: Decimal = Field(gt=0, le=1000)
    days_pct_decimals: int = Field(ge=0, le=4)
    report_deadline_days: int = Field(ge=0)


class SiasnRules(_Section):
    """SIASN kinerja payloads: which codes the profile sends."""

    source: Source
    first_year: int = Field(description="SIASN kinerja payloads exist from this year on")
    periodik_id: dict[Literal["month", "quarter"], int] = Field(
        description="SIASN periodikId per period kind (1 Bulanan, 2 Triwulanan); SIASN knows no "
        "semester code, so a semester is refused, not sent (year-end §5.2)"
    )
    status_penilai: Literal["ASN", "NON ASN"]
    koefisien_for_non_jf: str | None = Field(
        None,
        description="koefisienId sent for a position that is not functional (JA/JPT): unknown "
        "(year-end §5.2, §7), so such rows are listed as not sendable until a region sets one",
    )


class TindakLanjutRules(_Section):
    """Follow-up (pembinaan) cases: thresholds of each rule."""

    source: Source
    below_baik: list[Code]
    consecutive_periods: int = Field(ge=1)
    never_assessed_after_months: int = Field(ge=0)


class DialogKinerjaRules(_Section):
    """Dialog kinerja (issue 25; shared/domain/dialog-kinerja.md §4.1): how the dialogue between
    atasan and bawahan is measured per unit and evaluation period, and when a rating below
    expectation without dialogue becomes a tindak lanjut case. Flag only, never a TPP input."""

    source: Source
    periode_evaluasi: Literal["bulanan", "triwulan", "semester", "tahunan"]
    penilai_relasi: list[
        Literal["penilai", "atasan_penilai", "pimpinan_lain", "rekan", "bawahan"]
    ] = Field(min_length=1, description="feedback of these relations counts for coverage")
    hanya_rhk_utama: bool
    wajib_teks: bool
    min_teks: int = Field(ge=0, description="characters a text needs to count")
    min_share_rhk_pegawai: Decimal = Field(gt=0, le=1)
    min_hari_aktif: int = Field(ge=1, description="days active in the period to be counted")
    jendela_diam: int = Field(ge=1, description="periods without feedback for a silent atasan")
    lookback: int = Field(ge=1, description="periods of the case window, the rated one included")
    predikat_pemicu: list[Code]
    jenis_pembinaan: list[Literal["bimbingan", "konseling", "coaching", "mentoring", "lainnya"]]
    batas_pembinaan_hari: int = Field(ge=0)
    batas_hari_setelah_periode: int = Field(ge=0)
    hari_rating_setelah_periode: int = Field(
        ge=0, description="the rating day assumed when the export gives none: period end + n"
    )
    ambang_template: int = Field(ge=2)
    ambang_backdate_hari: int = Field(ge=0)
    rating_tanpa_dialog: Literal["flag"] = Field(
        description="flag only: no rule read lets a missing dialogue hold TPP (dialog §0.8)"
    )


class RegimePeriod(_Section):
    start: dt.date
    regime: Regime


class PerformanceRules(_Section):
    """Performance scoring: which regime applies from when, and each regime's numbers."""

    source: Source
    regimes: list[RegimePeriod]
    pp46: Pp46Rules
    permenpanrb_8_2021: Permenpanrb8Rules
    integration_2021: Integration2021Rules
    permenpanrb_6_2022: Permenpanrb6Rules
    kurva_distribusi: KurvaRules
    compliance: ComplianceRules
    feedback_360: Feedback360Rules
    cascading: CascadingRules
    lapkin: LapkinRules
    siasn: SiasnRules
    tindak_lanjut: TindakLanjutRules
    dialog_kinerja: DialogKinerjaRules

    @model_validator(mode="after")
    def _valid(self) -> PerformanceRules:
        starts = [r.start for r in self.regimes]
        if not starts or starts != sorted(set(starts)):
            raise ValueError("performance.regimes: increasing, distinct start dates")
        unknown = {r.regime for r in self.regimes} - set(REGIMES)
        if unknown:
            raise ValueError(f"performance.regimes: unknown {sorted(unknown)}")
        return self

    def regime_on(self, day: dt.date) -> str | None:
        """The regime in force on ``day`` (None before the first)."""
        chosen = None
        for r in self.regimes:
            if r.start <= day:
                chosen = r.regime
        return chosen
