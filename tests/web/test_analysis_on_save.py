"""Free text is analysed as it is saved: redacted, scored, tagged and safeguarded, and a child's
disclosure reaches the safeguarding queue before the respondent is told their answers arrived."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.analysis import Analyser
from coprod.db import app_session
from coprod.models import Response, SafeguardingAlert, Statement
from tests.conftest import Respondent
from tests.pages import Page


def send_young_persons_answer(respondent: Respondent, words: str) -> Page:
    check = respondent.answer_all(
        "young-people",
        {"people_listen": {"answer": "okay"}, "whats_hard": {"answer": words}},
    )
    return respondent.send(check)


def free_text(app: Flask) -> Statement:
    with app_session(app) as session:
        statement = session.scalars(select(Statement).where(Statement.kind == "free_text")).one()
        session.expunge_all()
        return statement


def test_free_text_is_redacted_scored_and_tagged_when_saved(
    app: Flask, respondent: Respondent
) -> None:
    send_young_persons_answer(respondent, "Mrs Okafor never listens to me in my reviews")
    with app_session(app) as session:
        statement = session.scalars(select(Statement).where(Statement.kind == "free_text")).one()
        assert statement.text == "Mrs Okafor never listens to me in my reviews"
        assert statement.redacted_text == "[name] never listens to me in my reviews"
        assert statement.sentiment_label == "negative"
        assert statement.analysed_at is not None
        auto = {t.focus_area: t for t in statement.tags if t.origin == "auto"}
        assert "coproduction" in auto
        assert auto["coproduction"].confidence > 0
        assert auto["coproduction"].terms


def test_a_disclosure_raises_an_alert_and_the_confirmation_shows_where_to_get_help(
    app: Flask, respondent: Respondent
) -> None:
    sent = send_young_persons_answer(respondent, "I dont feel safe at home because of dad")
    help_box = sent.soup.select_one("[data-help-now]")
    assert help_box is not None
    words = help_box.get_text(" ", strip=True)
    assert "999" in words and "0800 1111" in words
    assert app.config["SAFEGUARDING_HELP"][0]["phone"] in words
    with app_session(app) as session:
        alert = session.scalars(select(SafeguardingAlert)).one()
        response = session.scalars(select(Response)).one()
        assert alert.response_id == response.id
        assert alert.text == "I dont feel safe at home because of dad"
        assert alert.role == "young_person"
        assert [r["reason"] for r in alert.reasons] == ["unsafe"]
        assert alert.acknowledged_at is None
    assert free_text(app).safeguarding


def test_an_ordinary_answer_shows_no_help_box_and_raises_no_alert(
    app: Flask, respondent: Respondent
) -> None:
    sent = send_young_persons_answer(respondent, "The dinner hall is too loud")
    assert sent.soup.select_one("[data-help-now]") is None
    with app_session(app) as session:
        assert session.scalars(select(SafeguardingAlert)).all() == []


def test_a_statement_whose_analysis_fails_is_saved_and_waits_for_review(
    app: Flask, respondent: Respondent, monkeypatch: pytest.MonkeyPatch
) -> None:
    def breaks(_self: Analyser, _text: str) -> None:
        raise RuntimeError("the tagger fell over")

    monkeypatch.setattr(Analyser, "analyse", breaks)
    sent = send_young_persons_answer(respondent, "The dinner hall is too loud")
    assert sent.h1 == "Your answers have been sent"
    statement = free_text(app)
    assert statement.text == "The dinner hall is too loud"
    assert statement.analysed_at is None
    assert statement.analysis_problem == "the tagger fell over"
    assert statement.redacted_text is None  # never quoted until it has been redacted
