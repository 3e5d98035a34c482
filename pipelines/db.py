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

import os
import re
from dataclasses import dataclass

import sqlalchemy as sa
from psycopg import sql

from resources.migrate import current_revision, head_revision, stamp, upgrade
from resources.settings import Settings, redact_url
from resources.warehouse import make_engine

IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
REPORTING = "reporting"


class SetupError(RuntimeError):
    """Missing settings or an invalid role name; the message says which."""


@dataclass(frozen=True)
class Roles:
    writer: str = "kinerja_writer"
    reporter: str = "kinerja_reporter"

    def __post_init__(self) -> None:
        for name in (self.writer, self.reporter):
            if not IDENTIFIER.match(name):
                raise SetupError(f"role name {name!r} must be lower-case letters, digits, _")


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise SetupError(f"{name} is not set (read from the environment, never from arguments)")
    return value


def setup_roles(admin_url: str, roles: Roles, writer_password: str, reporter_password: str) -> str:
    """Create or refresh both roles and their grants; returns the writer's URL."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    database = admin.url.database
    try:
        with admin.connect() as conn:
            cur = conn.connection.driver_connection.cursor()

            def run(statement: str, *args: sql.Composable) -> None:
                cur.execute(sql.SQL(statement).format(*args))

            for name, password in (
                (roles.writer, writer_password),
                (roles.reporter, reporter_password),
            ):
                exists = conn.execute(
                    sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
                ).scalar()
                verb = (
                    "ALTER ROLE {} LOGIN PASSWORD {}"
                    if exists
                    else "CREATE ROLE {} LOGIN PASSWORD {}"
                )
                run(verb, sql.Identifier(name), sql.Literal(password))
                run(
                    "GRANT CONNECT ON DATABASE {} TO {}",
                    sql.Identifier(database),
                    sql.Identifier(name),
                )
            w, r = sql.Identifier(roles.writer), sql.Identifier(roles.reporter)
            run("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            run("GRANT USAGE, CREATE ON SCHEMA public TO {}", w)
            run("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}", sql.Identifier(REPORTING), w)
            run("ALTER SCHEMA {} OWNER TO {}", sql.Identifier(REPORTING), w)
            run("GRANT USAGE ON SCHEMA {} TO {}", sql.Identifier(REPORTING), r)
            run(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT SELECT ON TABLES TO {}",
                w,
                sql.Identifier(REPORTING),
                r,
            )
    finally:
        admin.dispose()
    return admin.url.set(username=roles.writer, password=writer_password).render_as_string(
        hide_password=False
    )


def grant_reporting(admin_url: str, roles: Roles) -> None:
    """Views created before the default privileges existed get the grant too."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.connection.driver_connection.cursor().execute(
                sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                    sql.Identifier(REPORTING), sql.Identifier(roles.reporter)
                )
            )
    finally:
        admin.dispose()


def setup(roles: Roles) -> list[str]:
    admin_url = _required("KINERJA_ADMIN_URL")
    writer_url = setup_roles(
        admin_url,
        roles,
        _required("KINERJA_WRITER_PASSWORD"),
        _required("KINERJA_REPORTER_PASSWORD"),
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
        with engine.connect() as conn:
            current = current_revision(conn)
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
