"""The `coprod` command: stats, demo, create-user, and plain messages on failure."""

from __future__ import annotations

import json

from flask import Flask

from coprod.db import app_session
from coprod.services.stats import counts


def test_stats_prints_counts_as_json(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["stats"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "responses": 0,
        "statements": 0,
        "surveys": 0,
        "sessions": 0,
        "session_statements": 0,
    }


def test_demo_fills_an_empty_database_with_hundreds_of_responses(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "--responses", "300"])
    assert result.exit_code == 0, result.output
    assert "Added 300 demo responses" in result.output
    stats = json.loads(runner.invoke(args=["stats"]).output)
    assert stats["responses"] == 300 and stats["surveys"] == 2
    assert stats["statements"] > 300 * 5
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 1 and "already has responses" in again.output
    quietly = runner.invoke(args=["demo", "--if-empty"])
    assert quietly.exit_code == 0 and "no demo data added" in quietly.output


def test_demo_spreads_answers_over_eighteen_months_and_every_role_and_age(app: Flask) -> None:
    from sqlalchemy import func, select

    from coprod.models import Response, Statement

    app.test_cli_runner().invoke(args=["demo", "--responses", "400"])
    with app_session(app) as session:
        first, last = session.execute(
            select(func.min(Response.submitted_at), func.max(Response.submitted_at))
        ).one()
        roles = set(session.scalars(select(Response.role).distinct()))
        ages = set(session.scalars(select(Response.age_band).distinct()))
        free_text = session.scalar(
            select(func.count(Statement.id)).where(Statement.kind == "free_text")
        )
        distinct_text = session.scalar(
            select(func.count(func.distinct(Statement.text))).where(Statement.kind == "free_text")
        )
    assert (last - first).days > 500
    assert {"parent_carer", "young_person", "professional"} <= roles
    assert {"0-4", "5-10", "11-12", "13-15", "16-17", "18-25"} <= ages
    assert free_text > 300 and distinct_text > 150


def test_demo_records_sessions_of_both_templates_across_the_months(app: Flask) -> None:
    from datetime import date

    from sqlalchemy import select

    from coprod.models import GroupSession, Statement
    from coprod.services.session_checks import finalise_problems
    from coprod.services.sessions import session_by_id

    result = app.test_cli_runner().invoke(args=["demo", "--responses", "50"])
    assert "demo group sessions" in result.output
    with app_session(app) as session:
        records = [
            session_by_id(session, i) for i in session.scalars(select(GroupSession.id)).all()
        ]
        weights = session.scalars(
            select(Statement.weight).where(Statement.session_id.is_not(None))
        ).all()
        assert {r.template for r in records if r} == {"youth-forum", "parent-carer-forum"}
        held = sorted(r.held_on for r in records if r)
        assert (held[-1] - held[0]).days > 450
        assert sum(r.status == "final" for r in records if r) == len(records) - 2
        # Demo sessions are ones a facilitator could have recorded: no impossible counts.
        assert all(finalise_problems(r, date.today()) == [] for r in records if r)
    assert max(weights) > 1  # votes count every hand


def test_create_user_makes_an_account_and_refuses_a_short_password(app: Flask) -> None:
    runner = app.test_cli_runner()
    ok = runner.invoke(
        args=[
            "create-user",
            "--email",
            "f@example.org",
            "--role",
            "facilitator",
            "--password",
            "long enough secret",
        ]
    )
    assert ok.exit_code == 0, ok.output
    short = runner.invoke(
        args=["create-user", "--email", "g@example.org", "--role", "admin", "--password", "short"]
    )
    assert short.exit_code == 1
    assert "at least 12 characters" in short.output
    twice = runner.invoke(
        args=[
            "create-user",
            "--email",
            "F@example.org",
            "--role",
            "admin",
            "--password",
            "long enough secret",
        ]
    )
    assert "There is already an account for f@example.org" in twice.output
    with app_session(app) as session:
        assert counts(session)["responses"] == 0
