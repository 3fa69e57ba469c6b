"""coprod: hear SEND families and young people, and show the board what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from coprod.config import PROJECT_ROOT, instance_path, load_config
from coprod.db import init_db
from coprod.surveys import load_catalogue


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, database, surveys, templates, extensions, blueprints."""
    app = Flask(
        __name__,
        instance_path=instance_path(test_config),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    load_config(app, test_config)
    init_db(app)
    load_surveys(app)
    from coprod.cli import register_commands
    from coprod.web import setup

    setup.init_jinja(app)
    setup.init_extensions(app)
    setup.register_blueprints(app)
    setup.register_error_handlers(app)
    register_commands(app)
    return app


def load_surveys(app: Flask) -> None:
    """Load and check every survey file; an invalid one stops the app from starting."""
    app.extensions["coprod.catalogue"] = load_catalogue(Path(app.config["SURVEYS_DIR"]))
