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


# Parsed profiles of this process, by file: (the files it was built from with their text, the
# profile). Every step of a run asks for the profile; parsing the YAML each time cost a fifth of
# a small month's run. A file whose text changed (it or a profile it extends) is parsed again.
_PARSED: dict[str, tuple[tuple[tuple[str, str], ...], Profile]] = {}
_PARSED_TAX: dict[str, tuple[str, TaxProfile]] = {}


def load_profile(name_or_path: str) -> Profile:
    """Load a profile by shipped name (``nasional``) or by a path to a YAML file.

    Raises:
        ProfileError: unknown name, unreadable file, invalid content, or an ``extends`` cycle.
    """
    return _load(name_or_path, ())[0]


def _unchanged(files: tuple[tuple[str, str], ...]) -> bool:
    try:
        return all(Path(f).read_text(encoding="utf-8") == text for f, text in files)
    except OSError:
        return False


def _load(name_or_path: str, seen: tuple[str, ...]) -> tuple[Profile, tuple[tuple[str, str], ...]]:
    """The profile and the (file, text) pairs it was built from."""
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
    if key in seen:
        raise ProfileError(f"{path}: 'extends' forms a cycle")
    cached = _PARSED.get(key)
    if cached is not None and _unchanged(cached[0]):
        return cached[1], cached[0]
    files = [(key, path.read_text(encoding="utf-8"))]

    def resolve_base(base: str) -> Profile:
        profile, base_files = _load(base, (*seen, key))
        files.extend(base_files)
        return profile

    profile = parse_profile(files[0][1], str(path), resolve_base=resolve_base)
    _PARSED[key] = (tuple(files), profile)
    return profile, tuple(files)


def load_tax_profile(path: str | Path | None = None) -> TaxProfile:
    """Load the tax profile (default: the shipped ``rules/tax/pph21.yaml``).

    Raises:
        TaxProfileError: unreadable file or invalid content, naming the file and the field.
    """
    file = Path(path) if path else TAX_PROFILE
    if not file.is_file():
        raise TaxProfileError(f"{file}: no such tax profile")
    key, text = str(file.resolve()), file.read_text(encoding="utf-8")
    cached = _PARSED_TAX.get(key)
    if cached is not None and cached[0] == text:
        return cached[1]
    profile = parse_tax_profile(text, str(file))
    _PARSED_TAX[key] = (text, profile)
    return profile


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
