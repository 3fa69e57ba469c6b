"""Migrations build exactly the schema the models describe, and can be undone."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from coprod.db import Base, make_engine
from coprod.migrate import downgrade, upgrade


def fresh_engine(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    if database_url.startswith("sqlite"):
        return make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    return make_engine(database_url)


def test_upgrade_from_empty_matches_the_models(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrade_to_empty_and_up_again(tmp_path: Path, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        return  # the PostgreSQL run shares one database with the other tests; SQLite shows it
    engine = fresh_engine(database_url, tmp_path)
    upgrade(engine)
    assert "statements" in inspect(engine).get_table_names()
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "statements" in inspect(engine).get_table_names()
    engine.dispose()
