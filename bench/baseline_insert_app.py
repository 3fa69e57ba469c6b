"""The load test's baseline: bench/baseline_app.py's bare insert endpoint, on SQLite or on the
database COPROD_DATABASE_URL names, telling each poster the reference it stored (served as
`bench.baseline_insert_app`). The table is created before the server starts (create_table)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, redirect, request
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from werkzeug.wrappers import Response

from bench.baseline_app import metadata, submissions
from coprod.config import instance_path
from coprod.db import make_engine


def database_url(instance: Path, configured: str = "") -> str:
    """The configured database, or baseline.sqlite in the instance folder."""
    return configured or f"sqlite:///{instance / 'baseline.sqlite'}"


def create_table(engine: Engine) -> None:
    """Create the one table; done once, before the workers start, since concurrent CREATE TABLEs
    collide on PostgreSQL even with IF NOT EXISTS."""
    metadata.create_all(engine)


def create_app() -> Flask:
    """An app that stores each posted form as a row and redirects to the row's reference."""
    app = Flask(__name__, instance_path=instance_path(None))
    app.config["DATABASE_URL"] = ""
    app.config.from_prefixed_env(prefix="COPROD")
    engine = make_engine(database_url(Path(app.instance_path), app.config["DATABASE_URL"]))

    @app.post("/send")
    def send() -> Response:
        # 16 hex digits: at tens of thousands of rows, 8 would collide now and then.
        reference = secrets.token_hex(8).upper()
        with engine.begin() as connection:
            connection.execute(
                insert(submissions).values(
                    reference=reference,
                    body=request.get_data(as_text=True),
                    submitted_at=datetime.now(UTC),
                )
            )
        return redirect(f"/sent/{reference}")

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok"}

    return app
