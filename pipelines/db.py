"""Warehouse administration: schema migrations and the two PostgreSQL roles.

    python -m pipelines db upgrade          apply migrations (KINERJA_WAREHOUSE_URL, the writer)
    python -m pipelines db status           the schema revision and the code's
    python -m pipelines db stamp REV        record a revision without running it (adoption)
    python -m pipelines db setup            create/refresh the roles, then upgrade

`setup` connects with KINERJA_ADMIN_URL (a role allowed to create roles, e.g. postgres) to the
warehouse database, and reads the two passwords from KINERJA_WRITER_PASSWORD and
KINERJA_REPORTER_PASSWORD. The writer owns the tables and the reporting schema; the reporter may
read the views in `reporting` and nothing else.
"""

from resources.settings import Settings, redact_url
from resources.warehouse.engine import make_engine
from resources.warehouse.migrate import head_revision, revision_of, stamp, upgrade
from resources.warehouse.roles import REPORTING, Roles, grant_reporting, required_env, setup_roles


def setup(roles: Roles) -> list[str]:
    admin_url = required_env("KINERJA_ADMIN_URL")
    writer_url = setup_roles(
        admin_url,
        roles,
        required_env("KINERJA_WRITER_PASSWORD"),
        required_env("KINERJA_REPORTER_PASSWORD"),
    )
    lines = [f"roles {roles.writer} (writer) and {roles.reporter} (read-only reporting) ready"]
    lines += run_upgrade(writer_url)
    grant_reporting(admin_url, roles)
    lines.append(f"the reporter may read schema {REPORTING} only; point BI tools there")
    return lines


def run_upgrade(url: str | None = None) -> list[str]:
    url = url or Settings.from_env().warehouse_url
    engine = make_engine(url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    return [f"warehouse {redact_url(url)}: revision {before or 'none'} -> {after}"]


def status(url: str | None = None) -> list[str]:
    url = url or Settings.from_env().warehouse_url
    engine = make_engine(url)
    try:
        current = revision_of(engine)
    finally:
        engine.dispose()
    head = head_revision()
    state = "current" if current == head else "behind: run `python -m pipelines db upgrade`"
    return [f"warehouse {redact_url(url)}: revision {current or 'none'}, code {head} ({state})"]


def run_stamp(revision: str, url: str | None = None) -> list[str]:
    url = url or Settings.from_env().warehouse_url
    engine = make_engine(url)
    try:
        stamp(engine, revision)
    finally:
        engine.dispose()
    return [f"warehouse {redact_url(url)}: stamped at {revision}"]
