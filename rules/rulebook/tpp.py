"""The ``tpp`` section of a rulebook profile (pydantic).

Code holds the mechanisms (a dated ceiling table, a split, a predikat table, three deduction
bases, PP 94/2021 cuts, the BPJS cap, rounding); the profile holds the numbers, each group with a
``source`` note tagged [V]/[S]/[I] (shared/domain/regulations.md). Its code lists and units
come from the vocabulary (``vocabulary.columns``, ``vocabulary.tpp``, ``vocabulary.units``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from vocabulary.columns import LEAVE_TYPES
from vocabulary.performance import PREDIKAT_CODES
from vocabulary.tax import A2_TPP_LINES, COUNTERPART_IDS, TAX_CERTIFICATES, TAX_OBJECT_CODES
from vocabulary.tpp import (
    LIGHT_SANCTIONS,
    MAX_RUPIAH,
    PLT_MODES,
    SALARY_PARTS,
    SANCTION_TYPES,
    UNPAID_STATUSES,
)
from vocabulary.units import pct_units

Source = Annotated[str, Field(min_length=3, description="where the numbers come from, tagged")]
Pct = Annotated[Decimal, Field(ge=0, le=100)]
# the vocabulary's code tables, as types pydantic checks
Code = Literal[PREDIKAT_CODES]
SanctionType = Literal[SANCTION_TYPES]
UnpaidStatus = Literal[UNPAID_STATUSES]
SalaryComponent = Literal[SALARY_PARTS]
LightSanction = Literal[LIGHT_SANCTIONS]
PltMode = Literal[PLT_MODES]


def _check_pct(*values: Decimal) -> None:
    for v in values:
        pct_units(v)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CeilingTable(_Section):
    """The monthly ceiling (besaran tertinggi / basic pembayaran) per kelas jabatan, in rupiah,
    from ``valid_from`` until the next table."""

    valid_from: dt.date
    source: Source
    by_kelas: dict[Annotated[int, Field(ge=1, le=17)], Annotated[int, Field(ge=0, le=MAX_RUPIAH)]]


class CeilingRules(_Section):
    """Dated ceiling tables; an inbox file ``reference/tpp_ceilings.*`` replaces them whole."""

    source: Source
    tables: list[CeilingTable]

    @model_validator(mode="after")
    def _sorted(self) -> CeilingRules:
        starts = [t.valid_from for t in self.tables]
        if starts != sorted(set(starts)):
            raise ValueError("ceilings.tables: valid_from must increase and be distinct")
        return self

    def table_for(self, day: dt.date) -> CeilingTable | None:
        chosen = None
        for t in self.tables:
            if t.valid_from <= day:
                chosen = t
        return chosen


class SplitRules(_Section):
    """The share of the eligible TPP paid for performance (kinerja) and for discipline."""

    source: Source
    kinerja_pct: Pct
    disiplin_pct: Pct

    @model_validator(mode="after")
    def _whole(self) -> SplitRules:
        _check_pct(self.kinerja_pct, self.disiplin_pct)
        if self.kinerja_pct + self.disiplin_pct != 100:
            raise ValueError("split: kinerja_pct + disiplin_pct must be 100")
        return self


class EligibilityRules(_Section):
    """Who is paid, for which working days, at which percentage."""

    source: Source
    cpns_pct: Pct
    pppk_paid: bool
    partial_month: Literal["pro_rata_workdays", "whole_month"] = Field(
        description="pro_rata_workdays: paid working days / the month's working days; "
        "whole_month: any paid working day pays the whole month"
    )
    unpaid_leave: list[str] = Field(description="leave types whose days are not paid")
    unpaid_statuses: list[UnpaidStatus]

    @model_validator(mode="after")
    def _known(self) -> EligibilityRules:
        _check_pct(self.cpns_pct)
        unknown = sorted(set(self.unpaid_leave) - set(LEAVE_TYPES))
        if unknown:
            raise ValueError(f"eligibility.unpaid_leave: unknown leave types {unknown}")
        return self


class KinerjaRules(_Section):
    """The share of the kinerja part paid for the month's predikat."""

    source: Source
    by_predikat: dict[Code, Pct]
    not_assessed_pct: Pct = Field(description="paid when the month has no predikat")

    @model_validator(mode="after")
    def _complete(self) -> KinerjaRules:
        missing = sorted(
            {"sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"}
            - set(self.by_predikat)
        )
        if missing:
            raise ValueError(f"kinerja.by_predikat: missing {missing}")
        _check_pct(*self.by_predikat.values(), self.not_assessed_pct)
        return self


class DisiplinRules(_Section):
    """What the month's discipline percentage is a percentage of, and what it may consume."""

    source: Source
    deduction_base: Literal["full_tpp", "disiplin_component", "daily_tpp"]  # rules.tpp
    deduction_limit: Literal["disiplin_component", "tpp"] = Field(
        description="disiplin_component: the deduction never exceeds the disiplin part; "
        "tpp: what exceeds it comes off the kinerja part"
    )


class LightCut(_Section):
    """A regional cut for a hukuman disiplin ringan: the percentage and how many months."""

    pct: Pct
    months: Annotated[int, Field(ge=1, le=60)]


class DemotionRules(_Section):
    """Hukuman disiplin berat that change the post (PP 94/2021 Pasal 8(4)): the TPP is that of
    the lower kelas for the sanction's months (rules/tpp/sanctions.py ``demotion_kelas``)."""

    source: Source
    kelas_drop: Annotated[int, Field(ge=0, le=16)] = Field(
        description="penurunan_jabatan setingkat lebih rendah: kelas jabatan minus this"
    )
    pelaksana_kelas: Annotated[int, Field(ge=1, le=17)] = Field(
        description="pembebasan_jabatan (to jabatan pelaksana): the kelas paid, at most the own"
    )
    default_months: Annotated[int, Field(ge=1, le=60)] = Field(
        description="the months when the sanctions file leaves them empty or 0"
    )
    start: Literal["decision_date", "month_after_decision"] = Field(
        description="decision_date: from the decision's day, the month it falls in pro rata "
        "by working days (and the month it ends); month_after_decision: whole months"
    )


class SanctionRules(_Section):
    """PP 94/2021 hukuman disiplin that cut TPP: the cut, the allowed durations, the start;
    the regional cuts of hukuman ringan; the lower kelas of a demotion."""

    source: Source
    cut_pct: dict[SanctionType, Pct]
    durations: dict[SanctionType, list[Annotated[int, Field(ge=1, le=60)]]]
    start: Literal["month_after_decision", "decision_month"]
    light_cuts: dict[LightSanction, LightCut] = Field(
        default_factory=dict,
        description="regional cuts of hukuman ringan (PP 94/2021 itself cuts nothing for them)",
    )
    demotion: DemotionRules | None = Field(
        None, description="None: penurunan/pembebasan jabatan leave the TPP kelas as it is"
    )

    @model_validator(mode="after")
    def _consistent(self) -> SanctionRules:
        _check_pct(*self.cut_pct.values(), *(v.pct for v in self.light_cuts.values()))
        for kind in self.cut_pct:
            if not self.durations.get(kind):
                raise ValueError(f"sanctions.durations: no durations for {kind}")
        both = sorted(set(self.cut_pct) & set(self.light_cuts))
        if both:
            raise ValueError(f"sanctions: {both} both in cut_pct and light_cuts")
        return self


class PltLevel(_Section):
    """What a Plt/Plh of a post at one level adds: ``add_share`` adds ``share_pct`` of the
    covered post's ceiling; ``larger`` pays the larger of the two ceilings (the addition is the
    difference, never negative: "the covered post's TPP" when ceilings rise with kelas);
    ``none`` adds nothing."""

    mode: PltMode
    share_pct: Pct = Decimal(0)

    @model_validator(mode="after")
    def _share(self) -> PltLevel:
        _check_pct(self.share_pct)
        if (self.mode == "add_share") != (self.share_pct > 0):
            raise ValueError("plt: share_pct is given with mode add_share, and only then")
        return self


class PltRules(_Section):
    """The TPP of an employee who also holds a post as Plt/Plh (year-end §6.1): by how the
    covered post's kelas compares with their own, from a minimum of working days in the month,
    for at most ``max_months`` from the assignment's start (rules/tpp/plt.py)."""

    source: Source
    same_level: PltLevel
    higher_level: PltLevel
    lower_level: PltLevel
    plh_paid: bool = Field(description="false: a Plh (short absence) earns no addition")
    min_working_days: Annotated[int, Field(ge=0, le=31)] = Field(
        description="fewer working days of the month held as Plt/Plh pay no addition (a month "
        "with fewer working days counts when every one of them is held)"
    )
    max_months: Annotated[int, Field(ge=1, le=60)] | None = Field(
        description="days after this many months from the start pay nothing (None: no limit)"
    )
    partial_month: Literal["whole_month", "pro_rata_workdays"] = Field(
        description="a month above the minimum pays the whole addition, or its share of the "
        "month's working days"
    )


class DecemberRules(_Section):
    """December TPP paid without attendance and performance cuts (a Perkada choice)."""

    source: Source
    paid_in_full: bool = Field(
        description="true: in December the kinerja factor is 100 % and no discipline "
        "deduction is taken (eligibility, CPNS % and PP 94/2021 sanctions still apply)"
    )
    tax_month: Literal["december"] = Field(
        description="the month whose PPh 21 it enters; december only (paid and taxed in "
        "December, the year's true-up included); a January payment is not modelled yet"
    )


class BpjsRules(_Section):
    """BPJS Kesehatan on TPP: rates and the ceiling on salary base + TPP."""

    source: Source
    employer_pct: Pct
    employee_pct: Pct
    ceiling: Annotated[int, Field(ge=0, le=MAX_RUPIAH)]
    salary_components: list[SalaryComponent]

    @model_validator(mode="after")
    def _pct(self) -> BpjsRules:
        _check_pct(self.employer_pct, self.employee_pct)
        return self


Pph21Mode = Literal["ter_combined", "final_by_golongan", "borne_tunjangan_pph", "not_computed"]


class Pph21Rules(_Section):
    """How PPh 21 on TPP is handled (rules.tax; docs/tpp.md): one mode for everyone or one per
    employee kind (``{pns: borne_tunjangan_pph, pppk: ter_combined}``: PPPK tax is not borne by
    the government). The rates are the national tax profile's (rules/tax/pph21.yaml)."""

    source: Source
    mode: Pph21Mode | dict[Literal["pns", "pppk"], Pph21Mode]
    include_employer_bpjs_in_bruto: bool = Field(
        True,
        description="the employer BPJS 4 % on TPP is part of the TER gross (PMK 168/2023 "
        "Pasal 5(1): employer-paid premiums are income) [S]",
    )

    @model_validator(mode="after")
    def _both_kinds(self) -> Pph21Rules:
        if isinstance(self.mode, dict) and set(self.mode) != {"pns", "pppk"}:
            raise ValueError("pph21.mode: a mapping must name both pns and pppk")
        return self

    def mode_for(self, kind: str) -> str:
        """The mode of an employee kind ('pns' or 'pppk')."""
        return self.mode if isinstance(self.mode, str) else self.mode[kind]


CoretaxTaxObject = Literal[TAX_OBJECT_CODES]
CoretaxCertificate = Literal[TAX_CERTIFICATES]
CoretaxCounterpartId = Literal[COUNTERPART_IDS]
CoretaxTppLine = Literal[A2_TPP_LINES]


class CoretaxRules(_Section):
    """The Coretax DJP files of the Pasal 21 year (BPMP monthly, BPA2 yearly; domain note
    year-end.md §2.6). The withholder's NPWP and NITKU come from KINERJA_CORETAX_TIN /
    KINERJA_CORETAX_NITKU, else from here; without either the export is refused."""

    source: Source = (
        "shared/domain/year-end.md §2: codes and element order [S×3] (DJP converters, public "
        "payroll apps); the TPP line, TaxCertificate N/A and December on the BPA2 only [I]"
    )
    withholder_tin: Annotated[str, Field(pattern=r"^[0-9]{15,16}$")] | None = None
    withholder_nitku: Annotated[str, Field(pattern=r"^[0-9]{22}$")] | None = Field(
        None, description="[S] the head office is NPWP16 + 000000; branch units their own"
    )
    counterpart_id: CoretaxCounterpartId = Field("nik", description="[S] NIK or NPWP16")
    tax_object_code: CoretaxTaxObject = Field(
        "21-100-01", description="[S] pegawai tetap incl. PNS/PPPK (REF sheet), not 21-100-02"
    )
    tax_certificate: CoretaxCertificate = Field(
        "N/A", description="[I] tax borne by the government is not the DTP incentive"
    )
    a2_tpp_line: CoretaxTppLine = Field(
        "OtherRegularIncome",
        description="[I] TPP is paid apart from gaji under a Perkada: 'penghasilan tetap dan "
        "teratur lainnya ... terpisah dari pembayaran gaji'; two public apps use "
        "IncomeImprovementBenefit [S×2]",
    )
    bpmp_in_last_month: bool = Field(
        False,
        description="[I] the withholding of an employee's last month (December, or a leaver's "
        "last month) is reported on the BPA2 with the year's true-up, not as a TER line on the "
        "BPMP",
    )
    a2_thr13_on_tpp_line: bool = Field(
        True,
        description="[I] year-end §2.3: the A2 has no THR line (the A1 has TantiemBonusThr); "
        "each part of THR / gaji-13 goes on its component's line, so their TPP part on the TPP "
        "line (a2_tpp_line); false: in OtherBenefit",
    )


class RoundingRules(_Section):
    """Intermediate steps to whole sen, payable lines to whole rupiah, both half up."""

    source: Source
    intermediate: Literal["sen_half_up"]
    payable: Literal["rupiah_half_up"]


class Thr13Payment(_Section):
    """One of the two once-a-year payments in a year: which month's TPP it is based on and the
    month it is paid (its gross enters that month's TER line)."""

    reference_month: Annotated[int, Field(ge=1, le=12)]
    pay_month: Annotated[int, Field(ge=1, le=12)]

    @model_validator(mode="after")
    def _order(self) -> Thr13Payment:
        if self.pay_month < self.reference_month:
            raise ValueError("pay_month is before reference_month")
        return self


class Thr13Year(_Section):
    """The PP of a year on THR and gaji-13 as the Perkada applies it to TPP (year-end note §1)."""

    source: Source
    tpp_share_pct: Pct = Field(description="share of one month's TPP (PP: at most 100 %)")
    thr: Thr13Payment
    gaji13: Thr13Payment
    cpns_pct: Pct = Field(
        Decimal(100), description="CPNS share of the TPP part (on top of the reference month)"
    )
    apply_reference_month_cuts: bool = Field(
        True,
        description="true: the TPP paid for the reference month (after attendance, performance "
        "and sanction cuts: 'yang diterima'); false: the basic TPP of the kelas (ceiling x "
        "CPNS factor), before cuts",
    )
    exclude_statuses: list[UnpaidStatus] = Field(
        ["cltn"], description="status events in force in the reference month that exclude"
    )
    pph_borne_by_government: dict[Literal["pns", "pppk"], bool] = Field(
        {"pns": True, "pppk": True},
        description="the tax on THR/13 is borne (tunjangan PPh), shown and not deducted",
    )


class Thr13Rules(_Section):
    """THR and gaji ke-13 TPP per year (issue 21); a year without a row pays neither."""

    source: Source
    years: dict[Annotated[int, Field(ge=2020, le=2100)], Thr13Year]


class TppRules(_Section):
    """Everything the monthly TPP computation needs from the profile."""

    source: Source
    ceilings: CeilingRules
    split: SplitRules
    eligibility: EligibilityRules
    kinerja: KinerjaRules
    disiplin: DisiplinRules
    sanctions: SanctionRules
    plt: PltRules | None = Field(None, description="None: Plt/Plh assignments add nothing")
    december: DecemberRules | None = Field(None, description="None: December like any month")
    bpjs: BpjsRules
    pph21: Pph21Rules
    rounding: RoundingRules
    coretax: CoretaxRules = CoretaxRules()
    thr_13: Thr13Rules | None = Field(
        None, description="THR and gaji-13 TPP (issue 21); absent: none is modelled"
    )
    payroll_priority: list[Literal["simgaji", "gpp"]] = Field(
        ["simgaji", "gpp"],
        description="[I] which payroll layout holds when both give a month of one NIP: SIMGAJI "
        "is the region's own payroll (what BPKAD pays), GPP the central export; the other row "
        "is quarantined with both values (docs/tpp.md)",
    )
