"""The baseline for the submit benchmark: a bare Flask app that inserts one row per POST into
SQLite in WAL mode, on the same engine settings as coprod (served as `bench.baseline_app`)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, redirect, request
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, insert
from sqlalchemy.schema import CreateTable
from werkzeug.wrappers import Response

from coprod.config import instance_path
from coprod.db import make_engine

metadata = MetaData()
submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(20), unique=True, nullable=False),
    Column("body", Text, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
)


def create_app() -> Flask:
    """An app whose one job is to store each posted form as a row, then redirect."""
    app = Flask(__name__, instance_path=instance_path(None))
    engine = make_engine(f"sqlite:///{Path(app.instance_path) / 'baseline.sqlite'}")
    with engine.begin() as connection:
        # Every worker runs this at boot; IF NOT EXISTS makes the race harmless.
        connection.execute(CreateTable(submissions, if_not_exists=True))

    @app.post("/send")
    def send() -> Response:
        with engine.begin() as connection:
            connection.execute(
                insert(submissions).values(
                    reference=secrets.token_hex(4).upper(),
                    body=request.get_data(as_text=True),
                    submitted_at=datetime.now(UTC),
                )
            )
        return redirect("/sent")

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok"}

    return app
