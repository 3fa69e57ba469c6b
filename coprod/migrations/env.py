"""Alembic environment: runs on the connection coprod hands it (see coprod.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import coprod.models  # noqa: F401  (registers every table on Base.metadata)
from coprod.db import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate on the given connection, or on the URL in the Alembic config."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as own_connection:
        _run(own_connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot alter columns in place
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
