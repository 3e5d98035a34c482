"""Loading rulebook profiles by name (shipped in rules/profiles/) or by path."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

import rules
from resources.settings import Settings
from rules.profile import Profile, ProfileError, parse_profile
from rules.tax.profile import TaxProfile, TaxProfileError, parse_tax_profile

__all__ = [
    "ProfileError",
    "RulebookResource",
    "TaxProfileError",
    "available_profiles",
    "load_profile",
    "load_tax_profile",
]

PROFILE_DIR = Path(rules.__file__).parent / "profiles"
# the national tax profile (PP 58/2023 TER, Pasal 17, PTKP): shared by every region, kept apart
# from the regional profiles so that it is never listed or chosen as one
TAX_PROFILE = Path(rules.__file__).parent / "tax" / "pph21.yaml"


def available_profiles() -> list[str]:
    """Names of the profiles shipped with the code."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def load_profile(name_or_path: str, _seen: tuple[str, ...] = ()) -> Profile:
    """Load a profile by shipped name (``nasional``) or by a path to a YAML file.

    Raises:
        ProfileError: unknown name, unreadable file, invalid content, or an ``extends`` cycle.
    """
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        path = candidate
    else:
        path = PROFILE_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        raise ProfileError(
            f"no rulebook profile {name_or_path!r}: give a path to a .yaml file or one of "
            f"{', '.join(available_profiles())} (KINERJA_PROFILE)"
        )
    key = str(path.resolve())
    if key in _seen:
        raise ProfileError(f"{path}: 'extends' forms a cycle")
    return parse_profile(
        path.read_text(encoding="utf-8"),
        str(path),
        resolve_base=lambda base: load_profile(base, (*_seen, key)),
    )


def load_tax_profile(path: str | Path | None = None) -> TaxProfile:
    """Load the tax profile (default: the shipped ``rules/tax/pph21.yaml``).

    Raises:
        TaxProfileError: unreadable file or invalid content, naming the file and the field.
    """
    file = Path(path) if path else TAX_PROFILE
    if not file.is_file():
        raise TaxProfileError(f"{file}: no such tax profile")
    return parse_tax_profile(file.read_text(encoding="utf-8"), str(file))


class RulebookResource(dg.ConfigurableResource):
    """The rulebook profile of a run: a shipped name or a path; empty means KINERJA_PROFILE
    (default nasional), read at run time."""

    profile: str = ""

    def name(self) -> str:
        return self.profile or Settings.from_env().profile

    def load(self) -> Profile:
        return load_profile(self.name())

    def load_tax(self) -> TaxProfile:
        """The national tax profile (rules/tax/pph21.yaml), shared by every region."""
        return load_tax_profile()
