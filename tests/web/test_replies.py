"""Anonymous by default: contact details only when a person asks for a reply, kept apart from
their answers, and deleted once the reply is made (or after DRAFT_DAYS unanswered)."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import inspect, select, update

from coprod.db import app_session
from coprod.models import AuditEvent, ReplyRequest, utcnow
from tests.conftest import Respondent
from tests.staff import signed_in

PHONE = "07700 900456"


def send_and_ask(app: Flask, contact: str = PHONE) -> Respondent:
    person = Respondent(app.test_client())
    sent = person.send(person.answer_all("young-people", {"age_band": {"answer": "16-17"}}))
    link = sent.soup.find("a", string="Would you like someone to contact you? Ask for a reply")
    assert link is not None
    form = person.get(str(link["href"]))
    asked = person.submit(form, {"contact": contact, "about": "Who do I talk to about the panel?"})
    assert asked.h1 == "We will reply to you", asked.errors
    return person


def test_a_request_is_kept_apart_from_the_answers_and_deleted_once_replied(app: Flask) -> None:
    send_and_ask(app)
    columns = {
        column["name"]
        for column in inspect(app.extensions["coprod.engine"]).get_columns("reply_requests")
    }
    assert not any("response" in name or "draft" in name for name in columns)
    analyst = signed_in(app, "analyst")
    waiting = analyst.get("/staff/replies/")
    listed = waiting.soup.select_one("[data-reply-requests]")
    assert listed is not None and PHONE in listed.get_text()
    form = waiting.soup.select_one("[data-reply-request] form")
    assert form is not None
    done = analyst.client.post(
        str(form["action"]), data=waiting.form_fields(form), follow_redirects=True
    )
    assert "Their contact details have been deleted." in done.get_data(as_text=True)
    with app_session(app) as session:
        assert session.scalar(select(ReplyRequest)) is None
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "reply_made"))
        assert event is not None and PHONE not in str(event.detail) + str(event.subject)


def test_nothing_that_is_not_a_way_to_reach_someone_is_kept(app: Flask) -> None:
    person = Respondent(app.test_client())
    person.send(person.answer_all("young-people", {"age_band": {"answer": "16-17"}}))
    form = person.get("/surveys/young-people/reply")
    for contact, error in (
        ("", "Enter an email address or phone number"),
        ("call me", "Enter an email address like name@example.org, or a phone number"),
        ("x" * 201, "Enter 200 characters or fewer"),
    ):
        page = person.submit(form, {"contact": contact, "about": "A question"})
        assert page.status == 400 and error in page.errors
    with app_session(app) as session:
        assert session.scalar(select(ReplyRequest)) is None


def test_unanswered_requests_go_with_the_purge(app: Flask) -> None:
    send_and_ask(app, "parent@example.org")
    with app_session(app) as session:
        session.execute(update(ReplyRequest).values(created_at=utcnow() - timedelta(days=91)))
        session.commit()
    result = app.test_cli_runner().invoke(args=["purge"])
    assert "Requests for a reply left unanswered, deleted: 1" in result.output
    with app_session(app) as session:
        assert session.scalar(select(ReplyRequest)) is None


def test_only_analysts_see_the_requests(app: Flask) -> None:
    send_and_ask(app)
    facilitator = signed_in(app, "facilitator")
    assert facilitator.get("/staff/replies/").status == 403
