"""The tax profile (``rules/tax/pph21.yaml``): rates as data, effective-dated, validated on load.

Like the regional rulebook (``rules.profile``), a tax profile has ``versions``; the first is
complete and each later one holds only what changed from its ``valid_from`` (deep-merged, lists
replaced whole), so a later PMK is a new version, never an edit of an old one. Validation:
bracket tables are ordered, contiguous (each starts where the one before ends), start at zero,
and end open; every PTKP status has a category; rates have at most two decimals. An error names
the file and the field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rules.versioned import deep_merge, error_lines, load_yaml
from vocabulary.tax import KINDS, PTKP_STATUSES, ROUNDINGS, TER_CATEGORIES

Source = Annotated[str, Field(min_length=3, description="where the numbers come from, tagged")]
Rate = Annotated[Decimal, Field(ge=0, le=100)]
Rupiah = Annotated[int, Field(ge=0)]
Component = Literal[
    "gaji_pokok", "tunjangan_keluarga", "tunjangan_jabatan", "tunjangan_umum", "tunjangan_beras"
]


class TaxProfileError(ValueError):
    """A tax profile that cannot be used, with the file and the field in the message."""


def _two_decimals(rate: Decimal, where: str) -> None:
    if rate * 100 != (rate * 100).to_integral_value():
        raise ValueError(f"{where}: rate {rate} has more than two decimals")


def _check_brackets(rows: list[tuple[int | None, Decimal]], where: str) -> None:
    """Ordered, contiguous (upper bounds strictly increase, so every amount above the previous
    bound falls in the next row), and the last row open-ended; no other row is open."""
    if not rows:
        raise ValueError(f"{where}: no brackets")
    uppers = [u for u, _ in rows]
    if uppers[-1] is not None:
        raise ValueError(f"{where}: the last bracket must be open-ended (upper bound null)")
    bounded = uppers[:-1]
    if any(u is None for u in bounded):
        row = bounded.index(None)
        raise ValueError(f"{where}[{row}]: only the last bracket may be open-ended")
    for i, (low, high) in enumerate(zip([0, *bounded], bounded, strict=False)):
        if high <= low:
            raise ValueError(
                f"{where}[{i}]: upper bound {high:,} must be above the previous bound {low:,} "
                "(brackets ordered and contiguous)"
            )
    for i, (_, rate) in enumerate(rows):
        _two_decimals(rate, f"{where}[{i}]")


Bracket = tuple[Annotated[int, Field(gt=0)] | None, Rate]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TerTables(_Section):
    """Monthly TER per category: ``[upper bound inclusive, rate %]``, lower < bruto <= upper."""

    source: Source
    brackets: dict[Literal["A", "B", "C"], list[Bracket]]

    @model_validator(mode="after")
    def _valid(self) -> TerTables:
        missing = sorted(set(TER_CATEGORIES) - set(self.brackets))
        if missing:
            raise ValueError(f"ter.brackets: missing categories {missing}")
        for cat, rows in self.brackets.items():
            _check_brackets(rows, f"ter.brackets.{cat}")
        return self


class PtkpRules(_Section):
    """PTKP amounts per year and the status -> TER category map."""

    source: Source
    self_: Rupiah = Field(alias="self")
    married: Rupiah
    per_dependant: Rupiah
    max_dependants: Annotated[int, Field(ge=0, le=3)]
    default_status: Literal["TK/0", "TK/1", "TK/2", "TK/3", "K/0", "K/1", "K/2", "K/3"]
    category: dict[str, Literal["A", "B", "C"]]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _complete(self) -> PtkpRules:
        missing = [s for s in PTKP_STATUSES if s not in self.category]
        unknown = sorted(set(self.category) - set(PTKP_STATUSES))
        if missing or unknown:
            raise ValueError(f"ptkp.category: missing {missing}, unknown {unknown}")
        return self

    def amount(self, status: str) -> int:
        """PTKP per year of a status ('K/2' -> 54M + 4.5M + 2 x 4.5M)."""
        kind, dependants = status.split("/")
        return (
            self.self_
            + (self.married if kind == "K" else 0)
            + min(int(dependants), self.max_dependants) * self.per_dependant
        )


class Pasal17Rules(_Section):
    """Pasal 17 ayat (1) huruf a: progressive rates on yearly PKP."""

    source: Source
    brackets: list[Bracket]
    pkp_floor_to: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _valid(self) -> Pasal17Rules:
        _check_brackets(self.brackets, "pasal17.brackets")
        return self


class BiayaJabatan(_Section):
    """5 % of the bruto, capped; for a part year (masa perolehan < 12 months: a leaver, a new
    hire) the cap is ``max_per_month`` x the months of the masa under ``part_year_cap:
    per_month`` [I: DJP practice], or ``max_per_year`` under ``annual`` (issue 21)."""

    source: Source
    pct: Rate
    max_per_year: Rupiah
    max_per_month: Rupiah
    part_year_cap: Literal["per_month", "annual"] = "per_month"


class IuranPensiun(_Section):
    """Employee pension/THT contributions deducted from the yearly bruto."""

    source: Source
    pension_pct: Rate
    tht_pct: Rate
    base: list[Component]
    applies_to: list[Literal["pns", "pppk"]]


class EmployerPremiums(_Section):
    """Employer-paid premiums on gaji that are income for PPh (added to the gaji bruto)."""

    source: Source
    bpjs_pct: Rate
    bpjs_ceiling: Rupiah
    bpjs_base: list[Component]
    jkk_pct: Rate
    jkm_pct: Rate
    jkk_jkm_base: list[Component]


class NpwpRules(_Section):
    source: Source
    none_multiplier: Annotated[Decimal, Field(ge=1, le=2)]
    default_status: Literal["valid", "none"] = Field(
        description="an employee whose NPWP status is not given (noted per row)"
    )

    @field_validator("none_multiplier")
    @classmethod
    def _tenths(cls, v: Decimal) -> Decimal:
        if v * 10 != (v * 10).to_integral_value():
            raise ValueError("npwp.none_multiplier: at most one decimal (1.2)")
        return v


class FinalRates(_Section):
    """PP 80/2010 Pasal 4 final rates on the TPP alone, per golongan (roman numeral)."""

    source: Source
    pns: dict[str, Rate]
    pppk: dict[str, Rate]

    @model_validator(mode="after")
    def _rates(self) -> FinalRates:
        for kind in KINDS:
            for gol, rate in getattr(self, kind).items():
                _two_decimals(rate, f"final_rates.{kind}.{gol}")
        return self


class TaxRounding(_Section):
    source: Source
    monthly: Literal["half_up", "ceil", "floor"]

    @field_validator("monthly")
    @classmethod
    def _known(cls, v: str) -> str:
        assert v in ROUNDINGS
        return v


class TaxVersion(_Section):
    """Everything PPh 21 needs, in force from ``valid_from``."""

    valid_from: dt.date
    ter: TerTables
    ptkp: PtkpRules
    pasal17: Pasal17Rules
    biaya_jabatan: BiayaJabatan
    iuran_pensiun: IuranPensiun
    employer_premiums: EmployerPremiums
    npwp: NpwpRules
    final_rates: FinalRates
    rounding: TaxRounding


class TaxProfile(_Section):
    name: str
    title: str
    versions: list[TaxVersion]

    @model_validator(mode="after")
    def _sorted(self) -> TaxProfile:
        starts = [v.valid_from for v in self.versions]
        if not starts:
            raise ValueError("a tax profile needs at least one version")
        if starts != sorted(set(starts)):
            raise ValueError("versions must have increasing, distinct valid_from dates")
        return self

    @property
    def first_day(self) -> dt.date:
        """The day the first version takes effect: months before it are not computed."""
        return self.versions[0].valid_from

    def version_for(self, day: dt.date) -> TaxVersion:
        """The version in force on ``day``.

        Raises:
            TaxProfileError: ``day`` is before the first version (no TER before 2024).
        """
        chosen = None
        for v in self.versions:
            if v.valid_from <= day:
                chosen = v
        if chosen is None:
            raise TaxProfileError(
                f"tax profile {self.name!r} has no version in force on {day} "
                f"(the first starts {self.versions[0].valid_from})"
            )
        return chosen


def parse_tax_profile(text: str, origin: str) -> TaxProfile:
    """Parse and validate a tax profile from YAML text.

    Args:
        text: the YAML document.
        origin: the file it came from, used in error messages.

    Raises:
        TaxProfileError: naming ``origin`` and the failing field.
    """
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        raise TaxProfileError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("versions"), list):
        raise TaxProfileError(f"{origin}: a tax profile is a mapping with a 'versions' list")
    merged: list[dict] = []
    for i, patch in enumerate(raw["versions"]):
        if not isinstance(patch, dict):
            raise TaxProfileError(f"{origin}: versions[{i}] must be a mapping")
        merged.append(deep_merge(merged[-1], patch) if merged else patch)
    try:
        return TaxProfile.model_validate({**raw, "versions": merged})
    except ValidationError as exc:
        lines = error_lines(exc, merged)
        raise TaxProfileError(f"{origin}: invalid tax profile:\n" + "\n".join(lines)) from exc
