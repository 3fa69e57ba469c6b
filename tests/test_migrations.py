"""Migrations build exactly the schema the models describe, and each can be undone, leaving the
schema exactly as the one before it left it; on SQLite and, with --postgres, on a database of
their own on the test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from coprod.db import Base, make_engine
from coprod.migrate import alembic_config, downgrade, upgrade
from tests.scratch_database import scratch_database


@pytest.fixture
def fresh_engine(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a new, empty database: the shared test database stays migrated."""
    with scratch_database(database_url, tmp_path, "migrations") as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def differences_from_models(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def revisions_oldest_first(engine: Engine) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(engine))
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def schema_of(engine: Engine) -> dict[str, Any]:
    """Everything a migration makes: tables with their columns, keys, indexes and constraints,
    and (outside any table) triggers, functions and sequences."""
    inspector = inspect(engine)
    tables = {
        name: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in inspector.get_columns(name)
            ],
            "primary key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign keys": sorted(map(repr, inspector.get_foreign_keys(name))),
            "indexes": sorted(map(repr, inspector.get_indexes(name))),
            "unique": sorted(map(repr, inspector.get_unique_constraints(name))),
            "checks": sorted(map(repr, inspector.get_check_constraints(name))),
        }
        for name in inspector.get_table_names()
        if name != "alembic_version"
    }
    if engine.dialect.name == "sqlite":
        others = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')"
        queries = [others]
    else:
        queries = [
            "SELECT event_object_table, trigger_name, event_manipulation, action_statement "
            "FROM information_schema.triggers",
            "SELECT routine_name, routine_definition FROM information_schema.routines "
            "WHERE routine_schema = 'public'",
            "SELECT sequence_name FROM information_schema.sequences",
            "SELECT typname FROM pg_type WHERE typtype = 'e'",
        ]
    with engine.connect() as connection:
        others = sorted(repr(tuple(row)) for q in queries for row in connection.execute(text(q)))
    return {"tables": tables, "other objects": others}


def test_upgrade_from_empty_matches_the_models(engine: Engine) -> None:
    assert differences_from_models(engine) == []


def test_downgrade_to_empty_and_up_again(fresh_engine: Engine) -> None:
    upgrade(fresh_engine)
    assert "statements" in inspect(fresh_engine).get_table_names()
    downgrade(fresh_engine, "base")
    assert set(inspect(fresh_engine).get_table_names()) <= {"alembic_version"}
    assert schema_of(fresh_engine)["other objects"] == []
    upgrade(fresh_engine)
    assert "statements" in inspect(fresh_engine).get_table_names()
    assert differences_from_models(fresh_engine) == []


def test_each_downgrade_gives_back_the_schema_before_its_upgrade(fresh_engine: Engine) -> None:
    revisions = revisions_oldest_first(fresh_engine)
    assert len(revisions) >= 7
    empty = schema_of(fresh_engine)
    schemas = {}
    for revision in revisions:
        upgrade(fresh_engine, revision)
        assert current_revision(fresh_engine) == revision
        schemas[revision] = schema_of(fresh_engine)
    assert differences_from_models(fresh_engine) == []

    for revision, before in reversed(list(zip(revisions, [None, *revisions[:-1]], strict=True))):
        downgrade(fresh_engine, before or "base")
        assert current_revision(fresh_engine) == before, f"downgrade of {revision}"
        expected = schemas[before] if before else empty
        assert schema_of(fresh_engine) == expected, f"downgrade of {revision}"

    upgrade(fresh_engine)
    assert schema_of(fresh_engine) == schemas[revisions[-1]]
    assert differences_from_models(fresh_engine) == []
