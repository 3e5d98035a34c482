"""The attendance sections of a rulebook profile (pydantic): work calendar, working hours, scan
windows, lateness bands, absence and leave, punch sanity.

Code holds the mechanisms; these models hold the numbers, each section with a ``source`` note
tagged [V]/[S]/[I] (shared/domain/regulations.md). Units and code lists come from the
vocabulary.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vocabulary.columns import EARLY_CODES, LATE_CODES, LEAVE_TYPES
from vocabulary.units import WEEKDAYS, pct_units

Weekday = Literal[WEEKDAYS]  # the vocabulary's codes, as a type pydantic checks
LeaveType = Literal[LEAVE_TYPES]
SourceNote = Annotated[str, Field(min_length=3, description="where the numbers come from, tagged")]
Pct = Annotated[Decimal, Field(ge=0, le=100)]


def clock_seconds(value: str) -> int:
    """Seconds since midnight for 'HH:MM' or 'HH:MM:SS'; '24:00' is the end of the day."""
    parts = str(value).split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"time must be HH:MM, got {value!r}")
    h, m = int(parts[0]), int(parts[1])
    s = int(parts[2]) if len(parts) == 3 else 0
    if not (0 <= m < 60 and 0 <= s < 60 and (h < 24 or (h == 24 and m == 0 and s == 0))):
        raise ValueError(f"time out of range: {value!r}")
    return h * 3600 + m * 60 + s


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """A local clock interval [start, end)."""

    start: str
    end: str

    @field_validator("start", "end", mode="before")
    @classmethod
    def _text(cls, v: Any) -> str:
        if isinstance(v, int):  # YAML 1.1 reads 07:30 as sexagesimal 450; insist on quotes
            raise ValueError("write clock times in quotes, e.g. '07:30'")
        clock_seconds(str(v))
        return str(v)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if clock_seconds(self.start) >= clock_seconds(self.end):
            raise ValueError(f"start {self.start} must be before end {self.end}")
        return self

    @property
    def start_s(self) -> int:
        return clock_seconds(self.start)

    @property
    def end_s(self) -> int:
        return clock_seconds(self.end)


class NamedDate(_Model):
    date: dt.date
    name: str


class RamadanPeriod(_Model):
    start: dt.date
    end: dt.date
    source: SourceNote

    @model_validator(mode="after")
    def _ordered(self) -> RamadanPeriod:
        if self.end < self.start:
            raise ValueError("Ramadan end is before its start")
        return self


class CalendarRules(_Model):
    source: SourceNote
    workdays: list[Weekday]
    holiday_country: str = "ID"
    holiday_categories: list[Literal["public", "government"]] = ["public", "government"]
    extra_holidays: list[NamedDate] = []
    removed_holidays: list[dt.date] = []
    ramadan: list[RamadanPeriod] = []


class ScheduleRules(_Model):
    """Working hours per weekday, local time of the office (Perpres 21/2023 'waktu setempat')."""

    source: SourceNote
    regular: dict[Weekday, Span]
    ramadan: dict[Weekday, Span]


class ScanWindows(_Model):
    """Check-in is the earliest punch in ``check_in``; check-out the latest in ``check_out``."""

    source: SourceNote
    check_in: Span
    check_out: Span


class Band(_Model):
    code: str
    from_minute: int = Field(ge=1)
    to_minute: int | None = None
    pct: Pct

    @property
    def units(self) -> int:
        return pct_units(self.pct)


def _check_bands(bands: list[Band], codes: tuple[str, ...], what: str) -> None:
    if not bands:
        raise ValueError(f"{what}: at least one band")
    if bands[0].from_minute != 1:
        raise ValueError(f"{what}: the first band must start at minute 1")
    for prev, nxt in itertools.pairwise(bands):
        if prev.to_minute is None or nxt.from_minute != prev.to_minute + 1:
            raise ValueError(f"{what}: bands must be contiguous ({prev.code} then {nxt.code})")
    if bands[-1].to_minute is not None:
        raise ValueError(f"{what}: the last band must be open-ended (to_minute: null)")
    for b in bands:
        if b.code not in codes:
            raise ValueError(f"{what}: code {b.code!r} is not one of {codes}")
        pct_units(b.pct)


class LatenessRules(_Model):
    source: SourceNote
    late_bands: list[Band]
    no_check_in: str = Field(description="late code charged when there is no check-in")
    early_bands: list[Band]
    no_check_out: str = Field(description="early code charged when there is no check-out")
    late_makeup_max_minutes: int = Field(
        0, ge=0, description="late minutes that may be made up by leaving later (0 = none)"
    )

    @model_validator(mode="after")
    def _bands(self) -> LatenessRules:
        _check_bands(self.late_bands, LATE_CODES, "late_bands")
        _check_bands(self.early_bands, EARLY_CODES, "early_bands")
        if self.no_check_in not in {b.code for b in self.late_bands}:
            raise ValueError("no_check_in must be one of the late band codes")
        if self.no_check_out not in {b.code for b in self.early_bands}:
            raise ValueError("no_check_out must be one of the early band codes")
        return self

    def band_pct(self, code: str) -> Decimal:
        for b in [*self.late_bands, *self.early_bands]:
            if b.code == code:
                return b.pct
        raise KeyError(code)


class LeaveRule(_Model):
    """Deduction for a day of approved leave: ``pct`` per day, or free for the first
    ``free_days`` days of the month and ``pct_beyond`` per day after that."""

    pct: Pct = Decimal(0)
    free_days: int | None = Field(None, ge=0)
    pct_beyond: Pct | None = None

    @model_validator(mode="after")
    def _pair(self) -> LeaveRule:
        if (self.free_days is None) != (self.pct_beyond is None):
            raise ValueError("free_days and pct_beyond go together")
        return self


class AbsenceRules(_Model):
    source: SourceNote
    tk_pct: Pct = Field(description="deduction for a working day without punch or leave (TK)")
    tk_forfeit_days: int | None = Field(
        None, ge=1, description="TK days in a month from which the month's deduction is the cap"
    )
    daily_cap_pct: Pct | None = None
    monthly_cap_pct: Pct = Decimal(100)
    leave: dict[LeaveType, LeaveRule]

    @model_validator(mode="after")
    def _all_types(self) -> AbsenceRules:
        missing = sorted(set(LEAVE_TYPES) - set(self.leave))
        if missing:
            raise ValueError(f"leave rules missing for {missing}")
        return self


class PunchSanity(_Model):
    source: SourceNote
    min_date: dt.date = Field(description="punches before this date are impossible")
    reset_dates: list[dt.date] = Field(description="dates devices fall back to after a reset")
    future_tolerance_minutes: int = Field(60, ge=0)


class DataCoverage(_Model):
    """When a machine counts as holding no data for a working day (issue 12: data we could not
    read is never evidence of absence)."""

    source: SourceNote = (
        "[I] a machine that usually records many punches a working day and records none on "
        "one is silent (a dead battery, a full memory, a lost export), not a day everybody "
        "skipped; the threshold keeps small machines, where a quiet day is real, out of it. "
        "[I] a file most of whose records carry PINs the PIN map does not know is more likely "
        "read with the wrong column as the PIN (issue 19: a record counter) than a machine of "
        "strangers: it is flagged, not trusted"
    )
    silent_day_min_usual: int = Field(
        10,
        ge=1,
        description="a covered working day without a single punch is 'no data' when the "
        "machine's median punches per covered working day is at least this",
    )
    unmapped_pin_warn_share: Decimal = Field(
        Decimal("0.5"),
        ge=0,
        le=1,
        description="a file whose records of the month carry PINs that are not in the PIN map "
        "in a larger share than this gets a warning naming the file and the share",
    )


class FingerprintExempt(_Model):
    """Positions that do not record attendance on a fingerprint machine (issue 19): their
    working days are counted present, never TK, TL/PSW or no_data, with 0 % deduction; approved
    leave still shows as leave. This list is the only way around the rule that an employee no
    machine knows is not judged (no_data) until the PIN map is fixed or HR decides.

    Matching (rules.enrolment.exempt_mask): a ``jabatan`` entry matches the master's
    ``jabatanNama`` when it is the entry or starts with it followed by a space ('Bupati' matches
    'BUPATI TULANG BAWANG', not 'Wakil Bupati' nor 'Staf Ahli Bupati'); a ``jenis_jabatan``
    entry matches ``jenisJabatan`` exactly. Case, repeated spaces and dots do not matter."""

    source: SourceNote = "[I] no position is exempt unless the profile lists it"
    jabatan: list[str] = []
    jenis_jabatan: list[str] = []
