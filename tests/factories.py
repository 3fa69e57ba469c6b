"""Factories with keyword defaults for the data tests need."""

from __future__ import annotations

from typing import Any

from flask import Flask

from coprod.db import app_session
from coprod.models import Job, User
from coprod.services.users import create_user

PASSWORD = "a long enough password"


def make_user(
    app: Flask,
    *,
    email: str = "lead@example.org",
    role: str = "analyst",
    name: str = "Sam Lead",
    password: str = PASSWORD,
) -> User:
    """A staff account, committed."""
    with app_session(app) as session:
        return create_user(session, email, name, role, password)


def board_pack_job(**fields: Any) -> Job:
    """A board pack's job, not yet added to a session: finished unless ``fields`` say otherwise."""
    defaults: dict[str, Any] = {
        "kind": "board_pack",
        "params": {"framework": "default", "period": "2026-07"},
        "status": "done",
        "done": 1,
        "total": 1,
        "language": "en",
    }
    return Job(**(defaults | fields))
