"""Who may do what: every route of the app, asked for by someone signed out and by each role,
against a table of who may use it. A new route fails here until it is put in the table."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from coprod.db import Base, app_session
from coprod.models import (
    Action,
    AgreedAction,
    ApiToken,
    Contribution,
    Import,
    ReplyRequest,
    SafeguardingAlert,
    Statement,
    Tally,
    User,
)
from coprod.services import imports
from tests.conftest import Respondent
from tests.factories import board_pack_job
from tests.staff import add_contribution, record_attendance, signed_in, start_session
from tests.web.api_helpers import make_token

#: A file of answers from another tool, waiting for its columns to be chosen.
IMPORTED_FILE = b"Timestamp,What has been hard?\r\n2025/05/02 8:14:03,The wait for a plan.\r\n"

ROLES = ("signed out", "facilitator", "analyst", "admin")

#: Who may use each kind of route (the facilitator is the one who recorded the draft session).
KINDS = {
    "everyone": {"signed out", "facilitator", "analyst", "admin"},
    "staff": {"facilitator", "analyst", "admin"},
    "recorders": {"facilitator", "admin"},
    "analysts": {"analyst", "admin"},
    "admins": {"admin"},
    # The JSON API takes a token, never a cookie: signed in or not, a browser gets 401.
    "token holders": set(),
    # The world's job was started by the facilitator; to anyone but them and an admin it does
    # not exist.
    "its starter": {"facilitator", "admin"},
}

#: Every endpoint, with the kind of person who may use it.
MAY_USE = {
    "static": "everyone",
    "assets.brand_css": "everyone",
    "assets.symbol": "everyone",
    "health.healthz": "everyone",
    "pages.accessibility": "everyone",
    "pages.cookies": "everyone",
    "pages.privacy": "everyone",
    "pages.privacy_young_people": "everyone",
    "public.you_said_we_did": "everyone",
    "public.for_my_answers": "everyone",
    "respond.home": "everyone",
    "respond.start": "everyone",
    "respond.before_you_start": "everyone",
    "respond.grown_up": "everyone",
    "respond.begin": "everyone",
    "respond.question": "everyone",
    "respond.check_answers": "everyone",
    "respond.send": "everyone",
    "respond.sent": "everyone",
    "respond.saved": "everyone",
    "respond.next_person": "everyone",
    "respond.resume": "everyone",
    "respond.resume_link": "everyone",
    "auth.sign_in": "everyone",
    "rights.find": "everyone",
    "replies.ask": "everyone",
    "replies.waiting": "analysts",
    "replies.replied": "analysts",
    "rights.answers": "everyone",
    "rights.download": "everyone",
    "rights.delete": "everyone",
    "rights.deleted": "everyone",
    "auth.sign_out": "staff",
    "admin.home": "staff",
    "admin.xlsform_download": "analysts",
    "admin.xlsform_import": "admins",
    "admin.xlsform_files": "admins",
    "evidence.dashboard": "staff",
    "evidence.printable": "staff",
    "evidence.statements_export": "staff",
    "evidence.responses": "analysts",
    "evidence.responses_export": "analysts",
    "evidence.responses_dictionary": "analysts",
    "evidence.board_pack": "staff",
    "jobs.index": "staff",
    "jobs.job": "its starter",
    "jobs.download": "its starter",
    "evidence.chart": "staff",
    "evidence.position": "analysts",
    "review.queue": "analysts",
    "review.statement": "analysts",
    "review.accept": "analysts",
    "safeguarding.queue": "analysts",
    "safeguarding.alert": "analysts",
    "actions.index": "analysts",
    "actions.new": "analysts",
    "actions.edit": "analysts",
    "api_tokens.index": "analysts",
    "api_tokens.new": "analysts",
    "api_tokens.revoke": "analysts",
    "api.openapi": "everyone",
    "api.focus_areas": "token holders",
    "api.periods": "token holders",
    "api.statements": "token holders",
    "api.aggregates": "token holders",
    "imports.index": "analysts",
    "imports.new": "analysts",
    "imports.columns": "analysts",
    "imports.check": "analysts",
    "imports.show": "analysts",
    "people.index": "admins",
    "people.new": "admins",
    "people.person": "admins",
    "people.activity": "admins",
    "sessions.index": "staff",
    "sessions.record_sheet": "staff",
    "sessions.spreadsheet_template": "staff",
    "sessions.new": "recorders",
    # A draft session is its facilitator's and the admins'; to anyone else it does not exist.
    "sessions.overview": "recorders",
    "sessions.details": "recorders",
    "sessions.attendance": "recorders",
    "sessions.contributions": "recorders",
    "sessions.contribution": "recorders",
    "sessions.remove_contribution": "recorders",
    "sessions.new_tally": "recorders",
    "sessions.remove_tally": "recorders",
    "sessions.card_sort": "recorders",
    "sessions.actions": "recorders",
    "sessions.remove_action": "recorders",
    "sessions.import_contributions": "recorders",
    "sessions.confirm_import": "recorders",
    "sessions.finalise": "recorders",
    "sessions.start_shared_device": "recorders",
}

#: Routes that change or end what later requests see: each is tried in a world of its own.
ONE_WORLD_EACH = {
    "auth.sign_out",
    "sessions.remove_contribution",
    "sessions.remove_tally",
    "sessions.remove_action",
    "sessions.finalise",
    "sessions.start_shared_device",
}


@dataclass
class World:
    """A person of each role, signed in, and one of everything a route can be about."""

    people: dict[str, Respondent]
    values: dict[str, str]


def build_world(app: Flask, full: bool = True) -> World:
    """Everyone and everything; without ``full``, only the people and their session."""
    people = {role: signed_in(app, role) for role in ROLES[1:]}
    people["signed out"] = Respondent(app.test_client())
    session_id, _page = start_session(people["facilitator"])
    record_attendance(people["facilitator"], session_id, young_person_13_15=12)
    add_contribution(people["facilitator"], session_id, "Nobody asked me about my plan.")
    facilitator = people["facilitator"]
    tally = facilitator.get(f"/staff/sessions/{session_id}/tallies/new?options=faces&suggestion=0")
    saved = facilitator.submit(
        tally, {"options-0-count": "7", "options-1-count": "3", "options-2-count": "2"}
    )
    assert saved.status == 200, saved.errors
    actions = facilitator.get(f"/staff/sessions/{session_id}/actions")
    facilitator.submit(actions, {"text": "Ask the group again", "owner": "SEND team"})
    values = {"session_id": str(session_id)}
    if full:
        values.update(everything_else(app, people))
    with app_session(app) as session:
        values["contribution_id"] = str(session.scalar(select(Contribution.id)))
        values["tally_id"] = str(session.scalar(select(Tally.id)))
        values["session_action_id"] = str(session.scalar(select(AgreedAction.id)))
    return World(people, values)


def everything_else(app: Flask, people: dict[str, Respondent]) -> dict[str, str]:
    """A sent survey with a safeguarding alert, a saved draft, an action, and every address part
    that is not an object."""
    sender = Respondent(app.test_client())
    check = sender.answer_all(
        "young-people", {"whats_hard": {"answer": "Someone hurts me at home and I feel unsafe."}}
    )
    sender.send(check)
    asked = sender.submit(
        sender.get("/surveys/young-people/reply"),
        {"contact": "01234 567890", "about": "When will the new plan be ready?"},
    )
    assert asked.status == 200, asked.errors
    saver = Respondent(app.test_client())
    first_page = saver.start("family-experience")
    saved = saver.submit(first_page, {"answer": "parent_carer"}, button="save_and_exit")
    link = saved.soup.select_one(".coprod-link a")
    assert link is not None
    analyst = people["analyst"]
    written = analyst.submit(
        analyst.get("/staff/actions/new"),
        {
            "focus_area": "ehc_plans",
            "you_said": "Plans were late",
            "we_did": "Hired staff",
            "status": "planned",
            "owner": "SEND team",
        },
    )
    assert written.status == 200, written.errors
    make_token(app)  # the analyst's: an admin may revoke it too
    with app_session(app) as session:
        waiting = imports.receive(session, "answers.csv", IMPORTED_FILE, None)
        assert not isinstance(waiting, imports.ImportProblem)
        waiting.mapping = {"framework": "default", "columns": []}
        waiting.new_survey_title = "Answers from last year"
        session.commit()

        def first(model: type) -> str:
            found = session.scalar(select(model.id).order_by(model.id))  # type: ignore[attr-defined]
            assert found is not None, f"the world has no {model.__name__}"
            return str(found)

        values = {
            "action_id": first(Action),
            "statement_id": first(Statement),
            "alert_id": first(SafeguardingAlert),
            "user_id": first(User),
            "request_id": first(ReplyRequest),
            "token_id": first(ApiToken),
            "import_id": first(Import),
            "job_id": finished_job(session, "facilitator@example.org"),
        }
    values.update(
        slug="young-people",
        question_id="age_band",
        secret=str(link["href"]).rsplit("/", 1)[1],
        code="1F600",
        area="ehc_plans",
        kind="feeling",
        extension="csv",
        filename="app.js",
    )
    return values


def finished_job(session: Session, email: str) -> str:
    """A board pack the person started, written and waiting to be downloaded."""
    job = board_pack_job(
        created_by=session.scalar(select(User.id).where(User.email == email)),
        result={"data": {}, "link": None, "audit": None},
        result_file=b"a board pack",
        result_filename="board-pack.docx",
        result_mimetype="application/octet-stream",
    )
    session.add(job)
    session.commit()
    return str(job.id)


def address(rule: Rule, values: dict[str, str]) -> str:
    """The rule's address with the world's object in each part."""

    def fill(found: re.Match[str]) -> str:
        name = found.group(1)
        if rule.endpoint == "sessions.remove_action" and name == "action_id":
            return values["session_action_id"]
        return values[name]

    return re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", fill, rule.rule)


def outcome(app: Flask, person: Respondent, method: str, url: str) -> str:
    """What the person met: "used", "refused" (403), "not found" (404) or "sent to sign in"."""
    response = person.client.get(url) if method == "GET" else person.client.post(url, data={})
    status = response.status_code
    assert status < 500, f"{method} {url} failed with {status}"
    location = response.headers.get("Location", "")
    if status in (302, 303) and location.startswith("/sign-in?") and "next=" in location:
        return "sent to sign in"  # signing out also leads to /sign-in, but with no way back
    return {401: "sent to sign in", 403: "refused", 404: "not found"}.get(status, "used")


def expected(endpoint: str, role: str) -> set[str]:
    """What each role should meet at the endpoint."""
    if role in KINDS[MAY_USE[endpoint]]:
        return {"used"}
    if role == "signed out" or MAY_USE[endpoint] == "token holders":
        return {"sent to sign in"}
    if MAY_USE[endpoint] == "its starter":
        return {"not found"}
    if endpoint.startswith("sessions.") and MAY_USE[endpoint] == "recorders":
        # Someone else's draft session is hidden, or refused where recording is the point.
        return {"not found", "refused"}
    return {"refused"}


def routes(app: Flask) -> list[tuple[str, str, Rule]]:
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, rule))
    return sorted(found, key=lambda item: (item[0], item[1]))


@pytest.fixture
def matrix_app(make_app) -> Flask:  # type: ignore[no-untyped-def]
    """The app with CSRF off, so an empty POST tests who may use it rather than its token."""
    app: Flask = make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    return app


def test_every_endpoint_is_in_the_table(matrix_app: Flask) -> None:
    assert {endpoint for endpoint, _method, _rule in routes(matrix_app)} == set(MAY_USE)


def test_every_route_with_every_role(matrix_app: Flask) -> None:
    world = build_world(matrix_app)
    met = {}
    for endpoint, method, rule in routes(matrix_app):
        if endpoint in ONE_WORLD_EACH:
            continue
        for role in ROLES:
            url = address(rule, world.values)
            met[(endpoint, method, role)] = outcome(matrix_app, world.people[role], method, url)
    wrong = {key: found for key, found in met.items() if found not in expected(key[0], key[2])}
    assert wrong == {}


def empty(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.mark.parametrize("endpoint", sorted(ONE_WORLD_EACH))
def test_routes_that_change_the_world_with_every_role(
    matrix_app: Flask, engine: Engine, endpoint: str
) -> None:
    """Each person meets the route in a world nobody before them has changed."""
    rule = next(rule for rule in matrix_app.url_map.iter_rules() if rule.endpoint == endpoint)
    world = build_world(matrix_app, full=False)
    for role in ROLES:
        found = outcome(matrix_app, world.people[role], "POST", address(rule, world.values))
        assert found in expected(endpoint, role), (endpoint, role, found)
        if found == "used":
            empty(engine)
            world = build_world(matrix_app, full=False)
