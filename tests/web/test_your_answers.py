"""A person's rights over their answers, by reference code: see them, download them in a form
anyone can read, and delete them, after which they are gone from the evidence too."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from coprod.db import app_session
from coprod.models import (
    AuditEvent,
    Draft,
    DraftAnswer,
    Response,
    SafeguardingAlert,
    Statement,
    StatementTag,
)
from tests.conftest import Respondent
from tests.staff import signed_in

WORRY = "Someone at home hurts me and I am scared to go back."
GOOD = "My teaching assistant really listens to me and helps with reading."


def send_young_peoples_survey(app: Flask, good: str = GOOD) -> str:
    """Answer the young people's survey with two free-text answers; return the reference."""
    person = Respondent(app.test_client())
    check = person.answer_all(
        "young-people",
        {"whats_good": {"answer": good}, "whats_hard": {"answer": WORRY}},
    )
    sent = person.send(check)
    reference = sent.soup.select_one("[data-reference]")
    assert reference is not None
    return reference.get_text(strip=True)


def counts(app: Flask) -> dict[str, int]:
    with app_session(app) as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Response, Statement, StatementTag, Draft, DraftAnswer, SafeguardingAlert)
        }


def open_answers(person: Respondent, reference: str) -> object:
    return person.submit(person.get("/your-answers/"), {"reference": reference.lower()})


def test_see_download_and_delete_with_the_reference_code(app: Flask) -> None:
    reference = send_young_peoples_survey(app)
    before = counts(app)
    assert before["Statement"] >= 2 and before["SafeguardingAlert"] == 1

    person = Respondent(app.test_client())
    shown = open_answers(person, reference)
    assert shown.h1 == "Your answers"
    answers = shown.soup.select_one("[data-your-answers]").get_text(" ", strip=True)
    assert GOOD in answers and WORRY in answers
    assert "What is good" in answers or "good" in answers.lower()

    download = person.client.get("/your-answers/answers.txt")
    assert download.status_code == 200
    assert download.mimetype == "text/plain"
    assert "attachment" in download.headers["Content-Disposition"]
    text = download.get_data(as_text=True)
    assert GOOD in text and WORRY in text and reference in text

    confirm = person.get("/your-answers/delete")
    assert confirm.h1 == "Are you sure you want to delete your answers?"
    done = person.submit(confirm)
    assert done.h1 == "Your answers have been deleted"

    after = counts(app)
    assert after["Response"] == before["Response"] - 1 == 0
    assert after["Statement"] == after["StatementTag"] == 0
    assert after["Draft"] == after["DraftAnswer"] == 0
    # The safeguarding lead keeps what the child said.
    assert after["SafeguardingAlert"] == 1
    with app_session(app) as session:
        alert = session.scalar(select(SafeguardingAlert))
        assert alert is not None and WORRY in alert.text
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "answers_deleted"))
        assert event is not None and event.detail["statements"] == before["Statement"]
        assert reference.replace("-", "") not in str(event.detail) + str(event.subject)

    # The code finds nothing now, and the browser no longer holds the answers open.
    assert person.client.get("/your-answers/answers").headers["Location"].endswith("/your-answers/")
    again = open_answers(person, reference)
    assert again.status == 400
    assert "could not find answers with that reference code" in again.errors[0]


def test_deleted_answers_leave_what_staff_see(app: Flask) -> None:
    send_young_peoples_survey(app, good="The after-school club is brilliant for me.")
    deleted = send_young_peoples_survey(app, good="Forest school on Fridays is my favourite.")
    analyst = signed_in(app, "analyst")
    queue = analyst.get("/staff/review/?per_page=100").text()
    assert "Forest school on Fridays" in queue and "after-school club" in queue
    person = Respondent(app.test_client())
    open_answers(person, deleted)
    person.submit(person.get("/your-answers/delete"))
    queue = analyst.get("/staff/review/?per_page=100").text()
    assert "Forest school on Fridays" not in queue
    assert "after-school club" in queue


def test_someone_elses_browser_cannot_see_them_without_the_code(app: Flask) -> None:
    send_young_peoples_survey(app)
    stranger = Respondent(app.test_client())
    for address in ("/your-answers/answers", "/your-answers/answers.txt", "/your-answers/delete"):
        response = stranger.client.get(address)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/your-answers/")
    assert stranger.client.post("/your-answers/delete").status_code in (302, 400)
    assert counts(app)["Response"] == 1


def test_a_wrong_or_empty_code_is_explained(app: Flask) -> None:
    person = Respondent(app.test_client())
    empty = person.submit(person.get("/your-answers/"), {"reference": "  "})
    assert empty.errors == ["Enter your reference code"]
    wrong = person.submit(person.get("/your-answers/"), {"reference": "ZZZZ-ZZZZ"})
    assert wrong.status == 400


def test_the_confirmation_page_offers_the_way_in(app: Flask) -> None:
    person = Respondent(app.test_client())
    check = person.answer_all("young-people", {"whats_good": {"answer": GOOD}})
    sent = person.send(check)
    link = sent.soup.find("a", string="See, download or delete your answers")
    assert link is not None and link["href"] == "/your-answers/"
