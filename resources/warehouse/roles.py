"""The two PostgreSQL roles of a production warehouse: the writer (owns the tables and the
reporting schema) and the reporter (may read the views in ``reporting`` and nothing else).

Role names are checked against an allowlist pattern and passed as identifiers, passwords as
literals: no SQL is built from text.
"""

import os
import re
from dataclasses import dataclass

import sqlalchemy as sa
from psycopg import sql

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


def required_env(name: str) -> str:
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
