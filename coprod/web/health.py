"""The health check load balancers and monitors call."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app
from sqlalchemy import text

from coprod.db import db_session

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> tuple[dict[str, Any], int]:
    """200 with JSON when the app and its database answer, 503 when the database does not."""
    try:
        db_session().execute(text("SELECT 1"))
    except Exception:  # the database is down: report it, never raise
        current_app.logger.exception("health check failed")
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}, 200
