"""Run-time settings from the environment. Read when a run starts, never at import.

KINERJA_INBOX          the drop folder (default ./inbox)
KINERJA_STATE_DIR      local state: warehouse file, staging cache, asset storage (./.state)
KINERJA_WAREHOUSE_URL  SQLAlchemy URL (default: DuckDB file in the state folder)
KINERJA_PROFILE        rulebook profile name or path (default nasional)
KINERJA_AS_OF          optional ISO date-time: treat this as 'now' (reproducible re-runs)
KINERJA_DUCKDB_LOCK_WAIT  seconds a run waits for a DuckDB warehouse file held by another process
KINERJA_FINANCE_DIR    where a month close writes the finance files (<state>/finance)
KINERJA_FIRST_MONTH    the first monthly partition, YYYY-MM (default 2024-01); read when the code
                       location loads, like KINERJA_NIGHTLY_CRON (assets.partitions)
KINERJA_CORETAX_TIN    the withholder's NPWP (15-16 digits) on the Coretax files; else the profile's
KINERJA_CORETAX_NITKU  the withholder's NITKU (22 digits); else the profile's, else TIN16 + 000000
DAGSTER_HOME           the Dagster instance (default: <state>/dagster_home for the CLI)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PROFILE = "nasional"


class SettingError(ValueError):
    """A setting read when the code location loads (KINERJA_FIRST_MONTH) is unusable: the
    message names the variable, its value and what is expected, in one line (the CLI prints
    it without a stack)."""


LOCK_WAIT_ENV = "KINERJA_DUCKDB_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 300.0  # seconds a run waits for a DuckDB warehouse file another run holds


@dataclass(frozen=True)
class Settings:
    inbox: Path
    state_dir: Path
    warehouse_url: str
    profile: str
    as_of: dt.datetime | None
    agency: str = ""
    duckdb_lock_wait: float = DEFAULT_LOCK_WAIT
    finance_dir: Path | None = None  # KINERJA_FINANCE_DIR; None: <state>/finance

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        state = Path(e.get("KINERJA_STATE_DIR") or ".state").resolve()
        url = e.get("KINERJA_WAREHOUSE_URL") or f"duckdb:///{state / 'warehouse.duckdb'}"
        as_of = e.get("KINERJA_AS_OF")
        return cls(
            inbox=Path(e.get("KINERJA_INBOX") or "inbox").resolve(),
            state_dir=state,
            warehouse_url=url,
            profile=e.get("KINERJA_PROFILE") or DEFAULT_PROFILE,
            as_of=parse_as_of(as_of) if as_of else None,
            agency=e.get("KINERJA_AGENCY") or "",
            duckdb_lock_wait=float(e.get(LOCK_WAIT_ENV) or DEFAULT_LOCK_WAIT),
            finance_dir=Path(e["KINERJA_FINANCE_DIR"]).resolve()
            if e.get("KINERJA_FINANCE_DIR")
            else None,
        )


CORETAX_TIN_ENV = "KINERJA_CORETAX_TIN"
CORETAX_NITKU_ENV = "KINERJA_CORETAX_NITKU"


def coretax_withholder(env: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    """The withholder's NPWP and NITKU from the environment (None where unset), read when the
    Coretax export runs (export/coretax.py falls back to the profile's ``tpp.coretax``)."""
    e = os.environ if env is None else env
    return (e.get(CORETAX_TIN_ENV) or "").strip() or None, (
        e.get(CORETAX_NITKU_ENV) or ""
    ).strip() or None


def parse_as_of(text: str) -> dt.datetime:
    """An ISO date or date-time; naive values are taken as UTC."""
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def redact_url(url: str) -> str:
    """A database URL without its password, for logs and metadata."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is shown as its scheme only
        return url.split(":", 1)[0] + "://..."
