"""Alembic environment for the reporting warehouse (DuckDB or PostgreSQL, same history).

The URL comes from the Alembic config (set by `python -m pipelines db upgrade`) or from
KINERJA_WAREHOUSE_URL; it is never written in a file.
"""

from alembic import context

from resources.settings import Settings
from resources.warehouse.engine import make_engine
from resources.warehouse.tables import metadata


def run_migrations() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or Settings.from_env().warehouse_url
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _migrate(conn)
    finally:
        engine.dispose()


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit(
        "offline (SQL script) mode is not supported: run `python -m pipelines db "
        "upgrade` against the database"
    )
run_migrations()
