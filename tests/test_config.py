"""Configuration comes from defaults, instance/config.py and COPROD_* variables; the secret key is
made on first run and kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod import create_app


def test_a_secret_key_is_generated_into_the_instance_folder_and_kept(tmp_path: Path) -> None:
    first = create_app({"INSTANCE_PATH": str(tmp_path)})
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    second = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert first.secret_key == second.secret_key
    assert len(str(first.secret_key)) == 64


def test_sqlite_in_the_instance_folder_is_the_default_database(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'coprod.sqlite'}"


def test_instance_config_then_environment_override_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.py").write_text(
        'PARTNERSHIP_NAME = "Northshire SEND Partnership"\nBRAND_COLOUR = "#005a30"\n'
    )
    monkeypatch.setenv("COPROD_BRAND_COLOUR", "#4c2c92")
    monkeypatch.setenv("COPROD_DRAFT_DAYS", "30")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["PARTNERSHIP_NAME"] == "Northshire SEND Partnership"
    assert app.config["BRAND_COLOUR"] == "#4c2c92"
    assert app.config["DRAFT_DAYS"] == 30
    page = app.test_client().get("/brand.css").get_data(as_text=True)
    assert "--coprod-brand: #4c2c92" in page


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    with app.extensions["coprod.engine"].connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 15000


def test_a_deployment_hashes_staff_passwords_with_scrypt(tmp_path: Path) -> None:
    """The tests sign in with a quicker hash; a real deployment never does."""
    from coprod.db import app_session, make_engine
    from coprod.migrate import upgrade
    from coprod.models import User
    from tests.factories import make_user

    url = f"sqlite:///{tmp_path / 'coprod.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": url})
    make_user(app)
    with app_session(app) as session:
        stored = session.query(User.password_hash).scalar()
    assert stored.startswith("scrypt:")
