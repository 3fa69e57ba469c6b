"""A tablet handed round a group: each person answers in turn, nothing of the one before is left
on it, and every response is linked to the session."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Response
from tests.conftest import Respondent
from tests.staff import signed_in, start_session


def shared_tablet(app: Flask) -> tuple[Respondent, int]:
    """A facilitator's browser turned into a shared device for the young people's survey."""
    staff = signed_in(app)
    session_id, _ = start_session(staff)
    page = staff.get(f"/staff/sessions/{session_id}/shared-device")
    start = staff.submit(page, {"survey": "young-people"})
    assert start.response.request.path == "/surveys/young-people"
    return staff, session_id


def test_each_persons_answers_are_linked_to_the_session(app: Flask) -> None:
    tablet, session_id = shared_tablet(app)
    for words in ("Lunch is too loud for me.", "I want more clubs after school."):
        check = tablet.answer_all("young-people", {"whats_hard": {"answer": words}})
        sent = tablet.send(check)
        assert sent.h1 == "Your answers have been sent"
        after = tablet.submit(sent)  # Next person
        assert after.response.request.path == "/surveys/young-people"
        assert words not in after.text()
    with app_session(app) as session:
        linked = session.scalars(select(Response.session_id)).all()
    assert linked == [session_id, session_id]


def test_nothing_of_the_last_person_is_left_in_the_back_history(app: Flask) -> None:
    tablet, _ = shared_tablet(app)
    check = tablet.answer_all("young-people", {"whats_hard": {"answer": "My teacher shouts."}})
    tablet.send(check)
    tablet.submit(tablet.get("/surveys/young-people/sent"))  # Next person
    # Going back re-asks the server (pages are never cached), which shows a clean start.
    for visited in (
        "/surveys/young-people/questions/whats_hard",
        "/surveys/young-people/check-answers",
        "/surveys/young-people/sent",
    ):
        page = tablet.get(visited, follow_redirects=True)
        assert page.response.request.path == "/surveys/young-people", visited
        assert "My teacher shouts." not in page.response.get_data(as_text=True)
        assert "no-store" in tablet.client.get(visited).headers["Cache-Control"]
    fresh = tablet.start("young-people")
    assert fresh.form_fields().get("answer") in (None, "", [])


def test_a_shared_device_is_signed_out_of_staff_pages_and_offers_no_save_link(
    app: Flask,
) -> None:
    tablet, _ = shared_tablet(app)
    staff_page = tablet.client.get("/staff/sessions/")
    assert staff_page.status_code == 302 and "/sign-in" in staff_page.headers["Location"]
    question = tablet.start("young-people")
    assert "Save and come back later" not in question.text()
    assert question.main_form().get("autocomplete") == "off"
    assert tablet.client.get("/surveys/young-people/saved").status_code == 302
    assert "This device is shared at a group session" in question.text()


def test_answers_sent_without_a_shared_device_belong_to_no_session(
    app: Flask, respondent: Respondent
) -> None:
    respondent.send(respondent.answer_all("young-people", {}))
    with app_session(app) as session:
        assert session.scalars(select(Response.session_id)).all() == [None]
