"""`coprod reanalyse` applies a changed framework to statements already stored, keeping people's
and surveys' tags and every alert."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import SafeguardingAlert, Statement
from coprod.services.submissions import store_response
from coprod.services.survey_versions import current_version

REPO_SURVEYS = Path(__file__).parents[2] / "surveys"


def send_answer(app: Flask, words: str) -> None:
    """A young person's answer to "what is hard", stored and analysed."""
    with app_session(app) as session:
        survey = app.extensions["coprod.catalogue"].surveys["young-people"]
        version = current_version(session, survey)
        store_response(session, version, {"whats_hard": words}, language="en", format_="standard")
        session.commit()


def auto_tags(app: Flask) -> set[str]:
    with app_session(app) as session:
        statement = session.scalars(select(Statement).where(Statement.kind == "free_text")).one()
        return {t.focus_area for t in statement.tags if t.origin == "auto"}


def test_a_new_term_in_the_framework_retags_stored_statements(
    make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    surveys = tmp_path / "surveys"
    shutil.copytree(REPO_SURVEYS, surveys)
    app = make_app(SURVEYS_DIR=str(surveys))
    send_answer(app, "The Thursday homework club at the library closed")
    assert "local_offer" not in auto_tags(app)

    framework_file = surveys / "frameworks" / "default.yaml"
    framework = yaml.safe_load(framework_file.read_text(encoding="utf-8"))
    area = next(a for a in framework["focus_areas"] if a["slug"] == "local_offer")
    area["terms"].append({"term": "homework club", "weight": 5})
    framework_file.write_text(yaml.safe_dump(framework), encoding="utf-8")

    result = app.test_cli_runner().invoke(args=["reanalyse"])
    assert result.exit_code == 0, result.output
    assert "Reanalysed 1 statement(s)" in result.output
    assert "local_offer" in auto_tags(app)


def test_reanalysing_never_withdraws_an_alert_and_never_raises_one_twice(app: Flask) -> None:
    send_answer(app, "I dont feel safe at home")
    for _run in range(2):
        result = app.test_cli_runner().invoke(args=["reanalyse"])
        assert result.exit_code == 0, result.output
    with app_session(app) as session:
        assert len(session.scalars(select(SafeguardingAlert)).all()) == 1
        assert session.scalars(select(Statement.safeguarding)).all() == [True]


def test_an_unknown_framework_is_named(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["reanalyse", "--framework", "nowhere"])
    assert result.exit_code != 0
    assert "there is no framework file" in result.output
