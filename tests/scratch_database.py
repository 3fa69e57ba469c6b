"""A database of its own for a test that must not touch the shared one: a new file for SQLite,
a new database on the same server for PostgreSQL, dropped afterwards."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from coprod.db import make_engine
from coprod.migrate import upgrade


@contextmanager
def scratch_database(database_url: str, folder: Path, prefix: str = "scratch") -> Iterator[str]:
    """Yield the URL of a new, empty database beside the test database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{folder / f'{prefix}-{secrets.token_hex(4)}.sqlite'}"
        return
    name = f"{prefix}_{secrets.token_hex(4)}"
    # CREATE and DROP DATABASE cannot run in a transaction; the maintenance database always exists.
    admin = create_engine(
        url.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def migrated_scratch_database(
    database_url: str, folder: Path, prefix: str = "scratch"
) -> Iterator[str]:
    """Like ``scratch_database``, with coprod's schema built by its migrations."""
    with scratch_database(database_url, folder, prefix) as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        yield url
