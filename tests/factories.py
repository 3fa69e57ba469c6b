"""Factories with keyword defaults for the data tests need."""

from __future__ import annotations

from flask import Flask

from coprod.db import app_session
from coprod.models import User
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
