"""Staff in the tests: sign in with a role, and record a session through its pages."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.conftest import Respondent
from tests.factories import PASSWORD, make_user
from tests.pages import Page, parse


def signed_in(app: Flask, role: str = "facilitator", email: str | None = None) -> Respondent:
    """A member of staff with their own browser, signed in."""
    email = email or f"{role}@example.org"
    make_user(app, email=email, role=role, name=f"{role.title()} Person")
    person = Respondent(app.test_client())
    page = person.get("/sign-in")
    home = person.submit(page, {"email": email, "password": PASSWORD})
    assert home.status == 200, home.errors
    return person


DETAILS = {
    "template": "youth-forum",
    "group_name": "Youth voice group",
    "group_type": "youth_forum",
    "held_on": ["12", "3", "2026"],
    "mode": "in_person",
    "consent_recorded": "y",
    "parental_consent_recorded": "y",
    "adjustments": ["symbols", "quiet_space"],
    "languages": ["en"],
}


def start_session(staff: Respondent, **changes: Any) -> tuple[int, Page]:
    """Fill in a new session's details; return its id and the page that follows (who came)."""
    page = staff.get("/staff/sessions/new?template=youth-forum")
    after = staff.submit(page, {**DETAILS, **changes})
    assert after.status == 200, after.errors
    session_id = int(after.response.request.path.split("/")[3])
    return session_id, after


def record_attendance(staff: Respondent, session_id: int, **counts: int) -> Page:
    """Fill in who came, e.g. ``young_person_11_12=4``."""
    page = staff.get(f"/staff/sessions/{session_id}/attendance")
    return staff.submit(page, {name: str(count) for name, count in counts.items()})


def add_contribution(staff: Respondent, session_id: int, text: str, **fields: Any) -> Page:
    """Type one contribution and press Save and add another."""
    page = staff.get(f"/staff/sessions/{session_id}/contributions")
    return staff.submit(page, {"text": text, **fields})


def press(staff: Respondent, page: Page, action_ends: str) -> Page:
    """Press the button of the form on ``page`` whose action ends with ``action_ends``."""
    form = page.soup.select_one(f"main form[action$='{action_ends}']")
    assert form is not None, f"no form posting to …{action_ends}"
    response = staff.client.post(str(form["action"]), data=page.form_fields(form))
    if response.status_code in (301, 302, 303):
        return staff.get(response.headers["Location"])
    return parse(response)


def finalise(staff: Respondent, session_id: int) -> Page:
    """Press Make the session final on its overview."""
    return press(staff, staff.get(f"/staff/sessions/{session_id}"), "/finalise")


def csrf_token(staff: Respondent) -> str:
    """A valid form token for this person's browser, as any staff page carries."""
    token = staff.get("/staff/sessions/").soup.select_one("input[name='csrf_token']")
    assert token is not None
    return str(token["value"])
