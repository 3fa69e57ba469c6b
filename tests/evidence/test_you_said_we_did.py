"""You said, we did: analysts write actions linked to what people said; the public page lists
the published ones in each language and in easy read; a respondent's reference code finds those
about what they spoke of; sentiment before and after is shown only where enough people spoke."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import select, update

from coprod.db import app_session
from coprod.models import (
    Action,
    ActionStatement,
    AuditEvent,
    Response,
    Statement,
    StatementTag,
)
from tests.conftest import Respondent
from tests.evidence.dataset import Said, store
from tests.staff import signed_in

BEFORE = datetime(2026, 1, 20, 12, tzinfo=UTC)
AFTER = datetime(2026, 6, 10, 12, tzinfo=UTC)

ACTION = {
    "focus_area": "ehc_plans",
    "you_said": "Plans arrive late and nobody tells you why.",
    "we_did": "We now send a letter every week while a plan is being written.",
    "easy_you_said": "Plans are late.",
    "easy_we_did": "We write to you every week.",
    "you_said_ur": "منصوبے دیر سے آتے ہیں۔",
    "we_did_ur": "اب ہم ہر ہفتے خط بھیجتے ہیں۔",
    "status": "done",
    "owner": "SEND casework team",
    "started_on": ["1", "3", "2026"],
    "done_on": ["1", "5", "2026"],
    "published": "y",
}


@pytest.fixture
def lead(app: Flask) -> Respondent:
    return signed_in(app, "analyst")


def write_action(lead: Respondent, **changes: object) -> int:
    form = lead.get("/staff/actions/new?area=ehc_plans")
    assert form.status == 200
    saved = lead.submit(form, {**ACTION, **changes})
    assert saved.status == 200, saved.errors
    return int(saved.response.request.path.rsplit("/", 1)[1])


def test_an_analyst_writes_an_action_linked_to_statements_and_it_is_audited(
    app: Flask, lead: Respondent
) -> None:
    store(
        app,
        [Said("ehc_plans", -0.5, BEFORE, text=f"The plan was late, week {n}.") for n in range(3)],
    )
    with app_session(app) as session:
        first = session.scalars(select(Statement.id).order_by(Statement.id)).first()
    form = lead.get(f"/staff/actions/new?area=ehc_plans&statement={first}")
    assert "The plan was late, week 0." in form.text()
    saved = lead.submit(form, {**ACTION})
    assert saved.status == 200, saved.errors
    assert "Prompted by what 1 person said." in saved.text()
    with app_session(app) as session:
        action = session.scalars(select(Action)).one()
        assert action.translations == {
            "ur": {"you_said": ACTION["you_said_ur"], "we_did": ACTION["we_did_ur"]}
        }
        assert action.done_on == date(2026, 5, 1)
        links = session.scalars(select(ActionStatement.statement_id)).all()
        assert links == [first]
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "action_created"))


def test_a_half_filled_action_is_explained_and_a_done_one_needs_its_date(
    lead: Respondent,
) -> None:
    form = lead.get("/staff/actions/new")
    page = lead.submit(
        form, {"status": "done", "started_on": ["1", "5", "2026"], "done_on": ["1", "4", "2026"]}
    )
    assert page.status == 200
    assert "Write what was done" in page.errors
    assert "Say which team or post owns it" in page.errors
    assert "The date it was done must be on or after the date it started" in page.errors


def test_two_people_editing_an_action_never_overwrite_each_other(
    app: Flask, lead: Respondent
) -> None:
    action_id = write_action(lead)
    other = signed_in(app, "admin", email="other@example.org")
    mine = lead.get(f"/staff/actions/{action_id}")
    theirs = other.get(f"/staff/actions/{action_id}")
    saved = other.submit(theirs, {"we_did": "Their wording."})
    assert saved.status == 200, saved.errors
    clashed = lead.submit(mine, {"we_did": "My wording."})
    assert clashed.soup.select_one("[data-clash]") is not None, clashed.errors
    assert "My wording." in clashed.text() and "Their wording." in clashed.text()
    with app_session(app) as session:
        assert session.get(Action, action_id).we_did == "Their wording."  # type: ignore[union-attr]
    again = lead.submit(clashed, {})
    assert again.status == 200 and again.soup.select_one("[data-clash]") is None
    with app_session(app) as session:
        assert session.get(Action, action_id).we_did == "My wording."  # type: ignore[union-attr]


def test_the_public_page_shows_published_actions_in_english_urdu_and_easy_read(
    app: Flask, lead: Respondent
) -> None:
    write_action(lead)
    write_action(lead, we_did="A draft nobody should see yet.", published="")
    public = Respondent(app.test_client())
    english = public.get("/you-said-we-did?lang=en&format=standard")
    assert english.status == 200
    assert ACTION["we_did"] in english.text()
    assert "A draft nobody should see yet." not in english.text()
    assert "Done" in english.soup.select_one("[data-action]").get_text()
    urdu = public.get("/you-said-we-did?lang=ur")
    assert urdu.lang == "ur" and urdu.soup.html["dir"] == "rtl"
    assert ACTION["we_did_ur"] in urdu.text()
    assert urdu.h1 != english.h1  # the page's own words are in Urdu too
    polish = public.get("/you-said-we-did?lang=pl")
    shown = polish.soup.select_one("[data-action]")
    assert shown["lang"] == "en" and ACTION["we_did"] in shown.get_text()  # not written in Polish
    easy = public.get("/you-said-we-did?lang=en&format=easy-read")
    assert "We write to you every week." in easy.text()


def test_a_reference_code_shows_what_was_done_about_what_that_person_said(
    app: Flask, lead: Respondent
) -> None:
    store(app, [Said("ehc_plans", -0.5, BEFORE), Said("local_offer", -0.5, BEFORE)])
    write_action(lead)
    write_action(lead, focus_area="local_offer", we_did="We rewrote the local offer website.")
    with app_session(app) as session:
        ehc = session.scalars(
            select(Response.reference)
            .join(Statement)
            .join(StatementTag)
            .where(StatementTag.focus_area == "ehc_plans")
        ).one()
        session.execute(
            update(Response).where(Response.reference == ehc).values(reference="K7PM4QXD")
        )
        session.commit()
    public = Respondent(app.test_client())
    page = public.get("/you-said-we-did")
    mine = public.submit(page, {"reference": " k7pm-4qxd "})  # as a person might type it
    assert mine.status == 200, mine.errors
    assert mine.soup.select_one("[data-mine]") is not None
    assert ACTION["we_did"] in mine.text()
    assert "We rewrote the local offer website." not in mine.text()
    wrong = public.submit(page, {"reference": "ZZZZ-ZZZZ"})
    assert wrong.status == 400
    assert "We could not find that reference code" in " ".join(wrong.errors)
    empty = public.submit(page, {"reference": ""})
    assert empty.errors == ["Enter your reference code"]


def test_sentiment_before_and_after_is_shown_only_with_enough_people(
    app: Flask, lead: Respondent
) -> None:
    store(
        app,
        [Said("ehc_plans", -0.6, BEFORE) for _ in range(12)]
        + [Said("ehc_plans", 0.4, AFTER) for _ in range(11)]
        + [Said("ehc_plans", 0.6, AFTER)],
    )
    write_action(lead)
    write_action(lead, focus_area="local_offer", we_did="We rewrote the local offer website.")
    page = Respondent(app.test_client()).get("/you-said-we-did?lang=en&format=standard")
    shown = page.soup.select("[data-before-after]")
    assert len(shown) == 1  # the local offer heard nobody either side
    words = shown[0].get_text(" ", strip=True)
    assert "\u2066−0.60\u2069 in the months before, \u2066+0.42\u2069 since" in words
    assert "better, by more than chance would explain" in words


def test_the_public_page_needs_no_sign_in_and_the_staff_pages_do(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/you-said-we-did").status_code == 200
    assert client.get("/staff/actions/").status_code == 302
    facilitator = signed_in(app, "facilitator")
    assert facilitator.client.get("/staff/actions/").status_code == 403
