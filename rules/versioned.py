"""What the regional rulebook and the national tax profile share as effective-dated YAML
documents: each version is the previous one with a patch merged in, and a validation error is
reported with the version's ``valid_from`` so the person editing the YAML finds the place."""

from __future__ import annotations

import copy

import yaml
from pydantic import ValidationError


def deep_merge(base: dict, patch: dict) -> dict:
    """``base`` with ``patch`` merged in, nested mappings key by key (both left unchanged)."""
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def error_lines(exc: ValidationError, merged: list[dict]) -> list[str]:
    """One line per validation error, the version named by its index and valid_from."""
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        if loc.startswith("versions."):
            idx = int(loc.split(".")[1])
            loc = (
                f"versions[{idx}] (valid_from {merged[idx].get('valid_from')})"
                + loc[len(f"versions.{idx}") :]
            )
        lines.append(f"  {loc}: {err['msg']}")
    return lines


# libyaml's parser when the platform has it (7x faster on the nasional profile), the same result
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    """``yaml.safe_load`` of a profile's text (raises ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=_LOADER)
