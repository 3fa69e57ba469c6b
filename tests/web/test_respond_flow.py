"""The whole no-JavaScript path of a family answering a survey, and coming back to it."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import func, select

from coprod.db import app_session
from coprod.models import Answer, Response, Statement, StatementTag
from tests.conftest import Respondent

FAMILY_ANSWERS = {
    "role": {"answer": "parent_carer"},
    "child_age": {"answer": "11-12"},
    "noticed_early": {"answer": "disagree"},
    "wait_for_assessment": {"answer": "over_2_years"},
    "services_missing": {"answer": ["speech_language", "short_breaks"]},
    "listened_to": {"answer": "sad"},
    "whats_hard": {"answer": "We waited two years for the assessment. Nobody told us anything!"},
}


def count(app: Flask, model: type) -> int:
    with app_session(app) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_home_lists_open_surveys_and_links_to_start_pages(respondent: Respondent) -> None:
    page = respondent.get("/")
    assert page.status == 200
    assert page.h1 == "Have your say"
    links = [a["href"] for a in page.soup.select("main a[href^='/surveys/']")]
    assert links == ["/surveys/family-experience", "/surveys/young-people"]


def test_start_page_says_who_it_is_for_how_long_and_that_it_is_anonymous(
    respondent: Respondent,
) -> None:
    page = respondent.get("/surveys/family-experience")
    assert page.h1 == "Your family's experience of SEND support"
    assert "about 10 minutes" in page.text()
    assert "You do not need to give your name" in page.text()
    assert (
        page.main_form().select_one("button.govuk-button--start").get_text(strip=True)
        == "Start now"
    )


def test_a_parent_answers_checks_and_sends_and_gets_a_reference(
    app: Flask, respondent: Respondent
) -> None:
    check = respondent.answer_all("family-experience", FAMILY_ANSWERS)
    assert check.h1 == "Check your answers"
    text = check.text()
    assert "More than 2 years" in text
    assert "Speech and language therapy" in text and "Short breaks or respite" in text
    assert "Nobody told us anything!" in text
    assert "Not answered" in text  # skipped questions are listed, not hidden

    sent = respondent.send(check)
    assert sent.h1 == "Your answers have been sent"
    reference = sent.soup.select_one("[data-reference]").get_text(strip=True)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", reference)

    with app_session(app) as session:
        response = session.scalar(select(Response))
        assert response.reference == reference.replace("-", "")
        assert response.role == "parent_carer" and response.age_band == "11-12"
        assert response.version.survey.slug == "family-experience"
        answers = {a.question_id: a.value for a in response.answers}
        assert answers["services_missing"] == ["speech_language", "short_breaks"]
        assert "plan_describes_child" not in answers  # skipped: no answer row
        sentences = session.scalars(
            select(Statement.text).where(Statement.kind == "free_text").order_by(Statement.id)
        ).all()
        assert sentences == [
            "We waited two years for the assessment.",
            "Nobody told us anything!",
        ]
        wait = session.scalar(
            select(Statement).where(Statement.question_id == "wait_for_assessment")
        )
        assert wait.sentiment_label == "negative"
        assert [(t.focus_area, t.origin) for t in wait.tags] == [("identification", "survey")]
        # "About you" answers describe the person; they are not statements.
        assert session.scalar(select(Statement).where(Statement.question_id == "role")) is None


def test_every_page_has_a_back_link_to_the_page_before(respondent: Respondent) -> None:
    first = respondent.start("young-people")
    assert first.soup.select_one(".govuk-back-link")["href"] == "/surveys/young-people"
    second = respondent.submit(first, {"answer": "13-15"})
    assert (
        second.soup.select_one(".govuk-back-link")["href"]
        == "/surveys/young-people/questions/age_band"
    )
    back = respondent.get("/surveys/young-people/questions/age_band")
    assert back.form_fields()["answer"] == ["13-15"]  # the answer given is still there


def test_change_link_returns_to_check_answers_with_the_new_answer(respondent: Respondent) -> None:
    check = respondent.answer_all("young-people", {"feel_at_school": {"answer": "happy"}})
    change = check.soup.select_one("a[href*='/questions/feel_at_school?change=1']")
    question = respondent.get(change["href"])
    assert question.form_fields()["answer"] == ["happy"]
    again = respondent.submit(question, {"answer": "very_sad"})
    assert again.h1 == "Check your answers"
    assert "Very sad" in again.text()


def test_sending_twice_makes_one_response(app: Flask, respondent: Respondent) -> None:
    check = respondent.answer_all("young-people", {})
    first = respondent.send(check)
    second = respondent.send(check)  # a double click, or back and send again
    refreshed = respondent.get("/surveys/young-people/sent")
    codes = {p.soup.select_one("[data-reference]").get_text() for p in (first, second, refreshed)}
    assert len(codes) == 1
    assert count(app, Response) == 1


def test_after_sending_the_question_pages_lead_to_the_confirmation(
    app: Flask, respondent: Respondent
) -> None:
    respondent.send(respondent.answer_all("young-people", {}))
    page = respondent.get("/surveys/young-people/questions/whats_good", follow_redirects=True)
    assert page.h1 == "Your answers have been sent"
    assert count(app, Response) == 1


def test_starting_again_after_sending_makes_a_new_draft(app: Flask, respondent: Respondent) -> None:
    respondent.send(respondent.answer_all("young-people", {}))
    respondent.send(respondent.answer_all("young-people", {"whats_good": {"answer": "Art club."}}))
    assert count(app, Response) == 2


def test_the_response_and_statements_are_stored_before_the_confirmation(
    app: Flask, respondent: Respondent
) -> None:
    check = respondent.answer_all(
        "young-people",
        {"people_listen": {"answer": "okay"}, "whats_hard": {"answer": "The dinner hall is loud."}},
    )
    posted = respondent.client.post(
        "/surveys/young-people/send", data={"csrf_token": check.form_fields()["csrf_token"]}
    )
    assert posted.status_code == 302 and posted.headers["Location"] == "/surveys/young-people/sent"
    assert count(app, Response) == 1
    assert count(app, Statement) >= 1
    assert count(app, StatementTag) >= 1
    assert count(app, Answer) >= 1
