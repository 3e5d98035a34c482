"""Versioned warehouse schema (Alembic, migrations/): upgrade, check, and the DuckDB dialect.

The embedded DuckDB warehouse is brought to the latest revision when the pipeline first opens
it; a PostgreSQL warehouse is only ever changed by `python -m pipelines db upgrade`, and the
pipeline refuses to write to one whose schema is behind the code.
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.ddl.impl import DefaultImpl
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class DuckDBImpl(DefaultImpl):
    """duckdb-engine registers no Alembic implementation; DuckDB's DDL is transactional."""

    __dialect__ = "duckdb"
    transactional_ddl = True


class SchemaNotCurrent(RuntimeError):
    """The warehouse's schema revision is not the one this code writes."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: sa.Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Apply migrations up to ``revision``; returns (before, after)."""
    with engine.begin() as conn:
        before = current_revision(conn)
        if before is None and sa.inspect(conn).has_table("fact_attendance_daily"):
            raise SchemaNotCurrent(
                "the warehouse has tables but no schema revision: it was created before "
                "versioned migrations. For the embedded demo warehouse remove it (make "
                "clean-state); otherwise stamp it after checking it matches: "
                "python -m pipelines db stamp 0001"
            )
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        after = current_revision(conn)
    return before, after


def stamp(engine: sa.Engine, revision: str) -> None:
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.stamp(cfg, revision)


def ensure_current(engine: sa.Engine) -> None:
    """DuckDB: upgrade in place. PostgreSQL: refuse to write when the schema is behind."""
    if engine.dialect.name == "duckdb":
        upgrade(engine)
        return
    with engine.connect() as conn:
        current = current_revision(conn)
    head = head_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"the warehouse schema is at revision {current or 'none'}, this code writes "
            f"revision {head}: run `python -m pipelines db upgrade` (as the writer role) first"
        )


def revision_of(engine: sa.Engine) -> str | None:
    """The warehouse's schema revision (None before the first migration)."""
    with engine.connect() as conn:
        return current_revision(conn)
