"""Rulebook profiles: the regional numbers, effective-dated, validated by pydantic.

Code holds mechanisms (bands, caps, windows, leave rules); a profile chooses among them and holds
the values, each section with a ``source`` note that says where its numbers come from and how
sure we are ([V] verified text, [S] secondary, [I] inference; see shared/domain/regulations.md).

A profile file has a list of ``versions``. The first is complete; each later version holds only
what changed from ``valid_from`` on and is deep-merged onto the one before it (lists are replaced
whole). ``Profile.version_for(day)`` picks the version in force on a day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from rules.rulebook.attendance import (
    AbsenceRules,
    CalendarRules,
    DataCoverage,
    FingerprintExempt,
    LatenessRules,
    PunchSanity,
    ScanWindows,
    ScheduleRules,
)
from rules.rulebook.performance import PerformanceRules
from rules.rulebook.tpp import TppRules
from rules.versioned import deep_merge, error_lines, load_yaml
from vocabulary.units import period_bounds

__all__ = [  # the sections too: engines name them through the profile
    "AbsenceRules",
    "Profile",
    "ProfileError",
    "PunchSanity",
    "RuleVersion",
    "parse_profile",
]


class ProfileError(ValueError):
    """A profile that cannot be used, with the file and the field in the message."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleVersion(_Model):
    valid_from: dt.date
    timezone: str
    calendar: CalendarRules
    schedule: ScheduleRules
    scan_windows: ScanWindows
    lateness: LatenessRules
    absence: AbsenceRules
    punch_sanity: PunchSanity
    data_coverage: DataCoverage = DataCoverage()
    fingerprint_exempt: FingerprintExempt = FingerprintExempt()
    performance: PerformanceRules
    tpp: TppRules

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            zoneinfo.ZoneInfo(v)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {v!r}") from exc
        return v

    @model_validator(mode="after")
    def _schedule_covers_workdays(self) -> RuleVersion:
        for kind in ("regular", "ramadan"):
            spans = getattr(self.schedule, kind)
            missing = [d for d in self.calendar.workdays if d not in spans]
            if missing:
                raise ValueError(f"schedule.{kind} has no hours for workdays {missing}")
        return self


class Profile(_Model):
    name: str
    title: str
    region: str
    description: str
    extends: str | None = None
    versions: list[RuleVersion]

    @model_validator(mode="after")
    def _sorted(self) -> Profile:
        starts = [v.valid_from for v in self.versions]
        if not starts:
            raise ValueError("a profile needs at least one version")
        if starts != sorted(set(starts)):
            raise ValueError("versions must have increasing, distinct valid_from dates")
        return self

    def version_for(self, day: dt.date) -> RuleVersion:
        """The version in force on ``day``."""
        chosen = None
        for v in self.versions:
            if v.valid_from <= day:
                chosen = v
        if chosen is None:
            raise ProfileError(
                f"profile {self.name!r} has no version in force on {day} "
                f"(the first starts {self.versions[0].valid_from})"
            )
        return chosen

    def version_index(self, day: dt.date) -> int:
        return self.versions.index(self.version_for(day))

    def for_period(self, label: str) -> RuleVersion:
        """The version that rules a period ('2024-03', '2021-S2', '2021'): the one in force on
        its first day. The one place a period's rules are chosen."""
        return self.version_for(period_bounds(label)[0])

    def version_indices(self, days: pd.Series) -> np.ndarray:
        """Per row, the index of the version in force on that day (vectorised); days before
        the first version take the first (their rows are judged by their own checks)."""
        starts = np.array([np.datetime64(v.valid_from, "s") for v in self.versions])
        values = pd.to_datetime(days).astype("datetime64[s]").to_numpy()
        index = np.searchsorted(starts, values, side="right") - 1
        return np.clip(index, 0, len(self.versions) - 1)


def parse_profile(
    text: str, origin: str, resolve_base: Callable[[str], Profile] | None = None
) -> Profile:
    """Parse and validate a profile from YAML text.

    A profile with ``extends: <name>`` starts from the base profile's version in force on its
    first ``valid_from``, so a regional profile lists only what its Perkada changes.

    Args:
        text: the YAML document.
        origin: the file it came from, used in error messages.
        resolve_base: loads a base profile by name (needed only for ``extends``).

    Raises:
        ProfileError: naming ``origin`` and the failing field.
    """
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ProfileError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("versions"), list):
        raise ProfileError(f"{origin}: a profile is a mapping with a 'versions' list")
    merged: list[dict] = []
    for i, patch in enumerate(raw["versions"]):
        if not isinstance(patch, dict):
            raise ProfileError(f"{origin}: versions[{i}] must be a mapping")
        if i > 0:
            merged.append(deep_merge(merged[-1], patch))
        elif raw.get("extends"):
            if resolve_base is None:
                raise ProfileError(f"{origin}: 'extends' needs a profile loader")
            try:
                start = dt.date.fromisoformat(str(patch.get("valid_from")))
            except ValueError as exc:
                raise ProfileError(f"{origin}: versions[0].valid_from is not a date") from exc
            base = resolve_base(str(raw["extends"])).version_for(start).model_dump()
            merged.append(deep_merge(base, patch))
        else:
            merged.append(patch)
    try:
        return Profile.model_validate({**raw, "versions": merged})
    except ValidationError as exc:
        lines = error_lines(exc, merged)
        raise ProfileError(f"{origin}: invalid profile:\n" + "\n".join(lines)) from exc
